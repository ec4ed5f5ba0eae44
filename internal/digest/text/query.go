package text

import (
	"strings"
	"unicode"
)

// MaxQueryTerms is the number of words the stores keep of a full-text
// query (QueryTerms' max): it bounds a query's cost whatever a user types.
const MaxQueryTerms = 12

// QueryTerms splits user search text into lower-case words for a
// full-text query. A word is a run of letters, digits and combining marks;
// everything else (any query syntax: quotes, parentheses, operators, NUL
// bytes, invalid UTF-8) separates words, so no user syntax survives.
// English and Spanish stop words are dropped unless nothing else is left,
// duplicates are removed, and at most max words are kept, in order.
func QueryTerms(s string, max int) []string {
	var all []string
	seen := make(map[string]bool)
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := strings.ToLower(s[start:end])
		start = -1
		if !seen[w] {
			seen[w] = true
			all = append(all, w)
		}
	}
	for i, r := range s {
		if r != unicode.ReplacementChar && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)) {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(s))

	kept := make([]string, 0, len(all))
	for _, w := range all {
		if !IsStopWord(w, "en") && !IsStopWord(w, "es") {
			kept = append(kept, w)
		}
	}
	if len(kept) == 0 {
		kept = all
	}
	return kept[:min(len(kept), max)]
}
