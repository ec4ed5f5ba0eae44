// Package opshttp is the operators' HTTP listener: /healthz (the process
// answers), /readyz (every part the bot needs is working: 503 naming the
// parts that are not) and /metrics. It knows nothing of the parts it
// checks: the caller gives it named checks. It serves no user data and no
// secret; keep it on loopback or a private network all the same.
package opshttp

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/newsdigest/bot/internal/logattr"
)

// Check is one part of readiness: Check returns nil when the part works.
type Check struct {
	Name  string
	Check func(ctx context.Context) error
}

// Server serves the operators' endpoints.
type Server struct {
	// Addr is the listen address, e.g. "127.0.0.1:9090".
	Addr string
	// Checks decide readiness; they run concurrently on each /readyz.
	Checks []Check
	// Metrics serves /metrics (nil: 404).
	Metrics http.Handler
	// CheckTimeout bounds each check (default 2 s).
	CheckTimeout time.Duration
	// Logger receives start, stop and serving errors (nil: discarded).
	Logger *slog.Logger
}

// Handler routes the endpoints.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("GET /readyz", s.serveReady)
	if s.Metrics != nil {
		mux.Handle("GET /metrics", s.Metrics)
	}
	return mux
}

// Ready runs every check and returns one line per part ("store: ok",
// "slack: not ready: …") and whether all passed.
func (s *Server) Ready(ctx context.Context) ([]string, bool) {
	timeout := s.CheckTimeout
	if timeout <= 0 {
		timeout = 2 * time.Second
	}
	lines := make([]string, len(s.Checks))
	oks := make([]bool, len(s.Checks))
	var wg sync.WaitGroup
	for i, c := range s.Checks {
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(ctx, timeout)
			defer cancel()
			if err := c.Check(ctx); err != nil {
				lines[i] = c.Name + ": not ready: " + oneLine(err.Error())
				return
			}
			lines[i], oks[i] = c.Name+": ok", true
		})
	}
	wg.Wait()
	all := true
	for _, ok := range oks {
		all = all && ok
	}
	return lines, all
}

func (s *Server) serveReady(w http.ResponseWriter, r *http.Request) {
	lines, ok := s.Ready(r.Context())
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if !ok {
		w.WriteHeader(http.StatusServiceUnavailable)
	}
	for _, l := range lines {
		fmt.Fprintln(w, l)
	}
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}

// Run listens on Addr and serves until ctx ends, then shuts down within a
// second. It returns an error when it cannot listen.
func (s *Server) Run(ctx context.Context) error {
	log := s.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	ln, err := net.Listen("tcp", s.Addr)
	if err != nil {
		return fmt.Errorf("operators' listener: %w", err)
	}
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 5 * time.Second, WriteTimeout: 30 * time.Second}
	log.InfoContext(ctx, "operators' listener started", slog.String(logattr.KeyAddr, ln.Addr().String()))
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("operators' listener: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("operators' listener: %w", err)
	}
	return nil
}
