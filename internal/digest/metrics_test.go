package digest_test

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/adapters/sqlite"
	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/samples"
)

type ingestCounts struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *ingestCounts) ArticleIngested(outcome string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n[outcome]++
}

// TestIngestMetrics: each sample article is counted once as the first of
// its story or as joining one (as the store grouped them), and a second
// ingest of each as a duplicate.
func TestIngestMetrics(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "news.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	counts := &ingestCounts{n: map[string]int{}}
	svc := digest.NewService(st, nil, digest.ClockFunc(func() time.Time { return now }), nil, digest.Config{Metrics: counts})
	arts, err := samples.Articles(now)
	if err != nil {
		t.Fatal(err)
	}
	stories := map[int64]int{}
	for _, a := range arts {
		got, err := svc.Ingest(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		stories[got.StoryID]++
	}
	for _, a := range arts {
		if _, err := svc.Ingest(ctx, a); !errors.Is(err, digest.ErrDuplicate) {
			t.Fatalf("second ingest: %v", err)
		}
	}
	joined := len(arts) - len(stories)
	want := map[string]int{digest.IngestNewStory: len(stories), digest.IngestJoinedStory: joined, digest.IngestDuplicate: len(arts)}
	for k, v := range want {
		if counts.n[k] != v {
			t.Errorf("%s counted %d, want %d (all: %v)", k, counts.n[k], v, counts.n)
		}
	}
	if joined == 0 {
		t.Error("the samples hold stories told by two outlets: some article should have joined one")
	}
}
