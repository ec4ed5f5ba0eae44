package quotes

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// English attribution doubts. The rules below read the sentence holding a
// quote and take back a named speaker the grammar does not support: an
// empty speaker is a smaller harm than a wrong one.

// objectPreps are prepositions whose object is not the subject of the
// sentence: a name read only after one of them ("responds to Mills",
// "a message to Bell", "Like Varga, …") did not say the quoted words.
var objectPreps = map[string]bool{
	"to": true, "like": true, "unlike": true, "against": true,
	"toward": true, "towards": true, "about": true, "than": true, "at": true,
}

// subordinators open a subordinate clause: a speaker named inside one
// ("until Haley said", "While Bell proclaims …,") speaks only there, not in
// the main clause or before it.
var subordinators = map[string]bool{
	"until": true, "after": true, "before": true, "when": true, "while": true,
	"because": true, "since": true, "although": true, "though": true, "whereas": true, "if": true,
}

// hearsayCues introduce the source a statement is relayed through
// ("according to the Gazette, Ruiz praised …"): the quote is then the
// relay's as much as the named speaker's, so a different speaker is doubtful.
var hearsayCues = []string{"according to ", "reported by "}

// doubtfulSpeaker reports whether the English speaker of the quote at
// b[s:e] should be taken back: every mention of the speaker's surname in
// the quote's sentence stands after a preposition, or the sentence relays
// the quote through a hearsay source that is not the speaker.
func doubtfulSpeaker(b string, s, e int, speaker string) bool {
	sur := surnameOf(speaker)
	if sur == "" {
		return false
	}
	joint := strings.Contains(speaker, " and ") // "Bell and Ruiz": the pair speaks
	ss, se := sentenceAround(b, s, e)
	outside := b[ss:s] + " \x00 " + b[e:se] // the quote's words are not read
	qpos := s - ss
	mentions, objects := 0, 0
	for _, i := range wordIndexes(outside, sur) {
		mentions++
		prev, prev2 := wordsBeforeRun(outside, i)
		if objectPreps[prev] && prev2 != "according" || !joint && coordinated(outside, i, len(sur)) ||
			verbObject(prev) && prev2 != "" && prev2 != "\x00" && !actorAfter(nextWord(outside, i+len(sur))) ||
			subordinators[prev] && (i > qpos || clauseClosed(outside[i+len(sur):qpos])) {
			objects++
		}
	}
	if mentions > 0 && objects == mentions {
		return true
	}
	if !mayHoldHearsayCue(outside) {
		return false // no cue can be in the lowered sentence
	}
	lower := strings.ToLower(outside)
	for _, cue := range hearsayCues {
		for off := 0; ; {
			k := strings.Index(lower[off:], cue)
			if k < 0 {
				break
			}
			k += off
			off = k + len(cue)
			src := outside[off:min(len(outside), off+60)]
			if c := strings.IndexAny(src, ",;.\x00"); c >= 0 {
				src = src[:c] // the source's noun phrase only
			}
			// a named relay ("according to the Gazette") stands between
			// the quote and its speaker; a document or unnamed people
			// ("according to a transcript") do not
			if !strings.Contains(src, sur) && hasCapitalised(src) {
				return true
			}
		}
	}
	return false
}

// appositiveMaxBytes bounds an appositive after a name in a subordinate
// clause ("while Tom Bell, the former mayor, proposed …").
const appositiveMaxBytes = 80

// clauseClosed reports a comma in t, the words between a speaker named in a
// subordinate clause and the quote, other than those enclosing an
// appositive right after the name: the clause closed before the quote.
func clauseClosed(t string) bool {
	if len(t) > 0 && t[0] == ',' {
		if j := strings.IndexByte(t[1:], ','); j >= 0 && j < appositiveMaxBytes && !strings.ContainsRune(t[1:j+1], '\x00') {
			t = t[j+2:]
		}
	}
	return strings.IndexByte(t, ',') >= 0
}

// hasCapitalised reports a word starting with a capital letter in s.
func hasCapitalised(s string) bool {
	for _, w := range strings.Fields(s) {
		if startsUpper(w) {
			return true
		}
	}
	return false
}

// hearsayTails are the last two letters of the hearsay cues, each
// followed by a space ("to", "by"); tailsOK is false when some cue does
// not end so, in ASCII letters no other rune lowers to (not i or k, which
// İ and the Kelvin sign lower to), and then every sentence is lowered.
var hearsayTails, tailsOK = func() ([][2]byte, bool) {
	var tails [][2]byte
	for _, c := range hearsayCues {
		n := len(c)
		if n < 3 || c[n-1] != ' ' {
			return nil, false
		}
		a, b := c[n-3], c[n-2]
		for _, l := range [...]byte{a, b} {
			if l < 'a' || l > 'z' || l == 'i' || l == 'k' {
				return nil, false
			}
		}
		tails = append(tails, [2]byte{a, b})
	}
	return tails, true
}()

// mayHoldHearsayCue reports false only when strings.ToLower(t) holds no
// hearsay cue: t has none of the cues' last two letters, in any case,
// before a space. Only ASCII letters lower to those letters.
func mayHoldHearsayCue(t string) bool {
	if !tailsOK {
		return true
	}
	for i := 2; i < len(t); i++ {
		if t[i] != ' ' {
			continue
		}
		a, b := t[i-2]|0x20, t[i-1]|0x20
		for _, tl := range hearsayTails {
			if a == tl[0] && b == tl[1] {
				return true
			}
		}
	}
	return false
}

// surnameOf is the last capitalised word of a named speaker, or "" when
// speaker does not look like a name.
func surnameOf(speaker string) string {
	var fb [8]string
	f := fieldsUpTo(fb[:0], speaker, -1) // strings.Fields, on the stack
	if len(f) == 0 {
		return ""
	}
	w := strings.TrimRight(f[len(f)-1], ".,")
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) || len(w) < 2 {
		return ""
	}
	return w
}

// sentenceAround returns the bounds of the sentence holding b[s:e]: from
// the last sentence end (". " before a capital) or line break before s to
// the next one after e.
func sentenceAround(b string, s, e int) (int, int) {
	ss := strings.LastIndexByte(b[:s], '\n') + 1
	for i := s - 2; i > ss; i-- {
		if !isStop(b[i]) {
			continue // nextSentence is -1: the cheap test first
		}
		if n := nextSentence(b, i); n >= 0 {
			ss = n
			break
		}
	}
	se := len(b)
	if nl := strings.IndexByte(b[e:], '\n'); nl >= 0 {
		se = e + nl
	}
	for i := max(e-1, s); i < se-2; i++ { // a stop may close the quote
		if isStop(b[i]) && nextSentence(b, i) >= 0 {
			se = i + 1
			break
		}
	}
	return ss, se
}

// isStop reports a byte that may end a sentence: . ? or !
func isStop(c byte) bool { return c == '.' || c == '?' || c == '!' }

// nextSentence returns the start of the sentence after a sentence end at
// b[i] (a stop, a closing quotation mark or none, a space, an opening mark
// or none and a capital letter), or -1 when b[i] ends no sentence.
func nextSentence(b string, i int) int {
	if i+2 >= len(b) || !isStop(b[i]) {
		return -1
	}
	j := i + 1
	for _, q := range []string{"”", "\"", "’"} {
		if strings.HasPrefix(b[j:], q) {
			j += len(q)
			break
		}
	}
	if j+1 >= len(b) || b[j] != ' ' {
		return -1
	}
	k := j + 1
	for _, q := range []string{"“", "\""} { // a quotation opening the next sentence
		if strings.HasPrefix(b[k:], q) {
			k += len(q)
			break
		}
	}
	if r, _ := utf8.DecodeRuneInString(b[k:]); !unicode.IsUpper(r) {
		return -1
	}
	return j + 1
}

// wordIndexes returns the byte offsets where w occurs in t as a whole word
// (a possessive "'s" may follow).
func wordIndexes(t, w string) []int {
	var out []int
	for off := 0; ; {
		k := strings.Index(t[off:], w)
		if k < 0 {
			return out
		}
		k += off
		off = k + len(w)
		before, _ := utf8.DecodeLastRuneInString(t[:k])
		after, _ := utf8.DecodeRuneInString(t[off:])
		if (k == 0 || !isWordRune(before)) && (off == len(t) || !isWordRune(after)) {
			out = append(out, k)
		}
	}
}

// wordsBeforeRun returns, lower-cased, the two words before the run of
// capitalised words ending at the name at t[i:] ("to" and "responds" for
// "responds to Cheryl Mills").
func wordsBeforeRun(t string, i int) (string, string) {
	var wb [64]string
	words := fieldsUpTo(wb[:0], t[:i], -1) // strings.Fields, on the stack
	j := len(words)
	for j > 0 {
		w := words[j-1]
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) || strings.ContainsAny(w, ",;:") || getLower(objectPreps, w) || getLower(subordinators, w) {
			break
		}
		j--
	}
	word := func(k int) string {
		if k < 0 || k >= len(words) {
			return ""
		}
		return strings.ToLower(strings.Trim(words[k], ",;:()\"“”"))
	}
	if j > 0 && strings.ContainsAny(words[j-1], ",;:") {
		return "", "" // the run opens a clause of its own
	}
	return word(j - 1), word(j - 2)
}

// coordinated reports a name joined to another by "and", "or" or "nor"
// ("Bell and Ruiz said", "Tom Bell and Ana Ruiz:", "Neither Bell nor Ruiz
// would"): the subject is the pair, or either or none of them, and no
// single named speaker is right.
func coordinated(t string, i, n int) bool {
	var rb [2]string
	rest := fieldsUpTo(rb[:0], t[i+n:], 2) // the first two of strings.Fields
	if len(rest) >= 2 && (rest[0] == "and" || rest[0] == "nor" || rest[0] == "or") && startsUpper(rest[1]) && !stopCaps[rest[1]] {
		return true
	}
	var wb [64]string
	words := fieldsUpTo(wb[:0], t[:i], -1) // strings.Fields, on the stack
	j := len(words)
	for j > 0 && startsUpper(words[j-1]) && !strings.ContainsAny(words[j-1], ",;:") {
		j--
	}
	// "Bell and 24-year-old Ana Ruiz": one modifier may stand between
	for k := j - 1; k >= max(0, j-2); k-- {
		if strings.ContainsAny(words[k], ",;:") {
			break
		}
		if words[k] == "and" || words[k] == "nor" || words[k] == "or" {
			return k > 0 && startsUpper(words[k-1]) && !strings.ContainsAny(words[k-1], ",;:") && !stopCaps[words[k-1]]
		}
	}
	return false
}

// stopCaps are capitalised words that are no name ("and I", "and The").
var stopCaps = map[string]bool{"I": true, "The": true, "A": true, "An": true}

func startsUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// verbObject reports a lower-case word shaped like a past or progressive
// verb that is no speech cue ("praising", "attacked"): a name right after
// it is the verb's object, not the speaker.
func verbObject(w string) bool {
	if w == "" || speechVerbs.words[w] || startsUpper(w) {
		return false
	}
	return strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "ed")
}

// actorAfter reports a word after a verb's object that makes the object
// act: a speech verb ("a man named Bell said") or an infinitive ("prompted
// Bell to call it …").
func actorAfter(w string) bool { return w == "to" || speechVerbs.words[w] }

// nextWord is the lower-cased word after t[i:]'s leading spaces and
// possessive.
func nextWord(t string, i int) string {
	var fb [1]string
	f := fieldsUpTo(fb[:0], t[i:], 1) // the first of strings.Fields
	if len(f) == 0 {
		return ""
	}
	return strings.ToLower(strings.Trim(f[0], ",;:()\"“”"))
}
