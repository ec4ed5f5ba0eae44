package storetest

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
)

// The benchmark suite: every store package runs the same benchmark bodies
// on the generated corpus (NewCorpus(BenchSeed, n)), so that the stores can
// be compared side by side. Each store package keeps only how its store is
// opened (and its corpus cached) and calls BenchStore and BenchServiceNews,
// BenchServiceQuote, BenchServiceIngest from its own BenchmarkXxx
// functions.
//
// Metrics, per operation: p50_ms and p95_ms of wall time (what a user
// waits), p95_cpu_ms of CPU time (the same cost without the waits of a busy
// shared machine; what BenchTarget.CPU counts), plus the counts each
// benchmark documents.

// BenchSeed is the seed of the benchmark corpus.
const BenchSeed = 42

// Default corpus sizes when NEWSBOT_BENCH_ARTICLES is unset: small, so that
// a plain -bench run is quick.
const (
	DefaultStoreArticles   = 5000
	DefaultServiceArticles = 2000
)

// BenchArticles returns the corpus size from NEWSBOT_BENCH_ARTICLES, or def
// when it is unset; it fails b when the variable is not a positive integer.
func BenchArticles(b testing.TB, def int) int {
	v := os.Getenv("NEWSBOT_BENCH_ARTICLES")
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		b.Fatalf("NEWSBOT_BENCH_ARTICLES=%q: want a positive integer", v)
	}
	return n
}

// BenchTarget is a store under benchmark.
type BenchTarget struct {
	// Store is the store measured.
	Store digest.Store
	// CPU returns the CPU time used so far by the calling OS thread plus
	// whatever serves the store out of process (a database backend); the
	// suite locks its goroutine to the thread while measuring. Nil means
	// ThreadCPU.
	CPU func() time.Duration
}

func (t BenchTarget) cpu() func() time.Duration {
	if t.CPU != nil {
		return t.CPU
	}
	return ThreadCPU
}

// latencies records per-operation wall and CPU times and reports
// percentiles.
type latencies struct {
	cpuNow    func() time.Duration
	wall, cpu []time.Duration
	t0wall    time.Time
	t0cpu     time.Duration
}

func newLatencies(cpu func() time.Duration) *latencies {
	runtime.LockOSThread() // for the thread CPU clock; released in report
	return &latencies{cpuNow: cpu}
}

func (l *latencies) start() { l.t0wall, l.t0cpu = time.Now(), l.cpuNow() }

func (l *latencies) stop() {
	l.wall = append(l.wall, time.Since(l.t0wall))
	l.cpu = append(l.cpu, l.cpuNow()-l.t0cpu)
}

func (l *latencies) n() int { return len(l.wall) }

func (l *latencies) total() time.Duration {
	var t time.Duration
	for _, d := range l.wall {
		t += d
	}
	return t
}

// totalCPU is the CPU time of all operations (see BenchTarget.CPU).
func (l *latencies) totalCPU() time.Duration {
	var t time.Duration
	for _, d := range l.cpu {
		t += d
	}
	return t
}

// report reports p50_ms, p95_ms and p95_cpu_ms and unlocks the thread.
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

// StoreBench describes a BenchStore run.
type StoreBench struct {
	// BenchTarget is the store the corpus is built in and searched; it
	// holds either no article or at least the corpus (Have articles).
	BenchTarget
	// Have is how many articles Store held when opened.
	Have int
	// Prepare, when not nil, runs after the corpus is built or checked and
	// before the searches (to refresh planner statistics, say).
	Prepare func(b *testing.B)
	// Puts are the stores PutArticle is measured on, in order, each in a
	// sub-benchmark named after it; they add articles to the corpus.
	Puts []PutBench
}

// PutBench is a store PutArticle is measured on.
type PutBench struct {
	Name string // sub-benchmark name, e.g. "PutArticle"
	BenchTarget
}

// BenchStore builds the corpus c in sb.Store through PutArticle (reported
// once by the sub-benchmark BuildCorpus: articles, quotes, wall_s,
// articles/s, articles/cpu_s) unless it holds it already, then measures
// the sub-benchmarks SearchArticles, SearchArticlesRecent, SearchQuotes
// (with hits/op) and each of sb.Puts (with articles/s).
func BenchStore(b *testing.B, c *Corpus, sb StoreBench) {
	ctx := context.Background()
	n, have, s := c.Size(), sb.Have, sb.Store
	cpuNow := sb.cpu()

	runtime.LockOSThread()
	began, beganCPU := time.Now(), cpuNow()
	var stats LoadStats
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
	took, cpu := time.Since(began), cpuNow()-beganCPU
	runtime.UnlockOSThread()
	if sb.Prepare != nil {
		sb.Prepare(b)
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

	since := c.Article(n * 9 / 10).Published
	b.Run("SearchArticles", func(b *testing.B) {
		benchSearch(b, cpuNow, true, func(i int) (int, error) {
			res, err := s.SearchArticles(ctx, digest.SearchQuery{Text: c.Query(i), Limit: 20})
			return len(res), err
		})
	})
	b.Run("SearchArticlesRecent", func(b *testing.B) {
		benchSearch(b, cpuNow, false, func(i int) (int, error) {
			res, err := s.SearchArticles(ctx, digest.SearchQuery{Text: c.Query(i), Since: since, Limit: 20})
			return len(res), err
		})
	})
	b.Run("SearchQuotes", func(b *testing.B) {
		benchSearch(b, cpuNow, true, func(i int) (int, error) {
			res, err := s.SearchQuotes(ctx, c.QuoteQuery(i))
			return len(res), err
		})
	})
	next := max(n, have)
	for _, p := range sb.Puts {
		b.Run(p.Name, func(b *testing.B) {
			b.ReportAllocs()
			lat := newLatencies(p.cpu())
			start := time.Now()
			for b.Loop() {
				a := c.Article(next)
				next++
				lat.start()
				if err := p.Store.PutArticle(ctx, &a); err != nil {
					b.Fatal(err)
				}
				lat.stop()
			}
			b.ReportMetric(float64(lat.n())/time.Since(start).Seconds(), "articles/s")
			lat.report(b)
		})
	}
}

// benchSearch measures search(i) for i = 0, 1, ..., which returns its
// number of hits, reporting hits/op when hitsPerOp is set.
func benchSearch(b *testing.B, cpuNow func() time.Duration, hitsPerOp bool, search func(i int) (int, error)) {
	b.ReportAllocs()
	lat := newLatencies(cpuNow)
	hits := 0
	for i := 0; b.Loop(); i++ {
		lat.start()
		h, err := search(i)
		lat.stop()
		if err != nil {
			b.Fatal(err)
		}
		hits += h
	}
	lat.report(b)
	if hitsPerOp {
		b.ReportMetric(float64(hits)/float64(lat.n()), "hits/op")
	}
}

// warmUp is how many queries the service benchmarks run unmeasured first,
// so that the first measured ones do not pay for a cold cache alone.
const warmUp = 50

// BenchServiceNews measures /news <topic> end to end on t, which holds the
// corpus c: search, story ranking, the article, its digest, the story's
// outlets and related headlines. Besides the latencies it reports
// digests/op, related/digest, outlets/digest, and the mean time per
// operation in the store's topic search (search_ms), related-stories
// search (related_search_ms), article and story loading (load_ms) and the
// rest (core_ms: ranking, the digest, relatedness of candidates).
func BenchServiceNews(b *testing.B, c *Corpus, t BenchTarget) {
	ctx := context.Background()
	ts := &timedStore{Store: t.Store}
	svc := digest.NewService(ts, nil, digest.ClockFunc(c.Now), nil, digest.Config{})
	for i := range warmUp {
		if _, err := svc.News(ctx, c.Query(1_000_000+i)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	lat := newLatencies(t.cpu())
	digests, related, outlets := 0, 0, 0
	*ts = timedStore{Store: t.Store}
	for i := 0; b.Loop(); i++ {
		q := c.Query(i)
		lat.start()
		r, err := svc.News(ctx, q)
		lat.stop()
		if err != nil {
			b.Fatalf("news %q: %v", q, err)
		}
		if r.Digest != nil {
			digests++
			related += len(r.Digest.Related)
			outlets += len(r.Digest.Outlets)
		}
	}
	lat.report(b)
	b.ReportMetric(float64(digests)/float64(lat.n()), "digests/op")
	b.ReportMetric(float64(related)/float64(max(digests, 1)), "related/digest")
	b.ReportMetric(float64(outlets)/float64(max(digests, 1)), "outlets/digest")
	ts.report(b, lat.total(), lat.n())
}

// timedStore adds up the time /news spends in each store call: the topic
// search, the related-stories search (the one excluding a story), and
// loading the article and its story.
type timedStore struct {
	digest.Store
	search, related, load time.Duration
}

func (t *timedStore) SearchArticles(ctx context.Context, q digest.SearchQuery) ([]digest.ArticleHit, error) {
	began := time.Now()
	hits, err := t.Store.SearchArticles(ctx, q)
	if q.ExcludeStory != 0 {
		t.related += time.Since(began)
	} else {
		t.search += time.Since(began)
	}
	return hits, err
}

func (t *timedStore) Article(ctx context.Context, id int64) (digest.Article, error) {
	began := time.Now()
	defer func() { t.load += time.Since(began) }()
	return t.Store.Article(ctx, id)
}

func (t *timedStore) StoryArticles(ctx context.Context, id int64) ([]digest.Article, error) {
	began := time.Now()
	defer func() { t.load += time.Since(began) }()
	return t.Store.StoryArticles(ctx, id)
}

// report gives the mean time per operation in each part; core_ms is the
// rest of total.
func (t *timedStore) report(b *testing.B, total time.Duration, n int) {
	ms := func(d time.Duration) float64 { return d.Seconds() * 1000 / float64(max(n, 1)) }
	b.ReportMetric(ms(t.search), "search_ms")
	b.ReportMetric(ms(t.related), "related_search_ms")
	b.ReportMetric(ms(t.load), "load_ms")
	b.ReportMetric(ms(total-t.search-t.related-t.load), "core_ms")
}

// timedIngest adds up the time ingestion spends in the store: finding
// story candidates (the term lookup and the signatures) and storing.
type timedIngest struct {
	digest.Store
	candidates, put time.Duration
}

func (t *timedIngest) StoryTermMatches(ctx context.Context, terms []string, since, until time.Time, perTerm int) ([][]int64, error) {
	began := time.Now()
	defer func() { t.candidates += time.Since(began) }()
	return t.Store.StoryTermMatches(ctx, terms, since, until, perTerm)
}

func (t *timedIngest) ArticleStories(ctx context.Context, ids []int64) (map[int64]int64, error) {
	began := time.Now()
	defer func() { t.candidates += time.Since(began) }()
	return t.Store.ArticleStories(ctx, ids)
}

func (t *timedIngest) StorySignatures(ctx context.Context, ids []int64) ([]digest.StorySignature, error) {
	began := time.Now()
	defer func() { t.candidates += time.Since(began) }()
	return t.Store.StorySignatures(ctx, ids)
}

func (t *timedIngest) PutArticle(ctx context.Context, a *digest.Article) error {
	began := time.Now()
	defer func() { t.put += time.Since(began) }()
	return t.Store.PutArticle(ctx, a)
}

// BenchServiceQuote measures /quote <words> end to end on t, which holds
// the corpus c: the quote search (and the speaker search when no quote
// matches), merged by words. Besides the latencies it reports answered/op
// and quotes/answer.
func BenchServiceQuote(b *testing.B, c *Corpus, t BenchTarget) {
	ctx := context.Background()
	svc := digest.NewService(t.Store, nil, digest.ClockFunc(c.Now), nil, digest.Config{})
	for i := range warmUp {
		if _, err := svc.Quote(ctx, c.QuoteWords(1_000_000+i)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	lat := newLatencies(t.cpu())
	answered, quotes := 0, 0
	for i := 0; b.Loop(); i++ {
		q := c.QuoteWords(i)
		lat.start()
		r, err := svc.Quote(ctx, q)
		lat.stop()
		if err != nil {
			b.Fatalf("quote %q: %v", q, err)
		}
		if len(r.Quotes) > 0 {
			answered++
			quotes += len(r.Quotes)
		}
	}
	lat.report(b)
	b.ReportMetric(float64(answered)/float64(lat.n()), "answered/op")
	b.ReportMetric(float64(quotes)/float64(max(answered, 1)), "quotes/answer")
}

// BenchServiceIngest measures ingestion on top of the corpus c held by t,
// which it adds articles to (the caller works on a copy or deletes them
// afterwards): the sub-benchmark Ingest runs Service.Ingest (analysis,
// story matching, PutArticle) of further corpus articles, reporting
// joined/op against want_joined/op (the articles the corpus means to join
// an earlier story) and wrong_joins/op (articles that joined another
// event's story: any join of an event's first article, and joins of
// stories begun during the run by another event's article), and the mean
// time spent finding candidates in the store (candidates_ms), storing
// (put_ms) and in the core (core_ms), with the mean CPU time of a call
// (cpu_ms: BenchTarget.CPU) and of the whole process over the run
// (proc_cpu_ms: every thread, the garbage collector's and SQLite's
// checkpointer's included), which a busy machine changes far less than
// the wall times; PutArticle stores analysed articles alone. articles/s
// counts the time inside the measured call only.
func BenchServiceIngest(b *testing.B, c *Corpus, t BenchTarget) {
	ctx := context.Background()
	b.Run("Ingest", func(b *testing.B) {
		timed := &timedIngest{Store: t.Store}
		svc := digest.NewService(timed, nil, nil, nil, digest.Config{})
		b.ReportAllocs()
		lat := newLatencies(t.cpu())
		joined, variants, wrong := 0, 0, 0
		leadOf := make(map[int64]int) // story begun during the run → the corpus lead of its first article
		procCPU := SelfCPU()
		for i := c.Size(); b.Loop(); i++ {
			a := c.Article(i)
			a.Quotes = nil
			lat.start()
			got, err := svc.Ingest(ctx, a)
			lat.stop()
			if err != nil {
				b.Fatalf("ingest article %d: %v", i, err)
			}
			lead := c.StoryLead(i)
			if lead != i {
				variants++
			}
			if got.StoryID == got.ID {
				leadOf[got.ID] = lead
				continue
			}
			joined++
			// Wrong: a new event joined any story, or a report joined a
			// story begun by another event's article. (A report joining a
			// split-off group of its own event is a missed join upstream,
			// not a wrong one.)
			if l, ok := leadOf[got.StoryID]; lead == i || ok && l != lead {
				wrong++
			}
		}
		procCPU = SelfCPU() - procCPU
		lat.report(b)
		b.ReportMetric(float64(lat.n())/lat.total().Seconds(), "articles/s")
		ms := func(d time.Duration) float64 { return d.Seconds() * 1000 / float64(max(lat.n(), 1)) }
		b.ReportMetric(ms(lat.totalCPU()), "cpu_ms")
		b.ReportMetric(ms(procCPU), "proc_cpu_ms")
		b.ReportMetric(float64(joined)/float64(lat.n()), "joined/op")
		b.ReportMetric(float64(variants)/float64(lat.n()), "want_joined/op")
		b.ReportMetric(float64(wrong)/float64(lat.n()), "wrong_joins/op")
		b.ReportMetric(ms(timed.candidates), "candidates_ms")
		b.ReportMetric(ms(timed.put), "put_ms")
		b.ReportMetric(ms(lat.total()-timed.candidates-timed.put), "core_ms")
	})
	b.Run("PutArticle", func(b *testing.B) {
		b.ReportAllocs()
		lat := newLatencies(t.cpu())
		for i := c.Size() + 1_000_000; b.Loop(); i++ {
			a := c.Article(i)
			digest.Analyze(&a)
			lat.start()
			err := t.Store.PutArticle(ctx, &a)
			lat.stop()
			if err != nil {
				b.Fatalf("put article %d: %v", i, err)
			}
		}
		lat.report(b)
		b.ReportMetric(float64(lat.n())/lat.total().Seconds(), "articles/s")
	})
}
