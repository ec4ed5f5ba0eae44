package text

import (
	"os"
	"testing"
)

func loadArticle(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile("testdata/article.txt")
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// BenchmarkAnalyze measures Analyze on a ~1,100-word article.
func BenchmarkAnalyze(b *testing.B) {
	body := loadArticle(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		Analyze(body)
	}
}

// BenchmarkAnalyzeTokens measures Analyze plus tokenising every sentence,
// the work a summary or similarity computation starts with.
func BenchmarkAnalyzeTokens(b *testing.B) {
	body := loadArticle(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	var toks []string
	for b.Loop() {
		d := Analyze(body)
		tk := NewTokenizer(d.Lang)
		for _, s := range d.Sentences {
			toks = tk.Append(toks[:0], d.Text(s.Span))
		}
	}
}

// BenchmarkTokens measures Tokens on the whole body in one call.
func BenchmarkTokens(b *testing.B) {
	body := loadArticle(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		Tokens(body, "en")
	}
}

func BenchmarkWords(b *testing.B) {
	body := loadArticle(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	var w []string
	for b.Loop() {
		w = AppendWords(w[:0], body)
	}
}
