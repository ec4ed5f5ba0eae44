package digest

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"
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
	// 10 MB of text: must finish and stay verbatim.
	huge := strings.Repeat(loadArticle(t).Body+"\n\n", 10<<20/len(loadArticle(t).Body))
	d := Build(Article{Body: huge}, BuildOptions{})
	for _, s := range d.Summary {
		if !strings.Contains(huge, s) {
			t.Fatalf("summary sentence not verbatim: %q", s)
		}
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
