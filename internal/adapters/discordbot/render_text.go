package discordbot

import (
	"net"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// Discord markdown, as the client parses it in message content, embed
// descriptions, field values, titles and field names:
//   - inline: \ escapes any ASCII punctuation; * _ ~ ` | delimit bold,
//     italics, strike-through, code and spoilers; [text](url) is a link;
//     <@id>, <#id>, <t:…>, <:emoji:id> and <url> are tokens.
//   - at the start of a line: "# ", "## ", "### " headings, "-# " subtext,
//     "> " and ">>> " quotes, "- " / "* " and "1. " list items.
//   - bare http(s) URLs become links; a backslash inside one ends it.
//
// Author names and footers are shown as written (no markdown), so they
// are never escaped.

// inlineSpecial are the characters escaped anywhere outside a bare URL.
const inlineSpecial = "\\*_~`|[]<"

// bareURL finds the URLs Discord turns into links by itself.
var bareURL = regexp.MustCompile(`https?://[^\s<]+`)

// lineStart matches the markers Discord reads at the start of a line:
// headings, subtext, quotes and list items (after optional indentation).
var lineStart = regexp.MustCompile(`^[ \t]*(?:#{1,3}[ \t]|-#[ \t]|>|[-*+][ \t]|\d+\.[ \t])`)

// escapeMarkdown makes s display as written in Discord markdown: every
// character Discord would read as formatting, a link or a mention token is
// preceded by a backslash (which Discord hides), line-start markers
// (headings, subtext, quotes, lists) are neutralised, and bare URLs are
// left untouched so they stay working links.
func escapeMarkdown(s string) string {
	if s == "" {
		return ""
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		escapeLine(&b, line)
	}
	return b.String()
}

// escapeLine writes one line of escapeMarkdown.
func escapeLine(b *strings.Builder, line string) {
	if m := lineStart.FindString(line); m != "" {
		// Escape the marker's first punctuation character; "1." gets its
		// dot escaped. Inline characters among them are escaped below.
		j := strings.IndexFunc(m, func(r rune) bool { return r != ' ' && r != '\t' })
		if line[j] >= '0' && line[j] <= '9' {
			j = strings.IndexByte(m, '.')
		}
		if !strings.ContainsRune(inlineSpecial, rune(line[j])) {
			b.WriteString(line[:j])
			b.WriteByte('\\')
			line = line[j:]
		}
	}
	last := 0
	for _, loc := range bareURL.FindAllStringIndex(line, -1) {
		escapeInline(b, line[last:loc[0]])
		b.WriteString(line[loc[0]:loc[1]])
		last = loc[1]
	}
	escapeInline(b, line[last:])
}

func escapeInline(b *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(inlineSpecial, s[i]) >= 0 {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
}

// uriPath holds the bytes allowed unescaped in an RFC 3986 path, query or
// fragment (unreserved, sub-delims, ":", "@", "/", "?").
var uriPath = func() (t [256]bool) {
	for _, c := range "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/?" {
		t[c] = true
	}
	return t
}()

// encodeURIPart percent-encodes every byte of s that RFC 3986 does not
// allow in a path, query or fragment, keeping valid %XX escapes.
func encodeURIPart(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case uriPath[c]:
			b.WriteByte(c)
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// safeURL returns u as a valid absolute http(s) URI (RFC 3986, ASCII only)
// of at most max bytes, or "" when it cannot be one: the host is converted
// to its IDNA (punycode) form and the path, query and fragment are
// percent-encoded. Discord refuses a whole message over one malformed
// embed URL, so a link that cannot be made valid is dropped instead.
func safeURL(u string, max int) string {
	u = strings.TrimSpace(u)
	if u == "" || len(u) > 4*max || !utf8.ValidString(u) || strings.ContainsAny(u, "\t\r\n") {
		return ""
	}
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.User != nil || p.Opaque != "" {
		return ""
	}
	host := p.Hostname()
	if host == "" {
		return ""
	}
	if ip := net.ParseIP(host); ip != nil {
		if ip.To4() == nil {
			host = "[" + ip.String() + "]"
		}
	} else {
		host, err = idna.Lookup.ToASCII(host)
		if err != nil || host == "" {
			return ""
		}
	}
	if port := p.Port(); port != "" {
		host += ":" + port
	}
	var b strings.Builder
	b.WriteString(p.Scheme + "://" + host)
	b.WriteString(encodeURIPart(p.EscapedPath()))
	if p.RawQuery != "" || p.ForceQuery {
		b.WriteString("?" + encodeURIPart(p.RawQuery))
	}
	if p.Fragment != "" {
		b.WriteString("#" + encodeURIPart(p.EscapedFragment()))
	}
	out := b.String()
	if len(out) > max {
		return ""
	}
	return out
}
