// Package textfit measures and cuts text against chat platforms' length
// limits. Slack and Discord both count limits in UTF-16 code units at
// worst, so every length here is in those units: one per character of the
// Basic Multilingual Plane, two for the others (most emoji). That is never
// less than the number of characters, so text within a limit by this count
// is within it by either count. Escaping and markup stay with each platform.
package textfit

// width is the number of UTF-16 code units r takes: two outside the Basic
// Multilingual Plane, else one. (Ranging over a string yields only valid
// runes and utf8.RuneError, so there is no invalid case.)
func width(r rune) int {
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// Len is the length of s in UTF-16 code units.
func Len(s string) int {
	n := 0
	for _, r := range s {
		n += width(r)
	}
	return n
}

// Prefix is the longest prefix of s of at most max UTF-16 code units, cut
// at a rune boundary; "" when max < 1.
func Prefix(s string, max int) string {
	n := 0
	for i, r := range s {
		n += width(r)
		if n > max {
			return s[:i]
		}
	}
	return s
}
