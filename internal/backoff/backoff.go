// Package backoff is the program's one rule for waiting longer after each
// consecutive failure: feed polls, scheduled digests and platform
// reconnections all use it. It imports only the standard library.
package backoff

import "time"

// Exponential is the delay after the n-th consecutive failure: base after
// the first, doubled for each further failure, never more than max. n < 1
// counts as 1; a max below base gives base.
func Exponential(base, max time.Duration, n int) time.Duration {
	d := base
	for i := 1; i < n && d < max; i++ {
		d *= 2
	}
	if max >= base {
		d = min(d, max)
	}
	return d
}
