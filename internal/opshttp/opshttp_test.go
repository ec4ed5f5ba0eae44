package opshttp

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestReadyNamesFailingParts(t *testing.T) {
	var storeDown atomic.Bool
	s := &Server{
		Checks: []Check{
			{Name: "store", Check: func(context.Context) error {
				if storeDown.Load() {
					return errors.New("disk\ngone")
				}
				return nil
			}},
			{Name: "slack", Check: func(context.Context) error { return nil }},
			{Name: "slow", Check: func(ctx context.Context) error { <-ctx.Done(); return ctx.Err() }},
		},
		CheckTimeout: 50 * time.Millisecond,
		Metrics:      http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "m 1\n") }),
	}
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	get := func(path string) (int, string) {
		resp, err := srv.Client().Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	tests := []struct {
		name, path string
		down       bool
		code       int
		want       []string
	}{
		{"healthz", "/healthz", true, 200, []string{"ok"}},
		{"metrics", "/metrics", false, 200, []string{"m 1"}},
		{"one part down", "/readyz", true, 503, []string{"store: not ready: disk gone\n", "slack: ok\n", "slow: not ready: context deadline exceeded\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			storeDown.Store(tt.down)
			code, body := get(tt.path)
			if code != tt.code {
				t.Fatalf("%s: %d, want %d\n%s", tt.path, code, tt.code, body)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("%s lacks %q:\n%s", tt.path, w, body)
				}
			}
		})
	}
	s.Checks = s.Checks[:2]
	storeDown.Store(false)
	if code, body := get("/readyz"); code != 200 || body != "store: ok\nslack: ok\n" {
		t.Fatalf("all parts up: %d %q", code, body)
	}
}

func TestRunStopsWithContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	s := &Server{Addr: "127.0.0.1:0"}
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	time.Sleep(50 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
	if err := (&Server{Addr: "256.0.0.1:1"}).Run(context.Background()); err == nil {
		t.Fatal("listening on a bad address succeeded")
	}
}
