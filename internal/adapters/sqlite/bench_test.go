package sqlite

import (
	"context"
	"os"
	"testing"

	"github.com/newsdigest/bot/internal/storetest"
)

// BenchmarkStore runs storetest.BenchStore on the generated corpus
// storetest.NewCorpus(42, n), the one the PostgreSQL benchmarks use too,
// whose size n comes from NEWSBOT_BENCH_ARTICLES (default 5,000, quick);
// NEWSBOT_BENCH_DB names a file to keep the corpus in between runs (empty
// or holding at least the corpus). The figures in the report use
// 100,000 articles on a fresh file:
//
//	go test -c -o /tmp/sqlite.test ./internal/adapters/sqlite
//	cd internal/adapters/sqlite && NEWSBOT_BENCH_ARTICLES=100000 /usr/bin/time -v \
//	    /tmp/sqlite.test -test.run '^$' -test.bench BenchmarkStore -test.benchtime 1000x
func BenchmarkStore(b *testing.B) {
	c := storetest.NewCorpus(storetest.BenchSeed, storetest.BenchArticles(b, storetest.DefaultStoreArticles))
	s, have := benchStore(b)
	storetest.BenchStore(b, c, storetest.StoreBench{
		BenchTarget: storetest.BenchTarget{Store: s},
		Have:        have,
		Puts:        []storetest.PutBench{{Name: "PutArticle", BenchTarget: storetest.BenchTarget{Store: s}}},
	})
}

// benchStore opens the benchmark store: a temporary file, or the file named
// by NEWSBOT_BENCH_DB, kept between runs so that a large corpus is built
// once (the file must hold only corpus articles). It returns how many
// articles the store already holds.
func benchStore(b *testing.B) (*Store, int) {
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
