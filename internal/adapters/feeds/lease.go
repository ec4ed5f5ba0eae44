package feeds

import (
	"context"
	"time"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/digest/urls"
	"github.com/newsdigest/bot/internal/logattr"
)

// Store is the feed state a Poller keeps and leases; digest.FeedStore
// (every store) satisfies it.
type Store interface {
	FeedStates(ctx context.Context) ([]digest.FeedState, error)
	FeedState(ctx context.Context, url string) (digest.FeedState, error)
	PutFeedState(ctx context.Context, st digest.FeedState) error
	ClaimFeed(ctx context.Context, url, owner string, now, leaseUntil time.Time) (digest.FeedState, bool, error)
}

var _ Store = digest.FeedStore(nil)

// renewLease renews this Poller's lease on feedURL every Lease/3 until the
// returned stop is called (stop waits for a renewal in flight). A lost
// lease is logged: the poll goes on, and the store drops the duplicate
// articles a second poller may bring.
func (p *Poller) renewLease(ctx context.Context, feedURL string) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(max(p.opts.Lease/3, time.Millisecond))
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			now := p.clock.Now()
			_, ok, err := p.store.ClaimFeed(ctx, feedURL, p.opts.Owner, now, now.Add(p.opts.Lease))
			switch {
			case err != nil && ctx.Err() == nil:
				p.log.WarnContext(ctx, "renew feed lease", logattr.KeyFeed, urls.Redact(feedURL), logattr.KeyError, err)
			case err == nil && !ok:
				p.log.WarnContext(ctx, "feed lease lost to another poller", logattr.KeyFeed, urls.Redact(feedURL))
				return
			}
		}
	}()
	return func() {
		cancel()
		<-done
	}
}

// release puts back the state st claimed (which frees the lease) after a
// poll was cancelled, with a short deadline of its own.
func (p *Poller) release(ctx context.Context, st digest.FeedState) {
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := p.store.PutFeedState(rctx, st); err != nil {
		p.log.WarnContext(ctx, "release feed lease", logattr.KeyFeed, urls.Redact(st.URL), logattr.KeyError, err)
	}
}
