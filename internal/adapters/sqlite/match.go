package sqlite

import (
	"strings"

	"github.com/newsdigest/bot/internal/digest/text"
)

// terms splits user text into the words of a full-text query; see
// text.QueryTerms: no user syntax survives, so FTS5 never sees it.
func terms(s string) []string { return text.QueryTerms(s, text.MaxQueryTerms) }

// joinExpr turns words into an FTS5 expression joining them with op
// ("OR" or "AND"): each word becomes a quoted string (words hold no '"',
// see terms), so FTS5 keywords such as NEAR, AND, OR and NOT are matched as
// plain words. It returns "" for no words.
func joinExpr(words []string, op string) string {
	if len(words) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteByte('(')
	for i, w := range words {
		if i > 0 {
			b.WriteString(" " + op + " ")
		}
		b.WriteByte('"')
		b.WriteString(strings.ReplaceAll(w, `"`, `""`))
		b.WriteByte('"')
	}
	b.WriteByte(')')
	return b.String()
}

// maxAllTerms is the most words for which a query gets an every-word
// form: longer queries (lists of key terms) seldom match in full, and the
// second form costs a second pass over each word's index.
const maxAllTerms = 4

// ftsQuery is a full-text query in two forms over the same words: any
// matches rows holding at least one word (recall), all those holding every
// word (precision); all is "" when it would equal any or the query has more
// than maxAllTerms words. bm25 gives a row the same score under both
// forms, so their hits merge by score.
type ftsQuery struct {
	any, all string
}

// articleQuery builds the article search for user text: its words in any
// column. A zero ftsQuery means the text holds no searchable word.
func articleQuery(text string) ftsQuery {
	words := terms(text)
	q := ftsQuery{any: joinExpr(words, "OR")}
	if len(words) > 1 && len(words) <= maxAllTerms {
		q.all = joinExpr(words, "AND")
	}
	return q
}

// quoteQuery builds the quote search: words of text in the quote text
// column and, when speaker is given, words of speaker in the speaker
// column. A zero ftsQuery means there is nothing to search for.
func quoteQuery(text, speaker string) ftsQuery {
	tw, sw := terms(text), terms(speaker)
	build := func(op string) string {
		t, sp := joinExpr(tw, op), joinExpr(sw, op)
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
	q := ftsQuery{any: build("OR")}
	if (len(tw) > 1 || len(sw) > 1) && len(tw)+len(sw) <= maxAllTerms {
		q.all = build("AND")
	}
	return q
}
