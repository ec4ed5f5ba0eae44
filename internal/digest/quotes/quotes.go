// Package quotes finds the direct quotations of an article body, attributes
// each to its speaker and ranks the key quotes.
//
// It reads only Body, Lang and Paragraphs of a text.Document (not its
// sentences) and is pure computation: it must not import anything that
// does I/O, and it holds no state between calls (a pool lends token
// buffers to one call at a time, see scratchPool), so it is safe for
// concurrent use.
package quotes

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsdigest/bot/internal/digest/text"
)

// Quote is one direct quotation. Text is the words inside the quotation
// marks, verbatim: Body[Start:End] == Text (surrounding spaces and a
// trailing comma are left out). A quotation running over several paragraphs
// yields one Quote per paragraph, all with the same speaker.
type Quote struct {
	Text string
	// Speaker is the person (full name when the article gave it) or the
	// description ("a spokesperson for the U.S. National Security Council")
	// the quote is attributed to; "" when no attribution was found or a
	// pronoun could not be resolved.
	Speaker string
	// Cue is the attribution verb or phrase as written ("said", "told
	// Reuters", "according to"); "" when none.
	Cue        string
	Start, End int
	// Score orders key quotes (see Key); higher is better.
	Score float64
}

// Extract returns the direct quotations of doc in body order. Boilerplate
// paragraphs are skipped. A nil document or one without quotation marks
// yields nil. Offsets are byte offsets into doc.Body on UTF-8 boundaries.
func Extract(doc *text.Document) []Quote {
	if doc == nil || doc.Body == "" || !hasMark(doc.Body) && !(doc.Lang == "es" && strings.ContainsAny(doc.Body, "—―")) {
		return nil // no quotation mark (nor a Spanish dialogue dash): nothing to tokenize
	}
	x := newExtractor(doc)
	defer x.release()
	if len(x.segs) == 0 {
		return nil
	}
	x.attribute()
	out := make([]Quote, 0, len(x.segs))
	var seen map[string]float64
	for i, sg := range x.segs {
		a := x.attrs[i]
		q := Quote{Text: x.b[sg.s:sg.e], Start: sg.s, End: sg.e, Speaker: a.speaker, Cue: a.cue}
		if a.drop || q.Speaker == "" && q.Cue == "" && isTerm(q.Text) {
			continue
		}
		if x.lang != "es" && q.Speaker != "" && doubtfulSpeaker(x.b, sg.s, sg.e, q.Speaker) {
			q.Speaker = ""
		}
		q.Score = score(q, a.kind)
		if a.title {
			q.Score -= titlePenalty
		}
		if a.kind == npName && q.Speaker != "" {
			q.Score += prominence(x.b, q.Speaker, &seen)
		}
		out = append(out, q)
	}
	return out
}

// prominenceStep is the key-quote score a named speaker gains for each
// mention of their surname in the article beyond the first, up to
// prominenceMax: the story's main actors are named most, and their words
// come before a passer-by's.
const (
	prominenceStep = 0.25
	prominenceMax  = 0.75
)

// prominence returns the bonus of speaker, counting the surname's
// mentions in body once per speaker (seen caches the counts).
func prominence(body, speaker string, seen *map[string]float64) float64 {
	if b, ok := (*seen)[speaker]; ok {
		return b
	}
	if *seen == nil {
		*seen = make(map[string]float64, 4)
	}
	sur := lastToken(speaker)
	n := 0
	if len(sur) >= 3 && !strings.Contains(speaker, " and ") { // a pair is no one actor
		for i := 0; ; {
			k := strings.Index(body[i:], sur)
			if k < 0 {
				break
			}
			k += i
			i = k + len(sur)
			before, _ := utf8.DecodeLastRuneInString(body[:k])
			after, _ := utf8.DecodeRuneInString(body[i:])
			if (k == 0 || !isWordRune(before)) && (i == len(body) || !isWordRune(after)) {
				n++ // the surname as a word: not "Bell" inside "Bellingham"
			}
		}
	}
	b := min(prominenceStep*float64(max(n-1, 0)), prominenceMax)
	(*seen)[speaker] = b
	return b
}

// hasMark reports whether b holds a double quotation mark that markRune
// reads (" “ ” „ « »): without one, no token is a mark and Extract has
// nothing to find.
func hasMark(b string) bool {
	if strings.IndexByte(b, '"') >= 0 {
		return true
	}
	for _, lead := range [...]byte{0xE2, 0xC2} {
		for i := 0; ; i++ {
			k := strings.IndexByte(b[i:], lead)
			if k < 0 {
				break
			}
			i += k
			if m, _ := markRune(b, i); m != mNone {
				return true
			}
		}
	}
	return false
}

// Key returns up to n quotes of qs ranked as key quotes: complete statements
// by named speakers first (the most mentioned speakers ahead, one quote per
// speaker before a second), then by described speakers, with short
// fragments and unattributed text last. Ties keep body order. qs is not
// modified.
func Key(qs []Quote, n int) []Quote {
	if n <= 0 || len(qs) == 0 {
		return nil
	}
	out := slices.Clone(qs)
	slices.SortStableFunc(out, func(a, b Quote) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return cmp.Compare(a.Start, b.Start)
	})
	// One voice at a time: among complete statements by named speakers
	// (score diverseMin and up), a speaker's second quote waits until
	// every other such speaker has one, so a digest shows both sides.
	strong := func(q Quote) bool { return q.Score >= diverseMin && q.Speaker != "" }
	var voices []string
	for _, q := range out {
		if strong(q) && !slices.Contains(voices, q.Speaker) {
			voices = append(voices, q.Speaker)
		}
	}
	if len(voices) > 1 {
		first := make([]Quote, 0, len(out))
		var later []Quote
		for _, q := range out {
			if strong(q) && slices.ContainsFunc(first, func(p Quote) bool { return p.Speaker == q.Speaker }) {
				later = append(later, q)
				continue
			}
			if !strong(q) && len(later) > 0 {
				first = append(first, later...) // the strong second quotes before any weaker one
				later = later[:0]
			}
			first = append(first, q)
		}
		out = append(first, later...)
	}
	// Drop repeats of the same words (an article quoting itself): the
	// kept quotes are at most n, so each is compared with them.
	k := 0
	for _, q := range out {
		if k == n {
			break // the rest would be cut below
		}
		if slices.ContainsFunc(out[:k], func(p Quote) bool { return sameLower(p.Text, q.Text) }) {
			continue
		}
		out[k] = q
		k++
	}
	out = out[:k]
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// diverseMin is the key-quote score of a complete statement by a named or
// described speaker (a capitalised opening, a closing stop, a speaker),
// above which Key takes one quote per speaker before a second of the
// same; an unattributed quote never goes before such a second quote.
const diverseMin = 3.5

// termMaxWords: an unattributed quotation of at most this many words that
// is not a sentence is a term, a nickname or a title in scare quotes
// («Memo», “Westworld”), not speech, and is not extracted.
const termMaxWords = 1

// isTerm reports a short quoted term: at most termMaxWords words and no
// sentence punctuation at its end.
func isTerm(t string) bool {
	if n := countWords(t); n > termMaxWords {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	return !strings.ContainsRune(".?!…", last)
}

// countWords counts runs of letters and digits.
func countWords(t string) int {
	words := 0
	inWord := false
	for i := 0; i < len(t); i++ {
		if c := t[i]; c < utf8.RuneSelf { // ASCII: no decoding
			w := asciiWord[c]
			if w && !inWord {
				words++
			}
			inWord = w
			continue
		}
		r, size := utf8.DecodeRuneInString(t[i:])
		i += size - 1
		w := unicode.IsLetter(r) || unicode.IsDigit(r)
		if w && !inWord {
			words++
		}
		inWord = w
	}
	return words
}

// Key-quote scoring. A quote's score (see score) is the sum of a length
// term and bonuses or penalties, in score points; Key sorts by it. Set by
// hand and checked on the seed article (../shared/seeds) and the
// testdata article: complete statements by named speakers first, fragments
// and unattributed text last.
const (
	// lengthCapWords caps the words counted for length; lengthPerPoint words
	// are worth one point (so length adds at most lengthCapWords/lengthPerPoint).
	lengthCapWords = 40
	lengthPerPoint = 20
	// completeMinWords is the length from which a quote opening with a
	// capital (openBonus) or ending with sentence punctuation (closeBonus)
	// counts as a complete statement.
	completeMinWords = 5
	openBonus        = 0.75
	closeBonus       = 0.75
	// A quote of fewer than fragmentWords words is a fragment ("crystal
	// clear") and loses fragmentPenalty.
	fragmentWords   = 4
	fragmentPenalty = 2
	// Speaker: a name gains namedBonus, a description describedBonus, no
	// speaker loses unattributedPenalty.
	namedBonus          = 2
	describedBonus      = 1
	unattributedPenalty = 1
	// titlePenalty ranks titles of works and shows ("Face the Nation") last.
	titlePenalty = 3
	// nestedPenalty: a quote whose nested quotation (‘…’, or “…” inside
	// «…») takes at least nestedShare of its bytes is mostly someone
	// else's words and ranks below the speaker's own.
	nestedPenalty = 1.5
	nestedShare   = 0.5
	// danglingPenalty: a quote cut at a comma before a closing nested mark
	// (",’") is not a complete statement.
	danglingPenalty = 1
	// connectivePenalty: a quote opening with a connective ("But …",
	// "And …", "Pero …") leans on words before it and is less
	// self-contained.
	connectivePenalty = 0.5
)

// score rates a quote for Key: longer complete statements by named speakers
// score highest.
func score(q Quote, kind npKind) float64 {
	words := countWords(q.Text)
	s := float64(min(words, lengthCapWords)) / lengthPerPoint
	first, _ := utf8.DecodeRuneInString(q.Text)
	last, _ := utf8.DecodeLastRuneInString(q.Text)
	if unicode.IsUpper(first) && words >= completeMinWords {
		s += openBonus
	}
	if strings.ContainsRune(".?!…", last) && words >= completeMinWords {
		s += closeBonus
	}
	if words < fragmentWords {
		s -= fragmentPenalty
	}
	if n := nestedBytes(q.Text); n > 0 && float64(n) >= nestedShare*float64(len(q.Text)) {
		s -= nestedPenalty
	}
	if dangling(q.Text) {
		s -= danglingPenalty
	}
	if opensWithConnective(q.Text) {
		s -= connectivePenalty
	}
	switch {
	case q.Speaker == "":
		s -= unattributedPenalty
	case kind == npName:
		s += namedBonus
	default:
		s += describedBonus
	}
	return s
}

// nestedBytes returns the bytes of text inside nested quotation marks:
// ‘…’, and “…” or "…" when the outer marks were guillemets.
func nestedBytes(t string) int {
	n := 0
	for _, pair := range [...][2]string{{"‘", "’"}, {"“", "”"}} {
		for rest := t; ; {
			i := strings.Index(rest, pair[0])
			if i < 0 {
				break
			}
			rest = rest[i+len(pair[0]):]
			j := closingIndex(rest, pair[1])
			if j < 0 {
				n += len(rest) // left open: runs to the end of the quote
				break
			}
			n += j
			rest = rest[j+len(pair[1]):]
		}
	}
	return n
}

// closingIndex returns the index of the closing mark c in s that is not an
// apostrophe inside a word ("don’t"), or -1.
func closingIndex(s, c string) int {
	off := 0
	for {
		j := strings.Index(s[off:], c)
		if j < 0 {
			return -1
		}
		j += off
		after, _ := utf8.DecodeRuneInString(s[j+len(c):])
		before, _ := utf8.DecodeLastRuneInString(s[:j])
		if c != "’" || !(unicode.IsLetter(before) && unicode.IsLetter(after)) {
			return j
		}
		off = j + len(c)
	}
}

// dangling reports a quote ending in a comma before a closing nested mark.
func dangling(t string) bool {
	for _, suf := range []string{",’", ",'", ",”", ",\""} {
		if strings.HasSuffix(t, suf) {
			return true
		}
	}
	return false
}

// connectives open a clause that continues an earlier one (English and
// Spanish), lower-case keys.
var connectives = map[string]bool{
	"and": true, "but": true, "so": true, "or": true, "yet": true, "because": true,
	"y": true, "e": true, "pero": true, "o": true, "sino": true, "porque": true,
	"aunque": true, "pues": true,
}

// opensWithConnective reports a quote whose first word is a connective.
func opensWithConnective(t string) bool {
	end := strings.IndexFunc(t, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		end = len(t)
	}
	var buf [32]byte
	return end > 0 && connectives[string(text.AppendLower(buf[:0], t[:end]))]
}

// sameLower reports strings.ToLower(a) == strings.ToLower(b) without
// building either: lowering maps rune by rune (an invalid byte to U+FFFD)
// and UTF-8 encodes runes one to one, so the lowered strings are equal
// exactly when their runes, lowered, are.
func sameLower(a, b string) bool {
	if a == b {
		return true
	}
	for a != "" && b != "" {
		ca, cb := a[0], b[0]
		if ca < utf8.RuneSelf && cb < utf8.RuneSelf {
			if 'A' <= ca && ca <= 'Z' {
				ca += 'a' - 'A'
			}
			if 'A' <= cb && cb <= 'Z' {
				cb += 'a' - 'A'
			}
			if ca != cb {
				return false
			}
			a, b = a[1:], b[1:]
			continue
		}
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if unicode.ToLower(ra) != unicode.ToLower(rb) {
			return false
		}
		a, b = a[na:], b[nb:]
	}
	return a == "" && b == ""
}
