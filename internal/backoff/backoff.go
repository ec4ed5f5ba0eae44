// Package backoff is the program's one rule for waiting longer after each
// consecutive failure (feed polls, scheduled digests and platform
// reconnections all use it) and its one reader of a server's Retry-After.
// It imports only the standard library.
package backoff

import (
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"
)

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

// RetryAfter reads an HTTP Retry-After header value, seconds or an HTTP
// date, as the delay it asks for from now; 0 when it is absent, unusable or
// in the past. Callers cap it to what they are willing to wait.
func RetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil {
		if s <= 0 {
			return 0
		}
		return time.Duration(min(s, maxSeconds)) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// maxSeconds is the longest delay a Duration holds, in seconds.
const maxSeconds = int(math.MaxInt64 / int64(time.Second))
