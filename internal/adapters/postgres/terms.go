package postgres

import (
	"strconv"
	"strings"

	"github.com/newsdigest/bot/internal/digest/text"
)

// terms splits user text into the words of a full-text query; see
// text.QueryTerms: no tsquery syntax survives, and every word is valid
// text for PostgreSQL.
func terms(s string) []string { return text.QueryTerms(s, text.MaxQueryTerms) }

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
