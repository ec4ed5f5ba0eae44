package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// line is one trimmed, non-blank line of the body.
type line struct {
	Span
	blockStart bool // first line after a blank line (or of the body)
}

// splitParagraphs finds the paragraphs of body: blocks separated by blank
// lines, each line its own paragraph unless it is a hard-wrapped
// continuation of the previous one.
func splitParagraphs(body string) []Paragraph {
	lines := make([]line, 0, strings.Count(body, "\n")+1) // one allocation, not a regrowth per few lines
	blank := true
	for off := 0; off <= len(body); {
		end := strings.IndexByte(body[off:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += off
		}
		s, e := trimSpan(body, off, end)
		if s < e {
			lines = append(lines, line{Span: Span{s, e}, blockStart: blank})
			blank = false
		} else {
			blank = true
		}
		off = end + 1
	}
	paras := make([]Paragraph, 0, len(lines))
	for i := 0; i < len(lines); {
		j := i + 1 // block is lines[i:j]
		for j < len(lines) && !lines[j].blockStart {
			j++
		}
		maxLen := 0
		for _, l := range lines[i:j] {
			maxLen = max(maxLen, l.End-l.Start)
		}
		cur := lines[i].Span
		for k := i + 1; k < j; k++ {
			if wrapped(body, lines[k-1].Span, lines[k].Span, maxLen) {
				cur.End = lines[k].End
				continue
			}
			paras = append(paras, Paragraph{Span: cur})
			cur = lines[k].Span
		}
		paras = append(paras, Paragraph{Span: cur})
		i = j
	}
	return paras
}

// wrapped reports whether next continues prev in a hard-wrapped block whose
// longest line is maxLen bytes long.
func wrapped(body string, prev, next Span, maxLen int) bool {
	n := prev.End - prev.Start
	if maxLen > 160 || n < 30 || 2*n < maxLen {
		return false
	}
	if bulletLen(body[next.Start:next.End]) > 0 || bulletLen(body[prev.Start:prev.End]) > 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(body[prev.Start:prev.End])
	switch r {
	case '.', '!', '?', '…', ':', ';', '"', '”', '’', ')', ']', '»':
		return false
	}
	return true
}

// trimSpan shrinks [s, e) of body to exclude surrounding white space.
func trimSpan(body string, s, e int) (int, int) {
	for s < e {
		c := body[s]
		if c < utf8.RuneSelf {
			if !isSpaceByte(c) {
				break
			}
			s++
			continue
		}
		r, size := utf8.DecodeRuneInString(body[s:e])
		if !unicode.IsSpace(r) && r != '\u200b' && r != '\ufeff' {
			break
		}
		s += size
	}
	for e > s {
		c := body[e-1]
		if c < utf8.RuneSelf {
			if !isSpaceByte(c) {
				break
			}
			e--
			continue
		}
		r, size := utf8.DecodeLastRuneInString(body[s:e])
		if !unicode.IsSpace(r) && r != '\u200b' && r != '\ufeff' {
			break
		}
		e -= size
	}
	return s, e
}

// bulletLen returns the length of the list marker ("- ", "• ", "* " …)
// opening p, or 0 when p is not a list item.
func bulletLen(p string) int {
	for _, b := range [...]string{"- ", "• ", "* ", "– ", "— ", "· ", "► ", "▶ ", "■ ", "▪ "} {
		if strings.HasPrefix(p, b) {
			return len(b)
		}
	}
	return 0
}
