package digest

import (
	"context"
	"errors"
	"fmt"
	"net/url"
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
	doc, _ := analyze(a)
	return doc
}

// storyQuery is what story matching needs of an analysed article: its
// story document and its query terms (similar.StoryQueryTerms key terms,
// then Keys index keys: names and numbers for other languages).
type storyQuery struct {
	Doc   similar.Doc
	Terms []string
	Keys  int
}

// analyze is Analyze also returning a's story query. a.StoryTerms is its
// indexed part: the first similar.StoryIndexTerms key terms and the keys.
func analyze(a *Article) (*text.Document, storyQuery) {
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
	// the query terms (see similar.IndexTerms and similar.QueryTerms).
	query := similar.KeyTerms(sd, similar.StoryQueryTerms)
	n := min(len(query), similar.StoryIndexTerms)
	ks := similar.IndexKeys(sd, similar.StoryIndexKeys)
	a.StoryTerms = append(query[:n:n], ks...)
	a.StorySignature = sd.AppendSignature(nil)
	return doc, storyQuery{Doc: sd, Terms: append(query, ks...), Keys: len(ks)}
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

// storyDoc is a's story document, analysed from its title (without the
// outlet's name a feed appends to it) and body.
func storyDoc(a Article) similar.Doc {
	lang := a.Language
	if lang == "" {
		lang = "en"
	}
	tok := text.NewTokenizer(lang)
	body := analysed(a.Body)
	title := similar.WithoutOutlet(a.Title, a.Source)
	d := similar.NewStoryDoc(title, body, tok.Append, a.Published)
	d.Title, d.Lang = a.Title, a.Language
	return d
}

// Ingest analyses a, groups it with other outlets' reports of the same
// story and stores it. It returns ErrDuplicate (wrapped) when the article
// is already stored.
func (s *Service) Ingest(ctx context.Context, a Article) (Article, error) {
	sq, err := s.prepare(&a)
	if err != nil {
		return a, err
	}
	s.placing.Lock()
	defer s.placing.Unlock()
	placed, err := s.place(ctx, a, sq)
	if errors.Is(err, ErrLockLost) {
		// The lock's connection died while held: match again under a new one.
		s.log.WarnContext(ctx, "ingest lock lost; matching the article again", logattr.KeyURL, urls.Redact(a.URL))
		placed, err = s.place(ctx, a, sq)
	}
	return placed, err
}

// place finds a's story and stores a, under the store's ingest lock when
// it has one. The caller holds s.placing.
func (s *Service) place(ctx context.Context, a Article, sq storyQuery) (Article, error) {
	if l, ok := s.store.(IngestLocker); ok {
		unlock, err := l.LockIngest(ctx)
		if err != nil {
			return a, fmt.Errorf("ingest %s: %w", a.URL, err)
		}
		defer unlock()
	}
	if a.StoryID == 0 {
		story, err := s.matchStory(ctx, a, sq)
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
// analyses it (see Analyze), returning its story query.
func (s *Service) prepare(a *Article) (storyQuery, error) {
	if !utf8.ValidString(a.Body) || !utf8.ValidString(a.Title) {
		return storyQuery{}, &Error{Code: CodeUsage, Message: "The article is not valid UTF-8 text."}
	}
	if strings.TrimSpace(a.Body) == "" {
		return storyQuery{}, &Error{Code: CodeUsage, Message: "The article has no text."}
	}
	if u, err := url.Parse(a.URL); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
		c, err := urls.Canonical(a.URL)
		if err != nil {
			return storyQuery{}, fmt.Errorf("ingest: %w", err)
		}
		a.URL = c
	}
	if a.URL == "" {
		return storyQuery{}, &Error{Code: CodeUsage, Message: "The article has no URL."}
	}
	now := s.clock.Now()
	if a.Fetched.IsZero() {
		a.Fetched = now
	}
	if a.Published.IsZero() || a.Published.After(now.Add(time.Hour)) {
		a.Published = a.Fetched
	}
	_, sq := analyze(a)
	if a.Source == "" {
		a.Source = urls.Host(a.URL)
	}
	return sq, nil
}

// matchStory finds the story a (with story query sq) belongs to among the
// stored articles published within the story window of it, or 0 for a new
// story. Candidates are found through the store's index of each article's
// key terms and compared through their stored signatures, so no stored
// article is analysed again; a headline-length document has its
// candidates spread over stories (reading the stories of its best
// similar.StorySpreadPool matches) and is compared with whole stories,
// reading (in one bounded query of at most similar.StoryGroupCandidates ×
// similar.StoryMembers signatures) the other articles of its candidates'
// stories. The steps between the store's reads are similar's
// (CandidatePool, CandidateIDs, CandidateDocs, MemberDocs,
// Matcher.JoinStory), which the evaluation runs as well.
func (s *Service) matchStory(ctx context.Context, a Article, sq storyQuery) (int64, error) {
	d := sq.Doc
	if len(a.StoryTerms) == 0 {
		return 0, nil
	}
	matches, err := s.store.StoryTermMatches(ctx, sq.Terms,
		a.Published.Add(-s.cfg.StoryWindow), a.Published.Add(s.cfg.StoryWindow), similar.StoryTermReads)
	if err != nil {
		return 0, fmt.Errorf("story candidates: %w", err)
	}
	pool := similar.CandidatePool(d, matches, sq.Keys)
	var stories map[int64]int64
	if len(pool) > 0 {
		if stories, err = s.store.ArticleStories(ctx, pool); err != nil {
			return 0, fmt.Errorf("story candidates: %w", err)
		}
	}
	ids, byTerms := similar.CandidateIDs(d, matches, sq.Keys, pool, stories)
	if len(ids) == 0 {
		return 0, nil
	}
	sigs, err := s.store.StorySignatures(ctx, ids)
	if err != nil {
		return 0, fmt.Errorf("story candidates: %w", err)
	}
	skip := func(what string) func(StorySignature, error) {
		return func(sig StorySignature, err error) {
			s.log.WarnContext(ctx, "skipping a story "+what, logattr.KeyArticle, sig.ArticleID, logattr.KeyError, err)
		}
	}
	cands, read := similar.CandidateDocs(d, ids, byTerms, sigs, skip("candidate"))
	var members []similar.Doc
	if similar.WholeStories(d, cands) {
		stories := similar.DocStories(cands)
		sigs, err := s.store.StoryMembers(ctx, stories, a.Published.Add(-s.cfg.StoryWindow), a.Published.Add(s.cfg.StoryWindow), similar.StoryMembers)
		if err != nil {
			return 0, fmt.Errorf("story members: %w", err)
		}
		members = similar.MemberDocs(stories, read, sigs, skip("member"))
	}
	return s.matcher().JoinStory(d, cands, members), nil
}

// matcher is the story matcher of s: its MaxGap is the story window, the
// one setting of how far apart two reports of one story may be.
func (s *Service) matcher() similar.Matcher {
	return similar.Matcher{MaxGap: s.cfg.StoryWindow}
}

// fallbackTitleBytes bounds the title made from an article's first
// sentence when it has none.
const fallbackTitleBytes = 110

func fallbackTitle(doc *text.Document) string {
	if len(doc.Sentences) == 0 {
		return "Untitled"
	}
	return textfit.ShortenBytes(doc.Text(doc.Sentences[0].Span), fallbackTitleBytes)
}

func isURL(s string) bool {
	if strings.ContainsAny(s, " \t\n") {
		return false
	}
	return urls.IsHTTP(s)
}
