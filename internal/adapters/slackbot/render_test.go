package slackbot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/newsdigest/bot/internal/digest"
	goldenfile "github.com/newsdigest/bot/internal/testutil/golden"
	"github.com/newsdigest/bot/internal/textfit"
)

var published = time.Date(2025, 3, 14, 16, 5, 0, 0, time.UTC)

func sampleDigest() digest.Digest {
	return digest.Digest{
		Title:     "Mexico & US agree <new> border deal after weeks of talks",
		Source:    "Reuters",
		URL:       "https://www.reuters.com/world/americas/mexico-us-deal-2025-03-14/?a=1&b=2",
		Published: published,
		Language:  "en",
		Summary: []string{
			"Mexico and the United States agreed on Friday to a new border security deal.",
			"The agreement follows weeks of negotiations over tariffs and migration.",
			"Officials said the deal would take effect next month.",
		},
		Quotes: []digest.Quote{
			{Text: "This deal keeps both economies moving", Speaker: "Rosa Delgado", Cue: "said"},
			{Text: "We found terms that work on both sides", Speaker: "Tomas Whitfield", Cue: "told reporters"},
			{Text: "It is a start", Speaker: "", Cue: "according to"},
		},
		Related: []digest.Headline{
			{Title: "Tariff talks stall again", URL: "https://apnews.com/article/tariffs", Source: "AP", Published: published.Add(-24 * time.Hour)},
			{Title: "México y EE.UU. firman acuerdo fronterizo", URL: "https://elpais.com/mexico/2025-03-14/acuerdo.html", Source: "El País", Published: published, SameStory: true},
			{Title: "Border deal reached", URL: "https://www.bbc.com/news/world-123", Source: "BBC", Published: published, SameStory: true},
			{Title: "Unsafe link", URL: "javascript:alert(1)", Source: "Nowhere"},
		},
		Outlets: []string{"Reuters", "El País", "BBC"},
		StoryID: 42,
	}
}

func goldenReplies() map[string]digest.Reply {
	d := sampleDigest()
	sample := sampleDigest()
	sample.Sample = true
	sample.Outlets = []string{"Sample News"}
	sample.Source = "Sample News"
	sample.Related = nil
	updated := sampleDigest()
	updated.Updated = true
	updated.Title = "Energy reform vote delayed"
	updated.Outlets = []string{"El Universal"}
	updated.Quotes = nil
	return map[string]digest.Reply{
		"digest":        {Kind: digest.ReplyDigest, Query: "mexico", Digest: &d},
		"digest_sample": {Kind: digest.ReplyDigest, Query: "mexico", Digest: &sample},
		"quotes": {Kind: digest.ReplyQuotes, Query: "this deal keeps both economies moving", Quotes: []digest.QuoteHit{
			{Quote: digest.Quote{Text: "This deal keeps both economies moving", Speaker: "Rosa Delgado"}, Title: "Mexico & US agree border deal", Source: "Reuters",
				URL: "https://www.reuters.com/world/americas/mexico-us-deal-2025-03-14/", Published: published, Outlets: 4},
			{Quote: digest.Quote{Text: "Este acuerdo mantiene en marcha las dos economías", Speaker: ""}, Title: "", Source: "La Jornada",
				URL: "https://www.jornada.com.mx/2025/03/14/politica/003n1pol", Published: published.Add(-3 * time.Hour), Outlets: 1},
		}},
		"quotes_empty": {Kind: digest.ReplyQuotes, Query: "pineapple pizza", Text: "No quotes matched “pineapple pizza”.", Suggestions: []string{"pizza tariffs"}},
		"schedules": {Kind: digest.ReplySchedules, Schedules: []digest.Schedule{
			{ID: 3, Platform: "slack", ChannelID: "C1", Topics: []string{"mexico", "energy"}, Hour: 8, Minute: 0, TimeZone: "America/Mexico_City",
				Weekdays: []time.Weekday{time.Monday, time.Friday}, MaxStories: 5, LastDate: "2025-03-14", LastDelivery: published},
			{ID: 7, Platform: "slack", ChannelID: "C1", Topics: []string{"elections"}, Hour: 18, Minute: 30, TimeZone: "UTC", MaxStories: 3,
				LastError: "chat.postMessage: not_in_channel (invite the bot to the channel with /invite)"},
			{ID: 9, Platform: "slack", ChannelID: "C1", Topics: []string{"r&d <labs>"}, Hour: 6, TimeZone: "Europe/Madrid", MaxStories: 5},
		}},
		"schedules_empty": {Kind: digest.ReplySchedules},
		"daily": {Kind: digest.ReplyDaily, Topics: []string{"mexico", "energy", "elections"}, Stories: []digest.Digest{d, updated},
			Empty: []string{"elections"}},
		"daily_empty": {Kind: digest.ReplyDaily, Topics: []string{"mexico"}, Empty: []string{"mexico"}},
		"help":        {Kind: digest.ReplyText, Ephemeral: true, Text: "*News digest bot*\n• /news <topic> — the top story on a topic\n• /quote <words> — who said it\n\nMore: /digest add <topics> at <HH:MM>"},
		"news_empty":  {Kind: digest.ReplyText, Query: "atlantis", Text: "Nothing on “atlantis” yet.", Suggestions: []string{"atlanta", "atlantic storms", "`odd` topic"}},
	}
}

func marshalMessage(t testing.TB, m message) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		t.Fatalf("marshal: %v", err)
	}
	return buf.Bytes()
}

func TestRenderGolden(t *testing.T) {
	for name, r := range goldenReplies() {
		t.Run(name, func(t *testing.T) {
			m := render(r)
			checkLimits(t, m)
			got := marshalMessage(t, m)
			goldenfile.Check(t, filepath.Join("testdata", name+".golden"), got)
		})
	}
}

// readable writes a message's blocks one per line in a mrkdwn-like form,
// for content assertions: rich-text styles as *bold*, _italic_ and `code`,
// links as <url|label>, dates as <!date^…|fallback>, quotes as "> …" and
// list items as "• …"; plain_text is written as it is.
func readable(m message) string {
	var out []string
	elems := func(els []slack.RichTextSectionElement) string {
		var b strings.Builder
		for _, e := range els {
			switch x := e.(type) {
			case *slack.RichTextSectionTextElement:
				t := x.Text
				if x.Style != nil {
					switch {
					case x.Style.Bold:
						t = "*" + t + "*"
					case x.Style.Italic:
						t = "_" + t + "_"
					case x.Style.Code:
						t = "`" + t + "`"
					}
				}
				b.WriteString(t)
			case *slack.RichTextSectionLinkElement:
				b.WriteString("<" + x.URL + "|" + x.Text + ">")
			case *slack.RichTextSectionDateElement:
				fb := ""
				if x.Fallback != nil {
					fb = *x.Fallback
				}
				fmt.Fprintf(&b, "<!date^%d^%s|%s>", int64(x.Timestamp), x.Format, fb)
			}
		}
		return b.String()
	}
	for _, bl := range m.Blocks {
		switch x := bl.(type) {
		case *slack.HeaderBlock:
			out = append(out, "# "+x.Text.Text)
		case *slack.SectionBlock:
			out = append(out, x.Text.Text)
		case *slack.ContextBlock:
			var parts []string
			for _, e := range x.ContextElements.Elements {
				if o, ok := e.(*slack.TextBlockObject); ok {
					parts = append(parts, o.Text)
				}
			}
			out = append(out, "ctx: "+strings.Join(parts, " "))
		case *slack.DividerBlock:
			out = append(out, "---")
		case *slack.RichTextBlock:
			for _, el := range x.Elements {
				switch y := el.(type) {
				case *slack.RichTextSection:
					out = append(out, elems(y.Elements))
				case *slack.RichTextQuote:
					out = append(out, "> "+elems(y.Elements))
				case *slack.RichTextList:
					for _, it := range y.Elements {
						if sec, ok := it.(*slack.RichTextSection); ok {
							out = append(out, "• "+elems(sec.Elements))
						}
					}
				}
			}
		}
	}
	return strings.Join(out, "\n")
}

func TestRenderContent(t *testing.T) {
	r := goldenReplies()
	tests := []struct {
		name  string
		reply digest.Reply
		want  []string
		avoid []string
	}{
		{"digest as written and linked", r["digest"], []string{
			"# Mexico & US agree <new> border deal", // header is plain text: not escaped
			"<https://www.reuters.com/world/americas/mexico-us-deal-2025-03-14/?a=1&b=2|Read the article>",
			"> “This deal keeps both economies moving” — *Rosa Delgado*",
			"Carried by 3 outlets: Reuters, El País, BBC",
			"<!date^1741968300^",
		}, []string{"javascript:", "&lt;", "Sample"}},
		{"same story first", r["digest"], []string{"*Also reported by*\n• <https://elpais.com/"}, nil},
		{"sample marked", r["digest_sample"], []string{"Sample article", "sample article"}, nil},
		{"quotes carry outlets", r["quotes"], []string{"carried by 4 outlets", "carried by 1 outlet", "*Rosa Delgado*", "(_Reuters_)"}, nil},
		{"empty quotes suggest", r["quotes_empty"], []string{"No quotes matched", "`pizza tariffs`"}, nil},
		{"schedules state", r["schedules"], []string{"*#3*", "Last delivered <!date^", "Not delivered yet", "⚠️ Last error: chat.postMessage: not_in_channel", "r&d <labs>"}, nil},
		{"schedules empty", r["schedules_empty"], []string{"No daily digests here yet"}, nil},
		{"daily", r["daily"], []string{"_ (updated)_", "No new stories on elections."}, nil},
		{"daily empty", r["daily_empty"], []string{"No new stories on mexico."}, nil},
		{"help as written", r["help"], []string{"/news <topic>", "*News digest bot*"}, []string{"&lt;"}},
		{"news empty", r["news_empty"], []string{"`atlanta`", "``odd` topic`"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := render(tt.reply)
			checkLimits(t, m)
			all := readable(m)
			for _, w := range tt.want {
				if !strings.Contains(all, w) {
					t.Errorf("missing %q in:\n%s", w, all)
				}
			}
			for _, a := range tt.avoid {
				if strings.Contains(all, a) {
					t.Errorf("unexpected %q in:\n%s", a, all)
				}
			}
		})
	}
}

// allTexts returns every string value in a JSON document.
func allTexts(t testing.TB, js []byte) []string {
	t.Helper()
	var v any
	if err := json.Unmarshal(js, &v); err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case string:
			out = append(out, x)
		case []any:
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	return out
}

// checkLimits fails t when m breaks any Slack limit.
func checkLimits(t testing.TB, m message) {
	t.Helper()
	if len(m.Blocks) == 0 || len(m.Blocks) > maxBlocks {
		t.Errorf("%d blocks, want 1..%d", len(m.Blocks), maxBlocks)
	}
	if m.Text == "" || textfit.Len(m.Text) > maxFallbackChars {
		t.Errorf("fallback text has %d chars", textfit.Len(m.Text))
	}
	checkText := func(what string, o *slack.TextBlockObject, limit int) {
		if o == nil {
			return
		}
		if strings.TrimSpace(o.Text) == "" {
			t.Errorf("%s: empty or blank text %q", what, o.Text)
		}
		if o.Type == slack.MarkdownType && !o.Verbatim {
			t.Errorf("%s: mrkdwn without verbatim (Slack would auto-link names and mentions)", what)
		}
		if !utf8.ValidString(o.Text) {
			t.Errorf("%s: invalid UTF-8", what)
		}
		if n := textfit.Len(o.Text); n > limit {
			t.Errorf("%s: %d chars > %d", what, n, limit)
		}
		if o.Type == slack.MarkdownType {
			checkMrkdwn(t, what, o.Text)
		}
	}
	for i, b := range m.Blocks {
		what := fmt.Sprintf("block %d (%s)", i, b.BlockType())
		switch x := b.(type) {
		case *slack.HeaderBlock:
			if x.Text.Type != slack.PlainTextType {
				t.Errorf("%s: header must be plain_text", what)
			}
			checkText(what, x.Text, maxHeaderChars)
		case *slack.SectionBlock:
			checkText(what, x.Text, maxSectionChars)
			if len(x.Fields) > maxFields {
				t.Errorf("%s: %d fields", what, len(x.Fields))
			}
			for _, f := range x.Fields {
				checkText(what+" field", f, maxFieldChars)
			}
		case *slack.ContextBlock:
			if n := len(x.ContextElements.Elements); n == 0 || n > maxContextElems {
				t.Errorf("%s: %d elements", what, n)
			}
			for _, e := range x.ContextElements.Elements {
				if o, ok := e.(*slack.TextBlockObject); ok {
					checkText(what, o, maxContextChars)
				}
			}
		case *slack.RichTextBlock:
			checkRich(t, what, x)
		case *slack.DividerBlock:
		default:
			t.Errorf("%s: unexpected block type %T", what, b)
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(m); err != nil {
		t.Fatal(err)
	}
	if n := utf8.RuneCount(buf.Bytes()); n > 12000 {
		t.Errorf("message JSON is %d chars, want ≤ 12000", n)
	}
}

// checkRich fails when a rich_text block is empty, holds an empty text
// element or an unsafe link, or more text than a section may.
func checkRich(t testing.TB, what string, b *slack.RichTextBlock) {
	t.Helper()
	n, visible := 0, false
	var walk func(els []slack.RichTextSectionElement)
	walk = func(els []slack.RichTextSectionElement) {
		if len(els) == 0 {
			t.Errorf("%s: empty rich-text element", what)
		}
		for _, e := range els {
			switch x := e.(type) {
			case *slack.RichTextSectionTextElement:
				if x.Text == "" || !utf8.ValidString(x.Text) {
					t.Errorf("%s: empty or invalid text element %q", what, x.Text)
				}
				n += textfit.Len(x.Text)
				visible = visible || strings.TrimSpace(x.Text) != ""
			case *slack.RichTextSectionLinkElement:
				if !safeURL(x.URL) || strings.TrimSpace(x.Text) == "" {
					t.Errorf("%s: bad link %q %q", what, x.URL, x.Text)
				}
				n += textfit.Len(x.Text)
				visible = true
			case *slack.RichTextSectionDateElement:
				visible = true
			default:
				t.Errorf("%s: unexpected rich-text element %T", what, e)
			}
		}
	}
	for _, el := range b.Elements {
		switch x := el.(type) {
		case *slack.RichTextSection:
			walk(x.Elements)
		case *slack.RichTextQuote:
			walk(x.Elements)
		case *slack.RichTextList:
			for _, it := range x.Elements {
				sec, ok := it.(*slack.RichTextSection)
				if !ok {
					t.Errorf("%s: list item %T", what, it)
					continue
				}
				walk(sec.Elements)
			}
		default:
			t.Errorf("%s: unexpected rich-text part %T", what, el)
		}
	}
	if !visible {
		t.Errorf("%s: rich text shows nothing", what)
	}
	if n > maxSectionChars {
		t.Errorf("%s: %d chars of rich text > %d", what, n, maxSectionChars)
	}
}

// checkMrkdwn fails when mrkdwn text holds an unescaped control character
// outside a link or date token, or a half-open link.
func checkMrkdwn(t testing.TB, what, s string) {
	t.Helper()
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '<':
			if depth > 0 {
				t.Errorf("%s: nested < at %d in %q", what, i, s)
				return
			}
			rest := s[i+1:]
			if !strings.HasPrefix(rest, "http://") && !strings.HasPrefix(rest, "https://") && !strings.HasPrefix(rest, "!date^") {
				t.Errorf("%s: < at %d opens neither a link nor a date: %q", what, i, s)
				return
			}
			depth++
		case '>':
			if depth == 0 && (i == 0 || s[i-1] != '\n') && i > 0 {
				// A leading '>' is a block quote; elsewhere it must be escaped.
				t.Errorf("%s: bare > at %d in %q", what, i, s)
				return
			}
			if depth > 0 {
				depth--
			}
		case '&':
			rest := s[i:]
			if !strings.HasPrefix(rest, "&amp;") && !strings.HasPrefix(rest, "&lt;") && !strings.HasPrefix(rest, "&gt;") {
				t.Errorf("%s: bare & at %d in %q", what, i, s)
				return
			}
		}
	}
	if depth != 0 {
		t.Errorf("%s: unclosed < in %q", what, s)
	}
}

// randText returns text of about n characters from an alphabet heavy in
// characters that need escaping or take two UTF-16 units.
func randText(rng *rand.Rand, n int) string {
	alphabet := []string{"a", "b", "c", "word", " ", " ", " ", "\n", "&", "<", ">", "*", "_", "`", "|", "\"", "é", "ñ", "日本", "😀", "“", "—", "\t"}
	var b strings.Builder
	for c := 0; c < n; {
		w := alphabet[rng.IntN(len(alphabet))]
		b.WriteString(w)
		c += textfit.Len(w)
	}
	return b.String()
}

func randURL(rng *rand.Rand) string {
	switch rng.IntN(4) {
	case 0:
		return ""
	case 1:
		return "javascript:alert(1)"
	case 2:
		return "https://example.com/" + strings.Repeat("x", rng.IntN(1500)) + "?a=1&b=<2>"
	}
	return "https://example.com/a?x=1&y=2"
}

func randDigest(rng *rand.Rand, size int) digest.Digest {
	d := digest.Digest{
		Title:     randText(rng, rng.IntN(size)),
		Source:    randText(rng, rng.IntN(200)),
		URL:       randURL(rng),
		Published: time.Unix(rng.Int64N(2e9), 0),
		Sample:    rng.IntN(3) == 0,
		Updated:   rng.IntN(3) == 0,
	}
	for range rng.IntN(8) {
		d.Summary = append(d.Summary, randText(rng, rng.IntN(size)))
	}
	for range rng.IntN(12) {
		d.Quotes = append(d.Quotes, digest.Quote{Text: randText(rng, rng.IntN(size)), Speaker: randText(rng, rng.IntN(300))})
	}
	for range rng.IntN(20) {
		d.Related = append(d.Related, digest.Headline{Title: randText(rng, rng.IntN(size)), URL: randURL(rng),
			Source: randText(rng, rng.IntN(100)), SameStory: rng.IntN(2) == 0})
	}
	for range rng.IntN(60) {
		d.Outlets = append(d.Outlets, randText(rng, rng.IntN(60)))
	}
	return d
}

func randReply(rng *rand.Rand) digest.Reply {
	size := []int{10, 200, 3000, 9000}[rng.IntN(4)]
	if rng.IntN(2) == 0 {
		size = min(size, 600) // many medium items: the block and size budgets bind
	}
	r := digest.Reply{Kind: digest.ReplyKind(rng.IntN(5)), Text: randText(rng, rng.IntN(size)), Query: randText(rng, rng.IntN(300)), Ephemeral: rng.IntN(2) == 0}
	for range rng.IntN(30) {
		r.Suggestions = append(r.Suggestions, randText(rng, rng.IntN(200)))
	}
	switch r.Kind {
	case digest.ReplyDigest:
		if rng.IntN(10) > 0 {
			d := randDigest(rng, size)
			r.Digest = &d
		}
	case digest.ReplyQuotes:
		for range rng.IntN(80) {
			r.Quotes = append(r.Quotes, digest.QuoteHit{Quote: digest.Quote{Text: randText(rng, rng.IntN(size)), Speaker: randText(rng, rng.IntN(300))},
				Title: randText(rng, rng.IntN(size)), Source: randText(rng, rng.IntN(200)), URL: randURL(rng), Published: time.Unix(rng.Int64N(2e9), 0), Outlets: rng.IntN(50)})
		}
	case digest.ReplySchedules:
		for i := range rng.IntN(80) {
			s := digest.Schedule{ID: int64(i + 1), TimeZone: randText(rng, 30), Hour: rng.IntN(24), MaxStories: rng.IntN(10), LastError: randText(rng, rng.IntN(size))}
			for range rng.IntN(12) {
				s.Topics = append(s.Topics, randText(rng, rng.IntN(200)))
			}
			if rng.IntN(2) == 0 {
				s.LastDelivery = time.Unix(rng.Int64N(2e9), 0)
			}
			r.Schedules = append(r.Schedules, s)
		}
	case digest.ReplyDaily:
		for range rng.IntN(25) {
			r.Stories = append(r.Stories, randDigest(rng, size))
		}
		for range rng.IntN(20) {
			r.Topics = append(r.Topics, randText(rng, rng.IntN(100)))
		}
		for range rng.IntN(20) {
			r.Empty = append(r.Empty, randText(rng, rng.IntN(100)))
		}
	}
	return r
}

// TestRenderLimitsProperty renders random, often huge, replies and checks
// that every message stays within every Slack limit.
func TestRenderLimitsProperty(t *testing.T) {
	n := 400
	if testing.Short() {
		n = 60
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range n {
		r := randReply(rng)
		m := render(r)
		checkLimits(t, m)
		if t.Failed() {
			t.Fatalf("case %d (kind %d) broke a limit", i, r.Kind)
		}
	}
}

func TestAckPayloadSize(t *testing.T) {
	for _, text := range []string{ackWorking, ackBusy, strings.Repeat("<&>", 50000)} {
		js, err := json.Marshal(newAck(text))
		if err != nil {
			t.Fatal(err)
		}
		if len(js) >= maxAckBytes {
			t.Errorf("ack payload %d bytes, want < %d", len(js), maxAckBytes)
		}
	}
}

func TestClipMrkdwnKeepsLinksWhole(t *testing.T) {
	for _, s := range []string{
		"see <https://example.com/a?b=1&amp;c=2|a long label here> and more text",
		"a &gt;&gt;&gt; b &amp;&amp; <!date^1^{date}|1 Jan> &lt;&lt;",
	} {
		for max := 1; max <= len(s); max++ {
			got := clipMrkdwn(s, max)
			if textfit.Len(got) > max {
				t.Fatalf("max %d: %d chars", max, textfit.Len(got))
			}
			checkMrkdwn(t, fmt.Sprintf("max %d", max), got)
		}
	}
}

func TestUnslack(t *testing.T) {
	tests := []struct{ in, want string }{
		{"news <https://example.com/a?b=1&amp;c=2>", "news https://example.com/a?b=1&c=2"},
		{"news <https://example.com|example.com>", "news https://example.com"},
		{"who said &quot;x&quot; &lt;3", "who said &quot;x&quot; <3"},
		{"<@U123> who said \"economies\"?", "who said \"economies\"?"},
		{"digest add <#C1|general> at 8", "digest add general at 8"},
		{"<!here> hi", "hi"},
		{"  ", ""},
	}
	for _, tt := range tests {
		if got := unslack(tt.in); got != tt.want {
			t.Errorf("unslack(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzUnslack(f *testing.F) {
	for _, s := range []string{"news <https://x.y|x>", "<@U1>", "&amp;&lt;&gt;", "<<>>", "<!date^1^{x}|y>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := unslack(s)
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Fatalf("unslack produced invalid UTF-8 from %q", s)
		}
		if len(out) > len(s) {
			t.Fatalf("unslack grew %q to %q", s, out)
		}
	})
}

func FuzzEscClip(f *testing.F) {
	f.Add("a & b < c > d", 5)
	f.Add("😀😀 text", 3)
	f.Fuzz(func(t *testing.T, s string, max int) {
		if max < 0 || max > 5000 || !utf8.ValidString(s) {
			return
		}
		got := escClip(s, max)
		if max > 0 && textfit.Len(got) > max {
			t.Fatalf("escClip(%q, %d) = %d chars", s, max, textfit.Len(got))
		}
		if max > 0 {
			checkMrkdwn(t, "escClip", strings.TrimLeft(got, ">"))
		}
	})
}

func BenchmarkRenderDigest(b *testing.B) {
	r := goldenReplies()["digest"]
	b.ReportAllocs()
	for b.Loop() {
		_ = render(r)
	}
}

func BenchmarkRenderDaily(b *testing.B) {
	r := goldenReplies()["daily"]
	b.ReportAllocs()
	for b.Loop() {
		_ = render(r)
	}
}

// TestEscClip checks the mrkdwn-escaped cut: the most text that fits once
// escaped, entities whole, and a lone "…" when only that fits.
func TestEscClip(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"a & b", 9, "a &amp; b"},
		{"ab<<<<", 7, "ab&lt;…"},
		{"ab<<<<", 11, "ab&lt;&lt;…"},
		{"<<", 2, "…"},
		{"<<", 0, ""},
	}
	for _, tt := range tests {
		if got := escClip(tt.in, tt.max); got != tt.want {
			t.Errorf("escClip(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
	}
}
