package slackbot

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsdigest/bot/internal/digest/urls"
	"github.com/newsdigest/bot/internal/textfit"
)

// Lengths in this file are in UTF-16 code units (textfit.Len), the
// strictest reading of Slack's limits and never less than the number of
// characters.

const ellipsis = "…"

// trimCut tidies the end of a cut before the ellipsis is added.
func trimCut(s string) string {
	return strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(",:-–—([{/", r)
	})
}

// wordCut cuts s (already known to be too long) to at most max-1 units,
// preferring the last word boundary in the final third.
func wordCut(s string, max int) string {
	cut := textfit.Prefix(s, max-1)
	if i := strings.LastIndexFunc(cut, unicode.IsSpace); i > 0 && i >= len(cut)*2/3 {
		cut = cut[:i]
	}
	return trimCut(cut)
}

var mrkdwnEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// esc escapes the three characters Slack treats as control characters in
// mrkdwn text.
func esc(s string) string { return mrkdwnEscaper.Replace(s) }

// escClip escapes plain text for mrkdwn and shortens it so that the escaped
// form is at most max units, never cutting an entity in half and ending a
// cut with "…".
func escClip(s string, max int) string {
	return textfit.EscapeShorten(s, max, esc)
}

// clipMrkdwn shortens already-composed mrkdwn to at most max units without
// leaving a half link (<url|label>) or half entity (&amp;) behind.
func clipMrkdwn(s string, max int) string {
	if textfit.Len(s) <= max {
		return s
	}
	if max < 1 {
		return ""
	}
	cut := wordCut(s, max)
	if i := strings.LastIndexByte(cut, '<'); i >= 0 && !strings.Contains(cut[i:], ">") {
		cut = trimCut(cut[:i])
	}
	if i := strings.LastIndexByte(cut, '&'); i >= 0 && !strings.Contains(cut[i:], ";") {
		cut = trimCut(cut[:i])
	}
	return cut + ellipsis
}

// maxURLChars bounds the URLs the renderer links; longer ones are shown
// without a link rather than eating the message budget.
const maxURLChars = 1000

// safeURL reports whether u can be used as a link target in mrkdwn.
func safeURL(u string) bool {
	if u == "" || len(u) > maxURLChars || strings.ContainsAny(u, " \t\r\n<>|\"") {
		return false
	}
	return urls.IsHTTP(u)
}

// plainDate is the fallback form of a date, fixed in UTC.
func plainDate(t time.Time) string {
	return t.UTC().Format("2 Jan 2006 15:04 UTC")
}

// slackDate renders t as a Slack date token, which each reader sees in their
// own time zone, with a UTC fallback. The zero time renders as "".
func slackDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return fmt.Sprintf("<!date^%d^{date_short_pretty} at {time}|%s>", t.Unix(), plainDate(t))
}

var (
	slackLinkRe     = regexp.MustCompile(`<([^<>]*)>`)
	mrkdwnUnescaper = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&")
)

// unslack turns Slack's formatted message text back into what the user
// typed: <https://x|x> and <https://x> become the URL, <@U1|name> and
// <#C1|name> become their label (or are dropped), <!here> is dropped, and
// &amp; &lt; &gt; are unescaped. Invalid UTF-8 is left for the command
// parser to reject.
func unslack(s string) string {
	s = slackLinkRe.ReplaceAllStringFunc(s, func(m string) string {
		inner := m[1 : len(m)-1]
		target, label, hasLabel := strings.Cut(inner, "|")
		switch {
		case strings.HasPrefix(target, "@"), strings.HasPrefix(target, "#"):
			if hasLabel {
				return label
			}
			return ""
		case strings.HasPrefix(target, "!"):
			return ""
		}
		return target
	})
	if strings.Contains(s, "&") {
		s = mrkdwnUnescaper.Replace(s)
	}
	if !utf8.ValidString(s) {
		return s
	}
	return strings.TrimSpace(s)
}
