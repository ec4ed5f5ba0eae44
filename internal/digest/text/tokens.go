package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/spanish"
)

// Words returns the lowercased words of s: maximal runs of letters and
// digits, without stemming or stop-word removal ("Mexico's 2.5%" gives
// "mexico", "s", "2", "5"). It is the tokenisation ROUGE scores use.
func Words(s string) []string { return AppendWords(nil, s) }

// AppendWords appends the words of s (see Words) to dst and returns it.
// Words that are already lowercase share memory with s.
func AppendWords(dst []string, s string) []string {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf && !asciiWord[c] {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				i += size
				continue
			}
		}
		start, lower := i, true
		for i < len(s) {
			c := s[i]
			if c < utf8.RuneSelf {
				if !asciiWord[c] {
					break
				}
				if 'A' <= c && c <= 'Z' {
					lower = false
				}
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				break
			}
			if !unicode.IsLower(r) {
				lower = false
			}
			i += size
		}
		w := s[start:i]
		if !lower {
			w = strings.ToLower(w)
		}
		dst = append(dst, w)
	}
	return dst
}

var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

// Tokens returns the index terms of s in language lang ("en" or "es";
// anything else is treated as "en"): lowercased words without stop words
// (of that language) and one-letter words, stemmed with the Snowball
// stemmer. Numbers are kept whole ("1.13", "11,000") and not stemmed.
// Callers tokenising many strings should reuse a Tokenizer instead.
func Tokens(s, lang string) []string { return NewTokenizer(lang).Append(nil, s) }

// Tokenizer produces the same tokens as Tokens and remembers the stems it
// computed, which makes tokenising a whole article several times faster.
// A Tokenizer is not safe for concurrent use; its zero value is not usable.
type Tokenizer struct {
	spanish bool
	cache   map[string]string // lowercased word → its stem, "" for a stop word
	buf     []byte
}

// NewTokenizer returns a Tokenizer for lang ("en" or "es").
func NewTokenizer(lang string) *Tokenizer {
	return &Tokenizer{
		spanish: lang == "es",
		cache:   make(map[string]string, 256),
		buf:     make([]byte, 0, 32),
	}
}

// Append appends the tokens of s to dst and returns it.
func (t *Tokenizer) Append(dst []string, s string) []string {
	for i := 0; ; {
		stem, j := t.next(s, i)
		if j < 0 {
			return dst
		}
		dst = append(dst, stem)
		i = j
	}
}

// next finds the first non-stop-word token of s at or after byte i and
// returns its stem with the offset just after it, or j < 0 when there is
// none.
func (t *Tokenizer) next(s string, i int) (string, int) {
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf && !asciiWord[c] {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				i += size
				continue
			}
		}
		start, ascii := i, true
		number := '0' <= c && c <= '9'
		t.buf = t.buf[:0]
		for i < len(s) {
			c := s[i]
			if c < utf8.RuneSelf {
				if !asciiWord[c] {
					// Keep "1.13" and "11,000" whole.
					if number && (c == '.' || c == ',') && i+1 < len(s) && '0' <= s[i+1] && s[i+1] <= '9' && '0' <= s[i-1] && s[i-1] <= '9' {
						t.buf = append(t.buf, c)
						i++
						continue
					}
					break
				}
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				t.buf = append(t.buf, c)
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				break
			}
			ascii = false
			i += size
		}
		if i-start < 2 {
			continue
		}
		var key []byte
		if ascii {
			key = t.buf
		} else {
			key = append(t.buf[:0], strings.ToLower(s[start:i])...)
			t.buf = key
		}
		if stem, ok := t.cache[string(key)]; ok {
			if stem != "" {
				return stem, i
			}
			continue
		}
		w := string(key)
		stem := t.stem(w)
		t.cache[w] = stem
		if stem != "" {
			return stem, i
		}
	}
	return "", -1
}

// stem returns the stem of the lowercased word w, or "" for a stop word.
func (t *Tokenizer) stem(w string) string {
	if '0' <= w[0] && w[0] <= '9' {
		return w
	}
	if t.spanish {
		if spanish.IsStopWord(w) || extraStop(w, true) {
			return ""
		}
		return spanish.Stem(w, true)
	}
	if english.IsStopWord(w) || extraStop(w, false) {
		return ""
	}
	return stemEnglish(w)
}

// IsStopWord reports whether the lowercased word w is a stop word of lang
// ("en" or "es").
func IsStopWord(w, lang string) bool {
	if lang == "es" {
		return spanish.IsStopWord(w) || extraStop(w, true)
	}
	return english.IsStopWord(w) || extraStop(w, false)
}

// extraStop completes the Snowball lists with contraction parts and
// reporting filler that carry no topic.
func extraStop(w string, spanish bool) bool {
	if spanish {
		switch w {
		case "dijo", "afirmó", "según", "además", "así", "aunque", "mientras", "cada", "tras", "sr", "sra", "ser", "puede", "pueden", "hace", "hacer":
			return true
		}
		return false
	}
	switch w {
	case "ll", "re", "ve", "didn", "doesn", "isn", "wasn", "aren", "weren", "won", "wouldn", "couldn", "shouldn", "hasn", "haven", "hadn", "also", "would", "could", "may", "might", "must", "shall", "said", "says", "say", "told", "mr", "mrs", "ms", "yet", "however", "since", "though", "although", "whether", "within", "without", "upon", "among", "per", "via":
		return true
	}
	return false
}
