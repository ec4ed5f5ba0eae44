// Package web fetches pages named by users and feeds, safely, and hands
// them to internal/htmlextract for their article text.
//
// The Client refuses to connect to private, loopback, link-local and other
// special-purpose addresses unless the operator allowed them. The check runs
// when each connection is dialed, so redirects and DNS answers (including
// rebinding) are covered. Responses are capped in size and time.
//
// This package imports the core (internal/digest) and its own libraries; it
// must not import another adapter.
package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"

	"code.dny.dev/ssrf"
	"golang.org/x/net/http/httpproxy"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/digest/urls"
)

// DefaultUserAgent identifies the bot to the sites it fetches.
const DefaultUserAgent = "newsdigest-bot/0.1 (+https://github.com/newsdigest/bot)"

// Defaults used for zero Options fields.
const (
	DefaultMaxBytes       = 5 << 20 // 5 MiB
	DefaultMaxRedirects   = 5
	DefaultConnectTimeout = 5 * time.Second
	DefaultTimeout        = 30 * time.Second
)

// Options configures a Client. The zero value is safe: special-purpose
// addresses refused, 5 redirects, 5 s to connect, 30 s per request including
// the body, 5 MiB per response, DefaultUserAgent.
type Options struct {
	// AllowPrivate lets the client connect to private, loopback, link-local
	// and other special-purpose addresses. Off by default; turn on only for
	// a bot that must read an intranet.
	AllowPrivate bool
	// AllowAddrs lists exact address:port destinations allowed even though
	// they are special-purpose (for example a test server on 127.0.0.1).
	// Nothing else at that address, and no other port, is allowed.
	AllowAddrs []netip.AddrPort
	// AllowedPorts restricts destination ports; empty allows any port.
	AllowedPorts []uint16
	// ConnectTimeout bounds dialing one connection (default 5 s).
	ConnectTimeout time.Duration
	// Timeout bounds a whole request: connect, redirects, headers and
	// reading the body (default 30 s).
	Timeout time.Duration
	// MaxBytes caps a response body (after decompression); reading past it
	// fails with *TooLargeError (default 5 MiB).
	MaxBytes int64
	// MaxRedirects is how many redirects a request may follow (default 5;
	// negative: none).
	MaxRedirects int
	// UserAgent is sent with every request (default DefaultUserAgent).
	UserAgent string
	// Clock stamps Article.Fetched (default the system clock).
	Clock digest.Clock
	// Proxy, when set, sends requests through the operator's egress proxy
	// (HTTPS_PROXY, HTTP_PROXY, NO_PROXY). Destinations are still resolved
	// and checked before a request goes to the proxy; see proxied.
	Proxy *httpproxy.Config
	// Resolver resolves destinations that go through Proxy (default
	// net.DefaultResolver).
	Resolver Resolver
}

// Client is a safe HTTP client. It is safe for concurrent use.
type Client struct {
	hc        *http.Client
	maxBytes  int64
	userAgent string
	clock     digest.Clock
}

var _ digest.PageFetcher = (*Client)(nil)

// New returns a Client configured by opts (zero fields take the defaults).
func New(opts Options) *Client {
	if opts.ConnectTimeout <= 0 {
		opts.ConnectTimeout = DefaultConnectTimeout
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	if opts.MaxRedirects == 0 {
		opts.MaxRedirects = DefaultMaxRedirects
	}
	if opts.UserAgent == "" {
		opts.UserAgent = DefaultUserAgent
	}
	if opts.Clock == nil {
		opts.Clock = digest.ClockFunc(time.Now)
	}

	dialer := &net.Dialer{
		Timeout:   opts.ConnectTimeout,
		KeepAlive: 30 * time.Second,
	}
	g := newGuard(opts)
	dialer.Control = g.control
	dial, proxy := dialer.DialContext, (func(*http.Request) (*url.URL, error))(nil)
	if opts.Proxy != nil { // the destination is checked before the proxy dials it
		p := newProxied(opts.Proxy, g, opts.Resolver)
		plain := &net.Dialer{Timeout: opts.ConnectTimeout, KeepAlive: 30 * time.Second}
		dial, proxy = p.dialer(plain, dialer), p.proxyFor
	}
	transport := &http.Transport{
		Proxy:                  proxy,
		DialContext:            dial,
		ForceAttemptHTTP2:      true,
		MaxIdleConns:           50,
		MaxIdleConnsPerHost:    4,
		IdleConnTimeout:        90 * time.Second,
		TLSHandshakeTimeout:    opts.ConnectTimeout,
		ExpectContinueTimeout:  time.Second,
		MaxResponseHeaderBytes: 256 << 10,
	}
	maxRedirects := max(opts.MaxRedirects, 0)
	hc := &http.Client{
		Transport: transport,
		Timeout:   opts.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > maxRedirects {
				return fmt.Errorf("%w (limit %d)", ErrTooManyRedirects, maxRedirects)
			}
			return checkScheme(req.URL)
		},
	}
	return &Client{hc: hc, maxBytes: opts.MaxBytes, userAgent: opts.UserAgent, clock: opts.Clock}
}

// Do sends req like http.Client.Do, with the client's address checks,
// redirect limit and timeouts, and the User-Agent set when req has none.
// Any status is returned as a response (the caller judges it). The
// response body is capped: reading past the cap fails with *TooLargeError,
// and a Content-Length above the cap fails at once. Errors never include
// the URL's userinfo or query. The caller must close the body.
func (c *Client) Do(req *http.Request) (*http.Response, error) {
	if err := checkScheme(req.URL); err != nil {
		return nil, err
	}
	if req.Header.Get("User-Agent") == "" {
		req.Header.Set("User-Agent", c.userAgent)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, urls.RedactError(err)
	}
	if resp.ContentLength > c.maxBytes {
		resp.Body.Close()
		return nil, &TooLargeError{Limit: c.maxBytes}
	}
	resp.Body = &cappedBody{rc: resp.Body, left: c.maxBytes, limit: c.maxBytes}
	return resp, nil
}

// checkScheme refuses anything but absolute http and https URLs.
func checkScheme(u *url.URL) error {
	if u == nil {
		return &SchemeError{}
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	default:
		return &SchemeError{Scheme: u.Scheme}
	}
	if u.Host == "" {
		return errors.New("URL has no host")
	}
	return nil
}

// cappedBody fails with *TooLargeError once more than limit bytes would be
// read, without reading further.
type cappedBody struct {
	rc    io.ReadCloser
	left  int64
	limit int64
}

func (b *cappedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		var one [1]byte
		n, err := b.rc.Read(one[:])
		if n > 0 {
			return 0, &TooLargeError{Limit: b.limit}
		}
		return 0, err
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.rc.Read(p)
	b.left -= int64(n)
	return n, err
}

func (b *cappedBody) Close() error { return b.rc.Close() }

// guard decides, for each connection about to be dialed, whether its
// destination is allowed.
type guard struct {
	allowPrivate bool
	allow        map[netip.AddrPort]bool
	ports        []uint16
	ssrf         *ssrf.Guardian
}

func newGuard(opts Options) *guard {
	g := &guard{allowPrivate: opts.AllowPrivate, allow: make(map[netip.AddrPort]bool), ports: opts.AllowedPorts}
	for _, ap := range opts.AllowAddrs {
		g.allow[netip.AddrPortFrom(ap.Addr().Unmap(), ap.Port())] = true
	}
	so := []ssrf.Option{ssrf.WithAnyPort()}
	if len(opts.AllowedPorts) > 0 {
		so = []ssrf.Option{ssrf.WithPorts(opts.AllowedPorts...)}
	}
	g.ssrf = ssrf.New(so...)
	return g
}

// control is the net.Dialer Control hook: it runs after name resolution
// and before the connection is made.
func (g *guard) control(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return &BlockedAddressError{Reason: fmt.Errorf("unparseable address %q", address)}
	}
	ap = netip.AddrPortFrom(ap.Addr().Unmap(), ap.Port())
	if g.allow[ap] {
		return nil
	}
	if g.allowPrivate {
		if len(g.ports) > 0 && !containsPort(g.ports, ap.Port()) {
			return &BlockedAddressError{Addr: ap, Reason: ssrf.ErrProhibitedPort}
		}
		return nil
	}
	if err := g.ssrf.Safe(network, ap.String(), nil); err != nil {
		return &BlockedAddressError{Addr: ap, Reason: err}
	}
	return nil
}

func containsPort(ports []uint16, p uint16) bool {
	for _, q := range ports {
		if q == p {
			return true
		}
	}
	return false
}

// get issues a GET for rawURL with accept as the Accept header.
func (c *Client) get(ctx context.Context, rawURL, accept string) (*http.Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("parse URL %s: invalid URL", urls.Redact(rawURL))
	}
	if err := checkScheme(u); err != nil {
		return nil, err
	}
	u.Fragment, u.RawFragment = "", ""
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("build request: %w", urls.RedactError(err))
	}
	req.Header.Set("Accept", accept)
	return c.Do(req)
}
