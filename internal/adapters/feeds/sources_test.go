package feeds

import (
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/newsdigest/bot/internal/adapters/web"
	"github.com/newsdigest/bot/internal/digest"
)

// A URL in FEEDS and added by two workspaces is fetched once per round;
// a workspace's new URL is polled too.
func TestPollDueWorkspaceSourcesOnce(t *testing.T) {
	var mu sync.Mutex
	hits := map[string]int{}
	var h *harness
	h = newHarness(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.Path]++
		mu.Unlock()
		io.WriteString(w, rssFeed(h.srv.URL, [3]string{strings.TrimPrefix(r.URL.Path, "/"), "g", longBody}))
	}), web.Options{})
	shared, own := h.srv.URL+"/shared", h.srv.URL+"/own"
	p := h.poller(PollerOptions{Feeds: []string{shared}, Sources: func(context.Context) ([]string, error) {
		return []string{shared, own, own}, nil
	}})
	p.pollDue(context.Background())
	mu.Lock()
	defer mu.Unlock()
	if hits["/shared"] != 1 || hits["/own"] != 1 {
		t.Errorf("fetches = %v, want each feed once", hits)
	}
}

// The Checker refuses a loopback address through the real web client.
func TestCheckFeedRefusesLoopbackThroughWebClient(t *testing.T) {
	srv := checkServer(t)
	c := NewChecker(web.New(web.Options{}), CheckerOptions{})
	_, err := c.CheckFeed(context.Background(), srv.URL+"/good.xml")
	if digest.ErrorCodeOf(err) != digest.CodeUsage || !strings.Contains(digest.UserMessage(err), "private or local") {
		t.Fatalf("err = %v (%q), want the private-address refusal", err, digest.UserMessage(err))
	}
}
