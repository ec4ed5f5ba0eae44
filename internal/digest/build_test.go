package digest

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func loadArticle(tb testing.TB) Article {
	tb.Helper()
	body, err := os.ReadFile("text/testdata/article.txt") // ~1,100 words, written by the team
	if err != nil {
		tb.Fatal(err)
	}
	return Article{Title: "Harbour city council approves flood defence plan", Source: "Test", Body: string(body)}
}

func TestBuildIsVerbatimAndBounded(t *testing.T) {
	a := loadArticle(t)
	for _, opts := range []BuildOptions{{}, {Sentences: 1, Quotes: 1}, {Sentences: 5, Quotes: 5}} {
		d := Build(a, opts)
		want := opts.withDefaults()
		if len(d.Summary) != want.Sentences {
			t.Errorf("%+v: %d summary sentences, want %d", opts, len(d.Summary), want.Sentences)
		}
		if len(d.Quotes) == 0 || len(d.Quotes) > want.Quotes {
			t.Errorf("%+v: %d quotes, want 1..%d", opts, len(d.Quotes), want.Quotes)
		}
		last := -1
		for _, s := range d.Summary {
			i := strings.Index(a.Body, s)
			if i < 0 {
				t.Fatalf("summary sentence not verbatim: %q", s)
			}
			if i <= last {
				t.Errorf("summary not in article order at %q", s)
			}
			last = i
		}
		for _, q := range d.Quotes {
			if a.Body[q.Start:q.End] != q.Text {
				t.Errorf("quote offsets [%d,%d) do not hold %q", q.Start, q.End, q.Text)
			}
		}
		if d.Related == nil || d.Summary == nil || d.Quotes == nil {
			t.Error("JSON lists must be empty lists, not null")
		}
	}
}

func TestBuildEmptyAndHugeInput(t *testing.T) {
	if d := Build(Article{Body: ""}, BuildOptions{}); len(d.Summary) != 0 || len(d.Quotes) != 0 {
		t.Fatalf("empty article gave %+v", d)
	}
	// 10 MB of text: must finish, stay verbatim and read only the first
	// MaxAnalysedBytes. The copies from there on are reworded (longer
	// sentences, which the summary favours), so a sentence read past the
	// cap (and most quotes) would be found only there.
	art := loadArticle(t).Body + "\n\n"
	head := strings.Repeat(art, MaxAnalysedBytes/len(art)+1)
	tail := strings.Repeat(strings.ReplaceAll(art, " the ", " the very "), (10<<20-len(head))/len(art))
	huge := head + tail
	d := Build(Article{Body: huge}, BuildOptions{})
	if len(d.Summary) == 0 || len(d.Quotes) == 0 {
		t.Fatalf("huge article gave %d sentences, %d quotes", len(d.Summary), len(d.Quotes))
	}
	for _, s := range d.Summary {
		i := strings.Index(huge, s)
		if i < 0 {
			t.Fatalf("summary sentence not verbatim: %q", s)
		}
		if i+len(s) > MaxAnalysedBytes {
			t.Errorf("summary sentence at [%d,%d), past MaxAnalysedBytes: %q", i, i+len(s), s)
		}
	}
	for _, q := range d.Quotes {
		if q.End > MaxAnalysedBytes || huge[q.Start:q.End] != q.Text {
			t.Errorf("quote [%d,%d) %q: past MaxAnalysedBytes or not at its offsets", q.Start, q.End, q.Text)
		}
	}
}

func TestAnalysed(t *testing.T) {
	const limit = MaxAnalysedBytes
	x := func(n int) string { return strings.Repeat("x", n) }
	tests := []struct {
		name string
		body string
		want int // length of the analysed prefix
	}{
		{"empty", "", 0},
		{"short", "one line\ntwo lines", len("one line\ntwo lines")},
		{"exactly the limit", x(limit), limit},
		{"cut at the last line break", x(limit-100) + "\n" + x(200), limit - 100},
		{"last line break before the limit", x(limit/2) + "\n" + x(limit/4) + "\n" + x(limit), limit/2 + 1 + limit/4},
		{"line break at the limit is not before it", x(limit) + "\n" + x(10), limit},
		{"line break just before the limit", x(limit-1) + "\n" + x(10), limit - 1},
		{"line break at half the limit", x(limit/2) + "\n" + x(limit), limit / 2},
		{"line break below half the limit", x(limit/2-1) + "\n" + x(limit), limit},
		{"no line break", x(2 * limit), limit},
		{"no rune split (2 bytes)", x(limit-1) + "é" + x(10), limit - 1},
		{"no rune split (3 bytes)", x(limit-2) + "€" + x(10), limit - 2},
		{"no rune split (4 bytes)", x(limit-1) + "😀" + x(10), limit - 1},
		{"rune ending at the limit", x(limit-2) + "é" + x(10), limit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := analysed(tt.body)
			if len(got) != tt.want || got != tt.body[:len(got)] {
				t.Errorf("analysed: %d bytes, want the first %d", len(got), tt.want)
			}
			if utf8.ValidString(tt.body) && !utf8.ValidString(got) {
				t.Error("analysed split a rune")
			}
		})
	}
}

// BenchmarkBuild is the digest hot path: analysis, summary and key quotes of
// a ~1,100-word article, no I/O.
func BenchmarkBuild(b *testing.B) {
	a := loadArticle(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(a.Body)))
	for b.Loop() {
		Build(a, BuildOptions{})
	}
}

func TestDigestJSONPublished(t *testing.T) {
	d := Build(loadArticle(t), BuildOptions{})
	b, err := json.Marshal(d)
	if err != nil || !strings.Contains(string(b), `"published":null`) {
		t.Fatalf("unknown date: %s, %v", b, err)
	}
	d.Published = time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)
	b, _ = json.Marshal(d)
	if !strings.Contains(string(b), `"published":"2026-11-27T08:00:00Z"`) {
		t.Fatalf("known date: %s", b)
	}
}
