package similar

import (
	"cmp"
	"hash/maphash"
	"math"
	"slices"
	"strings"
	"time"
)

// Doc is an article as the scorers see it. Build it with NewDoc; a Doc
// built by hand (without NewDoc) still works but its term vector is
// rebuilt on every comparison.
type Doc struct {
	Title       string
	TitleTokens []string // stemmed content tokens of the title
	Tokens      []string // stemmed content tokens of the body
	Published   time.Time
	// Fingerprint is the SimHash of Tokens (of TitleTokens for an empty
	// body).
	Fingerprint uint64
	// Story is the story the document already belongs to, 0 when unknown.
	// MatchStory weighs the candidates of one story together.
	Story int64
	// Entities are the lower-cased names and numbers of the headline and
	// lead (see Entities), sorted and distinct; NewDocText fills them.
	// Empty: unknown, and the documents are compared by terms alone.
	Entities []string
	// Lang is the document's language ("en", "es"), "" when unknown.
	// Documents of two known, different languages are compared by their
	// Keys alone (see CrossKeys).
	Lang string
	// Keys are the language-independent keys of the headline and lead
	// (see CrossKeys), sorted and distinct; NewDocText fills them.
	Keys []string

	terms []termFreq // sorted by term; nil until NewDoc
}

type termFreq struct {
	term string
	tf   float64 // sublinear in n, numbers boosted
	n    int32   // occurrences, a title occurrence counting titleBoost
	year bool    // a year such as 2013: see yearPenalty
	bare bool    // a number alone: see isBareNumber
}

// newTermFreq describes term occurring n times (title occurrences counted
// titleBoost times): its frequency is sublinear in n, numbers boosted.
func newTermFreq(term string, n int32) termFreq {
	tf := 1 + math.Log(float64(n))
	bare := isBareNumber(term)
	if bare {
		tf *= numberBoost
	}
	return termFreq{term: term, n: n, tf: tf, year: isYear(term), bare: bare}
}

// isYear reports whether t is a four-digit year from 1900 to 2099.
func isYear(t string) bool {
	return len(t) == 4 && (t[:2] == "19" || t[:2] == "20") &&
		'0' <= t[2] && t[2] <= '9' && '0' <= t[3] && t[3] <= '9'
}

// isBareNumber reports whether t is a number alone: digits with inner
// '.' or ',' ("2014", "7.1", "11,000"), not "100m" or "5th".
func isBareNumber(t string) bool {
	if t == "" || t[0] < '0' || t[0] > '9' {
		return false
	}
	for i := 0; i < len(t); i++ {
		if c := t[i]; (c < '0' || c > '9') && c != '.' && c != ',' {
			return false
		}
	}
	return true
}

// titleBoost is how many body occurrences one title occurrence is worth.
const titleBoost = 3

// numberBoost multiplies the weight of numbers (see isBareNumber): counts,
// ages, scores, dates and years tell two events of the same kind apart
// better than words do. But a number is not a name: "2014" or "100" in two
// headlines says nothing on its own. Shared numbers count only between
// documents whose words already agree (a cosine without the numbers of at
// least numberGate); numbers that differ always count against.
const numberBoost = 3

// numberGate is the cosine over words alone from which shared numbers
// count (see numberBoost). Tuned on the odd topics of ECB+ and uci-dev.
const numberGate = 0.1

// NewDoc builds a Doc from a headline, its tokens and the body tokens.
// The slices are kept, not copied; the caller must not change them.
func NewDoc(title string, titleTokens, bodyTokens []string, published time.Time) Doc {
	d := Doc{
		Title:       title,
		TitleTokens: titleTokens,
		Tokens:      bodyTokens,
		Published:   published,
	}
	if len(bodyTokens) > 0 {
		d.Fingerprint = Fingerprint(bodyTokens)
	} else {
		d.Fingerprint = Fingerprint(titleTokens)
	}
	d.terms = buildTerms(titleTokens, bodyTokens)
	return d
}

// Term limits of a Doc. A token longer than MaxTermBytes is not a word (a
// URL remnant, an encoded blob, a hostile 5,000-letter "word") and tells
// no event apart: it is left out. A document keeps at most maxDocTerms
// distinct terms (the most frequent): no news article comes near, and
// together they bound its signature below what ParseSignature reads, so
// that every Doc's signature can be read back.
const (
	MaxTermBytes = 64
	maxDocTerms  = 10_000
)

func buildTerms(title, body []string) []termFreq {
	counts := make(map[string]int, len(body)/2+len(title))
	for _, t := range body {
		if len(t) > 1 && len(t) <= MaxTermBytes {
			counts[t]++
		}
	}
	for _, t := range title {
		if len(t) > 1 && len(t) <= MaxTermBytes {
			counts[t] += titleBoost
		}
	}
	terms := make([]termFreq, 0, len(counts))
	for t, c := range counts {
		terms = append(terms, newTermFreq(t, int32(min(c, math.MaxInt32))))
	}
	if len(terms) > maxDocTerms {
		slices.SortFunc(terms, func(a, b termFreq) int {
			return cmp.Or(cmp.Compare(b.n, a.n), strings.Compare(a.term, b.term))
		})
		terms = terms[:maxDocTerms]
	}
	slices.SortFunc(terms, func(a, b termFreq) int { return strings.Compare(a.term, b.term) })
	return terms
}

func (d *Doc) termList() []termFreq {
	if d.terms == nil && (len(d.Tokens) > 0 || len(d.TitleTokens) > 0) {
		return buildTerms(d.TitleTokens, d.Tokens)
	}
	return d.terms
}

// IDF gives the weight of a term: high for rare, distinctive terms (names,
// places, numbers), low for common ones. Implementations must return
// values ≥ 0 and be safe for concurrent use if the caller shares them.
type IDF func(term string) float64

// CorpusIDF returns smoothed inverse document frequencies computed from
// docs: 1 + ln((N+1)/(df+1)). Terms absent from docs get the highest
// weight. It is the fallback when a Matcher has no IDF: computed over the
// candidates of one comparison, it lowers the weight of the words all the
// candidates share (the topic) and raises the ones that tell their events
// apart (names, places, numbers).
func CorpusIDF(docs []Doc) IDF {
	df := make(map[string]int)
	for i := range docs {
		for _, t := range docs[i].termList() {
			df[t.term]++
		}
	}
	n := float64(len(docs))
	return func(term string) float64 {
		return 1 + math.Log((n+1)/(float64(df[term])+1))
	}
}

// Matcher scores documents against each other. The zero value is ready to
// use with the documented defaults; a Matcher is safe for concurrent use
// when its IDF is.
type Matcher struct {
	// IDF weighs terms, typically from the store's document frequencies;
	// a term's weight is its sublinear frequency times the square root of
	// its IDF.
	// nil: CorpusIDF over the documents of each call (for SameStory and
	// Relatedness, where only two documents are known, every term then
	// weighs the same).
	IDF IDF
	// Threshold is the TF-IDF cosine at or above which two documents are
	// the same story. 0: DefaultThreshold without IDF, DefaultIDFThreshold
	// with one (a corpus IDF spreads weights further apart, which raises
	// the cosines of documents sharing rare terms).
	Threshold float64
	// ShortThreshold is the story score at or above which a short document
	// (see ShortDocTerms) joins a story. 0: DefaultShortThreshold.
	ShortThreshold float64
	// NearDuplicate is the largest fingerprint Distance at which two
	// documents are the same story whatever their cosine (wire copies).
	// 0: DefaultNearDuplicate; negative: never.
	NearDuplicate int
	// MaxGap is the largest difference in publication time for the same
	// story, when both times are known. 0: DefaultMaxGap.
	MaxGap time.Duration
}

// Defaults of a zero Matcher.
// The thresholds were tuned on the odd-numbered topics of ECB+ for a
// pairwise precision of at least 0.95 (see internal/eval/stories).
// DefaultThreshold 0.32 keeps the odd topics' precision at 0.969 (0.30
// and 0.31 too, with more recall, but with no step of margin left: 0.28
// falls to 0.948), recall 0.682 there (0.598 at the former 0.34).
const (
	DefaultThreshold     = 0.32
	DefaultIDFThreshold  = 0.38
	DefaultNearDuplicate = 3
	// DefaultShortThreshold is the threshold of short documents (see
	// ShortDocTerms).
	DefaultShortThreshold = 0.32
	// DefaultMaxGap is the default story window: digest.Config.StoryWindow
	// defaults to it, and the service sets a Matcher's MaxGap to its window,
	// so that the candidate lookup and the matcher agree.
	DefaultMaxGap = 72 * time.Hour
)

func (m Matcher) threshold() float64 {
	switch {
	case m.Threshold > 0:
		return m.Threshold
	case m.IDF != nil:
		return DefaultIDFThreshold
	}
	return DefaultThreshold
}

func (m Matcher) shortThreshold() float64 {
	if m.ShortThreshold > 0 {
		return m.ShortThreshold
	}
	return DefaultShortThreshold
}

func (m Matcher) nearDup() int {
	if m.NearDuplicate == 0 {
		return DefaultNearDuplicate
	}
	return m.NearDuplicate
}

func (m Matcher) maxGap() time.Duration {
	if m.MaxGap > 0 {
		return m.MaxGap
	}
	return DefaultMaxGap
}

// vector is a document's TF-IDF weights aligned with its sorted terms.
type vector struct {
	terms []termFreq
	w     []float64
	norm  float64
}

func weigh(d *Doc, idf IDF) vector {
	if idf == nil {
		return weighBy(d, nil)
	}
	// The square root damps the IDF: full IDF lets a couple of rare words
	// (a typo, a by-line) decide the cosine.
	return weighBy(d, func(t *termFreq) float64 { return math.Sqrt(idf(t.term)) })
}

// weighBy weighs d's terms by their frequency times f (1 when f is nil).
func weighBy(d *Doc, f func(t *termFreq) float64) vector {
	terms := d.termList()
	v := vector{terms: terms, w: make([]float64, len(terms))}
	var sum float64
	for i := range terms {
		x := terms[i].tf
		if f != nil {
			x *= f(&terms[i])
		}
		v.w[i] = x
		sum += x * x
	}
	v.norm = math.Sqrt(sum)
	return v
}

// corpusVectors weighs the terms of each of docs and of d as weighBy does
// with the square root of CorpusIDF over docs and d (what weigh does with
// CorpusIDF), each weight computed once per distinct term and passed
// through a non-nil then once, as the caller would every weight it reads:
// for MatchStory's many comparisons. It returns the vectors of docs, then
// d's, which share one weight array.
func corpusVectors(docs []Doc, d *Doc, then func(float64) float64) []vector {
	vs := make([]vector, len(docs)+1)
	total := 0
	for i := range vs {
		var terms []termFreq
		if i < len(docs) {
			terms = docs[i].termList()
		} else {
			terms = d.termList()
		}
		vs[i].terms = terms
		total += len(terms)
	}
	// Each term is looked up once, in an open-addressing table of term
	// indexes at least twice the size of all the terms: at[k], the k-th
	// term of all the documents in order, is the index of its term in
	// keys and ws, which holds its document frequency, then its weight.
	// At ingest some 1,200 of 2,000 terms over 21 documents are distinct:
	// a map from term to index is three times the size and grows twice.
	size := 8
	for size < 2*total {
		size *= 2
	}
	mask := uint64(size - 1)
	slots := make([]int32, size) // index+1, 0 for an empty slot
	keys := make([]string, 0, total*5/8)
	ws := make([]float64, 0, total*5/8)
	at := make([]int32, total)
	seed := maphash.MakeSeed()
	k := 0
	for i := range vs {
		for _, t := range vs[i].terms {
			h := maphash.String(seed, t.term) & mask
			for {
				j := slots[h] - 1
				if j < 0 {
					j = int32(len(keys))
					slots[h] = j + 1
					keys = append(keys, t.term)
					ws = append(ws, 0)
				} else if keys[j] != t.term {
					h = (h + 1) & mask
					continue
				}
				ws[j]++
				at[k] = j
				break
			}
			k++
		}
	}
	n := float64(len(vs))
	for j, df := range ws {
		x := math.Sqrt(1 + math.Log((n+1)/(df+1)))
		if then != nil {
			x = then(x)
		}
		ws[j] = x
	}
	w := make([]float64, total)
	k = 0
	for i := range vs {
		v := &vs[i]
		m := len(v.terms)
		v.w = w[k : k+m : k+m]
		var sum float64
		for p := range v.terms {
			x := v.terms[p].tf * ws[at[k+p]]
			v.w[p] = x
			sum += x * x
		}
		v.norm = math.Sqrt(sum)
		k += m
	}
	return vs
}

// sqrtStoryIDF is the square root of the inverse story frequency of a
// term among the stories of docs: 1 + ln((S+2)/(s+1)), S the stories of
// docs and s those with a document holding the term, computed once per
// distinct term. A headline compared with whole stories (MatchStoryGroups)
// is told which story it joins by the words that few of the candidate
// stories use, however many of one story's reports use them: a document
// frequency would weigh a big story's own name least, because all its
// reports repeat it. A document of no story (Story 0) is a story of its
// own.
func sqrtStoryIDF(docs []Doc) func(t *termFreq) float64 {
	type seen struct {
		story int64
		n     float64
	}
	key := func(i int) int64 {
		if docs[i].Story == 0 {
			return -int64(i) - 1
		}
		return docs[i].Story
	}
	// Visited story by story, so that a term's last story tells whether
	// this one counted it already.
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(key(a), key(b)) })
	df := make(map[string]*seen)
	stories, prev := 0, int64(0)
	for k, i := range order {
		key := key(i)
		if k == 0 || key != prev {
			stories++
		}
		prev = key
		for _, t := range docs[i].termList() {
			switch e := df[t.term]; {
			case e == nil:
				df[t.term] = &seen{story: key, n: 1}
			case e.story != key:
				e.story, e.n = key, e.n+1
			}
		}
	}
	n := float64(stories) + 1 // and the new document's own
	for _, e := range df {
		e.n = math.Sqrt(1 + math.Log((n+1)/(e.n+1)))
	}
	top := math.Sqrt(1 + math.Log(n+1))
	return func(t *termFreq) float64 {
		if e, ok := df[t.term]; ok {
			return e.n
		}
		return top
	}
}

// shortIDF flattens the weight x of a term for a headline-length document
// (see shortIDFPower).
func shortIDF(x float64) float64 { return math.Pow(x, shortIDFPower) }

// cosine of two weighted vectors, in [0, 1].
func cosine(a, b vector) float64 {
	c, _ := cosineYears(a, b)
	return c
}

// yearPenalty multiplies the similarity of two documents that both name
// years but no year in common: two events of the same kind (two rehab
// check-ins, two earthquakes) are often told apart by nothing else.
const yearPenalty = 0.5

// eventScore is the same-story similarity of two vectors: their cosine,
// times yearPenalty when both name years and share none.
func eventScore(a, b vector) float64 {
	c, disjoint := cosineYears(a, b)
	if disjoint {
		c *= yearPenalty
	}
	return c
}

// cosineYears returns the cosine of a and b and whether both name years
// and share none of them.
func cosineYears(a, b vector) (float64, bool) {
	if a.norm == 0 || b.norm == 0 {
		return 0, false
	}
	var dot, bareDot float64
	var ya, yb, shared int
	for _, t := range a.terms {
		if t.year {
			ya++
		}
	}
	for _, t := range b.terms {
		if t.year {
			yb++
		}
	}
	i, j := 0, 0
	for i < len(a.terms) && j < len(b.terms) {
		switch x, y := a.terms[i].term, b.terms[j].term; {
		case x < y:
			i++
		case x > y:
			j++
		default:
			if a.terms[i].bare {
				bareDot += a.w[i] * b.w[j]
			} else {
				dot += a.w[i] * b.w[j]
			}
			if a.terms[i].year {
				shared++
			}
			i++
			j++
		}
	}
	if dot/(a.norm*b.norm) >= numberGate {
		dot += bareDot
	}
	return min(1, dot/(a.norm*b.norm)), ya > 0 && yb > 0 && shared == 0
}

// Vector is a document's weighted term vector under one Matcher's IDF,
// for ranking many documents without weighing each again. The zero Vector
// is related to nothing.
type Vector struct{ v vector }

// Vector weighs d's terms with m.IDF (every term the same when nil).
func (m Matcher) Vector(d Doc) Vector { return Vector{weigh(&d, m.IDF)} }

// Cosine returns the relatedness of two vectors made by the same Matcher,
// in [0, 1]: Cosine(m.Vector(a), m.Vector(b)) == m.Relatedness(a, b).
func Cosine(a, b Vector) float64 { return cosine(a.v, b.v) }

// Relatedness returns how related b is to a, from 0 (nothing in common)
// to 1 (the same words): the cosine of their TF-IDF vectors, titles
// weighted above bodies. It is symmetric.
func (m Matcher) Relatedness(a, b Doc) float64 {
	return cosine(weigh(&a, m.IDF), weigh(&b, m.IDF))
}

// SameStory reports whether a and b report the same event: near-duplicate
// fingerprints, or a TF-IDF cosine at or above the threshold (halved when
// both name years and share none; when both carry Entities, raised by
// their overlap and lowered by a fixed penalty, see withEntities), and in
// both cases publication times no further apart than MaxGap when both are
// known.
func (m Matcher) SameStory(a, b Doc) bool {
	if !m.closeInTime(a, b) {
		return false
	}
	if m.nearDuplicate(a, b) {
		return true
	}
	if crossLanguage(a, b) {
		return crossScore(a.Keys, b.Keys) >= crossThreshold
	}
	s := eventScore(weigh(&a, m.IDF), weigh(&b, m.IDF))
	return withEntities(s, a.Entities, b.Entities, uniformWeight) >= m.threshold()
}

func (m Matcher) closeInTime(a, b Doc) bool {
	if a.Published.IsZero() || b.Published.IsZero() {
		return true
	}
	gap := a.Published.Sub(b.Published)
	return gap.Abs() <= m.maxGap()
}

func (m Matcher) nearDuplicate(a, b Doc) bool {
	k := m.nearDup()
	return k >= 0 && a.Fingerprint != 0 && b.Fingerprint != 0 &&
		Distance(a.Fingerprint, b.Fingerprint) <= k
}

// MatchStory returns the index in candidates of a document whose story d
// should join, or -1 when d starts a new story. Candidates are already
// stored documents (typically found by a full-text search for KeyTerms(d)
// among recent articles). Candidates sharing a non-zero Story are weighed
// together (each candidate's similarity adjusted by the entities it
// shares with d, weighed by their rarity among the candidates, when both
// carry Entities): a story scores storyWeightTop times the similarity of its
// closest candidate plus the rest times the mean over its candidates, and
// d joins the best-scoring story when that score reaches the threshold (a
// near-duplicate of any candidate joins its story at once). The returned
// index is that story's candidate most similar to d.
func (m Matcher) MatchStory(d Doc, candidates []Doc) int {
	return m.matchStory(d, candidates, false)
}

// StoryMembers is how many articles of each candidate story (the newest
// within the story window) MatchStoryGroups is meant to be given. On
// uci-dev (internal/eval/stories), with candidates spread over stories
// (CandidateIDs), 30, 40, 50, 75, 100 and 200 give F1 86.1, 85.9, 86.3,
// 86.2, 86.1 and 86.0 (precision 0.927–0.938); before the spreading, 100
// gave 0.930 / 84.7 and 50 0.897 / 83.8.
const StoryMembers = 50

// DefaultGroupThreshold is the cosine of a short document (see
// ShortDocTerms) with the centroid of a whole story at or above which
// MatchStoryGroups joins it to that story. Tuned on uci-dev
// (internal/eval/stories), first with document-level weights: 0.13 and
// 0.14 gave precision 0.918, 0.15 to 0.18 0.924–0.925. With story-level
// weights (sqrtStoryIDF), the words' norm (centroidCosine) and
// StoryGroupCandidates, 0.13 to 0.17 gave precision 0.922–0.936, F1
// 84.3–84.7 (0.930, 84.7 at 0.15). With candidates spread over stories
// and stories of candidates alone compared whole, 0.14, 0.15 and 0.16 give
// F1 86.6, 86.3 and 85.6 (precision 0.936, 0.937, 0.932); not moved.
const DefaultGroupThreshold = 0.15

// MatchStoryGroups is MatchStory comparing a short document with each
// story as a whole: members are the other articles of the candidates'
// stories within the story window (up to StoryMembers of each, Story set),
// and a short d (see ShortDocTerms) joins the story whose centroid (the
// sum of the unit vectors of all its candidates and members) is the most
// similar by cosine, if that reaches DefaultGroupThreshold (terms weighed
// by their rarity among the candidate stories, see sqrtStoryIDF, when the
// Matcher has no IDF), or if d is close enough to one of the story's
// articles that MatchStory would join it on that article alone (its
// similarity times shortWeightTop reaching the short threshold). A headline
// shares a word or two with any one report of its story but most of its
// words with the story as a whole, while a story it merely touches keeps
// a centroid of other words. A story known by one report only (no other
// member, one candidate) is joined on its centroid only when d shares at
// least minSharedOneReport words with it: one shared word weighs much in
// the cosine of two headlines. With no members at all, the stories are
// those of the candidates alone, compared the same way, so that a
// headline is matched alike whether or not some candidate's story has
// more reports. A document that is not short is matched by MatchStory.
// The index returned is into candidates followed by members.
func (m Matcher) MatchStoryGroups(d Doc, candidates, members []Doc) int {
	if !ShortDoc(d) {
		return m.MatchStory(d, candidates)
	}
	all := make([]Doc, 0, len(candidates)+len(members))
	all = append(all, candidates...)
	all = append(all, members...)
	return m.matchStory(d, all, true)
}

// ShortDoc reports whether d is matched as a short document: at most
// ShortDocTerms distinct terms, a headline alone or with a line of
// description.
func ShortDoc(d Doc) bool { return len(d.termList()) <= ShortDocTerms }

// matchStory is MatchStory; group: a short d is compared with the
// centroids of whole stories (see MatchStoryGroups).
func (m Matcher) matchStory(d Doc, candidates []Doc, group bool) int {
	if len(candidates) == 0 {
		return -1
	}
	short := ShortDoc(d)
	var weight func(t *termFreq) float64
	var vs []vector // vs[i] candidate i's vector, then d's; nil: weighBy
	switch {
	case m.IDF == nil && short && group:
		weight = sqrtStoryIDF(candidates)
	case m.IDF == nil:
		var flatten func(float64) float64
		if short {
			flatten = shortIDF
		}
		vs = corpusVectors(candidates, &d, flatten) // flattened once per term
	default:
		weight = func(t *termFreq) float64 { return math.Sqrt(m.IDF(t.term)) }
		if short {
			idf := weight
			weight = func(t *termFreq) float64 { return shortIDF(idf(t)) }
		}
	}
	vectorOf := func(i int) vector {
		if vs != nil {
			return vs[i]
		}
		return weighBy(&candidates[i], weight)
	}
	var vd vector
	if vs != nil {
		vd = vs[len(candidates)]
	} else {
		vd = weighBy(&d, weight)
	}
	ew := entityIDF(d, candidates)
	th := m.threshold()
	weightTop := shortWeightTop
	switch {
	case short && group:
		th, weightTop = DefaultGroupThreshold, 0
	case short:
		th = m.shortThreshold()
	}

	type storyScore struct {
		sum      float64
		n        int
		best     int // candidate index with the highest similarity
		top      float64
		centroid map[string]float64 // sum of the candidates' unit vectors
	}
	stories := make(map[int64]*storyScore)
	var keys []int64
	bestDup, bestDupDist := -1, 65
	for i := range candidates {
		c := &candidates[i]
		if !m.closeInTime(d, *c) {
			continue
		}
		if m.nearDuplicate(d, *c) {
			if dist := Distance(d.Fingerprint, c.Fingerprint); dist < bestDupDist {
				bestDup, bestDupDist = i, dist
			}
		}
		vc := vectorOf(i)
		var s float64
		if crossLanguage(d, *c) {
			// Scaled so that crossThreshold counts as the threshold (for
			// a headline compared with whole stories, the short one: it
			// joins on the closest report alone, as per article).
			scale := th
			if short && group {
				scale = m.shortThreshold()
			}
			s = crossScore(d.Keys, c.Keys) / crossThreshold * scale
		} else {
			s = eventScore(vd, vc)
			s = withEntities(s, d.Entities, c.Entities, ew)
		}
		key := c.Story
		if key == 0 {
			key = -int64(i) - 1 // unknown story: a story of its own
		}
		st := stories[key]
		if st == nil {
			st = &storyScore{best: i, top: -1}
			stories[key] = st
			keys = append(keys, key)
		}
		st.sum += s
		st.n++
		if vc.norm > 0 && short && !crossLanguage(d, *c) {
			if st.centroid == nil {
				st.centroid = make(map[string]float64, 2*len(vc.terms))
			}
			addUnit(st.centroid, vc, group)
		}
		if s > st.top {
			st.top, st.best = s, i
		}
	}
	if bestDup >= 0 {
		return bestDup
	}
	best, bestScore := -1, th
	for _, k := range keys {
		st := stories[k]
		score := storyWeightTop*st.top + (1-storyWeightTop)*st.sum/float64(st.n)
		if short {
			cc := centroidCosine(vd, st.centroid, group)
			if group && st.n == 1 && sharedWords(vd, st.centroid) < minSharedOneReport {
				cc = 0
			}
			score = weightTop*st.top + (1-weightTop)*cc
			if group && shortWeightTop*st.top >= m.shortThreshold() {
				// Joined on its closest report alone when matched per
				// article: a story whose centroid has drifted from
				// that report is still its story.
				score = max(score, th)
			}
		}
		if score >= bestScore {
			best, bestScore = st.best, score
		}
	}
	return best
}

// crossLanguage reports whether a and b are of two known, different
// languages.
func crossLanguage(a, b Doc) bool {
	return a.Lang != "" && b.Lang != "" && a.Lang != b.Lang
}

// addUnit adds to centroid the unit vector of v's terms, bare numbers
// left out. wordsOnly: the unit is taken over v's words alone, so that a
// report's numbers do not shrink its words' share (see centroidCosine).
func addUnit(centroid map[string]float64, v vector, wordsOnly bool) {
	var nn float64
	for k, t := range v.terms {
		if !t.bare {
			nn += v.w[k] * v.w[k]
		}
	}
	if !wordsOnly {
		nn = v.norm * v.norm
	}
	if nn == 0 {
		return
	}
	n := math.Sqrt(nn)
	for k, t := range v.terms {
		if !t.bare {
			centroid[t.term] += v.w[k] / n
		}
	}
}

// minSharedOneReport is how many words a headline compared with whole
// stories (MatchStoryGroups) must share with a story known by one report
// to join it on its centroid: between two headlines, one shared word
// gives a cosine of 0.15 and more. On uci-dev (internal/eval/stories),
// with stories of candidates alone compared as whole stories, it takes
// precision from 0.928 to 0.934 and F1 from 85.4 to 86.0.
const minSharedOneReport = 2

// sharedWords returns how many of v's words (bare numbers left out) a
// story's centroid holds.
func sharedWords(v vector, centroid map[string]float64) int {
	n := 0
	for _, t := range v.terms {
		if !t.bare && centroid[t.term] != 0 {
			n++
		}
	}
	return n
}

// centroidCosine is the cosine of v and a story's centroid (the sum of its
// candidates' unit vectors, bare numbers left out), in [0, 1]. Numbers
// count only against: they weigh in v's norm but never in the dot
// product. wordsOnly leaves them out of v's norm too, for a headline
// compared with a whole story (MatchStoryGroups): a story's reports carry
// many numbers (scores, prices, counts, dates), so a number of the
// headline that the centroid lacks says nothing against the story, while
// with its weight (numberBoost) it would halve the headline's cosine.
func centroidCosine(v vector, centroid map[string]float64, wordsOnly bool) float64 {
	if v.norm == 0 || len(centroid) == 0 {
		return 0
	}
	var dot, nn, vn float64
	for _, x := range centroid {
		nn += x * x
	}
	for k, t := range v.terms {
		if !t.bare {
			dot += v.w[k] * centroid[t.term]
			vn += v.w[k] * v.w[k]
		}
	}
	if !wordsOnly {
		vn = v.norm * v.norm
	}
	if vn == 0 {
		return 0
	}
	return min(1, dot/(math.Sqrt(nn*vn)))
}

// storyWeightTop is the weight of a story's closest candidate in its score
// (the mean over its candidates has the rest): a story reported from many
// angles has members far from d, which the mean alone would count against
// it, while the closest member alone lets one loose match chain two events.
const storyWeightTop = 0.7

// Short documents: a headline alone, or with a line of description, shares
// a word or two with any one report of its story, too few for a cosine
// with one article to mean much; what it shares with the story as a whole
// (the centroid of the story's candidates) says more. A document with at
// most ShortDocTerms distinct terms is matched by shortWeightTop times its
// closest candidate plus the rest times the cosine with the story's
// centroid, with flatter term weights (shortIDFPower), against the short
// threshold. Tuned on uci-dev (internal/eval/stories).
const (
	ShortDocTerms  = 24
	shortWeightTop = 0.5
	// shortIDFPower flattens the candidate IDF for short documents: the
	// candidates of a headline all share its few words, so how rare a
	// word is among them says little (weights become IDF^(power/2)).
	shortIDFPower = 0.25
)

// KeyTerms returns up to n distinct terms of d that best identify it,
// highest weight first: title terms count more than body terms, and with
// an IDF rare terms count more than common ones; numbers get no boost. The ingest code uses them
// to build the full-text search for candidates of MatchStory.
func (m Matcher) KeyTerms(d Doc, n int) []string {
	if n <= 0 {
		return nil
	}
	v := weigh(&d, m.IDF)
	for i, t := range v.terms {
		if t.bare {
			v.w[i] /= numberBoost // numbers tell events apart but search badly
		}
	}
	idx := make([]int, len(v.terms))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int {
		if c := cmp.Compare(v.w[b], v.w[a]); c != 0 {
			return c
		}
		// Among equal weights, longer words are the rarer ones.
		if c := cmp.Compare(len(v.terms[b].term), len(v.terms[a].term)); c != 0 {
			return c
		}
		return cmp.Compare(v.terms[a].term, v.terms[b].term)
	})
	if len(idx) > n {
		idx = idx[:n]
	}
	out := make([]string, len(idx))
	for i, j := range idx {
		out[i] = v.terms[j].term
	}
	return out
}

// SameStory is Matcher{}.SameStory.
func SameStory(a, b Doc) bool { return Matcher{}.SameStory(a, b) }

// Relatedness is Matcher{}.Relatedness.
func Relatedness(a, b Doc) float64 { return Matcher{}.Relatedness(a, b) }

// MatchStory is Matcher{}.MatchStory.
func MatchStory(d Doc, candidates []Doc) int { return Matcher{}.MatchStory(d, candidates) }

// KeyTerms is Matcher{}.KeyTerms.
func KeyTerms(d Doc, n int) []string { return Matcher{}.KeyTerms(d, n) }
