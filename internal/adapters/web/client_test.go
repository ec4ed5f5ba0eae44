package web

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/testutil/listentest"
)

// newTestClient returns a client allowed to reach exactly srv and nothing
// else on loopback.
func newTestClient(t *testing.T, srv *httptest.Server, opts Options) *Client {
	t.Helper()
	ap, err := netip.ParseAddrPort(srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	opts.AllowAddrs = append(opts.AllowAddrs, ap)
	return New(opts)
}

// readFile reads a page fixture of the extractor's tests (the fetch tests
// serve the same pages).
func readFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "htmlextract", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var fixedNow = time.Date(2024, 5, 14, 12, 0, 0, 0, time.UTC)

func TestFetchArticleFollowsRedirect(t *testing.T) {
	page := readFile(t, "article.html")
	var gotUA atomic.Value
	mux := http.NewServeMux()
	mux.HandleFunc("/old", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/news/ferry-line", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/news/ferry-line", func(w http.ResponseWriter, r *http.Request) {
		gotUA.Store(r.Header.Get("User-Agent"))
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	c := newTestClient(t, srv, Options{Clock: digest.ClockFunc(func() time.Time { return fixedNow })})
	a, err := c.FetchArticle(context.Background(), srv.URL+"/old#top")
	if err != nil {
		t.Fatalf("FetchArticle: %v", err)
	}
	if want := srv.URL + "/news/ferry-line"; a.URL != want {
		t.Errorf("URL = %q, want the final URL %q", a.URL, want)
	}
	if !a.Fetched.Equal(fixedNow) {
		t.Errorf("Fetched = %v, want %v", a.Fetched, fixedNow)
	}
	if a.Title != "Harbor council approves new ferry line" || !strings.Contains(a.Body, "Idris Okonkwo-Lind") {
		t.Errorf("unexpected article: %q / %q", a.Title, a.Body)
	}
	if ua := gotUA.Load(); ua != DefaultUserAgent {
		t.Errorf("User-Agent = %v, want %q", ua, DefaultUserAgent)
	}
}

func TestFetchArticleGzip(t *testing.T) {
	page := readFile(t, "article.html")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			t.Error("client did not offer gzip")
		}
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		zw.Write(page)
		zw.Close()
	}))
	defer srv.Close()
	a, err := newTestClient(t, srv, Options{}).FetchArticle(context.Background(), srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Body, "Idris Okonkwo-Lind") {
		t.Errorf("gzip body not decoded: %q", a.Body)
	}
}

func TestFetchArticleCharsetFromHeader(t *testing.T) {
	// ISO-8859-1 bytes for "Ibáñez", declared only in the HTTP header.
	para := "<p>El concejal Ram\xf3n Ib\xe1\xf1ez present\xf3 el plan de transporte del valle ante los vecinos reunidos en la plaza mayor el s\xe1bado.</p>"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=ISO-8859-1")
		io.WriteString(w, "<html><body><article>"+strings.Repeat(para, 4)+"</article></body></html>")
	}))
	defer srv.Close()
	a, err := newTestClient(t, srv, Options{}).FetchArticle(context.Background(), srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Body, "Ramón Ibáñez") {
		t.Errorf("body not decoded: %q", a.Body)
	}
}

func TestFetchArticleRefusals(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		io.WriteString(w, "%PDF-1.4")
	})
	mux.HandleFunc("/png", func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Content-Type"] = nil // let the client sniff
		w.Write([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
	})
	mux.HandleFunc("/busy", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "120")
		http.Error(w, "busy", http.StatusServiceUnavailable)
	})
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) {
		http.NotFound(w, r)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/to-file", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	c := newTestClient(t, srv, Options{})

	cases := []struct {
		name  string
		url   string
		check func(error) bool
	}{
		{"pdf content type", srv.URL + "/pdf", func(err error) bool {
			var e *ContentTypeError
			return errors.As(err, &e) && e.ContentType == "application/pdf"
		}},
		{"sniffed image", srv.URL + "/png", func(err error) bool {
			var e *ContentTypeError
			return errors.As(err, &e) && e.ContentType == "image/png"
		}},
		{"503 with retry-after", srv.URL + "/busy?token=s3cr3t", func(err error) bool {
			var e *StatusError
			return errors.As(err, &e) && e.Code == 503 && e.RetryAfter == 2*time.Minute
		}},
		{"404", srv.URL + "/gone", func(err error) bool {
			var e *StatusError
			return errors.As(err, &e) && e.Code == 404 && e.RetryAfter == 0
		}},
		{"redirect loop", srv.URL + "/loop", func(err error) bool { return errors.Is(err, ErrTooManyRedirects) }},
		{"redirect to file scheme", srv.URL + "/to-file", func(err error) bool {
			var e *SchemeError
			return errors.As(err, &e) && e.Scheme == "file"
		}},
		{"file scheme", "file:///etc/passwd", func(err error) bool {
			var e *SchemeError
			return errors.As(err, &e)
		}},
		{"ftp scheme", "ftp://files.example/a.html", func(err error) bool {
			var e *SchemeError
			return errors.As(err, &e) && e.Scheme == "ftp"
		}},
		{"gopher scheme", "gopher://127.0.0.1:70/", func(err error) bool {
			var e *SchemeError
			return errors.As(err, &e)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.FetchArticle(context.Background(), tc.url)
			if err == nil || !tc.check(err) {
				t.Fatalf("err = %v (%T)", err, errors.Unwrap(err))
			}
			t.Logf("%v", err)
			if strings.Contains(err.Error(), "s3cr3t") {
				t.Errorf("error leaks the query token: %v", err)
			}
		})
	}
}

// TestBlockedAddresses checks that only the allowed test server is
// reachable: other loopback ports and addresses, the metadata address and
// redirects to them are refused before any connection is made.
func TestBlockedAddresses(t *testing.T) {
	// A second listener that must never see a connection.
	other, accepted := listentest.Counting(t)
	otherURL := "http://" + other + "/"
	_, otherPort, _ := net.SplitHostPort(other)

	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.Query().Get("to"), http.StatusFound)
	}))
	defer srv.Close()
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	c := newTestClient(t, srv, Options{})

	cases := []struct {
		name string
		url  string
	}{
		{"other loopback port", otherURL},
		{"other loopback address", "http://127.0.0.2:" + port + "/"},
		{"localhost name, other port", "http://localhost:" + otherPort + "/"},
		{"metadata address", "http://169.254.169.254/latest/meta-data/"},
		{"credentials in URL", "http://admin:hunter2@127.0.0.2:" + port + "/?key=abc123"},
		{"redirect to other loopback port", srv.URL + "/?to=" + otherURL},
		{"redirect to metadata address", srv.URL + "/?to=http://169.254.169.254/latest/meta-data/"},
		{"redirect to other loopback address", srv.URL + "/?to=http://127.0.0.3:" + port + "/"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.FetchArticle(context.Background(), tc.url)
			var be *BlockedAddressError
			if !errors.As(err, &be) {
				t.Fatalf("err = %v, want *BlockedAddressError", err)
			}
			t.Logf("%v", err)
			for _, secret := range []string{"hunter2", "abc123"} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("error leaks a secret: %v", err)
				}
			}
		})
	}
	if n := accepted(); n != 0 {
		t.Errorf("the other listener accepted %d connections, want 0", n)
	}

	t.Run("default options refuse the test server too", func(t *testing.T) {
		_, err := New(Options{}).FetchArticle(context.Background(), srv.URL)
		var be *BlockedAddressError
		if !errors.As(err, &be) {
			t.Fatalf("err = %v, want *BlockedAddressError", err)
		}
	})
}

func TestGuardControl(t *testing.T) {
	cases := []struct {
		name    string
		opts    Options
		network string
		addr    string
		allowed bool
	}{
		{"public v4", Options{}, "tcp4", "93.184.216.34:443", true},
		{"public v6", Options{}, "tcp6", "[2606:4700::1111]:443", true},
		{"loopback", Options{}, "tcp4", "127.0.0.1:80", false},
		{"private 10/8", Options{}, "tcp4", "10.1.2.3:80", false},
		{"private 192.168/16", Options{}, "tcp4", "192.168.1.1:80", false},
		{"link-local metadata", Options{}, "tcp4", "169.254.169.254:80", false},
		{"unspecified", Options{}, "tcp4", "0.0.0.0:80", false},
		{"v6 loopback", Options{}, "tcp6", "[::1]:80", false},
		{"v4-mapped loopback", Options{}, "tcp6", "[::ffff:127.0.0.1]:80", false},
		{"v6 unique local", Options{}, "tcp6", "[fd00::1]:80", false},
		{"udp refused", Options{}, "udp4", "93.184.216.34:53", false},
		{"allow-listed exact", Options{AllowAddrs: []netip.AddrPort{netip.MustParseAddrPort("127.0.0.1:8080")}}, "tcp4", "127.0.0.1:8080", true},
		{"allow-listed v4-mapped", Options{AllowAddrs: []netip.AddrPort{netip.MustParseAddrPort("127.0.0.1:8080")}}, "tcp6", "[::ffff:127.0.0.1]:8080", true},
		{"allow-list other port", Options{AllowAddrs: []netip.AddrPort{netip.MustParseAddrPort("127.0.0.1:8080")}}, "tcp4", "127.0.0.1:8081", false},
		{"allow private", Options{AllowPrivate: true}, "tcp4", "10.1.2.3:80", true},
		{"allow private, port restricted", Options{AllowPrivate: true, AllowedPorts: []uint16{443}}, "tcp4", "10.1.2.3:80", false},
		{"public, port restricted", Options{AllowedPorts: []uint16{443}}, "tcp4", "93.184.216.34:8080", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := newGuard(tc.opts).control(tc.network, tc.addr, nil)
			if got := err == nil; got != tc.allowed {
				t.Fatalf("allowed = %v, want %v (err %v)", got, tc.allowed, err)
			}
			var be *BlockedAddressError
			if err != nil && !errors.As(err, &be) {
				t.Errorf("err %T, want *BlockedAddressError", err)
			}
		})
	}
}

// endless writes n bytes of filler, returning how many were written.
func endless(w http.ResponseWriter, n int64, written *atomic.Int64) {
	chunk := []byte(strings.Repeat("<p>filler filler filler filler</p>\n", 1000))
	for sent := int64(0); sent < n; sent += int64(len(chunk)) {
		if _, err := w.Write(chunk); err != nil {
			return
		}
		written.Add(int64(len(chunk)))
	}
}

func TestHugeResponseRefused(t *testing.T) {
	const huge = 100 << 20
	for _, declared := range []bool{false, true} {
		t.Run(fmt.Sprintf("content-length declared %v", declared), func(t *testing.T) {
			var written atomic.Int64
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				if declared {
					w.Header().Set("Content-Length", fmt.Sprint(huge))
				}
				endless(w, huge, &written)
			}))
			defer srv.Close()
			c := newTestClient(t, srv, Options{})

			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			_, err := c.FetchArticle(context.Background(), srv.URL)
			elapsed := time.Since(start)
			runtime.ReadMemStats(&after)

			var tl *TooLargeError
			if !errors.As(err, &tl) || tl.Limit != DefaultMaxBytes {
				t.Fatalf("err = %v, want *TooLargeError with the default limit", err)
			}
			if elapsed > 5*time.Second {
				t.Errorf("took %v to refuse", elapsed)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 40<<20 {
				t.Errorf("allocated %d MiB refusing a 100 MiB body", alloc>>20)
			}
			srv.CloseClientConnections()
			t.Logf("refused after %v; server wrote %d MiB before the client hung up", elapsed, written.Load()>>20)
		})
	}
}

func TestSlowServerTimesOut(t *testing.T) {
	cases := []struct {
		name    string
		handler http.HandlerFunc
	}{
		{"slow headers", func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
		}},
		{"slow body", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			io.WriteString(w, "<html><body><p>first words")
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(tc.handler)
			defer srv.Close()
			c := newTestClient(t, srv, Options{Timeout: 200 * time.Millisecond})
			start := time.Now()
			_, err := c.FetchArticle(context.Background(), srv.URL)
			if err == nil {
				t.Fatal("no error from a stalled server")
			}
			var te interface{ Timeout() bool }
			if !errors.Is(err, context.DeadlineExceeded) && !(errors.As(err, &te) && te.Timeout()) {
				t.Errorf("err = %v, want a timeout", err)
			}
			if elapsed := time.Since(start); elapsed > 2*time.Second {
				t.Errorf("took %v, want about 200ms", elapsed)
			}
		})
	}
}
