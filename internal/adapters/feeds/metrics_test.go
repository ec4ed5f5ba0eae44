package feeds

import (
	"context"
	"io"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/adapters/web"
)

type pollCounts struct {
	mu       sync.Mutex
	outcomes []string
}

func (c *pollCounts) FeedPolled(outcome string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.outcomes = append(c.outcomes, outcome)
}

// TestPollMetrics: new items, a 304 and a failure are each counted once.
func TestPollMetrics(t *testing.T) {
	var h *harness
	var fail atomic.Bool
	h = newHarness(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case fail.Load():
			http.Error(w, "gone", http.StatusNotFound)
		case r.Header.Get("If-None-Match") == `"v1"`:
			w.WriteHeader(http.StatusNotModified)
		default:
			w.Header().Set("ETag", `"v1"`)
			io.WriteString(w, rssFeed(h.srv.URL, [3]string{"a", "g-a", longBody}))
		}
	}), web.Options{})
	counts := &pollCounts{}
	p := h.poller(PollerOptions{Metrics: counts})
	feedURL := h.srv.URL + "/rss"
	for range 2 {
		if _, err := p.PollOnce(context.Background(), feedURL); err != nil {
			t.Fatal(err)
		}
		h.clock.advance(time.Hour)
	}
	fail.Store(true)
	if _, err := p.PollOnce(context.Background(), feedURL); err == nil {
		t.Fatal("a 404 feed polled fine")
	}
	if want := []string{PollNewItems, PollNoChange, PollFailed}; !slices.Equal(counts.outcomes, want) {
		t.Fatalf("outcomes %v, want %v", counts.outcomes, want)
	}
}
