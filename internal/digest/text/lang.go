package text

import (
	"unicode"
	"unicode/utf8"
)

// DetectLanguage returns "es" when s reads as Spanish and "en" otherwise
// (English is the default for empty or undecidable text). It counts
// frequent function words of each language in the first few hundred words.
func DetectLanguage(s string) string {
	var c langCounter
	c.add(s)
	return c.result()
}

// langCounter tallies function words of English and Spanish.
type langCounter struct {
	words, en, es int
}

const langWordLimit = 600

func (c *langCounter) add(s string) {
	for i := 0; i < len(s) && c.words < langWordLimit; {
		for i < len(s) {
			n := letterAt(s, i)
			if n > 0 {
				break
			}
			i -= n
		}
		start := i
		for i < len(s) {
			n := letterAt(s, i)
			if n <= 0 {
				break
			}
			i += n
		}
		if i == start {
			continue
		}
		c.words++
		if i-start > 8 {
			continue
		}
		var buf [8]byte
		w := buf[:0]
		for _, b := range []byte(s[start:i]) {
			if 'A' <= b && b <= 'Z' {
				b += 'a' - 'A'
			}
			w = append(w, b)
		}
		switch string(w) {
		case "the", "of", "and", "to", "is", "that", "for", "it", "with", "was", "on", "are",
			"be", "this", "by", "have", "from", "he", "she", "they", "said", "which", "has",
			"were", "not", "but", "at", "an", "will", "would", "their", "been", "its", "who":
			c.en++
		case "de", "la", "que", "el", "los", "las", "del", "se", "por", "con", "para", "una",
			"es", "su", "al", "lo", "como", "m\xc3\xa1s", "pero", "sus", "fue", "ha", "este",
			"esta", "tambi\xc3\xa9n", "dijo", "entre", "cuando", "sobre", "y", "muy", "sin",
			"hay", "ya", "porque", "est\xc3\xa1", "han", "desde":
			c.es++
		}
	}
}

// letterAt returns the byte length of the rune at s[i], positive when it is
// a letter and negative otherwise.
func letterAt(s string, i int) int {
	b := s[i]
	if b < utf8.RuneSelf {
		if 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' {
			return 1
		}
		return -1
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	if unicode.IsLetter(r) {
		return size
	}
	return -size
}

func (c *langCounter) result() string {
	if c.es > c.en {
		return "es"
	}
	return "en"
}
