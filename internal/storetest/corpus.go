package storetest

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/newsdigest/bot/internal/digest"
)

// CorpusVersion names the output of the corpus generator. It changes
// whenever Article, StoryLead or the queries would generate anything
// different, so that benchmarks caching a built corpus (a database file, a
// schema) can key the cache by it and never measure a stale corpus.
const CorpusVersion = "c4"

// CorpusDays is the time span of a corpus: its n articles are published
// over this many days, ending at Now.
const CorpusDays = 30

//go:embed testdata/words.txt
var corpusWords string

// vocabSize is the number of distinct words, function words first.
const vocabSize = 30000

// maxStory is the largest number of articles (outlets) in one story: the
// corpus is cut into blocks of maxStory consecutive articles and a story
// never crosses a block.
const maxStory = 8

// Corpus generates a deterministic synthetic news corpus for benchmarks:
// articles of about 250 words in paragraphs of sentences built from a
// Zipf-distributed vocabulary (the real words of testdata/words.txt, then
// pseudo-words), a few topic words repeated through each article and its
// title, and direct quotes attributed with "said Name". Consecutive
// articles form stories of 1 to 8 articles from different outlets: the
// later ones rewrite part of the first one's sentences and title and carry
// its quotes, as other outlets' reports of one event do.
//
// Article i is a pure function of the seed, the corpus size and i: the
// order of generation does not matter and two generators with the same
// arguments agree. A Corpus is safe for concurrent use.
type Corpus struct {
	seed     uint64
	n        int
	vocab    []string
	speakers []string
	sources  []corpusSource
	start    time.Time
	step     time.Duration // between consecutive articles' base times
}

type corpusSource struct{ name, host string }

// NewCorpus returns the generator of a corpus of n articles (n >= 1)
// published over CorpusDays days. Articles past n (for ingest benchmarks)
// continue at the same rate after Now.
func NewCorpus(seed uint64, n int) *Corpus {
	n = max(n, 1)
	c := &Corpus{
		seed: seed,
		n:    n,
		sources: []corpusSource{
			{"Reuters", "reuters.example"}, {"AP", "apnews.example"}, {"El País", "elpais.example"},
			{"BBC", "bbc.example"}, {"Le Monde", "lemonde.example"}, {"Milenio", "milenio.example"},
			{"Al Jazeera", "aljazeera.example"}, {"The Guardian", "theguardian.example"},
		},
		start: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC),
		step:  CorpusDays * 24 * time.Hour / time.Duration(n),
	}
	seen := make(map[string]bool)
	add := func(w string) {
		if !seen[w] {
			seen[w] = true
			c.vocab = append(c.vocab, w)
		}
	}
	for line := range strings.SplitSeq(corpusWords, "\n") {
		if !strings.HasPrefix(line, "#") {
			for _, w := range strings.Fields(line) {
				add(w)
			}
		}
	}
	// Pseudo-words: the digits of k+len(syll) in base len(syll), least
	// significant first, spelled as syllables.
	syll := []string{"ba", "ko", "ri", "tem", "lu", "sa", "mon", "de", "vi", "nor", "ca", "pel", "tu", "gra", "fi", "sho", "mar", "en", "qui", "dal"}
	for k := 0; len(c.vocab) < vocabSize; k++ {
		var w strings.Builder
		for m := k + len(syll); m > 0; m /= len(syll) {
			w.WriteString(syll[m%len(syll)])
		}
		add(w.String())
	}
	first := []string{"Claudia", "Andrés", "María", "John", "Olaf", "Ana", "Luis", "Emmanuel", "Keir", "Giorgia", "Pedro", "Narendra", "Xi", "Justin", "Lula", "Sofía", "Ahmed", "Yuki", "Olena", "Marcelo"}
	last := []string{"Sheinbaum", "López", "García", "Smith", "Scholz", "Pérez", "Ebrard", "Macron", "Starmer", "Meloni", "Sánchez", "Modi", "Trudeau", "Silva", "Hernández", "Khan", "Tanaka", "Kovalenko", "Müller", "Okafor", "Nguyen", "Rossi", "Dubois", "Costa", "Ibrahim"}
	for _, l := range last {
		for _, f := range first {
			c.speakers = append(c.speakers, f+" "+l)
		}
	}
	return c
}

// Size returns the corpus size n given to NewCorpus.
func (c *Corpus) Size() int { return c.n }

// Now returns a time one hour after the corpus's last article: the clock
// for a digest.Service answering over the corpus.
func (c *Corpus) Now() time.Time {
	return c.start.Add(time.Duration(c.n)*c.step + time.Hour)
}

// rng returns the generator for item i of stream kind, independent of the
// order items are generated in.
func (c *Corpus) rng(kind, i uint64) *rand.Rand {
	return rand.New(rand.NewPCG(c.seed^kind<<56, i))
}

// isLead reports whether article i starts a story.
func (c *Corpus) isLead(i int) bool {
	return i%maxStory == 0 || c.rng(4, uint64(i)).IntN(100) < 40
}

// StoryLead returns the index of the first article of article i's story
// (i itself when i starts a story). Articles with the same StoryLead report
// the same event, from different outlets, within a few hours.
func (c *Corpus) StoryLead(i int) int {
	for i > 0 && !c.isLead(i) {
		i--
	}
	return i
}

// topicWord picks a word log-uniformly between ranks 60 and 5,000: the
// frequency range of topic words in news text.
func (c *Corpus) topicWord(r *rand.Rand) string {
	lo, hi := math.Log(60), math.Log(5000)
	return c.vocab[int(math.Exp(lo+r.Float64()*(hi-lo)))]
}

// words draws n words, one in eight a topic word.
func (c *Corpus) words(r *rand.Rand, z *rand.Zipf, topics []string, n int) []string {
	ws := make([]string, n)
	for i := range ws {
		if r.IntN(8) == 0 {
			ws[i] = topics[r.IntN(len(topics))]
		} else {
			ws[i] = c.vocab[z.Uint64()]
		}
	}
	return ws
}

// sentence draws a sentence of n words, capitalised, with a comma in some,
// without the final stop.
func (c *Corpus) sentence(r *rand.Rand, z *rand.Zipf, topics []string, n int) string {
	ws := c.words(r, z, topics, n)
	ws[0] = capitalise(ws[0])
	if n > 8 && r.IntN(3) == 0 {
		ws[n/2] += ","
	}
	return strings.Join(ws, " ")
}

func capitalise(w string) string {
	return strings.ToUpper(w[:1]) + w[1:]
}

// story is what every article of one story shares.
type story struct {
	topics    []string
	title     []string
	sentences []string
	quotes    []storyQuote
	source    int
	base      time.Time
}

type storyQuote struct {
	text, speaker string
	after         int // placed after this many sentences
}

// story generates the story whose first article is lead.
func (c *Corpus) story(lead int) story {
	r := c.rng(1, uint64(lead))
	z := rand.NewZipf(r, 1.1, 1, uint64(len(c.vocab)-1))
	st := story{
		topics: []string{c.topicWord(r), c.topicWord(r), c.topicWord(r)},
		source: r.IntN(len(c.sources)),
		base:   c.start.Add(time.Duration(lead) * c.step),
	}
	st.title = c.words(r, z, st.topics, 5+r.IntN(5))
	st.title[0] = st.topics[0]
	st.title[1+r.IntN(len(st.title)-1)] = st.topics[1]
	ns := 9 + r.IntN(12)
	for range ns {
		st.sentences = append(st.sentences, c.sentence(r, z, st.topics, 8+r.IntN(14)))
	}
	speakers := []string{c.speakers[r.IntN(len(c.speakers))], c.speakers[r.IntN(len(c.speakers))]}
	for q := range 1 + r.IntN(3) {
		st.quotes = append(st.quotes, storyQuote{
			text:    c.sentence(r, z, st.topics, 6+r.IntN(12)),
			speaker: speakers[r.IntN(len(speakers))],
			after:   1 + (q+1)*ns/4,
		})
	}
	return st
}

// Article generates article i (any i >= 0; those from Size on continue the
// corpus). The article has no ID and StoryID 0; Quotes hold the generated
// quotations with their offsets, as digest.Analyze would find them.
func (c *Corpus) Article(i int) digest.Article {
	lead := c.StoryLead(i)
	k := i - lead // 0 for the first report of the story
	st := c.story(lead)
	r := c.rng(5, uint64(i))
	z := rand.NewZipf(r, 1.1, 1, uint64(len(c.vocab)-1))

	title := st.title
	if k > 0 { // another outlet's headline: some words changed, same topics
		title = append([]string(nil), title...)
		for range 1 + r.IntN(3) {
			if j := 2 + r.IntN(len(title)-2); title[j] != st.topics[1] {
				title[j] = c.vocab[z.Uint64()]
			}
		}
	}
	title = append([]string{capitalise(title[0])}, title[1:]...)

	var body strings.Builder
	var quotes []digest.Quote
	inPara := 0
	next := func() {
		switch {
		case body.Len() == 0:
		case inPara >= 2+r.IntN(3):
			body.WriteString("\n\n")
			inPara = 0
		default:
			body.WriteString(" ")
		}
		inPara++
	}
	for s, sent := range st.sentences {
		if k > 0 && r.IntN(100) < 35 { // this outlet's own sentence
			sent = c.sentence(r, z, st.topics, 8+r.IntN(14))
		}
		next()
		body.WriteString(sent + ".")
		for _, q := range st.quotes {
			if q.after != s+1 || (k > 0 && r.IntN(5) == 0) {
				continue
			}
			next()
			body.WriteString("\u201c")
			start := body.Len()
			body.WriteString(q.text)
			end := body.Len()
			cue := "said"
			if r.IntN(3) == 0 {
				body.WriteString(",\u201d " + q.speaker + " said.")
			} else {
				body.WriteString(",\u201d said " + q.speaker + ".")
			}
			quotes = append(quotes, digest.Quote{Text: q.text, Speaker: q.speaker, Cue: cue, Start: start, End: end})
		}
	}

	src := c.sources[(st.source+3*k)%len(c.sources)] // distinct outlets within a story
	published := st.base
	if k > 0 {
		published = published.Add(time.Duration(k)*20*time.Minute + time.Duration(r.IntN(60))*time.Minute)
	}
	return digest.Article{
		URL:       fmt.Sprintf("https://%s/%d/%s", src.host, i, st.topics[0]),
		GUID:      fmt.Sprintf("%s-%d", src.host, i),
		FeedURL:   fmt.Sprintf("https://%s/feed.xml", src.host),
		Title:     strings.Join(title, " "),
		Source:    src.name,
		Language:  "en",
		Published: published,
		Fetched:   published.Add(time.Minute),
		Body:      body.String(),
		Quotes:    quotes,
	}
}

// Query generates /news topic i: one or two topic words, or a question
// wrapped in stop words.
func (c *Corpus) Query(i int) string {
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

// QuoteQuery generates store-level quote lookup i: words, a speaker, or
// both.
func (c *Corpus) QuoteQuery(i int) digest.QuoteQuery {
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

// QuoteWords generates /quote text i, as people type it: mostly three to
// six consecutive words of a quote in the corpus, sometimes a speaker's
// surname, sometimes words no quote holds together.
func (c *Corpus) QuoteWords(i int) string {
	r := c.rng(6, uint64(i))
	switch n := r.IntN(20); {
	case n < 3:
		s := c.speakers[r.IntN(len(c.speakers))]
		return s[strings.IndexByte(s, ' ')+1:]
	case n < 6:
		return c.topicWord(r) + " is not " + c.topicWord(r)
	}
	st := c.story(c.StoryLead(r.IntN(c.n)))
	ws := strings.Fields(strings.ReplaceAll(st.quotes[r.IntN(len(st.quotes))].text, ",", ""))
	m := min(len(ws), 3+r.IntN(4))
	from := r.IntN(len(ws) - m + 1)
	return strings.Join(ws[from:from+m], " ")
}

// LoadStats reports what Load stored and how long it took.
type LoadStats struct {
	Articles int
	Quotes   int
	// Wall is the whole load; generation and analysis run in another
	// goroutine, concurrently with storing.
	Wall time.Duration
	// Put is the time spent inside PutArticle.
	Put time.Duration
}

// String reports the load in one line: counts, time and rates.
func (s LoadStats) String() string {
	return fmt.Sprintf("%d articles, %d quotes in %.1fs: %.0f articles/s loading (generate+analyze concurrent), %.0f articles/s in PutArticle",
		s.Articles, s.Quotes, s.Wall.Seconds(),
		float64(s.Articles)/s.Wall.Seconds(), float64(s.Articles)/s.Put.Seconds())
}

// Load stores the corpus's articles 0 to Size-1 into st, which must hold
// no article yet, in order: each analysed by digest.Analyze as
// Service.Ingest does (quotes, fingerprint) and placed in the generator's
// story (a story's later articles get the StoryID the store gave its
// first). It skips the Service's story matching so that a large corpus
// loads at the store's speed; ingest benchmarks measure Service.Ingest on
// top of it. Articles are generated and analysed in a second goroutine
// while the calling goroutine stores them.
func (c *Corpus) Load(ctx context.Context, st digest.ArticleStore) (LoadStats, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ch := make(chan digest.Article, 64)
	go func() {
		defer close(ch)
		for i := range c.n {
			a := c.Article(i)
			digest.Analyze(&a)
			select {
			case ch <- a:
			case <-ctx.Done():
				return
			}
		}
	}()
	var stats LoadStats
	began := time.Now()
	stories := make(map[int]int64) // lead index -> story id, for the last few stories
	i := 0
	for a := range ch {
		lead := c.StoryLead(i)
		if lead != i {
			a.StoryID = stories[lead]
			if a.StoryID == 0 {
				return stats, fmt.Errorf("load corpus: article %d: story of article %d unknown", i, lead)
			}
		}
		t := time.Now()
		if err := st.PutArticle(ctx, &a); err != nil {
			return stats, fmt.Errorf("load corpus: article %d: %w", i, err)
		}
		stats.Put += time.Since(t)
		if lead == i {
			stories[i] = a.StoryID
			delete(stories, i-2*maxStory)
		}
		stats.Articles++
		stats.Quotes += len(a.Quotes)
		i++
	}
	stats.Wall = time.Since(began)
	if i < c.n {
		return stats, fmt.Errorf("load corpus: %w", context.Cause(ctx))
	}
	return stats, nil
}

// ErrOtherCorpus is returned by LastStored when a store holds articles but
// not this corpus (another generator version, seed or size).
var ErrOtherCorpus = errors.New("the store holds another corpus")

// LastStored returns the ID of the corpus's last article (Size-1) in st,
// which Load stored last, so that articles with a higher ID were added
// afterwards (at most 10,000 of them may follow it, newer than it, for it
// to be found). It returns 0 and no error when st holds no article, and an
// error wrapping ErrOtherCorpus when st holds fewer than Size articles or
// not the corpus's last one.
func (c *Corpus) LastStored(ctx context.Context, st digest.ArticleStore) (int64, error) {
	have, err := st.CountArticles(ctx)
	if err != nil || have == 0 {
		return 0, err
	}
	last := c.Article(c.n - 1)
	if have < c.n {
		return 0, fmt.Errorf("%w: %d articles, want %d", ErrOtherCorpus, have, c.n)
	}
	recent, err := st.RecentArticles(ctx, last.Published, 10000)
	if err != nil {
		return 0, err
	}
	for _, a := range recent {
		if a.URL == last.URL && a.Title == last.Title {
			return a.ID, nil
		}
	}
	return 0, fmt.Errorf("%w: article %d (%s) is missing", ErrOtherCorpus, c.n-1, last.URL)
}
