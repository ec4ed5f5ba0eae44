package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

const testRSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Local Test News</title><link>http://example.org/</link>
<item><title>Energy grid upgrade approved</title><link>http://example.org/a</link><description>The council approved an upgrade of the energy grid.</description></item>
<item><title>Water tariffs frozen</title><link>http://example.org/b</link><description>Water tariffs stay the same next year.</description></item>
</channel></rss>`

// TestFeedsFromTheCommandLine: bot feeds add|list|remove on the console's
// own sources, a page advertising its feed, and bot samples remove.
func TestFeedsFromTheCommandLine(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/rss", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(testRSS))
	})
	mux.HandleFunc("/missing.xml", http.NotFound)
	mux.HandleFunc("/text", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("plain words")) })
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(`<html><head><link rel="alternate" type="application/rss+xml" href="/rss"></head><body>Home</body></html>`))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	vars := map[string]string{"DATA_DIR": t.TempDir(), "ALLOW_PRIVATE_ADDRESSES": "true"}

	steps := []struct {
		args []string
		want string
		code int
	}{
		{[]string{"feeds", "add", srv.URL + "/"}, "Added feed #1: Local Test News (found on " + srv.URL + "/) — 2 items", 0},
		{[]string{"feeds", "add", srv.URL + "/rss"}, "already has that feed", 1},
		{[]string{"feeds", "list"}, "#1 Local Test News — " + srv.URL + "/rss", 0},
		{[]string{"feeds", "add", srv.URL + "/missing.xml"}, "Nothing was found at that address (HTTP 404)", 1},
		{[]string{"feeds", "add", srv.URL + "/text"}, "does not give an RSS", 1},
		{[]string{"feeds", "remove", "1"}, "Removed feed #1: Local Test News", 0},
		{[]string{"feeds", "list"}, "no news sources yet", 0},
		{[]string{"samples", "remove"}, "removed 8 sample articles", 0},
		{[]string{"samples"}, "usage: bot samples remove", 1},
	}
	for _, s := range steps {
		out, errs, code := runBot(t, vars, "", s.args...)
		if code != s.code || !strings.Contains(out+errs, s.want) {
			t.Errorf("bot %s: exit %d, want %d with %q\nstdout:\n%s\nstderr:\n%s", strings.Join(s.args, " "), code, s.code, s.want, out, errs)
		}
	}
}
