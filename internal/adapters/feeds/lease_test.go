package feeds

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/newsdigest/bot/internal/adapters/web"

	"github.com/newsdigest/bot/internal/digest"
)

// countingDoer counts the requests one Poller sends.
type countingDoer struct {
	next Doer
	n    atomic.Int32
}

func (d *countingDoer) Do(req *http.Request) (*http.Response, error) {
	d.n.Add(1)
	return d.next.Do(req)
}

// TestRunPollersShareFeeds runs three Pollers, as three processes would,
// over one store and one feed list: every feed is fetched exactly once and
// the work is split.
func TestRunPollersShareFeeds(t *testing.T) {
	const nFeeds = 60
	var mu sync.Mutex
	gets := map[string]int{}
	var h *harness
	h = newHarness(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		gets[r.URL.Path]++
		mu.Unlock()
		time.Sleep(5 * time.Millisecond) // a real fetch takes a while
		slug := strings.TrimPrefix(r.URL.Path, "/")
		io.WriteString(w, rssFeed(h.srv.URL, [3]string{slug + "-1", slug + "-g1", longBody}, [3]string{slug + "-2", slug + "-g2", longBody}))
	}), web.Options{})
	var list []string
	for i := range nFeeds {
		list = append(list, fmt.Sprintf("%s/f%02d", h.srv.URL, i))
	}
	clock := &fakeClock{now: time.Now()}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var doers []*countingDoer
	var wg sync.WaitGroup
	for i := range 3 {
		d := &countingDoer{next: h.client}
		doers = append(doers, d)
		p := NewPoller(d, nil, h.store, h.sink, PollerOptions{
			Feeds: list, Workers: 2, HostRate: rate.Inf, Clock: clock, Owner: fmt.Sprintf("proc-%d", i),
		})
		wg.Go(func() { _ = p.Run(ctx) })
	}
	deadline := time.Now().Add(10 * time.Second)
	for done := 0; done < nFeeds; {
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d feeds polled after 10s", done, nFeeds)
		}
		time.Sleep(10 * time.Millisecond)
		done = 0
		for _, u := range list {
			if !h.store.get(u).LastSuccess.IsZero() {
				done++
			}
		}
	}
	cancel()
	wg.Wait()

	mu.Lock()
	defer mu.Unlock()
	for _, u := range list {
		path := u[len(h.srv.URL):]
		if gets[path] != 1 {
			t.Errorf("%s fetched %d times, want once", path, gets[path])
		}
		if l := h.store.lease(u); l.owner != "" {
			t.Errorf("%s still leased to %s after its poll", path, l.owner)
		}
	}
	if h.sink.count() != 2*nFeeds || h.sink.dups != 0 {
		t.Errorf("sink holds %d articles with %d duplicates offered, want %d and none", h.sink.count(), h.sink.dups, 2*nFeeds)
	}
	busy := 0
	var split []int32
	for _, d := range doers {
		split = append(split, d.n.Load())
		if d.n.Load() > 0 {
			busy++
		}
	}
	t.Logf("requests per poller: %v", split)
	if busy < 2 {
		t.Errorf("requests per poller %v: one poller did all the work", split)
	}
}

// TestPollDueLeases checks pollDue against leases held by another owner:
// an unexpired lease keeps the feed from being fetched, an expired one is
// taken over, and a feed polled by someone else (NextPoll pushed) is left.
func TestPollDueLeases(t *testing.T) {
	var requests atomic.Int32
	var h *harness
	h = newHarness(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		io.WriteString(w, rssFeed(h.srv.URL, [3]string{"a", "g-a", longBody}))
	}), web.Options{})
	feedURL := h.srv.URL + "/rss"
	p := h.poller(PollerOptions{Feeds: []string{feedURL}, Owner: "me", Lease: time.Minute})
	ctx := context.Background()

	// A crashed process holds the lease until t0 + 1 min.
	t0 := h.clock.Now()
	if _, ok, _ := h.store.ClaimFeed(ctx, feedURL, "crashed", t0, t0.Add(time.Minute)); !ok {
		t.Fatal("setup claim refused")
	}
	cases := []struct {
		name      string
		advance   time.Duration
		wantFetch int32
	}{
		{"lease held elsewhere", 30 * time.Second, 0},
		{"lease expired: taken over", 30 * time.Second, 1},
		{"polled: not due again", time.Minute, 1},
		{"due again after the interval", DefaultInterval, 2},
	}
	for _, tc := range cases {
		h.clock.advance(tc.advance)
		p.pollDue(ctx)
		if got := requests.Load(); got != tc.wantFetch {
			t.Fatalf("%s: %d fetches in all, want %d", tc.name, got, tc.wantFetch)
		}
		if l := h.store.lease(feedURL); tc.wantFetch > 0 && l.owner != "" {
			t.Errorf("%s: lease %+v left after the poll", tc.name, l)
		}
	}
	if st := h.store.get(feedURL); st.LastSuccess.IsZero() || st.Title != "Corvel Weekly" {
		t.Errorf("state after the takeover: %+v", st)
	}
}

// TestPollRenewsLease: a poll that outlasts its lease keeps it, so
// another owner cannot claim the feed in the meantime.
func TestPollRenewsLease(t *testing.T) {
	release := make(chan struct{})
	var h *harness
	h = newHarness(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-release
		io.WriteString(w, rssFeed(h.srv.URL, [3]string{"a", "g-a", longBody}))
	}), web.Options{})
	feedURL := h.srv.URL + "/rss"
	const lease = 150 * time.Millisecond
	p := NewPoller(h.client, nil, h.store, h.sink, PollerOptions{
		Feeds: []string{feedURL}, HostRate: rate.Inf, Owner: "slow", Lease: lease,
	})
	done := make(chan struct{})
	go func() {
		defer close(done)
		p.pollDue(context.Background())
	}()
	// Wait for the claim, then try to take the feed over for three leases.
	for h.store.lease(feedURL).owner == "" {
		time.Sleep(5 * time.Millisecond)
	}
	for end := time.Now().Add(3 * lease); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
		now := time.Now()
		if _, ok, _ := h.store.ClaimFeed(context.Background(), feedURL, "other", now, now.Add(lease)); ok {
			t.Fatalf("another owner took the feed %s into a poll with a %s lease", time.Since(end.Add(-3*lease)), lease)
		}
	}
	close(release)
	<-done
	if st := h.store.get(feedURL); st.LastSuccess.IsZero() {
		t.Errorf("poll not recorded: %+v", st)
	}
	if l := h.store.lease(feedURL); l.owner != "" {
		t.Errorf("lease %+v left after the poll", l)
	}
	if n := h.store.claims[feedURL]; n < 3 {
		t.Errorf("%d claims (renewals included) during a poll of 3 leases, want several", n)
	}
}

// TestCancelReleasesLease: a Poller stopped mid-poll frees its lease at
// once and leaves the state as it was, so another takes over right away.
func TestCancelReleasesLease(t *testing.T) {
	arrived := make(chan struct{}, 1)
	var h *harness
	h = newHarness(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		arrived <- struct{}{}
		<-r.Context().Done()
	}), web.Options{})
	feedURL := h.srv.URL + "/rss"
	before := digest.FeedState{URL: feedURL, Title: "Old", ETag: `"e"`, NextPoll: h.clock.Now().Add(-time.Minute)}
	if err := h.store.PutFeedState(context.Background(), before); err != nil {
		t.Fatal(err)
	}
	p := h.poller(PollerOptions{Feeds: []string{feedURL}, Owner: "stopping"})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		p.pollDue(ctx)
	}()
	<-arrived
	if l := h.store.lease(feedURL); l.owner != "stopping" {
		t.Fatalf("lease during the poll = %+v", l)
	}
	cancel()
	<-done
	if l := h.store.lease(feedURL); l.owner != "" {
		t.Errorf("lease %+v kept after the poller stopped", l)
	}
	if got := h.store.get(feedURL); got != before {
		t.Errorf("state after a cancelled poll = %+v, want it unchanged %+v", got, before)
	}
	now := h.clock.Now()
	if _, ok, _ := h.store.ClaimFeed(context.Background(), feedURL, "other", now, now.Add(time.Minute)); !ok {
		t.Error("another owner could not take the feed at once")
	}
}

func TestPollerDefaults(t *testing.T) {
	a := NewPoller(nil, nil, newFakeStore(), newFakeSink(), PollerOptions{Timeout: 10 * time.Second})
	b := NewPoller(nil, nil, newFakeStore(), newFakeSink(), PollerOptions{})
	if a.opts.Lease != 20*time.Second || b.opts.Lease != 2*DefaultTimeout {
		t.Errorf("default leases %s and %s, want 2 × Timeout", a.opts.Lease, b.opts.Lease)
	}
	if a.Owner() == "" || a.Owner() == b.Owner() {
		t.Errorf("default owners %q and %q, want distinct non-empty ids", a.Owner(), b.Owner())
	}
	cases := []struct {
		name string
		opts PollerOptions
		want time.Duration
	}{
		{"defaults: half the 60 s lease", PollerOptions{}, 30 * time.Second},
		{"long lease: every minute", PollerOptions{Lease: 10 * time.Minute}, time.Minute},
		{"short lease: half of it", PollerOptions{Lease: 10 * time.Second}, 5 * time.Second},
		{"short interval", PollerOptions{Interval: 20 * time.Second}, 20 * time.Second},
		{"floor of a second", PollerOptions{Lease: 100 * time.Millisecond}, time.Second},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := NewPoller(nil, nil, newFakeStore(), newFakeSink(), tc.opts).checkEvery(); got != tc.want {
				t.Errorf("checkEvery = %s, want %s", got, tc.want)
			}
		})
	}
}
