package scheduler_test

import (
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/scheduler"
	"github.com/newsdigest/bot/internal/scheduler/schedulertest"
)

type recordedRuns struct {
	mu       sync.Mutex
	outcomes []string
	lags     []time.Duration
}

func (r *recordedRuns) DigestRun(outcome string, lag time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.outcomes = append(r.outcomes, outcome)
	r.lags = append(r.lags, lag)
}

// TestMetricsCountOutcomes: a failed attempt, its retry a minute later, and
// a run found already posted on the platform are each reported once, with
// how late they ended.
func TestMetricsCountOutcomes(t *testing.T) {
	h := newHarness(t, utc("2026-03-10T08:00:00Z"))
	rec := &recordedRuns{}
	h.cfg.Metrics = rec
	h.composeErr = func(n int) error {
		if n == 1 {
			return errors.New("store down")
		}
		return nil
	}
	h.add(sched("UTC", 8, 0))
	h.run(utc("2026-03-10T08:05:00Z"), 10*time.Second, h.scheduler("a"))
	if want := []string{scheduler.RunFailed, scheduler.RunPosted}; !slices.Equal(rec.outcomes, want) {
		t.Fatalf("outcomes %v, want %v", rec.outcomes, want)
	}
	if rec.lags[0] != 0 || rec.lags[1] < time.Minute || rec.lags[1] > 2*time.Minute {
		t.Errorf("lags %v: want 0, then the retry's minute", rec.lags)
	}

	h2 := newHarness(t, utc("2026-03-10T08:00:00Z"))
	rec2 := &recordedRuns{}
	h2.cfg.Metrics = rec2
	h2.finder = &schedulertest.Finder{Publisher: h2.pub}
	h2.st.BeforeComplete = func(_ int64, _, owner string) error {
		if owner == "crashed" {
			return errors.New("process killed")
		}
		return nil
	}
	h2.add(sched("UTC", 8, 0))
	h2.run(h2.clk.Now(), 0, h2.scheduler("crashed"))
	h2.run(utc("2026-03-10T09:00:00Z"), time.Second, h2.scheduler("survivor"))
	if want := []string{scheduler.RunPosted, scheduler.RunAlreadyPosted}; !slices.Equal(rec2.outcomes, want) {
		t.Fatalf("outcomes %v, want %v", rec2.outcomes, want)
	}
}
