package digest

import (
	"context"
	"fmt"
	"strings"

	"github.com/newsdigest/bot/internal/digest/similar"
	"github.com/newsdigest/bot/internal/digest/text"
)

// maxIndexed bounds the articles IndexStories looks at: the newest ones,
// which the stories of new articles are most likely to hold (the stores
// cap RecentArticles at this many).
const maxIndexed = 10_000

// IndexStories gives the articles published within two story windows of
// now (the newest maxIndexed of them) that were stored without StoryTerms
// and StorySignature (by a version
// of the bot that did not compute them) their terms and signature, so that
// new articles can join their stories. It returns how many it indexed. It
// is safe to run while articles are ingested, and cheap when there is
// nothing to do (one read of the recent articles' ids).
func (s *Service) IndexStories(ctx context.Context) (int, error) {
	since := s.clock.Now().Add(-2 * s.cfg.StoryWindow)
	recent, err := s.store.RecentArticles(ctx, since, maxIndexed)
	if err != nil {
		return 0, fmt.Errorf("index stories: %w", err)
	}
	done := 0
	const chunk = 500
	for start := 0; start < len(recent); start += chunk {
		part := recent[start:min(start+chunk, len(recent))]
		ids := make([]int64, len(part))
		for i, a := range part {
			ids[i] = a.ID
		}
		sigs, err := s.store.StorySignatures(ctx, ids)
		if err != nil {
			return done, fmt.Errorf("index stories: %w", err)
		}
		have := make(map[int64]bool, len(sigs))
		for _, sig := range sigs {
			have[sig.ArticleID] = true
		}
		for _, id := range ids {
			if have[id] {
				continue
			}
			if err := ctx.Err(); err != nil {
				return done, fmt.Errorf("index stories: %w", err)
			}
			a, err := s.store.Article(ctx, id)
			if err != nil {
				return done, fmt.Errorf("index stories: article %d: %w", id, err)
			}
			// Stored articles have their Language and Title (Ingest set
			// them); analyse the body only for a row that lacks one.
			if a.Language == "" || strings.TrimSpace(a.Title) == "" {
				fillLanguageTitle(&a, text.Analyze(analysed(a.Body)))
			}
			sd := storyDoc(a)
			terms := similar.IndexTerms(sd)
			if err := s.store.PutStorySignature(ctx, id, terms, sd.AppendSignature(nil)); err != nil {
				return done, fmt.Errorf("index stories: article %d: %w", id, err)
			}
			done++
		}
	}
	return done, nil
}
