package feeds

import (
	"math/rand/v2"
	"time"

	"github.com/newsdigest/bot/internal/backoff"
	"github.com/newsdigest/bot/internal/digest/urls"
	"github.com/newsdigest/bot/internal/logattr"
)

type logEntry struct {
	msg        string
	at         time.Time
	suppressed int
}

// backoff is the delay after the n-th consecutive failure: BackoffBase
// doubled n-1 times, ±20 % jitter, capped at MaxBackoff.
func (p *Poller) backoff(n int) time.Duration {
	d := backoff.Exponential(p.opts.BackoffBase, p.opts.MaxBackoff, n)
	d = time.Duration(float64(d) * (0.8 + 0.4*rand.Float64()))
	return min(d, p.opts.MaxBackoff)
}

// logFailure logs a feed failure at Warn, but the same message for the same
// feed at most once an hour (repeats go to Debug and are counted).
func (p *Poller) logFailure(feedURL, msg string, failures int, retryIn time.Duration) {
	now := p.clock.Now()
	p.mu.Lock()
	last, ok := p.logged[feedURL]
	repeat := ok && last.msg == msg && now.Sub(last.at) < errorLogEvery
	if repeat {
		last.suppressed++
		p.logged[feedURL] = last
	} else {
		p.logged[feedURL] = logEntry{msg: msg, at: now}
	}
	p.mu.Unlock()

	attrs := []any{logattr.KeyFeed, urls.Redact(feedURL), logattr.KeyError, msg, logattr.KeyFailures, failures, logattr.KeyRetryIn, retryIn.Round(time.Second).String()}
	if repeat {
		p.log.Debug("feed poll failed again", attrs...)
		return
	}
	if ok && last.suppressed > 0 {
		attrs = append(attrs, logattr.KeySuppressed, last.suppressed)
	}
	p.log.Warn("feed poll failed", attrs...)
}

func (p *Poller) forgetFailure(feedURL string) {
	p.mu.Lock()
	delete(p.logged, feedURL)
	p.mu.Unlock()
}

// pollError carries a sanitized message while keeping the cause for
// errors.Is and errors.As.
type pollError struct {
	msg string
	err error
}

func (e *pollError) Error() string { return e.msg }
func (e *pollError) Unwrap() error { return e.err }
