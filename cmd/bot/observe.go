package main

import (
	"context"
	"errors"
	"slices"
	"sync"
	"time"

	"github.com/newsdigest/bot/internal/adapters/console"
	"github.com/newsdigest/bot/internal/adapters/feeds"
	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/logattr"
	"github.com/newsdigest/bot/internal/metrics"
	"github.com/newsdigest/bot/internal/opshttp"
	"github.com/newsdigest/bot/internal/retention"
	"github.com/newsdigest/bot/internal/scheduler"
)

// ingestMetrics, feedMetrics and schedulerMetrics hand the metrics to the
// core, the poller and the scheduler: a nil interface (not a nil pointer)
// when there are none.
func (a *app) ingestMetrics() digest.IngestMetrics {
	if a.obs == nil {
		return nil
	}
	return a.obs
}

func (a *app) feedMetrics() feeds.Metrics {
	if a.obs == nil {
		return nil
	}
	return a.obs
}

func (a *app) schedulerMetrics() scheduler.Metrics {
	if a.obs == nil {
		return nil
	}
	return a.obs
}

// handler is what the platform adapters call: the Service, with each
// command's latency and error code counted, and commands still running at
// the shutdown cutoff answered with digest.ErrRestarting.
func (a *app) handler(svc *digest.Service) *frontDoor {
	return &frontDoor{Service: svc, m: a.obs, cutoff: a.cutoff}
}

// frontDoor wraps Handle; Topics and the rest come from the Service.
type frontDoor struct {
	*digest.Service
	m      *metrics.Metrics
	cutoff <-chan struct{} // closed when commands in flight must give up (nil: never)
}

func (h *frontDoor) Handle(ctx context.Context, cmd digest.Command) (digest.Reply, error) {
	start := time.Now()
	r, err := h.handle(ctx, cmd)
	if h.m != nil {
		name := cmd.Name
		if cmd.Sub != "" {
			name += " " + cmd.Sub
		}
		h.m.CommandDone(cmd.Platform, name, time.Since(start), err)
	}
	return r, err
}

// handle runs the command until it ends or the cutoff comes, whichever is
// first: at the cutoff its context is cancelled and the user is told the
// bot is restarting, while the adapter still has time to deliver that.
func (h *frontDoor) handle(ctx context.Context, cmd digest.Command) (digest.Reply, error) {
	if h.cutoff == nil {
		return h.Service.Handle(ctx, cmd)
	}
	select {
	case <-h.cutoff:
		return digest.Reply{}, digest.ErrRestarting
	default:
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type result struct {
		r   digest.Reply
		err error
	}
	done := make(chan result, 1)
	go func() {
		r, err := h.Service.Handle(ctx, cmd)
		done <- result{r, err}
	}()
	select {
	case res := <-done:
		return res.r, res.err
	case <-h.cutoff:
		return digest.Reply{}, digest.ErrRestarting
	}
}

// drainReserve is the part of DRAIN_TIMEOUT kept for telling users whose
// commands were cut off that the bot is restarting: at most 2 s, at most a
// quarter of the drain.
func drainReserve(drain time.Duration) time.Duration { return min(2*time.Second, drain/4) }

// startCutoff returns a channel closed DRAIN_TIMEOUT minus the reserve
// after ctx ends (the shutdown signal), or when stop is called.
func startCutoff(ctx context.Context, drain time.Duration) (cutoff <-chan struct{}, stop func()) {
	c := make(chan struct{})
	quit := make(chan struct{})
	go func() {
		defer close(c)
		select {
		case <-ctx.Done():
		case <-quit:
			return
		}
		t := time.NewTimer(drain - drainReserve(drain))
		defer t.Stop()
		select {
		case <-t.C:
		case <-quit:
		}
	}()
	var once sync.Once
	return c, func() { once.Do(func() { close(quit) }) }
}

// parts knows which long-running loops are running, for readiness.
type parts struct {
	mu      sync.Mutex
	running map[string]bool
	stopped map[string]error
}

func newParts() *parts { return &parts{running: map[string]bool{}, stopped: map[string]error{}} }

func (p *parts) track(l loop) loop {
	run := l.run
	l.run = func(ctx context.Context) error {
		p.mu.Lock()
		p.running[l.name] = true
		p.mu.Unlock()
		err := run(ctx)
		p.mu.Lock()
		p.running[l.name] = false
		p.stopped[l.name] = err
		p.mu.Unlock()
		return err
	}
	return l
}

// check is the readiness check of the loop called name.
func (p *parts) check(name string) func(context.Context) error {
	return func(context.Context) error {
		p.mu.Lock()
		defer p.mu.Unlock()
		switch {
		case p.running[name]:
			return nil
		case p.stopped[name] != nil:
			return errors.New("stopped: " + p.stopped[name].Error())
		default:
			return errors.New("not running")
		}
	}
}

// connected is implemented by adapters that know whether their connection
// to the platform is up (Discord's gateway session).
type connected interface {
	Connected() bool
}

// storeHealth is implemented by both stores.
type storeHealth interface {
	Ping(ctx context.Context) error
	Size(ctx context.Context) (int64, error)
}

// withOps adds the retention loop (RETENTION), tracks the loops for
// readiness and, when HTTP_ADDR is set, adds the operators' listener:
// /healthz, /readyz (store, platform connections, feeds, scheduler) and
// /metrics.
func (a *app) withOps(loops []loop, st digest.Store, pubs map[string]digest.Publisher) []loop {
	if pr, ok := st.(digest.Pruner); ok && a.cfg.Retention > 0 {
		r := &retention.Runner{Store: pr, Keep: a.cfg.Retention, Log: a.log.With(logattr.KeySubsystem, "retention")}
		if a.obs != nil {
			r.Metrics = a.obs
		}
		loops = append(loops, loop{name: "retention", run: r.Run})
	}
	p := newParts()
	names := map[string]bool{}
	for i := range loops {
		loops[i] = p.track(loops[i])
		names[loops[i].name] = true
	}
	if a.cfg.HTTPAddr == "" {
		return loops
	}
	var checks []opshttp.Check
	if sh, ok := st.(storeHealth); ok {
		checks = append(checks, opshttp.Check{Name: "store", Check: sh.Ping})
		if a.obs != nil {
			a.obs.StoreSize(sh.Size, a.log)
		}
	}
	platforms := make([]string, 0, len(pubs))
	for name := range pubs {
		if name != console.Platform {
			platforms = append(platforms, name)
		}
	}
	slices.Sort(platforms)
	for _, name := range platforms {
		running := p.check(name)
		c, hasConn := pubs[name].(connected)
		checks = append(checks, opshttp.Check{Name: name, Check: func(ctx context.Context) error {
			if err := running(ctx); err != nil {
				return err
			}
			if hasConn && !c.Connected() {
				return errors.New("not connected")
			}
			return nil
		}})
	}
	for _, name := range []string{"feeds", "scheduler"} {
		if names[name] {
			checks = append(checks, opshttp.Check{Name: name, Check: p.check(name)})
		}
	}
	srv := &opshttp.Server{Addr: a.cfg.HTTPAddr, Checks: checks, Logger: a.log.With(logattr.KeySubsystem, "ops-http")}
	if a.obs != nil {
		srv.Metrics = a.obs.Handler()
	}
	return append(loops, loop{name: "ops-http", run: srv.Run})
}
