package postgres

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/digest/text"
	"github.com/newsdigest/bot/internal/storetest"
	"github.com/newsdigest/bot/internal/testutil/pgtest"
)

// newSchema creates an empty schema on the test server, dropped (with
// everything in it) when tb ends, and returns a URL whose connections use
// it (pgtest.Schema).
func newSchema(tb testing.TB) string {
	tb.Helper()
	return pgtest.Schema(tb, pgtest.ServerURL(tb), "newsbot_test_")
}

// openAt opens a Store on u, closed when tb ends (before its schema is
// dropped: cleanups run last registered first).
func openAt(tb testing.TB, u string) *Store {
	tb.Helper()
	s, err := Open(context.Background(), u, nil)
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return s
}

// openTest opens a Store on a fresh schema.
func openTest(tb testing.TB) *Store {
	tb.Helper()
	return openAt(tb, newSchema(tb))
}

func TestConformance(t *testing.T) {
	pgtest.ServerURL(t) // skip (or fail in CI) once, not in every case
	storetest.Run(t, func(t *testing.T) digest.Store { return openTest(t) })
}

func TestMigrationsRecordedAndIdempotent(t *testing.T) {
	u := newSchema(t)
	ctx := context.Background()
	ms, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		s, err := Open(ctx, u, nil)
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		var n, last int
		if err := s.pool.QueryRow(ctx, `SELECT count(*), max(version) FROM schema_migrations`).Scan(&n, &last); err != nil {
			t.Fatal(err)
		}
		if n != len(ms) || last != ms[len(ms)-1].Version {
			t.Errorf("open %d: %d migrations recorded up to %d, want %d up to %d", i, n, last, len(ms), ms[len(ms)-1].Version)
		}
		s.Close()
	}
}

func TestMigrateRefusesNewerSchema(t *testing.T) {
	u := newSchema(t)
	ctx := context.Background()
	s := openAt(t, u)
	if _, err := s.pool.Exec(ctx, `INSERT INTO schema_migrations (version, name) VALUES (9999, '9999_future.sql')`); err != nil {
		t.Fatal(err)
	}
	s2, err := Open(ctx, u, nil)
	if err == nil {
		s2.Close()
		t.Fatal("Open accepted a schema newer than the program")
	}
	if !strings.Contains(err.Error(), "newer") {
		t.Errorf("error = %v, want it to say the schema is newer", err)
	}
}

func TestOpenRefusesMissingSchema(t *testing.T) {
	u := pgtest.WithSearchPath(t, pgtest.ServerURL(t), "newsbot_test_no_such_schema")
	if s, err := Open(context.Background(), u, nil); err == nil {
		s.Close()
		t.Fatal("Open succeeded with a search_path naming no schema")
	}
}

// TestConcurrentOpen opens several stores on one new schema at once, as
// several processes starting together would: the advisory lock must make
// the migrations run exactly once and every open succeed.
func TestConcurrentOpen(t *testing.T) {
	u := newSchema(t)
	ms, _ := loadMigrations()
	storetest.ConcurrentOpen(t, 6,
		func() (*Store, error) { return Open(context.Background(), u, nil) },
		func(s *Store) (int, error) {
			var n int
			err := s.pool.QueryRow(context.Background(), `SELECT count(*) FROM schema_migrations`).Scan(&n)
			return n, err
		},
		len(ms))
}

// TestClaimRunAcrossStores claims one run from two Stores (two processes'
// worth of pools) on the same schema: exactly one of 16 callers wins.
func TestClaimRunAcrossStores(t *testing.T) {
	u := newSchema(t)
	storetest.ClaimRunAcrossStores(t, openAt(t, u), openAt(t, u))
}

// TestScheduleLimitAcrossStores adds 100 schedules to one channel at once
// through two Stores (two processes) on one schema: the channel ends with
// the limit.
func TestScheduleLimitAcrossStores(t *testing.T) {
	u := newSchema(t)
	storetest.ScheduleLimitAcrossStores(t, openAt(t, u), openAt(t, u))
}

// TestFirstUseAcrossStores checks the replay guard on two Stores of one
// schema.
func TestFirstUseAcrossStores(t *testing.T) {
	u := newSchema(t)
	storetest.FirstUseAcrossStores(t, openAt(t, u), openAt(t, u))
}

func TestTranslate(t *testing.T) {
	s := openTest(t)
	storetest.Translate(t, s, func(ctx context.Context, query string) error {
		_, err := s.pool.Exec(ctx, query)
		return err
	}, translate)
}

func TestOpenHidesPassword(t *testing.T) {
	const secret = "s3cr3t-Pa55"
	tests := []struct {
		name string
		url  string
	}{
		{"unreachable server", "postgres://bot:" + secret + "@127.0.0.1:1/news?sslmode=disable&connect_timeout=2"},
		{"bad port", "postgres://bot:" + secret + "@127.0.0.1:notaport/news"},
		{"bad escape", "postgres://bot:" + secret + "%zz@127.0.0.1/news"},
		{"dsn unreachable", "host=127.0.0.1 port=1 user=bot password=" + secret + " dbname=news connect_timeout=2"},
		{"bad pool setting", "postgres://bot:" + secret + "@127.0.0.1/news?pool_max_conns=lots"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			s, err := Open(ctx, tc.url, nil)
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded")
			}
			if strings.Contains(err.Error(), "s3cr3t") {
				t.Errorf("error shows the password: %v", err)
			}
			for e := err; e != nil; e = errors.Unwrap(e) {
				if strings.Contains(e.Error(), "s3cr3t") {
					t.Errorf("a wrapped error shows the password: %v", e)
				}
			}
		})
	}
}

func TestRedact(t *testing.T) {
	tests := []struct {
		name, msg, secret, want string
	}{
		{"plain", "auth failed for pw hunter2", "hunter2", "auth failed for pw xxxxx"},
		{"escaped", "url postgres://u:p%40ss@h", "p@ss", "url postgres://u:xxxxx@h"},
		{"absent", "connection refused", "hunter2", "connection refused"},
		{"no secret", "connection refused", "", "connection refused"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			orig := errors.New(tc.msg)
			got := redact(orig, tc.secret)
			if got.Error() != tc.want {
				t.Errorf("redact = %q, want %q", got.Error(), tc.want)
			}
			if tc.msg == tc.want && got != orig {
				t.Error("an error without the secret was replaced")
			}
		})
	}
	if redact(nil, "x") != nil {
		t.Error("redact(nil) != nil")
	}
}

// TestFold checks the accent folding the indexes and queries share.
func TestFold(t *testing.T) {
	s := openTest(t)
	tests := []struct{ in, want string }{
		{"México", "mexico"},
		{"MÉXICO", "mexico"},
		{"Pérez Núñez", "perez nunez"},
		{"Łódź Kraków", "lodz krakow"},
		{"São Paulo, Curaçao", "sao paulo, curacao"},
		{"Ærø Straße", "æro straße"}, // æ and ß have no one-letter equivalent
		{"İstanbul şehir", "istanbul sehir"},
		{"plain ascii 123", "plain ascii 123"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			var got string
			if err := s.pool.QueryRow(context.Background(), `SELECT newsbot_fold($1)`, tc.in).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("newsbot_fold(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestSearchFoldsLatinDiacritics(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	a := digest.Article{URL: "https://news.example/lodz", Title: "Łódź and Kraków vote", Body: "Polls closed in Gdańsk."}
	if err := s.PutArticle(ctx, &a); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"lodz", "KRAKOW", "gdansk", "Łódź"} {
		hits, err := s.SearchArticles(ctx, digest.SearchQuery{Text: q})
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != 1 || hits[0].Article.ID != a.ID {
			t.Errorf("search %q: %d hits, want the article", q, len(hits))
		}
	}
}

func TestPutArticleRefusesNUL(t *testing.T) {
	s := openTest(t)
	a := digest.Article{URL: "https://news.example/nul", Title: "x", Body: "a\x00b"}
	if err := s.PutArticle(context.Background(), &a); err == nil {
		t.Error("a body with a NUL byte was stored")
	}
	if a.ID != 0 {
		t.Errorf("refused article got ID %d", a.ID)
	}
}

func TestMarkDeliveredRepeatedStory(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	ch := digest.Channel{Platform: "slack", Workspace: "T", ChannelID: "C"}
	at := time.Date(2025, 3, 14, 9, 0, 0, 0, time.UTC)
	if err := s.MarkDelivered(ctx, ch, []digest.DeliveredStory{
		{StoryID: 1, Fingerprint: 1, At: at}, {StoryID: 2, Fingerprint: 2, At: at}, {StoryID: 1, Fingerprint: 3, At: at.Add(time.Hour)},
	}); err != nil {
		t.Fatal(err)
	}
	got, err := s.DeliveredStories(ctx, ch, []int64{1, 2})
	if err != nil {
		t.Fatal(err)
	}
	if d := got[1]; d.Fingerprint != 3 || !d.At.Equal(at.Add(time.Hour)) {
		t.Errorf("story 1 = %+v, want the last entry", d)
	}
	if len(got) != 2 {
		t.Errorf("got %d stories, want 2", len(got))
	}
}

func TestTerms(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"words", "Mexico City", []string{"mexico", "city"}},
		{"stop words dropped", "what did the minister say about tariffs?", []string{"minister", "tariffs"}},
		{"only stop words kept", "the and of", []string{"the", "and", "of"}},
		{"tsquery syntax", `a & b | !c <-> d:* (f)`, []string{"b", "c", "d", "f"}},
		{"duplicates", "Mexico mexico MEXICO", []string{"mexico"}},
		{"accents kept", "México Pérez", []string{"méxico", "pérez"}},
		{"nul and invalid utf-8", "mexico\x00city \xff\xfe", []string{"mexico", "city"}},
		{"digits", "covid19 2025", []string{"covid19", "2025"}},
		{"empty", "", nil},
		{"punctuation only", `"" () * :`, nil},
		{"capped", strings.Repeat("x ", 1) + "a1 a2 a3 a4 a5 a6 a7 a8 a9 a10 a11 a12 a13", []string{"x", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10", "a11"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := terms(tc.in)
			if len(got) == 0 && len(tc.want) == 0 {
				return
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("terms(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestTsqueryExpr(t *testing.T) {
	var args []any
	args = append(args, "first")
	got := tsqueryExpr("english", []string{"a", "b"}, &args)
	want := "(plainto_tsquery('english', newsbot_fold($2)) || plainto_tsquery('english', newsbot_fold($3)))"
	if got != want {
		t.Errorf("tsqueryExpr = %s\nwant          %s", got, want)
	}
	if !slices.Equal(args, []any{"first", "a", "b"}) {
		t.Errorf("args = %v", args)
	}
	if got := tsqueryExpr("english", nil, &args); got != "" || len(args) != 3 {
		t.Errorf("no words: %q, %d args", got, len(args))
	}
}

// FuzzTerms checks that whatever a user types, the words that reach SQL
// are valid UTF-8 without NUL bytes or tsquery syntax, lower case, unique,
// and at most text.MaxQueryTerms.
func FuzzTerms(f *testing.F) {
	for _, s := range []string{"mexico", `"unbalanced (syntax NEAR/3 AND *`, "a & b | !c <-> d:*", "mexico\x00city", "\xff\xfe mexico", "México Pérez"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, input string) {
		ws := terms(input)
		if len(ws) > text.MaxQueryTerms {
			t.Fatalf("%d terms", len(ws))
		}
		seen := make(map[string]bool)
		for _, w := range ws {
			if w == "" || !utf8.ValidString(w) || strings.ContainsAny(w, "\x00&|!<>:*()'\" \t\n\\") {
				t.Fatalf("unsafe word %q from %q", w, input)
			}
			if seen[w] {
				t.Fatalf("duplicate word %q", w)
			}
			seen[w] = true
		}
	})
}

// FuzzSearch runs fuzzed text through both searches on a live server; any
// error is a failure. Its seed corpus runs as a normal test.
func FuzzSearch(f *testing.F) {
	s := openTest(f)
	ctx := context.Background()
	a := digest.Article{URL: "https://news.example/1", Title: "Mexico City marathon", Body: `"We ran," the mayor said.`,
		Quotes: []digest.Quote{{Text: "We ran", Speaker: "the mayor", Cue: "said", Start: 1, End: 7}}}
	if err := s.PutArticle(ctx, &a); err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{"mexico", `"(* NEAR`, "a & b | !c <-> d:*", "'; DROP TABLE articles; --", "mexico\x00city", "\xff"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if _, err := s.SearchArticles(ctx, digest.SearchQuery{Text: text}); err != nil {
			t.Fatalf("SearchArticles(%q): %v", text, err)
		}
		if _, err := s.SearchQuotes(ctx, digest.QuoteQuery{Text: text, Speaker: text}); err != nil {
			t.Fatalf("SearchQuotes(%q): %v", text, err)
		}
	})
}

func TestOpenSetsCustomPlans(t *testing.T) {
	u := newSchema(t)
	tests := []struct {
		name, url, want string
	}{
		{"default", u, "force_custom_plan"},
		{"the URL wins", u + map[bool]string{true: "&", false: " "}[strings.Contains(u, "://")] + "plan_cache_mode=auto", "auto"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := openAt(t, tc.url)
			var got string
			if err := s.pool.QueryRow(context.Background(), `SHOW plan_cache_mode`).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("plan_cache_mode = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestPutArticleDiskFull checks that the server's disk_full (53100) comes
// out of PutArticle as digest.ErrNoSpace, which stops `bot ingest` at the
// first failed write; data_corrupted as digest.ErrCorrupt.
func TestPutArticleDiskFull(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	for _, c := range []struct {
		code string
		want error
	}{{"disk_full", digest.ErrNoSpace}, {"data_corrupted", digest.ErrCorrupt}} {
		if _, err := s.pool.Exec(ctx, `CREATE OR REPLACE FUNCTION newsbot_test_fail() RETURNS trigger LANGUAGE plpgsql AS
			$$ BEGIN RAISE EXCEPTION 'simulated' USING ERRCODE = '`+c.code+`'; END $$;
			CREATE OR REPLACE TRIGGER newsbot_test_fail BEFORE INSERT ON articles FOR EACH ROW EXECUTE FUNCTION newsbot_test_fail()`); err != nil {
			t.Fatal(err)
		}
		a := digest.Article{URL: "https://full.example/" + c.code, Title: "Full", Body: "No room.", Source: "x", Published: time.Now()}
		if err := s.PutArticle(ctx, &a); !errors.Is(err, c.want) {
			t.Errorf("%s: PutArticle = %v, want %v", c.code, err, c.want)
		}
	}
}
