package digest

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/newsdigest/bot/internal/logattr"
)

// SampleStore is what the Service asks the store about the bundled sample
// articles: they are demo data, shown only while the store holds nothing
// else.
type SampleStore interface {
	// HasRealArticles reports whether any stored article is not a sample.
	HasRealArticles(ctx context.Context) (bool, error)
	// DeleteSamples deletes every sample article with its quotes and story
	// index entries and returns how many articles went.
	DeleteSamples(ctx context.Context) (int, error)
}

// statusTTL is how long the Service reuses what it learned of the store's
// samples and sources before asking again: one look a minute at most, not
// one per command.
const statusTTL = time.Minute

// sourceStatus is the cached answer to "are samples hidden, and is there
// anything to say about the sources".
type sourceStatus struct {
	mu     sync.Mutex
	at     time.Time
	real   bool   // the store holds real articles: samples are hidden
	notice string // one line for answers, "" when the sources are fine
}

// status returns the status, asking the store when the cache is older
// than statusTTL. A failed look is logged and treated as "nothing to say",
// never as an error of the command.
func (s *Service) status(ctx context.Context) (real bool, notice string) {
	var err error
	st := &s.srcStatus
	now := s.clock.Now()
	st.mu.Lock()
	defer st.mu.Unlock()
	if !st.at.IsZero() && now.Sub(st.at) < statusTTL && now.After(st.at.Add(-time.Second)) {
		return st.real, st.notice
	}
	real, err = s.store.HasRealArticles(ctx)
	if err != nil {
		s.log.WarnContext(ctx, "checking for real articles", logattr.Err(err))
		return false, ""
	}
	notice, err = s.sourceNotice(ctx, real)
	if err != nil {
		s.log.WarnContext(ctx, "checking feed sources", logattr.Err(err))
		return real, ""
	}
	st.at, st.real, st.notice = now, real, notice
	return real, notice
}

// forgetStatus makes the next status look at the store again (after feeds
// or samples changed).
func (s *Service) forgetStatus() {
	s.srcStatus.mu.Lock()
	s.srcStatus.at = time.Time{}
	s.srcStatus.mu.Unlock()
}

// Notices shown under answers when the sources need attention. They say
// what is wrong and what to do, in one line.
const (
	NoticeNoSources = "No news sources are set up yet: add one with /feeds add <feed or site url> (or the operator's FEEDS setting)."
	NoticeSamples   = "Only the bundled SAMPLE articles (demo data, not news) are stored so far: add a source with /feeds add <feed or site url>."
	noticeNoneOK    = "None of the %d news sources has been read successfully yet: /feeds list says why."
)

// sourceNotice is the line answers carry while no source is configured or
// none has succeeded, or while only samples are stored; "" otherwise.
func (s *Service) sourceNotice(ctx context.Context, real bool) (string, error) {
	states, err := s.store.FeedStates(ctx)
	if err != nil {
		return "", fmt.Errorf("source notice: %w", err)
	}
	ok := false
	for _, st := range states {
		if !st.LastSuccess.IsZero() {
			ok = true
			break
		}
	}
	samplesOnly := false
	if !real {
		n, err := s.store.CountArticles(ctx)
		if err != nil {
			return "", fmt.Errorf("source notice: %w", err)
		}
		samplesOnly = n > 0
	}
	var notice string
	switch n := max(len(states), s.cfg.ConfiguredFeeds); {
	case n == 0:
		notice = NoticeNoSources
	case !ok:
		notice = fmt.Sprintf(noticeNoneOK, n)
	}
	if samplesOnly {
		if notice == "" {
			return NoticeSamples, nil
		}
		notice += " Until then the answers show the bundled SAMPLE articles."
	}
	return notice, nil
}

// withNotice adds the sources line to r (in Reply.Notice) when there is one.
func (s *Service) withNotice(ctx context.Context, r Reply) Reply {
	if _, notice := s.status(ctx); notice != "" {
		r.Notice = notice
	}
	return r
}

// samplesHidden reports whether sample articles are left out of answers:
// as soon as the store holds one real article.
func (s *Service) samplesHidden(ctx context.Context) bool {
	real, _ := s.status(ctx)
	return real
}

// RemoveSamples deletes the bundled sample articles from the store and
// returns how many were deleted (`bot samples remove`).
func (s *Service) RemoveSamples(ctx context.Context) (int, error) {
	n, err := s.store.DeleteSamples(ctx)
	if err != nil {
		return 0, fmt.Errorf("remove samples: %w", err)
	}
	s.forgetStatus()
	s.log.InfoContext(ctx, "removed the bundled sample articles", slog.Int(logattr.KeyCount, n))
	return n, nil
}

// dropSampleHits removes sample articles from hits.
func dropSampleHits(hits []ArticleHit) []ArticleHit {
	out := hits[:0:0]
	for _, h := range hits {
		if !h.Article.Sample {
			out = append(out, h)
		}
	}
	return out
}

// realArticlesStored asks st, when it is a SampleStore, whether it holds
// real articles (then samples are left out); a store that keeps no samples
// has none to hide.
func realArticlesStored(ctx context.Context, st any) (bool, error) {
	ss, ok := st.(interface {
		HasRealArticles(ctx context.Context) (bool, error)
	})
	if !ok {
		return false, nil
	}
	real, err := ss.HasRealArticles(ctx)
	if err != nil {
		return false, fmt.Errorf("real articles: %w", err)
	}
	return real, nil
}

// noteStored makes the first real article stored hide the samples at once
// (without waiting for statusTTL).
func (s *Service) noteStored(a Article) {
	if a.Sample {
		return
	}
	st := &s.srcStatus
	st.mu.Lock()
	if !st.real {
		st.at = time.Time{}
	}
	st.mu.Unlock()
}
