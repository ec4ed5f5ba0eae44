package postgres

import (
	"context"
	"errors"
	"os"
	"testing"

	"github.com/newsdigest/bot/internal/storetest"
)

// The service benchmarks measure what users wait for: /news, /quote and
// ingestion through digest.Service on this store (storetest.BenchServiceNews,
// BenchServiceQuote, BenchServiceIngest), over the generated corpus
// storetest.NewCorpus(storetest.BenchSeed, n) that the SQLite package's
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
//	NEWSBOT_BENCH_ARTICLES=100000 NEWSBOT_BENCH_PG_SCHEMA=newsbot_bench_c4_100000 \
//	GOMAXPROCS=2 /usr/bin/time -v /tmp/postgres.test \
//	    -test.run '^$' -test.bench BenchmarkService -test.benchtime 500x
//
// The store runs with one connection, as in BenchmarkStore, so that
// p95_cpu_ms counts the benchmark's thread and the server backend.

// corpusStore returns a store (one connection, durable commits) on the
// benchmark schema holding the corpus, loading it first when the schema
// is empty, as a benchmark target.
func corpusStore(b *testing.B) (*Store, storetest.BenchTarget, *storetest.Corpus) {
	ctx := context.Background()
	c := storetest.NewCorpus(storetest.BenchSeed, storetest.BenchArticles(b, storetest.DefaultServiceArticles))
	u := benchURL(b)
	s, target := benchStore(b, u)
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
		vacuum(b, ls)
		b.Logf("loaded corpus: %v", stats)
	default:
		trimCorpus(b, s, last)
	}
	return s, target, c
}

// trimCorpus deletes the articles added after the corpus's last one (with
// their quotes).
func trimCorpus(b *testing.B, s *Store, last int64) {
	// story_terms has no foreign key (see migration 0003).
	if _, err := s.pool.Exec(context.Background(), `DELETE FROM story_terms WHERE article_id > $1`, last); err != nil {
		b.Fatal(err)
	}
	tag, err := s.pool.Exec(context.Background(), `DELETE FROM articles WHERE id > $1`, last)
	if err != nil {
		b.Fatal(err)
	}
	if tag.RowsAffected() > 0 {
		vacuum(b, s)
	}
}

// BenchmarkServiceNews measures /news <topic> end to end
// (storetest.BenchServiceNews).
func BenchmarkServiceNews(b *testing.B) {
	_, t, c := corpusStore(b)
	storetest.BenchServiceNews(b, c, t)
}

// BenchmarkServiceQuote measures /quote <words> end to end
// (storetest.BenchServiceQuote).
func BenchmarkServiceQuote(b *testing.B) {
	_, t, c := corpusStore(b)
	storetest.BenchServiceQuote(b, c, t)
}

// BenchmarkServiceIngest measures ingestion on top of the corpus
// (storetest.BenchServiceIngest) with durable commits; the added articles
// are deleted afterwards.
func BenchmarkServiceIngest(b *testing.B) {
	s, t, c := corpusStore(b)
	last, err := c.LastStored(context.Background(), s)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { trimCorpus(b, s, last) })
	storetest.BenchServiceIngest(b, c, t)
}
