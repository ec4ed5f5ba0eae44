package digest

import (
	"cmp"
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsdigest/bot/internal/digest/quotes"
	"github.com/newsdigest/bot/internal/digest/similar"
	"github.com/newsdigest/bot/internal/digest/text"
	"github.com/newsdigest/bot/internal/digest/urls"
)

// Analyze fills a's derived fields from its body: Language (when empty),
// Title (when empty: the first sentence, shortened), Quotes, Fingerprint,
// StoryTerms and StorySignature. It returns the analysed document.
func Analyze(a *Article) *text.Document {
	doc, _, _, _ := analyze(a)
	return doc
}

// analyze is Analyze also returning a's story document and its story
// query terms (similar.QueryTerms), the last keys of which are its index
// keys.
func analyze(a *Article) (doc *text.Document, sd similar.Doc, query []string, keys int) {
	doc = text.Analyze(analysed(a.Body))
	fillLanguageTitle(a, doc)
	qs := quotes.Extract(doc)
	a.Quotes = make([]Quote, len(qs))
	for i, q := range qs {
		a.Quotes[i] = Quote(q)
	}
	sd = storyDoc(*a)
	a.Fingerprint = 0 // no body tokens: unknown (sd falls back to the title's)
	if len(sd.Tokens) > 0 {
		a.Fingerprint = sd.Fingerprint
	}
	// KeyTerms orders terms totally, so the index terms are a prefix of
	// the query terms (see similar.IndexTerms and similar.QueryTerms).
	query = similar.KeyTerms(sd, similar.StoryQueryTerms)
	n := min(len(query), similar.StoryIndexTerms)
	ks := similar.IndexKeys(sd, similar.StoryIndexKeys)
	a.StoryTerms = append(query[:n:n], ks...)
	a.StorySignature = sd.AppendSignature(nil)
	return doc, sd, append(query, ks...), len(ks)
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
	d := similar.NewDocText(a.Title, body, tok.Append(nil, a.Title), tok.Append(nil, body), a.Published)
	d.Lang = a.Language
	return d
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
	_, sd, query, keys := analyze(&a)
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
		story, err := s.matchStory(ctx, a, sd, query, keys)
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

// matchStory finds the story a (whose story document is d, with query
// terms query, the last keys of them index keys) belongs to among the stored articles published within the story
// window of it, or 0 for a new story. Candidates are found through the
// store's index of each article's key terms and compared through their
// stored signatures, so no stored article is analysed again.
func (s *Service) matchStory(ctx context.Context, a Article, d similar.Doc, query []string, keys int) (int64, error) {
	if len(a.StoryTerms) == 0 {
		return 0, nil
	}
	matches, err := s.store.StoryTermMatches(ctx, query,
		a.Published.Add(-s.cfg.StoryWindow), a.Published.Add(s.cfg.StoryWindow), similar.StoryTermReads)
	if err != nil {
		return 0, fmt.Errorf("story candidates: %w", err)
	}
	ids, byTerms := similar.RankStoryCandidates(matches, keys)
	if len(ids) == 0 {
		return 0, nil
	}
	sigs, err := s.store.StorySignatures(ctx, ids)
	if err != nil {
		return 0, fmt.Errorf("story candidates: %w", err)
	}
	byKey := make(map[int64]bool, len(ids)-byTerms)
	for _, id := range ids[byTerms:] {
		byKey[id] = true
	}
	rank := make(map[int64]int, len(ids))
	for i, id := range ids {
		rank[id] = i
	}
	slices.SortFunc(sigs, func(x, y StorySignature) int { return cmp.Compare(rank[x.ArticleID], rank[y.ArticleID]) })
	cands := make([]similar.Doc, 0, len(sigs))
	stories := make([]int64, 0, len(sigs))
	for _, sig := range sigs {
		if byKey[sig.ArticleID] && (d.Lang == "" || similar.SignatureLang(sig.Data) == d.Lang) {
			continue // compared only across languages (similar.KeepKeyCandidate)
		}
		c, err := similar.ParseSignature(sig.Data)
		if err != nil {
			s.log.WarnContext(ctx, "skipping a story candidate", "article", sig.ArticleID, "err", err)
			continue
		}
		c.Published, c.Story = sig.Published, sig.StoryID
		if byKey[sig.ArticleID] && !similar.KeepKeyCandidate(d, c) {
			continue
		}
		cands = append(cands, c)
		stories = append(stories, sig.StoryID)
	}
	if i := s.matcher().MatchStory(d, cands); i >= 0 {
		return stories[i], nil
	}
	return 0, nil
}

// matcher is the story matcher of s: its MaxGap is the story window, the
// one setting of how far apart two reports of one story may be.
func (s *Service) matcher() similar.Matcher {
	return similar.Matcher{MaxGap: s.cfg.StoryWindow}
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
