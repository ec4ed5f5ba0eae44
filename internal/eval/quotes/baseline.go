package quotes

import (
	"unicode"
	"unicode/utf8"
)

// baseline is the comparison system: quotation marks only, paired line by
// line (curly marks by direction, straight marks alternating), and the
// speaker is the nearest capitalised word on the same line outside the
// quote that does not start a sentence.
func baseline(b string) []pred {
	var out []pred
	type word struct{ s, e int }
	starts := lineStarts(b)
	for li, ls := range starts {
		le := len(b)
		if li+1 < len(starts) {
			le = starts[li+1] - 1
		}
		var quotes []span
		var names []word
		open := -1
		sentenceStart := true
		for i := ls; i < le; {
			if n, dir := dquote(b, i); n > 0 {
				if dir == 0 {
					dir = 1
					if open >= 0 {
						dir = -1
					}
				}
				if dir > 0 && open < 0 {
					open = i + n
				} else if dir < 0 && open >= 0 {
					if s, e := trimSpan(b, open, i); e > s {
						quotes = append(quotes, span{s, e})
					}
					open = -1
				}
				i += n
				continue
			}
			r, n := utf8.DecodeRuneInString(b[i:le])
			if unicode.IsLetter(r) {
				j := i + n
				for j < le {
					r2, n2 := utf8.DecodeRuneInString(b[j:le])
					if !unicode.IsLetter(r2) && r2 != '.' && r2 != '-' {
						break
					}
					j += n2
				}
				if unicode.IsUpper(r) && !sentenceStart && open < 0 {
					names = append(names, word{i, j})
				}
				sentenceStart = false
				i = j
				continue
			}
			if r == '.' || r == '!' || r == '?' {
				sentenceStart = true
			}
			i += n
		}
		for _, q := range quotes {
			best, dist := "", -1
			for _, w := range names {
				d := q.S - w.e
				if w.s >= q.E {
					d = w.s - q.E
				}
				if d >= 0 && (dist < 0 || d < dist) {
					best, dist = b[w.s:w.e], d
				}
			}
			out = append(out, pred{q, best})
		}
	}
	return out
}
