// Package feeds polls news feeds (RSS, Atom, JSON Feed, parsed by
// internal/feedparse): conditional GET, a request budget per host, backoff
// for failing feeds, and the full page fetched for items that carry only a
// snippet.
//
// It imports the core (internal/digest) and its own libraries, never
// another adapter: the HTTP client and the page fetcher are interfaces
// (Doer, digest.PageFetcher) that cmd/bot fills with the web adapter.
package feeds

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"
	"golang.org/x/time/rate"

	"github.com/newsdigest/bot/internal/backoff"
	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/digest/urls"
	"github.com/newsdigest/bot/internal/feedparse"
	"github.com/newsdigest/bot/internal/lease"
	"github.com/newsdigest/bot/internal/logattr"
)

// Sink receives new articles. Ingest returns the stored article, or an
// error wrapping digest.ErrDuplicate when the article is already stored
// (by URL, or by GUID within a feed), which the Poller treats as normal.
type Sink interface {
	Ingest(ctx context.Context, a digest.Article) (digest.Article, error)
}

// Poller defaults used for zero PollerOptions fields.
const (
	DefaultInterval       = 15 * time.Minute
	DefaultWorkers        = 4
	DefaultTimeout        = 30 * time.Second
	DefaultMaxBytes       = 5 << 20
	DefaultHostRate       = rate.Limit(0.5) // one request every 2 s per host
	DefaultHostBurst      = 2
	DefaultBackoffBase    = 5 * time.Minute
	DefaultMaxBackoff     = 6 * time.Hour
	DefaultMaxPageFetches = 10
	maxRetryAfter         = 24 * time.Hour
	errorLogEvery         = time.Hour
)

// PollerOptions configures a Poller; zero fields take the defaults.
type PollerOptions struct {
	// Feeds are the feed URLs Run polls.
	Feeds []string
	// Sources, when set, gives more feed URLs to poll, asked at every
	// check (the feeds workspaces added from chat); a URL in both lists,
	// or added by several workspaces, is polled once.
	Sources func(ctx context.Context) ([]string, error)
	// Interval between successful polls of a feed (default 15 min).
	Interval time.Duration
	// Workers is how many feeds are polled at once (default 4).
	Workers int
	// Timeout bounds fetching and parsing one feed, and fetching one page
	// (default 30 s).
	Timeout time.Duration
	// MaxBytes caps a feed document (default 5 MiB).
	MaxBytes int64
	// HostRate and HostBurst are the request budget per host, feeds and
	// pages together (default one request every 2 s, bursts of 2).
	HostRate  rate.Limit
	HostBurst int
	// BackoffBase is the delay after the first failure; it doubles with
	// each further failure, with ±20 % jitter, up to MaxBackoff
	// (defaults 5 min and 6 h). A longer Retry-After (up to 24 h) wins.
	BackoffBase time.Duration
	MaxBackoff  time.Duration
	// MaxPageFetches caps full-page fetches for snippet items per poll of
	// one feed (default 10; negative: never fetch pages).
	MaxPageFetches int
	// Owner names this Poller in feed leases (digest.FeedStore.ClaimFeed);
	// default a random id with the host name and process id. Pollers
	// sharing a store must have different owners.
	Owner string
	// Lease is how long a claimed feed stays with this Poller before
	// another may take it over (default 2 × Timeout). A poll renews its
	// lease every Lease/3 while it lasts, so only a Poller that stopped
	// (crashed, or lost the store) loses a feed to another; the feed is
	// then polled again at most a Lease and a check period later.
	Lease time.Duration
	// Clock tells the time (default the system clock).
	Clock digest.Clock
	// Logger receives poll logs (default discards them).
	Logger *slog.Logger
	// Metrics counts poll outcomes (nil: none are counted).
	Metrics Metrics
}

// Poller polls feeds and hands new items to a Sink. It is safe for
// concurrent use. Several Pollers (in one or many processes) may share a
// store and a feed list: Run claims each due feed in the store before
// polling it, so each feed is fetched by one of them per Interval.
type Poller struct {
	client Doer
	pages  digest.PageFetcher
	store  Store
	sink   Sink
	opts   PollerOptions
	clock  digest.Clock
	log    *slog.Logger

	mu       sync.Mutex
	limiters map[string]*rate.Limiter   // by host
	seen     map[string]map[string]bool // feed URL → item URLs already handed to the sink
	logged   map[string]logEntry        // feed URL → last failure logged

	firstRound chan struct{} // closed after Run's first round (see FirstRound)
	firstOnce  sync.Once
}

// NewPoller returns a Poller fetching with client, reading full pages of
// snippet items with pages (nil: never), keeping state in store and
// handing articles to sink.
func NewPoller(client Doer, pages digest.PageFetcher, store Store, sink Sink, opts PollerOptions) *Poller {
	// Zero or negative durations and counts take the defaults (cmp.Or).
	opts.Interval = cmp.Or(max(opts.Interval, 0), DefaultInterval)
	opts.Workers = cmp.Or(max(opts.Workers, 0), DefaultWorkers)
	opts.Timeout = cmp.Or(max(opts.Timeout, 0), DefaultTimeout)
	opts.MaxBytes = cmp.Or(max(opts.MaxBytes, 0), DefaultMaxBytes)
	opts.HostRate = cmp.Or(max(opts.HostRate, 0), DefaultHostRate)
	opts.HostBurst = cmp.Or(max(opts.HostBurst, 0), DefaultHostBurst)
	opts.BackoffBase = cmp.Or(max(opts.BackoffBase, 0), DefaultBackoffBase)
	opts.MaxBackoff = cmp.Or(max(opts.MaxBackoff, 0), DefaultMaxBackoff)
	if opts.MaxPageFetches == 0 {
		opts.MaxPageFetches = DefaultMaxPageFetches
	}
	opts.Lease = cmp.Or(max(opts.Lease, 0), 2*opts.Timeout)
	if opts.Owner == "" {
		opts.Owner = lease.NewOwner()
	}
	if opts.Clock == nil {
		opts.Clock = digest.ClockFunc(time.Now)
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	opts.Feeds = slices.Clone(opts.Feeds)
	return &Poller{
		client: client, pages: pages, store: store, sink: sink,
		opts: opts, clock: opts.Clock, log: opts.Logger,
		limiters:   make(map[string]*rate.Limiter),
		seen:       make(map[string]map[string]bool),
		logged:     make(map[string]logEntry),
		firstRound: make(chan struct{}),
	}
}

// FirstRound is closed once Run has polled (or tried) every feed that was
// due when it started: after it, a store still without articles means no
// feed was reachable.
func (p *Poller) FirstRound() <-chan struct{} { return p.firstRound }

// Owner returns the name this Poller claims feeds under.
func (p *Poller) Owner() string { return p.opts.Owner }

// checkEvery is how often Run looks for due feeds: every half Lease (30 s
// by default), so that the feeds of a crashed Poller are taken over soon
// after its leases expire, or every Interval if that is shorter; at most
// every minute and at least every second.
func (p *Poller) checkEvery() time.Duration {
	return max(min(p.opts.Interval, time.Minute, p.opts.Lease/2), time.Second)
}

// Run polls every due feed (NextPoll reached) at once and then checks
// again every half Lease (or Interval if shorter, within 1 s to 1 min), until
// ctx is cancelled; it then waits for polls in flight and returns nil. A
// due feed is claimed in the store before it is polled (ClaimFeed as
// Owner, for Lease); a feed claimed by another Poller is left to it.
// Failures are recorded in each feed's state and logged; they do not stop
// Run.
func (p *Poller) Run(ctx context.Context) error {
	t := time.NewTicker(p.checkEvery())
	defer t.Stop()
	p.log.InfoContext(ctx, "feed poller started", logattr.KeyFeeds, len(p.opts.Feeds), "interval", p.opts.Interval.String(),
		logattr.KeyOwner, p.opts.Owner, "lease", p.opts.Lease.String())
	for first := true; ; first = false {
		p.pollDue(ctx)
		if first {
			p.firstOnce.Do(func() { close(p.firstRound) })
		}
		select {
		case <-ctx.Done():
			p.log.InfoContext(ctx, "feed poller stopped")
			return nil
		case <-t.C:
		}
	}
}

// pollDue claims and polls the feeds whose NextPoll has come, Workers at a
// time, and waits for them. The list is walked from a random place, so
// Pollers started together contend for few feeds.
func (p *Poller) pollDue(ctx context.Context) {
	now := p.clock.Now()
	states, err := p.store.FeedStates(ctx)
	if err != nil {
		if ctx.Err() == nil {
			p.log.ErrorContext(ctx, "load feed states", logattr.KeyError, err)
		}
		return
	}
	next := make(map[string]time.Time, len(states))
	for _, st := range states {
		next[st.URL] = st.NextPoll
	}
	feeds := p.feedList(ctx)
	if len(feeds) > 1 {
		k := rand.IntN(len(feeds))
		feeds = append(slices.Clone(feeds[k:]), feeds[:k]...)
	}
	var g errgroup.Group // each poll logs and counts its own failure
	g.SetLimit(p.opts.Workers)
	var polled, elsewhere, failed atomic.Int32
	for _, feedURL := range feeds {
		if ctx.Err() != nil {
			break
		}
		if next[feedURL].After(now) {
			continue
		}
		g.Go(func() error {
			switch claimed, err := p.pollIfClaimed(ctx, feedURL); {
			case err != nil:
				failed.Add(1)
			case claimed:
				polled.Add(1)
			default:
				elsewhere.Add(1)
			}
			return nil
		})
	}
	_ = g.Wait()
	if n, m, f := polled.Load(), elsewhere.Load(), failed.Load(); n+m+f > 0 {
		p.log.DebugContext(ctx, "due feeds checked", "polled", n, "not_claimed", m, "failed", f)
	}
}

// pollIfClaimed claims feedURL and polls it when the claim succeeds.
// claimed is false when the feed is not due or another Poller holds it.
func (p *Poller) pollIfClaimed(ctx context.Context, feedURL string) (claimed bool, err error) {
	now := p.clock.Now()
	st, ok, err := p.store.ClaimFeed(ctx, feedURL, p.opts.Owner, now, now.Add(p.opts.Lease))
	if err != nil {
		if ctx.Err() == nil {
			p.log.ErrorContext(ctx, "claim feed", logattr.KeyFeed, urls.Redact(feedURL), logattr.KeyError, err)
		}
		return false, fmt.Errorf("claim feed: %w", err)
	}
	if !ok {
		return false, nil
	}
	_, err = p.pollState(ctx, st, true)
	return true, err
}

// PollOnce polls one feed now, whatever its NextPoll, and returns how many
// new articles the sink stored. It does not claim the feed (an explicit
// poll is the operator's call), so it may overlap a Run's poll of the same
// feed in another Poller; the store drops duplicate articles and saving
// the state releases any lease on the feed. The outcome is recorded in the
// feed's state: on success the validators (ETag, Last-Modified),
// LastSuccess and NextPoll = now + Interval; on failure the reason in
// LastError (with no URL userinfo or query), Failures and NextPoll after a
// backoff. A 304 is a success with nothing new. When ctx is cancelled
// nothing is recorded and ctx's error is returned.
func (p *Poller) PollOnce(ctx context.Context, feedURL string) (int, error) {
	st, err := p.store.FeedState(ctx, feedURL)
	switch {
	case errors.Is(err, digest.ErrNotFound):
		st = digest.FeedState{URL: feedURL}
	case err != nil:
		return 0, fmt.Errorf("load feed state: %w", err)
	}
	return p.pollState(ctx, st, false)
}

// pollState polls the feed whose stored state is st and records the
// outcome (see PollOnce). When leased, st was claimed by this Poller: the
// lease is renewed while the poll lasts, released by saving the outcome,
// and released too (the state put back as it was) when ctx is cancelled
// mid-poll, so that another Poller can take the feed at once.
func (p *Poller) pollState(ctx context.Context, st digest.FeedState, leased bool) (int, error) {
	feedURL := st.URL
	claimed := st
	st.LastPoll = p.clock.Now()

	stopRenew := func() {}
	if leased {
		stopRenew = p.renewLease(ctx, feedURL)
	}
	st.LastError = "" // poll may leave a note about a successful poll
	n, wait, pollErr := p.poll(ctx, &st)
	stopRenew()
	if pollErr != nil && ctx.Err() != nil {
		if leased {
			p.release(ctx, claimed)
		}
		return n, ctx.Err() // shutting down: not the feed's fault
	}

	p.observe(n, pollErr)
	now := p.clock.Now()
	if pollErr == nil {
		if st.Failures > 0 {
			p.log.InfoContext(ctx, "feed recovered", logattr.KeyFeed, urls.Redact(feedURL), logattr.KeyFailures, st.Failures)
		}
		st.LastSuccess, st.Failures = now, 0
		st.NextPoll = now.Add(p.opts.Interval)
		p.forgetFailure(feedURL)
	} else {
		st.Failures++
		st.LastError = urls.Scrub(pollErr.Error(), feedURL)
		delay := p.backoff(st.Failures)
		if wait > delay {
			delay = min(wait, maxRetryAfter)
		}
		st.NextPoll = now.Add(delay)
		p.logFailure(feedURL, st.LastError, st.Failures, delay)
	}
	var result error
	if pollErr != nil {
		result = &pollError{msg: "poll feed " + urls.Redact(feedURL) + ": " + st.LastError, err: pollErr}
	}
	if err := p.store.PutFeedState(ctx, st); err != nil {
		return n, errors.Join(result, fmt.Errorf("save feed state: %w", err))
	}
	if result != nil {
		return n, result
	}
	if n > 0 {
		p.log.InfoContext(ctx, "feed polled", logattr.KeyFeed, urls.Redact(feedURL), "new_articles", n)
	}
	return n, nil
}

// poll fetches, parses and ingests one feed, updating st's validators and
// title. wait is the server's Retry-After, if any.
func (p *Poller) poll(ctx context.Context, st *digest.FeedState) (n int, wait time.Duration, err error) {
	u, ok := urls.ParseHTTP(st.URL)
	if !ok {
		return 0, 0, errors.New("invalid feed URL: want an absolute http(s) URL")
	}
	if err := p.waitHost(ctx, u.Host); err != nil {
		return 0, 0, err
	}

	fctx, cancel := context.WithTimeout(ctx, p.opts.Timeout)
	defer cancel()
	body, resp, err := p.fetch(fctx, st)
	if err != nil {
		if isTimeout(err) && ctx.Err() == nil {
			return 0, 0, fmt.Errorf("fetch feed: timed out after %s", p.opts.Timeout)
		}
		return 0, 0, fmt.Errorf("fetch feed: %w", err)
	}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return 0, 0, nil
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable:
		wait = backoff.RetryAfter(resp.Header.Get("Retry-After"), p.clock.Now())
		if wait > 0 {
			return 0, wait, fmt.Errorf("fetch feed: http status %d, retry after %s", resp.StatusCode, wait)
		}
		return 0, 0, fmt.Errorf("fetch feed: http status %d", resp.StatusCode)
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return 0, 0, fmt.Errorf("fetch feed: http status %d", resp.StatusCode)
	}

	feed, err := feedparse.ParseAt(bytes.NewReader(body), st.URL, p.clock.Now())
	if err != nil {
		return 0, 0, fmt.Errorf("parse feed: %w", err)
	}
	if feed.Title != "" {
		st.Title = feed.Title
	}
	if feed.Repaired > 0 {
		st.LastError = fmt.Sprintf("repaired %d bytes that were not UTF-8 text (every item kept)", feed.Repaired)
		p.log.WarnContext(ctx, "feed repaired", logattr.KeyFeed, urls.Redact(st.URL), logattr.KeyCount, feed.Repaired)
	}
	n, err = p.ingest(ctx, st.URL, feed.Items)
	if err != nil {
		// Keep the old validators so the next poll fetches the items again.
		return n, 0, err
	}
	st.ETag = resp.Header.Get("ETag")
	st.LastModified = resp.Header.Get("Last-Modified")
	return n, 0, nil
}

// ingest hands items not seen in the previous poll to the sink, oldest
// first, fetching full pages for snippets. Duplicates are normal. It fails
// when the sink failed for any item (those items are retried next poll).
func (p *Poller) ingest(ctx context.Context, feedURL string, items []feedparse.Item) (int, error) {
	p.mu.Lock()
	prev := p.seen[feedURL]
	p.mu.Unlock()

	items = slices.Clone(items)
	slices.SortStableFunc(items, func(a, b feedparse.Item) int { return a.Published.Compare(b.Published) })

	next := make(map[string]bool, len(items))
	var stored, failed, pageFetches int
	var firstErr error
	for _, it := range items {
		if ctx.Err() != nil {
			return stored, ctx.Err()
		}
		if prev[it.URL] || next[it.URL] {
			next[it.URL] = true
			continue
		}
		a := it.Article
		if it.Snippet && p.pages != nil && pageFetches < p.opts.MaxPageFetches {
			pageFetches++
			a = p.fullPage(ctx, it)
		}
		_, err := p.sink.Ingest(ctx, a)
		switch {
		case err == nil:
			stored++
			next[it.URL] = true
		case errors.Is(err, digest.ErrDuplicate):
			next[it.URL] = true
		default:
			failed++
			if firstErr == nil {
				firstErr = err
			}
		}
	}
	p.mu.Lock()
	p.seen[feedURL] = next
	p.mu.Unlock()
	if failed > 0 {
		return stored, fmt.Errorf("store articles: %d of %d failed: %w", failed, len(items), firstErr)
	}
	return stored, nil
}

// fullPage fetches the page of a snippet item and returns the item's
// article with the page's body. The feed's URL, title, source and date are
// kept; on any failure the snippet is returned unchanged.
func (p *Poller) fullPage(ctx context.Context, it feedparse.Item) digest.Article {
	a := it.Article
	u, err := url.Parse(a.URL)
	if err != nil {
		return a
	}
	if err := p.waitHost(ctx, u.Host); err != nil {
		return a
	}
	pctx, cancel := context.WithTimeout(ctx, p.opts.Timeout)
	defer cancel()
	page, err := p.pages.FetchArticle(pctx, a.URL)
	if err != nil {
		p.log.DebugContext(ctx, "full page fetch failed, keeping the feed snippet",
			logattr.KeyFeed, urls.Redact(a.FeedURL), logattr.KeyURL, urls.Redact(a.URL), logattr.KeyError, urls.Scrub(err.Error(), a.URL))
		return a
	}
	if words(page.Body) <= words(a.Body) {
		return a
	}
	a.Body = page.Body
	if a.Title == "" {
		a.Title = page.Title
	}
	if a.Author == "" {
		a.Author = page.Author
	}
	if page.Language != "" {
		a.Language = page.Language
	}
	if it.Undated && !page.Published.IsZero() {
		a.Published = page.Published
	}
	return a
}

// words counts the words of s.
func words(s string) int { return len(strings.Fields(s)) }
