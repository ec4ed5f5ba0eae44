// Package textfit measures and cuts text against chat platforms' length
// limits. Slack and Discord both count limits in UTF-16 code units at
// worst, so every length here is in those units: one per character of the
// Basic Multilingual Plane, two for the others (most emoji). That is never
// less than the number of characters, so text within a limit by this count
// is within it by either count. Escaping and markup stay with each platform.
package textfit

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// width is the number of UTF-16 code units r takes: two outside the Basic
// Multilingual Plane, else one. (Ranging over a string yields only valid
// runes and utf8.RuneError, so there is no invalid case.)
func width(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// Len is the length of s in UTF-16 code units.
func Len(s string) int {
	n := 0
	for _, r := range s {
		n += width(r)
	}
	return n
}

// Prefix is the longest prefix of s of at most max UTF-16 code units, cut
// at a rune boundary; "" when max < 1.
func Prefix(s string, max int) string {
	n := 0
	for i, r := range s {
		n += width(r)
		if n > max {
			return s[:i]
		}
	}
	return s
}

// Ellipsis ends every text Shorten cuts.
const Ellipsis = "…"

// Shorten returns s when it fits in max UTF-16 code units, else s cut to
// fit with Ellipsis added: at the end of the last whole word when that
// keeps more than half of the room, else inside the word; spaces and
// punctuation left dangling at the cut are removed. It returns "" when
// max < 1, and a plain prefix when the ellipsis does not fit. Shorten is
// the one word-boundary cut of the program.
func Shorten(s string, max int) string {
	return shorten(s, max, Len(s), Prefix, Len(Ellipsis))
}

// ShortenBytes is Shorten with max counted in UTF-8 bytes, for text kept
// within a byte budget (stored reasons, one-line leads).
func ShortenBytes(s string, max int) string {
	return shorten(s, max, len(s), bytePrefix, len(Ellipsis))
}

// bytePrefix is the longest prefix of s of at most max bytes, cut at a
// rune boundary.
func bytePrefix(s string, limit int) string {
	if len(s) <= limit {
		return s
	}
	cut := max(0, limit)
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}

// dangling are the characters removed from the end of a cut: they open or
// separate something the cut left out.
const dangling = ",;:-–—([{/\"'“‘"

func shorten(s string, max, length int, prefix func(string, int) string, ellipsisLen int) string {
	if length <= max {
		return s
	}
	if max < ellipsisLen {
		return prefix(s, max) // no room for the ellipsis
	}
	head := prefix(s, max-ellipsisLen)
	if rest := s[len(head):]; rest == "" || !startsWithSpace(rest) {
		if sp := strings.LastIndexFunc(head, unicode.IsSpace); sp > len(head)/2 {
			head = head[:sp]
		}
	}
	head = strings.TrimRightFunc(head, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(dangling, r)
	})
	return head + Ellipsis
}

func startsWithSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

// EscapeShorten returns esc(s) when it fits in max UTF-16 code units, else
// esc of s shortened (see Shorten) to the most room whose escaped form
// fits: escaping may lengthen the text, and cutting before escaping never
// splits an escape in half. A cut text ends with Ellipsis, alone when
// nothing more fits; the result is "" only when max < 1. esc must leave
// Ellipsis as it is and never shorten text.
func EscapeShorten(s string, max int, esc func(string) string) string {
	e := esc(s)
	if Len(e) <= max {
		return e
	}
	if max < Len(Ellipsis) {
		return ""
	}
	// Binary search for the most room n whose escaped cut fits: the escaped
	// length grows with n (not strictly, as cuts move to word ends), and
	// whatever the search keeps fits.
	best := Ellipsis
	lo, hi := Len(Ellipsis)+1, max
	for lo <= hi {
		n := lo + (hi-lo)/2
		if e := esc(Shorten(s, n)); Len(e) <= max {
			best, lo = e, n+1
		} else {
			hi = n - 1
		}
	}
	return best
}
