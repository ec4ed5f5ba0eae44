package quotes

import (
	"strings"
	"unicode/utf8"

	"github.com/newsdigest/bot/internal/digest/text"
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
		x.wmask = x.newMask()
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
	h := uint32(fnvOffset)
	for j := 0; j < len(w); j++ {
		c := w[j]
		if c >= utf8.RuneSelf {
			if !hasUpper(w) {
				return setTable.get(w, fnvString(w)) // "según", "afirmó": already lower case
			}
			var ubuf [64]byte
			lw := text.AppendLower(ubuf[:0], w)
			return setTable.getBytes(lw, fnvBytes(lw))
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[j] = c
		h = (h ^ uint32(c)) * fnvPrime
	}
	return setTable.getBytes(buf[:len(w)], h)
}

// FNV-1a, the hash of bitTable.
const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

func fnvString(w string) uint32 {
	h := uint32(fnvOffset)
	for j := 0; j < len(w); j++ {
		h = (h ^ uint32(w[j])) * fnvPrime
	}
	return h
}

func fnvBytes(w []byte) uint32 {
	h := uint32(fnvOffset)
	for _, c := range w {
		h = (h ^ uint32(c)) * fnvPrime
	}
	return h
}

// bitTable holds setBits in an open-addressing table hashed (FNV-1a) while
// a word is lowered: wordBits is asked about most words of a body, and
// this costs less than a map lookup each. A slot holds a word's hash and
// its index in entries plus one (0: empty), so most misses are settled
// without reading a word.
type bitTable struct {
	slots   []uint64 // hash<<32 | index+1; length a power of two
	entries []bitEntry
}

type bitEntry struct {
	word string
	bits uint32
}

var setTable = newBitTable(setBits)

func newBitTable(m map[string]uint32) *bitTable {
	size := 64
	for size < 4*len(m) {
		size *= 2
	}
	t := &bitTable{slots: make([]uint64, size), entries: make([]bitEntry, 0, len(m))}
	mask := uint32(size - 1)
	for w, bits := range m {
		h := fnvString(w)
		i := h & mask
		for t.slots[i] != 0 {
			i = (i + 1) & mask
		}
		t.entries = append(t.entries, bitEntry{word: w, bits: bits})
		t.slots[i] = uint64(h)<<32 | uint64(len(t.entries))
	}
	return t
}

// get returns the bits of the word w with hash h, 0 when no set holds it.
func (t *bitTable) get(w string, h uint32) uint32 {
	mask := uint32(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		sl := t.slots[i]
		if sl == 0 {
			return 0
		}
		if uint32(sl>>32) == h {
			if e := &t.entries[uint32(sl)-1]; e.word == w {
				return e.bits
			}
		}
	}
}

// getBytes is get for a word in a buffer.
func (t *bitTable) getBytes(w []byte, h uint32) uint32 {
	mask := uint32(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		sl := t.slots[i]
		if sl == 0 {
			return 0
		}
		if uint32(sl>>32) == h {
			if e := &t.entries[uint32(sl)-1]; e.word == string(w) {
				return e.bits
			}
		}
	}
}

// newMask returns a zeroed word-set cache, one entry per token, in the
// pooled buffer when it is large enough.
func (x *extractor) newMask() []uint32 {
	if x.spare != nil && cap(x.spare.wmask) >= len(x.toks) {
		m := x.spare.wmask[:len(x.toks)]
		clear(m)
		return m
	}
	return make([]uint32, len(x.toks))
}
