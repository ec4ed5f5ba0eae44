// Package jobs runs the background work of the chat adapters: the answers
// to commands that outlive the request that acknowledged them.
//
// A Runner bounds how many jobs run at once and how many wait, recovers a
// job's panic and logs it, and on Shutdown refuses new jobs and waits for
// those accepted, up to a deadline after which it cancels their context
// and waits a little more. Once Shutdown has returned no job of the Runner
// is running (unless one ignored cancellation for the whole grace, which
// is logged), so the store the jobs use can be closed after it.
//
// It imports only the standard library, golang.org/x/sync and
// internal/logattr; it knows nothing of any platform.
package jobs

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"

	"golang.org/x/sync/semaphore"

	"github.com/newsdigest/bot/internal/logattr"
)

// Defaults of Config's zero fields.
const (
	DefaultMaxConcurrent = 16
	DefaultMaxPending    = 256
	DefaultDrainTimeout  = 20 * time.Second
	DefaultCancelGrace   = 5 * time.Second
)

// Config sets a Runner's bounds. Zero fields select the defaults above.
type Config struct {
	// MaxConcurrent bounds the jobs running at once; the others wait for
	// a slot in the order the scheduler gives them.
	MaxConcurrent int
	// MaxPending bounds the jobs accepted but not finished (running or
	// waiting); over it Go refuses work.
	MaxPending int
	// Timeout, when positive, bounds each job started with Go.
	Timeout time.Duration
	// DrainTimeout is how long Shutdown waits for accepted jobs before it
	// cancels their context.
	DrainTimeout time.Duration
	// CancelGrace is how long Shutdown waits after cancelling before it
	// gives up on jobs that ignore their context.
	CancelGrace time.Duration
}

func (c Config) withDefaults() Config {
	// cmp.Or takes the default for zero, max(…, 0) makes negatives zero.
	c.MaxConcurrent = cmp.Or(max(c.MaxConcurrent, 0), DefaultMaxConcurrent)
	c.MaxPending = cmp.Or(max(c.MaxPending, 0), DefaultMaxPending)
	c.DrainTimeout = cmp.Or(max(c.DrainTimeout, 0), DefaultDrainTimeout)
	c.CancelGrace = cmp.Or(max(c.CancelGrace, 0), DefaultCancelGrace)
	return c
}

// Runner runs jobs in the background. Its methods are safe for concurrent
// use. The zero value is not usable; create it with New.
type Runner struct {
	cfg    Config
	log    *slog.Logger
	slots  *semaphore.Weighted
	ctx    context.Context // parent of every job; cancelled by Shutdown after DrainTimeout
	cancel context.CancelFunc

	mu      sync.Mutex // guards closed, pending and wg.Add
	closed  bool
	pending int
	wg      sync.WaitGroup
}

// New returns a Runner with cfg's bounds that logs panics and shutdown
// problems to logger (nil: discard).
func New(cfg Config, logger *slog.Logger) *Runner {
	cfg = cfg.withDefaults()
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &Runner{
		cfg:    cfg,
		log:    logger,
		slots:  semaphore.NewWeighted(int64(cfg.MaxConcurrent)),
		ctx:    ctx,
		cancel: cancel,
	}
}

// Go starts fn in the background with a context that ends at Timeout or
// when Shutdown gives up waiting. It reports false, and does not run fn,
// when the Runner is shutting down or MaxPending jobs are already
// accepted. name labels the job in logs.
func (r *Runner) Go(name string, fn func(ctx context.Context)) bool {
	r.mu.Lock()
	if r.closed || r.pending >= r.cfg.MaxPending {
		r.mu.Unlock()
		return false
	}
	r.pending++
	r.wg.Add(1)
	r.mu.Unlock()
	go func() {
		defer r.done()
		if err := r.slots.Acquire(r.ctx, 1); err != nil {
			return // cancelled by Shutdown while waiting for a slot
		}
		defer r.slots.Release(1)
		ctx, cancel := r.ctx, context.CancelFunc(func() {})
		if r.cfg.Timeout > 0 {
			ctx, cancel = context.WithTimeout(ctx, r.cfg.Timeout)
		}
		defer cancel()
		r.call(ctx, name, fn)
	}()
	return true
}

// Do runs fn now, in the caller's goroutine, as work Shutdown waits for,
// with the Runner's context: for the short part of a request that must
// answer at once (an acknowledgement), which takes no slot and is not
// counted as pending. A panic in fn is recovered and logged. It reports
// false, and does not run fn, when the Runner is shutting down.
func (r *Runner) Do(name string, fn func(ctx context.Context)) bool {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return false
	}
	r.wg.Add(1)
	r.mu.Unlock()
	defer r.wg.Done()
	r.call(r.ctx, name, fn)
	return true
}

// Pending returns the number of jobs accepted by Go and not finished.
func (r *Runner) Pending() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.pending
}

func (r *Runner) done() {
	r.mu.Lock()
	r.pending--
	r.mu.Unlock()
	r.wg.Done()
}

// call runs fn, turning a panic into an error log.
func (r *Runner) call(ctx context.Context, name string, fn func(ctx context.Context)) {
	defer func() {
		if p := recover(); p != nil {
			r.log.ErrorContext(ctx, "job panicked", logattr.KeyJob, name,
				logattr.KeyPanic, fmt.Sprint(p), logattr.KeyStack, string(debug.Stack()))
		}
	}()
	fn(ctx)
}

// Shutdown refuses new work and waits for the work accepted: up to
// DrainTimeout, then it cancels the jobs' context and waits up to
// CancelGrace more. It reports whether every job ended. Calling it again
// waits again.
func (r *Runner) Shutdown() bool {
	r.mu.Lock()
	r.closed = true
	r.mu.Unlock()
	defer r.cancel()
	done := make(chan struct{})
	go func() { r.wg.Wait(); close(done) }()
	if closedWithin(done, r.cfg.DrainTimeout) {
		return true
	}
	r.log.Warn("jobs still running at shutdown; cancelling them", logattr.KeyCount, r.Pending())
	r.cancel()
	if closedWithin(done, r.cfg.CancelGrace) {
		return true
	}
	r.log.Error("jobs ignored cancellation; giving up on them", logattr.KeyCount, r.Pending())
	return false
}

// closedWithin reports whether done is closed within d.
func closedWithin(done <-chan struct{}, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-done:
		return true
	case <-t.C:
		return false
	}
}
