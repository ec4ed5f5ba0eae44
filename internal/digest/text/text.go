// Package text turns an article body into paragraphs and sentences with
// byte offsets, flags boilerplate paragraphs, detects the language (English
// and Spanish, which have rules, and others, which get only the rules that
// hold across languages) and produces stemmed, stop-word-free tokens.
//
// It is pure computation: it must not import anything doing I/O (no
// network, files, database or platform SDK) and holds no global mutable
// state, so every function is safe for concurrent use unless stated.
package text

import "strings"

// Span is a byte range [Start, End) of a body.
type Span struct{ Start, End int }

// Paragraph is a block of the body separated from the next by a blank line
// (or, for bodies with one paragraph per line, by a line break).
// Boilerplate paragraphs (share prompts, "READ MORE" blocks, photo credits,
// bylines, lists of other headlines) are kept in the list but flagged.
type Paragraph struct {
	Span
	Boilerplate bool
}

// Sentence is one sentence of a non-boilerplate paragraph.
type Sentence struct {
	Span
	Para int // index into Document.Paragraphs
	// InQuote: the sentence opens inside a quotation that an earlier
	// sentence of its paragraph opened («Vamos a ganar. ¿Quién lo duda?»,
	// dijo → "¿Quién lo duda?», dijo." opens inside).
	InQuote bool
	// OpenQuote: a quotation is still open where the sentence ends.
	OpenQuote bool
}

// Document is an analysed body. All offsets refer to Body.
type Document struct {
	Body       string
	Lang       string // ISO 639-1 (see DetectLanguage); HasRules(Lang): English or Spanish
	Paragraphs []Paragraph
	Sentences  []Sentence
}

// Text returns the body text of s verbatim.
func (d *Document) Text(s Span) string { return d.Body[s.Start:s.End] }

// Plain returns the body text of s with every run of white space (including
// the line breaks of hard-wrapped paragraphs) collapsed to one space. It is
// meant for display; offsets into the result do not refer to Body.
func (d *Document) Plain(s Span) string { return collapseSpace(d.Body[s.Start:s.End]) }

// Analyze splits body into paragraphs and sentences, flags boilerplate
// paragraphs and detects the language (from the paragraphs that are not
// boilerplate, before sentences are split: the abbreviation and speech-verb
// lists of English and Spanish are not applied to other languages). Paragraphs are blocks separated by
// blank lines; inside a block each line is its own paragraph unless the
// block looks hard-wrapped, in which case wrapped lines are joined.
// Sentences never cross paragraphs, are trimmed of white space, are in
// body order and never overlap; boilerplate paragraphs have none.
// Analyze never fails: any string, valid UTF-8 or not, is accepted.
func Analyze(body string) *Document {
	d := &Document{Body: body}
	d.Paragraphs = splitParagraphs(body)
	flagBoilerplate(body, d.Paragraphs)
	d.Lang = detectDocument(d)
	rules := HasRules(d.Lang)
	n := 0
	for _, p := range d.Paragraphs {
		if !p.Boilerplate {
			n += estimateSentences(body[p.Start:p.End])
		}
	}
	d.Sentences = make([]Sentence, 0, n+n/4) // room for sentences ending in ?, ! or a quotation mark: rarely regrown
	for i, p := range d.Paragraphs {
		if p.Boilerplate {
			continue
		}
		d.Sentences = appendSentences(d.Sentences, body, p.Span, i, rules)
	}
	return d
}

// detectDocument detects the language from the non-boilerplate paragraphs,
// reading at most a few kilobytes.
func detectDocument(d *Document) string {
	var c langCounter
	for _, p := range d.Paragraphs {
		if p.Boilerplate {
			continue
		}
		c.add(d.Body[p.Start:p.End])
		if c.words >= langWordLimit {
			break
		}
	}
	return c.result()
}

func estimateSentences(p string) int {
	return strings.Count(p, ". ") + 1
}

// collapseSpace trims s and replaces each run of white space with a space.
func collapseSpace(s string) string {
	s = strings.TrimSpace(s)
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\n' || c == '\r' || c == '\t' || (c == ' ' && i+1 < len(s) && isSpaceByte(s[i+1])) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isSpaceByte(c) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteByte(c)
	}
	return b.String()
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\v' || c == '\f'
}
