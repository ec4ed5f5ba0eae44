package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Languages the analysis has rules for (stop words, stemming, sentence
// abbreviations, speech verbs, dangling openers). Every other language
// gets only the rules that hold across languages: see HasRules.
const (
	English = "en"
	Spanish = "es"
	// Undetermined is returned for text in a script or language the
	// detector does not name (BCP 47 "und").
	Undetermined = "und"
)

// HasRules reports whether lang is a language with language-specific rules
// (English or Spanish). Callers skip those rules for any other language
// rather than apply English ones: a Portuguese or Russian article still
// gets its lead sentences and its quotes, without speakers guessed by
// English patterns.
func HasRules(lang string) bool { return lang == English || lang == Spanish }

// DetectLanguage returns the ISO 639-1 code of the language s is written
// in: "en" or "es" (the languages with rules), "pt", "fr", "de" or "it"
// (recognised by their function words), "ru", "uk", "el", "ar", "he",
// "zh", "ja", "ko", "hi" (by script), or "und" for other text. English is
// the default for empty or undecidable text (no letters, or too few
// function words of any profile). It reads the first few hundred words.
func DetectLanguage(s string) string {
	var c langCounter
	c.add(s)
	return c.result()
}

// profile indexes of langCounter.hits.
const (
	pEN = iota
	pES
	pPT
	pFR
	pDE
	pIT
	nProfiles
)

var profileCode = [nProfiles]string{English, Spanish, "pt", "fr", "de", "it"}

// langCounter tallies frequent function words of each profile, and words
// by script.
type langCounter struct {
	words int
	hits  [nProfiles]int
	other map[string]int // words of non-Latin scripts, by language code
	uk    bool           // a letter only Ukrainian uses among Cyrillic languages
}

const langWordLimit = 160

func (c *langCounter) add(s string) {
	words := c.words
	hits := c.hits
	for i := 0; i < len(s) && words < langWordLimit; {
		b := s[i]
		if b < utf8.RuneSelf {
			if !isASCIILetter(b) {
				i++
				continue
			}
		} else if n := letterAt(s, i); n < 0 {
			i -= n
			continue
		}
		words++
		start := i
		// Most words are ASCII letters only: lowered and hashed as they
		// are read, and compared in place.
		h := uint32(fnTableSeed)
		for i < len(s) {
			lb := s[i] | 0x20
			if lb-'a' > 'z'-'a' {
				break // not an ASCII letter (a non-ASCII byte neither)
			}
			h = (h ^ uint32(lb)) * fnTablePrime
			i++
		}
		var p uint8
		if i == len(s) || s[i] < utf8.RuneSelf {
			if i-start <= fnMaxWord {
				p = functionWordTable.getFold(s[start:i], h)
			}
		} else {
			p, i = c.wordAt(s, start)
		}
		if p != 0 {
			for k := range nProfiles {
				if p&(1<<k) != 0 {
					hits[k]++
				}
			}
		}
	}
	c.words, c.hits = words, hits
}

// fnMaxWord is the longest function word, in bytes: longer words are not
// looked up.
const fnMaxWord = 9

// wordAt reads the word of letters at s[start:] holding a non-ASCII
// letter and returns its function-word profiles and the offset after it;
// a word of a non-Latin script is counted by script instead.
func (c *langCounter) wordAt(s string, start int) (uint8, int) {
	var buf [fnMaxWord]byte
	h := uint32(fnTableSeed)
	ascii := true
	j := start
	for j < len(s) {
		b := s[j]
		if b < utf8.RuneSelf {
			lb := b | 0x20
			if lb < 'a' || lb > 'z' {
				break // not an ASCII letter
			}
			if k := j - start; k < len(buf) {
				buf[k] = lb
				h = (h ^ uint32(lb)) * fnTablePrime
			}
			j++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[j:])
		if !unicode.IsLetter(r) {
			break
		}
		if k := j - start; k < len(buf) {
			for m := range min(size, len(buf)-k) {
				buf[k+m] = s[j+m]
				h = (h ^ uint32(s[j+m])) * fnTablePrime
			}
		}
		ascii = false
		j += size
	}
	if !ascii {
		if r, _ := utf8.DecodeRuneInString(s[start:]); r >= 0x250 {
			c.script(r, s[start:j])
			return 0, j
		}
	}
	if j-start > len(buf) {
		return 0, j
	}
	return functionWordTable.get(buf[:j-start], h), j
}

// script counts a word of a non-Latin script whose first letter is r under
// the language that script suggests.
func (c *langCounter) script(r rune, word string) {
	code := Undetermined
	switch {
	case unicode.Is(unicode.Cyrillic, r):
		code = "ru"
		if strings.ContainsAny(word, "іїєґІЇЄҐ") {
			c.uk = true
		}
	case unicode.Is(unicode.Greek, r):
		code = "el"
	case unicode.Is(unicode.Arabic, r):
		code = "ar"
	case unicode.Is(unicode.Hebrew, r):
		code = "he"
	case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
		code = "ja"
	case unicode.Is(unicode.Hangul, r):
		code = "ko"
	case unicode.Is(unicode.Han, r):
		code = "zh"
		for _, r := range word {
			if unicode.In(r, unicode.Hiragana, unicode.Katakana) {
				code = "ja" // Han with kana
				break
			}
		}
	case unicode.Is(unicode.Devanagari, r):
		code = "hi"
	}
	if c.other == nil {
		c.other = make(map[string]int, 2)
	}
	c.other[code]++
}

func (c *langCounter) result() string {
	// A page mostly in another script: name the script's language.
	nonLatin, best, bestN := 0, "", 0
	for code, n := range c.other {
		nonLatin += n
		if n > bestN || n == bestN && code < best {
			best, bestN = code, n
		}
	}
	if nonLatin*2 > c.words {
		if best == "ru" && c.uk {
			return "uk"
		}
		return best
	}
	// Latin script: the profile with the most function words, when it has
	// enough of them to decide.
	k := pEN
	for p := range nProfiles {
		if c.hits[p] > c.hits[k] {
			k = p
		}
	}
	if k == pEN || c.hits[k] < 3 || c.hits[k]*10 < c.words {
		if c.hits[pES] > c.hits[pEN] && c.hits[pES] >= c.hits[k] {
			return Spanish
		}
		return English
	}
	return profileCode[k]
}

func isASCIILetter(b byte) bool { return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' }

// letterAt returns the byte length of the rune at s[i], positive when it is
// a letter and negative otherwise.
func letterAt(s string, i int) int {
	b := s[i]
	if b < utf8.RuneSelf {
		if isASCIILetter(b) {
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

// functionWords maps frequent function words (lowercase) to the profiles
// they belong to (bit k: profile k). Words shared by two profiles count
// for both; the lists favour words that tell close languages apart
// (Spanish "el", "los", "y" against Portuguese "os", "não", "e").
var functionWords = func() map[string]uint8 {
	lists := [nProfiles][]string{
		pEN: {"the", "of", "and", "to", "is", "that", "for", "it", "with", "was", "on", "are",
			"be", "this", "by", "have", "from", "he", "she", "they", "said", "which", "has",
			"were", "not", "but", "at", "an", "will", "would", "their", "been", "its", "who"},
		pES: {"de", "la", "que", "el", "los", "las", "del", "se", "por", "con", "para", "una",
			"es", "su", "al", "lo", "como", "más", "pero", "sus", "fue", "ha", "este",
			"esta", "también", "dijo", "entre", "cuando", "sobre", "y", "muy", "sin",
			"hay", "ya", "porque", "está", "han", "desde"},
		pPT: {"não", "uma", "com", "os", "das", "dos", "ao", "foi", "também", "mais", "pelo",
			"pela", "em", "um", "do", "da", "ele", "são", "isso", "disse", "às", "à", "mas",
			"seu", "sua", "e", "que", "de", "para", "como", "está", "ou", "já", "muito"},
		pFR: {"le", "les", "des", "est", "une", "du", "et", "qui", "dans", "pour", "pas",
			"sur", "au", "avec", "il", "elle", "ont", "sont", "été", "cette", "aux", "ne",
			"à", "que", "de", "la", "un", "plus", "mais", "ce", "nous", "vous", "leur"},
		pDE: {"der", "die", "und", "das", "ist", "nicht", "ein", "eine", "zu", "den", "von",
			"mit", "sich", "auf", "für", "im", "dem", "auch", "wurde", "sagte", "er", "sie",
			"wir", "nach", "bei", "aus", "werden", "hat", "noch", "wie", "einer", "oder"},
		pIT: {"il", "di", "che", "è", "per", "un", "non", "una", "sono", "della", "nel",
			"alla", "anche", "più", "gli", "questo", "ed", "dei", "delle", "degli", "lo",
			"si", "ha", "come", "ma", "la", "le", "del", "al", "da", "e", "con", "sul"},
	}
	m := make(map[string]uint8, 256)
	for k, ws := range lists {
		for _, w := range ws {
			m[w] |= 1 << k
		}
	}
	return m
}()

// functionWordTable holds functionWords in an open-addressing table hashed
// (FNV-1a) while a word is lowered: language detection looks up its first
// words one by one, and this costs less than a map lookup each.
var functionWordTable = newFnTable(functionWords)

const (
	fnTableSize  = 1024 // a power of two, at least twice the words
	fnTableSeed  = 2166136261
	fnTablePrime = 16777619
)

type fnSlot struct {
	word     string // "" for an empty slot
	profiles uint8
}

type fnTable [fnTableSize]fnSlot

func newFnTable(m map[string]uint8) *fnTable {
	var t fnTable
	for w, p := range m {
		h := uint32(fnTableSeed)
		for k := 0; k < len(w); k++ {
			h = (h ^ uint32(w[k])) * fnTablePrime
		}
		i := h & (fnTableSize - 1)
		for t[i].word != "" {
			i = (i + 1) & (fnTableSize - 1)
		}
		t[i] = fnSlot{word: w, profiles: p}
	}
	return &t
}

// getFold is get for a word of ASCII letters in any case: w lowered is
// compared with the table's words without being built.
func (t *fnTable) getFold(w string, h uint32) uint8 {
	for i := h & (fnTableSize - 1); ; i = (i + 1) & (fnTableSize - 1) {
		sl := &t[i]
		if sl.word == "" {
			return 0
		}
		if len(sl.word) == len(w) && foldEqual(sl.word, w) {
			return sl.profiles
		}
	}
}

// foldEqual reports whether the ASCII letters w, lowered, are lower.
func foldEqual(lower, w string) bool {
	for k := 0; k < len(w); k++ {
		if w[k]|0x20 != lower[k] {
			return false
		}
	}
	return true
}

// get returns the profiles of the word w with hash h, 0 when it is not a
// function word.
func (t *fnTable) get(w []byte, h uint32) uint8 {
	for i := h & (fnTableSize - 1); ; i = (i + 1) & (fnTableSize - 1) {
		sl := &t[i]
		if sl.word == "" {
			return 0
		}
		if sl.word == string(w) {
			return sl.profiles
		}
	}
}
