// Package feedparse reads news feed documents (RSS, Atom, JSON Feed) into
// articles: pure work on bytes, no network. The feed poller
// (internal/adapters/feeds) and the local-files reader both use it, so
// neither imports the other.
//
// It imports the core (internal/digest) and gofeed, never an adapter.
package feedparse

import (
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/digest/urls"
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
// Anything that is not a feed fails with an error wrapping ErrMalformed.
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
	gf, err := gofeed.NewParser().Parse(r)
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
		Title:    cleanSpace(htmlToText(gf.Title)),
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
			Title:    cleanSpace(htmlToText(it.Title)),
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
			if n := cleanSpace(p.Name); n != "" {
				return n
			}
		}
	}
	if it.DublinCoreExt != nil && len(it.DublinCoreExt.Creator) > 0 {
		return cleanSpace(it.DublinCoreExt.Creator[0])
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
