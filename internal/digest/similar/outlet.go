package similar

import (
	"strings"
	"unicode"
)

// minOutletLetters is the fewest letters and digits an outlet's name must
// have for WithoutOutlet to find it in a headline: shorter, and a word of
// the headline could match it by chance.
const minOutletLetters = 3

// WithoutOutlet returns title without the outlet names that feeds append
// to headlines ("Stocks slip - Reuters", "… | The Nation"): while the
// last part after a " - ", " | ", " – " or " — " names source (its letters
// and digits, lower-cased, hold or are held by those of source), that
// part is cut. A headline's own words never go: the part before the first
// separator is kept whatever it says. An outlet's name in every headline
// it sends would otherwise be a shared term of all its reports.
func WithoutOutlet(title, source string) string {
	src := compactName(source)
	if len(src) < minOutletLetters {
		return title
	}
	for {
		i, n := lastSeparator(title)
		if i <= 0 {
			return title
		}
		part := compactName(title[i+n:])
		if len(part) < minOutletLetters || !strings.Contains(part, src) && !strings.Contains(src, part) {
			return title
		}
		title = strings.TrimRightFunc(title[:i], unicode.IsSpace)
	}
}

// lastSeparator returns the offset and length of the last outlet
// separator of s, or -1.
func lastSeparator(s string) (int, int) {
	best, n := -1, 0
	for _, sep := range []string{" - ", " | ", " – ", " — "} {
		if i := strings.LastIndex(s, sep); i > best {
			best, n = i, len(sep)
		}
	}
	return best, n
}

// compactName is s folded (lower case, no accents) with only its letters
// and digits, and without a leading "www" and a web domain's ending
// (".com"), so that "WSHM-TV", "wshm" and "www.wshm.com" compare.
func compactName(s string) string {
	s = strings.TrimSpace(fold(s))
	s = strings.TrimPrefix(s, "www.")
	for _, tld := range []string{".com", ".co.uk", ".org", ".net"} {
		s = strings.TrimSuffix(s, tld)
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
