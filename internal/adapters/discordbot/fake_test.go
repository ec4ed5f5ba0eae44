package discordbot

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/newsdigest/bot/internal/digest"
)

// request is one REST call the fake Discord received.
type request struct {
	Method string
	Path   string
	Header http.Header
	Body   []byte
}

func (r request) String() string { return r.Method + " " + r.Path }

// fakeDiscord is a local Discord: REST routes under /api/v9 and a gateway
// websocket at /ws that says HELLO, reads IDENTIFY, sends READY and then
// the dispatches pushed with send.
type fakeDiscord struct {
	t   *testing.T
	srv *httptest.Server

	mu       sync.Mutex
	reqs     []request
	taken    map[int]bool                                             // indexes of reqs a waitFor has returned
	override map[string]func(n int, w http.ResponseWriter, r request) // "METHOD path" → handler; n counts calls
	calls    map[string]int
	notify   chan request

	identify chan json.RawMessage
	events   chan []byte
}

func newFakeDiscord(t *testing.T) *fakeDiscord {
	t.Helper()
	f := &fakeDiscord{
		t:        t,
		override: map[string]func(int, http.ResponseWriter, request){},
		calls:    map[string]int{},
		notify:   make(chan request, 256),
		identify: make(chan json.RawMessage, 4),
		events:   make(chan []byte, 16),
	}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

// on overrides the answer to one route.
func (f *fakeDiscord) on(method, path string, h func(n int, w http.ResponseWriter, r request)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.override[method+" "+path] = h
}

func (f *fakeDiscord) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/ws/" || r.URL.Path == "/ws" {
		f.gateway(w, r)
		return
	}
	body, _ := io.ReadAll(r.Body)
	req := request{Method: r.Method, Path: r.URL.Path, Header: r.Header.Clone(), Body: body}
	f.mu.Lock()
	f.reqs = append(f.reqs, req)
	key := req.String()
	f.calls[key]++
	n := f.calls[key]
	h := f.override[key]
	f.mu.Unlock()
	select { // a wake-up for waitFor, which reads f.reqs itself
	case f.notify <- req:
	default:
	}
	if h != nil {
		h(n, w, req)
		return
	}
	wsURL := "ws" + strings.TrimPrefix(f.srv.URL, "http") + "/ws"
	w.Header().Set("Content-Type", "application/json")
	switch {
	case r.Method == "GET" && r.URL.Path == "/api/v9/gateway":
		fmt.Fprintf(w, `{"url":%q}`, wsURL)
	case r.Method == "GET" && r.URL.Path == "/api/v9/gateway/bot":
		fmt.Fprintf(w, `{"url":%q,"shards":1,"session_start_limit":{"total":1000,"remaining":999,"reset_after":0,"max_concurrency":1}}`, wsURL)
	case r.Method == "PUT" && strings.HasSuffix(r.URL.Path, "/commands"):
		w.Write(body) // echo the commands back
	case strings.HasSuffix(r.URL.Path, "/callback") || r.Method == "DELETE":
		w.WriteHeader(http.StatusNoContent)
	default:
		fmt.Fprintf(w, `{"id":"m%d","channel_id":"c"}`, n)
	}
}

func (f *fakeDiscord) gateway(w http.ResponseWriter, r *http.Request) {
	up := websocket.Upgrader{}
	c, err := up.Upgrade(w, r, nil)
	if err != nil {
		f.t.Errorf("gateway upgrade: %v", err)
		return
	}
	defer c.Close()
	var wmu sync.Mutex
	write := func(v string) error {
		wmu.Lock()
		defer wmu.Unlock()
		return c.WriteMessage(websocket.TextMessage, []byte(v))
	}
	if write(`{"op":10,"d":{"heartbeat_interval":45000}}`) != nil {
		return
	}
	for {
		_, msg, err := c.ReadMessage()
		if err != nil {
			return
		}
		var op struct {
			Op int             `json:"op"`
			D  json.RawMessage `json:"d"`
		}
		if json.Unmarshal(msg, &op) == nil && op.Op == 2 {
			f.identify <- op.D
			break
		}
	}
	if write(`{"op":0,"t":"READY","s":1,"d":{"v":9,"session_id":"sess1","user":{"id":"bot1","username":"newsbot","bot":true},"guilds":[]}}`) != nil {
		return
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			_, msg, err := c.ReadMessage()
			if err != nil {
				return
			}
			if bytes.Contains(msg, []byte(`"op":1`)) {
				_ = write(`{"op":11}`)
			}
		}
	}()
	seq := 1
	for {
		select {
		case <-done:
			return
		case ev := <-f.events:
			seq++
			var e struct {
				T string          `json:"t"`
				D json.RawMessage `json:"d"`
			}
			_ = json.Unmarshal(ev, &e)
			if write(fmt.Sprintf(`{"op":0,"t":%q,"s":%d,"d":%s}`, e.T, seq, e.D)) != nil {
				return
			}
		}
	}
}

// send pushes a gateway dispatch event.
func (f *fakeDiscord) send(eventType, data string) {
	f.events <- []byte(fmt.Sprintf(`{"t":%q,"d":%s}`, eventType, data))
}

// waitFor returns the next recorded request matching method and path,
// failing the test after a few seconds.
func (f *fakeDiscord) waitFor(method, path string) request {
	f.t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		// Requests may arrive in any order: look through every recorded one
		// not yet returned, so waiting for one never discards another.
		if r, ok := f.take(method, path); ok {
			return r
		}
		select {
		case <-f.notify:
		case <-timeout:
			f.t.Fatalf("no %s %s; got %v", method, path, f.requests())
			return request{}
		}
	}
}

// take returns the first recorded request for method and path that no
// waitFor has returned yet.
func (f *fakeDiscord) take(method, path string) (request, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, r := range f.reqs {
		if !f.taken[i] && r.Method == method && r.Path == path {
			if f.taken == nil {
				f.taken = map[int]bool{}
			}
			f.taken[i] = true
			return r, true
		}
	}
	return request{}, false
}

func (f *fakeDiscord) requests() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, r := range f.reqs {
		out = append(out, r.String())
	}
	return out
}

func (f *fakeDiscord) count(method, path string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[method+" "+path]
}

// fakeHandler is a Handler with function fields; it records commands.
type fakeHandler struct {
	mu     sync.Mutex
	cmds   []digest.Command
	handle func(digest.Command) (digest.Reply, error)
	topics func(prefix string, limit int) ([]string, error)
}

func (h *fakeHandler) Handle(_ context.Context, cmd digest.Command) (digest.Reply, error) {
	h.mu.Lock()
	h.cmds = append(h.cmds, cmd)
	h.mu.Unlock()
	if h.handle == nil {
		return digest.Reply{Kind: digest.ReplyText, Text: "ok"}, nil
	}
	return h.handle(cmd)
}

func (h *fakeHandler) Topics(_ context.Context, prefix string, limit int) ([]string, error) {
	if h.topics == nil {
		return nil, nil
	}
	return h.topics(prefix, limit)
}

func (h *fakeHandler) commands() []digest.Command {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]digest.Command(nil), h.cmds...)
}

// logBuffer is a concurrency-safe log sink.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func testLogger() (*slog.Logger, *logBuffer) {
	buf := &logBuffer{}
	return slog.New(slog.NewJSONHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug})), buf
}
