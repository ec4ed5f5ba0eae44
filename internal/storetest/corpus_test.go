package storetest

import (
	"strings"
	"testing"

	"github.com/newsdigest/bot/internal/digest"
)

// TestCorpusDeterministic: the same index gives the same article whatever
// the order of generation, and quote offsets select the quote text.
func TestCorpusDeterministic(t *testing.T) {
	c1, c2 := NewCorpus(7, 1000), NewCorpus(7, 1000)
	if len(c1.vocab) != vocabSize {
		t.Fatalf("vocabulary of %d words, want %d", len(c1.vocab), vocabSize)
	}
	// c2 generates in ascending order first, c1 below in descending order.
	forward := make([]digest.Article, 60)
	queries, quoteWords := make([]string, 60), make([]string, 60)
	for i := range 60 {
		forward[i], queries[i], quoteWords[i] = c2.Article(i), c2.Query(i), c2.QuoteWords(i)
	}
	for i := range 60 {
		j := 59 - i
		a, b := c1.Article(j), forward[j]
		if a.Title != b.Title || a.Body != b.Body || a.URL != b.URL || !a.Published.Equal(b.Published) {
			t.Fatalf("article %d differs between generators", j)
		}
		for _, q := range a.Quotes {
			if a.Body[q.Start:q.End] != q.Text {
				t.Fatalf("article %d: quote offsets wrong", j)
			}
		}
		if c1.Query(j) != queries[j] || c1.QuoteWords(j) != quoteWords[j] {
			t.Fatalf("query %d differs", j)
		}
	}
}

// TestCorpusLooksLikeNews: the core finds the generated quotes with their
// speakers, articles are spread over CorpusDays, and stories have several
// outlets published close together.
func TestCorpusLooksLikeNews(t *testing.T) {
	const n = 2000
	c := NewCorpus(42, n)
	var quotes, found, speakers, paragraphs int
	stories := map[int]map[string]bool{}
	first, last := c.Article(0).Published, c.Article(n-1).Published
	if span := last.Sub(first).Hours() / 24; span < CorpusDays-1 || span > CorpusDays+1 {
		t.Errorf("articles span %.1f days, want about %d", span, CorpusDays)
	}
	if !c.Now().After(last) {
		t.Errorf("Now %v is not after the last article %v", c.Now(), last)
	}
	urls := map[string]bool{}
	for i := range 400 {
		a := c.Article(i)
		if urls[a.URL] {
			t.Fatalf("article %d: URL %s repeated", i, a.URL)
		}
		urls[a.URL] = true
		lead := c.StoryLead(i)
		if stories[lead] == nil {
			stories[lead] = map[string]bool{}
		}
		if stories[lead][a.Source] {
			t.Errorf("article %d: outlet %s twice in story %d", i, a.Source, lead)
		}
		stories[lead][a.Source] = true
		if gap := a.Published.Sub(c.Article(lead).Published); gap < 0 || gap > 12*60*60e9 {
			t.Errorf("article %d: published %v after its story's first", i, gap)
		}
		paragraphs += strings.Count(a.Body, "\n\n") + 1
		want := map[string]string{}
		for _, q := range a.Quotes {
			want[q.Text] = q.Speaker
		}
		quotes += len(want)
		got := a
		digest.Analyze(&got)
		for _, q := range got.Quotes {
			if sp, ok := want[q.Text]; ok {
				found++
				if q.Speaker == sp {
					speakers++
				}
			}
		}
	}
	multi := 0
	for _, outlets := range stories {
		if len(outlets) > 1 {
			multi++
		}
	}
	t.Logf("400 articles: %d stories (%d with several outlets), %d paragraphs, %d quotes, %d found by the core, %d speakers right",
		len(stories), multi, paragraphs, quotes, found, speakers)
	if quotes == 0 || float64(found) < 0.9*float64(quotes) || float64(speakers) < 0.9*float64(quotes) {
		t.Errorf("the core found %d of %d quotes, %d speakers right: want 90%%", found, quotes, speakers)
	}
	if multi < len(stories)/3 {
		t.Errorf("%d of %d stories have several outlets, want a third", multi, len(stories))
	}
	if paragraphs < 3*400 {
		t.Errorf("%d paragraphs in 400 articles, want at least 3 each", paragraphs)
	}
}
