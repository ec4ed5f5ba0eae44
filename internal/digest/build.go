package digest

import (
	"strings"
	"unicode/utf8"

	"github.com/newsdigest/bot/internal/digest/quotes"
	"github.com/newsdigest/bot/internal/digest/summary"
	"github.com/newsdigest/bot/internal/digest/text"
)

// BuildOptions sets the size of a digest.
type BuildOptions struct {
	Sentences int // summary sentences; default 3
	Quotes    int // key quotes; default 3
}

func (o BuildOptions) withDefaults() BuildOptions {
	if o.Sentences <= 0 {
		o.Sentences = 3
	}
	if o.Quotes <= 0 {
		o.Quotes = 3
	}
	return o
}

// Build returns the digest of one article (titled by its first sentence
// when it has no title): an extractive summary (each
// sentence verbatim from a.Body, in article order) and its key quotes
// (offsets into a.Body). Related headlines are left empty: the Service adds
// them from the store. a.Quotes is used when set, otherwise quotes are
// extracted from the body.
func Build(a Article, opts BuildOptions) Digest {
	opts = opts.withDefaults()
	doc := text.Analyze(analysed(a.Body))
	d := Digest{
		Title: a.Title, Source: a.Source, URL: a.URL, Published: a.Published,
		Language: a.Language, Sample: a.Sample, StoryID: a.StoryID,
		Summary: []string{}, Quotes: []Quote{}, Related: []Headline{},
	}
	if d.Language == "" {
		d.Language = doc.Lang
	}
	if strings.TrimSpace(d.Title) == "" {
		d.Title = fallbackTitle(doc)
	}
	for _, s := range summary.ExtractWithTitle(doc, a.Title, opts.Sentences) {
		d.Summary = append(d.Summary, doc.Text(s.Span))
	}
	qs := make([]quotes.Quote, 0, len(a.Quotes))
	if len(a.Quotes) > 0 {
		for _, q := range a.Quotes {
			qs = append(qs, quotes.Quote(q))
		}
	} else {
		qs = quotes.Extract(doc)
	}
	for _, q := range quotes.Key(qs, opts.Quotes) {
		d.Quotes = append(d.Quotes, Quote(q))
	}
	return d
}

// MaxAnalysedBytes bounds how much of a body is analysed: far longer than
// any news article (about 40,000 words), it keeps a hostile 10 MB page
// from costing more than a long article. Offsets stay those of the full body.
const MaxAnalysedBytes = 256 << 10

// analysed returns the prefix of body that is analysed: all of it, or up
// to the last line break before MaxAnalysedBytes.
func analysed(body string) string {
	if len(body) <= MaxAnalysedBytes {
		return body
	}
	cut := strings.LastIndexByte(body[:MaxAnalysedBytes], '\n')
	if cut < MaxAnalysedBytes/2 {
		cut = MaxAnalysedBytes
		for cut > 0 && !utf8.RuneStart(body[cut]) {
			cut--
		}
	}
	return body[:cut]
}
