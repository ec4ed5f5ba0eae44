package feeds

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/digest/urls"
	"github.com/newsdigest/bot/internal/feedparse"
)

// Checker fetches and parses a feed once, for /feeds add (it implements
// digest.FeedChecker). It fetches through the same Doer as the Poller (the
// web client: private addresses refused, redirects limited), with its own
// time and size limits, and follows an HTML page's advertised feed
// (<link rel="alternate" type="application/rss+xml" href="…">) once.
type Checker struct {
	client   Doer
	timeout  time.Duration
	maxBytes int64
	clock    digest.Clock
}

var _ digest.FeedChecker = (*Checker)(nil)

// CheckerOptions configures a Checker; zero fields take the Poller's
// defaults (30 s, 5 MiB, the system clock).
type CheckerOptions struct {
	Timeout  time.Duration // for the whole check, discovery included
	MaxBytes int64         // per document
	Clock    digest.Clock
}

// NewChecker returns a Checker fetching with client.
func NewChecker(client Doer, opts CheckerOptions) *Checker {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	if opts.Clock == nil {
		opts.Clock = digest.ClockFunc(time.Now)
	}
	return &Checker{client: client, timeout: opts.Timeout, maxBytes: opts.MaxBytes, clock: opts.Clock}
}

// blocked is implemented by the web client's error for a refused private
// or local address (web.BlockedAddressError).
type blocked interface{ Blocked() bool }

// CheckFeed fetches rawURL and parses it as a feed; when it is an HTML
// page advertising a feed, the advertised feed is fetched and parsed
// instead. It returns the feed's URL, title and item count, or a
// *digest.Error saying why the URL is not a usable feed (CodeUsage) or
// could not be read (CodeUnavailable); the cause, redacted, is kept for
// the log.
func (c *Checker) CheckFeed(ctx context.Context, rawURL string) (digest.FeedCheck, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	body, ctype, err := c.get(ctx, rawURL)
	if err != nil {
		return digest.FeedCheck{}, c.userError(ctx, err)
	}
	feed, perr := feedparse.ParseAt(bytes.NewReader(body), rawURL, c.clock.Now())
	if perr == nil {
		return digest.FeedCheck{URL: rawURL, Title: feed.Title, Items: len(feed.Items)}, nil
	}
	if !looksHTML(ctype, body) {
		return digest.FeedCheck{}, &digest.Error{Code: digest.CodeUsage, Err: perr,
			Message: "That address does not give an RSS, Atom or JSON feed, nor a page that links to one."}
	}
	alt := discoverFeed(body, rawURL)
	if alt == "" {
		return digest.FeedCheck{}, &digest.Error{Code: digest.CodeUsage, Err: perr,
			Message: "That is a web page that advertises no feed. Look on the site for an RSS or Atom link and add that address."}
	}
	body, _, err = c.get(ctx, alt)
	if err != nil {
		return digest.FeedCheck{}, c.userError(ctx, err)
	}
	feed, perr = feedparse.ParseAt(bytes.NewReader(body), alt, c.clock.Now())
	if perr != nil {
		return digest.FeedCheck{}, &digest.Error{Code: digest.CodeUsage, Err: perr,
			Message: "The page links to a feed, but that feed could not be read as RSS, Atom or JSON Feed."}
	}
	return digest.FeedCheck{URL: alt, Title: feed.Title, Items: len(feed.Items)}, nil
}

// statusError is a non-2xx answer.
type statusError struct{ code int }

func (e *statusError) Error() string { return fmt.Sprintf("http status %d", e.code) }

// get fetches u and returns its body (capped) and content type.
func (c *Checker) get(ctx context.Context, u string) ([]byte, string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, "", fmt.Errorf("invalid URL: %w", err)
	}
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5")
	resp, err := c.client.Do(req)
	if err != nil {
		return nil, "", urls.RedactError(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, "", &statusError{code: resp.StatusCode}
	}
	body, err := readCapped(resp, c.maxBytes)
	if err != nil {
		return nil, "", err
	}
	return body, resp.Header.Get("Content-Type"), nil
}

// userError turns a fetch failure into a message safe to show.
func (c *Checker) userError(ctx context.Context, err error) error {
	var b blocked
	var st *statusError
	var tl *tooLargeError
	var msg string
	code := digest.CodeUnavailable
	switch {
	case errors.As(err, &b) && b.Blocked():
		msg, code = "That address is private or local; the bot only reads public web sites.", digest.CodeUsage
	case errors.As(err, &tl):
		msg, code = fmt.Sprintf("That feed is larger than the bot's limit (%d MB).", max(c.maxBytes>>20, 1)), digest.CodeUsage
	case errors.As(err, &st) && (st.code == http.StatusNotFound || st.code == http.StatusGone):
		msg, code = fmt.Sprintf("Nothing was found at that address (HTTP %d). Check the feed's URL.", st.code), digest.CodeUsage
	case errors.As(err, &st) && (st.code == http.StatusUnauthorized || st.code == http.StatusForbidden):
		msg = fmt.Sprintf("The site refused the bot (HTTP %d); the feed may need a login.", st.code)
	case errors.As(err, &st):
		msg = fmt.Sprintf("The site answered with an error (HTTP %d). Try again later.", st.code)
	case errors.Is(err, context.DeadlineExceeded) || isTimeout(err) || ctx.Err() != nil:
		msg = fmt.Sprintf("The site did not answer within %s.", c.timeout)
	case strings.Contains(err.Error(), "no such host"):
		msg, code = "That site's name does not exist. Check the address.", digest.CodeUsage
	default:
		msg = "I could not reach that site."
	}
	return &digest.Error{Code: code, Message: msg, Err: err}
}

// looksHTML reports whether a document is an HTML page.
func looksHTML(ctype string, body []byte) bool {
	if strings.Contains(strings.ToLower(ctype), "html") {
		return true
	}
	head := bytes.ToLower(body[:min(len(body), 1024)])
	return bytes.Contains(head, []byte("<html")) || bytes.Contains(head, []byte("<!doctype html"))
}

// feedTypes are the link types of advertised feeds.
var feedTypes = map[string]bool{
	"application/rss+xml": true, "application/atom+xml": true, "application/feed+json": true,
	"application/json": true, "application/rdf+xml": true, "text/xml": true, "application/xml": true,
}

// discoverFeed returns the absolute http(s) URL of the first feed a page
// advertises with <link rel="alternate" type="…feed type…" href="…">, or "".
func discoverFeed(page []byte, pageURL string) string {
	base, err := url.Parse(pageURL)
	if err != nil {
		return ""
	}
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			if a == atom.Body {
				return "" // feeds are advertised in the head
			}
			if a != atom.Link || !hasAttr {
				continue
			}
			var rel, typ, href string
			for {
				k, v, more := z.TagAttr()
				switch string(k) {
				case "rel":
					rel = strings.ToLower(string(v))
				case "type":
					typ = strings.ToLower(strings.TrimSpace(string(v)))
				case "href":
					href = strings.TrimSpace(string(v))
				}
				if !more {
					break
				}
			}
			if !containsWord(rel, "alternate") || !feedTypes[typ] || href == "" {
				continue
			}
			ref, err := url.Parse(href)
			if err != nil {
				continue
			}
			u := base.ResolveReference(ref)
			if u.Scheme == "http" || u.Scheme == "https" {
				u.Fragment = ""
				return u.String()
			}
		}
	}
}

func containsWord(list, w string) bool {
	for _, f := range strings.Fields(list) {
		if f == w {
			return true
		}
	}
	return false
}
