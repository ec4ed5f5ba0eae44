package quotes

import (
	"strings"
	"unicode/utf8"
)

// The rules ask whether a token is in a word set many times, often about
// the same token. The sets asked about most are wordSets, each carrying
// its own bit: x.in answers from a per-token bit mask filled on the
// token's first question, with one lowering and one lookup in a map
// holding every wordSet's words, instead of a lowering and a lookup per
// question. Other sets are plain maps read with inSet. The answers are
// those of inSet: the sets are read-only after package initialisation.

// wordSet is a read-only set of lower-case words with its bit among the
// cached sets. A set given a bit must be listed in cachedSets, whose words
// alone the masks know; a set with no bit (bit 0) is answered by inSet.
type wordSet struct {
	bit   uint32
	words map[string]bool
}

// The bits of the wordSets, one each (at most 31: bit 31 marks a token
// whose mask is filled).
const (
	bitDeterminers uint32 = 1 << iota
	bitPrepositions
	bitLeadWords
	bitPronouns
	bitSpeechVerbs
	bitTimeWords
	bitEsClitics
	bitFillers
	bitTitles
	bitPlacePreps
	bitMonths
	bitBackStops
	bitAdverbialPreps
	bitTimeNouns
	bitSentenceAdverbs
	bitRelativePronouns
	bitPersonRoles
	bitParticipleVerbs
	bitNpStops
	bitMinorWords
	bitEsSubordinators
	bitEsNPStops
	bitEsHaber

	maskFilled uint32 = 1 << 31
)

// cachedSets lists every wordSet, for setBits.
var cachedSets = []wordSet{
	determiners, prepositions, leadWords, pronouns, speechVerbs, timeWords,
	esClitics, fillers, titles, placePreps, months, backStops, adverbialPreps,
	timeNouns, sentenceAdverbs, relativePronouns, personRoles, participleVerbs,
	npStops, minorWords, esSubordinators, esNPStops, esHaber,
}

// setBits maps each word of a wordSet to the bits of the sets holding it.
var setBits = func() map[string]uint32 {
	m := make(map[string]uint32)
	for _, set := range cachedSets {
		for w, ok := range set.words {
			if ok {
				m[w] |= set.bit
			}
		}
	}
	return m
}()

// in reports whether the lower-cased word i is in s, without allocating.
func (x *extractor) in(s wordSet, i int) bool {
	if s.bit == 0 { // a set with no bit of its own: the plain lookup
		return inSet(s.words, x.word(i))
	}
	if x.wmask == nil {
		x.wmask = make([]uint32, len(x.toks))
	}
	mask := x.wmask[i]
	if mask == 0 {
		mask = wordBits(x.word(i)) | maskFilled
		x.wmask[i] = mask
	}
	return mask&s.bit != 0
}

// wordBits returns the wordSets holding w lowered, the way inSet lowers.
func wordBits(w string) uint32 {
	var buf [24]byte
	if len(w) > len(buf) {
		return setBits[strings.ToLower(w)]
	}
	for j := 0; j < len(w); j++ {
		c := w[j]
		if c >= utf8.RuneSelf {
			if !hasUpper(w) {
				return setBits[w]
			}
			var ubuf [64]byte
			return setBits[string(lowerInto(ubuf[:0], w))]
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[j] = c
	}
	return setBits[string(buf[:len(w)])]
}
