package scheduler_test

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/adapters/sqlite"
	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/scheduler"
	"github.com/newsdigest/bot/internal/scheduler/schedulertest"
)

// openSQLite opens the same database file n times, as n processes would.
func openSQLite(t *testing.T, n int) []*sqlite.Store {
	t.Helper()
	path := filepath.Join(t.TempDir(), "bot.db")
	var stores []*sqlite.Store
	for range n {
		st, err := sqlite.Open(context.Background(), path, nil)
		if err != nil {
			t.Fatalf("open sqlite: %v", err)
		}
		t.Cleanup(func() { st.Close() })
		stores = append(stores, st)
	}
	return stores
}

// TestTwoSchedulersOneSQLiteFile runs two Schedulers, each with its own
// connection to one SQLite file, checking at the same instants in
// parallel: every run is posted once.
func TestTwoSchedulersOneSQLiteFile(t *testing.T) {
	ctx := context.Background()
	clk := schedulertest.NewClock(utc("2026-03-09T22:00:00Z"))
	stores := openSQLite(t, 2)
	pub := &schedulertest.Publisher{Clock: clk}
	for _, tz := range []string{"UTC", "Asia/Tokyo", "America/Mexico_City"} {
		s := sched(tz, 8, 0)
		s.ID, s.CreatedAt = 0, clk.Now()
		if err := stores[0].PutSchedule(ctx, &s); err != nil {
			t.Fatal(err)
		}
	}
	compose := func(_ context.Context, s digest.Schedule, _, now time.Time) (digest.Reply, []digest.DeliveredStory, error) {
		return digest.Reply{Kind: digest.ReplyDaily, Topics: s.Topics}, []digest.DeliveredStory{{StoryID: s.ID, At: now}}, nil
	}
	var ss []*scheduler.Scheduler
	for i, owner := range []string{"a", "b"} {
		ss = append(ss, scheduler.New(scheduler.Config{Owner: owner}, stores[i], compose,
			map[string]digest.Publisher{"slack": pub}, clk, nil))
	}
	for end := utc("2026-03-10T15:00:00Z"); !clk.Now().After(end); clk.Advance(time.Minute) {
		var wg sync.WaitGroup
		for _, s := range ss {
			wg.Go(func() {
				if err := s.RunDue(ctx); err != nil {
					t.Errorf("RunDue: %v", err)
				}
			})
		}
		wg.Wait()
	}
	var keys []string
	for _, p := range pub.Posts() {
		keys = append(keys, p.Key)
	}
	slices.Sort(keys)
	if want := []string{"sched-1-2026-03-10", "sched-2-2026-03-10", "sched-3-2026-03-10"}; !slices.Equal(keys, want) {
		t.Errorf("posts %v, want %v", keys, want)
	}
	if n := len(pub.Keys()); n != 3 {
		t.Errorf("%d publish calls, want 3", n)
	}
	list, err := stores[1].ListSchedules(ctx, digest.Channel{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range list {
		done, attempts, err := stores[1].RunState(ctx, s.ID, "2026-03-10")
		if err != nil || !done || attempts != 1 || s.LastDate != "2026-03-10" {
			t.Errorf("schedule %d: done %v attempts %d LastDate %q err %v; want done once", s.ID, done, attempts, s.LastDate, err)
		}
	}
}

// TestSQLiteFailureThenRetry: a failed post is visible as LastError in the
// real store, then retried once and cleared.
func TestSQLiteFailureThenRetry(t *testing.T) {
	ctx := context.Background()
	clk := schedulertest.NewClock(utc("2026-03-10T07:59:00Z"))
	st := openSQLite(t, 1)[0]
	s := sched("UTC", 8, 0)
	s.ID, s.CreatedAt = 0, clk.Now()
	if err := st.PutSchedule(ctx, &s); err != nil {
		t.Fatal(err)
	}
	pub := &schedulertest.Publisher{Clock: clk, Func: func(_ context.Context, n int, _ digest.Channel, _ digest.Reply, _ string) error {
		if n == 1 {
			return errors.New("slack: channel_not_found")
		}
		return nil
	}}
	compose := func(context.Context, digest.Schedule, time.Time, time.Time) (digest.Reply, []digest.DeliveredStory, error) {
		return digest.Reply{Kind: digest.ReplyDaily}, nil, nil
	}
	sc := scheduler.New(scheduler.Config{Owner: "a"}, st, compose, map[string]digest.Publisher{"slack": pub}, clk, nil)
	step := func() {
		if err := sc.RunDue(ctx); err != nil {
			t.Fatal(err)
		}
		clk.Advance(time.Minute)
	}
	step() // 07:59
	step() // 08:00 fails
	got, err := st.Schedule(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.LastError != "could not post the digest: slack: channel_not_found" {
		t.Errorf("LastError = %q", got.LastError)
	}
	for range 10 {
		step()
	}
	got, _ = st.Schedule(ctx, s.ID)
	if got.LastError != "" || got.LastDate != "2026-03-10" || len(pub.Posts()) != 1 {
		t.Errorf("after retry LastError %q LastDate %q posts %d; want delivered once", got.LastError, got.LastDate, len(pub.Posts()))
	}
	if done, attempts, _ := st.RunState(ctx, s.ID, "2026-03-10"); !done || attempts != 2 {
		t.Errorf("RunState = %v, %d; want done after 2 attempts", done, attempts)
	}
}
