package sqlite

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/digest"
)

// Benchmarks run on a generated corpus whose size comes from
// NEWSBOT_BENCH_ARTICLES (default 5,000, quick); NEWSBOT_BENCH_DB names a
// file to keep the corpus in between runs. The figures in the report use
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

// corpus generates deterministic pseudo-random news articles: Zipf-
// distributed words from testdata/words.txt extended with pseudo-words,
// a few topic words repeated through each article and its title, and
// attributed quotes embedded in the body.
type corpus struct {
	seed     uint64
	vocab    []string
	speakers []string
	sources  []string
	start    time.Time
}

// vocabSize is the number of distinct words, function words first.
const vocabSize = 30000

func newCorpus(tb testing.TB, seed uint64) *corpus {
	tb.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "words.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	var vocab []string
	seen := make(map[string]bool)
	for line := range strings.SplitSeq(string(raw), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		for _, w := range strings.Fields(line) {
			if !seen[w] {
				seen[w] = true
				vocab = append(vocab, w)
			}
		}
	}
	syll := []string{"ba", "ko", "ri", "tem", "lu", "sa", "mon", "de", "vi", "nor", "ca", "pel", "tu", "gra", "fi", "sho", "mar", "en", "qui", "dal"}
	for k := 0; len(vocab) < vocabSize; k++ {
		var w strings.Builder
		for n := k + len(syll); n > 0; n /= len(syll) {
			w.WriteString(syll[n%len(syll)])
		}
		if s := w.String(); !seen[s] {
			seen[s] = true
			vocab = append(vocab, s)
		}
	}
	first := []string{"Claudia", "Andrés", "María", "John", "Olaf", "Ana", "Luis", "Emmanuel", "Keir", "Giorgia", "Pedro", "Narendra", "Xi", "Justin", "Lula", "Sofía", "Ahmed", "Yuki", "Olena", "Marcelo"}
	last := []string{"Sheinbaum", "López", "García", "Smith", "Scholz", "Pérez", "Ebrard", "Macron", "Starmer", "Meloni", "Sánchez", "Modi", "Trudeau", "Silva", "Hernández", "Khan", "Tanaka", "Kovalenko", "Müller", "Okafor", "Nguyen", "Rossi", "Dubois", "Costa", "Ibrahim"}
	var speakers []string
	for _, l := range last {
		for _, f := range first {
			speakers = append(speakers, f+" "+l)
		}
	}
	return &corpus{
		seed:     seed,
		vocab:    vocab,
		speakers: speakers,
		sources:  []string{"Reuters", "AP", "El País", "BBC", "Le Monde", "Milenio", "Al Jazeera", "The Guardian"},
		start:    time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
	}
}

// rng returns the generator for item i of stream kind, independent of the
// order items are generated in.
func (c *corpus) rng(kind, i uint64) *rand.Rand {
	return rand.New(rand.NewPCG(c.seed^kind<<56, i))
}

// topicWord picks a word log-uniformly between ranks 60 and 5,000: the
// frequency range of topic words in news text.
func (c *corpus) topicWord(r *rand.Rand) string {
	lo, hi := math.Log(60), math.Log(5000)
	return c.vocab[int(math.Exp(lo+r.Float64()*(hi-lo)))]
}

func (c *corpus) sentence(r *rand.Rand, z *rand.Zipf, topics []string, n int) string {
	words := make([]string, n)
	for i := range words {
		if r.IntN(10) == 0 {
			words[i] = topics[r.IntN(len(topics))]
		} else {
			words[i] = c.vocab[z.Uint64()]
		}
	}
	words[0] = strings.ToUpper(words[0][:1]) + words[0][1:]
	return strings.Join(words, " ")
}

// article generates article i.
func (c *corpus) article(i int) digest.Article {
	r := c.rng(1, uint64(i))
	z := rand.NewZipf(r, 1.1, 1, uint64(len(c.vocab)-1))
	topics := []string{c.topicWord(r), c.topicWord(r), c.topicWord(r)}

	var body strings.Builder
	var quotes []digest.Quote
	nSentences := 10 + r.IntN(15) // about 250 words
	for k := range nSentences {
		if k > 0 {
			body.WriteString(" ")
		}
		if k%5 == 2 && r.IntN(2) == 0 {
			speaker := c.speakers[r.IntN(len(c.speakers))]
			body.WriteString(`"`)
			start := body.Len()
			body.WriteString(c.sentence(r, z, topics, 6+r.IntN(12)))
			end := body.Len()
			body.WriteString(`," ` + speaker + " said.")
			quotes = append(quotes, digest.Quote{
				Text: body.String()[start:end], Speaker: speaker, Cue: "said", Start: start, End: end,
			})
			continue
		}
		body.WriteString(c.sentence(r, z, topics, 8+r.IntN(12)) + ".")
		if k%6 == 5 {
			body.WriteString("\n\n")
		}
	}
	title := c.sentence(r, z, topics, 5+r.IntN(5))
	title = strings.Replace(title, " ", " "+topics[0]+" ", 1)
	return digest.Article{
		URL:       fmt.Sprintf("https://news.example/%d/%s", i, topics[0]),
		GUID:      fmt.Sprintf("item-%d", i),
		FeedURL:   fmt.Sprintf("https://news.example/feed/%d.xml", i%20),
		Title:     title,
		Source:    c.sources[r.IntN(len(c.sources))],
		Language:  "en",
		Published: c.start.Add(time.Duration(i) * 5 * time.Minute),
		Fetched:   c.start.Add(time.Duration(i)*5*time.Minute + time.Minute),
		Body:      body.String(),
		Quotes:    quotes,
	}
}

// query generates search text i: one or two topic words, or a question
// wrapped in stop words.
func (c *corpus) query(i int) string {
	r := c.rng(2, uint64(i))
	switch r.IntN(5) {
	case 0, 1:
		return c.topicWord(r)
	case 2, 3:
		return c.topicWord(r) + " " + c.topicWord(r)
	default:
		return "what did the " + c.topicWord(r) + " say about " + c.topicWord(r) + " " + c.topicWord(r) + "?"
	}
}

// quoteQuery generates quote lookup i: words, a speaker, or both.
func (c *corpus) quoteQuery(i int) digest.QuoteQuery {
	r := c.rng(3, uint64(i))
	words := c.topicWord(r) + " is not " + c.topicWord(r) + " " + c.topicWord(r)
	speaker := c.speakers[r.IntN(len(c.speakers))]
	surname := speaker[strings.IndexByte(speaker, ' ')+1:]
	switch r.IntN(4) {
	case 0, 1:
		return digest.QuoteQuery{Text: words, Limit: 20}
	case 2:
		return digest.QuoteQuery{Speaker: surname, Limit: 20}
	default:
		return digest.QuoteQuery{Text: words, Speaker: speaker, Limit: 20}
	}
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
	c := newCorpus(b, 42)
	s, have := benchStore(b, n)

	runtime.LockOSThread()
	began, beganCPU := time.Now(), threadCPU()
	quotes := 0
	for i := have; i < n; i++ {
		a := c.article(i)
		if i%3 == 1 { // every third article joins the previous story
			a.StoryID = int64(i)
		}
		quotes += len(a.Quotes)
		if err := s.PutArticle(ctx, &a); err != nil {
			b.Fatalf("article %d: %v", i, err)
		}
	}
	took, cpu := time.Since(began), threadCPU()-beganCPU
	runtime.UnlockOSThread()
	if have < n {
		b.Run("BuildCorpus", func(b *testing.B) {
			for b.Loop() { // reports the build above, once
			}
			b.ReportMetric(float64(n-have), "articles")
			b.ReportMetric(float64(quotes), "quotes")
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
			res, err := s.SearchArticles(ctx, digest.SearchQuery{Text: c.query(i), Limit: 20})
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
		since := c.article(n * 9 / 10).Published
		for i := 0; b.Loop(); i++ {
			lat.start()
			_, err := s.SearchArticles(ctx, digest.SearchQuery{Text: c.query(i), Since: since, Limit: 20})
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
			res, err := s.SearchQuotes(ctx, c.quoteQuery(i))
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
			a := c.article(next)
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

// TestCorpusDeterministic guards the benchmark generator: the same index
// gives the same article, and quote offsets select the quote text.
func TestCorpusDeterministic(t *testing.T) {
	c1, c2 := newCorpus(t, 7), newCorpus(t, 7)
	for i := range 50 {
		a, b := c1.article(i), c2.article(i)
		if a.Title != b.Title || a.Body != b.Body || len(a.Quotes) != len(b.Quotes) {
			t.Fatalf("article %d differs between generators", i)
		}
		for _, q := range a.Quotes {
			if a.Body[q.Start:q.End] != q.Text {
				t.Fatalf("article %d: quote offsets wrong", i)
			}
		}
		if c1.query(i) != c2.query(i) {
			t.Fatalf("query %d differs", i)
		}
	}
}
