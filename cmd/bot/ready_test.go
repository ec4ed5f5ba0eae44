package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/testutil/logbuf"
	"github.com/newsdigest/bot/internal/testutil/pgtest"
)

// freeAddr returns a loopback address nothing listens on now.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// startHeadless runs a headless bot with the operators' listener in the
// background; it is stopped when the test ends.
func startHeadless(t *testing.T, vars map[string]string) (addr string, logs *logbuf.Buffer) {
	t.Helper()
	addr = freeAddr(t)
	vars["HEADLESS"], vars["HTTP_ADDR"], vars["FEEDS"] = "true", addr, ""
	ctx, cancel := context.WithCancel(context.Background())
	logs = &logbuf.Buffer{}
	done := make(chan int, 1)
	go func() { done <- run(ctx, []string{"bot"}, env(vars), strings.NewReader(""), io.Discard, logs) }()
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("bot exited %d\n%s", code, logs.String())
			}
		case <-time.After(20 * time.Second):
			t.Error("bot did not stop within 20 s")
		}
	})
	return addr, logs
}

// get returns the status and body of GET http://addr+path.
func get(addr, path string) (int, string) {
	c := &http.Client{Timeout: 5 * time.Second}
	resp, err := c.Get("http://" + addr + path)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// waitFor polls addr+path until it answers want (and a body holding
// contains), or fails after 15 s.
func waitFor(t *testing.T, addr, path string, want int, contains string) string {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		code, body := get(addr, path)
		if code == want && strings.Contains(body, contains) {
			return body
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: %d %q, want %d with %q", path, code, body, want, contains)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestReadinessSQLiteOutage: /readyz says the store is not ready while the
// SQLite file cannot be read, and ready again once it can, without a
// restart; /healthz stays up; /metrics reports the store size.
func TestReadinessSQLiteOutage(t *testing.T) {
	dir := t.TempDir()
	addr, logs := startHeadless(t, map[string]string{"DATA_DIR": dir})
	waitFor(t, addr, "/readyz", 200, "store: ok")
	body := waitFor(t, addr, "/readyz", 200, "scheduler: ok")
	t.Logf("ready:\n%s", body)
	if _, m := get(addr, "/metrics"); !strings.Contains(m, "newsbot_store_size_bytes ") || !strings.Contains(m, "newsbot_feed_polls_total") {
		t.Fatalf("/metrics lacks the bot's metrics:\n%.2000s", m)
	}

	db := filepath.Join(dir, "news.db")
	hidden := db + ".away"
	// Unreadable: as root a mode of 000 does not stop reads, so the file is
	// moved away instead (what a lost volume looks like).
	unreadable, restore := func() {
		if err := os.Chmod(db, 0); err != nil {
			t.Fatal(err)
		}
	}, func() {
		if err := os.Chmod(db, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if os.Geteuid() == 0 {
		unreadable, restore = func() {
			if err := os.Rename(db, hidden); err != nil {
				t.Fatal(err)
			}
		}, func() {
			if err := os.Rename(hidden, db); err != nil {
				t.Fatal(err)
			}
		}
	}
	unreadable()
	body = waitFor(t, addr, "/readyz", 503, "store: not ready")
	t.Logf("outage:\n%s", body)
	if code, _ := get(addr, "/healthz"); code != 200 {
		t.Errorf("/healthz %d during a store outage; the process is up", code)
	}
	var out, errb strings.Builder
	if code := run(context.Background(), []string{"bot", "healthcheck", "-ready"}, env(map[string]string{"HTTP_ADDR": addr}),
		strings.NewReader(""), &out, &errb); code != 1 || !strings.Contains(out.String(), "store: not ready") {
		t.Errorf("bot healthcheck -ready during the outage: exit %d\n%s%s", code, out.String(), errb.String())
	}
	restore()
	waitFor(t, addr, "/readyz", 200, "store: ok")
	out.Reset()
	if code := run(context.Background(), []string{"bot", "healthcheck"}, env(map[string]string{"HTTP_ADDR": addr}),
		strings.NewReader(""), &out, &errb); code != 0 {
		t.Errorf("bot healthcheck: exit %d\n%s%s", code, out.String(), errb.String())
	}
	if strings.Contains(logs.String(), "level=ERROR") {
		t.Logf("logs:\n%s", logs.String())
	}
}

// TestReadinessPostgresOutage: the store's connections are terminated and
// new ones refused; /readyz says the store is not ready, and ready again
// once the server takes connections, without a restart.
func TestReadinessPostgresOutage(t *testing.T) {
	base := pgtest.ServerURL(t)
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "newsbot_ready_" + hex.EncodeToString(b)
	admin := func(sql string) {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := pgtest.Exec(ctx, base, sql); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	admin("CREATE DATABASE " + name)
	t.Cleanup(func() { admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)") })
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name

	addr, _ := startHeadless(t, map[string]string{"DATA_DIR": t.TempDir(), "DATABASE_URL": u.String()})
	waitFor(t, addr, "/readyz", 200, "store: ok")

	admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false")
	admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'")
	body := waitFor(t, addr, "/readyz", 503, "store: not ready")
	t.Logf("outage:\n%s", body)
	admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true")
	waitFor(t, addr, "/readyz", 200, "store: ok")
}
