package storetest

import (
	"errors"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/digest"
)

// testSamples: HasRealArticles is false while only samples (or nothing)
// are stored; quote hits carry their article's Sample flag; DeleteSamples
// deletes the samples with their quotes and story index and nothing else.
func testSamples(t *testing.T, s digest.Store) {
	ctx := ctxT(t)
	if real, err := s.HasRealArticles(ctx); err != nil || real {
		t.Fatalf("empty store: HasRealArticles = %v, %v; want false", real, err)
	}
	sample := article(1, "Sample water deal (SAMPLE)", `"The canals were built for a wetter century," said Tomas Ledesma.`)
	sample.Sample = true
	sample.Quotes = []digest.Quote{{Text: "The canals were built for a wetter century", Speaker: "Tomas Ledesma", Cue: "said", Start: 1, End: 43}}
	sample.StoryTerms = []string{"canal", "wetter"}
	sample.StorySignature = []byte{1, 2, 3}
	sample = put(t, s, sample)
	if real, err := s.HasRealArticles(ctx); err != nil || real {
		t.Fatalf("only a sample: HasRealArticles = %v, %v; want false", real, err)
	}
	hits := searchQuotes(t, s, digest.QuoteQuery{Text: "wetter century"})
	if len(hits) != 1 || !hits[0].Sample {
		t.Fatalf("quote hits = %+v, want the sample's quote marked Sample", hits)
	}
	realA := put(t, s, article(2, "Real water canals report", `"Canals need repair," said Ana Ruiz.`))
	if real, err := s.HasRealArticles(ctx); err != nil || !real {
		t.Fatalf("with a real article: HasRealArticles = %v, %v; want true", real, err)
	}
	n, err := s.DeleteSamples(ctx)
	if err != nil || n != 1 {
		t.Fatalf("DeleteSamples = %d, %v; want 1", n, err)
	}
	if _, err := s.Article(ctx, sample.ID); !errors.Is(err, digest.ErrNotFound) {
		t.Errorf("sample still stored: %v", err)
	}
	if _, err := s.Article(ctx, realA.ID); err != nil {
		t.Errorf("real article gone: %v", err)
	}
	if hits := searchQuotes(t, s, digest.QuoteQuery{Text: "wetter century"}); len(hits) != 0 {
		t.Errorf("sample quote still found: %+v", hits)
	}
	if hits := search(t, s, digest.SearchQuery{Text: "sample"}); len(hits) != 0 {
		t.Errorf("sample article still searchable: %+v", hits)
	}
	if m, err := s.StoryTermMatches(ctx, []string{"wetter"}, base.Add(-24*time.Hour), base.Add(24*time.Hour), 10); err != nil || len(m) != 1 || len(m[0]) != 0 {
		t.Errorf("sample story terms left: %v, %v", m, err)
	}
	if n, err := s.DeleteSamples(ctx); err != nil || n != 0 {
		t.Errorf("second DeleteSamples = %d, %v; want 0", n, err)
	}
}
