// Package similar decides which articles report the same story and which
// are related: SimHash fingerprints for near-duplicate copies, TF-IDF
// document vectors for rewritten versions of one event and for related
// headlines, and an online grouper used at ingest.
//
// It is pure computation over tokens the caller produced (normally
// text.Tokens: lower-case, stemmed, stop words removed). It must not import
// anything that does I/O, and it keeps no state between calls.
package similar

import "math/bits"

// ShingleSize is the number of consecutive tokens hashed together by
// Fingerprint.
const ShingleSize = 3

// FNV-1a 64-bit parameters.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// Fingerprint returns the 64-bit SimHash of the word shingles (ShingleSize
// consecutive tokens) of tokens. Each shingle is hashed with FNV-1a and a
// bit-mixing finalizer, so the result is the same in every process and on
// every platform. Texts with fewer tokens than a shingle are hashed as one
// shingle; no tokens give 0. Near-identical texts have fingerprints a small
// Hamming Distance apart (wire copies typically ≤ 3 of 64 bits).
func Fingerprint(tokens []string) uint64 {
	if len(tokens) == 0 {
		return 0
	}
	var counts [64]int32
	n := len(tokens) - ShingleSize + 1
	size := ShingleSize
	if n < 1 {
		n, size = 1, len(tokens)
	}
	for i := range n {
		h := uint64(fnvOffset)
		for j, tok := range tokens[i : i+size] {
			if j > 0 {
				h ^= 0x1f // unit separator between tokens
				h *= fnvPrime
			}
			for k := 0; k < len(tok); k++ {
				h ^= uint64(tok[k])
				h *= fnvPrime
			}
		}
		h = mix(h)
		for b := range counts {
			counts[b] += int32(h>>uint(b)&1)*2 - 1
		}
	}
	var fp uint64
	for b, c := range counts {
		if c > 0 {
			fp |= 1 << uint(b)
		}
	}
	return fp
}

// mix is the 64-bit finalizer of MurmurHash3: it spreads FNV's weak high
// bits so that every SimHash bit is an even coin.
func mix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

// Distance returns the Hamming distance between two fingerprints: the
// number of differing bits, 0..64.
func Distance(a, b uint64) int {
	return bits.OnesCount64(a ^ b)
}
