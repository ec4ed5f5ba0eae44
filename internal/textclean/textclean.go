// Package textclean normalises white space in text read from outside
// (feeds, web pages, chat) so that every reader of it agrees on what a
// space is. It imports nothing of the program, so parsers and adapters
// alike may use it.
package textclean

import (
	"strings"
)

// isSpace reports whether r separates words in the text we read: ASCII
// white space, the no-break space, the Unicode line and paragraph
// separators, and the invisible zero-width space and byte-order mark
// (U+FEFF), which pages use as break hints and which would otherwise glue
// or split words unseen.
func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\v', '\u00a0', '\u2028', '\u2029', '\u200b', '\ufeff':
		return true
	}
	return false
}

// Space collapses runs of white space (see isSpace; newlines included)
// into single spaces and trims the ends.
func Space(s string) string {
	return strings.Join(strings.FieldsFunc(s, isSpace), " ")
}

// OneLine collapses all runs of Unicode white space (unicode.IsSpace,
// newlines included) to single spaces, trims the ends and drops invalid
// UTF-8, which is never sent to a chat platform: the one-line form of
// titles, names and labels.
func OneLine(s string) string {
	return strings.Join(strings.Fields(strings.ToValidUTF8(s, "")), " ")
}
