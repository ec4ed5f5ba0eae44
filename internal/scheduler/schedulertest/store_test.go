package schedulertest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/digest"
)

// TestClaimSemantics pins the fake's ClaimRun to the contract of
// digest.ScheduleStore (and to the SQLite store's behaviour).
func TestClaimSemantics(t *testing.T) {
	ctx := context.Background()
	st := NewStore()
	s := digest.Schedule{Platform: "slack", ChannelID: "C1", TimeZone: "UTC", Hour: 8}
	if err := st.PutSchedule(ctx, &s); err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2026, 3, 10, 8, 0, 0, 0, time.UTC)
	lease := 2 * time.Minute
	const day = "2026-03-10"
	steps := []struct {
		name     string
		do       func() (bool, error)
		want     bool
		wantErr  error
		attempts int
	}{
		{"a claims", func() (bool, error) { return st.ClaimRun(ctx, s.ID, day, "a", t0, t0.Add(lease)) }, true, nil, 1},
		{"b is refused while a's lease holds", func() (bool, error) { return st.ClaimRun(ctx, s.ID, day, "b", t0.Add(lease), t0.Add(2*lease)) }, false, nil, 1},
		{"a renews", func() (bool, error) {
			return st.ClaimRun(ctx, s.ID, day, "a", t0.Add(time.Minute), t0.Add(3*time.Minute))
		}, true, nil, 1},
		{"b takes over after expiry", func() (bool, error) {
			return st.ClaimRun(ctx, s.ID, day, "b", t0.Add(3*time.Minute+time.Second), t0.Add(5*time.Minute))
		}, true, nil, 2},
		{"a may no longer complete", func() (bool, error) {
			return false, st.CompleteRun(ctx, s.ID, day, "a", t0.Add(4*time.Minute))
		}, false, digest.ErrForbidden, 2},
		{"b fails it", func() (bool, error) {
			return false, st.FailRun(ctx, s.ID, day, "b", "boom", t0.Add(4*time.Minute))
		}, false, nil, 2},
		{"a claims the released run at once", func() (bool, error) {
			return st.ClaimRun(ctx, s.ID, day, "a", t0.Add(4*time.Minute), t0.Add(6*time.Minute))
		}, true, nil, 3},
		{"a completes", func() (bool, error) { return false, st.CompleteRun(ctx, s.ID, day, "a", t0.Add(5*time.Minute)) }, false, nil, 3},
		{"nobody claims a completed run", func() (bool, error) { return st.ClaimRun(ctx, s.ID, day, "c", t0.Add(time.Hour), t0.Add(2*time.Hour)) }, false, nil, 3},
		{"unknown schedule", func() (bool, error) { return st.ClaimRun(ctx, 99, day, "a", t0, t0.Add(lease)) }, false, digest.ErrNotFound, 3},
	}
	for _, step := range steps {
		got, err := step.do()
		if got != step.want || !errors.Is(err, step.wantErr) {
			t.Fatalf("%s: got %v, %v; want %v, %v", step.name, got, err, step.want, step.wantErr)
		}
		if _, attempts, _ := st.RunState(ctx, s.ID, day); attempts != step.attempts {
			t.Fatalf("%s: %d attempts, want %d", step.name, attempts, step.attempts)
		}
	}
	got, _ := st.Schedule(ctx, s.ID)
	if got.LastDate != day || !got.LastDelivery.Equal(t0.Add(5*time.Minute)) || got.LastError != "" {
		t.Errorf("state %q %s %q, want delivered %s with no error", got.LastDate, got.LastDelivery, got.LastError, day)
	}
}

func TestClockFiresInOrder(t *testing.T) {
	t0 := time.Date(2026, 3, 10, 8, 0, 0, 0, time.UTC)
	c := NewClock(t0)
	late, early := c.After(2*time.Minute), c.After(time.Minute)
	c.Advance(30 * time.Second)
	select {
	case <-early:
		t.Fatal("fired early")
	default:
	}
	c.Advance(time.Minute)
	if got := <-early; !got.Equal(t0.Add(90 * time.Second)) {
		t.Errorf("early fired with %s", got)
	}
	if c.Pending() != 1 {
		t.Errorf("%d pending, want 1", c.Pending())
	}
	c.Advance(time.Minute)
	<-late
	if now := <-c.After(0); !now.Equal(t0.Add(150 * time.Second)) {
		t.Errorf("After(0) = %s", now)
	}
}
