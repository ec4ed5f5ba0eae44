package slackbot

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/digest"
)

// memGuard is a ReplayGuard shared by adapters standing for processes.
type memGuard struct {
	mu   sync.Mutex
	keys map[string]time.Time
}

func (g *memGuard) FirstUse(_ context.Context, key string, now, expires time.Time) (bool, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if exp, ok := g.keys[key]; ok && exp.After(now) {
		return false, nil
	}
	g.keys[key] = expires
	return true, nil
}

func send(t *testing.T, req *http.Request) (int, string) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp.StatusCode, string(b)
}

// TestReplayRefused checks that a validly signed request sent again within
// its five-minute window (a captured /digest add) runs once, whether the
// replay reaches the same process or, through a shared guard, another one.
func TestReplayRefused(t *testing.T) {
	f := newFakeSlack(t)
	h := &fakeHandler{fn: func(context.Context, digest.Command) (digest.Reply, error) {
		return digest.Reply{Kind: digest.ReplyText, Text: "Daily digest #1 added"}, nil
	}}
	guard := &memGuard{keys: map[string]time.Time{}}
	var srvs []*httptest.Server
	for _, g := range []ReplayGuard{nil, guard, guard} {
		a := newTestAdapter(t, f, h, ModeHTTP, nil)
		a.cfg.Replays = g
		srv := httptest.NewServer(a.HTTPHandler())
		defer srv.Close()
		srvs = append(srvs, srv)
	}
	ts := time.Now()
	body := slashBody("/digest", "add mexico at 08:00", f.srv.URL+"/response/r")
	tests := []struct {
		name        string
		first, then *httptest.Server
	}{
		{"same process, no shared guard", srvs[0], srvs[0]},
		{"another process, shared guard", srvs[1], srvs[2]},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			at := ts.Add(time.Duration(i) * time.Second) // a new signature per case
			code, b := send(t, signedRequest(t, tt.first.URL+"/slack/commands", testSecret, at, body, "application/x-www-form-urlencoded"))
			if code != http.StatusOK {
				t.Fatalf("first request: %d %s", code, b)
			}
			code, b = send(t, signedRequest(t, tt.then.URL+"/slack/commands", testSecret, at, body, "application/x-www-form-urlencoded"))
			if code != http.StatusConflict || strings.Contains(b, "Working") {
				t.Errorf("replay: %d %q, want 409 and no acknowledgement", code, b)
			}
		})
	}
	f.waitPost(5 * time.Second)
	f.waitPost(5 * time.Second)
	f.noPost(200 * time.Millisecond)
	if n := len(h.commands()); n != 2 {
		t.Errorf("handler ran %d times for 2 requests and 2 replays, want 2", n)
	}
}

// TestCommandNotForm checks that a signed command or interaction whose body
// is not a form is answered 400, not acknowledged and then failed.
func TestCommandNotForm(t *testing.T) {
	f := newFakeSlack(t)
	h := &fakeHandler{}
	a := newTestAdapter(t, f, h, ModeHTTP, nil)
	srv := httptest.NewServer(a.HTTPHandler())
	defer srv.Close()
	for i, ctype := range []string{"application/json", "text/plain", ""} {
		for _, path := range []string{"/slack/commands", "/slack/interactivity"} {
			at := time.Now().Add(time.Duration(i) * time.Second)
			body := slashBody("/news", "mexico "+ctype+path, f.srv.URL+"/response/x")
			code, b := send(t, signedRequest(t, srv.URL+path, testSecret, at, body, ctype))
			if code != http.StatusBadRequest || strings.Contains(b, "Working") {
				t.Errorf("%s as %q: %d %q, want 400", path, ctype, code, b)
			}
		}
	}
	f.noPost(100 * time.Millisecond)
	if n := len(h.commands()); n != 0 {
		t.Errorf("handler ran %d times", n)
	}
}
