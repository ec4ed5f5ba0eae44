package feeds

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"golang.org/x/time/rate"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/digest/urls"
)

// Doer sends one HTTP request. The web adapter's *web.Client satisfies it
// with address checks, redirect limits, timeouts and a body cap; the
// Poller adds its own timeout and cap on top.
type Doer interface {
	Do(req *http.Request) (*http.Response, error)
}

// fetch sends the conditional GET and reads the body (capped) of a 2xx
// answer. The response body is closed.
func (p *Poller) fetch(ctx context.Context, st *digest.FeedState) ([]byte, *http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, st.URL, nil)
	if err != nil {
		return nil, nil, errors.New("invalid feed URL")
	}
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
	if st.ETag != "" {
		req.Header.Set("If-None-Match", st.ETag)
	}
	if st.LastModified != "" {
		req.Header.Set("If-Modified-Since", st.LastModified)
	}
	resp, err := p.client.Do(req)
	if err != nil {
		return nil, nil, urls.RedactError(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // let the connection be reused
		return nil, resp, nil
	}
	body, err := readCapped(resp, p.opts.MaxBytes)
	if err != nil {
		return nil, nil, err
	}
	return body, resp, nil
}

// tooLargeError is a document over the size limit; length is the
// Content-Length that announced it, or 0 when the read ran past the limit.
type tooLargeError struct{ limit, length int64 }

func (e *tooLargeError) Error() string {
	if e.length > 0 {
		return fmt.Sprintf("feed larger than %d bytes (Content-Length %d)", e.limit, e.length)
	}
	return fmt.Sprintf("feed larger than %d bytes", e.limit)
}

// readCapped reads resp's body, refusing (*tooLargeError) one over limit
// bytes, whether its Content-Length says so or the read runs past it.
// Read errors are redacted.
func readCapped(resp *http.Response, limit int64) ([]byte, error) {
	if resp.ContentLength > limit {
		return nil, &tooLargeError{limit: limit, length: resp.ContentLength}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, urls.RedactError(err)
	}
	if int64(len(body)) > limit {
		return nil, &tooLargeError{limit: limit}
	}
	return body, nil
}

// waitHost spends one request of host's budget, waiting if needed.
func (p *Poller) waitHost(ctx context.Context, host string) error {
	host = strings.ToLower(host)
	p.mu.Lock()
	l, ok := p.limiters[host]
	if !ok {
		if len(p.limiters) >= 4096 { // many page hosts: start over rather than grow forever
			clear(p.limiters)
		}
		l = rate.NewLimiter(p.opts.HostRate, p.opts.HostBurst)
		p.limiters[host] = l
	}
	p.mu.Unlock()
	if err := l.Wait(ctx); err != nil {
		return fmt.Errorf("wait for host budget: %w", err)
	}
	return nil
}

func isTimeout(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var te interface{ Timeout() bool }
	return errors.As(err, &te) && te.Timeout()
}
