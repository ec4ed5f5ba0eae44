package scheduler

import "time"

// Clock tells the time and makes timers. The Scheduler uses nothing else of
// time, so a fake clock (schedulertest.Clock) drives it in tests without
// sleeping.
type Clock interface {
	Now() time.Time
	// After returns a channel that receives the time once d has passed.
	After(d time.Duration) <-chan time.Time
}

// SystemClock is the real clock.
type SystemClock struct{}

// Now returns time.Now().
func (SystemClock) Now() time.Time { return time.Now() }

// After is time.After.
func (SystemClock) After(d time.Duration) <-chan time.Time { return time.After(d) }
