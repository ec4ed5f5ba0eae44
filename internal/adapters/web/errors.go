package web

import (
	"errors"
	"fmt"
	"net/netip"
	"time"

	"github.com/newsdigest/bot/internal/htmlextract"
)

// Sentinel errors. Compare with errors.Is.
var (
	// ErrTooManyRedirects is returned when a fetch follows more redirects
	// than Options.MaxRedirects allows.
	ErrTooManyRedirects = errors.New("too many redirects")
	// ErrNoContent is returned by FetchArticle when a page holds no
	// readable article text (the extractor's htmlextract.ErrNoContent).
	ErrNoContent = htmlextract.ErrNoContent
)

// BlockedAddressError reports a connection refused before dialing because
// its destination is a private, loopback, link-local or otherwise
// special-purpose address the operator did not allow. It is checked for
// every connection, so redirects and DNS answers are covered too.
type BlockedAddressError struct {
	Addr   netip.AddrPort // the resolved destination
	Reason error          // why it was refused (from code.dny.dev/ssrf)
}

func (e *BlockedAddressError) Error() string {
	return fmt.Sprintf("address %s refused: %v", e.Addr, e.Reason)
}

func (e *BlockedAddressError) Unwrap() error { return e.Reason }

// SchemeError reports a URL whose scheme is not http or https.
type SchemeError struct {
	Scheme string
}

func (e *SchemeError) Error() string {
	return fmt.Sprintf("unsupported URL scheme %q (only http and https)", e.Scheme)
}

// TooLargeError reports a response body longer than the configured cap.
// The body is not read past the cap.
type TooLargeError struct {
	Limit int64 // bytes
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("response larger than the %d-byte limit", e.Limit)
}

// StatusError reports a non-success HTTP status from FetchArticle.
// RetryAfter is the server's Retry-After delay (429 and 503), 0 when absent.
type StatusError struct {
	Code       int
	RetryAfter time.Duration
	URL        string // redacted: no userinfo or query
}

func (e *StatusError) Error() string {
	if e.RetryAfter > 0 {
		return fmt.Sprintf("http status %d from %s (retry after %s)", e.Code, e.URL, e.RetryAfter)
	}
	return fmt.Sprintf("http status %d from %s", e.Code, e.URL)
}

// ContentTypeError reports a page that is not HTML.
type ContentTypeError struct {
	ContentType string
}

func (e *ContentTypeError) Error() string {
	return fmt.Sprintf("not an HTML page (content type %q)", e.ContentType)
}
