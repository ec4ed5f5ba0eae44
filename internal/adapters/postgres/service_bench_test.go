package postgres

import (
	"context"
	"errors"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/storetest"
)

// The service benchmarks measure what users wait for: /news, /quote and
// ingestion through digest.Service on this store, over the generated
// corpus storetest.NewCorpus(corpusSeed, n) that the SQLite package's
// service benchmarks use too. n comes from NEWSBOT_BENCH_ARTICLES (default
// 2,000, quick).
//
// Without NEWSBOT_BENCH_PG_SCHEMA each benchmark loads the corpus into a
// temporary schema. With it, the corpus is loaded into that schema once
// and reused by later runs; the schema must be empty or hold this corpus
// (the same storetest.CorpusVersion, seed and size: name it after them),
// else the benchmark fails rather than measure another corpus. Articles
// added after the corpus (by BenchmarkServiceIngest or BenchmarkStore) are
// deleted when a service benchmark opens the schema. The figures in the
// report:
//
//	go test -c -o /tmp/postgres.test ./internal/adapters/postgres
//	NEWSBOT_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test?sslmode=disable \
//	NEWSBOT_BENCH_ARTICLES=100000 NEWSBOT_BENCH_PG_SCHEMA=newsbot_bench_c1_100000 \
//	GOMAXPROCS=2 /usr/bin/time -v /tmp/postgres.test \
//	    -test.run '^$' -test.bench BenchmarkService -test.benchtime 500x
//
// The store runs with one connection, as in BenchmarkStore, so that
// p95_cpu_ms counts the benchmark's thread and the server backend.

const (
	defaultServiceArticles = 2000
	corpusSeed             = 42
)

func serviceArticles(b *testing.B) int {
	v := os.Getenv("NEWSBOT_BENCH_ARTICLES")
	if v == "" {
		return defaultServiceArticles
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		b.Fatalf("NEWSBOT_BENCH_ARTICLES=%q: want a positive integer", v)
	}
	return n
}

// corpusStore returns a store (one connection, durable commits) on the
// benchmark schema holding the corpus, loading it first when the schema
// is empty, with its CPU clock.
func corpusStore(b *testing.B) (*Store, cpuClock, *storetest.Corpus) {
	ctx := context.Background()
	c := storetest.NewCorpus(corpusSeed, serviceArticles(b))
	u := benchURL(b)
	s, clock := benchStore(b, u)
	last, err := c.LastStored(ctx, s)
	switch {
	case errors.Is(err, storetest.ErrOtherCorpus):
		b.Fatalf("schema %q: %v; set NEWSBOT_BENCH_PG_SCHEMA to a new schema", os.Getenv("NEWSBOT_BENCH_PG_SCHEMA"), err)
	case err != nil:
		b.Fatal(err)
	case last == 0:
		// Loaded without waiting for each commit's WAL flush, as in
		// BenchmarkStore; the measured PutArticle uses durable commits.
		ls, _ := benchStore(b, u, "synchronous_commit=off")
		stats, err := c.Load(ctx, ls)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := ls.pool.Exec(ctx, `VACUUM ANALYZE articles, quotes`); err != nil {
			b.Fatal(err)
		}
		b.Logf("loaded corpus: %d articles, %d quotes in %.1fs: %.0f articles/s loading (generate+analyze concurrent), %.0f articles/s in PutArticle",
			stats.Articles, stats.Quotes, stats.Wall.Seconds(),
			float64(stats.Articles)/stats.Wall.Seconds(), float64(stats.Articles)/stats.Put.Seconds())
	default:
		trimCorpus(b, s, last)
	}
	return s, clock, c
}

// trimCorpus deletes the articles added after the corpus's last one (with
// their quotes).
func trimCorpus(b *testing.B, s *Store, last int64) {
	ctx := context.Background()
	tag, err := s.pool.Exec(ctx, `DELETE FROM articles WHERE id > $1`, last)
	if err != nil {
		b.Fatal(err)
	}
	if tag.RowsAffected() > 0 {
		if _, err := s.pool.Exec(ctx, `VACUUM ANALYZE articles, quotes`); err != nil {
			b.Fatal(err)
		}
	}
}

// warmUp runs f on queries the benchmark does not measure, so that the
// first measured ones do not pay for a cold cache alone.
const warmUp = 50

// BenchmarkServiceNews measures /news <topic> end to end: search, story
// ranking, the article, its digest, the story's outlets and related
// headlines.
func BenchmarkServiceNews(b *testing.B) {
	ctx := context.Background()
	s, clock, c := corpusStore(b)
	ts := &timedStore{Store: s}
	svc := digest.NewService(ts, nil, digest.ClockFunc(c.Now), nil, digest.Config{})
	for i := range warmUp {
		if _, err := svc.News(ctx, c.Query(1_000_000+i)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	lat := newLatencies(clock)
	digests, related, outlets := 0, 0, 0
	*ts = timedStore{Store: s}
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
	ts.report(b, sum(lat.wall), lat.n())
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
// rest of total (ranking, the digest, relatedness of candidates).
func (t *timedStore) report(b *testing.B, total time.Duration, n int) {
	ms := func(d time.Duration) float64 { return d.Seconds() * 1000 / float64(max(n, 1)) }
	b.ReportMetric(ms(t.search), "search_ms")
	b.ReportMetric(ms(t.related), "related_search_ms")
	b.ReportMetric(ms(t.load), "load_ms")
	b.ReportMetric(ms(total-t.search-t.related-t.load), "core_ms")
}

// BenchmarkServiceQuote measures /quote <words> end to end: the quote
// search (and the speaker search when no quote matches), merged by words.
func BenchmarkServiceQuote(b *testing.B) {
	ctx := context.Background()
	s, clock, c := corpusStore(b)
	svc := digest.NewService(s, nil, digest.ClockFunc(c.Now), nil, digest.Config{})
	for i := range warmUp {
		if _, err := svc.Quote(ctx, c.QuoteWords(1_000_000+i)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	lat := newLatencies(clock)
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

// BenchmarkServiceIngest measures ingestion on top of the corpus:
// Service.Ingest (analysis, story matching, PutArticle) of further corpus
// articles, and PutArticle alone of analysed articles, with durable
// commits. The added articles are deleted afterwards. articles/s counts
// the time inside the measured call only.
func BenchmarkServiceIngest(b *testing.B) {
	ctx := context.Background()
	s, clock, c := corpusStore(b)
	last, err := c.LastStored(ctx, s)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { trimCorpus(b, s, last) })
	b.Run("Ingest", func(b *testing.B) {
		svc := digest.NewService(s, nil, nil, nil, digest.Config{})
		b.ReportAllocs()
		lat := newLatencies(clock)
		joined, variants := 0, 0
		for i := c.Size(); b.Loop(); i++ {
			a := c.Article(i)
			a.Quotes = nil
			lat.start()
			got, err := svc.Ingest(ctx, a)
			lat.stop()
			if err != nil {
				b.Fatalf("ingest article %d: %v", i, err)
			}
			if got.StoryID != got.ID {
				joined++
			}
			if c.StoryLead(i) != i {
				variants++
			}
		}
		lat.report(b)
		b.ReportMetric(float64(lat.n())/sum(lat.wall).Seconds(), "articles/s")
		b.ReportMetric(float64(joined)/float64(lat.n()), "joined/op")
		b.ReportMetric(float64(variants)/float64(lat.n()), "want_joined/op")
	})
	b.Run("PutArticle", func(b *testing.B) {
		b.ReportAllocs()
		lat := newLatencies(clock)
		for i := c.Size() + 1_000_000; b.Loop(); i++ {
			a := c.Article(i)
			digest.Analyze(&a)
			lat.start()
			err := s.PutArticle(ctx, &a)
			lat.stop()
			if err != nil {
				b.Fatalf("put article %d: %v", i, err)
			}
		}
		lat.report(b)
		b.ReportMetric(float64(lat.n())/sum(lat.wall).Seconds(), "articles/s")
	})
}

func sum(ds []time.Duration) time.Duration {
	var t time.Duration
	for d := range slices.Values(ds) {
		t += d
	}
	return t
}
