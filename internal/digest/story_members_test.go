package digest_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/adapters/sqlite"
	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/digest/similar"
)

// memberReads is a store that records its StoryMembers reads.
type memberReads struct {
	*sqlite.Store
	reads [][]int64
	per   []int
}

func (m *memberReads) StoryMembers(ctx context.Context, stories []int64, since, until time.Time, perStory int) ([]digest.StorySignature, error) {
	m.reads = append(m.reads, slices.Clone(stories))
	m.per = append(m.per, perStory)
	return m.Store.StoryMembers(ctx, stories, since, until, perStory)
}

// TestIngestReadsStoryMembersForHeadlines checks that a headline-length
// article is compared with whole stories (one StoryMembers read of its
// candidates' stories, at most similar.StoryMembers each) and a full
// article is not (no read).
func TestIngestReadsStoryMembersForHeadlines(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	ctx := context.Background()
	st := openSQLite(ctx, t)
	m := &memberReads{Store: st}
	svc := digest.NewService(m, nil, digest.ClockFunc(func() time.Time { return now }), nil, digest.Config{})
	story := []string{
		"Federal Reserve holds interest rates steady",
		"Powell sees inflation cooling as the Fed holds rates",
		"Wall Street rallies after the Federal Reserve decision",
	}
	var first int64
	for i, h := range story {
		a, err := svc.Ingest(ctx, digest.Article{StoryID: first, URL: fmt.Sprintf("https://n%d.example/a", i), Title: h, Body: h, Published: now.Add(-time.Duration(10-i) * time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		first = a.StoryID
	}
	m.reads, m.per = nil, nil
	h := "Powell: Federal Reserve holds rates as inflation cools"
	a, err := svc.Ingest(ctx, digest.Article{URL: "https://h.example/a", Title: h, Body: h, Published: now.Add(-time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if a.StoryID != first {
		t.Errorf("headline story = %d, want %d", a.StoryID, first)
	}
	if len(m.reads) != 1 || !slices.Equal(m.reads[0], []int64{first}) || m.per[0] != similar.StoryMembers {
		t.Fatalf("StoryMembers reads = %v (per story %v), want one of story %d, %d each", m.reads, m.per, first, similar.StoryMembers)
	}

	m.reads = nil
	long := strings.Repeat("The Federal Reserve held its benchmark interest rate steady on Wednesday, and its chair, Jerome Powell, said inflation was cooling but the bank would wait for more data before cutting, while markets, banks, exporters and households weighed what the pause meant for loans, mortgages, savings and jobs across the country. ", 2)
	if _, err := svc.Ingest(ctx, digest.Article{URL: "https://l.example/a", Title: "Fed holds rates", Body: long, Published: now.Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if len(m.reads) != 0 {
		t.Errorf("full article read story members: %v", m.reads)
	}
}
