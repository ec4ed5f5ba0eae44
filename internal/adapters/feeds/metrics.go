package feeds

// Poll outcomes reported to Metrics.
const (
	PollNewItems = "new_items" // the feed answered and brought new articles
	PollNoChange = "no_change" // the feed answered (or 304 Not Modified) with nothing new
	PollFailed   = "error"     // the poll failed; the feed backs off
)

// Metrics counts feed polls for the operators' metrics; a nil
// PollerOptions.Metrics counts nothing. Implementations must be safe for
// concurrent use and must not block.
type Metrics interface {
	FeedPolled(outcome string)
}

func (p *Poller) observe(n int, err error) {
	m := p.opts.Metrics
	switch {
	case m == nil:
	case err != nil:
		m.FeedPolled(PollFailed)
	case n > 0:
		m.FeedPolled(PollNewItems)
	default:
		m.FeedPolled(PollNoChange)
	}
}
