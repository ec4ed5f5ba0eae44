package quotes

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is a byte range [S, E) of an article text.
type span struct{ S, E int }

// jsonSpan is a PolNeAR span as stored in the JSONL file.
type jsonSpan struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

type attribution struct {
	Content jsonSpan  `json:"content"`
	Source  *jsonSpan `json:"source"`
	Cue     *jsonSpan `json:"cue"`
	Direct  bool      `json:"direct"`
}

type article struct {
	ID           string        `json:"id"`
	Text         string        `json:"text"`
	Attributions []attribution `json:"attributions"`
}

// goldQuote is one quoted segment of a direct attribution.
type goldQuote struct {
	span
	source string // the source mention as written, "" when none
}

// dquote reports a double quotation mark at b[i] and its length and
// direction: +1 opening, -1 closing, 0 straight (decided by context).
func dquote(b string, i int) (n, dir int) {
	switch {
	case b[i] == '"':
		return 1, 0
	case strings.HasPrefix(b[i:], "“"), strings.HasPrefix(b[i:], "„"), strings.HasPrefix(b[i:], "«"):
		if b[i] == 0xC2 {
			return 2, 1
		}
		return 3, 1
	case strings.HasPrefix(b[i:], "”"):
		return 3, -1
	case strings.HasPrefix(b[i:], "»"):
		return 2, -1
	}
	return 0, 0
}

// straightDir decides whether the straight mark at b[i] opens (space or
// start before it, a non-space after it) or closes.
func straightDir(b string, i int) int {
	before := ' '
	if i > 0 {
		before, _ = utf8.DecodeLastRuneInString(b[:i])
	}
	after := ' '
	if i+1 < len(b) {
		after, _ = utf8.DecodeRuneInString(b[i+1:])
	}
	if (unicode.IsSpace(before) || strings.ContainsRune("([{—–-", before)) && !unicode.IsSpace(after) {
		return 1
	}
	return -1
}

// goldQuotes returns the quoted segments of the article's direct
// attributions: the part of each content span inside quotation marks. A
// content span that starts inside a quotation contributes from its start; one
// left open runs to the next closing mark on its line (or its end).
func goldQuotes(a *article) []goldQuote {
	b := a.Text
	var out []goldQuote
	seen := map[span]bool{}
	add := func(s, e int, src string) {
		s, e = trimSpan(b, s, e)
		if e <= s || seen[span{s, e}] {
			return
		}
		seen[span{s, e}] = true
		out = append(out, goldQuote{span: span{s, e}, source: src})
	}
	for _, at := range a.Attributions {
		if !at.Direct {
			continue
		}
		cs, ce := at.Content.Start, at.Content.End
		if cs < 0 || ce > len(b) || cs >= ce {
			continue
		}
		src := ""
		if at.Source != nil {
			src = at.Source.Text
		}
		open := -1
		closedAny := false
		for i := cs; i < ce; {
			n, dir := dquote(b, i)
			if n == 0 {
				i++
				continue
			}
			if dir == 0 {
				dir = straightDir(b, i)
				if open >= 0 {
					dir = -1
				}
			}
			if dir > 0 {
				open = i + n
			} else {
				switch {
				case open >= 0:
					add(open, i, src)
				case !closedAny:
					add(cs, i, src)
				}
				open = -1
				closedAny = true
			}
			i += n
		}
		if open >= 0 {
			end := ce
			for j := ce; j < len(b) && j < ce+300 && b[j] != '\n'; j++ {
				if n, dir := dquote(b, j); n > 0 && dir <= 0 {
					end = j
					break
				}
			}
			add(open, end, src)
		}
	}
	return out
}

func trimSpan(b string, s, e int) (int, int) {
	for s < e {
		r, n := utf8.DecodeRuneInString(b[s:e])
		if !unicode.IsSpace(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(b[s:e])
		if !unicode.IsSpace(r) && r != ',' {
			break
		}
		e -= n
	}
	return s, e
}

// annotatedLines returns, per line of b, whether the annotator marked any
// attribution span on it. Quotes on lines with no annotation at all are
// left out of the "annotated paragraphs" precision: the PolNeAR annotators
// skipped whole paragraphs, and a quote there is unlabelled, not wrong.
func annotatedLines(a *article, starts []int) []bool {
	marked := make([]bool, len(starts))
	mark := func(sp *jsonSpan) {
		if sp == nil || sp.End <= sp.Start {
			return
		}
		for l := lineAt(starts, sp.Start); l <= lineAt(starts, sp.End-1); l++ {
			marked[l] = true
		}
	}
	for i := range a.Attributions {
		at := &a.Attributions[i]
		mark(&at.Content)
		mark(at.Source)
		mark(at.Cue)
	}
	return marked
}

// lineStarts returns the byte offset of every line of b.
func lineStarts(b string) []int {
	starts := []int{0}
	for i := 0; i < len(b); i++ {
		if b[i] == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// lineAt returns the line holding byte offset p.
func lineAt(starts []int, p int) int {
	lo, hi := 0, len(starts)
	for lo < hi {
		m := (lo + hi) / 2
		if starts[m] <= p {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return max(lo-1, 0)
}

// goldSurname returns the surname of a source mention that is a name, or ""
// when the mention is a pronoun or a description.
//
// Rule: drop parentheticals; cut at the first comma or at " of ", " for ",
// " at ", " from ", " with ", " who "; the mention is a name when its first
// word is capitalised and not a determiner ("The", "A", "One", "His", …), it
// is not a pronoun, and its last word is capitalised ("Trump's campaign" and
// "Republican officials" are descriptions). The surname is that last word,
// possessive and generational suffix (Jr., III) removed.
func goldSurname(src string) string {
	if i := strings.IndexByte(src, '('); i >= 0 {
		if j := strings.IndexByte(src[i:], ')'); j >= 0 {
			src = src[:i] + src[i+j+1:]
		} else {
			src = src[:i]
		}
	}
	if i := strings.IndexByte(src, ','); i >= 0 {
		src = src[:i]
	}
	for _, cut := range []string{" of ", " for ", " at ", " from ", " with ", " who ", " and "} {
		if i := strings.Index(src, cut); i >= 0 && (cut != " of " || !officeHolder(src[:i], src[i+len(cut):])) {
			src = src[:i]
		}
	}
	words := strings.Fields(src)
	for len(words) > 1 {
		w := strings.Trim(words[len(words)-1], ".")
		if w == "Jr" || w == "Sr" || w == "II" || w == "III" || w == "IV" {
			words = words[:len(words)-1]
			continue
		}
		break
	}
	if len(words) == 0 {
		return ""
	}
	first := words[0]
	if nonNameLead[strings.ToLower(first)] {
		return ""
	}
	r, _ := utf8.DecodeRuneInString(first)
	if !unicode.IsUpper(r) {
		return ""
	}
	last := trimPoss(strings.TrimRight(words[len(words)-1], ".:;"))
	r, _ = utf8.DecodeRuneInString(last)
	if !unicode.IsUpper(r) || strings.HasSuffix(words[len(words)-1], "’s") || strings.HasSuffix(words[len(words)-1], "'s") && len(words) > 1 {
		return ""
	}
	return last
}

// officeHolder reports a mention naming an office then its holder,
// split at " of " into before and after: "Secretary of State John Kerry",
// "Speaker of the House Rep. Paul Ryan". The office title ends before, and
// after holds the office's name and then the holder's first and last
// names: at least three capitalised words.
func officeHolder(before, after string) bool {
	w := strings.Fields(before)
	if len(w) == 0 || !officeTitles[strings.ToLower(w[len(w)-1])] {
		return false
	}
	caps := 0
	for _, f := range strings.Fields(strings.TrimPrefix(after, "the ")) {
		r, _ := utf8.DecodeRuneInString(f)
		if !unicode.IsUpper(r) {
			return false
		}
		caps++
	}
	return caps >= 3
}

var officeTitles = map[string]bool{"secretary": true, "speaker": true, "minister": true, "chief": true}

var nonNameLead = map[string]bool{
	"he": true, "she": true, "they": true, "it": true, "i": true, "we": true,
	"you": true, "his": true, "her": true, "their": true, "its": true, "who": true,
	"which": true, "that": true, "the": true, "a": true, "an": true, "one": true,
	"another": true, "some": true, "two": true, "three": true, "several": true,
	"this": true, "these": true, "those": true, "many": true, "most": true,
	"both": true, "other": true, "others": true, "each": true, "all": true,
	"our": true, "my": true, "your": true, "him": true, "them": true, "us": true,
	"me": true, "everyone": true, "nobody": true, "someone": true,
}

func trimPoss(s string) string {
	for _, suf := range []string{"’s", "'s", "’", "'"} {
		if strings.HasSuffix(s, suf) {
			return s[:len(s)-len(suf)]
		}
	}
	return s
}

// speakerMatches reports whether the predicted speaker contains the gold
// surname as a word (case-insensitive, possessives ignored).
func speakerMatches(pred, surname string) bool {
	if pred == "" || surname == "" {
		return false
	}
	for _, w := range strings.FieldsFunc(pred, func(r rune) bool { return unicode.IsSpace(r) || r == ',' || r == '(' || r == ')' }) {
		if strings.EqualFold(trimPoss(strings.Trim(w, ".")), surname) {
			return true
		}
	}
	return false
}
