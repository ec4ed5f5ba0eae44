package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// crashDiscord is a fake Discord for the crash test: the REST routes the
// bot uses (gateway lookup, command registration, creating and reading
// channel messages) and a gateway that says hello, takes the identify and
// answers READY and heartbeats. It keeps no nonces, as if every retry came
// after Discord's nonce window: the run tag Posted looks for is all that
// may prevent a second post.
type crashDiscord struct {
	crashRecorder
	srv *httptest.Server
}

func (f *crashDiscord) name() string { return "discord" }
func (f *crashDiscord) env() []string {
	return []string{
		"DISCORD_TOKEN=discord-test-token",
		"DISCORD_APP_ID=app1",
		"DISCORD_API_URL=" + f.srv.URL,
	}
}

func newCrashDiscord(t *testing.T) *crashDiscord {
	f := &crashDiscord{}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v9/gateway/bot", func(w http.ResponseWriter, r *http.Request) {
		if !f.authorized(w, r) {
			return
		}
		crashJSON(w, map[string]any{"url": "ws" + strings.TrimPrefix(f.srv.URL, "http") + "/ws", "shards": 1,
			"session_start_limit": map[string]any{"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}})
	})
	mux.HandleFunc("GET /api/v9/gateway", func(w http.ResponseWriter, r *http.Request) {
		crashJSON(w, map[string]any{"url": "ws" + strings.TrimPrefix(f.srv.URL, "http") + "/ws"})
	})
	mux.HandleFunc("PUT /api/v9/applications/app1/commands", func(w http.ResponseWriter, r *http.Request) {
		if !f.authorized(w, r) {
			return
		}
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body) // the registered commands, echoed
	})
	mux.HandleFunc("POST /api/v9/channels/{channel}/messages", f.postMessage)
	mux.HandleFunc("GET /api/v9/channels/{channel}/messages", f.history)
	mux.HandleFunc("/ws", f.gateway)
	mux.HandleFunc("/ws/", f.gateway) // discordgo dials .../ws/?v=9&encoding=json
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		f.noteUnknown(r.Method + " " + r.URL.Path)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"message":"404: Not Found","code":0}`)
	})
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

func (f *crashDiscord) authorized(w http.ResponseWriter, r *http.Request) bool {
	if r.Header.Get("Authorization") != "Bot discord-test-token" {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `{"message":"401: Unauthorized","code":0}`)
		return false
	}
	return true
}

// runKeyOf returns the run key of a message's "-# run <key>" line, or "".
func runKeyOf(content string) string {
	for l := range strings.Lines(content) {
		if k, ok := strings.CutPrefix(strings.TrimRight(l, "\r\n"), "-# run "); ok {
			return k
		}
	}
	return ""
}

func (f *crashDiscord) postMessage(w http.ResponseWriter, r *http.Request) {
	if !f.authorized(w, r) {
		return
	}
	var body struct {
		Content string            `json:"content"`
		Embeds  []json.RawMessage `json:"embeds"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprint(w, `{"message":"Invalid Form Body","code":50035}`)
		return
	}
	f.post(w, func(seq int) crashPost {
		return crashPost{channel: r.PathValue("channel"), ts: fmt.Sprint(100000 + seq), text: body.Content, key: runKeyOf(body.Content)}
	}, func(p crashPost) { crashJSON(w, f.message(p)) })
}

// message is p as Discord's message object, by the bot's user (whose id
// is the application id).
func (f *crashDiscord) message(p crashPost) map[string]any {
	return map[string]any{"id": p.ts, "channel_id": p.channel, "content": p.text, "type": 0,
		"timestamp": time.Now().UTC().Format(time.RFC3339Nano),
		"author":    map[string]any{"id": "app1", "username": "newsbot", "bot": true}}
}

// history serves a channel's messages newest first, at most limit, before
// the message id before, as Discord does.
func (f *crashDiscord) history(w http.ResponseWriter, r *http.Request) {
	if !f.authorized(w, r) {
		return
	}
	limit := 50
	if _, err := fmt.Sscan(r.URL.Query().Get("limit"), &limit); err != nil || limit < 1 || limit > 100 {
		limit = 50
	}
	before := r.URL.Query().Get("before")
	f.mu.Lock()
	out := []map[string]any{}
	for i := len(f.posts) - 1; i >= 0 && len(out) < limit; i-- {
		p := f.posts[i]
		if p.channel == r.PathValue("channel") && (before == "" || p.ts < before) {
			out = append(out, f.message(p))
		}
	}
	f.mu.Unlock()
	crashJSON(w, out)
}

// gateway: hello, identify, READY, heartbeat acknowledgements.
func (f *crashDiscord) gateway(w http.ResponseWriter, r *http.Request) {
	c, err := (&websocket.Upgrader{}).Upgrade(w, r, nil)
	if err != nil {
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
		switch {
		case bytes.Contains(msg, []byte(`"op":2`)):
			if write(`{"op":0,"t":"READY","s":1,"d":{"v":10,"session_id":"sess1","user":{"id":"app1","username":"newsbot","bot":true},"guilds":[],"application":{"id":"app1"}}}`) != nil {
				return
			}
		case bytes.Contains(msg, []byte(`"op":1`)):
			if write(`{"op":11}`) != nil {
				return
			}
		}
	}
}
