package feeds

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/newsdigest/bot/internal/digest/urls"
)

type opmlDoc struct {
	XMLName xml.Name      `xml:"opml"`
	Body    []opmlOutline `xml:"body>outline"`
}

type opmlOutline struct {
	XMLURL   string        `xml:"xmlUrl,attr"`
	Outlines []opmlOutline `xml:"outline"`
}

// ParseOPML returns the feed URLs (xmlUrl attributes) of an OPML
// subscription list, outlines nested at any depth, in document order
// without repeats. It fails on malformed XML, a document that is not OPML,
// or an xmlUrl that is not an absolute http(s) URL.
func ParseOPML(r io.Reader) ([]string, error) {
	var doc opmlDoc
	dec := xml.NewDecoder(r)
	dec.Strict = true
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("parse OPML: %w", err)
	}
	var out []string
	seen := make(map[string]bool)
	var walk func([]opmlOutline) error
	walk = func(list []opmlOutline) error {
		for _, o := range list {
			if u := strings.TrimSpace(o.XMLURL); u != "" {
				if err := checkFeedURL(u); err != nil {
					return fmt.Errorf("parse OPML: %w", err)
				}
				if !seen[u] {
					seen[u] = true
					out = append(out, u)
				}
			}
			if err := walk(o.Outlines); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(doc.Body); err != nil {
		return nil, err
	}
	return out, nil
}

// ReadFeedList reads one feed URL per line. Blank lines and lines starting
// with # are ignored, as is anything after " #" on a line. URLs are
// returned in order without repeats; a line that is not an absolute
// http(s) URL fails with its line number.
func ReadFeedList(r io.Reader) ([]string, error) {
	var out []string
	seen := make(map[string]bool)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 64<<10)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if i := strings.Index(line, " #"); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := checkFeedURL(line); err != nil {
			return nil, fmt.Errorf("feed list line %d: %w", n, err)
		}
		if !seen[line] {
			seen[line] = true
			out = append(out, line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read feed list: %w", err)
	}
	return out, nil
}

func checkFeedURL(s string) error {
	if _, ok := urls.ParseHTTP(s); !ok {
		return fmt.Errorf("not an http(s) feed URL: %q", urls.Redact(s))
	}
	return nil
}
