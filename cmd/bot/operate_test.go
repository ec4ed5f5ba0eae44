package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runIn runs the bot with stdin from in (an *os.File for the /dev/null
// cases) and a deadline.
func runIn(t *testing.T, vars map[string]string, in *os.File, timeout time.Duration, args ...string) (string, string, int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	var out, errb bytes.Buffer
	code := run(ctx, append([]string{"bot"}, args...), env(vars), in, &out, &errb)
	return out.String(), errb.String(), code
}

func devNull(t *testing.T) *os.File {
	t.Helper()
	f, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// fakeSlackAuth answers auth.test: ok for xoxb-good, invalid_auth otherwise.
func fakeSlackAuth(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Path == "/api/auth.test" && (r.PostForm.Get("token") == "xoxb-good" || r.Header.Get("Authorization") == "Bearer xoxb-good") {
			json.NewEncoder(w).Encode(map[string]any{"ok": true, "team_id": "T1", "user_id": "U1"})
			return
		}
		json.NewEncoder(w).Encode(map[string]any{"ok": false, "error": "invalid_auth"})
	}))
	t.Cleanup(srv.Close)
	return srv
}

// fakeDiscordAuth answers GET /api/v9/users/@me with 401.
func fakeDiscordAuth(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		w.Write([]byte(`{"message": "401: Unauthorized", "code": 0}`))
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestConfigurationMistakes: each mistake an operator can make stops the
// bot with its message and exit code 2, and no secret reaches the output.
func TestConfigurationMistakes(t *testing.T) {
	dir := t.TempDir()
	const secret = "xoxb-secret-do-not-print"
	badEnv := writeFile(t, dir, "bad.env", "DATA_DIR="+dir+"\nexport SLACK_BOT_TOKEN "+secret+"\n")
	quoteEnv := writeFile(t, dir, "quote.env", "FEEDS=\"https://a.example/rss\nSLACK_BOT_TOKEN="+secret+"\n")
	tokFile := writeFile(t, dir, "tok", secret+"\n")
	slack := fakeSlackAuth(t)
	discord := fakeDiscordAuth(t)
	tests := []struct {
		name  string
		vars  map[string]string
		args  []string
		stdin bool // /dev/null instead of an empty pipe
		want  string
	}{
		{"malformed line", map[string]string{"ENV_FILE": badEnv}, nil, true, "bad.env:2: expected NAME=value"},
		{"unmatched quote", nil, []string{"-env", quoteEnv}, true, "quote.env:1: FEEDS has an unmatched double quote"},
		{"missing env file", nil, []string{"-env", filepath.Join(dir, "none.env")}, true, "none.env: no such file"},
		{"secret twice", map[string]string{"SLACK_BOT_TOKEN": secret, "SLACK_BOT_TOKEN_FILE": tokFile}, nil, true,
			"SLACK_BOT_TOKEN and SLACK_BOT_TOKEN_FILE are both set"},
		{"no platform, stdin /dev/null", map[string]string{"DATA_DIR": dir}, nil, true, "no platform is configured"},
		{"no platform, closed pipe", map[string]string{"DATA_DIR": dir, "FEEDS": ""}, nil, false, "no platform is configured"},
		{"wrong slack token", map[string]string{"DATA_DIR": dir, "SLACK_BOT_TOKEN_FILE": tokFile, "SLACK_MODE": "http",
			"SLACK_SIGNING_SECRET": "sig-secret-do-not-print", "SLACK_LISTEN_ADDR": "127.0.0.1:0", "SLACK_API_URL": slack.URL + "/api/"}, nil, true,
			"Slack rejected SLACK_BOT_TOKEN (invalid_auth)"},
		{"wrong discord token", map[string]string{"DATA_DIR": dir, "DISCORD_TOKEN": secret, "DISCORD_APP_ID": "app1",
			"DISCORD_API_URL": discord.URL}, nil, true, "Discord rejected DISCORD_TOKEN (401 Unauthorized)"},
		{"bad log format", map[string]string{"LOG_FORMAT": "xml"}, nil, true, `LOG_FORMAT: "xml" is not text or json`},
		{"bad retention", map[string]string{"RETENTION": "5m"}, nil, true, "RETENTION"},
		{"proxy not a URL", map[string]string{"HTTPS_PROXY": "proxy:" + secret}, nil, true, "HTTPS_PROXY must be a proxy URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errs string
			var code int
			if tt.stdin {
				out, errs, code = runIn(t, tt.vars, devNull(t), 30*time.Second, tt.args...)
			} else {
				out, errs, code = runBot(t, tt.vars, "", tt.args...)
			}
			if code != 2 || !strings.Contains(errs, tt.want) {
				t.Fatalf("exit %d, want 2 with %q\nstdout:\n%s\nstderr:\n%s", code, tt.want, out, errs)
			}
			if strings.Contains(out+errs, "do-not-print") {
				t.Fatalf("a secret was printed:\n%s%s", out, errs)
			}
		})
	}
}

// TestEmptyEnvironmentOverridesDotEnv: FEEDS= in the environment wins over
// the feeds of the .env file (the README's promise; .ci/run relies on it).
func TestEmptyEnvironmentOverridesDotEnv(t *testing.T) {
	dir := t.TempDir()
	envFile := writeFile(t, dir, "my.env", "FEEDS=https://feeds.example/rss\nTIME_ZONE=Europe/Madrid\n")
	out, errs, code := runBot(t, map[string]string{"ENV_FILE": envFile, "FEEDS": ""}, "", "config", "check")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"env file: " + envFile, "FEEDS=  ", "TIME_ZONE=Europe/Madrid", "configuration ok"} {
		if !strings.Contains(out, want) {
			t.Errorf("config check lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "feeds.example") {
		t.Errorf("the .env feeds were used although FEEDS is empty in the environment:\n%s", out)
	}
}

func TestConfigCheckMasksSecrets(t *testing.T) {
	dir := t.TempDir()
	tok := writeFile(t, dir, "tok", "xoxb-secret-do-not-print\n")
	vars := map[string]string{
		"SLACK_BOT_TOKEN_FILE": tok, "SLACK_APP_TOKEN": "xapp-secret-do-not-print",
		"DATABASE_URL": "postgres://bot:pw-do-not-print@db.internal/news", "HTTP_ADDR": "127.0.0.1:9090",
	}
	out, errs, code := runBot(t, vars, "", "config", "check")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"SLACK_BOT_TOKEN=********", "# file " + tok, "SLACK_APP_TOKEN=********",
		"DATABASE_URL=postgres://bot:xxxxx@db.internal/news", "HTTP_ADDR=127.0.0.1:9090", "RETENTION=90d"} {
		if !strings.Contains(out, want) {
			t.Errorf("config check lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out+errs, "do-not-print") {
		t.Fatalf("a secret was printed:\n%s", out)
	}
	_, errs, code = runBot(t, map[string]string{"POLL_INTERVAL": "often"}, "", "config", "check")
	if code != 2 || !strings.Contains(errs, "POLL_INTERVAL") {
		t.Fatalf("config check of a bad setting: exit %d, stderr %q", code, errs)
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		out, _, code := runBot(t, nil, "", args...)
		if code != 0 || !strings.Contains(out, "newsdigest bot ") || !strings.Contains(out, "revision: ") || !strings.Contains(out, "built: ") {
			t.Fatalf("%v: exit %d\n%s", args, code, out)
		}
	}
}

// TestHeadless: with HEADLESS=true and nothing on standard input the bot
// runs (feeds, scheduler) until it is stopped, then exits 0.
func TestHeadless(t *testing.T) {
	vars := map[string]string{"DATA_DIR": t.TempDir(), "HEADLESS": "true", "LOG_FORMAT": "json"}
	_, errs, code := runIn(t, vars, devNull(t), 2*time.Second)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	first, _, _ := strings.Cut(errs, "\n")
	var line map[string]any
	if err := json.Unmarshal([]byte(first), &line); err != nil || line["msg"] == nil {
		t.Fatalf("LOG_FORMAT=json gave %q (%v)", first, err)
	}
}

// TestPipedCommandsStillWork: commands piped into the console are answered
// (.ci/run depends on it), although stdin is not a terminal.
func TestPipedCommandsStillWork(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	go func() { w.WriteString("/help\n"); w.Close() }()
	out, errs, code := runIn(t, map[string]string{"DATA_DIR": t.TempDir(), "FEEDS": ""}, r, 30*time.Second)
	if code != 0 || !strings.Contains(out, "/news") {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errs)
	}
}
