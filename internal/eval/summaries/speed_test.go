package summaries

import (
	"testing"

	textrank "github.com/DavidBelicza/TextRank/v2"

	"github.com/newsdigest/bot/internal/digest"
)

// The TextRank library (github.com/DavidBelicza/TextRank/v2) is imported
// here only, in a test file: it is the speed reference of issue 12 and
// never enters the bot's binary.

// minSpeedup is how many times faster a whole digest (summary and key
// quotes) must be than the library's summary alone.
const minSpeedup = 5

// speedArticles returns the BBC test articles the speed comparison runs on.
func speedArticles(tb testing.TB) []Article {
	arts, err := Load(sharedDir(tb), "test")
	if err != nil {
		tb.Fatal(err)
	}
	return arts
}

// digestAll builds the digest (summary and quotes) of every article.
func digestAll(arts []Article) {
	for _, a := range arts {
		digest.Build(digest.Article{Title: a.Title, Body: a.Text}, digest.BuildOptions{Sentences: 3})
	}
}

// textRankAll summarises every article with the TextRank library, its
// default rule, language and algorithm, three sentences by relation weight
// (the way its README summarises).
func textRankAll(arts []Article) {
	for _, a := range arts {
		tr := textrank.NewTextRank()
		tr.Populate(a.Text, textrank.NewDefaultLanguage(), textrank.NewDefaultRule())
		tr.Ranking(textrank.NewDefaultAlgorithm())
		textrank.FindSentencesByRelationWeight(tr, 3)
	}
}

// TestDigestSpeedVsTextRankLibrary runs both on the same articles in one
// process, alternating, and fails when the digest is less than minSpeedup
// times faster than the library's summary.
func TestDigestSpeedVsTextRankLibrary(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	arts := speedArticles(t)
	if len(arts) > 300 {
		arts = arts[:300]
	}
	var ours, lib float64
	for range 3 {
		o := testing.Benchmark(func(b *testing.B) {
			for b.Loop() {
				digestAll(arts)
			}
		})
		l := testing.Benchmark(func(b *testing.B) {
			for b.Loop() {
				textRankAll(arts)
			}
		})
		ours += float64(o.NsPerOp())
		lib += float64(l.NsPerOp())
	}
	n := float64(3 * len(arts))
	ratio := lib / ours
	t.Logf("%d articles: digest %.0f µs/article, TextRank library %.0f µs/article: %.1f× faster", len(arts), ours/n/1e3, lib/n/1e3, ratio)
	if ratio < minSpeedup {
		t.Errorf("digest is %.1f× faster than the TextRank library, want at least %d×", ratio, minSpeedup)
	}
}

// BenchmarkDigestVsTextRank reports both on the BBC test articles, per
// article:
//
//	go test -run XXX -bench DigestVsTextRank ./internal/eval/summaries/
func BenchmarkDigestVsTextRank(b *testing.B) {
	arts := speedArticles(b)
	b.Run("digest", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			digestAll(arts)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(arts))/1e3, "µs/article")
	})
	b.Run("textrank-library", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			textRankAll(arts)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(arts))/1e3, "µs/article")
	})
}
