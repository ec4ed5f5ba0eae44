package similar

import (
	"math"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// LeadSentences is how many sentences of the body Entities reads: the
// lead names who, where and how many; later sentences drift to background
// (earlier events, other people) that two different events share.
const LeadSentences = 3

// NewDocText is NewDoc plus Entities(title, body): the caller passes the
// raw headline and body next to their tokens, and SameStory and MatchStory
// then also weigh the names, places and numbers the two leads share.
func NewDocText(title, body string, titleTokens, bodyTokens []string, published time.Time) Doc {
	d := NewDoc(title, titleTokens, bodyTokens, published)
	d.Entities = Entities(title, body)
	d.Keys = CrossKeys(title, body)
	return d
}

// Entities returns the salient names and numbers of an article: the
// capitalised words (proper names, places, organisations, months) and the
// numbers of its headline and of the first LeadSentences sentences of its
// body, lower-cased, sorted and distinct. Sentence-initial capitals count
// unless the word is a common one ("The", "After", "She"); a headline in
// title case contributes only its numbers. It reads at most a few
// kilobytes of body and uses no regular expressions.
func Entities(title, body string) []string {
	var out []string
	out = appendEntities(out, title, 1, titleCase(title))
	out = appendEntities(out, body, LeadSentences, false)
	return sortedDistinct(out)
}

// maxLeadBytes bounds the body Entities reads when it finds no sentence
// ends (a list, a wall of text).
const maxLeadBytes = 2000

// titleCase reports whether most words of s start with a capital, as in
// "Jessa Vane Heads To Corrow Lake": its capitals then say nothing.
func titleCase(s string) bool {
	var words, caps int
	for _, w := range strings.Fields(s) {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsLetter(r) {
			continue
		}
		words++
		if unicode.IsUpper(r) {
			caps++
		}
	}
	return words >= 4 && caps*4 >= words*3
}

// appendEntities appends the entities of the first n sentences of s.
func appendEntities(out []string, s string, n int, numbersOnly bool) []string {
	if len(s) > maxLeadBytes {
		s = s[:maxLeadBytes]
	}
	sentences := 0
	start := true // at the start of a sentence
	i := 0
	for i < len(s) && sentences < n {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i + size
			for j < len(s) {
				q, qs := utf8.DecodeRuneInString(s[j:])
				if unicode.IsLetter(q) || unicode.IsDigit(q) {
					j += qs
					continue
				}
				// Inner '.', ',' (6.1, 1,000), '-' and apostrophes
				// stay in the word when a letter or digit follows.
				if (q == '.' || q == ',' || q == '-' || q == '\'' || q == '’') && j+qs < len(s) {
					if nr, _ := utf8.DecodeRuneInString(s[j+qs:]); unicode.IsLetter(nr) || unicode.IsDigit(nr) {
						if (q == '.' || q == ',') && !unicode.IsDigit(r) {
							break // "said.Then": a sentence end
						}
						j += qs
						continue
					}
				}
				break
			}
			if e, ok := entity(s[i:j], r, start, numbersOnly); ok {
				if unicode.IsDigit(r) {
					e, ok = numberEntity(e)
				}
				if ok {
					out = append(out, e)
				}
			}
			start = false
			i = j
		case r == '.' || r == '!' || r == '?':
			// A full stop after a single capital ("J. Smith") or an
			// initialism does not end the sentence.
			if r == '.' && i > 0 && i+1 < len(s) && s[i+1] != ' ' && s[i+1] != '\n' {
				i += size
				continue
			}
			if r == '.' && i >= 1 && isInitial(s[:i]) {
				i += size
				continue
			}
			sentences++
			start = true
			i += size
		case r == '\n':
			if i+1 < len(s) && s[i+1] == '\n' && !start {
				sentences++ // a paragraph without a final stop
			}
			start = true
			i += size
		default:
			i += size
		}
	}
	return out
}

// numberEntity returns the entity of the number n: none for a year (a
// year is not a name and says nothing of one event), n otherwise. Shared
// numbers count only next to a shared name (see weightedJaccard).
func numberEntity(n string) (string, bool) {
	return n, !isYear(n)
}

// isInitial reports whether s ends with a lone capital letter, a dotted
// initialism ("U.S", "U.N", "U.A.E", Spanish "EE.UU") or a short title
// abbreviation ("Mr", "Dr", "St"), so that the following '.' is not a
// sentence end.
func isInitial(s string) bool {
	k := strings.LastIndexAny(s, " \n\t(\"“")
	w := s[k+1:]
	if dottedCapitals(w) {
		return true
	}
	switch w {
	case "Mr", "Mrs", "Ms", "Dr", "St", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Jr", "Sr", "No":
		return true
	}
	return false
}

// dottedCapitals reports whether w is one or more groups of capital ASCII
// letters joined by '.', each group one letter ("J", "U.N", "U.A.E") or a
// doubled letter as Spanish writes plurals ("EE.UU", "FF.AA").
func dottedCapitals(w string) bool {
	if w == "" {
		return false
	}
	for g := range strings.SplitSeq(w, ".") {
		switch {
		case len(g) == 1 && g[0] >= 'A' && g[0] <= 'Z':
		case len(g) == 2 && g[0] >= 'A' && g[0] <= 'Z' && g[0] == g[1] && strings.Contains(w, "."):
		default:
			return false
		}
	}
	return true
}

// entity returns the entity form of word w (first rune r) or false.
func entity(w string, r rune, sentenceStart, numbersOnly bool) (string, bool) {
	if len(w) > MaxTermBytes {
		return "", false // not a word (see MaxTermBytes)
	}
	if unicode.IsDigit(r) {
		// "33-year-old" → "33", "6.1" and "1,000" kept whole.
		if k := strings.IndexFunc(w, func(q rune) bool { return !unicode.IsDigit(q) && q != '.' && q != ',' }); k >= 0 {
			w = w[:k]
		}
		w = strings.TrimRight(w, ".,")
		return w, w != ""
	}
	if numbersOnly || !unicode.IsUpper(r) {
		return "", false
	}
	if utf8.RuneCountInString(w) < 2 {
		return "", false
	}
	l := strings.ToLower(w)
	if i := strings.IndexAny(l, "'’"); i > 0 {
		l = l[:i] // "Lohan's" → "lohan"
	}
	if commonCapital(l) {
		return "", false
	}
	if sentenceStart && commonStart(l) {
		return "", false
	}
	return l, true
}

// commonCapital reports words that are capitalised anywhere but name no
// one event: weekdays and a few honorifics.
func commonCapital(w string) bool {
	switch w {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"mr", "mrs", "ms", "dr", "sir", "i", "ap", "reuters", "update", "updated", "breaking", "news",
		"photo", "video", "read", "more", "click", "here", "posted", "by":
		return true
	}
	return false
}

// commonStart reports function words and other common words that are
// capitalised only because they open a sentence.
func commonStart(w string) bool {
	switch w {
	case "a", "an", "the", "this", "that", "these", "those", "there", "here", "it", "its",
		"he", "she", "they", "we", "you", "his", "her", "their", "our", "my", "your",
		"in", "on", "at", "of", "for", "from", "to", "by", "with", "after", "before", "during",
		"as", "and", "but", "or", "so", "if", "when", "while", "since", "because", "although",
		"though", "according", "about", "over", "under", "more", "most", "some", "many", "all",
		"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"no", "not", "yes", "what", "who", "why", "how", "where", "which", "now", "today",
		"yesterday", "tomorrow", "last", "earlier", "later", "then", "also", "still", "just",
		"meanwhile", "however", "police", "officials", "authorities", "witnesses", "residents",
		"several", "both", "each", "every", "another", "other", "such", "only", "even",
		"new", "former", "late", "early", "nearly", "almost", "around", "up", "out", "despite",
		"like", "unlike", "amid", "among", "upon", "once", "until", "do", "does", "did", "is",
		"was", "are", "were", "has", "have", "had", "will", "would", "can", "could", "should",
		"may", "might", "must", "said", "says", "reports", "report", "sources", "source":
		return true
	}
	return false
}

// Entity weighing in SameStory and MatchStory. When both documents
// have at least minEntities entities, their similarity becomes
//
//	cosine + entityWeight·J − entityPenalty
//
// where J is the weighted Jaccard overlap of their entities. Two reports of
// one event share the names of their leads (J often 0.2 to 0.5) while two
// events of the same kind share only the topic's names, which weigh
// nothing in MatchStory (see entityIDF): the penalty asks such pairs for a
// higher cosine. Tuned on the odd topics of ECB+ (internal/eval/stories).
const (
	minEntities   = 3
	entityWeight  = 0.75
	entityPenalty = 0.10
)

// withEntities adjusts the term similarity s of two documents by the
// overlap of their entities a and b weighed by w (see entityWeight).
func withEntities(s float64, a, b []string, w func(string) float64) float64 {
	if j, ok := weightedJaccard(a, b, w); ok {
		return s + entityWeight*j - entityPenalty
	}
	return s
}

func uniformWeight(string) float64 { return 1 }

// entityIDF returns ln((N+1)/(df+1)) over the entities of d and
// candidates: an entity every candidate names (the topic: "Microsoft",
// "Chargers") weighs nothing, one only d and one candidate name weighs most.
func entityIDF(d Doc, candidates []Doc) func(string) float64 {
	df := make(map[string]int, 2*len(d.Entities))
	for _, e := range d.Entities {
		df[e]++
	}
	for i := range candidates {
		for _, e := range candidates[i].Entities {
			df[e]++
		}
	}
	n := float64(len(candidates) + 1)
	return func(e string) float64 { return math.Log((n + 1) / (float64(df[e]) + 1)) }
}

// weightedJaccard returns the weight of the entities a and b share over
// the weight of all their entities, and false when either has fewer than
// minEntities (too few to judge) or all weigh nothing.
func weightedJaccard(a, b []string, w func(string) float64) (float64, bool) {
	if len(a) < minEntities || len(b) < minEntities {
		return 0, false
	}
	var sa, sb, sh, shNum float64
	for _, e := range a {
		sa += w(e)
	}
	for _, e := range b {
		sb += w(e)
	}
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch c := strings.Compare(a[i], b[j]); {
		case c < 0:
			i++
		case c > 0:
			j++
		default:
			if isBareNumber(a[i]) {
				shNum += w(a[i])
			} else {
				sh += w(a[i])
			}
			i++
			j++
		}
	}
	if sh > 0 {
		sh += shNum // numbers count next to a shared name, never alone
	}
	if sa <= 0 || sb <= 0 {
		return 0, false
	}
	return sh / (sa + sb - sh), true
}
