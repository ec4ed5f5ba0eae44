package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"

	"github.com/newsdigest/bot/internal/backoff"
	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/digest/urls"
	"github.com/newsdigest/bot/internal/htmlextract"
)

const acceptHTML = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"

// FetchArticle fetches the page at rawURL and extracts its article. URL is
// set to the final URL after redirects (without fragment) and Fetched to
// the current time. It fails with *SchemeError, *BlockedAddressError,
// *TooLargeError, *StatusError (non-2xx), *ContentTypeError (not HTML),
// ErrTooManyRedirects or ErrNoContent, wrapped; a timeout is a
// context.DeadlineExceeded or a net.Error with Timeout() true.
//
// Every error is wrapped in a *digest.Error whose Message says, safely for a
// chat user, why the page could not be read (see userError).
func (c *Client) FetchArticle(ctx context.Context, rawURL string) (digest.Article, error) {
	a, err := c.fetchArticle(ctx, rawURL)
	if err != nil {
		return a, userError(err)
	}
	return a, nil
}

// userError translates a fetch error into a *digest.Error carrying a
// user-safe reason; the cause (with its redacted URL) stays for the logs.
func userError(err error) error {
	msg := "the page could not be fetched"
	var (
		blocked *BlockedAddressError
		scheme  *SchemeError
		large   *TooLargeError
		status  *StatusError
		ctype   *ContentTypeError
		netErr  net.Error
	)
	switch {
	case errors.As(err, &blocked):
		msg = "its address is not allowed (private and local addresses are refused)"
	case errors.As(err, &scheme):
		msg = "only http and https links can be read"
	case errors.As(err, &large):
		msg = fmt.Sprintf("the page is larger than %d MB", large.Limit>>20)
	case errors.As(err, &status):
		msg = fmt.Sprintf("the site answered HTTP %d", status.Code)
	case errors.As(err, &ctype):
		msg = "it is not an HTML page"
	case errors.Is(err, ErrTooManyRedirects):
		msg = "it redirects too many times"
	case errors.Is(err, ErrNoContent):
		msg = "no article text was found on it"
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		msg = "the site took too long to answer"
	}
	return &digest.Error{Code: digest.CodeUnavailable, Message: "I could not read that page: " + msg + ".", Err: err}
}

func (c *Client) fetchArticle(ctx context.Context, rawURL string) (digest.Article, error) {
	resp, err := c.get(ctx, rawURL, acceptHTML)
	if err != nil {
		return digest.Article{}, fmt.Errorf("fetch page: %w", err)
	}
	defer resp.Body.Close()

	final := *resp.Request.URL
	final.Fragment, final.RawFragment = "", ""
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return digest.Article{}, fmt.Errorf("fetch page: %w", &StatusError{
			Code:       resp.StatusCode,
			RetryAfter: backoff.RetryAfter(resp.Header.Get("Retry-After"), c.clock.Now()),
			URL:        urls.Redact(final.String()),
		})
	}
	ct := resp.Header.Get("Content-Type")
	if ct != "" && !isHTMLType(ct) {
		return digest.Article{}, fmt.Errorf("fetch page: %w", &ContentTypeError{ContentType: ct})
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return digest.Article{}, fmt.Errorf("read page: %w", urls.RedactError(err))
	}
	if ct == "" {
		if sniffed := http.DetectContentType(body); !isHTMLType(sniffed) {
			return digest.Article{}, fmt.Errorf("fetch page: %w", &ContentTypeError{ContentType: sniffed})
		}
	}
	a, err := htmlextract.Extract(body, ct, &final)
	if err != nil {
		return digest.Article{}, err
	}
	a.Fetched = c.clock.Now()
	return a, nil
}

func isHTMLType(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return false
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}
