// Package feedparse reads news feed documents (RSS, Atom, JSON Feed) into
// articles: pure work on bytes, no network. The feed poller
// (internal/adapters/feeds) and the local-files reader both use it, so
// neither imports the other.
//
// It imports the core (internal/digest) and gofeed, never an adapter.
package feedparse

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"golang.org/x/text/encoding/charmap"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/digest/urls"
	"github.com/newsdigest/bot/internal/textclean"
)

// SnippetWords is the body length, in words, under which an item is taken
// to carry only a snippet of its article.
const SnippetWords = 80

// Feed is a parsed feed.
type Feed struct {
	Title    string
	Link     string // the site's home page, may be empty
	Language string // ISO 639-1 when the feed declares it
	Items    []Item
	// Repaired counts the bytes of an XML feed in UTF-8 that were not
	// UTF-8 (each read as Windows-1252, as such strays almost always are)
	// or were control characters XML forbids (dropped). Such a feed is
	// repaired rather than refused, so one bad byte does not cost every
	// item; the poller reports the count with the feed's state.
	Repaired int `json:",omitempty"`
}

// Item is one feed entry mapped to an article.
type Item struct {
	digest.Article
	// Snippet is true when the body is missing or shorter than
	// SnippetWords: the full page should be fetched.
	Snippet bool
	// Undated is true when the feed gave no date: Published is then the
	// fetch time.
	Undated bool
}

// ErrMalformed wraps every failure to read a document as a feed.
var ErrMalformed = errors.New("malformed feed")

// Parse reads an RSS, Atom or JSON feed from r. feedURL is where it came
// from: it resolves relative links, names the Source when the feed has no
// title, and is set as each article's FeedURL. Published falls back to the
// item's update time, then to now. Items without a usable http(s) link are
// skipped. Bodies are plain text, paragraphs separated by a blank line.
// Anything that is not a feed fails with an error wrapping ErrMalformed;
// an XML feed in UTF-8 with stray bytes is repaired first (Feed.Repaired).
func Parse(r io.Reader, feedURL string) (Feed, error) {
	return parse(r, feedURL, time.Now())
}

// ParseAt is Parse with now given: the date of undated items.
func ParseAt(r io.Reader, feedURL string, now time.Time) (Feed, error) {
	return parse(r, feedURL, now)
}

func parse(r io.Reader, feedURL string, now time.Time) (feed Feed, err error) {
	defer func() {
		if p := recover(); p != nil { // untrusted input must not crash a poller
			feed, err = Feed{}, fmt.Errorf("%w: parser failed: %v", ErrMalformed, p)
		}
	}()
	data, err := io.ReadAll(r)
	if err != nil {
		return Feed{}, fmt.Errorf("read feed: %w", err)
	}
	data, repaired := repairXML(data)
	gf, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			return Feed{}, fmt.Errorf("%w: not RSS, Atom or JSON Feed", ErrMalformed)
		}
		return Feed{}, fmt.Errorf("%w: %v", ErrMalformed, err)
	}

	base, _ := url.Parse(feedURL)
	if base == nil {
		base = &url.URL{}
	}
	feed = Feed{
		Repaired: repaired,
		Title:    textclean.Space(htmlToText(gf.Title)),
		Link:     resolve(base, gf.Link),
		Language: langCode(gf.Language),
	}
	linkBase := base // the feed's own link when it has a host, else the feed URL
	if u, err := url.Parse(feed.Link); err == nil && u.Host != "" {
		linkBase = u
	}
	source := feed.Title
	if source == "" {
		source = hostName(linkBase)
	}

	for _, it := range gf.Items {
		if it == nil {
			continue
		}
		guid := strings.TrimSpace(it.GUID)
		link := resolve(linkBase, it.Link)
		if link == "" {
			if u, ok := urls.ParseHTTP(guid); ok {
				link = u.String() // written the way resolve writes links
			}
		}
		if link == "" {
			continue
		}
		body := htmlToText(it.Content)
		if desc := htmlToText(it.Description); words(body) < words(desc) {
			body = desc
		}
		a := digest.Article{
			URL:      link,
			GUID:     guid,
			Title:    textclean.Space(htmlToText(it.Title)),
			Source:   source,
			Author:   author(it),
			Language: feed.Language,
			Fetched:  now,
			Body:     body,
			FeedURL:  feedURL,
		}
		undated := false
		switch {
		case it.PublishedParsed != nil && !it.PublishedParsed.IsZero():
			a.Published = it.PublishedParsed.UTC()
		case it.UpdatedParsed != nil && !it.UpdatedParsed.IsZero():
			a.Published = it.UpdatedParsed.UTC()
		default:
			a.Published, undated = now, true
		}
		if a.Title == "" && a.Body == "" {
			continue
		}
		feed.Items = append(feed.Items, Item{Article: a, Snippet: words(body) < SnippetWords, Undated: undated})
	}
	return feed, nil
}

func author(it *gofeed.Item) string {
	for _, p := range it.Authors {
		if p != nil {
			if n := textclean.Space(p.Name); n != "" {
				return n
			}
		}
	}
	if it.DublinCoreExt != nil && len(it.DublinCoreExt.Creator) > 0 {
		return textclean.Space(it.DublinCoreExt.Creator[0])
	}
	return ""
}

// resolve makes ref absolute against base; "" unless the result is http(s).
func resolve(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	u = base.ResolveReference(u)
	u.Fragment, u.RawFragment = "", ""
	s := u.String()
	if _, ok := urls.ParseHTTP(s); !ok {
		return ""
	}
	return s
}

func hostName(u *url.URL) string {
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// langCode turns "en-US" or "es_mx" into "en" or "es"; "" when it is not a
// two-letter code.
func langCode(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_"); i >= 0 {
		s = s[:i]
	}
	if len(s) != 2 || s[0] < 'a' || s[0] > 'z' || s[1] < 'a' || s[1] > 'z' {
		return ""
	}
	return s
}

func words(s string) int { return len(strings.Fields(s)) }

// repairXML returns doc with the bytes XML would refuse repaired, and how
// many there were, when doc is an XML document in UTF-8 (no encoding
// declared, or UTF-8 declared): a byte that does not start a valid UTF-8
// sequence is read as Windows-1252 (a stray Latin-1 "é" stays "é"), and
// control characters other than tab, newline and carriage return are
// dropped. Other documents (JSON, other encodings) come back unchanged.
func repairXML(doc []byte) ([]byte, int) {
	if !declaresUTF8(doc) {
		return doc, 0
	}
	bad := func(r rune, size int) bool {
		return r == utf8.RuneError && size == 1 || r < 0x20 && r != '\t' && r != '\n' && r != '\r'
	}
	clean := true
	for i := 0; i < len(doc); {
		r, size := utf8.DecodeRune(doc[i:])
		if bad(r, size) {
			clean = false
			break
		}
		i += size
	}
	if clean {
		return doc, 0
	}
	out := make([]byte, 0, len(doc)+16)
	n := 0
	for i := 0; i < len(doc); {
		r, size := utf8.DecodeRune(doc[i:])
		if !bad(r, size) {
			out = append(out, doc[i:i+size]...)
			i += size
			continue
		}
		n++
		if size == 1 && doc[i] >= 0x80 {
			if w := charmap.Windows1252.DecodeByte(doc[i]); w >= 0xA0 {
				out = utf8.AppendRune(out, w)
			}
		}
		i++
	}
	return out, n
}

// declaresUTF8 reports whether doc looks like XML (its first non-space
// byte, after any byte-order mark, is '<') in UTF-8: its XML declaration
// names no encoding, or UTF-8.
func declaresUTF8(doc []byte) bool {
	doc = bytes.TrimPrefix(doc, []byte("\xef\xbb\xbf"))
	doc = bytes.TrimLeft(doc, " \t\r\n")
	if len(doc) == 0 || doc[0] != '<' {
		return false
	}
	if !bytes.HasPrefix(doc, []byte("<?xml")) {
		return true
	}
	decl, _, ok := bytes.Cut(doc, []byte("?>"))
	if !ok {
		return true
	}
	_, enc, ok := bytes.Cut(decl, []byte("encoding"))
	if !ok {
		return true
	}
	enc = bytes.TrimLeft(enc, " \t\r\n=")
	enc = bytes.Trim(enc, " \t\r\n\"'")
	if i := bytes.IndexAny(enc, "\"' \t"); i >= 0 {
		enc = enc[:i]
	}
	e := strings.ToLower(string(enc))
	return e == "utf-8" || e == "utf8"
}
