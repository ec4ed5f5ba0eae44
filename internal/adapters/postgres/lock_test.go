package postgres

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/samples"
)

// TestIngestLockAcrossStores checks that LockIngest excludes other stores
// (processes) on the same schema, not those on another schema, and that a
// store that goes away releases it.
func TestIngestLockAcrossStores(t *testing.T) {
	u := newSchema(t)
	a, b, other := openAt(t, u), openAt(t, u), openTest(t)
	ctx := context.Background()
	unlock, err := a.LockIngest(ctx)
	if err != nil {
		t.Fatal(err)
	}
	short, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancel()
	if u2, err := b.LockIngest(short); err == nil {
		u2()
		t.Fatal("a second store on the schema took the ingest lock while the first held it")
	}
	if u3, err := other.LockIngest(ctx); err != nil {
		t.Errorf("a store on another schema waited for the lock: %v", err)
	} else {
		u3()
	}
	unlock()
	u2, err := b.LockIngest(ctx)
	if err != nil {
		t.Fatalf("lock after unlock: %v", err)
	}
	// b's session ends while it holds the lock (a crashed process): a may
	// lock again.
	if err := b.lock.conn.Close(ctx); err != nil {
		t.Fatal(err)
	}
	defer u2() // b's unlock then finds its connection gone, and says so
	again, cancel2 := context.WithTimeout(ctx, 10*time.Second)
	defer cancel2()
	u4, err := a.LockIngest(again)
	if err != nil {
		t.Fatalf("lock after the holder's connection closed: %v", err)
	}
	u4()
}

// slowLookup stalls every story-candidate lookup, so that concurrent
// ingests would all look before any of them stores.
type slowLookup struct{ *Store }

func (s slowLookup) StoryTermMatches(ctx context.Context, terms []string, since, until time.Time, perTerm int) ([][]int64, error) {
	time.Sleep(50 * time.Millisecond)
	return s.Store.StoryTermMatches(ctx, terms, since, until, perTerm)
}

// waterDealReports returns the two sample reports, dated at now, of one
// story (the water deal).
func waterDealReports(t *testing.T, now time.Time) []digest.Article {
	t.Helper()
	arts, err := samples.Articles(now)
	if err != nil {
		t.Fatal(err)
	}
	var reports []digest.Article
	for _, a := range arts {
		if strings.Contains(a.URL, "mexico-water-plan") || strings.Contains(a.URL, "water-deal-north") {
			reports = append(reports, a)
		}
	}
	if len(reports) != 2 {
		t.Fatalf("found %d water-deal reports among the samples, want 2", len(reports))
	}
	return reports
}

// TestConcurrentIngestAcrossProcesses checks that two reports of one story
// ingested at the same moment by two processes (two stores, two
// Services) end in one story.
func TestConcurrentIngestAcrossProcesses(t *testing.T) {
	u := newSchema(t)
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	clock := digest.ClockFunc(func() time.Time { return now })
	reports := waterDealReports(t, now)
	got := make([]digest.Article, 2)
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for i, a := range reports {
		svc := digest.NewService(slowLookup{openAt(t, u)}, nil, clock, nil, digest.Config{})
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i], errs[i] = svc.Ingest(context.Background(), a)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if got[0].StoryID != got[1].StoryID {
		t.Errorf("reports ingested at once by two processes got stories %d and %d", got[0].StoryID, got[1].StoryID)
	}
}

// killLockConn ends the session of s's ingest-lock connection from
// another connection (pg_terminate_backend, as an administrator or a
// restarted proxy would) and waits until the server has ended it.
func killLockConn(t *testing.T, s *Store) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	pid := int32(s.lock.pid.Load())
	if pid == 0 {
		t.Fatal("no lock connection to kill")
	}
	if _, err := s.pool.Exec(ctx, `SELECT pg_terminate_backend($1)`, pid); err != nil {
		t.Fatal(err)
	}
	for {
		var alive bool
		if err := s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = $1)`, pid).Scan(&alive); err != nil {
			t.Fatal(err)
		}
		if !alive {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestIngestLockReconnects checks that a lock connection killed while
// idle is replaced: the next LockIngest (the next /news <url> or feed
// article) succeeds.
func TestIngestLockReconnects(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	unlock, err := s.LockIngest(ctx)
	if err != nil {
		t.Fatal(err)
	}
	unlock()
	killLockConn(t, s)
	unlock, err = s.LockIngest(ctx)
	if err != nil {
		t.Fatalf("LockIngest after its connection was killed: %v", err)
	}
	unlock()
}

// killDuringLookup kills the ingest-lock connection of its store after
// the first story-candidate lookup, then lets another process ingest
// meanwhile: the lookup's answer is stale when the article is stored.
type killDuringLookup struct {
	*Store
	t       *testing.T
	once    sync.Once
	between func()
}

func (s *killDuringLookup) StoryTermMatches(ctx context.Context, terms []string, since, until time.Time, perTerm int) ([][]int64, error) {
	m, err := s.Store.StoryTermMatches(ctx, terms, since, until, perTerm)
	s.once.Do(func() {
		killLockConn(s.t, s.Store)
		s.between()
	})
	return m, err
}

// TestIngestLockLostWhileHeld checks that when the lock connection dies
// while an article is being matched, and another process stores a report
// of the same story meanwhile, the article is matched again and joins that
// story instead of starting a second one, and is stored once.
func TestIngestLockLostWhileHeld(t *testing.T) {
	u := newSchema(t)
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	clock := digest.ClockFunc(func() time.Time { return now })
	reports := waterDealReports(t, now)
	ctx := context.Background()
	other := digest.NewService(openAt(t, u), nil, clock, nil, digest.Config{})
	var second digest.Article
	st := &killDuringLookup{Store: openAt(t, u), t: t, between: func() {
		var err error
		if second, err = other.Ingest(ctx, reports[1]); err != nil {
			t.Errorf("the other process's ingest: %v", err)
		}
	}}
	first, err := digest.NewService(st, nil, clock, nil, digest.Config{}).Ingest(ctx, reports[0])
	if err != nil {
		t.Fatalf("ingest with the lock lost midway: %v", err)
	}
	if first.StoryID != second.StoryID {
		t.Errorf("stories %d and %d: the article was stored under a lost lock without seeing the other report", first.StoryID, second.StoryID)
	}
	if n, err := st.CountArticles(ctx); err != nil || n != 2 {
		t.Errorf("%d articles stored, want 2 (%v)", n, err)
	}
}
