package quotes

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxQuoteBytes bounds one quoted segment: an opening mark with no closing
// mark within this many bytes is treated as garbled and dropped, so an
// unbalanced mark can never swallow the article.
const maxQuoteBytes = 2000

type tkind uint8

const (
	tWord  tkind = iota // letters, digits, inner apostrophes, hyphens and dots
	tPunct              // any other single non-space rune
	tMark               // a double quotation mark
)

// mark kinds
const (
	mNone     = 0
	mStraight = '"'
	mOpen     = '“'
	mClose    = '”'
	mLow      = '„'
	mGuilL    = '«'
	mGuilR    = '»'
)

type tok struct {
	s, e int32
	k    tkind
	up   bool // a word whose first letter is upper case (see upper)
	// ascii: a word of ASCII bytes only (its lowered form is as long)
	ascii bool
	r     rune // the rune of a punct or mark token
}

// markRune reports the quotation mark starting at b[i], if any.
func markRune(b string, i int) (rune, int) {
	c := b[i]
	switch {
	case c == '"':
		return mStraight, 1
	case c == 0xE2 && i+2 < len(b) && b[i+1] == 0x80:
		switch b[i+2] {
		case 0x9C:
			return mOpen, 3
		case 0x9D:
			return mClose, 3
		case 0x9E:
			return mLow, 3
		}
	case c == 0xC2 && i+1 < len(b):
		switch b[i+1] {
		case 0xAB:
			return mGuilL, 2
		case 0xBB:
			return mGuilR, 2
		}
	}
	return mNone, 0
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord[r]
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// mojibakeTail reports a rune r at b[j:] inside a word that is no letter
// but belongs to it: a combining mark (a letter written decomposed,
// "Jose\u0301"), or a Latin-1 sign right after "Ã" or "Â", composed or
// not: the second half of a UTF-8 letter read as Latin-1 ("PeÃ±a" for
// "Peña", "TrÃ©vidic"). Either way a name is not cut in two.
func mojibakeTail(b string, j int, r rune) bool {
	if r < 0x300 {
		if r < 0x80 || r > 0xBF || j < 2 {
			return false
		}
		p := b[j-2 : j]
		return p == "Ã" || p == "Â" || p == "\u0303" || p == "\u0302"
	}
	return unicode.Is(unicode.Mn, r)
}

// asciiWord marks the ASCII letters and digits: isWordRune without the
// Unicode tables for the common case.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := rune(0); c < utf8.RuneSelf; c++ {
		t[c] = unicode.IsLetter(c) || unicode.IsDigit(c)
	}
	return t
}()

// asciiWordByte is asciiWord over all byte values (false from 128 up).
var asciiWordByte = func() (t [256]bool) {
	copy(t[:], asciiWord[:])
	return t
}()

// isApos reports an apostrophe-like rune that may sit inside a word.
func isApos(r rune) bool { return r == '\'' || r == '’' }

// tokenize appends the tokens of b[s:e] to dst.
func tokenize(dst []tok, b string, s, e int) []tok {
	line := b[:e] // indexed below e without bounds checks
	i := s
	for i < len(line) {
		c := line[i]
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			i++
			continue
		}
		n := 1
		if !asciiWordByte[c] { // an ASCII letter or digit starts a word: no mark, no decoding
			if m, n := markRune(b, i); m != mNone {
				dst = append(dst, tok{s: int32(i), e: int32(i + n), k: tMark, r: m})
				i += n
				continue
			}
			r := rune(c)
			if c >= utf8.RuneSelf {
				r, n = utf8.DecodeRuneInString(b[i:e])
			}
			if !isWordRune(r) {
				if !unicode.IsSpace(r) {
					dst = append(dst, tok{s: int32(i), e: int32(i + n), k: tPunct, r: r})
				}
				i += n
				continue
			}
		}
		j := i + n
		ascii := c < utf8.RuneSelf
		for j < e {
			for j < len(line) && asciiWordByte[line[j]] {
				j++ // most bytes of a word: one test each
			}
			if j == e {
				break
			}
			if c2 := b[j]; c2 < utf8.RuneSelf {
				if asciiWord[c2] {
					j++
					continue
				}
				if c2 != '\'' && c2 != '-' && c2 != '.' {
					break // ASCII space or punctuation ends the word
				}
			}
			r2, n2 := rune(b[j]), 1
			if b[j] >= utf8.RuneSelf {
				r2, n2 = utf8.DecodeRuneInString(b[j:e])
			}
			if isWordRune(r2) || mojibakeTail(b, j, r2) {
				ascii = ascii && n2 == 1
				j += n2
				continue
			}
			// inner apostrophe, hyphen or dot followed by a letter: U.S, don't, anti-war
			if (isApos(r2) || r2 == '-' || r2 == '.') && j+n2 < e {
				r3, _ := utf8.DecodeRuneInString(b[j+n2 : e])
				if isWordRune(r3) {
					ascii = ascii && n2 == 1
					j += n2
					continue
				}
			}
			break
		}
		up := 'A' <= c && c <= 'Z'
		if c >= utf8.RuneSelf {
			r, _ := utf8.DecodeRuneInString(b[i:j])
			up = unicode.IsUpper(r)
		}
		dst = append(dst, tok{s: int32(i), e: int32(j), k: tWord, up: up, ascii: ascii})
		i = j
	}
	return dst
}

// span is a byte range of the body.
type span struct{ s, e int }

// segment is one quoted stretch inside a line: inner text [s,e), the token
// indices of its opening and closing marks (close == -1 when the quote runs
// on into the next line).
type segment struct {
	s, e        int
	line        int
	open, close int // token indices
	contPrev    bool
	contNext    bool
}

func runeBefore(b string, i, lo int) rune {
	if i <= lo {
		return ' '
	}
	r, _ := utf8.DecodeLastRuneInString(b[lo:i])
	return r
}

func runeAfter(b string, i, hi int) rune {
	if i >= hi {
		return ' '
	}
	r, _ := utf8.DecodeRuneInString(b[i:hi])
	return r
}

func isOpenCtx(r rune) bool {
	return unicode.IsSpace(r) || r == '(' || r == '[' || r == '{' || r == '—' || r == '–' || r == '-' || r == '/' || r == '‘' || r == '\'' || r == ':'
}

func isCloseCtx(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsPunct(r) && r != '‘' && r != '(' && r != '[' || r == '—' || r == '–'
}

// pairLine finds the quoted segments of one line whose tokens are
// toks[t0:t1] and whose bytes are b[ls:le]. It returns whether a quote is
// left open at the end of the line, with the opening token index.
func pairLine(dst []segment, b string, toks []tok, t0, t1, ls, le, line int) ([]segment, int) {
	open := -1
	var opener rune
	for j := t0; j < t1; j++ {
		t := toks[j]
		if t.k != tMark {
			continue
		}
		before := runeBefore(b, int(t.s), ls)
		after := runeAfter(b, int(t.e), le)
		openCtx := isOpenCtx(before) && !unicode.IsSpace(after) && after != ',' && after != '.'
		closeCtx := !unicode.IsSpace(before) && isCloseCtx(after) || unicode.IsPunct(before) && before != '(' && !isOpenCtx(before)
		if open >= 0 && int(t.s)-int(toks[open].e) > maxQuoteBytes {
			open = -1 // garbled: give up on that opener
		}
		if open < 0 {
			switch t.r {
			case mOpen, mLow, mGuilL:
				if int(t.e) < le {
					open, opener = j, t.r
				}
			case mStraight:
				if !closeCtx || openCtx {
					open, opener = j, t.r
				}
			case mClose:
				if openCtx {
					open, opener = j, t.r
				}
			}
			continue
		}
		closes := false
		switch opener {
		case mGuilL:
			// inside « » the other marks are nested quotations
			// («… "Machirulo" me parece …», «… “comisión” …»)
			closes = t.r == mGuilR
		case mStraight:
			switch t.r {
			case mStraight, mClose, mGuilR:
				closes = true
			case mOpen:
				closes = closeCtx
			}
		default:
			switch t.r {
			case mClose, mGuilR:
				closes = true
			case mStraight:
				closes = !openCtx || closeCtx
			case mOpen:
				closes = closeCtx || opener == mLow
				if !closes && openCtx {
					open, opener = j, t.r // unclosed opener: restart here
					continue
				}
			}
		}
		if !closes {
			continue
		}
		dst = appendSeg(dst, b, segment{s: int(toks[open].e), e: int(t.s), line: line, open: open, close: j})
		open = -1
	}
	return dst, open
}

// appendSeg trims the segment's spaces and trailing comma and keeps it when
// something remains.
func appendSeg(dst []segment, b string, sg segment) []segment {
	for {
		s0, e0 := sg.s, sg.e
		for sg.s < sg.e {
			r, n := utf8.DecodeRuneInString(b[sg.s:sg.e])
			if !unicode.IsSpace(r) && utf8.RuneStart(b[sg.s]) {
				break
			}
			sg.s += n // spaces, and stray continuation bytes of invalid UTF-8
		}
		for sg.e > sg.s {
			r, n := utf8.DecodeLastRuneInString(b[sg.s:sg.e])
			if !unicode.IsSpace(r) && r != ',' && (sg.e == len(b) || utf8.RuneStart(b[sg.e])) {
				break
			}
			sg.e -= n
		}
		if sg.s == s0 && sg.e == e0 {
			break
		}
	}
	if sg.e <= sg.s {
		return dst
	}
	return append(dst, sg)
}

// lenFilter tells, for the first two bytes of a word when they are ASCII,
// which word lengths (in bytes, 31 standing for 31 and more) some key of a
// word set has: a word whose lowered first two bytes and length match no
// key is not in the set, without the cost of lowering it and hashing it
// for a lookup. Bytes are told apart by class: each letter a–z, any other
// ASCII byte, and the end of a one-byte word.
type lenFilter [filterClasses * filterClasses]uint32

const (
	filterOther   = 26 // an ASCII byte that is not a letter
	filterEnd     = 27 // no second byte
	filterClasses = 28
)

// filterClass is the class of the ASCII byte c lowered.
func filterClass(c byte) int {
	if c |= 0x20; 'a' <= c && c <= 'z' {
		return int(c - 'a')
	}
	return filterOther
}

func newLenFilter(m map[string]bool) *lenFilter {
	var f lenFilter
	for k := range m {
		if k == "" || k[0] >= utf8.RuneSelf || len(k) > 1 && k[1] >= utf8.RuneSelf {
			continue // mayHave never rules out such words
		}
		second := filterEnd
		if len(k) > 1 {
			second = filterClass(k[1])
		}
		f[filterClass(k[0])*filterClasses+second] |= 1 << min(len(k), 31)
	}
	return &f
}

// mayHave reports false only when inSet(m, w) is false for the set m the
// filter was made from. Words whose first two bytes are not ASCII, or that
// hold non-ASCII bytes (their lowered length may differ), always pass.
func (f *lenFilter) mayHave(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return true
		}
	}
	return w == "" || f.mayHaveASCII(w)
}

// mayHaveASCII is mayHave for a non-empty word of ASCII bytes only.
func (f *lenFilter) mayHaveASCII(w string) bool {
	k := filterRow[w[0]&0x7f] + filterEnd
	if len(w) > 1 {
		k += filterCol[w[1]&0x7f] - filterEnd
	}
	return f[k]&(1<<min(len(w), 31)) != 0
}

// mayHaveASCIIAt is mayHaveASCII for the word b[s:s+n] (n ≥ 1), read in
// place.
func (f *lenFilter) mayHaveASCIIAt(b string, s, n int) bool {
	k := filterRow[b[s]&0x7f] + filterEnd
	if n > 1 {
		k += filterCol[b[s+1]&0x7f] - filterEnd
	}
	return f[k]&(1<<min(n, 31)) != 0
}

// filterRow and filterCol are the class of an ASCII byte as the first
// byte (times filterClasses) and as the second byte of a word.
var filterRow, filterCol = func() (row, col [utf8.RuneSelf]int) {
	for c := range utf8.RuneSelf {
		row[c] = filterClass(byte(c)) * filterClasses
		col[c] = filterClass(byte(c))
	}
	return row, col
}()

// speechVerbFilter rules out most words before speechVerbs is looked up:
// speechVerbAt is asked about every word of the body.
var speechVerbFilter = newLenFilter(speechVerbs.words)

// equalFoldASCII is strings.EqualFold(w, t) for t made of lower-case ASCII
// letters other than k and s: no other rune folds to those letters (k and
// s have the Kelvin sign and the long s), so a match is ASCII and as long
// as t, and most words are ruled out by their length.
func equalFoldASCII(w, t string) bool {
	if len(w) != len(t) {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != t[i] {
			return false
		}
	}
	return true
}

// isSegun is strings.EqualFold(w, "según"): its folded forms are 6 or 7
// bytes long (s may be the 2-byte long s).
func isSegun(w string) bool {
	return len(w) >= len("según") && len(w) <= len("según")+1 && strings.EqualFold(w, "según")
}

// fieldsUpTo appends to dst the first max fields of s as strings.Fields
// splits it (around runs of unicode.IsSpace), without allocating when dst
// has the room: a caller passes a buffer on its stack. max < 0: all.
func fieldsUpTo(dst []string, s string, max int) []string {
	start := -1 // the open field's start, -1 between fields
	for i := 0; i < len(s) && max != 0; {
		c, size := s[i], 1
		space := asciiSpace[c]
		if c >= utf8.RuneSelf {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
		}
		switch {
		case space && start >= 0:
			dst = append(dst, s[start:i])
			start = -1
			max--
		case !space && start < 0:
			start = i
		}
		i += size
	}
	if start >= 0 && max != 0 {
		dst = append(dst, s[start:])
	}
	return dst
}

// asciiSpace marks the ASCII bytes unicode.IsSpace reports (none of 128–255:
// those are read as runes).
var asciiSpace = [256]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}
