package discordbot

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/newsdigest/bot/internal/digest"
	goldenfile "github.com/newsdigest/bot/internal/testutil/golden"
	"github.com/newsdigest/bot/internal/textfit"
)

var published = time.Date(2026, 11, 26, 14, 30, 0, 0, time.UTC)

func sampleDigest() *digest.Digest {
	return &digest.Digest{
		Title:     "Border governor rejects toll rise: \"this bridge belongs to everyone\"",
		Source:    "Reuters",
		URL:       "https://www.reuters.com/world/americas/mexico-bridge-tolls-2026-11-26/",
		Published: published,
		Language:  "en",
		Summary: []string{
			"A northern Mexican governor on Wednesday rejected a plan to double tolls on the state's border bridges.",
			"The remarks came a day after the bridge operator proposed the rise to pay for repairs.",
			"Officials on both sides of the border said talks on the tolls would continue next week.",
		},
		Quotes: []digest.Quote{
			{Text: "This bridge belongs to everyone", Speaker: "Inés Báez", Cue: "said"},
			{Text: "We will talk, but we will not pay twice for the same bridge", Speaker: "Inés Báez", Cue: "told reporters"},
			{Text: "All options remain on the table", Speaker: "", Cue: "according to"},
		},
		Related: []digest.Headline{
			{Title: "Bridge operator weighs higher tolls", URL: "https://example.com/operator-weighs", Source: "AP", SameStory: false},
			{Title: "Báez: tolls will [not] double", URL: "https://apnews.com/article/mexico-bridge-tolls", Source: "AP", SameStory: true},
			{Title: "Gobernadora rechaza subir los peajes", URL: "https://elpais.com/mexico/2026-11-26/peajes.html", Source: "El País", SameStory: true},
			{Title: "Bad link", URL: "javascript:alert(1)", Source: "Nowhere"},
		},
		Outlets: []string{"Reuters", "AP", "El País"},
		StoryID: 42,
	}
}

func sampleReplies() map[string]digest.Reply {
	d := sampleDigest()
	sample := *d
	sample.Sample = true
	sample.Outlets = []string{"Newsbot samples"}
	long := *d
	long.Title = strings.Repeat("Very long headline words ", 30)
	long.Summary = []string{strings.Repeat("A summary sentence with *stars* and _underscores_ that goes on. ", 120)}
	long.Quotes = nil
	for range 30 {
		long.Quotes = append(long.Quotes, digest.Quote{Text: strings.Repeat("quoted words ", 150), Speaker: strings.Repeat("Speaker ", 60)})
	}
	for i := range 40 {
		long.Related = append(long.Related, digest.Headline{Title: strings.Repeat("related ", 20), URL: "https://example.com/r/" + strings.Repeat("x", i), Source: "Outlet", SameStory: i%2 == 0})
	}
	long.Outlets = strings.Split(strings.Repeat("Outlet,", 40), ",")
	updated := *d
	updated.Updated = true
	return map[string]digest.Reply{
		"text":        {Kind: digest.ReplyText, Text: "Usage: /news <topic>\nExamples: /news mexico"},
		"suggestions": {Kind: digest.ReplyText, Text: "No stories about \"mexcio\".", Suggestions: []string{"mexico", "mexico city"}},
		"long_text":   {Kind: digest.ReplyText, Text: strings.Repeat("line of help text that is fairly long\n", 120)},
		"digest":      {Kind: digest.ReplyDigest, Query: "mexico", Digest: d},
		"sample":      {Kind: digest.ReplyDigest, Query: "mexico", Text: "Showing a sample article: no live news yet.", Digest: &sample},
		"huge_digest": {Kind: digest.ReplyDigest, Query: "long", Digest: &long},
		"quotes": {Kind: digest.ReplyQuotes, Query: "this bridge belongs to everyone", Quotes: []digest.QuoteHit{
			{Quote: d.Quotes[0], Title: d.Title, Source: "Reuters", URL: d.URL, Published: published, Outlets: 3},
			{Quote: d.Quotes[2], Title: "Bridge operator weighs higher tolls", Source: "AP", URL: "https://example.com/operator-weighs", Published: published.Add(-time.Hour), Outlets: 1},
		}},
		"no_quotes": {Kind: digest.ReplyQuotes, Query: "nothing", Text: "No quotes match “nothing”."},
		"schedules": {Kind: digest.ReplySchedules, Schedules: []digest.Schedule{
			{ID: 1, Topics: []string{"mexico", "energy"}, Hour: 8, TimeZone: "America/Mexico_City", Weekdays: []time.Weekday{1, 2, 3, 4, 5}, MaxStories: 5,
				LastDate: "2026-11-26", LastDelivery: published},
			{ID: 2, Topics: []string{"climate"}, Hour: 18, Minute: 30, TimeZone: "UTC", MaxStories: 3, LastError: "post to discord channel c1: HTTP 403 Forbidden"},
		}},
		"no_schedules": {Kind: digest.ReplySchedules},
		"daily": {Kind: digest.ReplyDaily, Topics: []string{"mexico", "energy", "climate"}, Empty: []string{"climate"},
			Stories: []digest.Digest{*d, updated}},
		"daily_empty": {Kind: digest.ReplyDaily, Topics: []string{"climate"}, Empty: []string{"climate"}},
		"digest_nil":  {Kind: digest.ReplyDigest, Text: "No stories about that yet."},
	}
}

func TestRenderGolden(t *testing.T) {
	for name, r := range sampleReplies() {
		t.Run(name, func(t *testing.T) {
			msgs := render(r)
			assertWithinLimits(t, msgs)
			golden(t, filepath.Join("testdata", "render", name+".json"), indentJSON(t, msgs))
		})
	}
}

// indentJSON encodes v readably (no HTML escaping).
func indentJSON(t *testing.T, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// golden compares got with the file at path, rewriting it under -update.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	goldenfile.Check(t, path, append(bytes.TrimSpace(got), '\n'))
}

func assertWithinLimits(t *testing.T, msgs []message) {
	t.Helper()
	if len(msgs) == 0 {
		t.Fatal("no messages")
	}
	for i, m := range msgs {
		for _, p := range checkMessage(m.Content, m.Embeds) {
			t.Errorf("message %d: %s", i, p)
		}
		if !utf8.ValidString(m.Content) {
			t.Errorf("message %d: content is not valid UTF-8", i)
		}
		for _, e := range m.Embeds {
			for _, s := range []string{e.Title, e.Description} {
				if !utf8.ValidString(s) {
					t.Errorf("message %d: invalid UTF-8 in embed", i)
				}
			}
		}
	}
}

func TestRenderDetails(t *testing.T) {
	r := sampleReplies()
	t.Run("digest fields", func(t *testing.T) {
		msgs := render(r["digest"])
		if len(msgs) != 1 || len(msgs[0].Embeds) != 1 {
			t.Fatalf("want one message with one embed, got %+v", msgs)
		}
		e := msgs[0].Embeds[0]
		if e.URL != sampleDigest().URL || e.Author.Name != "Reuters" || e.Timestamp != "2026-11-26T14:30:00Z" {
			t.Errorf("title link, author or timestamp wrong: %+v", e)
		}
		var names []string
		for _, f := range e.Fields {
			names = append(names, f.Name)
		}
		want := []string{"— Inés Báez", "— Inés Báez", "— unattributed", "Same story, other outlets", "Related"}
		if strings.Join(names, "|") != strings.Join(want, "|") {
			t.Errorf("fields = %q, want %q", names, want)
		}
		same := e.Fields[3].Value
		if !strings.HasPrefix(same, "[Báez: tolls will \\[not\\] double](https://apnews.com/") {
			t.Errorf("same-story links not escaped or not first: %q", same)
		}
		if strings.Contains(e.Fields[4].Value, "javascript:") {
			t.Errorf("unsafe URL linked: %q", e.Fields[4].Value)
		}
		if !strings.Contains(e.Footer.Text, "3 outlets") {
			t.Errorf("footer = %q", e.Footer.Text)
		}
	})
	t.Run("sample marked", func(t *testing.T) {
		e := render(r["sample"])[0].Embeds[0]
		if !strings.Contains(e.Footer.Text, "Sample article") {
			t.Errorf("sample footer = %q", e.Footer.Text)
		}
	})
	t.Run("daily empty topics", func(t *testing.T) {
		msgs := render(r["daily_empty"])
		if len(msgs) != 1 || msgs[0].Content != "No new stories on climate." {
			t.Errorf("got %+v", msgs)
		}
	})
	t.Run("long text split", func(t *testing.T) {
		msgs := render(r["long_text"])
		if len(msgs) < 3 {
			t.Fatalf("want several messages, got %d", len(msgs))
		}
		var joined []string
		for _, m := range msgs {
			joined = append(joined, m.Content)
		}
		if got := strings.Join(joined, "\n"); got != strings.TrimSpace(r["long_text"].Text) {
			t.Errorf("split lost text")
		}
	})
	t.Run("huge digest truncated", func(t *testing.T) {
		e := render(r["huge_digest"])[0].Embeds[0]
		if !strings.HasSuffix(e.Title, "…") || !strings.HasSuffix(e.Description, "…") {
			t.Errorf("title/description not shortened with an ellipsis: %q / …%q", e.Title, e.Description[len(e.Description)-20:])
		}
	})
}

func FuzzShorten(f *testing.F) {
	f.Add("hello wonderful world", 10)
	f.Add("ab😀😀😀 \xff\xfe x", 4)
	f.Fuzz(func(t *testing.T, s string, max int) {
		max %= 5000
		got := textfit.Shorten(s, max)
		if textfit.Len(got) > max && max >= 0 {
			t.Fatalf("textfit.Shorten(%q, %d) = %q: %d characters", s, max, got, textfit.Len(got))
		}
		if textfit.Len(s) <= max && got != s {
			t.Fatalf("textfit.Shorten changed a fitting string")
		}
		if e := escShorten(s, max); max > 0 && textfit.Len(e) > max {
			t.Fatalf("escShorten over: %d > %d", textfit.Len(e), max)
		}
	})
}

// TestRenderRandomHugeRepliesWithinLimits is a property test: random
// replies with huge, odd text always render within every Discord limit.
func TestRenderRandomHugeRepliesWithinLimits(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	iterations := 300
	if testing.Short() {
		iterations = 50
	}
	for i := range iterations {
		r := randomReply(rng)
		msgs := render(r)
		for j, m := range msgs {
			if bad := checkMessage(m.Content, m.Embeds); len(bad) > 0 {
				t.Fatalf("iteration %d kind %d message %d: %v", i, r.Kind, j, bad)
			}
		}
	}
}

var alphabet = []string{"a", "b", "word", " ", " ", "\n", "*", "_", "[", "]", "(", ")", "é", "ñ", "日本", "😀", "👩‍👩‍👧", "\u200b", "\xff", "`", "\\", "@everyone", "https://x.io/a)b"}

func randomText(rng *rand.Rand, max int) string {
	n := rng.IntN(max + 1)
	var b strings.Builder
	for range n {
		b.WriteString(alphabet[rng.IntN(len(alphabet))])
	}
	return b.String()
}

func randomDigest(rng *rand.Rand) digest.Digest {
	d := digest.Digest{
		Title: randomText(rng, 400), Source: randomText(rng, 300), URL: "https://example.com/" + randomText(rng, 30),
		Published: published, Language: randomText(rng, 3), Sample: rng.IntN(2) == 0, Updated: rng.IntN(3) == 0,
	}
	for range rng.IntN(6) {
		d.Summary = append(d.Summary, randomText(rng, 2000))
	}
	for range rng.IntN(30) {
		d.Quotes = append(d.Quotes, digest.Quote{Text: randomText(rng, 1500), Speaker: randomText(rng, 400), Cue: randomText(rng, 20)})
	}
	for range rng.IntN(40) {
		d.Related = append(d.Related, digest.Headline{Title: randomText(rng, 500), URL: "https://example.com/" + randomText(rng, 600), Source: randomText(rng, 100), SameStory: rng.IntN(2) == 0})
	}
	for range rng.IntN(50) {
		d.Outlets = append(d.Outlets, randomText(rng, 100))
	}
	return d
}

func randomReply(rng *rand.Rand) digest.Reply {
	r := digest.Reply{Kind: digest.ReplyKind(rng.IntN(5)), Text: randomText(rng, 3000), Query: randomText(rng, 300)}
	for range rng.IntN(5) {
		r.Suggestions = append(r.Suggestions, randomText(rng, 200))
	}
	switch r.Kind {
	case digest.ReplyDigest:
		d := randomDigest(rng)
		r.Digest = &d
	case digest.ReplyQuotes:
		for range rng.IntN(30) {
			r.Quotes = append(r.Quotes, digest.QuoteHit{Quote: digest.Quote{Text: randomText(rng, 3000), Speaker: randomText(rng, 500), Cue: randomText(rng, 50)},
				Title: randomText(rng, 500), Source: randomText(rng, 300), URL: randomText(rng, 20), Outlets: rng.IntN(5)})
		}
	case digest.ReplySchedules:
		for i := range rng.IntN(80) {
			r.Schedules = append(r.Schedules, digest.Schedule{ID: int64(i + 1), Topics: []string{randomText(rng, 300), randomText(rng, 300)},
				Hour: rng.IntN(24), TimeZone: randomText(rng, 30), MaxStories: 5, LastError: randomText(rng, 2000), LastDate: randomText(rng, 20)})
		}
	case digest.ReplyDaily:
		for range rng.IntN(15) {
			r.Stories = append(r.Stories, randomDigest(rng))
		}
		for range rng.IntN(20) {
			r.Empty = append(r.Empty, randomText(rng, 100))
		}
	}
	return r
}

func BenchmarkRenderDigest(b *testing.B) {
	r := sampleReplies()["digest"]
	b.ReportAllocs()
	for b.Loop() {
		render(r)
	}
}

func BenchmarkRenderHugeDaily(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	r := digest.Reply{Kind: digest.ReplyDaily, Topics: []string{"mexico"}}
	for range 10 {
		r.Stories = append(r.Stories, randomDigest(rng))
	}
	b.ReportAllocs()
	for b.Loop() {
		render(r)
	}
}

// TestEscShorten checks the markdown-escaped cut: the most text that fits
// once escaped, and a lone "…" (never "") when only that fits.
func TestEscShorten(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"plain words", 20, "plain words"},
		{"a*b", 4, `a\*b`},
		{"ab****", 7, `ab\*\*…`},
		{"**", 2, "…"},
		{"**", 0, ""},
	}
	for _, tt := range tests {
		if got := escShorten(tt.in, tt.max); got != tt.want {
			t.Errorf("escShorten(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
	}
}
