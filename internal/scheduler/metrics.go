package scheduler

import "time"

// Outcomes of a delivery attempt reported to Metrics.
const (
	RunPosted        = "posted"         // the digest was posted
	RunAlreadyPosted = "already_posted" // found on the platform (an earlier attempt posted it): not posted again
	RunFailed        = "failed"         // composing or posting failed; retried within the grace period
)

// Metrics counts delivery attempts for the operators' metrics; a nil
// Config.Metrics counts nothing. lag is how long after the run's scheduled
// instant the attempt ended. Implementations must be safe for concurrent
// use and must not block.
type Metrics interface {
	DigestRun(outcome string, lag time.Duration)
}

func (s *Scheduler) observe(outcome string, due time.Time) {
	if s.cfg.Metrics != nil {
		s.cfg.Metrics.DigestRun(outcome, s.clock.Now().Sub(due))
	}
}
