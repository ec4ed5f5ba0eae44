package digest

import (
	"cmp"
	"context"
	"errors"
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
	"github.com/newsdigest/bot/internal/logattr"
	"github.com/newsdigest/bot/internal/textfit"
)

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
	sd, query, err := s.prepare(&a)
	if err != nil {
		return a, err
	}
	s.placing.Lock()
	defer s.placing.Unlock()
	placed, err := s.place(ctx, a, sd, query)
	if errors.Is(err, ErrLockLost) {
		// The lock's connection died while held: match again under a new one.
		s.log.WarnContext(ctx, "ingest lock lost; matching the article again", logattr.KeyURL, urls.Redact(a.URL))
		placed, err = s.place(ctx, a, sd, query)
	}
	return placed, err
}

// place finds a's story and stores a, under the store's ingest lock when
// it has one. The caller holds s.placing.
func (s *Service) place(ctx context.Context, a Article, sd similar.Doc, query []string) (Article, error) {
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
			s.observeIngest(false, err)
			return a, err
		}
		a.StoryID = story
	}
	joined := a.StoryID != 0
	if err := s.store.PutArticle(ctx, &a); err != nil {
		s.observeIngest(false, err)
		return a, fmt.Errorf("ingest %s: %w", a.URL, err)
	}
	s.observeIngest(joined, nil)
	s.noteStored(a)
	return a, nil
}

// prepare checks a, canonicalises its URL, fills its times and Source and
// analyses it (see Analyze), returning its story document and key terms.
func (s *Service) prepare(a *Article) (similar.Doc, []string, error) {
	if !utf8.ValidString(a.Body) || !utf8.ValidString(a.Title) {
		return similar.Doc{}, nil, &Error{Code: CodeUsage, Message: "The article is not valid UTF-8 text."}
	}
	if strings.TrimSpace(a.Body) == "" {
		return similar.Doc{}, nil, &Error{Code: CodeUsage, Message: "The article has no text."}
	}
	if u, err := url.Parse(a.URL); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
		c, err := urls.Canonical(a.URL)
		if err != nil {
			return similar.Doc{}, nil, fmt.Errorf("ingest: %w", err)
		}
		a.URL = c
	}
	if a.URL == "" {
		return similar.Doc{}, nil, &Error{Code: CodeUsage, Message: "The article has no URL."}
	}
	now := s.clock.Now()
	if a.Fetched.IsZero() {
		a.Fetched = now
	}
	if a.Published.IsZero() || a.Published.After(now.Add(time.Hour)) {
		a.Published = a.Fetched
	}
	_, sd, query := analyze(a)
	if a.Source == "" {
		a.Source = urls.Host(a.URL)
	}
	return sd, query, nil
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
			s.log.WarnContext(ctx, "skipping a story candidate", logattr.KeyArticle, sig.ArticleID, logattr.KeyError, err)
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

// fallbackTitleBytes bounds the title made from an article's first
// sentence when it has none.
const fallbackTitleBytes = 110

func fallbackTitle(doc *text.Document) string {
	if len(doc.Sentences) == 0 {
		return "Untitled"
	}
	return shorten(doc.Text(doc.Sentences[0].Span), fallbackTitleBytes)
}

// shorten cuts s at a word boundary so that it is at most n bytes
// including the added "…".
func shorten(s string, n int) string {
	return textfit.ShortenBytes(s, n)
}

func isURL(s string) bool {
	if strings.ContainsAny(s, " \t\n") {
		return false
	}
	return urls.IsHTTP(s)
}
