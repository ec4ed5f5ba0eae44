package digest

import (
	"context"
	"fmt"
	"slices"
)

// newsCommand answers /news with the filters written after the topic
// ("/news mexico lang:es exclude:football"); "sources:own" means the
// asking workspace's feeds.
func (s *Service) newsCommand(ctx context.Context, cmd Command) (Reply, error) {
	if isURL(cmd.Args) {
		return s.News(ctx, cmd.Args)
	}
	topic, fe, err := ParseFilter(cmd.Args)
	if err != nil {
		return Reply{}, err
	}
	if fe.Filter.OwnFeeds && cmd.Workspace == "" && cmd.Platform != "console" {
		return Reply{}, usageError("sources:own means this workspace's /feeds; use it in a workspace or server, not a direct message.")
	}
	af, err := newArticleFilter(ctx, s.store, fe.Filter, cmd.Platform, cmd.Workspace)
	if err != nil {
		return Reply{}, fmt.Errorf("news: %w", err)
	}
	return s.news(ctx, topic, af)
}

// filterNewsHits keeps the hits af lets through. When it lets none through
// of some, none is true and r says so.
func filterNewsHits(hits *[]ArticleHit, af articleFilter, topic string) (r Reply, none bool) {
	if af.f.IsZero() || len(*hits) == 0 {
		return Reply{}, false
	}
	n := len(*hits)
	*hits = slices.DeleteFunc(*hits, func(h ArticleHit) bool { return af.why(h.Article) != "" })
	if len(*hits) > 0 {
		return Reply{}, false
	}
	return Reply{Kind: ReplyText, Query: topic,
		Text: fmt.Sprintf("No stories about %q pass your filters (%s); %d articles match without them.", topic, af.f, n)}, true
}
