package quotes

import (
	"os"
	"strings"
	"testing"

	"github.com/newsdigest/bot/internal/digest/text"
)

// benchArticle is a ~1,000-word article in the style of the testdata.
func benchArticle(tb testing.TB) string {
	return benchFile(tb, "testdata/ridgefield.txt")
}

// benchFile repeats a testdata article to about 1,000 words.
func benchFile(tb testing.TB, name string) string {
	tb.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		tb.Fatalf("read testdata: %v", err)
	}
	s := string(b)
	for len(strings.Fields(s)) < 1000 {
		s += "\n" + string(b)
	}
	return s
}

func BenchmarkExtract(b *testing.B) {
	body := benchArticle(b)
	doc := lineDoc(body)
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		Extract(doc)
	}
}

// BenchmarkExtractSpanish runs the Spanish paths (cue lexicon, null
// subjects, descriptions) on a ~1,000-word Spanish article.
func BenchmarkExtractSpanish(b *testing.B) {
	body := benchFile(b, "testdata/valle.txt")
	doc := lineDoc(body)
	doc.Lang = "es"
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		Extract(doc)
	}
}

// lineDoc builds a document with one paragraph per non-empty line; a line
// "READ MORE" and everything after it is boilerplate.
func lineDoc(body string) *text.Document {
	d := &text.Document{Body: body, Lang: "en"}
	off := 0
	boiler := false
	for _, line := range strings.SplitAfter(body, "\n") {
		t := strings.TrimRight(line, "\r\n")
		if strings.TrimSpace(t) != "" {
			if strings.TrimSpace(t) == "READ MORE" {
				boiler = true
			}
			d.Paragraphs = append(d.Paragraphs, text.Paragraph{Span: text.Span{Start: off, End: off + len(t)}, Boilerplate: boiler})
		}
		off += len(line)
	}
	return d
}
