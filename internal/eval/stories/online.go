package stories

import (
	"cmp"
	"slices"
	"time"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/digest/similar"
)

// online groups articles one at a time as digest.Service.Ingest does:
// each article is analysed by digest.Analyze (which computes its story
// terms and signature), its similar.StoryQueryTerms key terms are looked
// up in an index of the earlier articles' story terms within the story
// window (the newest similar.StoryTermReads under each term), the matches
// are ranked by similar.RankCandidates, the best similar.StoryCandidates
// are parsed from their signatures and similar.Matcher.MatchStory picks
// the story to join, if any; a headline-length document (similar.ShortDoc)
// is compared with whole stories by similar.Matcher.MatchStoryGroups,
// given the newest similar.StoryMembers articles of each candidate's story
// in the window. It stands in for the store's story index
// (digest.ArticleStore StoryTermMatches, StorySignatures and
// StoryMembers).
type online struct {
	m        similar.Matcher
	window   time.Duration      // 0: no window (undated documents)
	postings map[string][]int64 // story term → positions in docs, ascending
	docs     []onlineDoc
	// perArticle: match every document by MatchStory alone, as ingest
	// did before it read story members (kept to report the change).
	perArticle bool
	byStory    map[int64][]int64 // story → positions in docs, ascending
	next       int64             // last story id given
}

type onlineDoc struct {
	sig       []byte
	published time.Time
	story     int64
}

// newOnline returns an empty grouper with the production matcher for a
// story window (digest.Config.StoryWindow; 0 for undated documents).
func newOnline(window time.Duration) *online {
	m := similar.Matcher{MaxGap: window}
	return &online{m: m, window: window, postings: make(map[string][]int64), byStory: make(map[int64][]int64)}
}

// newOnlinePerArticle is newOnline without whole-story matching (see
// online.perArticle).
func newOnlinePerArticle(window time.Duration) *online {
	o := newOnline(window)
	o.perArticle = true
	return o
}

// ingest analyses a, groups it and indexes it; it returns a's story and
// whether a joined an earlier story.
func (o *online) ingest(a digest.Article) (int64, bool) {
	digest.Analyze(&a)
	d, err := similar.ParseSignature(a.StorySignature)
	if err != nil {
		panic(err) // every signature reads back (similar's fuzz target checks it)
	}
	d.Published = a.Published
	story, joined := int64(0), false
	if len(a.StoryTerms) > 0 {
		if i, stories := o.match(d, a.Published); i >= 0 {
			story, joined = stories[i], true
		}
	}
	if story == 0 {
		o.next++
		story = o.next
	}
	pos := int64(len(o.docs))
	o.docs = append(o.docs, onlineDoc{sig: a.StorySignature, published: a.Published, story: story})
	for _, t := range a.StoryTerms {
		o.postings[t] = append(o.postings[t], pos)
	}
	o.byStory[story] = append(o.byStory[story], pos)
	return story, joined
}

// match returns the index of the candidate whose story d joins (or -1)
// and the candidates' stories.
func (o *online) match(d similar.Doc, at time.Time) (int, []int64) {
	query := similar.QueryTerms(d)
	matches := make([][]int64, len(query))
	for i, t := range query {
		var ids []int64
		p := o.postings[t]
		for k := len(p) - 1; k >= 0 && len(ids) < similar.StoryTermReads; k-- {
			if o.inWindow(o.docs[p[k]].published, at) {
				ids = append(ids, p[k])
			}
		}
		matches[i] = ids
	}
	keys := len(similar.IndexKeys(d, similar.StoryIndexKeys))
	ids, byTerms := similar.RankStoryCandidates(matches, keys)
	if !o.perArticle && similar.ShortDoc(d) {
		ids, byTerms = similar.WithGroupCandidates(ids, byTerms, matches, keys)
	}
	// Ingest orders the signatures it reads as RankCandidates ranked them.
	cands := make([]similar.Doc, 0, len(ids))
	stories := make([]int64, 0, len(ids))
	read := make(map[int64]bool, len(ids)) // the candidates compared
	for k, id := range ids {
		od := o.docs[id]
		c, err := similar.ParseSignature(od.sig)
		if err != nil {
			panic(err)
		}
		c.Published, c.Story = od.published, od.story
		if k >= byTerms && !similar.KeepKeyCandidate(d, c) {
			continue
		}
		cands = append(cands, c)
		stories = append(stories, od.story)
		read[id] = true
	}
	if o.perArticle || !similar.ShortDoc(d) || len(cands) == 0 {
		return o.m.MatchStory(d, cands), stories
	}
	// As digest.ArticleStore.StoryMembers: the newest (by publication)
	// similar.StoryMembers of each story in the window; as ingest, those
	// already compared left out.
	var members []similar.Doc
	done := make(map[int64]bool)
	for _, st := range stories {
		if done[st] {
			continue
		}
		done[st] = true
		var in []int64
		for _, p := range o.byStory[st] {
			if o.inWindow(o.docs[p].published, at) {
				in = append(in, p)
			}
		}
		slices.SortFunc(in, func(x, y int64) int {
			if c := o.docs[y].published.Compare(o.docs[x].published); c != 0 {
				return c
			}
			return cmp.Compare(y, x)
		})
		for _, p := range in[:min(len(in), similar.StoryMembers)] {
			if read[p] {
				continue
			}
			od := o.docs[p]
			c, err := similar.ParseSignature(od.sig)
			if err != nil {
				panic(err)
			}
			c.Published, c.Story = od.published, od.story
			members = append(members, c)
			stories = append(stories, od.story)
		}
	}
	return o.m.MatchStoryGroups(d, cands, members), stories
}

func (o *online) inWindow(t, at time.Time) bool {
	if o.window <= 0 || t.IsZero() || at.IsZero() {
		return true
	}
	return t.Sub(at).Abs() <= o.window
}

// pairScore returns pair-counting precision, recall and F1 of groups
// against gold labels: over all pairs of items, a pair grouped together is
// right when both have the same gold label.
func pairScore(gold []string, groups []int64) (p, r, f1 float64) {
	type cell struct {
		group int64
		gold  string
	}
	cells := make(map[cell]int)
	byGroup := make(map[int64]int)
	byGold := make(map[string]int)
	for i := range gold {
		cells[cell{groups[i], gold[i]}]++
		byGroup[groups[i]]++
		byGold[gold[i]]++
	}
	pairs := func(n int) float64 { return float64(n) * float64(n-1) / 2 }
	var tp, pred, want float64
	for _, n := range cells {
		tp += pairs(n)
	}
	for _, n := range byGroup {
		pred += pairs(n)
	}
	for _, n := range byGold {
		want += pairs(n)
	}
	p = 1
	if pred > 0 {
		p = tp / pred
	}
	if want > 0 {
		r = tp / want
	}
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	return p, r, f1
}
