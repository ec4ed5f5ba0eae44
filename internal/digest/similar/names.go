package similar

import (
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// placeNames maps the one-word adjectives and other names of places and
// peoples in the cross-language lexicon to the place's own one-word name
// ("chinese" and "china" both to "china", "ukrainian" to "ukraine").
var placeNames = sync.OnceValue(func() map[string]string {
	lx := loadLexicon()
	out := make(map[string]string)
	for v, e := range lx.words {
		if e.kind != 'n' || strings.Contains(e.key, " ") || strings.Contains(v, " ") || v == e.key {
			continue
		}
		out[v] = e.key
	}
	return out
})

// CanonicalNames returns s with each capitalised word that the
// cross-language lexicon gives as another form of a one-word place name
// (an adjective or another name: "Chinese", "Ukrainian", "Kiev") replaced
// by that name, so that "Chinese exports" and "China's exports" share
// their story terms. Lower-case words are kept ("polish" is not "Polish"),
// as is all other text. Ingest applies it to the title and body of the
// story document before tokenising.
func CanonicalNames(s string) string {
	names := placeNames()
	var b strings.Builder
	last := 0 // end of what b holds of s
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) {
			i += size
			continue
		}
		capital := unicode.IsUpper(r)
		j := i
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsLetter(r) {
				break
			}
			j += size
		}
		if !capital || j-i < 3 {
			i = j
			continue
		}
		if to, ok := lookupFolded(names, s[i:j]); ok {
			if b.Len() == 0 {
				b.Grow(len(s))
			}
			b.WriteString(s[last:i])
			b.WriteString(to)
			last = j
		}
		i = j
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// lookupFolded looks w up in names by its folded form, without allocating
// for a short ASCII word.
func lookupFolded(names map[string]string, w string) (string, bool) {
	var buf [32]byte
	if len(w) > len(buf) {
		to, ok := names[fold(w)]
		return to, ok
	}
	for k := 0; k < len(w); k++ {
		c := w[k]
		if c >= utf8.RuneSelf {
			to, ok := names[fold(w)]
			return to, ok
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[k] = c
	}
	to, ok := names[string(buf[:len(w)])]
	return to, ok
}

// NewStoryDoc is NewDocText over title and body tokenised by tokenize
// (which appends the tokens of s to dst, as text.Tokenizer.Append does),
// with place names made one (CanonicalNames) in a short document (see
// ShortDoc): a headline names a place in one form only, "Chinese" or
// "China", while a longer report uses both, so that its terms already
// meet the other reports' either way (on ECB+, made one there too, the
// long documents group slightly worse: precision 0.962 to 0.958).
func NewStoryDoc(title, body string, tokenize func(dst []string, s string) []string, published time.Time) Doc {
	d := NewDocText(title, body, tokenize(nil, title), tokenize(nil, body), published)
	if !ShortDoc(d) {
		return d
	}
	ct, cb := CanonicalNames(title), CanonicalNames(body)
	if ct == title && cb == body {
		return d
	}
	c := NewDoc(title, tokenize(nil, ct), tokenize(nil, cb), published)
	c.Entities, c.Keys = d.Entities, d.Keys
	return c
}
