package feedparse

import (
	"html"
	"strings"

	xhtml "golang.org/x/net/html"

	"github.com/newsdigest/bot/internal/textclean"
)

// breakTags end one paragraph and start the next.
var breakTags = map[string]bool{
	"p": true, "div": true, "br": true, "hr": true, "li": true, "ul": true, "ol": true,
	"dl": true, "dt": true, "dd": true, "blockquote": true, "pre": true, "table": true,
	"tr": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"section": true, "article": true, "header": true, "footer": true, "figure": true,
	"figcaption": true, "aside": true, "main": true, "address": true, "details": true,
	"summary": true,
}

// skipTags hold no readable text.
var skipTags = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true, "iframe": true,
	"object": true, "svg": true, "math": true, "head": true, "title": true,
}

// htmlToText turns a feed's HTML (or plain text) into plain text: one
// paragraph per line, paragraphs separated by a blank line, white space
// collapsed, entities decoded.
func htmlToText(s string) string {
	if !strings.Contains(s, "<") {
		// Plain text: blank lines separate paragraphs.
		var paras []string
		for _, block := range splitBlankLines(html.UnescapeString(s)) {
			if t := textclean.Space(block); t != "" {
				paras = append(paras, t)
			}
		}
		return strings.Join(paras, "\n\n")
	}

	var paras []string
	var cur strings.Builder
	flush := func() {
		if t := textclean.Space(cur.String()); t != "" {
			paras = append(paras, t)
		}
		cur.Reset()
	}
	z := xhtml.NewTokenizer(strings.NewReader(s))
	skip := 0 // depth inside skipTags
	for {
		tt := z.Next()
		switch tt {
		case xhtml.ErrorToken:
			flush()
			return strings.Join(paras, "\n\n")
		case xhtml.TextToken:
			if skip == 0 {
				cur.Write(z.Text())
			}
		case xhtml.StartTagToken, xhtml.EndTagToken, xhtml.SelfClosingTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if skipTags[tag] {
				switch tt {
				case xhtml.StartTagToken:
					skip++
				case xhtml.EndTagToken:
					if skip > 0 {
						skip--
					}
				}
				continue
			}
			if breakTags[tag] {
				flush()
			} else if tag == "td" || tag == "th" || tag == "img" {
				cur.WriteByte(' ')
			}
		}
	}
}

// splitBlankLines splits s at lines holding only white space.
func splitBlankLines(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var out []string
	var cur []string
	for _, line := range strings.Split(s, "\n") {
		if strings.TrimSpace(line) == "" {
			if len(cur) > 0 {
				out = append(out, strings.Join(cur, " "))
				cur = cur[:0]
			}
			continue
		}
		cur = append(cur, line)
	}
	if len(cur) > 0 {
		out = append(out, strings.Join(cur, " "))
	}
	return out
}
