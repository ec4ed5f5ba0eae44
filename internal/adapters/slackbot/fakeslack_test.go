package slackbot

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/slack-go/slack"

	"github.com/newsdigest/bot/internal/digest"
)

const (
	testBotToken = "xoxb-test-token"
	testAppToken = "xapp-test-token"
	testSecret   = "8f742231b10e8888abcd99yyyzzz85a5"
)

// posted is one message the fake Slack received: from chat.postMessage
// (Channel set) or on a response URL (ResponseType set).
type posted struct {
	Path         string
	Channel      string
	ThreadTS     string
	ResponseType string
	Text         string
	Blocks       []slack.Block
	TS           string               // chat.postMessage: the message's ts
	Metadata     *slack.SlackMetadata // chat.postMessage: the metadata sent, if any
}

// fakeSlack speaks the Web API JSON shapes the adapter uses, records what
// it is sent, and serves a Socket Mode websocket.
type fakeSlack struct {
	t   testing.TB
	srv *httptest.Server

	mu          sync.Mutex
	posts       []posted
	opens       []string // conversations.open users
	connOpens   int      // apps.connections.open calls
	rateLimited int      // chat.postMessage calls to answer 429 first
	postAttempt int      // chat.postMessage calls, 429s included
	notify      chan posted
	seq         int               // ts sequence of chat.postMessage
	history     []url.Values      // conversations.history requests
	historyErr  string            // when set, conversations.history answers this error
	outside     map[string]bool   // channels whose history answers not_in_channel until joined
	joinErr     map[string]string // conversations.join error code by channel
	joins       []string          // conversations.join channels, in order

	// ws handles one accepted Socket Mode connection; nil refuses.
	ws func(conn *websocket.Conn, n int)
}

func newFakeSlack(t testing.TB) *fakeSlack {
	f := &fakeSlack{t: t, notify: make(chan posted, 1024)}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/chat.postMessage", f.chatPostMessage)
	mux.HandleFunc("POST /api/conversations.open", f.conversationsOpen)
	mux.HandleFunc("POST /api/conversations.history", f.conversationsHistory)
	mux.HandleFunc("POST /api/conversations.join", f.conversationsJoin)
	mux.HandleFunc("POST /api/apps.connections.open", f.connectionsOpen)
	mux.HandleFunc("POST /response/{id}", f.responseURL)
	mux.HandleFunc("GET /ws", f.websocket)
	// A response URL that only counts: Slack's own work is not ours to measure.
	mux.HandleFunc("POST /discard/{id}", func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		f.notify <- posted{Path: r.URL.Path}
	})
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeSlack) apiURL() string { return f.srv.URL + "/api/" }

func (f *fakeSlack) responseURL(w http.ResponseWriter, r *http.Request) {
	var m struct {
		Text         string       `json:"text"`
		ResponseType string       `json:"response_type"`
		Blocks       slack.Blocks `json:"blocks"`
	}
	if err := json.NewDecoder(r.Body).Decode(&m); err != nil {
		f.t.Errorf("response url body: %v", err)
		http.Error(w, "bad", http.StatusBadRequest)
		return
	}
	f.record(posted{Path: r.URL.Path, ResponseType: m.ResponseType, Text: m.Text, Blocks: m.Blocks.BlockSet})
	_, _ = io.WriteString(w, "ok")
}

func (f *fakeSlack) record(p posted) {
	f.mu.Lock()
	f.posts = append(f.posts, p)
	f.mu.Unlock()
	f.notify <- p
}

func (f *fakeSlack) authorized(r *http.Request, token string) bool {
	if r.Header.Get("Authorization") == "Bearer "+token {
		return true
	}
	_ = r.ParseForm()
	return r.PostForm.Get("token") == token
}

func (f *fakeSlack) chatPostMessage(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil || !f.authorized(r, testBotToken) {
		writeTestJSON(w, map[string]any{"ok": false, "error": "invalid_auth"})
		return
	}
	f.mu.Lock()
	f.postAttempt++
	limited := f.rateLimited > 0
	if limited {
		f.rateLimited--
	}
	f.mu.Unlock()
	if limited {
		w.Header().Set("Retry-After", "1")
		w.WriteHeader(http.StatusTooManyRequests)
		return
	}
	var blocks slack.Blocks
	if b := r.PostForm.Get("blocks"); b != "" {
		if err := json.Unmarshal([]byte(b), &blocks); err != nil {
			f.t.Errorf("blocks: %v", err)
		}
	}
	var md *slack.SlackMetadata
	if m := r.PostForm.Get("metadata"); m != "" {
		md = &slack.SlackMetadata{}
		if err := json.Unmarshal([]byte(m), md); err != nil {
			f.t.Errorf("metadata: %v", err)
		}
	}
	ch := r.PostForm.Get("channel")
	f.mu.Lock()
	f.seq++
	ts := fmt.Sprintf("%d.%06d", time.Now().Unix(), f.seq)
	f.mu.Unlock()
	f.record(posted{Path: r.URL.Path, Channel: ch, ThreadTS: r.PostForm.Get("thread_ts"), Text: r.PostForm.Get("text"),
		Blocks: blocks.BlockSet, TS: ts, Metadata: md})
	writeTestJSON(w, map[string]any{"ok": true, "channel": ch, "ts": ts})
}

// addMessage puts a message into channel's history as if posted at ts
// (Slack's "seconds.micros"), without notifying waitPost.
func (f *fakeSlack) addMessage(channel, ts, text string, md *slack.SlackMetadata) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.posts = append(f.posts, posted{Path: "/api/chat.postMessage", Channel: channel, Text: text, TS: ts, Metadata: md})
}

// conversationsHistory serves a channel's messages posted through
// chat.postMessage (or addMessage) as Slack does: newest first, only those
// after oldest (exclusive), at most limit (default 100) a page with
// has_more and a next_cursor, metadata only with include_all_metadata.
func (f *fakeSlack) conversationsHistory(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil || !f.authorized(r, testBotToken) {
		writeTestJSON(w, map[string]any{"ok": false, "error": "invalid_auth"})
		return
	}
	q := r.PostForm
	f.mu.Lock()
	f.history = append(f.history, q)
	errCode := f.historyErr
	if f.outside[q.Get("channel")] {
		errCode = "not_in_channel"
	}
	var msgs []posted
	for _, p := range f.posts {
		if p.Channel != "" && p.Channel == q.Get("channel") && p.Path == "/api/chat.postMessage" {
			msgs = append(msgs, p)
		}
	}
	f.mu.Unlock()
	if errCode != "" {
		writeTestJSON(w, map[string]any{"ok": false, "error": errCode})
		return
	}
	sort.SliceStable(msgs, func(i, j int) bool { return tsBefore(msgs[j].TS, msgs[i].TS) })
	limit := 100
	if n, err := strconv.Atoi(q.Get("limit")); err == nil && n > 0 {
		limit = min(n, 999)
	}
	start := 0
	if c := q.Get("cursor"); c != "" {
		n, err := strconv.Atoi(strings.TrimPrefix(c, "next_"))
		if err != nil {
			writeTestJSON(w, map[string]any{"ok": false, "error": "invalid_cursor"})
			return
		}
		start = n
	}
	var out []map[string]any
	more := false
	for i, p := range msgs {
		if oldest := q.Get("oldest"); oldest != "" && !tsBefore(oldest, p.TS) {
			break // newest first: the rest are older still
		}
		if i < start {
			continue
		}
		if len(out) == limit {
			more = true
			break
		}
		m := map[string]any{"type": "message", "ts": p.TS, "text": p.Text, "bot_id": "B1"}
		if p.Metadata != nil && q.Get("include_all_metadata") == "1" {
			m["metadata"] = map[string]any{"event_type": p.Metadata.EventType, "event_payload": p.Metadata.EventPayload}
		}
		out = append(out, m)
	}
	resp := map[string]any{"ok": true, "messages": out, "has_more": more, "pin_count": 0}
	if more {
		resp["response_metadata"] = map[string]any{"next_cursor": fmt.Sprintf("next_%d", start+limit)}
	}
	writeTestJSON(w, resp)
}

// tsBefore compares two Slack timestamps ("seconds.micros").
func tsBefore(a, b string) bool {
	as, am, _ := strings.Cut(a, ".")
	bs, bm, _ := strings.Cut(b, ".")
	ai, _ := strconv.ParseInt(as, 10, 64)
	bi, _ := strconv.ParseInt(bs, 10, 64)
	if ai != bi {
		return ai < bi
	}
	ami, _ := strconv.ParseInt(am, 10, 64)
	bmi, _ := strconv.ParseInt(bm, 10, 64)
	return ami < bmi
}

// conversationsJoin answers conversations.join: the error set for the
// channel in joinErr, or the channel, which the bot is a member of from
// then on.
func (f *fakeSlack) conversationsJoin(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil || !f.authorized(r, testBotToken) {
		writeTestJSON(w, map[string]any{"ok": false, "error": "invalid_auth"})
		return
	}
	ch := r.PostForm.Get("channel")
	f.mu.Lock()
	f.joins = append(f.joins, ch)
	code := f.joinErr[ch]
	if code == "" {
		delete(f.outside, ch)
	}
	f.mu.Unlock()
	if code != "" {
		writeTestJSON(w, map[string]any{"ok": false, "error": code})
		return
	}
	writeTestJSON(w, map[string]any{"ok": true, "channel": map[string]any{"id": ch, "is_channel": true, "is_member": true}})
}

func (f *fakeSlack) joinRequests() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.joins...)
}

func (f *fakeSlack) historyRequests() []url.Values {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]url.Values(nil), f.history...)
}

func (f *fakeSlack) conversationsOpen(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil || !f.authorized(r, testBotToken) {
		writeTestJSON(w, map[string]any{"ok": false, "error": "invalid_auth"})
		return
	}
	users := r.PostForm.Get("users")
	f.mu.Lock()
	f.opens = append(f.opens, users)
	f.mu.Unlock()
	writeTestJSON(w, map[string]any{"ok": true, "channel": map[string]any{"id": "D" + users}})
}

func (f *fakeSlack) connectionsOpen(w http.ResponseWriter, r *http.Request) {
	if !f.authorized(r, testAppToken) {
		writeTestJSON(w, map[string]any{"ok": false, "error": "invalid_auth"})
		return
	}
	f.mu.Lock()
	f.connOpens++
	f.mu.Unlock()
	writeTestJSON(w, map[string]any{"ok": true, "url": "ws" + strings.TrimPrefix(f.srv.URL, "http") + "/ws"})
}

var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

func (f *fakeSlack) websocket(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	n, handle := f.connOpens, f.ws
	f.mu.Unlock()
	if handle == nil {
		http.Error(w, "no websocket", http.StatusServiceUnavailable)
		return
	}
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		f.t.Errorf("upgrade: %v", err)
		return
	}
	defer conn.Close()
	handle(conn, n)
}

func writeTestJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

// waitPost returns the next recorded message or fails after timeout.
func (f *fakeSlack) waitPost(timeout time.Duration) posted {
	f.t.Helper()
	select {
	case p := <-f.notify:
		return p
	case <-time.After(timeout):
		f.t.Fatalf("no message posted within %s", timeout)
		return posted{}
	}
}

// noPost fails if a message arrives within d.
func (f *fakeSlack) noPost(d time.Duration) {
	f.t.Helper()
	select {
	case p := <-f.notify:
		f.t.Fatalf("unexpected message posted: %+v", p)
	case <-time.After(d):
	}
}

func (f *fakeSlack) counts() (posts, opens, connOpens, attempts int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.posts), len(f.opens), f.connOpens, f.postAttempt
}

// fakeHandler records commands and answers with fn (or a fixed reply).
type fakeHandler struct {
	mu    sync.Mutex
	calls []digest.Command
	fn    func(ctx context.Context, cmd digest.Command) (digest.Reply, error)
}

func (h *fakeHandler) Handle(ctx context.Context, cmd digest.Command) (digest.Reply, error) {
	h.mu.Lock()
	h.calls = append(h.calls, cmd)
	fn := h.fn
	h.mu.Unlock()
	if fn == nil {
		return digest.Reply{Kind: digest.ReplyText, Text: "ok"}, nil
	}
	return fn(ctx, cmd)
}

func (h *fakeHandler) commands() []digest.Command {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]digest.Command(nil), h.calls...)
}

func testLogger(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

func quietLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }

type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// newTestAdapter builds an adapter against f in the given mode.
func newTestAdapter(t testing.TB, f *fakeSlack, h Handler, mode string, logger *slog.Logger) *Adapter {
	t.Helper()
	if logger == nil {
		logger = testLogger(t)
	}
	a, err := New(Config{
		BotToken:      testBotToken,
		AppToken:      testAppToken,
		SigningSecret: testSecret,
		Mode:          mode,
		APIURL:        f.apiURL(),
		MaxPending:    1024,
		MaxConcurrent: 32,
		DrainTimeout:  5 * time.Second,
		PingInterval:  time.Minute,
	}, h, logger)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.drain)
	return a
}

// sign returns Slack's v0 signature of body at ts with secret.
func sign(secret string, ts int64, body string) string {
	mac := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(mac, "v0:%d:%s", ts, body)
	return "v0=" + hex.EncodeToString(mac.Sum(nil))
}

// signedRequest builds a POST to target with a signature made at ts.
func signedRequest(t testing.TB, target, secret string, ts time.Time, body, contentType string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, target, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("X-Slack-Request-Timestamp", strconv.FormatInt(ts.Unix(), 10))
	req.Header.Set("X-Slack-Signature", sign(secret, ts.Unix(), body))
	return req
}

func slashBody(command, text, responseURL string) string {
	return url.Values{
		"token":        {"legacy-verification-token"},
		"team_id":      {"T1"},
		"team_domain":  {"newsroom"},
		"channel_id":   {"C1"},
		"channel_name": {"general"},
		"user_id":      {"U1"},
		"user_name":    {"ana"},
		"command":      {command},
		"text":         {text},
		"response_url": {responseURL},
		"trigger_id":   {"1.2.3"},
		"api_app_id":   {"A1"},
	}.Encode()
}

func messageIMEvent(eventID, text, ts string) string {
	return fmt.Sprintf(`{"token":"x","team_id":"T1","api_app_id":"A1","type":"event_callback","event_id":%q,"event_time":1700000000,
"event":{"type":"message","channel":"D1","channel_type":"im","user":"U1","text":%q,"ts":%q,"event_ts":%q}}`, eventID, text, ts, ts)
}
