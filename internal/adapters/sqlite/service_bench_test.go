package sqlite

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/storetest"
)

// The service benchmarks measure what users wait for: /news, /quote and
// ingestion through digest.Service on this store (storetest.BenchServiceNews,
// BenchServiceQuote, BenchServiceIngest), over the generated corpus
// storetest.NewCorpus(storetest.BenchSeed, n) that the PostgreSQL package's
// service benchmarks use too. n comes from NEWSBOT_BENCH_ARTICLES (default
// 2,000, quick).
//
// The corpus database is built once and cached as
// $TMPDIR/newsbot-bench-<corpus version>-<n>-<seed>.db (os.TempDir):
// later runs open it as it is (remove the file to rebuild it). A run that
// builds it logs the load rates. BenchmarkServiceIngest works on a copy,
// so the cached corpus never changes. The figures in the report:
//
//	go test -c -o /tmp/sqlite.test ./internal/adapters/sqlite
//	NEWSBOT_BENCH_ARTICLES=100000 GOMAXPROCS=2 /usr/bin/time -v /tmp/sqlite.test \
//	    -test.run '^$' -test.bench BenchmarkService -test.benchtime 500x

// corpusFile returns the path of the cached corpus database, building it
// first when it is missing.
func corpusFile(b *testing.B) (string, *storetest.Corpus) {
	ctx := context.Background()
	n := storetest.BenchArticles(b, storetest.DefaultServiceArticles)
	c := storetest.NewCorpus(storetest.BenchSeed, n)
	path := filepath.Join(os.TempDir(), fmt.Sprintf("newsbot-bench-%s-%d-%d.db", storetest.CorpusVersion, n, storetest.BenchSeed))
	if _, err := os.Stat(path); err == nil {
		return path, c
	}
	tmp := path + ".building"
	for _, p := range []string{tmp, tmp + "-wal", tmp + "-shm"} {
		if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
			b.Fatal(err)
		}
	}
	s, err := Open(ctx, tmp, nil)
	if err != nil {
		b.Fatal(err)
	}
	stats, err := c.Load(ctx, s)
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		b.Fatal(err)
	}
	if _, err := os.Stat(tmp + "-wal"); err == nil {
		b.Fatalf("%s-wal left after Close: the built corpus is not in one file", tmp)
	}
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	b.Logf("built corpus %s: %v", path, stats)
	return path, c
}

// openCorpus opens the store at path, closed when b ends, and checks that
// it holds c.
func openCorpus(b *testing.B, path string, c *storetest.Corpus) *Store {
	ctx := context.Background()
	s, err := Open(ctx, path, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if id, err := c.LastStored(ctx, s); err != nil || id == 0 {
		b.Fatalf("%s does not hold the corpus (remove it to rebuild): %v", path, err)
	}
	return s
}

// BenchmarkServiceNews measures /news <topic> end to end
// (storetest.BenchServiceNews).
func BenchmarkServiceNews(b *testing.B) {
	path, c := corpusFile(b)
	storetest.BenchServiceNews(b, c, storetest.BenchTarget{Store: openCorpus(b, path, c)})
}

// BenchmarkServiceQuote measures /quote <words> end to end
// (storetest.BenchServiceQuote).
func BenchmarkServiceQuote(b *testing.B) {
	path, c := corpusFile(b)
	storetest.BenchServiceQuote(b, c, storetest.BenchTarget{Store: openCorpus(b, path, c)})
}

// BenchmarkServiceIngest measures ingestion on top of the corpus
// (storetest.BenchServiceIngest), on a copy of it.
func BenchmarkServiceIngest(b *testing.B) {
	path, c := corpusFile(b)
	cp := filepath.Join(b.TempDir(), "corpus.db")
	if err := copyFile(cp, path); err != nil {
		b.Fatal(err)
	}
	storetest.BenchServiceIngest(b, c, storetest.BenchTarget{Store: openCorpus(b, cp, c)})
}

func copyFile(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// queryRecorder records the article searches digest.Service issues.
type queryRecorder struct {
	digest.Store
	qs []digest.SearchQuery
}

func (r *queryRecorder) SearchArticles(ctx context.Context, q digest.SearchQuery) ([]digest.ArticleHit, error) {
	r.qs = append(r.qs, q)
	return r.Store.SearchArticles(ctx, q)
}

// BenchmarkSearchShapes measures SearchArticles alone on the searches
// /news issues: topics, and related stories (10 key terms, one story
// excluded).
func BenchmarkSearchShapes(b *testing.B) {
	ctx := context.Background()
	path, c := corpusFile(b)
	s := openCorpus(b, path, c)
	rec := &queryRecorder{Store: s}
	svc := digest.NewService(rec, nil, digest.ClockFunc(c.Now), nil, digest.Config{})
	for i := range 200 {
		if _, err := svc.News(ctx, c.Query(i)); err != nil {
			b.Fatal(err)
		}
	}
	var topic, related []digest.SearchQuery
	for _, q := range rec.qs {
		if q.ExcludeStory != 0 {
			related = append(related, q)
		} else {
			topic = append(topic, q)
		}
	}
	for _, bc := range []struct {
		name string
		qs   []digest.SearchQuery
	}{{"Topic", topic}, {"Related", related}} {
		b.Run(bc.name, func(b *testing.B) {
			if len(bc.qs) == 0 {
				b.Skip("no such searches")
			}
			b.ReportAllocs()
			hits := 0
			for i := 0; b.Loop(); i++ {
				h, err := s.SearchArticles(ctx, bc.qs[i%len(bc.qs)])
				if err != nil {
					b.Fatal(err)
				}
				hits += len(h)
			}
			b.ReportMetric(float64(hits)/float64(b.N), "hits/op")
		})
	}
}
