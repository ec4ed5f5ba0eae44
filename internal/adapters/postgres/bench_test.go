package postgres

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/storetest"
	"github.com/newsdigest/bot/internal/testutil/pgtest"
)

// The benchmarks run the suite of internal/storetest, as those of
// internal/adapters/sqlite do, on the same generated corpus
// (storetest.NewCorpus(42, n)), so the two stores can be compared side by
// side. The corpus size comes from NEWSBOT_BENCH_ARTICLES (default 5,000,
// quick). The figure in the README uses 100,000:
//
//	go test -c -o /tmp/postgres.test ./internal/adapters/postgres
//	NEWSBOT_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test?sslmode=disable \
//	NEWSBOT_BENCH_ARTICLES=100000 NEWSBOT_BENCH_PG_SCHEMA=newsbot_bench_c4_100000 \
//	    /tmp/postgres.test -test.run '^$' -test.bench BenchmarkStore -test.benchtime 2000x
//
// NEWSBOT_BENCH_PG_SCHEMA keeps the corpus in that schema between runs
// (created when missing, never dropped; it must be empty or hold at least
// the corpus: name it after storetest.CorpusVersion and the size); without it each run builds the corpus in a temporary schema.
//
// The store runs with one connection, so that the CPU time of each
// operation can be read for both sides: the benchmark's thread and the
// server backend serving it (from /proc/<pid>/schedstat, same machine).

// benchURL returns the benchmark database URL: a temporary schema, or the
// schema named by NEWSBOT_BENCH_PG_SCHEMA, kept between runs so that a
// large corpus is built once.
func benchURL(b *testing.B) string {
	schema := os.Getenv("NEWSBOT_BENCH_PG_SCHEMA")
	if schema == "" {
		return newSchema(b)
	}
	base := pgtest.ServerURL(b)
	if err := pgtest.Exec(context.Background(), base, `CREATE SCHEMA IF NOT EXISTS `+pgIdent(schema)); err != nil {
		b.Fatal(err)
	}
	return pgtest.WithSearchPath(b, base, schema)
}

// benchStore opens a store on u with a single connection (plus the given
// runtime parameters) and returns it as a benchmark target whose CPU clock
// counts the calling thread and the connection's server backend.
func benchStore(b *testing.B, u string, params ...string) (*Store, storetest.BenchTarget) {
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
	cpu := func() time.Duration { return storetest.ThreadCPU() + storetest.ProcessCPU(pid) }
	return s, storetest.BenchTarget{Store: s, CPU: cpu}
}

// vacuum refreshes the planner statistics after a bulk change.
func vacuum(b *testing.B, s *Store) {
	if _, err := s.pool.Exec(context.Background(), `VACUUM ANALYZE articles, quotes, story_signatures, story_terms`); err != nil {
		b.Fatal(err)
	}
}

// pgIdent quotes a schema name for SQL.
func pgIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// BenchmarkStore runs storetest.BenchStore. The corpus is built without
// waiting for each commit's WAL flush (synchronous_commit=off, like
// SQLite's synchronous=NORMAL in WAL mode), and PutArticleAsyncCommit
// measures that; PutArticle measures the store's default, durable commits.
func BenchmarkStore(b *testing.B) {
	c := storetest.NewCorpus(storetest.BenchSeed, storetest.BenchArticles(b, storetest.DefaultStoreArticles))
	u := benchURL(b)
	s, async := benchStore(b, u, "synchronous_commit=off")
	have, err := s.CountArticles(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	_, durable := benchStore(b, u)
	storetest.BenchStore(b, c, storetest.StoreBench{
		BenchTarget: async,
		Have:        have,
		Prepare:     func(b *testing.B) { vacuum(b, s) },
		Puts: []storetest.PutBench{
			{Name: "PutArticleAsyncCommit", BenchTarget: async},
			{Name: "PutArticle", BenchTarget: durable},
		},
	})
}
