// Package retention prunes the store on a schedule (RETENTION): articles
// older than the retention period go, with their quotes and index entries,
// except the stories of digests delivered within it (see digest.Pruner).
// It imports the core and the standard library only.
package retention

import (
	"context"
	"log/slog"
	"time"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/logattr"
)

// Defaults of Runner's zero fields.
const (
	DefaultInterval   = 6 * time.Hour
	DefaultFirstDelay = 2 * time.Minute // let start-up work (samples, story index) finish first
)

// Metrics counts what was pruned, by kind ("articles", "quotes",
// "stories"); nil counts nothing.
type Metrics interface {
	Pruned(kind string, n int64)
}

// Runner prunes Store every Interval.
type Runner struct {
	Store      digest.Pruner
	Keep       time.Duration // the retention period; must be > 0
	Interval   time.Duration // between prunes (default DefaultInterval)
	FirstDelay time.Duration // before the first prune (default DefaultFirstDelay)
	Batch      int           // articles per transaction (0: the store's default)
	Now        func() time.Time
	Log        *slog.Logger
	Metrics    Metrics
}

// Once prunes what is older than Keep now.
func (r *Runner) Once(ctx context.Context) (digest.PruneStats, error) {
	now := time.Now
	if r.Now != nil {
		now = r.Now
	}
	start := time.Now()
	st, err := r.Store.Prune(ctx, now().Add(-r.Keep), r.Batch)
	if r.Metrics != nil {
		r.Metrics.Pruned("articles", st.Articles)
		r.Metrics.Pruned("quotes", st.Quotes)
		r.Metrics.Pruned("stories", st.Delivered)
	}
	log := r.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	switch {
	case err != nil && ctx.Err() == nil:
		log.WarnContext(ctx, "retention: prune failed; retrying at the next interval", logattr.Err(err), logattr.KeyArticles, st.Articles)
	case st.Articles > 0 || st.Delivered > 0:
		log.InfoContext(ctx, "retention: pruned old articles", logattr.KeyArticles, st.Articles, logattr.KeyQuotes, st.Quotes,
			"delivery_records", st.Delivered, "reclaimed_bytes", st.Reclaimed, logattr.Duration(time.Since(start)))
	}
	return st, err
}

// Run prunes after FirstDelay and then every Interval until ctx ends. A
// failed prune is logged and retried at the next interval; Run returns nil.
func (r *Runner) Run(ctx context.Context) error {
	interval, first := r.Interval, r.FirstDelay
	if interval <= 0 {
		interval = DefaultInterval
	}
	if first <= 0 {
		first = DefaultFirstDelay
	}
	t := time.NewTimer(first)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
		_, _ = r.Once(ctx)
		t.Reset(interval)
	}
}
