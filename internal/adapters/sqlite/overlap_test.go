package sqlite

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/digest"
)

// TestSearchOverlapCommonWords checks the Overlap search past
// overlapMinRead matches of a word, where only the newest are read: the
// older articles sharing a rare word still win, and the common word still
// counts for the newest articles.
func TestSearchOverlapCommonWords(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	base := time.Date(2025, time.May, 1, 0, 0, 0, 0, time.UTC)
	put := func(n int, title string) digest.Article {
		t.Helper()
		a := digest.Article{URL: fmt.Sprintf("https://x.example/%d", n), Title: title, Body: title + ".",
			Published: base.Add(time.Duration(n) * time.Minute)}
		if err := s.PutArticle(ctx, &a); err != nil {
			t.Fatal(err)
		}
		return a
	}
	var rare []int64
	for i := range 3 { // oldest: beyond the matches of "harbour" read
		rare = append(rare, put(i, "Harbour kraken sighting").ID)
	}
	n := 3 * overlapMinRead
	for i := range n {
		put(10+i, "Harbour traffic report")
	}
	newest := put(10+n, "Harbour traffic report").ID
	put(11+n, "Weather report") // in the window, matching nothing

	hits, err := s.SearchArticles(ctx, digest.SearchQuery{Text: "harbour kraken traffic",
		Since: base, Until: base.Add(time.Duration(20+n) * time.Minute), Limit: 4, Overlap: true})
	if err != nil {
		t.Fatal(err)
	}
	got := make([]int64, len(hits))
	for i, h := range hits {
		got[i] = h.Article.ID
	}
	if len(got) != 4 || !slices.Equal(slices.Sorted(slices.Values(got[:3])), rare) || got[3] != newest {
		t.Errorf("got %v, want %v in any order, then %d", got, rare, newest)
	}
}

func TestMoveBest(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, tc := range []struct{ n, k int }{{0, 3}, {1, 1}, {5, 3}, {5, 5}, {5, 9}, {200, 1}, {200, 36}} {
		ids := make([]scoredID, tc.n)
		for i := range ids {
			ids[i] = scoredID{int64(i), float64(r.IntN(10))} // ties broken by id
		}
		want := slices.Clone(ids)
		slices.SortFunc(want, func(a, b scoredID) int {
			if better(a, b) {
				return -1
			}
			return 1
		})
		moveBest(ids, tc.k)
		k := min(tc.k, tc.n)
		if !slices.Equal(ids[:k], want[:k]) {
			t.Errorf("n %d, k %d: best %v, want %v", tc.n, tc.k, ids[:k], want[:k])
		}
		rest := slices.Clone(ids[k:])
		slices.SortFunc(rest, func(a, b scoredID) int {
			if better(a, b) {
				return -1
			}
			return 1
		})
		if !slices.Equal(rest, want[k:]) {
			t.Errorf("n %d, k %d: lost or duplicated ids", tc.n, tc.k)
		}
	}
}
