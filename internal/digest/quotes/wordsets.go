package quotes

import (
	"reflect"
	"strings"
	"unicode/utf8"
)

// The rules ask whether a token is in a word set many times, often about
// the same token. x.in answers for the sets listed in cachedSets from a
// per-token bit mask filled on the token's first question: one lowering
// and one lookup in a map holding every cached set's words, instead of a
// lowering and a lookup per question. Other sets go to inSet directly.
// The answers are those of inSet: the sets are read-only after package
// initialisation.

// cachedSets are the sets x.in asks about most, one bit each (at most 31:
// bit 31 marks a token whose mask is filled).
var cachedSets = []map[string]bool{
	determiners, prepositions, leadWords, pronouns, speechVerbs, timeWords,
	esClitics, fillers, titles, placePreps, months, backStops, adverbialPreps,
	timeNouns, sentenceAdverbs, relativePronouns, personRoles, participleVerbs,
	npStops, minorWords, esSubordinators, esNPStops, esHaber,
}

const maskFilled = 1 << 31

// setBits maps each word of a cached set to the bits of the sets holding it.
var setBits = func() map[string]uint32 {
	m := make(map[string]uint32)
	for k, set := range cachedSets {
		for w, ok := range set {
			if ok {
				m[w] |= 1 << k
			}
		}
	}
	return m
}()

// setTable finds a cached set's bit from its map pointer: open addressing
// over setTableSize slots, at most half full.
const setTableSize = 64

type setSlot struct {
	ptr uintptr
	bit uint32
}

var setTable = func() (t [setTableSize]setSlot) {
	for k, set := range cachedSets {
		p := reflect.ValueOf(set).Pointer()
		i := setSlotOf(p)
		for t[i].ptr != 0 {
			i = (i + 1) % setTableSize
		}
		t[i] = setSlot{ptr: p, bit: 1 << k}
	}
	return t
}()

func setSlotOf(p uintptr) uintptr { return (p ^ p>>6 ^ p>>12) % setTableSize }

// setBit returns the bit of m among the cached sets, 0 when it is not one.
func setBit(m map[string]bool) uint32 {
	p := reflect.ValueOf(m).Pointer()
	for i := setSlotOf(p); ; i = (i + 1) % setTableSize {
		switch setTable[i].ptr {
		case p:
			return setTable[i].bit
		case 0:
			return 0
		}
	}
}

// in reports whether the lower-cased word i is a key of m, without
// allocating for ASCII words.
func (x *extractor) in(m map[string]bool, i int) bool {
	bit := setBit(m)
	if bit == 0 {
		return inSet(m, x.word(i))
	}
	if x.wmask == nil {
		x.wmask = make([]uint32, len(x.toks))
	}
	mask := x.wmask[i]
	if mask == 0 {
		mask = wordBits(x.word(i)) | maskFilled
		x.wmask[i] = mask
	}
	return mask&bit != 0
}

// wordBits returns the cached sets holding w lowered, the way inSet lowers.
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
