package web

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"

	"golang.org/x/net/http/httpproxy"
)

// Resolver looks up a host's addresses; *net.Resolver implements it.
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// proxied routes requests through the operator's egress proxy (HTTPS_PROXY,
// HTTP_PROXY, NO_PROXY) while keeping the address rules: a proxy dials on
// our behalf, so the dialer's check cannot see the destination. Before a
// request is handed to the proxy, its host is resolved here and every
// address must pass the same check as a direct connection. The proxy
// resolves the name again: it must apply the same rules itself (a DNS
// answer that changes between the two lookups is the proxy's to refuse).
type proxied struct {
	proxy    func(*url.URL) (*url.URL, error)
	guard    *guard
	resolver Resolver
	hosts    map[string]bool // canonical host:port of each proxy: dialed without the address check
}

func newProxied(cfg *httpproxy.Config, g *guard, r Resolver) *proxied {
	if r == nil {
		r = net.DefaultResolver
	}
	p := &proxied{proxy: cfg.ProxyFunc(), guard: g, resolver: r, hosts: map[string]bool{}}
	for _, raw := range []string{cfg.HTTPProxy, cfg.HTTPSProxy} {
		if u, err := url.Parse(raw); err == nil && u.Host != "" {
			p.hosts[canonicalAddr(u)] = true
		}
	}
	return p
}

// canonicalAddr is host:port with the scheme's default port, as
// http.Transport dials a proxy.
func canonicalAddr(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443", "socks5": "1080", "socks5h": "1080"}[u.Scheme]
	}
	return net.JoinHostPort(u.Hostname(), port)
}

// proxyFor is the Transport's Proxy function: nil (direct, checked when
// dialed) when the request bypasses the proxy, else the proxy after the
// destination's addresses passed the check.
func (p *proxied) proxyFor(req *http.Request) (*url.URL, error) {
	pu, err := p.proxy(req.URL)
	if err != nil || pu == nil {
		return nil, err
	}
	port := req.URL.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[req.URL.Scheme]
	}
	pn, err := strconv.ParseUint(port, 10, 16)
	if err != nil {
		return nil, &BlockedAddressError{Reason: fmt.Errorf("bad port %q", port)}
	}
	host := req.URL.Hostname()
	addrs := []netip.Addr{}
	if a, err := netip.ParseAddr(host); err == nil {
		addrs = append(addrs, a)
	} else if addrs, err = p.resolver.LookupNetIP(req.Context(), "ip", host); err != nil {
		return nil, fmt.Errorf("resolve %s: %w", host, err)
	}
	if len(addrs) == 0 {
		return nil, fmt.Errorf("resolve %s: no addresses", host)
	}
	for _, a := range addrs {
		ap := netip.AddrPortFrom(a.Unmap(), uint16(pn))
		network := "tcp4"
		if ap.Addr().Is6() {
			network = "tcp6"
		}
		if err := p.guard.control(network, ap.String(), nil); err != nil {
			return nil, err
		}
	}
	return pu, nil
}

// dialer dials proxies as they are (the operator chose them) and every
// other address through the checked dialer.
func (p *proxied) dialer(plain, checked *net.Dialer) func(ctx context.Context, network, addr string) (net.Conn, error) {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		if p.hosts[addr] {
			return plain.DialContext(ctx, network, addr)
		}
		return checked.DialContext(ctx, network, addr)
	}
}
