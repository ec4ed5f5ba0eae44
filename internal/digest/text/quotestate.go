package text

import (
	"unicode"
	"unicode/utf8"
)

// Quotation kinds tracked while splitting sentences.
const (
	qGuillemet   byte = iota + 1 // « »
	qDoubleCurly                 // “ ”
	qSingleCurly                 // ‘ ’
	qDouble                      // "
	qSingle                      // '
)

// quoteStack follows the quotations open at a point of a paragraph:
// « », “ ”, ‘ ’ and straight quotes, nested up to a few levels. Closing
// marks with no matching opening (an apostrophe, a stray ») are ignored,
// so one unbalanced mark affects at most the rest of its paragraph.
type quoteStack struct {
	open [6]byte
	n    int
	// orphan is set by a closing » or ” with no quotation of its kind
	// open: the quotation began before, unmarked (a news body that lost
	// the opening mark, or a quotation run on from an earlier paragraph).
	orphan bool
}

func (q *quoteStack) inside() bool { return q.n > 0 }

// push opens a quotation of kind k. A quotation of a kind already open
// restarts it rather than nesting in it: a quotation never nests in its own
// kind, and a repeated opening mark is a quotation run on from an earlier
// paragraph or a mark left unclosed.
func (q *quoteStack) push(k byte) {
	q.pop(k)
	if q.n < len(q.open) {
		q.open[q.n] = k
		q.n++
	}
}

// pop closes the innermost quotation of kind k and any opened inside it;
// false when none of kind k is open.
func (q *quoteStack) pop(k byte) bool {
	for i := q.n - 1; i >= 0; i-- {
		if q.open[i] == k {
			q.n = i
			return true
		}
	}
	return false
}

func (q *quoteStack) has(k byte) bool {
	for i := 0; i < q.n; i++ {
		if q.open[i] == k {
			return true
		}
	}
	return false
}

// quoteMark returns the kind of quotation mark at s[i], whether it can
// only open (« “ ‘) or only close (» ” ’) a quotation, and its size; size 0
// when s[i] is no quotation mark.
func quoteMark(s string, i int) (kind byte, opens, closes bool, size int) {
	switch s[i] {
	case '"':
		return qDouble, false, false, 1
	case '\'':
		return qSingle, false, false, 1
	case 0xc2:
		if i+1 < len(s) {
			switch s[i+1] {
			case 0xab:
				return qGuillemet, true, false, 2
			case 0xbb:
				return qGuillemet, false, true, 2
			}
		}
	case 0xe2:
		if i+2 < len(s) && s[i+1] == 0x80 {
			switch s[i+2] {
			case 0x9c:
				return qDoubleCurly, true, false, 3
			case 0x9d:
				return qDoubleCurly, false, true, 3
			case 0x98:
				return qSingleCurly, true, false, 3
			case 0x99:
				return qSingleCurly, false, true, 3
			}
		}
	}
	return 0, false, false, 0
}

// feed updates q with the quotation mark at s[i] (see quoteMark) and
// returns its size, or 0 when s[i] is no quotation mark. Straight quotes
// open when they follow white space or an opening bracket and precede a
// non-space; they close an open quotation of their kind when they follow a
// non-space. An apostrophe inside a word (don’t, O'Brien) never closes.
func (q *quoteStack) feed(s string, i int) int {
	kind, opens, closes, size := quoteMark(s, i)
	if size == 0 {
		return 0
	}
	before, after := runeBefore(s, i), runeAfter(s, i+size)
	letterAfter := unicode.IsLetter(after) || unicode.IsDigit(after)
	letterBefore := unicode.IsLetter(before) || unicode.IsDigit(before)
	switch {
	case opens:
		q.push(kind)
	case closes:
		if kind == qSingleCurly && letterBefore && letterAfter {
			return size // apostrophe
		}
		if !q.pop(kind) && kind != qSingleCurly {
			q.orphan = true
		}
	default: // straight
		openCtx := before == 0 || unicode.IsSpace(before) || isOpener(before)
		if q.has(kind) && !openCtx {
			if kind == qSingle && letterAfter {
				return size // apostrophe
			}
			q.pop(kind)
			return size
		}
		if openCtx && after != 0 && !unicode.IsSpace(after) && (kind == qDouble || unicode.IsLetter(after) || after == '¿' || after == '¡') {
			q.push(kind)
		}
	}
	return size
}

// isOpener reports runes after which a straight quotation mark opens.
func isOpener(r rune) bool {
	switch r {
	case '(', '[', '{', '—', '–', '-', '«', '“', '‘', ':', '¿', '¡', '"', '\'':
		return true
	}
	return false
}

func runeBefore(s string, i int) rune {
	if i == 0 {
		return 0
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return r
}

func runeAfter(s string, i int) rune {
	if i >= len(s) {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r
}

// restarts reports whether a sentence starting at s[i] opens with a
// quotation mark of the one kind open: the quotation left open by the
// sentence before it is restarted, so the new sentence does not open
// inside it ("… were slow. "The warning signs are there."").
func (q *quoteStack) restarts(s string, i int) bool {
	if q.n != 1 || i >= len(s) {
		return false
	}
	kind, _, closes, size := quoteMark(s, i)
	return size > 0 && !closes && kind == q.open[0]
}
