package web

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/http/httpproxy"
)

// fakeResolver answers from a table.
type fakeResolver map[string][]netip.Addr

func (r fakeResolver) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	if a, ok := r[host]; ok {
		return a, nil
	}
	return nil, errors.New("no such host")
}

// TestProxyKeepsAddressRules: with an egress proxy configured, public
// destinations go through it (the proxy itself may sit on a private
// address), while destinations that resolve to private, loopback or
// link-local addresses are refused before the proxy sees them, and NO_PROXY
// hosts are not sent to it.
func TestProxyKeepsAddressRules(t *testing.T) {
	var mu sync.Mutex
	var seen []string
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.URL.String())
		mu.Unlock()
		io.WriteString(w, "via proxy")
	}))
	defer proxy.Close()
	c := New(Options{
		Proxy: &httpproxy.Config{HTTPProxy: proxy.URL, HTTPSProxy: proxy.URL, NoProxy: "direct.example"},
		Resolver: fakeResolver{
			"news.example":     {netip.MustParseAddr("93.184.216.34")},
			"rebind.example":   {netip.MustParseAddr("93.184.216.34"), netip.MustParseAddr("10.1.2.3")},
			"metadata.example": {netip.MustParseAddr("169.254.169.254")},
			"local.example":    {netip.MustParseAddr("127.0.0.1")},
		},
	})
	tests := []struct {
		name, url string
		proxied   bool
		blocked   bool
	}{
		{"public host through the proxy", "http://news.example/rss", true, false},
		{"one private answer is enough to refuse", "http://rebind.example/", false, true},
		{"link-local metadata", "http://metadata.example/latest/", false, true},
		{"loopback by name", "http://local.example:8080/", false, true},
		{"private literal", "http://10.0.0.7/", false, true},
		{"NO_PROXY host is dialed directly", "http://direct.example/", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mu.Lock()
			seen = nil
			mu.Unlock()
			req, err := http.NewRequest(http.MethodGet, tt.url, nil)
			if err != nil {
				t.Fatal(err)
			}
			resp, err := c.Do(req)
			if err == nil {
				resp.Body.Close()
			}
			var be *BlockedAddressError
			if got := errors.As(err, &be); got != tt.blocked {
				t.Fatalf("blocked=%v (err %v), want %v", got, err, tt.blocked)
			}
			mu.Lock()
			defer mu.Unlock()
			if got := len(seen) > 0; got != tt.proxied {
				t.Fatalf("proxy saw %v, want proxied=%v (err %v)", seen, tt.proxied, err)
			}
			if tt.proxied && (err != nil || !strings.Contains(seen[0], "news.example/rss")) {
				t.Fatalf("proxied request: err %v, proxy saw %v", err, seen)
			}
		})
	}
}
