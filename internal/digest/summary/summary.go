// Package summary builds extractive summaries: it picks whole sentences of
// an analysed article (text.Document) without any trained model or network
// access. It is pure computation and must not import anything doing I/O.
package summary

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/newsdigest/bot/internal/digest/text"
)

// Extract returns up to n sentences of doc that summarise it, in article
// order. See ExtractWithTitle; Extract is the same without a headline.
func Extract(doc *text.Document, n int) []text.Sentence {
	return ExtractWithTitle(doc, "", n)
}

// ExtractWithTitle returns up to n sentences of doc that summarise it, in
// article order. Each is one of doc.Sentences, so its text is a verbatim
// span of doc.Body (use doc.Text or doc.Plain to show it). The headline,
// when given, helps rank sentences that tell the story it names.
//
// The result is deterministic. The main score is TextRank centrality:
// weighted PageRank over the sentence graph whose edges count the content
// words two sentences share, over log|a| + log|b|. Small terms add a
// length bonus (up to 40 words), overlap with the title, and a penalty for
// opening with a quotation (the digest shows quotes separately); ties go
// to the earlier sentence. The best are taken greedily under constraints
// that keep the summary readable, skipping:
//   - fragments of fewer than 6 words, and headings (up to 20 words
//     without final punctuation, such as a headline repeated in the body);
//   - near-duplicates of a sentence already taken (idf-weighted cosine
//     ≥ 0.6);
//   - sentences opening with a dangling reference ("He", "She", "It",
//     "This", "But", "However", "Also", "Él", "Sin embargo", "Pero"…),
//     unless it is the article's first sentence or the sentence just
//     before it is also taken, so that it still reads correctly. When the
//     budget allows, a strong dangling sentence is taken together with the
//     sentence before it (if that one scores at least 85% as well).
//
// Fewer than n sentences are returned when the article has fewer usable
// ones; nil for n <= 0 or a nil or empty document.
func ExtractWithTitle(doc *text.Document, title string, n int) []text.Sentence {
	if doc == nil || n <= 0 || len(doc.Sentences) == 0 {
		return nil
	}
	sc := scratchPool.Get().(*scratch)
	defer sc.release()
	f := analyse(doc, title, sc)
	return pick(doc, f, n, &defaultParams)
}

// scratch holds the buffers of one summary between calls: the lexicon's
// table and words, the term ids and features of the sentences, the graph's
// term lists and links. Nothing a summary returns refers to them.
type scratch struct {
	slots []lexSlot
	spare []lexSlot // the table before the lexicon last grew, reused when it grows again
	words []byte
	all   []int32
	seen  []int32
	fresh []int32
	ints  []int32
	idf   []float64
	links []link
	feats []sentFeat
}

// scratchPool lends a scratch to one ExtractWithTitle call at a time. It
// is the package's only shared variable, kept on purpose: allocating these
// buffers anew for every article made garbage collection a tenth of a
// digest's time. A sync.Pool is safe for concurrent use and a buffer is
// only used by the call holding it, so results do not depend on it.
var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// maxKept bounds the buffers a pool keeps (in elements): those of a rare
// huge body are left to the collector.
const maxKept = 1 << 17

// release clears what points into an article and gives sc back to the pool.
func (sc *scratch) release() {
	if cap(sc.slots) > maxKept || cap(sc.spare) > maxKept || cap(sc.all) > maxKept || cap(sc.seen) > maxKept || cap(sc.ints) > 4*maxKept || cap(sc.links) > maxKept ||
		cap(sc.feats) > maxKept || cap(sc.fresh) > maxKept || cap(sc.words) > 8*maxKept {
		return
	}
	clear(sc.feats[:cap(sc.feats)])
	sc.feats = sc.feats[:0]
	scratchPool.Put(sc)
}

// int32s returns a zeroed slice of n int32 from the scratch.
func (sc *scratch) int32s(n int) []int32 {
	if cap(sc.ints) < n {
		sc.ints = make([]int32, n)
		return sc.ints
	}
	s := sc.ints[:n]
	clear(s)
	return s
}

// params are the scoring weights and selection thresholds, tuned on the
// BBC dev split (ROUGE-1/2/L at 3 sentences) with the readability
// constraints in force.
type params struct {
	length, lengthCap float64 // weight of min(words, lengthCap)/lengthCap
	rank, title       float64 // weights of TextRank and title overlap
	quoteOpen         float64 // penalty for opening with a quotation mark
	dup               float64 // cosine at or above which a sentence is a near-duplicate
	pair              float64 // a dangling sentence may bring the one before it when that scores ≥ pair × its score; < 0: never
	minWords          int     // shorter sentences are fragments
}

var defaultParams = params{
	length: 0.45, lengthCap: 40,
	rank: 1, title: 0.05,
	quoteOpen: 0.05,
	dup:       0.6,
	pair:      0.85,
	minWords:  6,
}

// sentFeat holds what scoring needs about one sentence.
type sentFeat struct {
	words     int       // word count
	heading   bool      // short and without final punctuation: a headline or label
	rank      float64   // TextRank score, 0..1
	title     float64   // share of title terms present, 0..1
	quoteOpen bool      // opens with a quotation mark
	dangling  bool      // opens with a dangling reference
	terms     []int32   // ids of the sentence's distinct terms, ascending
	idf       []float64 // idf weight of every term id (shared by all sentences)
	norm      float64
}

// analyse computes the features of every sentence of doc.
func analyse(doc *text.Document, title string, sc *scratch) []sentFeat {
	sents := doc.Sentences
	var feats []sentFeat
	if cap(sc.feats) >= len(sents) {
		feats = sc.feats[:len(sents)] // cleared by release
	} else {
		feats = make([]sentFeat, len(sents))
		sc.feats = feats
	}
	lx := newLexicon(doc.Lang, len(doc.Body)/12, sc) // about the distinct words of a news body
	defer func() { sc.slots, sc.spare, sc.words = lx.slots, lx.spare, lx.words }()
	all := sc.all[:0]
	if need := len(doc.Body) / 8; cap(all) < need {
		all = make([]int32, 0, need)
	}
	// seen[id] is 1 + the last sentence holding id: a sentence's terms are
	// made distinct without sorting them all. Ids are given in reading
	// order, so the ids new in a sentence come, distinct, in ascending
	// order and after every older id: only the older ones need sorting.
	seen, fresh := sc.seen[:0], sc.fresh[:0]
	defer func() { sc.all, sc.seen, sc.fresh = all[:0], seen[:0], fresh[:0] }()
	bounds := make([]int, len(sents)+1)
	for i, s := range sents {
		txt := doc.Text(s.Span)
		start := len(all)
		first := int32(lx.size()) // ids from first on are new in this sentence
		var words int
		all, words = lx.appendIDs(all, txt)
		for len(seen) < lx.size() {
			seen = append(seen, 0)
		}
		stamp, old := int32(i+1), start
		fresh = fresh[:0]
		for _, id := range all[start:] {
			if seen[id] == stamp {
				continue
			}
			seen[id] = stamp
			if id < first {
				all[old] = id // old <= the index read: nothing unread is overwritten
				old++
			} else {
				fresh = append(fresh, id)
			}
		}
		slices.Sort(all[start:old])
		all = append(all[:old], fresh...)
		bounds[i+1] = len(all)
		f := &feats[i]
		f.words = words
		f.heading = words <= 20 && !endsSentence(txt)
		f.quoteOpen = opensWithQuote(txt)
		f.dangling = text.HasRules(doc.Lang) && dangling(txt, doc.Lang)
		// A sentence opening inside a quotation reads only after the
		// sentence that opens it: the same rule as a dangling reference.
		f.dangling = f.dangling || s.InQuote
	}
	var tt []int32
	if title != "" {
		tt, _ = lx.appendIDs(nil, title)
		slices.Sort(tt)
		tt = dedup(tt)
	}
	vocab := lx.size()
	// idf over the article's sentences: a sentence is a document.
	df := sc.int32s(vocab)
	for _, id := range all {
		df[id]++
	}
	nDocs := float64(len(sents))
	// A term's idf depends only on its document frequency: one logarithm
	// per frequency, not per term.
	byDF := make([]float64, len(sents)+1)
	for c := 1; c < len(byDF); c++ {
		byDF[c] = math.Log(1 + nDocs/float64(c))
	}
	if cap(sc.idf) < vocab {
		sc.idf = make([]float64, vocab)
	}
	idf := sc.idf[:vocab]
	for id, c := range df {
		idf[id] = byDF[c]
	}
	for i := range feats {
		norm := 0.0
		ts := all[bounds[i]:bounds[i+1]:bounds[i+1]]
		for _, id := range ts {
			norm += idf[id] * idf[id]
		}
		feats[i].terms = ts
		feats[i].idf = idf
		feats[i].norm = math.Sqrt(norm)
	}
	graph(feats, vocab, sc)
	if len(tt) > 0 {
		for i := range feats {
			hit := 0
			a, b := feats[i].terms, tt
			for len(a) > 0 && len(b) > 0 {
				switch {
				case a[0] < b[0]:
					a = a[1:]
				case a[0] > b[0]:
					b = b[1:]
				default:
					hit++
					a, b = a[1:], b[1:]
				}
			}
			feats[i].title = float64(hit) / float64(len(tt))
		}
	}
	return feats
}

// lexicon gives dense ids (0, 1, 2 …) to the distinct content words of
// one article: lowercased runs of letters and digits of at least two
// bytes, not starting with a digit and not a stop word of the language.
// Words are not stemmed: on the BBC dev split exact word forms link
// sentences better than Snowball stems.
//
// Words are kept in an open-addressing table hashed (FNV-1a) while they
// are read, which costs less than a Go map lookup per word: looking words
// up is a large part of a summary's time. Slots hold offsets into one byte
// buffer, not strings, so the table has no pointers for the collector to
// scan and no write barriers to pay.
type lexicon struct {
	lang  string
	slots []lexSlot // length a power of two, at most three quarters full
	spare []lexSlot // a table to reuse when slots grows (see scratch)
	words []byte    // the lowercased words, one after another
	used  int
	n     int32
	buf   []byte
}

type lexSlot struct {
	hash      uint32
	id        int32  // -1: not a content word
	off, size uint32 // the word is words[off:off+size]; size 0: empty slot
}

const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

func newLexicon(lang string, hint int, sc *scratch) *lexicon {
	size := 64
	for 3*size < 4*hint {
		size *= 2
	}
	l := &lexicon{lang: lang, buf: make([]byte, 0, 32)}
	l.spare = sc.spare
	if cap(sc.slots) >= size {
		l.slots = sc.slots[:size]
		clear(l.slots)
	} else {
		l.slots = make([]lexSlot, size)
	}
	if cap(sc.words) >= 6*hint {
		l.words = sc.words[:0]
	} else {
		l.words = make([]byte, 0, 6*hint)
	}
	return l
}

// size is the number of ids given so far.
func (l *lexicon) size() int { return int(l.n) }

// lookup returns the slot of word b with hash h, empty when b is new.
func (l *lexicon) lookup(b []byte, h uint32) *lexSlot {
	mask := uint32(len(l.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		sl := &l.slots[i]
		if sl.size == 0 || sl.hash == h && string(l.words[sl.off:sl.off+sl.size]) == string(b) {
			return sl
		}
	}
}

func (l *lexicon) grow() {
	old := l.slots
	if n := 2 * len(old); cap(l.spare) >= n {
		l.slots = l.spare[:n]
		clear(l.slots)
	} else {
		l.slots = make([]lexSlot, n)
	}
	l.spare = old
	mask := uint32(len(l.slots) - 1)
	for _, sl := range old {
		if sl.size == 0 {
			continue
		}
		i := sl.hash & mask
		for l.slots[i].size != 0 {
			i = (i + 1) & mask
		}
		l.slots[i] = sl
	}
}

// appendIDs appends the id of every content word of s to dst and returns
// it with the number of words (content or not) in s.
func (l *lexicon) appendIDs(dst []int32, s string) ([]int32, int) {
	words := 0
	for i := 0; i < len(s); {
		for i < len(s) && nonWordASCII[s[i]] {
			i++ // spaces and punctuation
		}
		if i == len(s) {
			break
		}
		if c := s[i]; c >= utf8.RuneSelf {
			if r, size := utf8.DecodeRuneInString(s[i:]); !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				i += size
				continue
			}
		}
		words++
		// Most words are lower-case ASCII: read them in place.
		start := i
		h := uint32(fnvOffset)
		for i < len(s) && lowerWordByte[s[i]] {
			h = (h ^ uint32(s[i])) * fnvPrime
			i++
		}
		if i == len(s) || s[i] < utf8.RuneSelf && !wordByte[s[i]] {
			w := s[start:i]
			if len(w) < 2 || '0' <= w[0] && w[0] <= '9' {
				continue
			}
			sl := l.lookupString(w, h)
			if sl.size == 0 {
				dst = addWord(l, dst, sl, w, h)
			} else if sl.id >= 0 {
				dst = append(dst, sl.id)
			}
			continue
		}
		// An upper-case or non-ASCII letter: the word is lowered apart.
		dst, i = l.appendLowered(dst, s, start, i, h)
	}
	return dst, words
}

// appendLowered reads the rest of the word of s opening at start, whose
// bytes up to i are lower-case ASCII hashed into h, lowering it into
// l.buf; it appends its id when it is a content word and returns the
// offset after it. Kept apart from appendIDs so that the loop over
// lower-case words keeps its values in registers.
func (l *lexicon) appendLowered(dst []int32, s string, start, i int, h uint32) ([]int32, int) {
	b := append(l.buf[:0], s[start:i]...)
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if !wordByte[c] {
				break
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
			h = (h ^ uint32(c)) * fnvPrime
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		r = unicode.ToLower(r)
		k := len(b)
		b = utf8.AppendRune(b, r)
		for _, c := range b[k:] {
			h = (h ^ uint32(c)) * fnvPrime
		}
		i += size
	}
	l.buf = b
	if len(b) < 2 || '0' <= b[0] && b[0] <= '9' {
		return dst, i
	}
	sl := l.lookup(b, h)
	if sl.size == 0 {
		return addWord(l, dst, sl, b, h), i
	}
	if sl.id >= 0 {
		dst = append(dst, sl.id)
	}
	return dst, i
}

// lookupString is lookup for a word read in place.
func (l *lexicon) lookupString(w string, h uint32) *lexSlot {
	mask := uint32(len(l.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		sl := &l.slots[i]
		if sl.size == 0 || sl.hash == h && string(l.words[sl.off:sl.off+sl.size]) == w {
			return sl
		}
	}
}

// addWord adds w, a word in a string or, lowered, in l.buf (a buffer
// needs no string of its own), at the empty slot sl and appends its id to
// dst when it is a content word.
func addWord[W string | []byte](l *lexicon, dst []int32, sl *lexSlot, w W, h uint32) []int32 {
	id := int32(-1)
	if !text.IsStopWord(string(w), l.lang) {
		id = l.n
		l.n++
	}
	*sl = lexSlot{hash: h, id: id, off: uint32(len(l.words)), size: uint32(len(w))}
	if n := len(l.words); n+len(w) <= cap(l.words) {
		// Re-slicing in place stores no pointer: no write barrier.
		l.words = l.words[:n+len(w)]
		copy(l.words[n:], w)
	} else {
		l.words = append(l.words, w...)
	}
	if l.used++; 4*l.used > 3*len(l.slots) {
		l.grow()
	}
	if id >= 0 {
		dst = append(dst, id)
	}
	return dst
}

// nonWordASCII marks the ASCII bytes that are not letters or digits.
var nonWordASCII = func() (t [256]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = !isWordByte(byte(c))
	}
	return t
}()

// lowerWordByte marks the bytes of lower-case ASCII words: a-z and digits.
var lowerWordByte = func() (t [256]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = 'a' <= c && c <= 'z' || '0' <= c && c <= '9'
	}
	return t
}()

// wordByte marks the ASCII bytes of words: letters and digits.
var wordByte = func() (t [utf8.RuneSelf]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = isWordByte(byte(c))
	}
	return t
}()

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func dedup(s []int32) []int32 {
	if len(s) < 2 {
		return s
	}
	k := 1
	for i := 1; i < len(s); i++ {
		if s[i] != s[k-1] {
			s[k] = s[i]
			k++
		}
	}
	return s[:k]
}

// cosine is the idf-weighted cosine similarity of two sentences' term
// sets.
func cosine(a, b *sentFeat) float64 {
	if a.norm == 0 || b.norm == 0 {
		return 0
	}
	return overlap(a, b) / (a.norm * b.norm)
}

// link is an edge of the sentence graph between sentences i < j.
type link struct {
	i, j int32
	w    float64
}

// flowSum is what one sentence sends per link in a PageRank round, and
// what it receives.
type flowSum struct{ flow, sum float64 }

// graph sets the TextRank score of every sentence: weighted PageRank
// (d = 0.85) over the classic similarity, shared terms / (log|a| + log|b|),
// scaled to max 1.
func graph(feats []sentFeat, vocab int, scr *scratch) {
	n := len(feats)
	if n == 0 {
		return
	}
	// One allocation for the per-sentence floats (flow[i] is sc[i] / the
	// out-weight of i).
	fl := make([]float64, 3*n)
	logLen, out, sc := fl[:n:n], fl[n:2*n:2*n], fl[2*n:]
	fs := make([]flowSum, n) // per round: sc[i] × the inverse out-weight of i, and the sum flowing in
	for i := range feats {
		logLen[i] = math.Log(float64(max(len(feats[i].terms), 1)))
	}
	// Shared terms are counted through each term's list of sentences
	// (ascending), so only pairs that share a term are visited: most
	// terms occur in one or two sentences.
	total := 0
	for i := range feats {
		total += len(feats[i].terms)
	}
	// One zeroed buffer for the term lists' starts, the lists, the
	// cursors and the shared-term counts.
	buf := scr.int32s(vocab + 1 + total + vocab + n)
	start, buf := buf[:vocab+1:vocab+1], buf[vocab+1:]
	for i := range feats {
		for _, t := range feats[i].terms {
			start[t+1]++
		}
	}
	for id := range vocab {
		start[id+1] += start[id]
	}
	post, buf := buf[:total:total], buf[total:]
	next, common := buf[:vocab:vocab], buf[vocab:vocab+n] // next: where sentence i sits in each list as i advances
	copy(next, start[:vocab])
	for i := range feats {
		for _, t := range feats[i].terms {
			post[next[t]] = int32(i)
			next[t]++
		}
	}
	copy(next, start[:vocab])
	// Room for every link at once: a pair of sentences is linked only if
	// it shares a term, so there are at most as many links as pairs
	// within the terms' lists, and at most n(n-1)/2.
	bound := 0
	for id := range vocab {
		c := int(start[id+1] - start[id])
		bound += c * (c - 1) / 2
	}
	links := scr.links[:0]
	if need := min(bound, n*(n-1)/2); cap(links) < need {
		links = make([]link, 0, need)
	}
	defer func() { scr.links = links[:0] }()
	touched := make([]int32, 0, n)
	for i := range feats {
		touched = touched[:0]
		for _, t := range feats[i].terms {
			k := next[t] // post[k] == i
			next[t]++
			for _, j := range post[k+1 : start[t+1]] {
				if common[j] == 0 {
					touched = append(touched, j)
				}
				common[j]++
			}
		}
		// Links in (i, j) order, as the scores are summed: the sentences
		// after i that share a term, ascending. When they are many among
		// the sentences after i, reading those in order costs less than
		// sorting.
		if after := n - i - 1; len(touched) > 8 && after <= 4*len(touched) {
			touched = touched[:0]
			for j := i + 1; j < n; j++ {
				if common[j] != 0 {
					touched = append(touched, int32(j))
				}
			}
		} else {
			slices.Sort(touched)
		}
		for _, j := range touched {
			c := common[j]
			common[j] = 0
			den := logLen[i] + logLen[j]
			if den <= 0 {
				continue
			}
			v := float64(c) / den
			links = append(links, link{int32(i), j, v})
			out[i] += v
			out[j] += v
		}
	}
	for i := range out {
		if out[i] > 0 {
			out[i] = 1 / out[i]
		}
	}
	for i := range sc {
		sc[i] = 1
		fs[i] = flowSum{flow: out[i]} // sc[i] × out[i]
	}
	for range rankRounds {
		for _, l := range links {
			a, b := &fs[l.i], &fs[l.j] // one bounds check each for both fields
			a.sum += l.w * b.flow
			b.sum += l.w * a.flow
		}
		delta := 0.0
		for i := range sc {
			v := 0.15 + 0.85*fs[i].sum
			if d := math.Abs(v - sc[i]); d > delta { // scores are finite: no NaN
				delta = d
			}
			sc[i] = v
			fs[i] = flowSum{flow: v * out[i]} // for the next round
		}
		if delta < rankTol {
			break
		}
	}
	maxR := 0.0
	for i := range feats {
		maxR = max(maxR, sc[i])
	}
	for i := range feats {
		feats[i].rank = sc[i] / maxR
	}
}

// PageRank stops after rankRounds rounds or once no score moves by rankTol.
const (
	rankRounds = 50
	rankTol    = 1e-4
)

// overlap returns the idf-weighted dot product of two sentences.
func overlap(a, b *sentFeat) float64 {
	dot := 0.0
	i, j := 0, 0
	for i < len(a.terms) && j < len(b.terms) {
		switch {
		case a.terms[i] < b.terms[j]:
			i++
		case a.terms[i] > b.terms[j]:
			j++
		default:
			dot += a.idf[a.terms[i]] * b.idf[b.terms[j]]
			i++
			j++
		}
	}
	return dot
}

// score is the desirability of a sentence.
func score(f *sentFeat, p *params) float64 {
	s := p.length * math.Min(float64(f.words), p.lengthCap) / p.lengthCap
	s += p.rank*f.rank + p.title*f.title
	if f.quoteOpen {
		s -= p.quoteOpen
	}
	return s
}

// pick chooses up to n sentences greedily by score.
func pick(doc *text.Document, feats []sentFeat, n int, p *params) []text.Sentence {
	order := make([]int, 0, len(feats))
	scores := make([]float64, len(feats))
	for i := range feats {
		if feats[i].words < p.minWords || feats[i].heading {
			continue
		}
		scores[i] = score(&feats[i], p)
		order = append(order, i)
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(scores[b], scores[a]) }) // best first
	chosen := make([]bool, len(feats))
	picked := make([]int, 0, n)
	for progress := true; progress && len(picked) < n; {
		progress = false
		for _, i := range order {
			if chosen[i] {
				continue
			}
			if !eligible(feats, chosen, picked, i, p) {
				// A strong sentence opening with a dangling reference
				// may come with the sentence before it.
				h := i - 1
				if p.pair >= 0 && feats[i].dangling && h >= 0 && !chosen[h] && len(picked)+2 <= n &&
					scores[h] > 0 && scores[h] >= p.pair*scores[i] && eligible(feats, chosen, picked, h, p) &&
					cosine(&feats[i], &feats[h]) < p.dup && notDup(feats, picked, i, p) {
					chosen[h], chosen[i] = true, true
					picked = append(picked, h, i)
					progress = true
					break
				}
				continue
			}
			chosen[i] = true
			picked = append(picked, i)
			progress = true
			break
		}
	}
	slices.Sort(picked)
	out := make([]text.Sentence, len(picked))
	for k, i := range picked {
		out[k] = doc.Sentences[i]
	}
	return out
}

// eligible reports whether sentence i may join the picked ones.
func eligible(feats []sentFeat, chosen []bool, picked []int, i int, p *params) bool {
	if feats[i].dangling && i > 0 && !chosen[i-1] {
		return false
	}
	return notDup(feats, picked, i, p)
}

// notDup reports whether sentence i is no near-duplicate of a picked one.
func notDup(feats []sentFeat, picked []int, i int, p *params) bool {
	for _, j := range picked {
		if cosine(&feats[i], &feats[j]) >= p.dup {
			return false
		}
	}
	return true
}

// endsSentence reports whether s ends with terminal punctuation, possibly
// followed by closing quotes or brackets.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, "\"'”’»)] ")
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '.', '!', '?', '…':
		return true
	}
	return false
}

func opensWithQuote(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	switch r {
	case '"', '“', '‘', '«', '\'', '„':
		return true
	}
	return false
}

// dangling reports whether sentence s opens with a word that refers back
// to something it does not contain.
func dangling(s, lang string) bool {
	s = trimOpeners(s)
	e := 0
	for e < len(s) {
		if c := s[e]; c < utf8.RuneSelf {
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
				break
			}
			e++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[e:])
		if !unicode.IsLetter(r) {
			break
		}
		e += size
	}
	var fb [32]byte // the first word lowercased without allocating
	first := string(text.AppendLower(fb[:0], s[:e]))
	rest := s[e:]
	switch first {
	case "he", "she", "they", "it", "its", "his", "her", "their", "them", "him",
		"but", "however", "also", "and", "so", "yet", "still", "moreover", "furthermore",
		"besides", "thus", "therefore", "hence", "nevertheless", "nonetheless", "instead",
		"likewise", "similarly", "additionally", "otherwise", "such", "then", "though",
		"él", "ella", "ellos", "ellas", "pero", "además", "también", "asimismo", "entonces",
		"esto", "eso", "aquello", "sus":
		return true
	case "this", "that", "these", "those", "este", "esta", "estos", "estas", "ese", "esa", "esos", "esas":
		var sb [32]byte
		switch string(secondWord(sb[:0], rest)) {
		case "year", "week", "month", "season", "summer", "winter", "spring", "autumn", "weekend",
			"morning", "afternoon", "evening", "time", "year's", "week's", "año", "mes", "semana",
			"fin", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo":
			return false
		}
		return true
	case "sin":
		var sb [32]byte
		return string(secondWord(sb[:0], rest)) == "embargo"
	case "por":
		var sb [32]byte
		second := secondWord(sb[:0], rest)
		return string(second) == "eso" || string(second) == "ello" || string(second) == "tanto"
	case "aun", "aún":
		var sb [32]byte
		return string(secondWord(sb[:0], rest)) == "así"
	case "in":
		var sb [32]byte
		return string(secondWord(sb[:0], rest)) == "addition"
	case "as":
		var sb [32]byte
		second := secondWord(sb[:0], rest)
		rest = strings.TrimLeft(rest, " ")
		return string(second) == "well" || string(second) == "a" && strings.HasPrefix(strings.ToLower(rest), "a result")
	case "at":
		return strings.HasPrefix(strings.ToLower(strings.TrimLeft(rest, " ")), "the same time")
	case "on":
		return strings.HasPrefix(strings.ToLower(strings.TrimLeft(rest, " ")), "the other hand")
	}
	return false
}

// trimOpeners is strings.TrimLeft(s, "\"“‘«'„(- ").
func trimOpeners(s string) string {
	for s != "" {
		switch c := s[0]; {
		case c == '"' || c == '\'' || c == '(' || c == '-' || c == ' ':
			s = s[1:]
		case strings.HasPrefix(s, "“") || strings.HasPrefix(s, "‘") || strings.HasPrefix(s, "„"):
			s = s[len("“"):] // all three are 3 bytes
		case strings.HasPrefix(s, "«"):
			s = s[len("«"):]
		default:
			return s
		}
	}
	return s
}

// secondWord returns, lowercased into dst, the word after the first one
// (rest is what follows the first word): up to a space or ,.;: and empty
// when longer than 32 bytes.
func secondWord(dst []byte, rest string) []byte {
	second := strings.TrimLeft(rest, " ")
	if k := strings.IndexAny(second, " ,.;:"); k >= 0 {
		second = second[:k]
	}
	if len(second) > 32 {
		second = second[:0]
	}
	return text.AppendLower(dst, second)
}
