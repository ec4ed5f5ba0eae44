package scheduler

import (
	"context"
	"log/slog"
	"time"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/logattr"
)

// FeedHealthChecker is what FeedWatch runs (digest.Service).
type FeedHealthChecker interface {
	CheckFeedHealth(ctx context.Context, pubs map[string]digest.Publisher) (int, error)
}

// DefaultFeedWatchEvery is how often FeedWatch looks at the workspaces'
// feeds when FeedWatch.Every is not set.
const DefaultFeedWatchEvery = 15 * time.Minute

// FeedWatch tells channels about their workspace feeds' failures and
// recoveries (digest.Service.CheckFeedHealth) every Every.
type FeedWatch struct {
	Checker FeedHealthChecker
	Pubs    map[string]digest.Publisher
	Every   time.Duration
	Log     *slog.Logger
}

// Run checks at once and then every Every until ctx is cancelled.
func (w FeedWatch) Run(ctx context.Context) error {
	every := w.Every
	if every <= 0 {
		every = DefaultFeedWatchEvery
	}
	log := w.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if n, err := w.Checker.CheckFeedHealth(ctx, w.Pubs); err != nil && ctx.Err() == nil {
			log.WarnContext(ctx, "feed health notices", logattr.Err(err), slog.Int(logattr.KeyCount, n))
		} else if n > 0 {
			log.InfoContext(ctx, "feed health notices sent", slog.Int(logattr.KeyCount, n))
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}
