// Package files reads articles from local files: plain text (with an
// optional header of "Key: value" lines), HTML pages and feed documents.
// It is the offline source behind `bot digest PATH` and `bot ingest PATH`.
package files

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsdigest/bot/internal/digest"
)

// MaxFileBytes is the largest file accepted (10 MiB).
const MaxFileBytes = 10 << 20

// ErrBinary reports input that is not text.
var ErrBinary = errors.New("input is binary, not text")

// headerKeys are the header fields a text article may start with.
var headerKeys = map[string]bool{"title": true, "source": true, "url": true, "published": true, "age": true, "language": true, "author": true, "sample": true}

// ParseText reads a plain-text article. An optional header of "Key: value"
// lines (Title, Source, URL, Published (RFC 3339), Age (a duration before
// now), Language, Author, Sample) and "# comment" lines, ended by a blank
// line, may precede the body. Line endings are normalised to "\n". Input
// that is binary or not UTF-8 is refused with a clear error.
func ParseText(data []byte, now time.Time) (digest.Article, error) {
	var a digest.Article
	if len(data) > MaxFileBytes {
		return a, fmt.Errorf("article is %d bytes, over the %d-byte limit", len(data), MaxFileBytes)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(data, 0) >= 0 {
		return a, ErrBinary
	}
	if !utf8.Valid(data) {
		return a, errors.New("article is not UTF-8 text (convert it first, e.g. iconv -t UTF-8)")
	}
	s := strings.ReplaceAll(string(data), "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	body, err := parseHeader(s, &a, now)
	if err != nil {
		return a, err
	}
	a.Body = body
	if strings.TrimSpace(a.Body) == "" {
		return a, errors.New("article has no text")
	}
	return a, nil
}

// parseHeader fills a from a leading header block and returns the rest.
// Text without a header is returned unchanged.
func parseHeader(s string, a *digest.Article, now time.Time) (string, error) {
	head, rest, found := strings.Cut(s, "\n\n")
	if !found {
		return s, nil
	}
	lines := strings.Split(head, "\n")
	fields := map[string]string{}
	for _, line := range lines {
		if strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		k = strings.ToLower(strings.TrimSpace(k))
		if !ok || !headerKeys[k] {
			return s, nil // not a header: the whole text is the body
		}
		fields[k] = strings.TrimSpace(v)
	}
	if len(fields) == 0 {
		return s, nil
	}
	a.Title, a.Source, a.URL = fields["title"], fields["source"], fields["url"]
	a.Language, a.Author = fields["language"], fields["author"]
	a.Sample = strings.EqualFold(fields["sample"], "true")
	if v := fields["published"]; v != "" {
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return "", fmt.Errorf("header Published: %q is not an RFC 3339 time", v)
		}
		a.Published = t
	}
	if v := fields["age"]; v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			return "", fmt.Errorf("header Age: %q is not a duration", v)
		}
		a.Published = now.Add(-d)
	}
	return rest, nil
}
