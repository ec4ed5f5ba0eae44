package storetest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/digest"
)

// ClaimRunAcrossStores checks that two Stores opened on the same database
// (two processes' worth of connections) let exactly one of 16 concurrent
// callers claim each day's run of one schedule, and that the claim counts
// as one attempt.
func ClaimRunAcrossStores(t *testing.T, a, b digest.Store) {
	t.Helper()
	ctx := context.Background()
	sc := digest.Schedule{Platform: "slack", ChannelID: "C1", Topics: []string{"x"}, TimeZone: "UTC", MaxStories: 3}
	if err := a.PutSchedule(ctx, &sc); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2025, 3, 14, 8, 0, 0, 0, time.UTC)
	for day := range 5 {
		date := fmt.Sprintf("2025-03-%02d", 10+day)
		if got := raceClaimRun(t, sc.ID, date, now, a, b); len(got) != 1 {
			t.Errorf("%s: %d winners, want 1", date, len(got))
		}
		if done, attempts, err := a.RunState(ctx, sc.ID, date); err != nil || done || attempts != 1 {
			t.Errorf("%s: RunState = %v, %d, %v; want open, 1 attempt", date, done, attempts, err)
		}
	}
}

// FirstUser is implemented by stores that record served request keys (the
// Slack adapter's replay guard).
type FirstUser interface {
	FirstUse(ctx context.Context, key string, now, expires time.Time) (bool, error)
}

// FirstUseAcrossStores checks FirstUse on two stores of one database (two
// processes): of 20 concurrent claims of one key exactly one is first, a
// key is refused until it expires and new again after, and keys are
// independent.
func FirstUseAcrossStores(t *testing.T, a, b FirstUser) {
	t.Helper()
	ctx := context.Background()
	now := time.Date(2025, 3, 14, 8, 0, 0, 0, time.UTC)
	exp := now.Add(10 * time.Minute)
	results := make(chan bool, 20)
	errs := make(chan error, 20)
	for i := range 20 {
		st := a
		if i%2 == 1 {
			st = b
		}
		go func() {
			ok, err := st.FirstUse(ctx, "sig-1", now, exp)
			results <- ok
			errs <- err
		}()
	}
	first := 0
	for range 20 {
		if <-results {
			first++
		}
		if err := <-errs; err != nil {
			t.Fatalf("FirstUse: %v", err)
		}
	}
	if first != 1 {
		t.Errorf("%d of 20 concurrent claims were first, want 1", first)
	}
	steps := []struct {
		name  string
		st    FirstUser
		key   string
		at    time.Time
		first bool
	}{
		{"replay before expiry", b, "sig-1", exp.Add(-time.Second), false},
		{"another key", a, "sig-2", now, true},
		{"at expiry", a, "sig-1", exp, true},
		{"renewed key", b, "sig-1", exp.Add(time.Minute), false},
	}
	for _, s := range steps {
		ok, err := s.st.FirstUse(ctx, s.key, s.at, s.at.Add(10*time.Minute))
		if err != nil || ok != s.first {
			t.Errorf("%s: FirstUse = %v, %v; want %v", s.name, ok, err, s.first)
		}
	}
}

// Translate checks a store's translation of driver errors to digest's:
// no row to update is ErrNotFound, a unique violation ErrDuplicate, a
// foreign key violation ErrNotFound, and nil and unrelated errors pass
// through. exec runs a statement on s's database; translate is the
// store's.
func Translate(t *testing.T, s digest.Store, exec func(ctx context.Context, query string) error, translate func(error) error) {
	t.Helper()
	ctx := context.Background()
	if err := s.PutSchedule(ctx, &digest.Schedule{ID: 5, Platform: "x", ChannelID: "y", TimeZone: "UTC"}); !errors.Is(err, digest.ErrNotFound) {
		t.Errorf("no rows: %v", err)
	}
	err := exec(ctx, `INSERT INTO feeds (url) VALUES ('u'), ('u')`)
	if err == nil || !errors.Is(translate(err), digest.ErrDuplicate) {
		t.Errorf("unique violation: %v -> %v", err, translate(err))
	}
	err = exec(ctx, `INSERT INTO runs (schedule_id, local_date) VALUES (12345, '2025-01-01')`)
	if err == nil || !errors.Is(translate(err), digest.ErrNotFound) {
		t.Errorf("foreign key violation: %v -> %v", err, translate(err))
	}
	if translate(nil) != nil {
		t.Error("translate(nil) != nil")
	}
	other := errors.New("boom")
	if translate(other) != other {
		t.Error("translate changed an unrelated error")
	}
}

// ConcurrentOpen opens n stores on one new database at once, as n
// processes starting together would: every open must succeed and the
// migrations must run exactly once. migrationRows counts the rows of
// schema_migrations through a store; want is the number of migrations.
func ConcurrentOpen[S io.Closer](t *testing.T, n int, open func() (S, error), migrationRows func(S) (int, error), want int) {
	t.Helper()
	stores := make([]S, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { stores[i], errs[i] = open() })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("open %d: %v", i, err)
			continue
		}
		defer stores[i].Close()
	}
	if t.Failed() {
		return
	}
	count, err := migrationRows(stores[0])
	if err != nil {
		t.Fatal(err)
	}
	if count != want {
		t.Errorf("%d migration rows, want %d", count, want)
	}
}
