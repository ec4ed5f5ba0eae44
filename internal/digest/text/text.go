// Package text turns an article body into paragraphs and sentences with
// byte offsets, detects its language (English or Spanish) and produces
// stemmed, stop-word-free tokens. It is pure computation: no I/O.
package text

import "strings"

// Span is a byte range [Start, End) of a body.
type Span struct{ Start, End int }

// Paragraph is a block of the body separated from the next by a blank line.
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
}

// Document is an analysed body. All offsets refer to Body.
type Document struct {
	Body       string
	Lang       string // "en" or "es"
	Paragraphs []Paragraph
	Sentences  []Sentence
}

// Text returns the body text of s.
func (d *Document) Text(s Span) string { return d.Body[s.Start:s.End] }

// Analyze splits body into paragraphs and sentences and detects its language.
// STUB: replaced by the real implementation.
func Analyze(body string) *Document {
	d := &Document{Body: body, Lang: "en"}
	off := 0
	for _, p := range strings.Split(body, "\n") {
		start, end := off, off+len(p)
		off = end + 1
		t := strings.TrimSpace(p)
		if t == "" {
			continue
		}
		lead := start + strings.Index(p, t)
		d.Paragraphs = append(d.Paragraphs, Paragraph{Span: Span{lead, lead + len(t)}})
		d.Sentences = append(d.Sentences, Sentence{Span: Span{lead, lead + len(t)}, Para: len(d.Paragraphs) - 1})
	}
	return d
}
