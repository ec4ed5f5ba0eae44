package sqlite

import (
	"context"
	"math"
	"os"
	"runtime"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/storetest"
)

// Benchmarks run on the generated corpus storetest.NewCorpus(42, n), the
// one the PostgreSQL benchmarks use too, whose size n comes from
// NEWSBOT_BENCH_ARTICLES (default 5,000, quick); NEWSBOT_BENCH_DB names a
// file to keep the corpus in between runs (empty or holding at least the
// corpus). The figures in the report use
// 100,000 articles on a fresh file:
//
//	go test -c -o /tmp/sqlite.test ./internal/adapters/sqlite
//	cd internal/adapters/sqlite && NEWSBOT_BENCH_ARTICLES=100000 /usr/bin/time -v \
//	    /tmp/sqlite.test -test.run '^$' -test.bench BenchmarkStore -test.benchtime 1000x

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

// latencies records per-operation wall and thread-CPU times and reports
// percentiles. Wall time is what a user waits; CPU time is the same cost
// without the waits of a busy shared machine.
type latencies struct {
	wall, cpu     []time.Duration
	t0wall, t0cpu time.Time
	startCPU      time.Duration
}

func newLatencies() *latencies {
	runtime.LockOSThread() // for threadCPU; released in report
	return &latencies{}
}

func (l *latencies) start() { l.t0wall, l.startCPU = time.Now(), threadCPU() }

func (l *latencies) stop() {
	l.wall = append(l.wall, time.Since(l.t0wall))
	l.cpu = append(l.cpu, threadCPU()-l.startCPU)
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

// benchStore opens the benchmark store: a temporary file, or the file named
// by NEWSBOT_BENCH_DB, kept between runs so that a large corpus is built
// once (the file must hold only corpus articles). It returns how many
// articles the store already holds.
func benchStore(b *testing.B, n int) (*Store, int) {
	path := os.Getenv("NEWSBOT_BENCH_DB")
	if path == "" {
		return openTemp(b), 0
	}
	s, err := Open(context.Background(), path, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	have, err := s.CountArticles(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	return s, have
}

// BenchmarkStore builds a corpus of NEWSBOT_BENCH_ARTICLES articles through
// PutArticle (logging the ingest rate), then measures searches on it and
// further ingestion.
func BenchmarkStore(b *testing.B) {
	ctx := context.Background()
	n := benchArticles(b)
	c := storetest.NewCorpus(42, n)
	s, have := benchStore(b, n)

	runtime.LockOSThread()
	began, beganCPU := time.Now(), threadCPU()
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
	took, cpu := time.Since(began), threadCPU()-beganCPU
	runtime.UnlockOSThread()
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
		lat := newLatencies()
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
		lat := newLatencies()
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
		lat := newLatencies()
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
	b.Run("PutArticle", func(b *testing.B) {
		b.ReportAllocs()
		lat := newLatencies()
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
