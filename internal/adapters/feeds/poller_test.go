package feeds

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/newsdigest/bot/internal/adapters/web"
	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/digest/urls"
	"github.com/newsdigest/bot/internal/testutil/listentest"
)

// fakeStore is an in-memory digest.FeedStore with the stores' lease
// semantics.
type fakeStore struct {
	mu     sync.Mutex
	states map[string]digest.FeedState
	leases map[string]fakeLease
	claims map[string]int // successful claims per feed, renewals included
}

type fakeLease struct {
	owner string
	until time.Time
}

func newFakeStore() *fakeStore {
	return &fakeStore{states: make(map[string]digest.FeedState), leases: make(map[string]fakeLease), claims: make(map[string]int)}
}

func (s *fakeStore) ClaimFeed(_ context.Context, url, owner string, now, leaseUntil time.Time) (digest.FeedState, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.states[url]
	if !ok {
		st = digest.FeedState{URL: url}
	}
	l := s.leases[url]
	if st.NextPoll.After(now) || (l.owner != "" && l.owner != owner && l.until.After(now)) {
		return digest.FeedState{}, false, nil
	}
	s.states[url] = st
	s.leases[url] = fakeLease{owner: owner, until: leaseUntil}
	s.claims[url]++
	return st, true, nil
}

// lease returns who holds url's lease, and until when.
func (s *fakeStore) lease(url string) fakeLease {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.leases[url]
}

func (s *fakeStore) FeedState(_ context.Context, url string) (digest.FeedState, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.states[url]
	if !ok {
		return digest.FeedState{}, digest.ErrNotFound
	}
	return st, nil
}

func (s *fakeStore) PutFeedState(_ context.Context, st digest.FeedState) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.states[st.URL] = st
	delete(s.leases, st.URL)
	return nil
}

func (s *fakeStore) FeedStates(context.Context) ([]digest.FeedState, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []digest.FeedState
	for _, st := range s.states {
		out = append(out, st)
	}
	return out, nil
}

func (s *fakeStore) get(url string) digest.FeedState {
	st, _ := s.FeedState(context.Background(), url)
	return st
}

// fakeSink stores articles by URL and reports digest.ErrDuplicate for a
// URL already stored, like the real store. fail, when set, may refuse.
type fakeSink struct {
	mu       sync.Mutex
	articles map[string]digest.Article
	stores   map[string]int // successful stores per URL
	calls    int
	dups     int
	fail     func(a digest.Article) error
}

func newFakeSink() *fakeSink {
	return &fakeSink{articles: make(map[string]digest.Article), stores: make(map[string]int)}
}

func (s *fakeSink) Ingest(_ context.Context, a digest.Article) (digest.Article, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls++
	if s.fail != nil {
		if err := s.fail(a); err != nil {
			return digest.Article{}, err
		}
	}
	if _, ok := s.articles[a.URL]; ok {
		s.dups++
		return digest.Article{}, fmt.Errorf("put article: %w", digest.ErrDuplicate)
	}
	a.ID = int64(len(s.articles) + 1)
	s.articles[a.URL] = a
	s.stores[a.URL]++
	return a, nil
}

func (s *fakeSink) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.articles)
}

func (s *fakeSink) article(url string) digest.Article {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.articles[url]
}

// fakeClock is a settable digest.Clock.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// rssFeed renders an RSS document; items are (slug, guid, body) triples.
func rssFeed(base string, items ...[3]string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Corvel Weekly</title><link>` + base + `/</link>`)
	for i, it := range items {
		fmt.Fprintf(&b, "<item><title>Story %s</title><link>%s/news/%s</link><guid>%s</guid><pubDate>Tue, 14 May 2024 %02d:00:00 +0000</pubDate><description><![CDATA[%s]]></description></item>",
			it[0], base, it[0], it[1], 8+i, it[2])
	}
	b.WriteString("</channel></rss>")
	return b.String()
}

var longBody = "<p>" + strings.Repeat("The island ferry committee met again on Thursday evening to review the timetable. ", 10) + "</p>"

type harness struct {
	srv    *httptest.Server
	client *web.Client
	store  *fakeStore
	sink   *fakeSink
	clock  *fakeClock
}

// newHarness starts handler on 127.0.0.1 and a web client allowed to reach
// exactly that server.
func newHarness(t *testing.T, handler http.Handler, webOpts web.Options) *harness {
	t.Helper()
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	ap := netip.MustParseAddrPort(srv.Listener.Addr().String())
	webOpts.AllowAddrs = append(webOpts.AllowAddrs, ap)
	return &harness{
		srv:    srv,
		client: web.New(webOpts),
		store:  newFakeStore(),
		sink:   newFakeSink(),
		clock:  &fakeClock{now: time.Date(2024, 5, 14, 12, 0, 0, 0, time.UTC)},
	}
}

func (h *harness) poller(opts PollerOptions) *Poller {
	if opts.HostRate == 0 {
		opts.HostRate = rate.Inf
	}
	opts.Clock = h.clock
	return NewPoller(h.client, h.client, h.store, h.sink, opts)
}

func TestPollConditionalGET(t *testing.T) {
	var requests, notModified atomic.Int32
	var h *harness
	h = newHarness(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		const etag = `"v1"`
		if r.Header.Get("If-None-Match") == etag {
			notModified.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", "Tue, 14 May 2024 10:00:00 GMT")
		io.WriteString(w, rssFeed(h.srv.URL, [3]string{"a", "g-a", longBody}, [3]string{"b", "g-b", longBody}))
	}), web.Options{})
	p := h.poller(PollerOptions{})
	feedURL := h.srv.URL + "/rss"

	n, err := p.PollOnce(context.Background(), feedURL)
	if err != nil || n != 2 {
		t.Fatalf("first poll: n=%d err=%v, want 2 new", n, err)
	}
	st := h.store.get(feedURL)
	if st.ETag != `"v1"` || st.LastModified != "Tue, 14 May 2024 10:00:00 GMT" || st.Title != "Corvel Weekly" {
		t.Errorf("state after first poll: %+v", st)
	}

	h.clock.advance(time.Minute)
	n, err = p.PollOnce(context.Background(), feedURL)
	if err != nil || n != 0 {
		t.Fatalf("second poll: n=%d err=%v, want nothing new", n, err)
	}
	if notModified.Load() != 1 {
		t.Errorf("server answered 304 %d times, want 1", notModified.Load())
	}
	st = h.store.get(feedURL)
	if !st.LastSuccess.Equal(h.clock.Now()) || st.LastError != "" || st.Failures != 0 {
		t.Errorf("304 not recorded as a success: %+v", st)
	}
	if want := h.clock.Now().Add(DefaultInterval); !st.NextPoll.Equal(want) {
		t.Errorf("NextPoll = %v, want %v", st.NextPoll, want)
	}
	if h.sink.calls != 2 {
		t.Errorf("sink called %d times, want 2", h.sink.calls)
	}
}

func TestPollSlowServerTimesOut(t *testing.T) {
	h := newHarness(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}), web.Options{})
	p := h.poller(PollerOptions{Timeout: 200 * time.Millisecond})
	feedURL := h.srv.URL + "/rss"

	start := time.Now()
	_, err := p.PollOnce(context.Background(), feedURL)
	if err == nil {
		t.Fatal("no error from a stalled feed")
	}
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Errorf("took %v", elapsed)
	}
	st := h.store.get(feedURL)
	if st.LastError != "fetch feed: timed out after 200ms" || st.Failures != 1 {
		t.Errorf("state = %+v", st)
	}
}

func TestPollHugeFeedRefused(t *testing.T) {
	h := newHarness(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		io.WriteString(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Endless</title>`)
		chunk := []byte(strings.Repeat("<item><title>x</title><link>http://e.example/x</link></item>\n", 1000))
		for sent := 0; sent < 100<<20; sent += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}), web.Options{})
	p := h.poller(PollerOptions{})
	feedURL := h.srv.URL + "/rss"

	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	_, err := p.PollOnce(context.Background(), feedURL)
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	h.srv.CloseClientConnections()

	if err == nil {
		t.Fatal("a 100 MiB feed was accepted")
	}
	st := h.store.get(feedURL)
	if !strings.Contains(st.LastError, "larger than") || st.Failures != 1 {
		t.Errorf("state = %+v", st)
	}
	if h.sink.calls != 0 {
		t.Errorf("sink called %d times", h.sink.calls)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 48<<20 {
		t.Errorf("allocated %d MiB refusing the feed", alloc>>20)
	}
	t.Logf("refused in %v: %s", elapsed, st.LastError)
}

func TestPollOwnSizeCap(t *testing.T) {
	var h *harness
	h = newHarness(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, rssFeed(h.srv.URL, [3]string{"a", "g-a", longBody}, [3]string{"b", "g-b", longBody}))
	}), web.Options{})
	p := h.poller(PollerOptions{MaxBytes: 1024})
	feedURL := h.srv.URL + "/rss"
	if _, err := p.PollOnce(context.Background(), feedURL); err == nil {
		t.Fatal("feed over MaxBytes accepted")
	}
	if st := h.store.get(feedURL); !strings.HasPrefix(st.LastError, "fetch feed: feed larger than 1024 bytes") {
		t.Errorf("LastError = %q", st.LastError)
	}
}

func TestPollMalformedKeepsStoredItems(t *testing.T) {
	var broken atomic.Bool
	var h *harness
	h = newHarness(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if broken.Load() {
			w.Header().Set("ETag", `"broken"`)
			w.Write(readFile(t, "malformed.xml"))
			return
		}
		w.Header().Set("ETag", `"good"`)
		io.WriteString(w, rssFeed(h.srv.URL, [3]string{"a", "g-a", longBody}, [3]string{"b", "g-b", longBody}))
	}), web.Options{})
	p := h.poller(PollerOptions{})
	feedURL := h.srv.URL + "/rss"

	if n, err := p.PollOnce(context.Background(), feedURL); n != 2 || err != nil {
		t.Fatalf("first poll: %d, %v", n, err)
	}
	broken.Store(true)
	if _, err := p.PollOnce(context.Background(), feedURL); err == nil {
		t.Fatal("malformed feed accepted")
	}
	st := h.store.get(feedURL)
	if !strings.HasPrefix(st.LastError, "parse feed: malformed feed") || st.Failures != 1 {
		t.Errorf("state = %+v", st)
	}
	if st.ETag != `"good"` {
		t.Errorf("ETag = %q: the failed document's validator was kept", st.ETag)
	}
	if h.sink.count() != 2 {
		t.Errorf("sink holds %d articles, want the 2 stored before", h.sink.count())
	}
	t.Log(st.LastError)
}

// TestPollBadByteKeepsItems checks that one byte that is not UTF-8 in one
// item costs no item: both are stored, the poll is a success, and the
// feed's state says what was repaired (shown by bot feeds).
func TestPollBadByteKeepsItems(t *testing.T) {
	var h *harness
	h = newHarness(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, rssFeed(h.srv.URL, [3]string{"a", "g-a", "Caf\xe9 " + longBody}, [3]string{"b", "g-b", longBody}))
	}), web.Options{})
	feedURL := h.srv.URL + "/rss"
	if n, err := h.poller(PollerOptions{}).PollOnce(context.Background(), feedURL); n != 2 || err != nil {
		t.Fatalf("poll: %d new, %v; want 2 and no error", n, err)
	}
	st := h.store.get(feedURL)
	if st.Failures != 0 || !strings.Contains(st.LastError, "repaired 1 bytes") {
		t.Errorf("state = %+v, want a success noting the repair", st)
	}
}

func TestPollChangingGUIDsNoDuplicates(t *testing.T) {
	var polls atomic.Int32
	var h *harness
	h = newHarness(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := polls.Add(1)
		io.WriteString(w, rssFeed(h.srv.URL,
			[3]string{"a", fmt.Sprintf("a-%d", n), longBody},
			[3]string{"b", fmt.Sprintf("b-%d", n), longBody},
			[3]string{"a", fmt.Sprintf("a-again-%d", n), longBody}, // same link twice in one document
		))
	}), web.Options{})
	feedURL := h.srv.URL + "/rss"

	// Two pollers over the same store and sink: the second one is the bot
	// after a restart, with no memory of earlier polls.
	for i, p := range []*Poller{h.poller(PollerOptions{}), h.poller(PollerOptions{})} {
		for range 2 {
			if _, err := p.PollOnce(context.Background(), feedURL); err != nil {
				t.Fatalf("poller %d: %v", i, err)
			}
		}
	}
	if polls.Load() != 4 {
		t.Fatalf("server polled %d times, want 4", polls.Load())
	}
	if len(h.sink.stores) != 2 {
		t.Errorf("stored %d URLs, want 2", len(h.sink.stores))
	}
	for url, n := range h.sink.stores {
		if n != 1 {
			t.Errorf("%s stored %d times", url, n)
		}
	}
	if h.sink.dups == 0 {
		t.Error("the restarted poller never met ErrDuplicate; test does not exercise it")
	}
	if st := h.store.get(feedURL); st.LastError != "" || st.Failures != 0 {
		t.Errorf("duplicates recorded as a failure: %+v", st)
	}
}

func TestPollRedirectToDisallowedAddress(t *testing.T) {
	other, accepted := listentest.Counting(t)
	target := "http://" + other + "/internal/admin"
	h := newHarness(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target, http.StatusFound)
	}), web.Options{})
	p := h.poller(PollerOptions{})

	u := strings.Replace(h.srv.URL, "http://", "http://reader:pa55word@", 1) + "/rss?token=t0ken"
	_, err := p.PollOnce(context.Background(), u)
	var be *web.BlockedAddressError
	if !errors.As(err, &be) {
		t.Fatalf("err = %v, want the address refused", err)
	}
	st := h.store.get(u)
	if !strings.Contains(st.LastError, "refused") || st.Failures != 1 {
		t.Errorf("state = %+v", st)
	}
	for _, secret := range []string{"pa55word", "t0ken", "reader"} {
		if strings.Contains(st.LastError, secret) || strings.Contains(err.Error(), secret) {
			t.Errorf("a secret leaked into the error: %q / %q", st.LastError, err)
		}
	}
	if n := accepted(); n != 0 {
		t.Errorf("the disallowed listener accepted %d connections", n)
	}
	t.Log(st.LastError)
}

func TestPollBackoff(t *testing.T) {
	var mode atomic.Value // "fail", "busy" or "ok"
	mode.Store("fail")
	var h *harness
	h = newHarness(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch mode.Load() {
		case "fail":
			http.Error(w, "oops", http.StatusInternalServerError)
		case "busy":
			w.Header().Set("Retry-After", "7200")
			http.Error(w, "slow down", http.StatusTooManyRequests)
		default:
			io.WriteString(w, rssFeed(h.srv.URL, [3]string{"a", "g-a", longBody}))
		}
	}), web.Options{})
	opts := PollerOptions{BackoffBase: time.Minute, MaxBackoff: 10 * time.Minute}
	p := h.poller(opts)
	feedURL := h.srv.URL + "/rss"

	wantBase := []time.Duration{1, 2, 4, 8, 10, 10}
	for i, base := range wantBase {
		h.clock.advance(time.Hour)
		if _, err := p.PollOnce(context.Background(), feedURL); err == nil {
			t.Fatalf("poll %d: no error", i)
		}
		st := h.store.get(feedURL)
		if st.Failures != i+1 || st.LastError != "fetch feed: http status 500" {
			t.Fatalf("poll %d: state %+v", i, st)
		}
		delay := st.NextPoll.Sub(h.clock.Now())
		lo := time.Duration(float64(base*time.Minute) * 0.8)
		hi := min(time.Duration(float64(base*time.Minute)*1.2), opts.MaxBackoff)
		if delay < lo || delay > hi {
			t.Errorf("after %d failures: delay %v, want in [%v, %v]", i+1, delay, lo, hi)
		}
	}

	mode.Store("busy")
	h.clock.advance(time.Hour)
	p.PollOnce(context.Background(), feedURL)
	st := h.store.get(feedURL)
	if d := st.NextPoll.Sub(h.clock.Now()); d != 2*time.Hour {
		t.Errorf("Retry-After 7200 gave a delay of %v, want 2h", d)
	}
	if st.LastError != "fetch feed: http status 429, retry after 2h0m0s" {
		t.Errorf("LastError = %q", st.LastError)
	}

	mode.Store("ok")
	h.clock.advance(3 * time.Hour)
	if _, err := p.PollOnce(context.Background(), feedURL); err != nil {
		t.Fatal(err)
	}
	st = h.store.get(feedURL)
	if st.Failures != 0 || st.LastError != "" || !st.NextPoll.Equal(h.clock.Now().Add(DefaultInterval)) {
		t.Errorf("success did not reset the backoff: %+v", st)
	}
}

func TestPollFetchesFullPagesForSnippets(t *testing.T) {
	page := func(name string) string {
		p := fmt.Sprintf("<p>Councillor Beatriz Amundsen said the %s plan would be reviewed by the island committee before the summer, after residents raised concerns about noise and parking near the pier.</p>", name)
		return "<html><head><title>" + name + "</title></head><body><nav><a href=/>Home</a></nav><article>" + strings.Repeat(p, 4) + "</article></body></html>"
	}
	var h *harness
	mux := http.NewServeMux()
	mux.HandleFunc("/rss", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, rssFeed(h.srv.URL,
			[3]string{"one", "g1", "Short teaser one."},
			[3]string{"two", "g2", "Short teaser two."},
			[3]string{"three", "g3", "Short teaser three."},
			[3]string{"missing", "g4", "Short teaser for a page that is gone."},
			[3]string{"full", "g5", longBody},
		))
	})
	var pageHits atomic.Int32
	mux.HandleFunc("/news/{slug}", func(w http.ResponseWriter, r *http.Request) {
		pageHits.Add(1)
		slug := r.PathValue("slug")
		if slug == "missing" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, page(slug))
	})
	h = newHarness(t, mux, web.Options{})
	// Items are handled oldest first: one, two, three, missing, full. The
	// cap of 3 page fetches covers one, two and three only.
	p := h.poller(PollerOptions{MaxPageFetches: 3})
	feedURL := h.srv.URL + "/rss"

	n, err := p.PollOnce(context.Background(), feedURL)
	if err != nil || n != 5 {
		t.Fatalf("n=%d err=%v", n, err)
	}
	if pageHits.Load() != 3 {
		t.Errorf("fetched %d pages, want 3 (the cap)", pageHits.Load())
	}
	for _, slug := range []string{"one", "two", "three"} {
		a := h.sink.article(h.srv.URL + "/news/" + slug)
		if !strings.Contains(a.Body, "Beatriz Amundsen said the "+slug+" plan") || a.Title != "Story "+slug {
			t.Errorf("%s: body %q title %q, want the full page with the feed's title", slug, a.Body, a.Title)
		}
		if a.URL != h.srv.URL+"/news/"+slug || a.FeedURL != feedURL {
			t.Errorf("%s: URL %q FeedURL %q", slug, a.URL, a.FeedURL)
		}
	}
	if a := h.sink.article(h.srv.URL + "/news/missing"); a.Body != "Short teaser for a page that is gone." {
		t.Errorf("over the cap: body %q, want the snippet", a.Body)
	}

	// A page that fails keeps its snippet.
	h2 := newHarness(t, mux, web.Options{})
	h = h2
	p2 := h2.poller(PollerOptions{})
	if _, err := p2.PollOnce(context.Background(), h2.srv.URL+"/rss"); err != nil {
		t.Fatal(err)
	}
	if a := h2.sink.article(h2.srv.URL + "/news/missing"); a.Body != "Short teaser for a page that is gone." {
		t.Errorf("failed page: body %q, want the snippet", a.Body)
	}
}

func TestPollSinkFailureRetriesItems(t *testing.T) {
	var h *harness
	h = newHarness(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		io.WriteString(w, rssFeed(h.srv.URL, [3]string{"a", "g-a", longBody}, [3]string{"b", "g-b", longBody}))
	}), web.Options{})
	down := true
	h.sink.fail = func(a digest.Article) error {
		if down && strings.HasSuffix(a.URL, "/b") {
			return errors.New("database is locked")
		}
		return nil
	}
	p := h.poller(PollerOptions{})
	feedURL := h.srv.URL + "/rss"

	if _, err := p.PollOnce(context.Background(), feedURL); err == nil {
		t.Fatal("sink failure not reported")
	}
	st := h.store.get(feedURL)
	if st.ETag != "" || !strings.Contains(st.LastError, "database is locked") {
		t.Errorf("state = %+v: the validator must wait until every item is stored", st)
	}
	down = false
	if n, err := p.PollOnce(context.Background(), feedURL); err != nil || n != 1 {
		t.Fatalf("retry: n=%d err=%v, want the failed item stored", n, err)
	}
	if h.sink.count() != 2 {
		t.Errorf("sink holds %d", h.sink.count())
	}
}

func TestPollHostBudget(t *testing.T) {
	var h *harness
	h = newHarness(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNotModified)
	}), web.Options{})
	p := h.poller(PollerOptions{HostRate: 20, HostBurst: 1}) // one request every 50 ms
	start := time.Now()
	for i := range 4 {
		if _, err := p.PollOnce(context.Background(), fmt.Sprintf("%s/feed%d", h.srv.URL, i)); err != nil {
			t.Fatal(err)
		}
	}
	if elapsed := time.Since(start); elapsed < 140*time.Millisecond {
		t.Errorf("4 requests to one host took %v, want ≥ 150ms at 20/s", elapsed)
	}
}

func TestRunPollsAndStops(t *testing.T) {
	var requests atomic.Int32
	var h *harness
	h = newHarness(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		io.WriteString(w, rssFeed(h.srv.URL, [3]string{strings.TrimPrefix(r.URL.Path, "/"), "g", longBody}))
	}), web.Options{})
	feeds := []string{h.srv.URL + "/f1", h.srv.URL + "/f2", h.srv.URL + "/f3"}
	h.clock = &fakeClock{now: time.Now()}
	p := h.poller(PollerOptions{Feeds: feeds, Workers: 2})

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- p.Run(ctx) }()
	deadline := time.After(5 * time.Second)
	for h.sink.count() < 3 {
		select {
		case <-deadline:
			t.Fatalf("only %d articles after 5s", h.sink.count())
		case <-time.After(10 * time.Millisecond):
		}
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run returned %v, want nil on cancel", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("Run did not stop after cancel")
	}
	if requests.Load() != 3 {
		t.Errorf("%d requests, want one per feed (none due again yet)", requests.Load())
	}
	for _, f := range feeds {
		if st := h.store.get(f); st.LastSuccess.IsZero() {
			t.Errorf("%s not recorded", f)
		}
	}
}

func TestLogFailureRateLimited(t *testing.T) {
	var logs strings.Builder
	clock := &fakeClock{now: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	p := NewPoller(nil, nil, newFakeStore(), newFakeSink(), PollerOptions{
		Clock:  clock,
		Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelWarn})),
	})
	for range 5 {
		p.logFailure("https://a.example/f", "fetch feed: http status 500", 1, time.Minute)
		clock.advance(10 * time.Minute)
	}
	if n := strings.Count(logs.String(), "feed poll failed"); n != 1 {
		t.Errorf("logged %d warnings in 50 minutes, want 1:\n%s", n, logs.String())
	}
	clock.advance(time.Hour)
	p.logFailure("https://a.example/f", "fetch feed: http status 500", 6, time.Minute)
	if !strings.Contains(logs.String(), "suppressed=4") {
		t.Errorf("second warning does not count the suppressed ones:\n%s", logs.String())
	}
}

// TestScrub pins what the poller relies on urls.Scrub for: a failure
// message keeps the feed's host and path but loses its credentials.
func TestScrub(t *testing.T) {
	raw := "https://bob:s3cret@feeds.example/rss?api_key=k3y"
	msg := `fetch feed: Get "` + raw + `": EOF; also s3cret and api_key=k3y`
	got := urls.Scrub(msg, raw)
	for _, s := range []string{"s3cret", "k3y", "bob"} {
		if strings.Contains(got, s) {
			t.Errorf("Scrub left %q in %q", s, got)
		}
	}
	if !strings.Contains(got, "https://feeds.example/rss") {
		t.Errorf("Scrub lost the host and path: %q", got)
	}
}
