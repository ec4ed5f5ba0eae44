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
	if resp.ContentLength > p.opts.MaxBytes {
		return nil, nil, fmt.Errorf("feed larger than %d bytes (Content-Length %d)", p.opts.MaxBytes, resp.ContentLength)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, p.opts.MaxBytes+1))
	if err != nil {
		return nil, nil, urls.RedactError(err)
	}
	if int64(len(body)) > p.opts.MaxBytes {
		return nil, nil, fmt.Errorf("feed larger than %d bytes", p.opts.MaxBytes)
	}
	return body, resp, nil
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
