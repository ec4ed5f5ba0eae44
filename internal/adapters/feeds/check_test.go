package feeds

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/digest"
)

// checkServer serves good, broken, slow and huge feeds, and pages with and
// without an advertised feed.
func checkServer(t *testing.T) *httptest.Server {
	t.Helper()
	rss, err := os.ReadFile(filepath.Join("..", "..", "feedparse", "testdata", "rss.xml")) // the parser's own fixture
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/good.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(rss)
	})
	mux.HandleFunc("/page.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<!doctype html><html><head><title>Site</title>
			<link rel="stylesheet" href="/s.css">
			<link rel="alternate" type="application/rss+xml" title="News" href="/good.xml#top">
			</head><body><p>Hello</p></body></html>`))
	})
	mux.HandleFunc("/plain.html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(`<html><head><title>No feed</title></head><body><link rel="alternate" type="application/rss+xml" href="/good.xml"></body></html>`))
	})
	mux.HandleFunc("/broken.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		w.Write([]byte(`<rss><channel><title>Broken</title><item><title>x</ti`))
	})
	mux.HandleFunc("/text.txt", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("just some text, not a feed"))
	})
	mux.HandleFunc("/slow.xml", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/huge.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<rss><channel><title>Huge</title>` + strings.Repeat("<!-- padding -->", 1000) + `</channel></rss>`))
	})
	mux.HandleFunc("/gone.xml", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "gone", http.StatusGone) })
	mux.HandleFunc("/down.xml", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "oops", http.StatusBadGateway) })
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestCheckFeed(t *testing.T) {
	srv := checkServer(t)
	c := NewChecker(srv.Client(), CheckerOptions{Timeout: 300 * time.Millisecond, MaxBytes: 8 << 10})
	tests := []struct {
		path     string
		wantURL  string // path of the feed found
		wantCode digest.ErrorCode
		wantMsg  string
	}{
		{path: "/good.xml", wantURL: "/good.xml"},
		{path: "/page.html", wantURL: "/good.xml"},
		{path: "/plain.html", wantCode: digest.CodeUsage, wantMsg: "advertises no feed"},
		{path: "/broken.xml", wantCode: digest.CodeUsage, wantMsg: "does not give an RSS, Atom or JSON feed"},
		{path: "/text.txt", wantCode: digest.CodeUsage, wantMsg: "does not give an RSS"},
		{path: "/slow.xml", wantCode: digest.CodeUnavailable, wantMsg: "did not answer within 300ms"},
		{path: "/huge.xml", wantCode: digest.CodeUsage, wantMsg: "larger than the bot's limit"},
		{path: "/gone.xml", wantCode: digest.CodeUsage, wantMsg: "HTTP 410"},
		{path: "/down.xml", wantCode: digest.CodeUnavailable, wantMsg: "HTTP 502"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			got, err := c.CheckFeed(context.Background(), srv.URL+tt.path)
			if tt.wantCode != "" {
				if digest.ErrorCodeOf(err) != tt.wantCode || !strings.Contains(digest.UserMessage(err), tt.wantMsg) {
					t.Fatalf("CheckFeed = %+v, %v (%s); want %s error with %q", got, err, digest.ErrorCodeOf(err), tt.wantCode, tt.wantMsg)
				}
				if strings.Contains(digest.UserMessage(err), srv.URL) {
					t.Errorf("message names the server: %q", digest.UserMessage(err))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.URL != srv.URL+tt.wantURL || got.Title == "" || got.Items == 0 {
				t.Errorf("CheckFeed = %+v, want %s with a title and items", got, srv.URL+tt.wantURL)
			}
		})
	}
}

// blockedErr stands for the web client's refusal of a private address.
type blockedErr struct{}

func (blockedErr) Error() string { return "address 10.0.0.1:80 refused: private" }
func (blockedErr) Blocked() bool { return true }

type doerFunc func(*http.Request) (*http.Response, error)

func (f doerFunc) Do(r *http.Request) (*http.Response, error) { return f(r) }

func TestCheckFeedPrivateAddress(t *testing.T) {
	c := NewChecker(doerFunc(func(*http.Request) (*http.Response, error) {
		return nil, &wrapped{blockedErr{}}
	}), CheckerOptions{})
	_, err := c.CheckFeed(context.Background(), "http://intranet.example/feed.xml")
	if digest.ErrorCodeOf(err) != digest.CodeUsage || !strings.Contains(digest.UserMessage(err), "private or local") {
		t.Fatalf("err = %v, want the private-address refusal", err)
	}
}

type wrapped struct{ err error }

func (w *wrapped) Error() string { return "get: " + w.err.Error() }
func (w *wrapped) Unwrap() error { return w.err }
