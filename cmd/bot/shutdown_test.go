package main

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/testutil/logbuf"
)

// TestShutdownTellsCutOffUsers: SIGTERM while a Slack command waits on a
// page that never answers. The bot exits within DRAIN_TIMEOUT and the user
// gets "the bot is restarting" through the command's response URL instead
// of silence.
func TestShutdownTellsCutOffUsers(t *testing.T) {
	const secret = "sig-secret-do-not-print"
	var mu sync.Mutex
	var responses []string
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/api/auth.test":
			json.NewEncoder(w).Encode(map[string]any{"ok": true, "team_id": "T1", "user_id": "U0BOT"})
		case "/response":
			b, _ := io.ReadAll(r.Body)
			mu.Lock()
			responses = append(responses, string(b))
			mu.Unlock()
			io.WriteString(w, "ok")
		default:
			json.NewEncoder(w).Encode(map[string]any{"ok": false, "error": "unknown_method"})
		}
	}))
	defer api.Close()
	pageAsked := make(chan struct{}, 1)
	hang := make(chan struct{})
	defer close(hang)
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case pageAsked <- struct{}{}:
		default:
		}
		select {
		case <-hang:
		case <-r.Context().Done():
		}
	}))
	defer slow.Close()

	listen := freeAddr(t)
	vars := map[string]string{
		"DATA_DIR": t.TempDir(), "FEEDS": "", "SLACK_BOT_TOKEN": "xoxb-token-do-not-print", "SLACK_MODE": "http",
		"SLACK_SIGNING_SECRET": secret, "SLACK_LISTEN_ADDR": listen, "SLACK_API_URL": api.URL + "/api/",
		"ALLOW_PRIVATE_ADDRESSES": "true", "DRAIN_TIMEOUT": "4s",
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	logs := &logbuf.Buffer{}
	done := make(chan int, 1)
	go func() { done <- run(ctx, []string{"bot"}, env(vars), strings.NewReader(""), io.Discard, logs) }()

	body := url.Values{"team_id": {"T1"}, "channel_id": {"C1"}, "user_id": {"U1"}, "command": {"/news"},
		"text": {slow.URL + "/article"}, "response_url": {api.URL + "/response"}}.Encode()
	deadline := time.Now().Add(15 * time.Second)
	for {
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		mac := hmac.New(sha256.New, []byte(secret))
		fmt.Fprintf(mac, "v0:%s:%s", ts, body)
		req, _ := http.NewRequest(http.MethodPost, "http://"+listen+"/slack/commands", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("X-Slack-Request-Timestamp", ts)
		req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the bot's Slack endpoint never answered: %v\n%s", err, logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	select {
	case <-pageAsked:
	case <-time.After(15 * time.Second):
		t.Fatalf("the command never fetched the page\n%s", logs.String())
	}

	stopped := time.Now()
	cancel() // SIGTERM
	select {
	case code := <-done:
		took := time.Since(stopped)
		if code != 0 {
			t.Errorf("exit %d\n%s", code, logs.String())
		}
		if took > 4*time.Second+500*time.Millisecond {
			t.Errorf("shutdown took %v, over DRAIN_TIMEOUT 4s", took)
		}
		t.Logf("stopped %v after the signal", took.Round(time.Millisecond))
	case <-time.After(20 * time.Second):
		t.Fatalf("the bot did not stop\n%s", logs.String())
	}
	mu.Lock()
	defer mu.Unlock()
	if len(responses) != 1 || !strings.Contains(responses[0], "The bot is restarting, please try again") {
		t.Fatalf("response URL got %q, want the restart message", responses)
	}
	if strings.Contains(logs.String(), "do-not-print") {
		t.Fatal("a secret reached the logs")
	}
}
