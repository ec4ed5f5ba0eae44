package retention

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/digest"
)

type fakePruner struct {
	mu      sync.Mutex
	befores []time.Time
	err     error
}

func (f *fakePruner) Prune(_ context.Context, before time.Time, batch int) (digest.PruneStats, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.befores = append(f.befores, before)
	return digest.PruneStats{Articles: 3, Quotes: 5, Delivered: 1}, f.err
}

func (f *fakePruner) calls() []time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]time.Time(nil), f.befores...)
}

type counts map[string]int64

func (c counts) Pruned(kind string, n int64) { c[kind] += n }

func TestRunPrunesOnScheduleAndStops(t *testing.T) {
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	p := &fakePruner{err: errors.New("store busy")}
	c := counts{}
	r := &Runner{Store: p, Keep: 90 * 24 * time.Hour, FirstDelay: time.Millisecond, Interval: 20 * time.Millisecond,
		Now: func() time.Time { return now }, Metrics: c}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.Run(ctx) }()
	deadline := time.Now().Add(5 * time.Second)
	for len(p.calls()) < 3 {
		if time.Now().After(deadline) {
			t.Fatal("fewer than 3 prunes in 5 s")
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run = %v; a failed prune must not stop it", err)
	}
	for _, b := range p.calls() {
		if !b.Equal(now.Add(-90 * 24 * time.Hour)) {
			t.Fatalf("pruned before %v, want 90 days before now", b)
		}
	}
	if n := int64(len(p.calls())); c["articles"] != 3*n || c["quotes"] != 5*n || c["stories"] != n {
		t.Errorf("metrics %v after %d prunes", c, n)
	}
}
