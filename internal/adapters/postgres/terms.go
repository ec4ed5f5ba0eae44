package postgres

import (
	"strconv"
	"strings"
	"unicode"
)

// maxTerms bounds the number of words in one full-text query, which bounds
// its cost whatever a user types.
const maxTerms = 12

// terms splits user text into lower-case words. A word is a run of
// letters, digits and combining marks; everything else (tsquery operators
// such as & | ! <-> : * ( ), quotes, NUL bytes, invalid UTF-8) separates
// words, so no user syntax survives and every word is valid text for
// PostgreSQL. Very common words are dropped unless nothing else is left,
// duplicates are removed, and at most maxTerms words are kept, in order.
func terms(text string) []string {
	var all []string
	seen := make(map[string]bool)
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := strings.ToLower(text[start:end])
		start = -1
		if !seen[w] {
			seen[w] = true
			all = append(all, w)
		}
	}
	for i, r := range text {
		if r != unicode.ReplacementChar && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)) {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(text))

	kept := make([]string, 0, len(all))
	for _, w := range all {
		if !isCommon(w) {
			kept = append(kept, w)
		}
	}
	if len(kept) == 0 {
		kept = all
	}
	return kept[:min(len(kept), maxTerms)]
}

// isCommon reports whether w is an English or Spanish word too frequent
// to help an OR query. The 'english' text search configuration drops
// English stop words by itself; listing them here also saves their
// plainto_tsquery calls.
func isCommon(w string) bool {
	switch w {
	case "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be",
		"been", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has",
		"have", "he", "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just",
		"me", "more", "most", "my", "no", "not", "of", "on", "or", "our", "said", "say", "says",
		"she", "so", "than", "that", "the", "their", "them", "then", "there", "these", "they",
		"this", "those", "to", "up", "us", "was", "we", "were", "what", "when", "where", "which",
		"who", "whom", "why", "will", "with", "would", "you", "your",
		"al", "como", "con", "de", "del", "el", "en", "es", "está", "fue", "ha", "han", "la",
		"las", "le", "les", "lo", "los", "más", "o", "para", "pero", "por", "que", "se", "son",
		"su", "sus", "un", "una", "unas", "unos", "y", "ya":
		return true
	}
	return false
}

// tsqueryExpr returns SQL for a tsquery matching any of words under text
// search configuration cfg (a trusted constant), with each word passed as
// a parameter numbered from first: plainto_tsquery(cfg, newsbot_fold($n))
// terms joined with ||. It appends the words to args and returns "" for no
// words. plainto_tsquery never fails on its input, and a word that is a
// stop word becomes an empty query that matches nothing.
func tsqueryExpr(cfg string, words []string, args *[]any) string {
	if len(words) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteByte('(')
	for i, w := range words {
		*args = append(*args, w)
		if i > 0 {
			b.WriteString(" || ")
		}
		b.WriteString("plainto_tsquery('" + cfg + "', newsbot_fold($" + strconv.Itoa(len(*args)) + "))")
	}
	b.WriteByte(')')
	return b.String()
}
