package quotes

import (
	"cmp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/newsdigest/bot/internal/digest/text"
)

type npKind uint8

const (
	npNone npKind = iota
	npName
	npPronoun
	npDesc
)

// attr is the attribution found for one segment.
type attr struct {
	speaker, cue string
	kind         npKind
	pos          int // body offset of the speaker mention (for resolution)
	found        bool
	drop         bool // not a quotation (markup attribute value)
	title        bool // looks like the title of a work or show
}

type lineInfo struct {
	s, e   int // bytes
	t0, t1 int // tokens
}

// mention is a speaker seen in the body: the subject or object of a speech
// verb, in body order.
type mention struct {
	pos   int
	name  string // cleaned name or description text
	kind  npKind
	heads string // " spokesman campaign " — nouns describing the speaker
}

type extractor struct {
	b        string
	lang     string
	es       bool // lang == "es", tested once per word by speechVerbAt
	toks     []tok
	lines    []lineInfo
	segs     []segment
	attrs    []attr
	full     map[string]string // lower surname → full name, "" when ambiguous
	use      wordUse
	people   []person          // full names in body order (scanNames)
	speakers map[string]bool   // lower surnames of named speakers (scanMentions)
	gender   map[string]gender // lower surname → gender marked in the article
	esForms  []uint8           // Spanish cue form per token, lazily (esForm)
	mentions []mention
	wmask    []uint32 // per token, the cached word sets holding it (x.in)
	spare    *scratch // buffers lent for this call (see scratchPool)
}

// scratch holds an extractor's per-token, line and quotation buffers
// between calls. They hold no pointers and nothing Extract returns refers
// to them.
type scratch struct {
	toks  []tok
	lines []lineInfo
	segs  []segment
	wmask []uint32
}

// scratchPool lends the per-token buffers to one Extract call at a time.
// It is the package's only shared variable, kept on purpose: a digest
// tokenises every article anew, and allocating those buffers each time
// (about 4 bytes per body byte, most of an article's allocation) made
// garbage collection a tenth of a digest's time. A sync.Pool is safe for
// concurrent use, and a buffer is only ever used by the call holding it,
// so results do not depend on it; buffers for very long bodies are not
// kept (see release).
var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// maxKeptToks bounds the token buffer a pool keeps (1 MB of tokens): a
// rare huge body's buffers are left to the collector.
const maxKeptToks = 1 << 16

// release gives x's buffers back to the pool; x must not be used after.
func (x *extractor) release() {
	sc := x.spare
	if sc == nil || cap(x.toks) > maxKeptToks {
		return
	}
	sc.toks, sc.lines, sc.segs = x.toks[:0], x.lines[:0], x.segs[:0]
	if x.wmask != nil {
		sc.wmask = x.wmask[:0]
	}
	x.spare = nil
	scratchPool.Put(sc)
}

func newExtractor(doc *text.Document) *extractor {
	b := doc.Body
	sc := scratchPool.Get().(*scratch)
	x := &extractor{b: b, lang: doc.Lang, es: doc.Lang == "es", spare: sc}
	if need := len(b)/4 + 8; cap(sc.toks) >= need {
		x.toks = sc.toks[:0]
	} else {
		x.toks = make([]tok, 0, need) // news prose has a token every 4–5 bytes: rarely regrown
	}
	x.lines, x.segs = sc.lines[:0], sc.segs[:0]
	addPara := func(s, e int) {
		for s < e {
			nl := strings.IndexByte(b[s:e], '\n')
			le := e
			if nl >= 0 {
				le = s + nl
			}
			ls, lt := s, le
			for ls < lt && (b[ls] == ' ' || b[ls] == '\t' || b[ls] == '\r') {
				ls++
			}
			for lt > ls && (b[lt-1] == ' ' || b[lt-1] == '\t' || b[lt-1] == '\r') {
				lt--
			}
			if lt > ls {
				t0 := len(x.toks)
				x.toks = tokenize(x.toks, b, ls, lt)
				if len(x.toks) > t0 { // not only Unicode spaces
					x.lines = append(x.lines, lineInfo{s: ls, e: lt, t0: t0, t1: len(x.toks)})
				}
			}
			s = le + 1
		}
	}
	if len(doc.Paragraphs) == 0 {
		addPara(0, len(b))
	} else {
		prev := 0
		for _, p := range doc.Paragraphs {
			if p.Boilerplate {
				continue
			}
			s, e := max(p.Start, prev), min(p.End, len(b))
			for s < e && !utf8.RuneStart(b[s]) {
				s++
			}
			for e < len(b) && e > s && !utf8.RuneStart(b[e]) {
				e--
			}
			if s >= e {
				continue
			}
			addPara(s, e)
			prev = e
		}
	}
	x.findSegments()
	return x
}

// findSegments pairs quotation marks line by line and joins quotes that run
// on into the next line (a paragraph left open, the next one reopening).
func (x *extractor) findSegments() {
	pending, pendLine := -1, -1
	for li, ln := range x.lines {
		if pending >= 0 {
			first := x.toks[ln.t0]
			if li == pendLine+1 && first.k == tMark && first.r != mClose && first.r != mGuilR {
				x.segs = appendSeg(x.segs, x.b, segment{s: int(x.toks[pending].e), e: x.lines[pendLine].e, line: pendLine, open: pending, close: -1, contNext: true})
			}
			pending = -1
		}
		n := len(x.segs)
		var open int
		x.segs, open = pairLine(x.segs, x.b, x.toks, ln.t0, ln.t1, ln.s, ln.e, li)
		if n > 0 && len(x.segs) > n && x.segs[n-1].contNext && x.segs[n].open == ln.t0 {
			x.segs[n].contPrev = true
		} else if n > 0 && x.segs[n-1].contNext && x.segs[n-1].line == li-1 {
			if open == ln.t0 {
				// the continuation stays open too: chain goes on
			} else {
				x.segs[n-1].contNext = false
			}
		}
		if open >= 0 {
			pending, pendLine = open, li
		} else if x.lang == "es" && len(x.segs) == n {
			x.segs = x.rayaSegment(x.segs, ln, li)
		}
	}
}

// rayaSegment finds a Spanish quotation in dialogue style on a line that
// holds no quotation marks: the line opens with a dash (raya) right
// before the words, and a dash after a space opens the reporting clause
// ("—No es barato —dijo la alcaldesa—, pero es necesario."). The words
// between the two dashes are the quote; a line without such a clause is
// left alone (an interview's answers, a list).
func (x *extractor) rayaSegment(dst []segment, ln lineInfo, li int) []segment {
	t0 := ln.t0
	if t0+2 >= ln.t1 || !x.isRaya(t0) || int(x.toks[t0+1].s) != int(x.toks[t0].e) {
		return dst
	}
	for j := t0 + 2; j+1 < ln.t1; j++ {
		if x.toks[j].k == tMark {
			return dst
		}
		if !x.isRaya(j) || runeBefore(x.b, int(x.toks[j].s), ln.s) != ' ' {
			continue
		}
		// the clause: a lower-case word right after the dash, a cue verb
		// among its first words
		if !x.isWord(j+1) || x.upper(j+1) || int(x.toks[j+1].s) != int(x.toks[j].e) {
			return dst
		}
		if ok, _ := x.speechVerbAt(j+1, ln.t1); !ok {
			return dst
		}
		return appendSeg(dst, x.b, segment{s: int(x.toks[t0].e), e: int(x.toks[j].s), line: li, open: t0, close: j})
	}
	return dst
}

// isRaya reports a dash token used for dialogue (— or ―).
func (x *extractor) isRaya(i int) bool {
	return x.toks[i].k == tPunct && (x.toks[i].r == '—' || x.toks[i].r == '―')
}

// word returns the text of token i.
func (x *extractor) word(i int) string { return x.b[x.toks[i].s:x.toks[i].e] }

func (x *extractor) isWord(i int) bool { return x.toks[i].k == tWord }

func (x *extractor) isPunct(i int, r rune) bool {
	return x.toks[i].k == tPunct && x.toks[i].r == r
}

// startsWithB reports whether w starts with "b" or "B", the only runes
// that fold to "b": a cheap test ruling out most words before
// strings.EqualFold(w, "back").
func startsWithB(w string) bool { return w != "" && w[0]|0x20 == 'b' }

// getLower returns m[strings.ToLower(w)] without allocating a lowered copy
// for a word of up to 32 bytes: an ASCII word is lowered on the stack, a
// word with no upper-case letter is looked up as it is ("según"), and
// another is lowered with text.AppendLower, which lowers as
// strings.ToLower does, into a stack buffer.
func getLower[V any](m map[string]V, w string) V {
	var buf [32]byte
	if len(w) > len(buf) {
		return m[strings.ToLower(w)]
	}
	for j := 0; j < len(w); j++ {
		c := w[j]
		if c >= utf8.RuneSelf {
			if !hasUpper(w) {
				return m[w] // "según", "afirmó": already lower case
			}
			var ubuf [64]byte
			return m[string(text.AppendLower(ubuf[:0], w))]
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[j] = c
	}
	return m[string(buf[:len(w)])]
}

// upperWord reports strings.ToUpper(w) == w without building the upper
// case copy: every rune of w is its own upper case (an invalid byte is
// not, as strings.ToUpper replaces it).
func upperWord(w string) bool {
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(w[i:])
		if r == utf8.RuneError && n == 1 || unicode.ToUpper(r) != r {
			return false
		}
		i += n
	}
	return true
}

// inSet reports whether w, lowered, is in m.
func inSet(m map[string]bool, w string) bool { return getLower(m, w) }

// nounUse reports a verb form ending in -s used as a plural noun after a
// determiner: "many Asian states", "the claims", "his tweets".
func (x *extractor) nounUse(i int) bool {
	w := x.word(i)
	// a participle after a determiner or a possessive is an adjective:
	// "Bell’s repeated calls", "the reported deal"
	if len(w) > 4 && strings.HasSuffix(w, "ed") && i > 0 && x.isWord(i-1) {
		if p := x.word(i - 1); x.in(determiners, i-1) && !x.upper(i-1) || strings.HasSuffix(p, "’s") || strings.HasSuffix(p, "'s") {
			return true
		}
	}
	if len(w) < 4 || w[len(w)-1] != 's' || i == 0 || !x.isWord(i-1) {
		return false
	}
	if !x.es && !x.upper(i-1) && inSet(nounPreps, x.word(i-1)) {
		return true // "a series of tweets", "in statements"
	}
	j := i - 1
	for j > 0 && x.upper(j) && x.isWord(j-1) {
		j-- // "many Asian states"
	}
	return x.in(determiners, j) && !x.upper(j) || x.in(determiners, i-1)
}

// nounPreps take a noun, never a finite verb, after them.
var nounPreps = map[string]bool{"of": true, "in": true, "with": true, "from": true, "by": true}

// lineInitial reports whether token i opens a sentence on its line
// (cheap check: sentence punctuation or a line start before it).
func (x *extractor) lineInitial(i int) bool {
	if li := x.lineOf(i); li >= 0 {
		return x.sentenceInitial(i, x.lines[li])
	}
	return false
}

// lineOf returns the line holding token i, or -1.
func (x *extractor) lineOf(i int) int {
	li, _ := slices.BinarySearchFunc(x.lines, i, func(ln lineInfo, t int) int { return cmp.Compare(ln.t1-1, t) })
	if li < len(x.lines) && x.lines[li].t0 <= i {
		return li
	}
	return -1
}

// isNPStop reports a word that ends a noun phrase, with the Spanish stops
// on Spanish text.
func (x *extractor) isNPStop(i int) bool {
	return x.in(npStops, i) || x.lang == "es" && x.in(esNPStops, i)
}

// hasUpper reports an upper-case letter in w.
func hasUpper(w string) bool {
	for _, r := range w {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

func (x *extractor) upper(i int) bool {
	return x.toks[i].up // set by tokenize for words only
}

// isAbbrevDot reports whether the '.' token i ends an abbreviation or an
// initial rather than a sentence.
func (x *extractor) isAbbrevDot(i, lo int) bool {
	if i <= lo || !x.isWord(i-1) || x.toks[i-1].e != x.toks[i].s {
		return false
	}
	w := x.word(i - 1)
	if utf8.RuneCountInString(w) == 1 {
		r, _ := utf8.DecodeRuneInString(w)
		return unicode.IsUpper(r)
	}
	return inSet(abbreviations, w) || dottedInitials(w)
}

// dottedInitials reports initials written as one token ("J.J", "G.K"):
// capital letters separated by dots.
func dottedInitials(w string) bool {
	if len(w) < 3 || w[1] != '.' {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if i%2 == 0 && (c < 'A' || c > 'Z') || i%2 == 1 && c != '.' {
			return false
		}
	}
	return true
}

// isBoundary reports whether token i ends a sentence inside line tokens
// starting at lo. Only punctuation does: the test of the token's kind is
// inlined into the callers, which ask about every token of a line.
func (x *extractor) isBoundary(i, lo int) bool {
	return x.toks[i].k == tPunct && x.punctBoundary(i, lo)
}

// punctBoundary is isBoundary for the punctuation token i.
func (x *extractor) punctBoundary(i, lo int) bool {
	t := x.toks[i]
	switch t.r {
	case '!', '?', '…':
		return i+1 < len(x.toks) && x.toks[i+1].k == tWord && x.upper(i+1)
	case '.':
		if x.isAbbrevDot(i, lo) {
			return false
		}
		n := i + 1
		return n >= len(x.toks) || x.toks[n].k == tMark || x.toks[n].k == tWord && (x.upper(n) || !unicode.IsLetter(rune(x.b[x.toks[n].s])))
	}
	return false
}

// speechVerbAt reports a speech verb at token i and the cue's last token.
// It is asked about every word of a body: an ASCII word of a text that is
// not Spanish is ruled out here, in a small function, when it fails the
// first tests of cueAt: a lower-case word that may be a speech verb, a
// word as long as "according", a word before one opening with b ("shot
// back"). No other cue opens with an ASCII word outside Spanish ("según"
// is not ASCII).
func (x *extractor) speechVerbAt(i, hi int) (ok bool, last int) {
	t := &x.toks[i]
	if t.k != tWord {
		return false, i
	}
	if t.ascii && !x.es {
		n := int(t.e - t.s)
		if (t.up || !speechVerbFilter.mayHaveASCIIAt(x.b, int(t.s), n)) && n != len("according") &&
			!(i+1 < hi && startsWithB(x.word(i+1))) {
			return false, i
		}
	}
	return x.cueAt(i, hi)
}

// cueAt is speechVerbAt for the word token i. A new cue opening with an
// ASCII word outside Spanish must pass speechVerbAt's prefilter too
// (TestSpeechVerbPrefilter compares the two on the testdata articles).
func (x *extractor) cueAt(i, hi int) (ok bool, last int) {
	w := x.word(i)
	if !x.upper(i) && (!x.toks[i].ascii || speechVerbFilter.mayHaveASCII(w)) && x.in(speechVerbs, i) && !x.nounUse(i) {
		// "pointed out", "points out"
		lw := strings.ToLower(w)
		if lw == "pointed" || lw == "points" {
			if i+1 < hi && strings.EqualFold(x.word(i+1), "out") {
				return true, i + 1
			}
			return false, i
		}
		// "went on", "goes on", "chimed in": a cue only with its particle
		// closing a clause ("she went on, …") or before a speech verb ("went
		// on to say"); "the debate went on for hours" is no speech
		if part, ok := phrasalParticles[lw]; ok {
			if i+1 < hi && strings.EqualFold(x.word(i+1), part) {
				if i+2 >= hi || !x.isWord(i+2) {
					return true, i + 1
				}
				if i+3 < hi && strings.EqualFold(x.word(i+2), "to") && !x.upper(i+3) && x.in(speechVerbs, i+3) {
					return true, i + 3
				}
			}
			return false, i
		}
		if recipientVerbs[lw] && i+1 < hi {
			// told Reuters, told reporters, told The Associated Press
			j := i + 1
			if strings.EqualFold(x.word(j), "the") && j+1 < hi && x.upper(j+1) {
				j++
			}
			if x.isWord(j) && (x.upper(j) || inSet(recipients, x.word(j)) && !strings.EqualFold(x.word(j), "the")) {
				last = j
				for j+1 < hi && x.upper(j+1) && !x.in(speechVerbs, j+1) {
					j++
					last = j
				}
				if x.upper(i+1) && x.in(leadWords, i+1) {
					return true, i
				}
				return true, last
			}
		}
		return true, i
	}
	if equalFoldASCII(w, "according") && i+1 < hi && equalFoldASCII(x.word(i+1), "to") {
		return true, i + 1
	}
	// a retort: "shot back", "fired back", "hit back"
	if x.lang != "es" && i+1 < hi && startsWithB(x.word(i+1)) && strings.EqualFold(x.word(i+1), "back") && getLower(retortVerbs, w) {
		return true, i + 1
	}
	if isSegun(w) {
		return true, i
	}
	if x.lang != "es" {
		return false, i
	}
	// "de acuerdo con X"
	if strings.EqualFold(w, "de") && i+2 < hi && strings.EqualFold(x.word(i+1), "acuerdo") && (strings.EqualFold(x.word(i+2), "con") || strings.EqualFold(x.word(i+2), "a")) {
		return true, i + 2
	}
	// "en palabras de X", "a decir de X"
	if x.sourcePhraseAt(i, hi) {
		return true, i + 2
	}
	if x.upper(i) && !x.lineInitial(i) {
		return false, i
	}
	if x.esCueAt(i) || x.esForm(i)&esGerund != 0 {
		return true, i
	}
	return false, i
}

var recipients = map[string]bool{
	"reporters": true, "journalists": true, "me": true, "us": true, "him": true,
	"her": true, "them": true, "the": true, "supporters": true, "voters": true,
	"lawmakers": true, "senators": true, "delegates": true, "students": true,
	"listeners": true, "viewers": true, "audiences": true, "attendees": true,
	"periodistas": true,
}

// isForwardVerb reports cues whose speaker follows them ("according to X").
func (x *extractor) isForwardVerb(i int) bool {
	w := x.word(i)
	return strings.EqualFold(w, "according") || strings.EqualFold(w, "según") || strings.EqualFold(w, "to") && i > 0 && strings.EqualFold(x.word(i-1), "according") ||
		strings.EqualFold(w, "de") && i+1 < len(x.toks) && x.isWord(i+1) && strings.EqualFold(x.word(i+1), "acuerdo") ||
		x.lang == "es" && x.sourcePhraseAt(i, len(x.toks))
}

// cueText returns the cue words [i, last] as written, with a capitalised
// sentence-initial first letter lowered.
func (x *extractor) cueText(i, last int) string {
	s := x.b[x.toks[i].s:x.toks[last].e]
	if strings.HasPrefix(s, "According") {
		return "according" + s[len("According"):]
	}
	if strings.HasPrefix(s, "Según") {
		return "según" + s[len("Según"):]
	}
	if strings.HasPrefix(s, "De acuerdo") {
		return "de acuerdo" + s[len("De acuerdo"):]
	}
	return s
}

// sourcePhraseAt reports a Spanish phrase naming the source after it at
// token i: "en palabras de X", "a decir de X", "en opinión de X", "a
// juicio de X" (or "del").
func (x *extractor) sourcePhraseAt(i, hi int) bool {
	if i+3 >= hi || x.toks[i].e-x.toks[i].s > 2 || !x.isWord(i+1) || !x.isWord(i+2) {
		return false // "en" or "a" first: most words are longer
	}
	w, n := x.word(i), x.word(i+1)
	if !(strings.EqualFold(w, "en") && (strings.EqualFold(n, "palabras") || strings.EqualFold(n, "opinión")) || strings.EqualFold(w, "a") && (strings.EqualFold(n, "decir") || strings.EqualFold(n, "juicio"))) {
		return false
	}
	return strings.EqualFold(x.word(i+2), "de") || strings.EqualFold(x.word(i+2), "del")
}
