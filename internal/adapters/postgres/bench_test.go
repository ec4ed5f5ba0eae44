package postgres

import (
	"context"
	"math"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/storetest"
)

// The benchmarks mirror those of internal/adapters/sqlite on the same
// generated corpus (storetest.NewCorpus(42, n)), so the two stores can be
// compared side by side. The corpus size comes from
// NEWSBOT_BENCH_ARTICLES (default 5,000, quick). The figure in the README
// uses 100,000:
//
//	go test -c -o /tmp/postgres.test ./internal/adapters/postgres
//	NEWSBOT_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test?sslmode=disable \
//	NEWSBOT_BENCH_ARTICLES=100000 NEWSBOT_BENCH_PG_SCHEMA=newsbot_bench_c1_100000 \
//	    /tmp/postgres.test -test.run '^$' -test.bench BenchmarkStore -test.benchtime 2000x
//
// NEWSBOT_BENCH_PG_SCHEMA keeps the corpus in that schema between runs
// (created when missing, never dropped; it must be empty or hold at least
// the corpus: name it after storetest.CorpusVersion and the size); without it each run builds the corpus in a temporary schema.
//
// The store runs with one connection, so that the CPU time of each
// operation can be read for both sides: the benchmark's thread and the
// server backend serving it (from /proc/<pid>/schedstat, same machine).

const defaultBenchArticles = 5000

func benchArticles(b *testing.B) int {
	v := os.Getenv("NEWSBOT_BENCH_ARTICLES")
	if v == "" {
		return defaultBenchArticles
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		b.Fatalf("NEWSBOT_BENCH_ARTICLES=%q: want a positive integer", v)
	}
	return n
}

// cpuClock reads the CPU time of the benchmark's OS thread plus that of the
// server backend serving the store's only connection.
type cpuClock struct{ backend int }

func (c cpuClock) now() time.Duration { return threadCPU() + processCPU(c.backend) }

// latencies records per-operation wall and CPU times and reports
// percentiles. Wall time is what a user waits; CPU time (client thread and
// server backend) is the cost without the waits of a busy shared machine.
type latencies struct {
	clock     cpuClock
	wall, cpu []time.Duration
	t0wall    time.Time
	t0cpu     time.Duration
}

func newLatencies(clock cpuClock) *latencies {
	runtime.LockOSThread() // for threadCPU; released in report
	return &latencies{clock: clock}
}

func (l *latencies) start() { l.t0wall, l.t0cpu = time.Now(), l.clock.now() }

func (l *latencies) stop() {
	l.wall = append(l.wall, time.Since(l.t0wall))
	l.cpu = append(l.cpu, l.clock.now()-l.t0cpu)
}

func (l *latencies) n() int { return len(l.wall) }

func (l *latencies) report(b *testing.B) {
	defer runtime.UnlockOSThread()
	if len(l.wall) == 0 {
		return
	}
	pct := func(d []time.Duration, p float64) float64 {
		s := slices.Clone(d)
		slices.Sort(s)
		return float64(s[int(math.Ceil(p*float64(len(s))))-1]) / float64(time.Millisecond)
	}
	b.ReportMetric(pct(l.wall, 0.50), "p50_ms")
	b.ReportMetric(pct(l.wall, 0.95), "p95_ms")
	b.ReportMetric(pct(l.cpu, 0.95), "p95_cpu_ms")
}

// benchURL returns the benchmark database URL: a temporary schema, or the
// schema named by NEWSBOT_BENCH_PG_SCHEMA, kept between runs so that a
// large corpus is built once.
func benchURL(b *testing.B) string {
	schema := os.Getenv("NEWSBOT_BENCH_PG_SCHEMA")
	if schema == "" {
		return newSchema(b)
	}
	base := serverURL(b)
	if err := admin(context.Background(), base, `CREATE SCHEMA IF NOT EXISTS `+pgIdent(schema)); err != nil {
		b.Fatal(err)
	}
	return withSearchPath(b, base, schema)
}

// benchStore opens a store on u with a single connection (plus the given
// runtime parameters) and returns it with the CPU clock of its backend.
func benchStore(b *testing.B, u string, params ...string) (*Store, cpuClock) {
	for _, p := range append([]string{"pool_max_conns=1"}, params...) {
		if strings.Contains(u, "://") {
			u += "&" + p
		} else {
			u += " " + p
		}
	}
	s := openAt(b, u)
	var pid int
	if err := s.pool.QueryRow(context.Background(), `SELECT pg_backend_pid()`).Scan(&pid); err != nil {
		b.Fatal(err)
	}
	return s, cpuClock{backend: pid}
}

// pgIdent quotes a schema name for SQL.
func pgIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// BenchmarkStore builds a corpus of NEWSBOT_BENCH_ARTICLES articles through
// PutArticle (reporting the ingest rate), then measures searches on it and
// further ingestion.
func BenchmarkStore(b *testing.B) {
	ctx := context.Background()
	n := benchArticles(b)
	c := storetest.NewCorpus(42, n)
	u := benchURL(b)
	// The corpus is built without waiting for each commit's WAL flush
	// (synchronous_commit=off, like SQLite's synchronous=NORMAL in WAL
	// mode); PutArticle below measures the store's default, durable commits.
	s, clock := benchStore(b, u, "synchronous_commit=off")
	have, err := s.CountArticles(ctx)
	if err != nil {
		b.Fatal(err)
	}

	runtime.LockOSThread()
	began, beganCPU := time.Now(), clock.now()
	var stats storetest.LoadStats
	switch {
	case have == 0:
		var err error
		if stats, err = c.Load(ctx, s); err != nil {
			b.Fatal(err)
		}
	default:
		if _, err := c.LastStored(ctx, s); err != nil {
			b.Fatalf("the benchmark store does not hold the corpus (start from an empty one): %v", err)
		}
	}
	took, cpu := time.Since(began), clock.now()-beganCPU
	runtime.UnlockOSThread()
	if _, err := s.pool.Exec(ctx, `VACUUM ANALYZE articles, quotes`); err != nil {
		b.Fatal(err)
	}
	if have < n {
		b.Run("BuildCorpus", func(b *testing.B) {
			for b.Loop() { // reports the build above, once
			}
			b.ReportMetric(float64(n-have), "articles")
			b.ReportMetric(float64(stats.Quotes), "quotes")
			b.ReportMetric(took.Seconds(), "wall_s")
			b.ReportMetric(float64(n-have)/took.Seconds(), "articles/s")
			b.ReportMetric(float64(n-have)/cpu.Seconds(), "articles/cpu_s")
		})
	}

	b.Run("SearchArticles", func(b *testing.B) {
		b.ReportAllocs()
		lat := newLatencies(clock)
		hits := 0
		for i := 0; b.Loop(); i++ {
			lat.start()
			res, err := s.SearchArticles(ctx, digest.SearchQuery{Text: c.Query(i), Limit: 20})
			lat.stop()
			if err != nil {
				b.Fatal(err)
			}
			hits += len(res)
		}
		lat.report(b)
		b.ReportMetric(float64(hits)/float64(lat.n()), "hits/op")
	})
	b.Run("SearchArticlesRecent", func(b *testing.B) {
		b.ReportAllocs()
		lat := newLatencies(clock)
		since := c.Article(n * 9 / 10).Published
		for i := 0; b.Loop(); i++ {
			lat.start()
			_, err := s.SearchArticles(ctx, digest.SearchQuery{Text: c.Query(i), Since: since, Limit: 20})
			lat.stop()
			if err != nil {
				b.Fatal(err)
			}
		}
		lat.report(b)
	})
	b.Run("SearchQuotes", func(b *testing.B) {
		b.ReportAllocs()
		lat := newLatencies(clock)
		hits := 0
		for i := 0; b.Loop(); i++ {
			lat.start()
			res, err := s.SearchQuotes(ctx, c.QuoteQuery(i))
			lat.stop()
			if err != nil {
				b.Fatal(err)
			}
			hits += len(res)
		}
		lat.report(b)
		b.ReportMetric(float64(hits)/float64(lat.n()), "hits/op")
	})
	next := max(n, have)
	b.Run("PutArticleAsyncCommit", func(b *testing.B) {
		b.ReportAllocs()
		lat := newLatencies(clock)
		start := time.Now()
		for b.Loop() {
			a := c.Article(next)
			next++
			lat.start()
			if err := s.PutArticle(ctx, &a); err != nil {
				b.Fatal(err)
			}
			lat.stop()
		}
		b.ReportMetric(float64(lat.n())/time.Since(start).Seconds(), "articles/s")
		lat.report(b)
	})
	s, clock = benchStore(b, u)
	b.Run("PutArticle", func(b *testing.B) {
		b.ReportAllocs()
		lat := newLatencies(clock)
		start := time.Now()
		for b.Loop() {
			a := c.Article(next)
			next++
			lat.start()
			if err := s.PutArticle(ctx, &a); err != nil {
				b.Fatal(err)
			}
			lat.stop()
		}
		b.ReportMetric(float64(lat.n())/time.Since(start).Seconds(), "articles/s")
		lat.report(b)
	})
}
