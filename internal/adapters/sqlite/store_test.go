package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/storetest"
)

// openTemp opens a store on a fresh file in t's temp directory.
func openTemp(t testing.TB) *Store {
	t.Helper()
	return openPath(t, filepath.Join(t.TempDir(), "data", "bot.db"))
}

// openPath opens the store at path, closed when t ends.
func openPath(t testing.TB, path string) *Store {
	t.Helper()
	s, err := Open(context.Background(), path, nil)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) digest.Store { return openTemp(t) })
}

func TestConformanceInMemory(t *testing.T) {
	storetest.Run(t, func(t *testing.T) digest.Store {
		s, err := Open(context.Background(), ":memory:", nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

func TestOpenSetsPragmas(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	for _, c := range []struct {
		name, pragma, want string
		reader             bool
	}{
		{"wal writer", "journal_mode", "wal", false},
		{"wal reader", "journal_mode", "wal", true},
		{"foreign keys", "foreign_keys", "1", false},
		{"foreign keys reader", "foreign_keys", "1", true},
		{"synchronous normal", "synchronous", "1", false},
		{"busy timeout", "busy_timeout", "10000", false},
		{"busy timeout reader", "busy_timeout", "10000", true},
		{"reader query only", "query_only", "1", true},
		{"checkpoint backstop", "wal_autocheckpoint", strconv.Itoa(backstopPages), false},
		{"log size limit", "journal_size_limit", strconv.Itoa(journalSizeLimit), false},
	} {
		t.Run(c.name, func(t *testing.T) {
			db := s.w
			if c.reader {
				db = s.r
			}
			var got string
			if err := db.QueryRowContext(ctx, "PRAGMA "+c.pragma).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if strings.ToLower(got) != c.want {
				t.Errorf("PRAGMA %s = %q, want %q", c.pragma, got, c.want)
			}
		})
	}
}

func TestMigrationsRecordedAndIdempotent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bot.db")
	ctx := context.Background()
	for i := range 2 {
		s, err := Open(ctx, path, nil)
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		var n, max int
		if err := s.r.QueryRowContext(ctx, `SELECT count(*), max(version) FROM schema_migrations`).Scan(&n, &max); err != nil {
			t.Fatal(err)
		}
		ms, err := loadMigrations()
		if err != nil {
			t.Fatal(err)
		}
		if n != len(ms) || max != ms[len(ms)-1].Version {
			t.Errorf("open %d: %d migrations recorded up to %d, want %d up to %d", i, n, max, len(ms), ms[len(ms)-1].Version)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

func TestMigrateRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bot.db")
	ctx := context.Background()
	s, err := Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.w.ExecContext(ctx, `INSERT INTO schema_migrations VALUES (9999, '9999_future.sql', 0)`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err := Open(ctx, path, nil); err == nil {
		s.Close()
		t.Fatal("Open accepted a schema newer than the program")
	}
}

// TestConcurrentOpen starts several stores on one new file at once, as
// several processes would: migrations must run exactly once and every open
// must succeed.
func TestConcurrentOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bot.db")
	ms, _ := loadMigrations()
	storetest.ConcurrentOpen(t, 6,
		func() (*Store, error) { return Open(context.Background(), path, nil) },
		func(s *Store) (int, error) {
			var n int
			err := s.r.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&n)
			return n, err
		},
		len(ms))
}

// TestClaimRunAcrossStores claims one run from two Stores on the same file
// (two processes' worth of connections): exactly one of 16 callers wins.
func TestClaimRunAcrossStores(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bot.db")
	ctx := context.Background()
	a, err := Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	storetest.ClaimRunAcrossStores(t, a, b)
}

// TestScheduleLimitAcrossStores adds 100 schedules to one channel at once
// through two Stores on one file: the channel ends with the limit.
func TestScheduleLimitAcrossStores(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bot.db")
	a, b := openPath(t, path), openPath(t, path)
	storetest.ScheduleLimitAcrossStores(t, a, b)
}

// TestFirstUseAcrossStores checks the replay guard on two Stores of one
// file.
func TestFirstUseAcrossStores(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bot.db")
	storetest.FirstUseAcrossStores(t, openPath(t, path), openPath(t, path))
}

func TestTranslate(t *testing.T) {
	s := openTemp(t)
	storetest.Translate(t, s, func(ctx context.Context, query string) error {
		_, err := s.w.ExecContext(ctx, query)
		return err
	}, translate)
}

// TestSearchRankWindow pins the cost bound of SearchArticles: with more
// matches than the window only the newest are ranked, yet an older article
// holding every query word is still found.
func TestSearchRankWindow(t *testing.T) {
	s := openTemp(t)
	s.rankWindow, s.allWindow = 3, 2
	ctx := context.Background()
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	put := func(n int, title, body string) digest.Article {
		a := digest.Article{URL: fmt.Sprintf("https://x.example/%d", n), Title: title, Body: body,
			Published: base.Add(time.Duration(n) * time.Hour)}
		if err := s.PutArticle(ctx, &a); err != nil {
			t.Fatal(err)
		}
		return a
	}
	both := put(0, "Harbour pier collapse", "The harbour pier fell.")
	var recent []int64
	for i := 1; i <= 8; i++ {
		recent = append(recent, put(i, fmt.Sprintf("Harbour news %d", i), "Boats in the harbour.").ID)
	}
	ids := func(text string, since time.Time) []int64 {
		hits, err := s.SearchArticles(ctx, digest.SearchQuery{Text: text, Since: since})
		if err != nil {
			t.Fatal(err)
		}
		var out []int64
		for _, h := range hits {
			out = append(out, h.Article.ID)
		}
		slices.Sort(out)
		return out
	}
	if got, want := ids("harbour", time.Time{}), recent[5:]; !slices.Equal(got, want) {
		t.Errorf("one common word: %v, want the 3 newest %v", got, want)
	}
	got := ids("harbour pier", time.Time{})
	if !slices.Contains(got, both.ID) {
		t.Errorf("two words: %v lacks the older article holding both", got)
	}
	if len(got) != 4 {
		t.Errorf("two words: %d hits, want 3 newest + 1 with both words", len(got))
	}
	// A publication window turns into an id range: the old article is
	// ranked although newer matches fill the window.
	if got := ids("harbour", base.Add(-time.Hour)); len(got) != 3 {
		t.Errorf("since before all: %v", got)
	}
	hits, err := s.SearchArticles(ctx, digest.SearchQuery{Text: "harbour", Since: base, Until: base.Add(2 * time.Hour)})
	if err != nil || len(hits) != 2 || hits[0].Article.ID != both.ID && hits[1].Article.ID != both.ID {
		t.Errorf("window [0h, 2h): %d hits, %v", len(hits), err)
	}
	if got := ids("harbour", base.Add(100*time.Hour)); len(got) != 0 {
		t.Errorf("empty window: %v", got)
	}
}

func TestIDWindow(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	// Stored out of publication order: ids 1..4 published at hours 3, 1, 2, 0.
	for i, h := range []int{3, 1, 2, 0} {
		a := digest.Article{URL: fmt.Sprintf("https://x.example/%d", i), Title: "t", Published: base.Add(time.Duration(h) * time.Hour)}
		if err := s.PutArticle(ctx, &a); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name         string
		since, until time.Duration
		lo, hi       int64
	}{
		{"all", 0, 0, 1, 4},
		{"from hour 1", time.Hour, 0, 1, 3},
		{"hours 1-2", time.Hour, 3 * time.Hour, 2, 3},
		{"hour 0 only", 0, time.Hour, 4, 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			until := time.Time{}
			if tc.until != 0 {
				until = base.Add(tc.until)
			}
			lo, hi, ok, err := s.idWindow(ctx, base.Add(tc.since), until)
			if err != nil || !ok || lo != tc.lo || hi != tc.hi {
				t.Errorf("idWindow = %d, %d, %v, %v; want %d, %d", lo, hi, ok, err, tc.lo, tc.hi)
			}
		})
	}
	lo, hi, ok, err := s.idWindow(ctx, base.Add(10*time.Hour), time.Time{})
	if err != nil || !ok || lo <= hi {
		t.Errorf("empty window: %d, %d, %v, %v; want lo > hi", lo, hi, ok, err)
	}
}

// TestSearchFilterAfterRanking checks the filters SearchArticles applies
// to ranked rows when the best ranked rows fail them beyond the first
// batch (limit + postSlack): the excluded story and articles stored inside
// the window's id range but published outside the window.
func TestSearchFilterAfterRanking(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, ":memory:", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	base := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	put := func(i int, title string, published time.Time, story int64) digest.Article {
		a := digest.Article{URL: fmt.Sprintf("https://example.com/%d", i), Title: title,
			Body: "Some words about the weather.", Published: published, StoryID: story}
		if err := s.PutArticle(ctx, &a); err != nil {
			t.Fatal(err)
		}
		return a
	}
	// Strong matches: one story, and articles published a year later,
	// all stored between the weak matches' ids.
	weak := []int64{put(0, "Drought report", base, 0).ID}
	story := put(1, "Drought drought drought", base, 0).StoryID
	for i := range 2 * postSlack {
		put(100+i, "Drought drought drought", base, story)
		put(200+i, "Drought drought drought", base.AddDate(1, 0, 0), 0)
	}
	weak = append(weak, put(2, "Drought report", base, 0).ID)

	tests := []struct {
		name string
		q    digest.SearchQuery
		want []int64
	}{
		{"exclude story", digest.SearchQuery{Text: "drought", ExcludeStory: story, Since: base, Until: base.Add(time.Hour), Limit: 2}, weak},
		{"window", digest.SearchQuery{Text: "drought", Since: base.Add(-time.Hour), Until: base.Add(time.Hour), ExcludeStory: story, Limit: 5}, weak},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, err := s.SearchArticles(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			var got []int64
			for _, h := range hits {
				got = append(got, h.Article.ID)
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("got ids %v, want %v", got, tt.want)
			}
		})
	}
}
