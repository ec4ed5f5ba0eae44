package feeds

import (
	"context"
	"slices"

	"github.com/newsdigest/bot/internal/logattr"
)

// feedList is the URLs to poll this round: Feeds, then those of Sources
// not among them, each once. A failing Sources is logged and leaves
// Feeds.
func (p *Poller) feedList(ctx context.Context) []string {
	if p.opts.Sources == nil {
		return p.opts.Feeds
	}
	more, err := p.opts.Sources(ctx)
	if err != nil {
		if ctx.Err() == nil {
			p.log.Warn("load workspace feeds", logattr.Err(err))
		}
		return p.opts.Feeds
	}
	list := slices.Clone(p.opts.Feeds)
	seen := make(map[string]bool, len(list)+len(more))
	for _, u := range list {
		seen[u] = true
	}
	for _, u := range more {
		if !seen[u] {
			seen[u] = true
			list = append(list, u)
		}
	}
	return list
}
