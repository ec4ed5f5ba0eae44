package similar

import (
	"strings"
	"sync"
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

// CanonicalNames returns s with each word that names a place or people by
// another form than the place's own name (an adjective, a plural, a
// translation the lexicon knows: "Chinese", "Russians") replaced by that
// name, so that "Chinese exports" and "China's exports" share their
// terms. Other text is kept as it is.
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
		if to, ok := names[fold(s[i:j])]; ok && capital {
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
