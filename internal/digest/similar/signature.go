package similar

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
)

// A signature is the part of a Doc that story matching reads, encoded for
// storage next to the article: its term counts, fingerprint, entities,
// language and cross-language keys. Comparing a new article with stored
// candidates then needs no tokenizing and stemming of their bodies, only
// ParseSignature, which is an order of magnitude cheaper. The encoding
// (version 2):
//
//	version byte (2)
//	fingerprint, 8 bytes little-endian
//	language as uvarint length and bytes
//	uvarint entity count, then each entity as uvarint length and bytes
//	uvarint key count, then each key (see CrossKeys) likewise
//	uvarint term count, then the terms in byte order, each as uvarint length
//	of the prefix shared with the previous term, uvarint length of the rest,
//	the rest, and uvarint occurrences (title occurrences count titleBoost)
//
// Version 1, written before, has no language and no keys; it is still
// read (such a Doc is compared by its terms and entities only).
const signatureVersion = 2

// ErrSignature is wrapped by the errors of ParseSignature.
var ErrSignature = errors.New("malformed story signature")

// Signature limits: ParseSignature refuses larger input, so that a
// corrupted row cannot make it allocate without bound.
const (
	maxSignatureBytes = 1 << 20
	maxSignatureTerm  = 1 << 10
)

// AppendSignature appends d's signature (see ParseSignature) to b. Title,
// Published and Story are not part of it: the store keeps them.
func (d Doc) AppendSignature(b []byte) []byte {
	terms := d.termList() // sorted by term
	b = append(b, signatureVersion)
	b = binary.LittleEndian.AppendUint64(b, d.Fingerprint)
	lang := d.Lang
	if len(lang) > MaxTermBytes {
		lang = ""
	}
	b = binary.AppendUvarint(b, uint64(len(lang)))
	b = append(b, lang...)
	for _, list := range [][]string{d.Entities, d.Keys} {
		list = signatureEntities(list)
		b = binary.AppendUvarint(b, uint64(len(list)))
		for _, e := range list {
			b = binary.AppendUvarint(b, uint64(len(e)))
			b = append(b, e...)
		}
	}
	b = binary.AppendUvarint(b, uint64(len(terms)))
	prev := ""
	for _, t := range terms {
		p := commonPrefix(prev, t.term)
		b = binary.AppendUvarint(b, uint64(p))
		b = binary.AppendUvarint(b, uint64(len(t.term)-p))
		b = append(b, t.term[p:]...)
		b = binary.AppendUvarint(b, uint64(t.n))
		prev = t.term
	}
	return b
}

// maxSignatureEntities bounds the entities a signature keeps; Entities
// gives far fewer (it reads a headline and a lead of a few kilobytes).
const maxSignatureEntities = 512

// signatureEntities returns the entities a signature keeps: at most
// maxSignatureEntities of them, none longer than MaxTermBytes (Entities
// gives no longer ones; a Doc built by hand may hold anything), so that
// the signature of any Doc stays within what ParseSignature reads.
func signatureEntities(ents []string) []string {
	ok := len(ents) <= maxSignatureEntities
	for _, e := range ents {
		ok = ok && len(e) <= MaxTermBytes
	}
	if ok {
		return ents
	}
	out := make([]string, 0, min(len(ents), maxSignatureEntities))
	for _, e := range ents {
		if len(e) <= MaxTermBytes && len(out) < maxSignatureEntities {
			out = append(out, e)
		}
	}
	return out
}

func commonPrefix(a, b string) int {
	n := min(len(a), len(b))
	for i := range n {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

// ParseSignature decodes a signature made by AppendSignature into a Doc
// that MatchStory, SameStory and Relatedness compare exactly as the Doc it
// was made from (its TitleTokens and Tokens stay empty; Published and
// Story are the caller's to set). Malformed input gives an error wrapping
// ErrSignature.
func ParseSignature(data []byte) (Doc, error) {
	fail := func(what string) (Doc, error) { return Doc{}, fmt.Errorf("%w: %s", ErrSignature, what) }
	if len(data) > maxSignatureBytes {
		return fail("too long")
	}
	if len(data) < 9 || data[0] != 1 && data[0] != signatureVersion {
		return fail("unknown version")
	}
	// The strings of the Doc share one, written once: each is a slice of
	// what the builder holds so far (its String does not copy, and a
	// string it returned stays valid when it grows).
	var all strings.Builder
	all.Grow(2 * len(data))
	r := sigReader{b: data[9:], all: &all}
	d := Doc{Fingerprint: binary.LittleEndian.Uint64(data[1:9])}
	if data[0] >= 2 {
		d.Lang = r.string(r.length())
	}
	d.Entities = r.strings()
	if data[0] >= 2 {
		d.Keys = r.strings()
	}
	nt := r.count()
	d.terms = make([]termFreq, 0, nt)
	prev := "" // the previous term
	for range nt {
		// The shared prefix is counted in the previous term, not in what
		// is left to read.
		shared := r.uvarint()
		rest := r.length()
		p := int(min(shared, maxSignatureTerm+1))
		if r.err != nil || p > len(prev) || p+rest > maxSignatureTerm || p+rest == 0 {
			return fail("bad term length")
		}
		suffix := r.bytes(rest)
		if r.err == nil && p < len(prev) && rest > 0 && suffix[0] == prev[p] {
			return fail("shared prefix not marked") // one encoding per Doc
		}
		start := all.Len()
		all.WriteString(prev[:p])
		all.Write(suffix)
		n := r.uvarint()
		if r.err != nil || n == 0 || n > math.MaxInt32 {
			return fail("bad term count")
		}
		term := all.String()[start:]
		// term and prev share their first p bytes.
		if len(d.terms) > 0 && term[p:] <= prev[p:] {
			return fail("terms out of order")
		}
		d.terms = append(d.terms, newTermFreq(term, int32(n)))
		prev = term
	}
	if r.err != nil {
		return fail(r.err.Error())
	}
	if len(r.b) != 0 {
		return fail("trailing bytes")
	}
	if len(d.terms) == 0 {
		d.terms = nil
	}
	return d, nil
}

// sigReader reads a signature's fields, keeping the first error. The
// strings it reads are written to all.
type sigReader struct {
	b   []byte
	err error
	all *strings.Builder
}

func (r *sigReader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = errors.New("truncated")
		return 0
	}
	if n > 1 && r.b[n-1] == 0 {
		r.err = errors.New("overlong number") // one encoding per Doc
		return 0
	}
	r.b = r.b[n:]
	return v
}

// length reads a length no larger than what is left.
func (r *sigReader) length() int {
	v := r.uvarint()
	if v > uint64(len(r.b)) {
		if r.err == nil {
			r.err = errors.New("length beyond the end")
		}
		return 0
	}
	return int(v)
}

// strings reads a count and that many strings, each as its length and
// bytes; nil for none.
func (r *sigReader) strings() []string {
	n := r.count()
	if n == 0 {
		return nil
	}
	out := make([]string, 0, n)
	for range n {
		out = append(out, r.string(r.length()))
	}
	return out
}

// string reads n bytes as a string.
func (r *sigReader) string(n int) string {
	b := r.bytes(n)
	if len(b) == 0 {
		return ""
	}
	start := r.all.Len()
	r.all.Write(b)
	return r.all.String()[start:]
}

// count reads a number of items, each at least one byte long.
func (r *sigReader) count() int { return r.length() }

func (r *sigReader) bytes(n int) []byte {
	if r.err != nil || n > len(r.b) {
		return nil
	}
	v := r.b[:n]
	r.b = r.b[n:]
	return v
}

// Story matching at ingest: the store indexes every article under its
// StoryIndexTerms best key terms; a new article's StoryQueryTerms key terms
// are looked up there (reading the newest StoryTermReads articles under
// each), the matches are ranked by RankCandidates, and the best
// StoryCandidates go to MatchStory. Measured on ECB+
// (internal/eval/stories): these settings find the same-story candidates
// as well as a full-text search over every word does (recall 0.654 against
// 0.644), at a fraction of the cost; 10 candidates instead of 20 lose a
// tenth of the recall.
const (
	StoryIndexTerms = 10
	StoryQueryTerms = 20
	StoryTermReads  = 200
	StoryCandidates = 20
)

// StoryGroupCandidates is how many candidates a headline-length document
// (see ShortDoc) keeps of its key-term lookup, at most
// StoryCandidatesPerStory of one story (see CandidateIDs):
// MatchStoryGroups compares it with the stories of its candidates as a
// whole, so candidates serve it to find stories more than to be compared
// one by one. On uci-dev (internal/eval/stories), one of each story and
// StoryMembers = 50: 15, 20 and 25 candidates give F1 86.1, 86.3 and 86.4
// (precision 0.934–0.937); before candidates were spread over stories,
// 40 of them gave 84.7 against 83.2 with 20.
const StoryGroupCandidates = 20

// RankCandidates ranks the articles found by a story-term search: matches
// holds, for each searched term, the ids of the stored articles indexed
// under it. An article scores the sum over its matched terms of
// ln(1 + N/n), N the distinct articles in matches and n those matching the
// term, so that rare shared terms (names, places, numbers) count most. It
// returns at most limit ids, best first; ties go to the higher (newer) id.
func RankCandidates(matches [][]int64, limit int) []int64 {
	if limit <= 0 {
		return nil
	}
	// Each match is looked up once, in an open-addressing table of indexes
	// into ids and score at least twice the size of all the matches: at[k]
	// is the index of the k-th match's article.
	hint := 0
	for _, m := range matches {
		hint += len(m)
	}
	bits := 3
	for 1<<bits < 2*hint {
		bits++
	}
	mask := uint64(1)<<bits - 1
	slots := make([]int32, 1<<bits) // index+1, 0 for an empty slot
	ids := make([]int64, 0, hint)
	at := make([]int32, 0, hint)
	for _, m := range matches {
		for _, id := range m {
			h := uint64(id) * 0x9e3779b97f4a7c15 >> (64 - bits)
			for {
				j := slots[h] - 1
				if j < 0 {
					j = int32(len(ids))
					slots[h] = j + 1
					ids = append(ids, id)
				} else if ids[j] != id {
					h = (h + 1) & mask
					continue
				}
				at = append(at, j)
				break
			}
		}
	}
	score := make([]float64, len(ids))
	total := float64(len(ids))
	k := 0
	for _, m := range matches {
		if len(m) == 0 {
			continue
		}
		w := math.Log1p(total / float64(len(m)))
		for range m {
			score[at[k]] += w
			k++
		}
	}
	type scored struct {
		id    int64
		score float64
	}
	better := func(a, b scored) bool { return a.score > b.score || a.score == b.score && a.id > b.id }
	// Keep the best limit in a sorted slice: candidates are few, matches
	// may be thousands.
	var top []scored
	for j, id := range ids {
		x := scored{id, score[j]}
		if len(top) == limit {
			if !better(x, top[limit-1]) {
				continue
			}
			top = top[:limit-1]
		}
		i, _ := slices.BinarySearchFunc(top, x, func(e, t scored) int {
			if better(e, t) {
				return -1
			}
			return 1
		})
		top = slices.Insert(top, i, x)
	}
	out := make([]int64, len(top))
	for i, t := range top {
		out[i] = t.id
	}
	return out
}

// SignatureLang returns the language a signature records without parsing
// the rest of it: "" for version 1, for no language, or for malformed
// input (which ParseSignature then refuses).
func SignatureLang(data []byte) string {
	if len(data) < 10 || data[0] != signatureVersion {
		return ""
	}
	n, k := binary.Uvarint(data[9:])
	if k <= 0 || n > uint64(len(data)-9-k) {
		return ""
	}
	return string(data[9+k : 9+k+int(n)])
}
