package jobs

import (
	"context"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/testutil/logbuf"
)

func newRunner(t *testing.T, cfg Config) (*Runner, *logbuf.Buffer) {
	t.Helper()
	var logs logbuf.Buffer
	r := New(cfg, slog.New(slog.NewTextHandler(&logs, nil)))
	t.Cleanup(func() { r.Shutdown() })
	return r, &logs
}

func TestPanicRecoveredAndLogged(t *testing.T) {
	r, logs := newRunner(t, Config{MaxConcurrent: 1})
	if !r.Go("boom", func(context.Context) { panic("kaboom") }) {
		t.Fatal("Go refused the first job")
	}
	ran := make(chan struct{})
	if !r.Go("after", func(context.Context) { close(ran) }) {
		t.Fatal("Go refused the second job")
	}
	select {
	case <-ran: // the panic freed its slot and did not stop the runner
	case <-time.After(5 * time.Second):
		t.Fatal("the job after a panic never ran")
	}
	if !r.Do("sync boom", func(context.Context) { panic("again") }) {
		t.Fatal("Do refused")
	}
	if !r.Shutdown() {
		t.Fatal("Shutdown gave up")
	}
	out := logs.String()
	for _, want := range []string{"job=boom", "panic=kaboom", `job="sync boom"`, "panic=again", "stack="} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
}

func TestBoundRespected(t *testing.T) {
	const limit, jobs = 3, 12
	r, _ := newRunner(t, Config{MaxConcurrent: limit, MaxPending: jobs})
	var running, most atomic.Int64
	release := make(chan struct{})
	started := make(chan struct{}, jobs)
	for i := range jobs {
		ok := r.Go("job", func(context.Context) {
			n := running.Add(1)
			for {
				m := most.Load()
				if n <= m || most.CompareAndSwap(m, n) {
					break
				}
			}
			started <- struct{}{}
			<-release
			running.Add(-1)
		})
		if !ok {
			t.Fatalf("job %d refused under MaxPending", i)
		}
	}
	for range limit {
		<-started
	}
	if r.Go("one too many", func(context.Context) {}) {
		t.Error("Go accepted a job over MaxPending")
	}
	if got := r.Pending(); got != jobs {
		t.Errorf("Pending = %d, want %d", got, jobs)
	}
	close(release)
	if !r.Shutdown() {
		t.Fatal("Shutdown gave up")
	}
	if got := most.Load(); got != limit {
		t.Errorf("at most %d jobs ran at once, want %d", got, limit)
	}
}

func TestShutdownDrainsAcceptedWork(t *testing.T) {
	r, _ := newRunner(t, Config{MaxConcurrent: 1, DrainTimeout: 10 * time.Second})
	release := make(chan struct{})
	var finished atomic.Int64
	for range 2 { // one running, one waiting for the slot
		r.Go("slow", func(ctx context.Context) {
			<-release
			if ctx.Err() == nil {
				finished.Add(1)
			}
		})
	}
	returned := make(chan bool)
	go func() { returned <- r.Shutdown() }()
	select {
	case <-returned:
		t.Fatal("Shutdown returned while jobs were running")
	case <-time.After(100 * time.Millisecond):
	}
	close(release)
	if ok := <-returned; !ok {
		t.Error("Shutdown reported jobs left")
	}
	if got := finished.Load(); got != 2 {
		t.Errorf("%d jobs finished with a live context, want 2", got)
	}
}

func TestShutdownCancelsAfterDeadline(t *testing.T) {
	r, logs := newRunner(t, Config{DrainTimeout: 50 * time.Millisecond, CancelGrace: 5 * time.Second})
	cancelled := make(chan struct{})
	r.Go("stuck", func(ctx context.Context) {
		<-ctx.Done()
		close(cancelled)
	})
	start := time.Now()
	if !r.Shutdown() {
		t.Fatal("Shutdown gave up on a job that honoured cancellation")
	}
	<-cancelled
	if d := time.Since(start); d > 4*time.Second {
		t.Errorf("Shutdown took %v", d)
	}
	if !strings.Contains(logs.String(), "cancelling") {
		t.Errorf("no warning logged:\n%s", logs)
	}
}

func TestShutdownGivesUpOnJobsIgnoringCancellation(t *testing.T) {
	r, logs := newRunner(t, Config{DrainTimeout: 10 * time.Millisecond, CancelGrace: 10 * time.Millisecond})
	release := make(chan struct{})
	defer close(release)
	r.Go("deaf", func(context.Context) { <-release })
	if r.Shutdown() {
		t.Error("Shutdown reported a clean stop")
	}
	if !strings.Contains(logs.String(), "giving up") {
		t.Errorf("no error logged:\n%s", logs)
	}
}

func TestWorkAfterShutdownRefused(t *testing.T) {
	r, _ := newRunner(t, Config{})
	r.Shutdown()
	var ran atomic.Bool
	if r.Go("late", func(context.Context) { ran.Store(true) }) {
		t.Error("Go accepted work after Shutdown")
	}
	if r.Do("late", func(context.Context) { ran.Store(true) }) {
		t.Error("Do accepted work after Shutdown")
	}
	time.Sleep(10 * time.Millisecond)
	if ran.Load() {
		t.Error("refused work ran")
	}
}

func TestTimeoutBoundsAJob(t *testing.T) {
	r, _ := newRunner(t, Config{Timeout: 20 * time.Millisecond})
	got := make(chan error, 1)
	r.Go("slow", func(ctx context.Context) {
		<-ctx.Done()
		got <- ctx.Err()
	})
	select {
	case err := <-got:
		if err != context.DeadlineExceeded {
			t.Errorf("ctx.Err() = %v, want deadline exceeded", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the job's context never ended")
	}
}
