package digest

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/newsdigest/bot/internal/digest/similar"
	"github.com/newsdigest/bot/internal/logattr"
)

// Tuning of /news. The top story is the best-scored story among the
// full-text hits on the topic:
//
//	score = newsWeightRelevance·relevance + newsWeightRecency·recency + newsWeightOutlets·reach
//
// where relevance is the story's best hit rank over the best rank of all
// hits (0–1), recency = exp(−age/newsRecencyDecay) of that hit, and reach
// = min(1, ln(outlets)) of the distinct outlets among the hits. The weights
// add up to 1, so a score is in [0, 1].
const (
	newsSearchLimit     = 60 // full-text hits ranked per /news topic
	newsWeightRelevance = 0.6
	newsWeightRecency   = 0.3
	newsWeightOutlets   = 0.1
	newsRecencyDecay    = 48 * time.Hour // age at which recency falls to 1/e

	// Related stories: the relatedKeyTerms key terms of the story are
	// searched, relatedSearchLimit hits compared with it.
	relatedKeyTerms    = 10
	relatedSearchLimit = 30
	// minRelatedness drops candidates that share little more than common
	// news vocabulary (unrelated short articles score about 0.1 with
	// similar.Relatedness).
	minRelatedness = 0.12
)

// News answers /news: the top story on topic (or the page at a URL) with
// its summary, key quotes and related headlines.
func (s *Service) News(ctx context.Context, topic string) (Reply, error) {
	return s.news(ctx, topic, articleFilter{})
}

// news is News with the articles narrowed by af.
func (s *Service) news(ctx context.Context, topic string, af articleFilter) (Reply, error) {
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
	hits, err := s.store.SearchArticles(ctx, SearchQuery{Text: topic, Limit: newsSearchLimit})
	if err != nil {
		return Reply{}, fmt.Errorf("news %q: %w", topic, err)
	}
	if s.samplesHidden(ctx) {
		hits = dropSampleHits(hits)
	}
	if r, none := filterNewsHits(&hits, af, topic); none {
		return r, nil
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
		recency := math.Exp(-age / newsRecencyDecay.Hours())
		reach := math.Min(1, math.Log1p(float64(len(st.outlets)-1)))
		st.score = newsWeightRelevance*st.bestRel + newsWeightRecency*recency + newsWeightOutlets*reach
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
	// A page fetched on a user's request is digested, never stored: any
	// user could otherwise plant an article that other channels get from
	// /news, /quote and their daily digests. It still finds its story
	// among the stored articles, for the other outlets and related
	// headlines; when a configured feed carries the same page, the feed's
	// copy is stored as usual.
	sq, err := s.prepare(&a)
	if err != nil {
		return Reply{}, err
	}
	story, err := s.matchStory(ctx, a, sq)
	if err != nil {
		return Reply{}, fmt.Errorf("news %s: %w", a.URL, err)
	}
	a.StoryID = story
	d, err := s.digestOf(ctx, a)
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
		hide := !a.Sample && s.samplesHidden(ctx)
		for _, o := range arts {
			if seen[o.URL] || outlet[o.Source] || (hide && o.Sample) {
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
	// Same story first (relatedStories may find more of it).
	sort.SliceStable(d.Related, func(i, j int) bool { return d.Related[i].SameStory && !d.Related[j].SameStory })
	return d, nil
}

func sortNewest(hs []Headline) {
	sort.SliceStable(hs, func(i, j int) bool { return hs[i].Published.After(hs[j].Published) })
}

// relatedStories returns up to n headlines of other stories similar to a,
// one per story: the same event filed apart first (newest first), then the
// others, most related first. The candidates are compared through their
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
	d.Published = a.Published
	m := s.matcher()
	terms := similar.KeyTerms(d, relatedKeyTerms)
	if len(terms) == 0 {
		return nil, nil
	}
	hits, err := s.store.SearchArticles(ctx, SearchQuery{Text: strings.Join(terms, " "), ExcludeStory: a.StoryID, Limit: relatedSearchLimit})
	if err != nil {
		return nil, fmt.Errorf("related stories: %w", err)
	}
	hide := !a.Sample && s.samplesHidden(ctx)
	other := func(o Article) bool {
		return !seen[o.URL] && (o.StoryID == 0 || o.StoryID != a.StoryID) && !(hide && o.Sample)
	}
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
		od.Published = o.Published
		// The same event filed under another story (told apart before
		// more reports came, or in another language) is listed as the
		// same story, first: as a related story it would show the event
		// twice.
		same := m.SameStory(d, od)
		score := m.Relatedness(d, od)
		if score < minRelatedness && !same {
			continue
		}
		if same {
			score = 2 // above every cosine: kept first
		}
		stories[o.StoryID] = true
		cands = append(cands, cand{Headline{Title: o.Title, URL: o.URL, Source: o.Source, Published: o.Published, SameStory: same}, score})
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	if len(cands) > n {
		cands = cands[:n]
	}
	out := make([]Headline, len(cands))
	for i, c := range cands {
		out[i] = c.h
	}
	// reports of the same event newest first, then the other stories
	// most related first: the closest story is the one a reader wants
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].SameStory != out[j].SameStory {
			return out[i].SameStory
		}
		return out[i].SameStory && out[i].Published.After(out[j].Published)
	})
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
		s.log.WarnContext(ctx, "related stories: reading signatures", logattr.KeyError, err)
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
