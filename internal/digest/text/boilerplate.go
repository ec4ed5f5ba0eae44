package text

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// kind classifies one paragraph for boilerplate detection.
type kind uint8

const (
	kindText     kind = iota
	kindJunk          // always boilerplate: prompts, credits, bylines, copyright
	kindMarker        // "READ MORE", "Related": what follows is not the article
	kindHeadline      // a list item that looks like a headline
)

// flagBoilerplate sets Paragraph.Boilerplate.
//
// Rules: prompts ("Read more", "Sign up for our newsletter", "Share this",
// "Advertisement"…), photo credits, bylines, copyright lines and reprint or
// cookie notices are boilerplate; so is a run of two or more headline-like list items, and
// everything after a standalone "READ MORE" / "Related" marker. The one
// exception to the latter: when the marker is followed by real prose (a
// paragraph of 60+ words, or two consecutive paragraphs of 20+ words ending
// a sentence) the article resumes there.
func flagBoilerplate(body string, paras []Paragraph) {
	kinds := make([]kind, len(paras))
	for i, p := range paras {
		kinds[i] = classify(body[p.Start:p.End])
	}
	for i := 0; i < len(paras); i++ {
		switch kinds[i] {
		case kindJunk:
			paras[i].Boilerplate = true
		case kindHeadline:
			if (i > 0 && kinds[i-1] == kindHeadline) || (i+1 < len(paras) && kinds[i+1] == kindHeadline) {
				paras[i].Boilerplate = true
			}
		case kindMarker:
			paras[i].Boilerplate = true
			j := i + 1
			for ; j < len(paras); j++ {
				if resumes(body, paras, j) {
					break
				}
				paras[j].Boilerplate = true
			}
			i = j - 1
		}
	}
}

// resumes reports whether the article text resumes at paragraph j after a
// marker.
func resumes(body string, paras []Paragraph, j int) bool {
	w, ok := prose(body[paras[j].Start:paras[j].End])
	if !ok {
		return false
	}
	if w >= 60 {
		return true
	}
	if j+1 < len(paras) {
		_, ok = prose(body[paras[j+1].Start:paras[j+1].End])
		return ok
	}
	return false
}

// prose returns the word count of p and whether it reads as article prose:
// at least 20 words, ending a sentence, not a list item.
func prose(p string) (int, bool) {
	if bulletLen(p) > 0 {
		return 0, false
	}
	w := countWords(p)
	if w < 20 {
		return w, false
	}
	r, _ := utf8.DecodeLastRuneInString(p)
	switch r {
	case '.', '!', '?', '"', '”', '’', '»', ')':
		return w, true
	}
	return w, false
}

var markers = map[string]bool{
	"read more": true, "related": true, "related articles": true, "related stories": true,
	"related content": true, "related coverage": true, "related news": true, "related links": true,
	"related topics": true, "related reading": true, "more on this story": true, "more from": true,
	"more stories": true, "more news": true, "you may also like": true, "you might also like": true,
	"recommended": true, "recommended stories": true, "recommended for you": true, "most read": true,
	"most popular": true, "trending": true, "trending now": true, "top stories": true,
	"further reading": true, "see also": true, "also read": true, "read next": true,
	"lee también": true, "leer más": true, "lee más": true, "te puede interesar": true,
	"también te puede interesar": true, "noticias relacionadas": true, "relacionado": true,
	"relacionadas": true, "más noticias": true, "lo más leído": true, "más leídas": true,
}

// prompts open short calls to action; matched at a word boundary.
var prompts = [...]string{
	"read more", "read the rest", "read the full", "read full", "continue reading", "click here",
	"tap here", "sign up", "subscribe to", "subscribe now", "subscribe for", "share this", "share on",
	"share article", "follow us", "like us on", "join our", "get our", "get the latest",
	"download our", "download the app", "advertisement", "sponsored", "don't miss", "also read",
	"recommended for you", "you may also like", "more on this story", "related articles",
	"related stories", "related coverage", "related content", "related news", "related topics",
	"related:", "more:", "watch:", "listen:", "see also", "lee también", "leer más", "lee más", "ver más",
	"te puede interesar", "también te puede interesar", "publicidad", "suscríbete", "regístrate",
	"comparte", "compartir", "síguenos", "haz clic", "noticias relacionadas", "contenido patrocinado",
}

var creditPrefixes = [...]string{
	"photo:", "photo by", "photos:", "photos by", "photograph:", "photograph by", "photography:",
	"image:", "images:", "image source", "image caption", "image copyright", "media caption",
	"picture:", "pictures:", "pictured:", "credit:", "credits:", "caption:", "foto:", "fotos:",
	"foto de", "imagen:", "(photo", "(ap photo", "(getty", "(afp", "(reuters photo",
}

var creditMarks = [...]string{
	"ap photo/", "getty images", "/getty", "/afp", "afp/", "/reuters", "reuters/", "shutterstock",
	"/ap)", "/efe", "efe/", "photo credit", "(photo:", "| photo",
}

var bylinePrefixes = [...]string{
	"reporting by", "additional reporting by", "editing by", "edited by", "writing by",
	"written by", "compiled by", "(reporting by", "(additional reporting", "(with reporting by",
	"(editing by", "con información de", "redacción",
}

// contributionCredits close a short paragraph crediting other reporters:
// they count only at its end ("Ana Ruiz contributed reporting."), not
// inside a sentence that goes on.
var contributionCredits = [...]string{
	"contributed to this report", "contributed to this story", "contributed to this article",
	"contributed reporting", "contributed additional reporting", "contribuyó a este reporte",
	"contribuyeron a este reporte",
}

// promptsByFirst, creditsByFirst and bylinesByFirst hold prompts,
// creditPrefixes and bylinePrefixes by their first byte: a paragraph is
// compared only with the prefixes that open with its own first byte.
var (
	promptsByFirst = byFirstByte(prompts[:])
	creditsByFirst = byFirstByte(creditPrefixes[:])
	bylinesByFirst = byFirstByte(bylinePrefixes[:])
)

func byFirstByte(prefixes []string) (t [256][]string) {
	for _, p := range prefixes {
		t[p[0]] = append(t[p[0]], p)
	}
	return t
}

// firstByte is b[0], or 0 (which no prefix opens with) for an empty b.
func firstByte(b []byte) byte {
	if len(b) == 0 {
		return 0
	}
	return b[0]
}

// classify looks at one trimmed paragraph.
func classify(p string) kind {
	bl := bulletLen(p)
	core := p[bl:]
	words := countWordsUpTo(core, maxShortWords+1)
	if words > maxShortWords {
		return kindText // every rule below is for short paragraphs
	}
	// The paragraph lowercased (strings.ToLower) into buffers on the
	// stack: its first 120 bytes, and all of it.
	var lbuf [128]byte
	var fbuf [512]byte
	lower := appendLowerPrefix(lbuf[:0], core, 120)
	norm := bytes.TrimRight(lower, " :.…»>|-–—")
	if bl == 0 && words <= 6 && markers[string(norm)] {
		return kindMarker
	}
	if words <= 20 {
		for _, pr := range promptsByFirst[firstByte(lower)] {
			if hasWordPrefix(lower, pr) {
				return kindJunk
			}
		}
	}
	full := lower // the whole paragraph lowercased, computed once
	if len(core) > len(lower) {
		full = AppendLower(fbuf[:0], core)
	}
	if isCredit(core, lower, full, words) || isByline(core, lower, full, words) || isCopyright(lower, full, words) || isNotice(core, full, words) {
		return kindJunk
	}
	if bl > 0 && words <= 25 {
		r, _ := utf8.DecodeLastRuneInString(core)
		switch r {
		case '.', ';', ',':
			if !strings.HasSuffix(core, "...") {
				return kindText
			}
		}
		return kindHeadline
	}
	return kindText
}

func isCredit(p string, lower, full []byte, words int) bool {
	if words > 40 {
		return false
	}
	for _, pr := range creditsByFirst[firstByte(lower)] {
		if hasPrefix(lower, pr) {
			return true
		}
	}
	slash := bytes.IndexByte(full, '/') >= 0
	for _, m := range creditMarks {
		if !slash && strings.IndexByte(m, '/') >= 0 {
			continue // a mark with a slash needs one in the paragraph
		}
		if contains(full, m) {
			r, _ := utf8.DecodeLastRuneInString(p)
			return r != '.' || words <= 8
		}
	}
	return false
}

func isByline(p string, lower, full []byte, words int) bool {
	if words > 25 {
		return false
	}
	for _, pr := range bylinesByFirst[firstByte(lower)] {
		if hasPrefix(lower, pr) {
			return true
		}
	}
	// a reporting credit at the end: "The Associated Press contributed
	// to this report.", "Ana Ruiz contributed reporting."
	end := bytes.TrimRight(full, ". )")
	for _, c := range contributionCredits {
		if len(end) >= len(c) && string(end[len(end)-len(c):]) == c {
			return true
		}
	}
	if words > 8 || strings.HasSuffix(p, ".") {
		return false
	}
	for _, pr := range [...]string{"by ", "por "} {
		if hasPrefix(lower, pr) {
			r, _ := utf8.DecodeRuneInString(p[len(pr):])
			return unicode.IsUpper(r)
		}
	}
	return false
}

func isCopyright(lower, full []byte, words int) bool {
	if words > 40 {
		return false
	}
	if hasPrefix(lower, "©") || hasPrefix(lower, "copyright") || hasPrefix(lower, "(c) ") ||
		hasPrefix(lower, "(c)2") {
		return true
	}
	return contains(full, "all rights reserved") || contains(full, "todos los derechos reservados")
}

// hasPrefix is strings.HasPrefix for a lowered buffer.
func hasPrefix(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && string(b[:len(prefix)]) == prefix
}

// contains is strings.Contains for a lowered buffer.
func contains(b []byte, sub string) bool {
	if len(sub) == 0 {
		return true
	}
	c := sub[0]
	for i := 0; i+len(sub) <= len(b); i++ {
		k := bytes.IndexByte(b[i:len(b)-len(sub)+1], c)
		if k < 0 {
			return false
		}
		i += k
		if string(b[i:i+len(sub)]) == sub {
			return true
		}
	}
	return false
}

// noticeMarks are phrases of reprint, republishing and cookie notices:
// a short paragraph holding one is about the page, not the story.
var noticeMarks = [...]string{
	"may not be published, broadcast", "may not be reproduced", "may not be republished",
	"may not be redistributed", "reprinted with permission", "republished with permission",
	"republished from", "this article originally appeared", "this story originally appeared",
	"was originally published", "republish our articles", "we use cookies", "uses cookies",
	"use of cookies", "cookie policy", "accept cookies", "no puede ser reproducido",
	"no puede ser reproducida", "prohibida su reproducción", "prohibida la reproducción",
	"queda prohibida", "publicado originalmente", "usamos cookies", "utilizamos cookies",
	"utiliza cookies", "uso de cookies", "política de cookies", "aceptas su uso", "acepta su uso",
}

// isNotice reports a reprint or cookie notice (of at most maxShortWords
// words).
func isNotice(p string, full []byte, words int) bool {
	if !hasNoticeStem(p) {
		return false // most paragraphs are ruled out in one scan
	}
	for _, m := range noticeMarks {
		if contains(full, m) {
			return true
		}
	}
	return false
}

// hasNoticeStem reports whether s holds, in any letter case, one of the
// stems every notice mark has: "cookie", "publi", "reprodu", "prohibid",
// "appeared" or "redistribu".
func hasNoticeStem(s string) bool {
	for i := 0; i < len(s); i++ {
		var stems []string
		switch s[i] | 0x20 {
		case 'c':
			stems = []string{"cookie"}
		case 'p':
			stems = []string{"publi", "prohibid"}
		case 'r':
			stems = []string{"reprodu", "redistribu"}
		case 'a':
			stems = []string{"appeared"}
		default:
			continue
		}
		for _, w := range stems {
			if hasFoldPrefix(s[i:], w) {
				return true
			}
		}
	}
	return false
}

// hasFoldPrefix reports whether s starts with the lowercase ASCII word w
// in any letter case.
func hasFoldPrefix(s, w string) bool {
	if len(s) < len(w) {
		return false
	}
	for k := 0; k < len(w); k++ {
		if s[k]|0x20 != w[k] {
			return false
		}
	}
	return true
}

// hasWordPrefix reports whether s starts with prefix followed by a word
// boundary.
func hasWordPrefix(s []byte, prefix string) bool {
	if !hasPrefix(s, prefix) {
		return false
	}
	if len(s) == len(prefix) {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(prefix)
	if !isWordRune(last) {
		return true
	}
	r, _ := utf8.DecodeRune(s[len(prefix):])
	return !isWordRune(r)
}

// appendLowerPrefix appends at most the first n bytes of s (cut on a rune
// boundary) lowercased to dst.
func appendLowerPrefix(dst []byte, s string, n int) []byte {
	if len(s) > n {
		for n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		s = s[:n]
	}
	return AppendLower(dst, s)
}

// AppendLower appends s lowercased to dst, exactly as strings.ToLower
// lowers it (an invalid byte becomes U+FFFD), without allocating a string.
func AppendLower(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
		i += size
	}
	return dst
}

// countWords counts white-space separated fields.
func countWords(s string) int { return countWordsUpTo(s, len(s)+1) }

// maxShortWords is the length of the longest paragraph a boilerplate rule
// looks at (credits, copyright lines and notices): longer ones are text.
const maxShortWords = 40

// countWordsUpTo counts white-space separated fields of s, stopping at
// limit.
func countWordsUpTo(s string, limit int) int {
	// A field opens at a non-space byte after a space (or at the start):
	// counted without a branch per byte, prev being 1 after a space.
	n, prev := 0, uint8(1)
	for i := 0; i < len(s) && n < limit; i++ {
		sp := spaceBit[s[i]]
		n += int(prev &^ sp)
		prev = sp
	}
	return n
}

// spaceBit is 1 for the bytes isSpaceByte reports, 0 for the others.
var spaceBit = func() (t [256]uint8) {
	for c := range 256 {
		if isSpaceByte(byte(c)) {
			t[c] = 1
		}
	}
	return t
}()

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
