// Package htmlextract turns an HTML page into an article: its main text
// without navigation, ads, captions or comments, with title, site, author,
// date and language. It is pure work on bytes, no network: the web adapter
// (which fetches pages) and the local-files reader both use it, so neither
// imports the other.
//
// It imports the core (internal/digest), go-trafilatura and x/net/html,
// never an adapter.
package htmlextract

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/textclean"
)

// ErrNoContent is returned when a page holds no readable article text.
// Compare with errors.Is.
var ErrNoContent = errors.New("no readable article text")

// minWords is the shortest body accepted as an article; less is a link
// list, an error page or an empty shell.
const minWords = 10

// ExtractReader reads an HTML page and returns its article as Extract does,
// with no content type and pageURL parsed (an unparsable URL is treated as
// empty).
func ExtractReader(r io.Reader, pageURL string) (digest.Article, error) {
	content, err := io.ReadAll(r)
	if err != nil {
		return digest.Article{}, fmt.Errorf("read page: %w", err)
	}
	u, err := url.Parse(pageURL)
	if err != nil {
		u = &url.URL{}
	}
	return Extract(content, "", u)
}

// Extract returns the article of an HTML page: the main text without
// navigation, ads or comments as Body (one paragraph per line, paragraphs
// separated by a blank line), Title, Source (the site name, or the host of
// pageURL), Author, Published, Language (ISO 639-1) and URL (pageURL; nil
// means none). Pages in other character sets are converted to UTF-8 (BOM,
// the charset of contentType, <meta charset>, else UTF-8 when valid, else
// Windows-1252). It fails with ErrNoContent, wrapped, when fewer than 10
// words of article text are found; a panic inside the extractor becomes
// that error too, as pages are untrusted.
func Extract(content []byte, contentType string, pageURL *url.URL) (a digest.Article, err error) {
	defer func() {
		if r := recover(); r != nil {
			a, err = digest.Article{}, fmt.Errorf("extract article: %w (extractor failed: %v)", ErrNoContent, r)
		}
	}()
	if pageURL == nil {
		pageURL = &url.URL{}
	}
	doc, err := html.Parse(decode(content, contentType))
	if err != nil {
		return digest.Article{}, fmt.Errorf("parse page: %w", err)
	}
	published := metaPublished(doc)
	cleanPage(doc)

	opts := trafilatura.Options{
		ExcludeComments: true,
		HtmlDateMode:    trafilatura.Fast,
	}
	if pageURL.Host != "" {
		opts.OriginalURL = pageURL
	}
	res, err := trafilatura.ExtractDocument(doc, opts)
	if err != nil {
		return digest.Article{}, fmt.Errorf("extract article: %w (%v)", ErrNoContent, err)
	}
	md := res.Metadata
	title := textclean.Space(md.Title)
	paras := paragraphs(res.ContentNode)
	if len(paras) > 0 && title != "" && strings.EqualFold(paras[0], title) {
		paras = paras[1:] // the headline repeated as the first block
	}
	body := strings.Join(paras, "\n\n")
	if n := len(strings.Fields(body)); n < minWords {
		return digest.Article{}, fmt.Errorf("extract article: %w (%d words)", ErrNoContent, n)
	}

	a = digest.Article{
		URL:      pageURL.String(),
		Title:    title,
		Source:   textclean.Space(md.Sitename),
		Author:   textclean.Space(md.Author),
		Language: strings.ToLower(md.Language),
		Body:     body,
	}
	if a.Source == "" {
		a.Source = hostName(pageURL)
	}
	switch {
	case !published.IsZero() && (md.Date.IsZero() || sameDay(published, md.Date)):
		a.Published = published // full timestamp from page metadata
	case !md.Date.IsZero():
		a.Published = md.Date
	}
	return a, nil
}

// decode converts content to UTF-8 using the BOM, the Content-Type charset
// or a <meta> declaration; without any, UTF-8 when the content is valid
// UTF-8, else Windows-1252 (as browsers do).
func decode(content []byte, contentType string) io.Reader {
	enc, _, certain := charset.DetermineEncoding(content, contentType)
	if !certain && utf8.Valid(content) {
		return bytes.NewReader(content)
	}
	if enc == encoding.Nop || enc == nil {
		return bytes.NewReader(content)
	}
	return enc.NewDecoder().Reader(bytes.NewReader(content))
}

// metaPublished looks for a full publication timestamp in the page's
// metadata (Open Graph, schema.org itemprop, <time> is left to the
// extractor); the extractor's date is often only a day.
func metaPublished(doc *html.Node) time.Time {
	var found time.Time
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.ElementNode && n.DataAtom == atom.Body {
			return true // metadata lives in <head>
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Meta {
			var key, content string
			for _, at := range n.Attr {
				switch at.Key {
				case "property", "name", "itemprop":
					key = strings.ToLower(at.Val)
				case "content":
					content = at.Val
				}
			}
			switch key {
			case "article:published_time", "datepublished", "og:published_time", "dc.date.issued", "pubdate":
				if t, ok := parseTimestamp(content); ok {
					found = t
					return true
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				return true
			}
		}
		return false
	}
	walk(doc)
	return found
}

func parseTimestamp(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

func sameDay(a, b time.Time) bool {
	ay, am, ad := a.UTC().Date()
	by, bm, bd := b.UTC().Date()
	return ay == by && am == bm && ad == bd
}

func hostName(u *url.URL) string {
	if u == nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// blockTags start a new paragraph in extracted text.
var blockTags = map[string]bool{
	"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "ul": true, "ol": true, "dl": true, "dt": true, "dd": true, "blockquote": true,
	"pre": true, "table": true, "tr": true, "section": true, "article": true, "header": true,
	"footer": true, "figure": true, "figcaption": true, "br": true, "hr": true, "body": true,
	"main": true, "aside": true, "details": true, "summary": true, "address": true,
	// trafilatura's internal names, should any survive
	"head": true, "item": true, "list": true, "quote": true, "lb": true, "row": true,
}

// paragraphs flattens an extracted content tree into paragraphs of plain
// text with whitespace collapsed.
func paragraphs(root *html.Node) []string {
	if root == nil {
		return nil
	}
	var out []string
	var cur strings.Builder
	flush := func() {
		if t := textclean.Space(cur.String()); t != "" {
			out = append(out, t)
		}
		cur.Reset()
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "noscript", "template":
				return
			case "td", "th":
				cur.WriteByte(' ')
			}
		}
		block := n.Type == html.ElementNode && blockTags[n.Data]
		if block {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			flush()
		}
	}
	walk(root)
	flush()
	return out
}
