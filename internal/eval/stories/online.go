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
// window (the newest similar.StoryTermReads under each term), and
// ingest's own steps (similar.CandidatePool, CandidateIDs, CandidateDocs,
// MemberDocs, Matcher.JoinStory) pick the story to join, if any: a headline-length
// document (similar.ShortDoc) is compared with whole stories, given the
// newest similar.StoryMembers articles of each candidate's story in the
// window. It stands in for the store's story index (digest.ArticleStore
// StoryTermMatches, StorySignatures and StoryMembers).
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
	story := int64(0)
	if len(a.StoryTerms) > 0 {
		story = o.match(d, a.Published)
	}
	joined := story != 0
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

// match returns the story d joins, 0 for none, by ingest's steps
// (digest.Service.Ingest): similar.CandidatePool, similar.CandidateIDs,
// similar.CandidateDocs, similar.MemberDocs and similar.Matcher.JoinStory,
// the store's reads simulated by termMatches, articleStories, signatures
// and members.
func (o *online) match(d similar.Doc, at time.Time) int64 {
	query := similar.QueryTerms(d)
	matches := o.termMatches(query, at)
	keys := len(similar.IndexKeys(d, similar.StoryIndexKeys))
	if o.perArticle {
		ids, byTerms := similar.RankStoryCandidates(matches, keys)
		cands, _ := similar.CandidateDocs(d, ids, byTerms, o.signatures(ids), badSignature)
		if i := o.m.MatchStory(d, cands); i >= 0 {
			return cands[i].Story
		}
		return 0
	}
	pool := similar.CandidatePool(d, matches, keys)
	ids, byTerms := similar.CandidateIDs(d, matches, keys, pool, o.articleStories(pool))
	cands, read := similar.CandidateDocs(d, ids, byTerms, o.signatures(ids), badSignature)
	var members []similar.Doc
	if similar.WholeStories(d, cands) {
		stories := similar.DocStories(cands)
		members = similar.MemberDocs(stories, read, o.members(stories, at), badSignature)
	}
	return o.m.JoinStory(d, cands, members)
}

// badSignature stops the evaluation: every signature reads back
// (similar's fuzz target checks it).
func badSignature(_ similar.StoredSignature, err error) { panic(err) }

// termMatches is digest.ArticleStore.StoryTermMatches: for each term, the
// newest similar.StoryTermReads documents in the window indexed under it.
func (o *online) termMatches(terms []string, at time.Time) [][]int64 {
	matches := make([][]int64, len(terms))
	for i, t := range terms {
		var ids []int64
		p := o.postings[t]
		for k := len(p) - 1; k >= 0 && len(ids) < similar.StoryTermReads; k-- {
			if o.inWindow(o.docs[p[k]].published, at) {
				ids = append(ids, p[k])
			}
		}
		matches[i] = ids
	}
	return matches
}

// articleStories is digest.ArticleStore.ArticleStories.
func (o *online) articleStories(ids []int64) map[int64]int64 {
	out := make(map[int64]int64, len(ids))
	for _, id := range ids {
		out[id] = o.docs[id].story
	}
	return out
}

// signatures is digest.ArticleStore.StorySignatures.
func (o *online) signatures(ids []int64) []similar.StoredSignature {
	out := make([]similar.StoredSignature, len(ids))
	for i, id := range ids {
		out[i] = o.stored(id)
	}
	return out
}

// members is digest.ArticleStore.StoryMembers: the newest (by
// publication, then position) similar.StoryMembers documents of each
// story in the window.
func (o *online) members(stories []int64, at time.Time) []similar.StoredSignature {
	var out []similar.StoredSignature
	for _, st := range stories {
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
			out = append(out, o.stored(p))
		}
	}
	return out
}

func (o *online) stored(pos int64) similar.StoredSignature {
	od := o.docs[pos]
	return similar.StoredSignature{ArticleID: pos, StoryID: od.story, Published: od.published, Data: od.sig}
}

// inWindow reports whether t is in the story window around at, half-open
// as the stores' [since, until): at-window <= t < at+window.
func (o *online) inWindow(t, at time.Time) bool {
	if o.window <= 0 || t.IsZero() || at.IsZero() {
		return true
	}
	d := t.Sub(at)
	return -o.window <= d && d < o.window
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
