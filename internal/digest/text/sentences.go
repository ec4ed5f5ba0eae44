package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// stopScanner finds the bytes appendSentences stops at (stopBytes) with one IndexByte
// (vectorised) per byte value and occurrence, instead of a test per byte:
// it keeps, for each value, the index of its next occurrence.
type stopScanner struct {
	s   string
	pos [len(stopBytes)]int // next occurrence of stopBytes[k] at or after the last asked offset; len(s): none
}

// stopBytes are the bytes appendSentences stops at: quotation marks
// (ASCII, or the lead byte of « » “ ” ‘ ’ „ …) and terminal punctuation.
var stopBytes = [...]byte{'"', '\'', 0xc2, 0xe2, '.', '!', '?'}

func newStopScanner(s string) stopScanner {
	sc := stopScanner{s: s}
	for k, c := range stopBytes {
		sc.pos[k] = indexFrom(s, 0, c)
	}
	return sc
}

// next returns the offset of the first stop byte at or after i, len(s)
// when there is none. Offsets asked must not decrease.
func (sc *stopScanner) next(i int) int {
	best := len(sc.s)
	for k := range sc.pos {
		p := sc.pos[k]
		if p < i {
			p = indexFrom(sc.s, i, stopBytes[k])
			sc.pos[k] = p
		}
		best = min(best, p)
	}
	return best
}

// indexFrom returns the index of c in s at or after i, len(s) when absent.
func indexFrom(s string, i int, c byte) int {
	if i >= len(s) {
		return len(s)
	}
	if k := strings.IndexByte(s[i:], c); k >= 0 {
		return i + k
	}
	return len(s)
}

// appendSentences splits paragraph p of body into sentences.
//
// A boundary is a run of terminal punctuation (. ! ? … or "...") plus any
// closing quotes and brackets, followed by white space. It is not a
// boundary when:
//   - the next word starts with a lowercase letter (“… sacrosanct.” she said);
//   - a period ends a title (Mr. Dr. Gen. Sr. …) or an initial (J. K. Rowling);
//   - a period ends an ambiguous abbreviation (U.S., Inc., EE.UU., Jan.) and
//     the next word is not a typical sentence opener;
//   - an ellipsis is followed by a lowercase word or a digit;
//   - a closed quotation is followed by its attribution ("No!" Smith said).
//
// The quotations open at each point are followed (see quoteStack), and each
// sentence records whether it opens inside one (or closes one that no mark
// opened) and whether one is still open at its end. The word lists (titles, abbreviations, openers, speech
// verbs) are those of English and Spanish, used only when rules is set.
func appendSentences(dst []Sentence, body string, p Span, para int, rules bool) []Sentence {
	s := body[p.Start:p.End]
	start := 0
	var q quoteStack
	inside := false // a quotation is open where the current sentence starts
	stops := newStopScanner(s)
	for i := 0; i < len(s); {
		i = stops.next(i) // most bytes: neither a quotation mark nor terminal punctuation
		if i >= len(s) {
			break
		}
		c := s[i]
		if c == '"' || c == '\'' || c == 0xc2 || c == 0xe2 {
			if n := q.feed(s, i); n > 0 {
				i += n
				continue
			}
		}
		if c != '.' && c != '!' && c != '?' && !(c == 0xe2 && strings.HasPrefix(s[i:], "…")) {
			i++
			continue
		}
		// Terminal run.
		j := i
		dots := 0
		for j < len(s) {
			switch {
			case s[j] == '.':
				dots++
				j++
				continue
			case s[j] == '!' || s[j] == '?':
				j++
				continue
			case strings.HasPrefix(s[j:], "…"):
				dots += 3
				j += len("…")
				continue
			}
			break
		}
		runEnd := j
		// Closing quotes and brackets.
		closed := false
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if r == '"' || r == '\'' || r == '”' || r == '’' || r == '»' {
				closed = true
				q.feed(s, j)
			} else if r != ')' && r != ']' {
				break
			}
			j += size
		}
		if j >= len(s) {
			break
		}
		if !isSpaceByte(s[j]) && !(s[j] >= 0x80 && isSpaceRune(s[j:])) {
			i = max(j, i+1)
			continue
		}
		k := j
		for k < len(s) {
			if isSpaceByte(s[k]) {
				k++
				continue
			}
			if s[k] >= 0x80 && isSpaceRune(s[k:]) {
				_, size := utf8.DecodeRuneInString(s[k:])
				k += size
				continue
			}
			break
		}
		if k >= len(s) {
			break
		}
		if isBoundary(s, i, runEnd, dots, closed, k, rules) {
			dst = appendTrimmed(dst, body, p.Start+start, p.Start+j, para, inside || q.orphan, q.inside())
			start, inside = k, q.inside() && !q.restarts(s, k)
			q.orphan = false
		}
		i = k
	}
	return appendTrimmed(dst, body, p.Start+start, p.End, para, inside || q.orphan, q.inside())
}

func appendTrimmed(dst []Sentence, body string, s, e, para int, inQuote, openQuote bool) []Sentence {
	s, e = trimSpan(body, s, e)
	if s < e {
		dst = append(dst, Sentence{Span: Span{s, e}, Para: para, InQuote: inQuote, OpenQuote: openQuote})
	}
	return dst
}

// isBoundary decides whether the terminal run s[i:runEnd] (dots of which
// are periods or ellipsis dots) ends a sentence, given that the next word
// starts at s[next].
func isBoundary(s string, i, runEnd, dots int, closed bool, next int, rules bool) bool {
	r, _ := utf8.DecodeRuneInString(s[next:])
	if unicode.IsLower(r) {
		return false
	}
	if dots >= 2 { // ellipsis
		return !unicode.IsDigit(r) && r != ',' && r != ';'
	}
	if runEnd-i == 1 && s[i] == '.' && !closed {
		word := wordBefore(s, i)
		if word == "" {
			return true
		}
		if len(word) == 1 || (utf8.RuneCountInString(word) == 1 && unicode.IsUpper(firstRune(word))) {
			// An initial: "J. K. Rowling", "Plan B." is rarer.
			return !unicode.IsUpper(firstRune(word)) || !unicode.IsUpper(r) && !unicode.IsDigit(r)
		}
		if !rules {
			return true
		}
		if len(word) > maxAbbrevLen && isASCII(word) {
			// Longer than any title, month or abbreviation below (lowering
			// keeps an ASCII word's length): only a dotted one may hold.
			if dotted(word) {
				return opensSentence(s[next:])
			}
			return true
		}
		var lb [32]byte
		lw := string(AppendLower(lb[:0], word)) // on the stack: no lasting copy
		if titles[lw] {
			return false
		}
		if months[lw] || lw == "no" || lw == "nos" || lw == "núm" || lw == "vol" || lw == "art" || lw == "p" || lw == "pp" {
			if unicode.IsDigit(r) {
				return false
			}
		}
		if ambiguous[lw] || months[lw] || dotted(word) {
			return opensSentence(s[next:])
		}
		return true
	}
	if rules && closed && unicode.IsUpper(r) && attribution(s[next:]) {
		return false
	}
	return true
}

// wordBefore returns the token ending just before the period at s[i],
// without leading punctuation; internal periods are kept ("U.S", "EE.UU").
func wordBefore(s string, i int) string {
	j := i
	for j > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:j])
		if r == '.' || isWordRune(r) {
			j -= size
			continue
		}
		break
	}
	return strings.TrimLeft(s[j:i], ".")
}

// dotted reports whether word is a dotted abbreviation such as "U.S",
// "a.m" or "EE.UU": letter groups of at most three letters joined by periods.
func dotted(word string) bool {
	if strings.IndexByte(word, '.') < 0 {
		return false
	}
	n := 0
	for _, r := range word {
		switch {
		case r == '.':
			n = 0
		case unicode.IsLetter(r):
			n++
			if n > 3 {
				return false
			}
		default:
			return false
		}
	}
	return true
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func isSpaceRune(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r == '\u00a0' || r == '\u2009' || r == '\u202f' || r == '\u3000' || (r != utf8.RuneError && unicode.IsSpace(r))
}

// maxAbbrevLen is the length in bytes of the longest word isBoundary
// looks up: in titles, months, ambiguous and its own list ("núm").
var maxAbbrevLen = func() int {
	n := len("núm")
	for _, m := range []map[string]bool{titles, months, ambiguous} {
		for w := range m {
			n = max(n, len(w))
		}
	}
	return n
}()

// isASCII reports whether s holds ASCII bytes only.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// titles never end a sentence: they precede a name.
var titles = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "mssrs": true, "messrs": true, "dr": true, "prof": true,
	"gen": true, "sen": true, "sens": true, "gov": true, "govs": true, "rep": true, "reps": true,
	"lt": true, "col": true, "sgt": true, "capt": true, "cpt": true, "cmdr": true, "adm": true,
	"maj": true, "brig": true, "cpl": true, "pvt": true, "rev": true, "hon": true, "pres": true,
	"supt": true, "insp": true, "det": true, "atty": true, "st": true, "mt": true, "ft": true,
	"sr": true, "sra": true, "srta": true, "dra": true, "lic": true, "ing": true, "arq": true,
	"gral": true, "excmo": true, "sto": true, "sta": true, "fr": true, "vs": true, "v": true,
	"cf": true, "viz": true, "approx": true,
}

// months are abbreviations that precede a day number.
var months = map[string]bool{
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "ene": true, "abr": true,
	"ago": true, "dic": true,
}

// ambiguous abbreviations may or may not end a sentence.
var ambiguous = map[string]bool{
	"inc": true, "corp": true, "co": true, "ltd": true, "llc": true, "plc": true, "bros": true,
	"etc": true, "jr": true, "est": true, "dept": true, "univ": true, "assn": true, "av": true,
	"avda": true, "pág": true, "tel": true, "no": true, "nos": true, "vol": true, "ed": true,
	"al": true, "ave": true, "blvd": true, "rd": true, "cía": true, "uds": true, "ud": true,
}

// opensSentence reports whether s starts like a new sentence after an
// ambiguous abbreviation: an opening quote or bracket, or a capitalised
// function word ("The", "It", "But", "El", "Pero" …).
func opensSentence(s string) bool {
	r, size := utf8.DecodeRuneInString(s)
	switch r {
	case '"', '“', '‘', '«', '(', '[', '\'', '¿', '¡':
		return true
	}
	if !unicode.IsUpper(r) {
		return false
	}
	e := size
	for e < len(s) {
		r, size := utf8.DecodeRuneInString(s[e:])
		if !unicode.IsLetter(r) {
			break
		}
		e += size
	}
	var lb [32]byte
	return openers[string(AppendLower(lb[:0], s[:e]))]
}

var openers = map[string]bool{
	"the": true, "a": true, "an": true, "it": true, "he": true, "she": true, "they": true, "we": true,
	"i": true, "you": true, "but": true, "and": true, "in": true, "on": true, "at": true, "for": true,
	"this": true, "that": true, "these": true, "those": true, "there": true, "however": true,
	"its": true, "his": true, "her": true, "their": true, "our": true, "as": true, "if": true,
	"when": true, "while": true, "after": true, "before": true, "since": true, "so": true,
	"yet": true, "also": true, "meanwhile": true, "still": true, "then": true, "now": true,
	"what": true, "why": true, "how": true, "who": true, "some": true, "many": true, "most": true,
	"both": true, "one": true, "no": true, "not": true, "other": true, "despite": true,
	"el": true, "la": true, "los": true, "las": true, "un": true, "una": true, "en": true,
	"pero": true, "sin": true, "por": true, "para": true, "con": true, "este": true, "esta": true,
	"ese": true, "esa": true, "eso": true, "esto": true, "él": true, "ella": true, "ellos": true,
	"además": true, "también": true, "según": true, "al": true, "del": true, "se": true, "y": true,
}

// attribution reports whether s (following a closed quotation) starts with
// a speaker and a speech verb: "Báez said", "Governor Whitfield added",
// "dijo López". Up to three capitalised words may precede the verb, or one
// may follow it.
func attribution(s string) bool {
	for w, n := 0, 0; w < 4 && n < len(s); w++ {
		e := n
		for e < len(s) && !isSpaceByte(s[e]) {
			e++
		}
		word := strings.TrimRight(s[n:e], ",.;:")
		var lb [32]byte
		lw := AppendLower(lb[:0], word)
		if speechVerbs[string(lw)] {
			return w > 0 || e < len(s)
		}
		r := firstRune(word)
		if !unicode.IsUpper(r) || w == 0 && pronouns[string(lw)] {
			return false
		}
		for e < len(s) && isSpaceByte(s[e]) {
			e++
		}
		n = e
	}
	return false
}

// pronouns after a closed quotation start a new sentence when capitalised
// (“… defended.” She said → two sentences; the lowercase form is one).
var pronouns = map[string]bool{
	"he": true, "she": true, "they": true, "it": true, "we": true, "i": true, "you": true,
	"él": true, "ella": true, "ellos": true, "ellas": true,
}

var speechVerbs = map[string]bool{
	"said": true, "says": true, "added": true, "adds": true, "told": true, "asked": true, "asks": true,
	"recounted": true, "explained": true, "continued": true, "wrote": true, "writes": true,
	"replied": true, "insisted": true, "noted": true, "stated": true, "declared": true,
	"argued": true, "warned": true, "claimed": true, "tweeted": true, "posted": true,
	"exclaimed": true, "responded": true, "shouted": true, "concluded": true, "acknowledged": true,
	"dijo": true, "afirmó": true, "añadió": true, "agregó": true, "señaló": true, "explicó": true,
	"aseguró": true, "declaró": true, "indicó": true, "sostuvo": true, "expresó": true,
	"comentó": true, "preguntó": true, "respondió": true, "advirtió": true, "insistió": true,
}
