package digest

import "errors"

// Ingest outcomes reported to IngestMetrics.
const (
	IngestNewStory    = "new_story"    // stored, the first report of its story
	IngestJoinedStory = "joined_story" // stored, joined an earlier story
	IngestDuplicate   = "duplicate"    // already stored (same canonical URL or GUID): dropped
	IngestFailed      = "failed"       // not stored
)

// IngestMetrics counts what Ingest does, for the operators' metrics. The
// core knows nothing of the metrics system behind it; a nil IngestMetrics
// in Config counts nothing. Implementations must be safe for concurrent use
// and must not block.
type IngestMetrics interface {
	ArticleIngested(outcome string)
}

// observeIngest reports one Ingest outcome.
func (s *Service) observeIngest(joined bool, err error) {
	m := s.cfg.Metrics
	if m == nil {
		return
	}
	switch {
	case err == nil && joined:
		m.ArticleIngested(IngestJoinedStory)
	case err == nil:
		m.ArticleIngested(IngestNewStory)
	case errors.Is(err, ErrDuplicate):
		m.ArticleIngested(IngestDuplicate)
	default:
		m.ArticleIngested(IngestFailed)
	}
}
