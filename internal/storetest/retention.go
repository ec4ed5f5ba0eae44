package storetest

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/digest"
)

// RunRetention is the conformance suite of digest.Pruner: open must return
// a new, empty store that implements it.
func RunRetention(t *testing.T, open func(t *testing.T) digest.Store) {
	t.Helper()
	t.Run("PruneKeepsDeliveredStories", func(t *testing.T) { testPrune(t, open(t)) })
}

// testPrune stores old and new articles, one old story delivered within the
// retention window and one delivered before it, prunes, and checks what is
// left: old undelivered articles are gone from every index, the recently
// delivered story keeps its articles and quotes, new articles stay.
func testPrune(t *testing.T, s digest.Store) {
	ctx := ctxT(t)
	p, ok := s.(digest.Pruner)
	if !ok {
		t.Fatalf("%T does not implement digest.Pruner", s)
	}
	now := base.Add(365 * 24 * time.Hour)
	cutoff := now.Add(-90 * 24 * time.Hour)
	mk := func(n int, age time.Duration, story int64, word string) digest.Article {
		a := indexed(n, "term"+word, "shared")
		a.Title = "Report " + word
		a.Published, a.Fetched = now.Add(-age), now.Add(-age)
		a.StoryID = story
		q := "the " + word + " plan is ready"
		a.Body = `"` + q + `," said Ana Ruiz.`
		a.Quotes = []digest.Quote{{Text: q, Speaker: "Ana Ruiz", Cue: "said", Start: 1, End: 1 + len(q)}}
		return put(t, s, a)
	}
	day := 24 * time.Hour
	oldLone := mk(1, 200*day, 0, "zebrafinch")          // pruned
	oldKept := mk(2, 200*day, 0, "kingfisher")          // its story was delivered 10 days ago: kept
	oldExpired := mk(3, 200*day, 0, "cormorant")        // delivered 150 days ago: pruned
	fresh := mk(4, day, 0, "albatross")                 // new: kept
	oldOfLive := mk(5, 100*day, fresh.StoryID, "heron") // old report of a live story: pruned
	for _, d := range []struct {
		story int64
		at    time.Time
	}{{oldKept.StoryID, now.Add(-10 * day)}, {oldExpired.StoryID, now.Add(-150 * day)}} {
		if err := s.MarkDelivered(ctx, slackA, []digest.DeliveredStory{{StoryID: d.story, At: d.at}}); err != nil {
			t.Fatal(err)
		}
	}

	st, err := p.Prune(ctx, cutoff, 2)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 3 || st.Quotes != 3 || st.Delivered != 1 {
		t.Errorf("Prune = %+v, want 3 articles, 3 quotes, 1 delivery record", st)
	}
	for _, a := range []digest.Article{oldLone, oldExpired, oldOfLive} {
		if _, err := s.Article(ctx, a.ID); !errors.Is(err, digest.ErrNotFound) {
			t.Errorf("pruned article %d: %v, want not found", a.ID, err)
		}
	}
	for _, a := range []digest.Article{oldKept, fresh} {
		got, err := s.Article(ctx, a.ID)
		if err != nil {
			t.Errorf("kept article %d: %v", a.ID, err)
			continue
		}
		if len(got.Quotes) != 1 {
			t.Errorf("kept article %d lost its quotes: %+v", a.ID, got.Quotes)
		}
	}
	for word, want := range map[string]int{"zebrafinch": 0, "cormorant": 0, "heron": 0, "kingfisher": 1, "albatross": 1} {
		if hits := searchQuotes(t, s, digest.QuoteQuery{Text: word + " plan"}); countQuote(hits, word) != want {
			t.Errorf("quotes about %q after prune: %d, want %d", word, countQuote(hits, word), want)
		}
		if hits := search(t, s, digest.SearchQuery{Text: word}); len(hits) != want {
			t.Errorf("articles about %q after prune: %d, want %d", word, len(hits), want)
		}
		got := termMatches(t, s, []string{"term" + word}, now.Add(-400*day), now, 10)
		if len(got[0]) != want {
			t.Errorf("story index for %q after prune: %v, want %d entries", word, got[0], want)
		}
	}
	sigs, err := s.StorySignatures(ctx, []int64{oldLone.ID, oldKept.ID})
	if err != nil || len(sigs) != 1 {
		t.Errorf("story signatures after prune: %d (%v), want only the kept article's", len(sigs), err)
	}
	del, err := s.DeliveredStories(ctx, slackA, []int64{oldKept.StoryID, oldExpired.StoryID})
	if err != nil || len(del) != 1 || del[oldKept.StoryID].StoryID == 0 {
		t.Errorf("delivery records after prune: %v (%v), want only story %d's", del, err, oldKept.StoryID)
	}
	if st, err := p.Prune(ctx, cutoff, 0); err != nil || st.Articles != 0 || st.Quotes != 0 || st.Delivered != 0 {
		t.Errorf("second Prune = %+v, %v; want nothing left to prune", st, err)
	}
}

func countQuote(hits []digest.QuoteHit, word string) int {
	n := 0
	for _, h := range hits {
		if containsFold(h.Quote.Text, word) {
			n++
		}
	}
	return n
}

func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}
