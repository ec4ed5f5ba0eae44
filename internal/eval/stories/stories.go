// Package stories evaluates same-story grouping and related headlines
// (internal/digest/similar) on ECB+ (../shared/eval/stories/ecbplus.jsonl):
// documents with the same story report the same event; the same topic but
// another story is a related, different event.
//
// Grouping is measured the way ingest uses it: documents arrive one at a
// time in a fixed pseudo-random order; each is matched against the
// candidates the store's story-term index would give (see
// index.candidates: the same settings and ranking as Service.Ingest, over
// an in-memory index of the earlier documents), and joins the story of the
// returned candidate or starts a new one. Pairwise precision and recall
// compare the resulting groups with the gold stories.
//
// Documents are built as in production: similar.NewStoryDoc over the raw
// title and text (for the entities of the headline and lead) and their
// text.Tokens. About half
// of the ECB+ documents open with their source URL as a paragraph; it is
// dropped and the next paragraph (normally the headline) becomes the title,
// since production sees neither the URL as a headline nor in the body.
//
// Related headlines are measured as precision@5: for each document the
// other documents are ranked by relatedness, and a hit among the top 5 is a
// document of the same topic.
//
// Thresholds were tuned on the odd-numbered topics only; the report gives
// the tuned half, the held-out half (even topics) and the whole set.
package stories

import (
	"cmp"
	"context"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/newsdigest/bot/internal/digest/similar"
	"github.com/newsdigest/bot/internal/digest/text"
	"github.com/newsdigest/bot/internal/eval/jsonl"
)

// DataPath is where the ECB+ file lives relative to the shared directory.
const DataPath = "eval/stories/ecbplus.jsonl"

// relatedK is the K of related headlines' precision@K.
const relatedK = 5

// GroupingRow is the pairwise quality of one grouping system on one split.
type GroupingRow struct {
	System    string
	Split     string
	Docs      int
	Groups    int // groups produced
	Gold      int // gold stories
	Precision float64
	Recall    float64
	F1        float64
}

// RelatedRow is the related-headline precision@5 of one system on one split.
type RelatedRow struct {
	System string
	Split  string
	Docs   int
	P5     float64
}

// Report is the outcome of Run.
type Report struct {
	Docs     int
	Topics   int
	Stories  int
	Grouping []GroupingRow
	Related  []RelatedRow
	Elapsed  time.Duration
}

// Splits, in report order.
const (
	SplitTuned   = "odd topics (tuned)"
	SplitHeldOut = "even topics (held out)"
	SplitAll     = "all"
)

// Systems, in report order.
const (
	SystemBaseline  = "baseline: simhash distance <= 3"
	SystemDefault   = "similar.Matcher{} (IDF from candidates)"
	SystemCorpusIDF = "similar.Matcher{IDF: corpus}"
)

type record struct {
	ID    string `json:"id"`
	Topic string `json:"topic"`
	Story string `json:"story"`
	Title string `json:"title"`
	Text  string `json:"text"`
}

type evalDoc struct {
	rec   record
	doc   similar.Doc
	order uint64
}

// Run loads ECB+ from sharedDir (the directory holding eval/) and measures
// every system on every split. It returns an error when the data cannot be
// read or ctx is cancelled.
func Run(ctx context.Context, sharedDir string) (Report, error) {
	start := time.Now()
	docs, err := load(filepath.Join(sharedDir, DataPath))
	if err != nil {
		return Report{}, err
	}
	r := Report{Docs: len(docs)}
	topics, stories := map[string]bool{}, map[string]bool{}
	for _, d := range docs {
		topics[d.rec.Topic] = true
		stories[d.rec.Story] = true
	}
	r.Topics, r.Stories = len(topics), len(stories)

	splits, systems := []string{SplitTuned, SplitHeldOut, SplitAll}, []string{SystemBaseline, SystemDefault, SystemCorpusIDF}
	for _, split := range splits {
		sub := splitDocs(docs, split)
		for _, sys := range systems {
			if err := ctx.Err(); err != nil {
				return Report{}, fmt.Errorf("stories eval: %w", err)
			}
			groups := group(sub, sys, similar.Matcher{})
			row := scoreGrouping(sub, groups)
			row.System, row.Split = sys, split
			r.Grouping = append(r.Grouping, row)
		}
		for _, sys := range []string{SystemDefault, SystemCorpusIDF} {
			if err := ctx.Err(); err != nil {
				return Report{}, fmt.Errorf("stories eval: %w", err)
			}
			r.Related = append(r.Related, RelatedRow{
				System: sys, Split: split, Docs: len(sub),
				P5: relatedPrecision(sub, sys, relatedK),
			})
		}
	}
	r.Elapsed = time.Since(start)
	return r, nil
}

// Row returns the grouping row of system on split, or false.
func (r Report) Row(system, split string) (GroupingRow, bool) {
	for _, g := range r.Grouping {
		if g.System == system && g.Split == split {
			return g, true
		}
	}
	return GroupingRow{}, false
}

// RelatedP5 returns the related precision@5 of system on split, or false.
func (r Report) RelatedP5(system, split string) (float64, bool) {
	for _, g := range r.Related {
		if g.System == system && g.Split == split {
			return g.P5, true
		}
	}
	return 0, false
}

// Format writes the report as plain-text tables.
func (r Report) Format(w io.Writer) {
	fmt.Fprintf(w, "ECB+ same-story grouping and related headlines: %d documents, %d topics, %d stories\n", r.Docs, r.Topics, r.Stories)
	fmt.Fprintf(w, "online grouping, each document matched against the best %d earlier documents indexed under its %d key terms (%d indexed a document)\n\n",
		similar.StoryCandidates, similar.StoryQueryTerms, similar.StoryIndexTerms)
	fmt.Fprintf(w, "%-42s %-24s %5s %6s %5s %9s %7s %6s\n", "grouping system", "split", "docs", "groups", "gold", "precision", "recall", "F1")
	for _, g := range r.Grouping {
		fmt.Fprintf(w, "%-42s %-24s %5d %6d %5d %9.3f %7.3f %6.3f\n", g.System, g.Split, g.Docs, g.Groups, g.Gold, g.Precision, g.Recall, g.F1)
	}
	fmt.Fprintf(w, "\n%-42s %-24s %5s %12s\n", "related headlines (same topic in top 5)", "split", "docs", "precision@5")
	for _, g := range r.Related {
		fmt.Fprintf(w, "%-42s %-24s %5d %12.3f\n", g.System, g.Split, g.Docs, g.P5)
	}
	fmt.Fprintf(w, "(related: Matcher{} weighs every term the same; corpus IDF is computed over the split's documents)\n")
	fmt.Fprintf(w, "\nthresholds tuned on odd topics only; elapsed %s\n", r.Elapsed.Round(time.Millisecond))
}

func load(path string) ([]evalDoc, error) {
	var docs []evalDoc
	tok := text.NewTokenizer("en") // the same tokens as text.Tokens, faster
	for rec, err := range jsonl.Read[record](context.Background(), path) {
		if err != nil {
			return nil, fmt.Errorf("read ecb+: %w", err)
		}
		rec.Title, rec.Text = stripURLLine(rec.Title, rec.Text)
		h := fnv.New64a()
		h.Write([]byte(rec.ID))
		docs = append(docs, evalDoc{
			rec:   rec,
			doc:   similar.NewStoryDoc(rec.Title, rec.Text, tok.Append, time.Time{}),
			order: h.Sum64(),
		})
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("read ecb+: no documents in %s", path)
	}
	// Arrival order: a fixed shuffle (FNV-1a of the id), so that stories
	// and topics interleave as they would in a feed.
	slices.SortFunc(docs, func(a, b evalDoc) int {
		return cmp.Or(cmp.Compare(a.order, b.order), cmp.Compare(a.rec.ID, b.rec.ID))
	})
	return docs, nil
}

// stripURLLine drops the source URL that opens about half of the ECB+
// documents (their "title" is that URL, detokenized): production never sees
// it, as an article's URL is neither its headline nor part of its body. The
// paragraph after it, normally the headline, becomes the title.
func stripURLLine(title, body string) (string, string) {
	if !strings.HasPrefix(title, "http") {
		return title, body
	}
	_, rest, ok := strings.Cut(body, "\n\n")
	if !ok {
		return title, body
	}
	rest = strings.TrimSpace(rest)
	head, _, _ := strings.Cut(rest, "\n\n")
	return strings.TrimSpace(head), rest
}

func splitDocs(docs []evalDoc, split string) []evalDoc {
	if split == SplitAll {
		return docs
	}
	var out []evalDoc
	for _, d := range docs {
		n, err := strconv.Atoi(d.rec.Topic)
		odd := err == nil && n%2 == 1
		if odd == (split == SplitTuned) {
			out = append(out, d)
		}
	}
	return out
}

// index stands in for the store's story index (digest.ArticleStore
// StoryTermMatches): each document seen so far is indexed under its
// StoryIndexTerms key terms, as Service.Ingest stores them, and document frequencies over
// all tokens are kept for the corpus-IDF system.
type index struct {
	postings map[string][]int64 // story term → positions in docs, ascending
	df       map[string]int     // token → documents holding it
	docs     []similar.Doc
}

func newIndex() *index {
	return &index{postings: make(map[string][]int64), df: make(map[string]int)}
}

func (x *index) add(d similar.Doc) {
	pos := int64(len(x.docs))
	x.docs = append(x.docs, d)
	for _, t := range similar.IndexTerms(d) {
		x.postings[t] = append(x.postings[t], pos)
	}
	seen := make(map[string]bool)
	for _, list := range [][]string{d.TitleTokens, d.Tokens} {
		for _, t := range list {
			if !seen[t] {
				seen[t] = true
				x.df[t]++
			}
		}
	}
}

// idf is the smoothed inverse document frequency over the indexed docs.
func (x *index) idf(term string) float64 {
	n := float64(len(x.docs))
	return 1 + math.Log((n+1)/(float64(x.df[term])+1))
}

// candidates finds d's story candidates as Service.Ingest does: the newest
// similar.StoryTermReads documents indexed under each of d's
// similar.StoryQueryTerms key terms,
// ranked by similar.RankCandidates, the best similar.StoryCandidates of
// them. ECB+ has no publication times, so there is no window.
func (x *index) candidates(d similar.Doc) []int64 {
	terms := similar.QueryTerms(d)
	matches := make([][]int64, len(terms))
	for i, t := range terms {
		p := x.postings[t]
		p = p[max(0, len(p)-similar.StoryTermReads):]
		matches[i] = slices.Clone(p)
		slices.Reverse(matches[i])
	}
	// ECB+ is English only: the candidates found by the index keys alone
	// (for reports in another language) are never compared.
	ids, byTerms := similar.RankStoryCandidates(matches, len(similar.IndexKeys(d, similar.StoryIndexKeys)))
	return ids[:byTerms]
}

// group runs the online grouper of system over docs in order and returns
// the group of each document. base holds the Matcher settings (threshold)
// used by the similar systems.
func group(docs []evalDoc, system string, base similar.Matcher) []int64 {
	x := newIndex()
	out := make([]int64, len(docs))
	var next int64
	for i, ed := range docs {
		d := ed.doc
		m := base
		if system == SystemCorpusIDF && len(x.docs) > 0 {
			m.IDF = x.idf
		}
		hits := x.candidates(d)
		cands := make([]similar.Doc, len(hits))
		for j, p := range hits {
			cands[j] = x.docs[p]
		}
		match := -1
		switch system {
		case SystemBaseline:
			best := similar.DefaultNearDuplicate + 1
			for j, c := range cands {
				if dist := similar.Distance(d.Fingerprint, c.Fingerprint); dist < best {
					match, best = j, dist
				}
			}
		default:
			match = m.MatchStory(d, cands)
		}
		if match >= 0 {
			d.Story = cands[match].Story
		} else {
			next++
			d.Story = next
		}
		out[i] = d.Story
		x.add(d)
	}
	return out
}

// scoreGrouping computes pairwise precision and recall of groups against
// the gold stories.
func scoreGrouping(docs []evalDoc, groups []int64) GroupingRow {
	type cell struct {
		group int64
		story string
	}
	cells := make(map[cell]int)
	byGroup := make(map[int64]int)
	byStory := make(map[string]int)
	for i, d := range docs {
		cells[cell{groups[i], d.rec.Story}]++
		byGroup[groups[i]]++
		byStory[d.rec.Story]++
	}
	pairs := func(n int) float64 { return float64(n) * float64(n-1) / 2 }
	var tp, pred, gold float64
	for _, n := range cells {
		tp += pairs(n)
	}
	for _, n := range byGroup {
		pred += pairs(n)
	}
	for _, n := range byStory {
		gold += pairs(n)
	}
	row := GroupingRow{Docs: len(docs), Groups: len(byGroup), Gold: len(byStory), Precision: 1}
	if pred > 0 {
		row.Precision = tp / pred
	}
	if gold > 0 {
		row.Recall = tp / gold
	}
	if row.Precision+row.Recall > 0 {
		row.F1 = 2 * row.Precision * row.Recall / (row.Precision + row.Recall)
	}
	return row
}

// relatedPrecision ranks, for each document, every other document of docs
// by relatedness and returns the mean fraction of same-topic documents in
// the top k.
func relatedPrecision(docs []evalDoc, system string, k int) float64 {
	var m similar.Matcher
	if system == SystemCorpusIDF {
		all := make([]similar.Doc, len(docs))
		for i := range docs {
			all[i] = docs[i].doc
		}
		m.IDF = similar.CorpusIDF(all)
	}
	vecs := make([]similar.Vector, len(docs))
	for i := range docs {
		vecs[i] = m.Vector(docs[i].doc)
	}
	type scored struct {
		i int
		s float64
	}
	var sum float64
	ranked := make([]scored, 0, len(docs))
	for i := range docs {
		ranked = ranked[:0]
		for j := range docs {
			if j != i {
				ranked = append(ranked, scored{j, similar.Cosine(vecs[i], vecs[j])})
			}
		}
		slices.SortFunc(ranked, func(a, b scored) int {
			return cmp.Or(cmp.Compare(b.s, a.s), cmp.Compare(a.i, b.i))
		})
		top := min(k, len(ranked))
		hits := 0
		for _, r := range ranked[:top] {
			if docs[r.i].rec.Topic == docs[i].rec.Topic {
				hits++
			}
		}
		if top > 0 {
			sum += float64(hits) / float64(k)
		}
	}
	return sum / float64(len(docs))
}
