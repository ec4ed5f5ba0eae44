package digest

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/url"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/newsdigest/bot/internal/digest/quotes"
	"github.com/newsdigest/bot/internal/digest/similar"
	"github.com/newsdigest/bot/internal/digest/text"
	"github.com/newsdigest/bot/internal/digest/urls"
)

// Config tunes the Service. The zero value is usable.
type Config struct {
	DefaultTimeZone string        // for /digest add without a zone; default "UTC"
	Sentences       int           // summary sentences; default 3
	Quotes          int           // key quotes; default 3
	MaxRelated      int           // related headlines; default 6
	MaxQuoteHits    int           // answers to /quote; default 5
	StoryWindow     time.Duration // how far apart two reports of one story may be; default 72h
	// NextRun computes a schedule's next run after a time (the scheduler's
	// DST-exact rule), shown when a digest is added; nil uses a plain
	// local-time approximation.
	NextRun func(s Schedule, after time.Time) (time.Time, error)
}

func (c Config) withDefaults() Config {
	if c.DefaultTimeZone == "" {
		c.DefaultTimeZone = "UTC"
	}
	if c.Sentences <= 0 {
		c.Sentences = 3
	}
	if c.Quotes <= 0 {
		c.Quotes = 3
	}
	if c.MaxRelated <= 0 {
		c.MaxRelated = 6
	}
	if c.MaxQuoteHits <= 0 {
		c.MaxQuoteHits = 5
	}
	if c.StoryWindow <= 0 {
		c.StoryWindow = 72 * time.Hour
	}
	return c
}

// Service answers commands from every platform and ingests articles. It is
// safe for concurrent use.
type Service struct {
	store  Store
	pages  PageFetcher // may be nil: /news <url> is then refused
	clock  Clock
	log    *slog.Logger
	cfg    Config
	notify func() // called when schedules change; may be nil

	// placing serialises story matching and storing across concurrent
	// Ingest calls (the feed poller runs several), so that two reports of
	// one new story ingested at the same moment see each other instead of
	// starting two stories; a store shared by several processes
	// (IngestLocker) extends that to all of them. Analysis, the larger
	// part, runs outside it.
	placing sync.Mutex
}

// NewService returns a Service over store. pages may be nil.
func NewService(store Store, pages PageFetcher, clock Clock, logger *slog.Logger, cfg Config) *Service {
	if clock == nil {
		clock = ClockFunc(time.Now)
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Service{store: store, pages: pages, clock: clock, log: logger, cfg: cfg.withDefaults()}
}

// OnScheduleChange registers f to be called after a schedule is added or
// removed (the scheduler wakes up). Call before serving.
func (s *Service) OnScheduleChange(f func()) { s.notify = f }

// Handle answers one command. Errors carry a user-safe message (see
// UserMessage); a nil error always comes with a Reply to show.
func (s *Service) Handle(ctx context.Context, cmd Command) (Reply, error) {
	switch cmd.Name {
	case CmdNews:
		return s.News(ctx, cmd.Args)
	case CmdQuote:
		return s.Quote(ctx, cmd.Args)
	case CmdDigest:
		return s.digestCommand(ctx, cmd)
	case CmdHelp, "":
		return Reply{Kind: ReplyText, Text: HelpText, Ephemeral: true}, nil
	}
	return Reply{}, usageError("Unknown command %q. Try /help.", cmd.Name)
}

// HelpText is the answer to /help.
const HelpText = `News digest bot
• /news <topic> — the top story on a topic: summary, key quotes with speakers, related headlines
• /news <url> — the same digest for one article page
• /quote <words> — who said it: the quote, speaker, outlet, date and link (or DM me "who said …?")
• /digest add <topics> at <HH:MM> [time zone] [on mon-fri] [max N] — a daily digest in this channel
• /digest list · /digest remove <id> · /digest now [id] — manage this channel's digests
• /help — this message`

// Analyze fills a's derived fields from its body: Language (when empty),
// Title (when empty: the first sentence, shortened), Quotes, Fingerprint,
// StoryTerms and StorySignature. It returns the analysed document.
func Analyze(a *Article) *text.Document {
	doc, _, _ := analyze(a)
	return doc
}

// analyze is Analyze also returning a's story document and its
// similar.StoryQueryTerms key terms (of which StoryTerms is the prefix).
func analyze(a *Article) (*text.Document, similar.Doc, []string) {
	doc := text.Analyze(analysed(a.Body))
	fillLanguageTitle(a, doc)
	qs := quotes.Extract(doc)
	a.Quotes = make([]Quote, len(qs))
	for i, q := range qs {
		a.Quotes[i] = Quote(q)
	}
	sd := storyDoc(*a)
	a.Fingerprint = 0 // no body tokens: unknown (sd falls back to the title's)
	if len(sd.Tokens) > 0 {
		a.Fingerprint = sd.Fingerprint
	}
	// KeyTerms orders terms totally, so the index terms are a prefix of
	// the query terms.
	query := similar.KeyTerms(sd, similar.StoryQueryTerms)
	n := min(len(query), similar.StoryIndexTerms)
	a.StoryTerms = query[:n:n]
	a.StorySignature = sd.AppendSignature(nil)
	return doc, sd, query
}

// fillLanguageTitle sets a's Language and Title, when empty, from its
// analysed body doc.
func fillLanguageTitle(a *Article, doc *text.Document) {
	if a.Language == "" {
		a.Language = doc.Lang
	}
	if strings.TrimSpace(a.Title) == "" {
		a.Title = fallbackTitle(doc)
	}
}

// storyDoc is a's story document, analysed from its title and body.
func storyDoc(a Article) similar.Doc {
	lang := a.Language
	if lang == "" {
		lang = "en"
	}
	tok := text.NewTokenizer(lang)
	body := analysed(a.Body)
	return similar.NewDocText(a.Title, body, tok.Append(nil, a.Title), tok.Append(nil, body), a.Published)
}

// Ingest analyses a, groups it with other outlets' reports of the same
// story and stores it. It returns ErrDuplicate (wrapped) when the article
// is already stored.
func (s *Service) Ingest(ctx context.Context, a Article) (Article, error) {
	if !utf8.ValidString(a.Body) || !utf8.ValidString(a.Title) {
		return a, &Error{Code: CodeUsage, Message: "The article is not valid UTF-8 text."}
	}
	if strings.TrimSpace(a.Body) == "" {
		return a, &Error{Code: CodeUsage, Message: "The article has no text."}
	}
	if u, err := url.Parse(a.URL); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
		c, err := urls.Canonical(a.URL)
		if err != nil {
			return a, fmt.Errorf("ingest: %w", err)
		}
		a.URL = c
	}
	if a.URL == "" {
		return a, &Error{Code: CodeUsage, Message: "The article has no URL."}
	}
	now := s.clock.Now()
	if a.Fetched.IsZero() {
		a.Fetched = now
	}
	if a.Published.IsZero() || a.Published.After(now.Add(time.Hour)) {
		a.Published = a.Fetched
	}
	_, sd, query := analyze(&a)
	if a.Source == "" {
		a.Source = urls.Host(a.URL)
	}
	s.placing.Lock()
	defer s.placing.Unlock()
	if l, ok := s.store.(IngestLocker); ok {
		unlock, err := l.LockIngest(ctx)
		if err != nil {
			return a, fmt.Errorf("ingest %s: %w", a.URL, err)
		}
		defer unlock()
	}
	if a.StoryID == 0 {
		story, err := s.matchStory(ctx, a, sd, query)
		if err != nil {
			return a, err
		}
		a.StoryID = story
	}
	if err := s.store.PutArticle(ctx, &a); err != nil {
		return a, fmt.Errorf("ingest %s: %w", a.URL, err)
	}
	return a, nil
}

// matchStory finds the story a (whose story document is d, with key terms
// query) belongs to among the stored articles published within the story
// window of it, or 0 for a new story. Candidates are found through the
// store's index of each article's key terms and compared through their
// stored signatures, so no stored article is analysed again.
func (s *Service) matchStory(ctx context.Context, a Article, d similar.Doc, query []string) (int64, error) {
	if len(a.StoryTerms) == 0 {
		return 0, nil
	}
	matches, err := s.store.StoryTermMatches(ctx, query,
		a.Published.Add(-s.cfg.StoryWindow), a.Published.Add(s.cfg.StoryWindow), similar.StoryTermReads)
	if err != nil {
		return 0, fmt.Errorf("story candidates: %w", err)
	}
	ids := similar.RankCandidates(matches, similar.StoryCandidates)
	if len(ids) == 0 {
		return 0, nil
	}
	sigs, err := s.store.StorySignatures(ctx, ids)
	if err != nil {
		return 0, fmt.Errorf("story candidates: %w", err)
	}
	rank := make(map[int64]int, len(ids))
	for i, id := range ids {
		rank[id] = i
	}
	slices.SortFunc(sigs, func(x, y StorySignature) int { return cmp.Compare(rank[x.ArticleID], rank[y.ArticleID]) })
	cands := make([]similar.Doc, 0, len(sigs))
	stories := make([]int64, 0, len(sigs))
	for _, sig := range sigs {
		c, err := similar.ParseSignature(sig.Data)
		if err != nil {
			s.log.WarnContext(ctx, "skipping a story candidate", "article", sig.ArticleID, "err", err)
			continue
		}
		c.Published, c.Story = sig.Published, sig.StoryID
		cands = append(cands, c)
		stories = append(stories, sig.StoryID)
	}
	if i := similar.MatchStory(d, cands); i >= 0 {
		return stories[i], nil
	}
	return 0, nil
}

func fallbackTitle(doc *text.Document) string {
	if len(doc.Sentences) == 0 {
		return "Untitled"
	}
	return shorten(doc.Text(doc.Sentences[0].Span), 110)
}

// shorten cuts s at a word boundary so that it is at most n bytes
// including the added "…".
func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	limit := n - len("…")
	if limit <= 0 {
		return "…"
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if s[cut] != ' ' {
		if sp := strings.LastIndexByte(s[:cut], ' '); sp >= limit/2 {
			cut = sp
		}
	}
	return strings.TrimRight(s[:cut], " ,;:") + "…"
}

func isURL(s string) bool {
	if strings.ContainsAny(s, " \t\n") {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// News answers /news: the top story on topic (or the page at a URL) with
// its summary, key quotes and related headlines.
func (s *Service) News(ctx context.Context, topic string) (Reply, error) {
	topic = strings.TrimSpace(strings.Trim(topic, "<>"))
	if topic == "" {
		sugg, _ := s.Topics(ctx, "", 8)
		msg := "Usage: /news <topic> or /news <url>, e.g. /news mexico"
		if len(sugg) > 0 {
			msg += "\nIn the news now: " + strings.Join(sugg, ", ")
		}
		return Reply{Kind: ReplyText, Text: msg, Suggestions: sugg, Ephemeral: true}, nil
	}
	if isURL(topic) {
		return s.newsURL(ctx, topic)
	}
	hits, err := s.store.SearchArticles(ctx, SearchQuery{Text: topic, Limit: 60})
	if err != nil {
		return Reply{}, fmt.Errorf("news %q: %w", topic, err)
	}
	if len(hits) == 0 {
		sugg, _ := s.Topics(ctx, "", 8)
		msg := fmt.Sprintf("No stories about %q yet.", topic)
		if len(sugg) > 0 {
			msg += " In the news now: " + strings.Join(sugg, ", ") + "."
		}
		return Reply{Kind: ReplyText, Text: msg, Query: topic, Suggestions: sugg}, nil
	}
	best := s.rankStories(hits)
	a, err := s.store.Article(ctx, best.ID)
	if err != nil {
		return Reply{}, fmt.Errorf("news %q: %w", topic, err)
	}
	d, err := s.digestOf(ctx, a)
	if err != nil {
		return Reply{}, err
	}
	return Reply{Kind: ReplyDigest, Query: topic, Digest: &d}, nil
}

// rankStories blends relevance, recency and outlet count and returns the
// best article of the best story.
func (s *Service) rankStories(hits []ArticleHit) Article {
	now := s.clock.Now()
	maxRank := 0.0
	for _, h := range hits {
		maxRank = math.Max(maxRank, h.Rank)
	}
	type story struct {
		score   float64
		best    Article
		bestRel float64
		outlets map[string]bool
	}
	stories := map[int64]*story{}
	var order []int64
	for _, h := range hits {
		rel := 1.0
		if maxRank > 0 {
			rel = h.Rank / maxRank
		}
		st := stories[h.Article.StoryID]
		if st == nil {
			st = &story{outlets: map[string]bool{}}
			stories[h.Article.StoryID] = st
			order = append(order, h.Article.StoryID)
		}
		st.outlets[h.Article.Source] = true
		if rel > st.bestRel || (rel == st.bestRel && len(h.Article.Body) > len(st.best.Body)) {
			st.bestRel, st.best = rel, h.Article
		}
	}
	var bestID int64
	bestScore := math.Inf(-1)
	for _, id := range order {
		st := stories[id]
		age := now.Sub(st.best.Published).Hours()
		if age < 0 {
			age = 0
		}
		recency := math.Exp(-age / 48)
		st.score = 0.6*st.bestRel + 0.3*recency + 0.1*math.Min(1, math.Log1p(float64(len(st.outlets)-1)))
		if st.score > bestScore {
			bestScore, bestID = st.score, id
		}
	}
	return stories[bestID].best
}

func (s *Service) newsURL(ctx context.Context, raw string) (Reply, error) {
	if s.pages == nil {
		return Reply{}, &Error{Code: CodeUnavailable, Message: "Fetching pages is not enabled on this bot."}
	}
	a, err := s.pages.FetchArticle(ctx, raw)
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			return Reply{}, err // the fetcher already says why, safely
		}
		return Reply{}, &Error{Code: CodeUnavailable, Message: "I could not read that page.", Err: err}
	}
	stored, err := s.Ingest(ctx, a)
	switch {
	case errors.Is(err, ErrDuplicate):
		// Already known: digest what we have, with its story's related headlines.
		c, cerr := urls.Canonical(a.URL)
		if cerr == nil {
			a.URL = c
		}
		Analyze(&a)
		stored = a
	case err != nil:
		return Reply{}, err
	}
	d, err := s.digestOf(ctx, stored)
	if err != nil {
		return Reply{}, err
	}
	return Reply{Kind: ReplyDigest, Query: raw, Digest: &d}, nil
}

// digestOf builds a's digest with outlets and related headlines.
func (s *Service) digestOf(ctx context.Context, a Article) (Digest, error) {
	d := Build(a, BuildOptions{Sentences: s.cfg.Sentences, Quotes: s.cfg.Quotes})
	d.Outlets = []string{a.Source}
	seen := map[string]bool{a.URL: true}
	var same []Headline
	if a.StoryID != 0 {
		arts, err := s.store.StoryArticles(ctx, a.StoryID)
		if err != nil {
			return d, fmt.Errorf("story %d: %w", a.StoryID, err)
		}
		outlet := map[string]bool{a.Source: true}
		for _, o := range arts {
			if seen[o.URL] || outlet[o.Source] {
				continue
			}
			seen[o.URL], outlet[o.Source] = true, true
			d.Outlets = append(d.Outlets, o.Source)
			same = append(same, Headline{Title: o.Title, URL: o.URL, Source: o.Source, Published: o.Published, SameStory: true})
		}
	}
	sortNewest(same)
	if len(same) > s.cfg.MaxRelated/2 {
		same = same[:s.cfg.MaxRelated/2]
	}
	related, err := s.relatedStories(ctx, a, seen, s.cfg.MaxRelated-len(same))
	if err != nil {
		return d, err
	}
	d.Related = append(same, related...)
	return d, nil
}

func sortNewest(hs []Headline) {
	sort.SliceStable(hs, func(i, j int) bool { return hs[i].Published.After(hs[j].Published) })
}

// relatedStories returns up to n headlines of other stories similar to a,
// one per story, newest first. The candidates are compared through their
// stored story signatures (see relatedDocs).
func (s *Service) relatedStories(ctx context.Context, a Article, seen map[string]bool, n int) ([]Headline, error) {
	if n <= 0 {
		return nil, nil
	}
	// a carries its signature when it was just ingested; one read back
	// from the store does not.
	d, err := similar.ParseSignature(a.StorySignature)
	if err != nil {
		d = storyDoc(a)
	}
	terms := similar.KeyTerms(d, 10)
	if len(terms) == 0 {
		return nil, nil
	}
	hits, err := s.store.SearchArticles(ctx, SearchQuery{Text: strings.Join(terms, " "), ExcludeStory: a.StoryID, Limit: 30})
	if err != nil {
		return nil, fmt.Errorf("related stories: %w", err)
	}
	other := func(o Article) bool { return !seen[o.URL] && (o.StoryID == 0 || o.StoryID != a.StoryID) }
	docs := s.relatedDocs(ctx, hits, other)
	type cand struct {
		h     Headline
		score float64
	}
	var cands []cand
	stories := map[int64]bool{}
	for _, h := range hits {
		o := h.Article
		if !other(o) || stories[o.StoryID] {
			continue
		}
		od, ok := docs[o.ID]
		if !ok {
			od = storyDoc(o)
		}
		score := similar.Relatedness(d, od)
		if score < minRelatedness {
			continue
		}
		stories[o.StoryID] = true
		cands = append(cands, cand{Headline{Title: o.Title, URL: o.URL, Source: o.Source, Published: o.Published}, score})
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	if len(cands) > n {
		cands = cands[:n]
	}
	out := make([]Headline, len(cands))
	for i, c := range cands {
		out[i] = c.h
	}
	sortNewest(out)
	return out, nil
}

// relatedDocs returns the story documents of the hits that want accepts,
// parsed from their stored signatures in one read, which Relatedness
// compares exactly as documents analysed from their bodies. Articles
// without a usable signature are left out (the caller analyses them); a
// failed read leaves all of them out.
func (s *Service) relatedDocs(ctx context.Context, hits []ArticleHit, want func(Article) bool) map[int64]similar.Doc {
	ids := make([]int64, 0, len(hits))
	for _, h := range hits {
		if h.Article.ID != 0 && want(h.Article) {
			ids = append(ids, h.Article.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	sigs, err := s.store.StorySignatures(ctx, ids)
	if err != nil {
		s.log.WarnContext(ctx, "related stories: reading signatures", "err", err)
		return nil
	}
	docs := make(map[int64]similar.Doc, len(sigs))
	for _, sig := range sigs {
		if d, err := similar.ParseSignature(sig.Data); err == nil {
			docs[sig.ArticleID] = d
		}
	}
	return docs
}

// minRelatedness drops candidates that share little more than common news
// vocabulary (unrelated short articles score about 0.1 with similar.Relatedness).
const minRelatedness = 0.12

// Quote answers /quote and "who said …?": the best matching quotes, the
// same words carried by several outlets merged into one answer.
func (s *Service) Quote(ctx context.Context, words string) (Reply, error) {
	words = strings.TrimSpace(words)
	if words == "" {
		return Reply{}, usageError("Usage: /quote <words>, e.g. /quote sovereignty is not for sale")
	}
	hits, err := s.store.SearchQuotes(ctx, QuoteQuery{Text: words, Limit: 50})
	if err != nil {
		return Reply{}, fmt.Errorf("quote %q: %w", words, err)
	}
	if len(hits) == 0 {
		// Maybe the words are a speaker's name.
		hits, err = s.store.SearchQuotes(ctx, QuoteQuery{Speaker: words, Limit: 50})
		if err != nil {
			return Reply{}, fmt.Errorf("quote by %q: %w", words, err)
		}
	}
	merged := mergeQuotes(hits, words)
	if len(merged) == 0 {
		return Reply{Kind: ReplyText, Query: words, Text: fmt.Sprintf("I found no quote matching %q.", words)}, nil
	}
	if len(merged) > s.cfg.MaxQuoteHits {
		merged = merged[:s.cfg.MaxQuoteHits]
	}
	return Reply{Kind: ReplyQuotes, Query: words, Quotes: merged}, nil
}

// mergeQuotes folds hits with the same normalised words into one (the
// earliest report, with the number of outlets), best first. Quotes that
// contain the query as a phrase come first.
func mergeQuotes(hits []QuoteHit, query string) []QuoteHit {
	phrase := normQuote(query)
	type group struct {
		hit     QuoteHit
		outlets map[string]bool
		order   int
		phrase  bool
	}
	groups := map[string]*group{}
	var keys []string
	for i, h := range hits {
		k := normQuote(h.Quote.Text)
		g := groups[k]
		if g == nil {
			g = &group{hit: h, outlets: map[string]bool{}, order: i, phrase: strings.Contains(k, phrase)}
			groups[k] = g
			keys = append(keys, k)
		}
		g.outlets[h.Source] = true
		if h.Published.Before(g.hit.Published) || (g.hit.Quote.Speaker == "" && h.Quote.Speaker != "") {
			speaker := g.hit.Quote.Speaker
			g.hit = h
			if g.hit.Quote.Speaker == "" {
				g.hit.Quote.Speaker = speaker
			}
		}
	}
	out := make([]QuoteHit, 0, len(keys))
	slices.SortStableFunc(keys, func(a, b string) int {
		ga, gb := groups[a], groups[b]
		if ga.phrase != gb.phrase {
			if ga.phrase {
				return -1
			}
			return 1
		}
		return ga.order - gb.order
	})
	for _, k := range keys {
		g := groups[k]
		g.hit.Outlets = len(g.outlets)
		out = append(out, g.hit)
	}
	return out
}

func normQuote(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r == '\'' || r == '’' || r == '‘':
			continue
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 && !strings.ContainsRune("“”«»„—–…", r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		default:
			space = true
		}
	}
	return b.String()
}

// Topics suggests topics from recent stories' headlines: the most frequent
// content words of the last three days starting with prefix.
func (s *Service) Topics(ctx context.Context, prefix string, limit int) ([]string, error) {
	arts, err := s.store.RecentArticles(ctx, s.clock.Now().Add(-72*time.Hour), 300)
	if err != nil {
		return nil, fmt.Errorf("topics: %w", err)
	}
	if len(arts) == 0 {
		arts, err = s.store.RecentArticles(ctx, time.Time{}, 300)
		if err != nil {
			return nil, fmt.Errorf("topics: %w", err)
		}
	}
	prefix = strings.ToLower(strings.TrimSpace(prefix))
	count := map[string]int{}
	for _, a := range arts {
		seen := map[string]bool{}
		for _, w := range topicWords(a.Title) {
			if !seen[w] && strings.HasPrefix(w, prefix) {
				seen[w] = true
				count[w]++
			}
		}
	}
	words := make([]string, 0, len(count))
	for w := range count {
		words = append(words, w)
	}
	sort.Slice(words, func(i, j int) bool {
		if count[words[i]] != count[words[j]] {
			return count[words[i]] > count[words[j]]
		}
		return words[i] < words[j]
	})
	if len(words) > limit {
		words = words[:limit]
	}
	return words, nil
}

// topicWords returns the capitalised content words of a headline, lowercased.
func topicWords(title string) []string {
	var out []string
	for i, w := range strings.Fields(title) {
		w = strings.Trim(w, ".,;:!?\"'“”‘’()[]«»")
		r, _ := utf8.DecodeRuneInString(w)
		if utf8.RuneCountInString(w) < 4 || (i > 0 && !(r >= 'A' && r <= 'Z')) && !strings.ContainsRune("ÁÉÍÓÚÑ", r) {
			continue
		}
		lw := strings.ToLower(w)
		if commonTitleWords[lw] {
			continue
		}
		out = append(out, lw)
	}
	return out
}

var commonTitleWords = map[string]bool{
	"says": true, "said": true, "after": true, "with": true, "from": true, "that": true, "this": true,
	"what": true, "when": true, "will": true, "have": true, "over": true, "into": true, "about": true,
	"sample": true, "their": true, "more": true, "than": true, "amid": true, "como": true, "para": true,
}
