package sqlite

import (
	"strings"
	"unicode"
)

// maxTerms bounds the number of words in one full-text query, which bounds
// its cost whatever a user types.
const maxTerms = 12

// terms splits user text into lower-case words for a full-text query. A
// word is a run of letters, digits and combining marks; everything else,
// FTS5 syntax included (quotes, parentheses, '*', '^', ':', '+', '-'), is a
// separator, so no user syntax survives. Stop words are dropped unless
// nothing else is left, duplicates are removed, and at most maxTerms words
// are kept in the order given.
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

	var kept []string
	for _, w := range all {
		if !isStopWord(w) {
			kept = append(kept, w)
		}
	}
	if len(kept) == 0 {
		kept = all
	}
	if len(kept) > maxTerms {
		kept = kept[:maxTerms]
	}
	return kept
}

// orExpr turns words into an FTS5 expression matching any of them: each
// word becomes a quoted string (words hold no '"', see terms), so FTS5
// keywords such as NEAR, AND, OR and NOT are matched as plain words. It
// returns "" for no words.
func orExpr(words []string) string {
	if len(words) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteByte('(')
	for i, w := range words {
		if i > 0 {
			b.WriteString(" OR ")
		}
		b.WriteByte('"')
		b.WriteString(strings.ReplaceAll(w, `"`, `""`))
		b.WriteByte('"')
	}
	b.WriteByte(')')
	return b.String()
}

// matchExpr builds the MATCH expression for an article search: any of the
// user's words, in any column. "" means the text holds no searchable word.
func matchExpr(text string) string {
	return orExpr(terms(text))
}

// quoteMatchExpr builds the MATCH expression for a quote search: any of the
// words in the quote text and, when speaker is given, any of the speaker
// words in the speaker column. "" means there is nothing to search for.
func quoteMatchExpr(text, speaker string) string {
	t := orExpr(terms(text))
	sp := orExpr(terms(speaker))
	switch {
	case t != "" && sp != "":
		return "{text} : " + t + " AND {speaker} : " + sp
	case t != "":
		return "{text} : " + t
	case sp != "":
		return "{speaker} : " + sp
	}
	return ""
}

// isStopWord reports whether w is a very common English or Spanish word
// that adds cost and little relevance to an OR query.
func isStopWord(w string) bool {
	switch w {
	case "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "could",
		"did", "do", "does", "for", "from", "had", "has", "have", "he", "her", "his", "how",
		"i", "if", "in", "into", "is", "it", "its", "me", "my", "no", "not", "of", "on", "or",
		"our", "she", "so", "than", "that", "the", "their", "them", "then", "there", "these",
		"they", "this", "those", "to", "up", "us", "was", "we", "were", "what", "when", "where",
		"which", "who", "whom", "why", "will", "with", "would", "you", "your", "about", "after",
		"all", "also", "any", "just", "more", "most", "said", "says", "say",
		"el", "la", "los", "las", "de", "del", "y", "o", "en", "un", "una", "unos", "unas",
		"que", "es", "se", "por", "para", "con", "al", "lo", "su", "sus", "como", "más",
		"pero", "ya", "le", "les", "ha", "han", "fue", "son", "está":
		return true
	}
	return false
}
