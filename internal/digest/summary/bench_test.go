package summary

import (
	"os"
	"testing"

	"github.com/newsdigest/bot/internal/digest/text"
)

func loadArticle(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile("testdata/article.txt")
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// BenchmarkExtract measures Extract on an analysed ~1,100-word article.
func BenchmarkExtract(b *testing.B) {
	doc := text.Analyze(loadArticle(b))
	b.ReportAllocs()
	for b.Loop() {
		ExtractWithTitle(doc, "Harbour city council approves flood defence plan", 3)
	}
}

// BenchmarkAnalyzeExtract measures the whole path from body to summary.
func BenchmarkAnalyzeExtract(b *testing.B) {
	body := loadArticle(b)
	b.ReportAllocs()
	for b.Loop() {
		Extract(text.Analyze(body), 3)
	}
}
