package slackbot

import (
	"net/url"
	"strings"
	"time"
	"unicode"

	"github.com/slack-go/slack"

	"github.com/newsdigest/bot/internal/textfit"
)

// Styles of rich-text elements.
var (
	bold   = &slack.RichTextSectionTextStyle{Bold: true}
	italic = &slack.RichTextSectionTextStyle{Italic: true}
	code   = &slack.RichTextSectionTextStyle{Code: true}
)

// dateFormat is how Slack shows a date element, in each reader's own zone.
const dateFormat = "{date_short_pretty} at {time}"

// richText builds one rich_text block. Its text elements are shown
// exactly as written: Slack applies no mrkdwn to them and turns nothing
// in them into a mention or a link, so article text goes here (with links
// and dates as elements of their own) rather than into mrkdwn.
type richText struct {
	els     []slack.RichTextElement        // finished sections, quotes and lists
	cur     []slack.RichTextSectionElement // the open section
	n       int                            // characters of text, labels and dates
	visible bool                           // holds something other than white space
}

func newRichText() *richText { return &richText{} }

// text appends s with style st (nil: plain).
func (r *richText) text(s string, st *slack.RichTextSectionTextStyle) *richText {
	if s == "" {
		return r
	}
	r.n += textfit.Len(s)
	if strings.TrimFunc(s, unicode.IsSpace) != "" {
		r.visible = true
	}
	// Runs of one style are one element, which keeps the JSON small.
	if n := len(r.cur); n > 0 {
		if last, ok := r.cur[n-1].(*slack.RichTextSectionTextElement); ok && last.Style == st {
			last.Text += s
			return r
		}
	}
	r.cur = append(r.cur, slack.NewRichTextSectionTextElement(s, st))
	return r
}

// link appends label linked to u when u is a safe http(s) URL, and the
// label as text otherwise.
func (r *richText) link(u, label string, st *slack.RichTextSectionTextStyle) *richText {
	if strings.TrimSpace(label) == "" {
		label = hostOf(u)
	}
	if !safeURL(u) {
		return r.text(label, st)
	}
	r.cur = append(r.cur, slack.NewRichTextSectionLinkElement(u, label, st))
	r.n += textfit.Len(label) + textfit.Len(u)
	r.visible = true
	return r
}

// date appends t as a date element, shown in each reader's time zone, with
// a UTC fallback.
func (r *richText) date(t time.Time) *richText {
	fb := plainDate(t)
	r.cur = append(r.cur, slack.NewRichTextSectionDateElement(t.Unix(), dateFormat, nil, &fb))
	r.n += textfit.Len(fb)
	r.visible = true
	return r
}

// flush closes the open section.
func (r *richText) flush() {
	if len(r.cur) > 0 {
		r.els = append(r.els, slack.NewRichTextSection(r.cur...))
		r.cur = nil
	}
}

// section writes fn's elements as a section of their own.
func (r *richText) section(fn func(*richText)) *richText {
	r.flush()
	fn(r)
	r.flush()
	return r
}

// quote writes fn's elements as a quotation.
func (r *richText) quote(fn func(*richText)) *richText {
	r.flush()
	fn(r)
	if len(r.cur) > 0 {
		r.els = append(r.els, &slack.RichTextQuote{Type: slack.RTEQuote, Elements: r.cur})
		r.cur = nil
	}
	return r
}

// list appends items as a bulleted list, one item per builder (their open
// sections only).
func (r *richText) list(items []*richText) *richText {
	r.flush()
	var secs []slack.RichTextElement
	for _, it := range items {
		if len(it.cur) == 0 {
			continue
		}
		secs = append(secs, slack.NewRichTextSection(it.cur...))
		r.n += it.n
		r.visible = r.visible || it.visible
	}
	if len(secs) > 0 {
		r.els = append(r.els, slack.NewRichTextList(slack.RTEListBullet, 0, secs...))
	}
	return r
}

// chars is how many characters of text, labels, URLs and dates r holds.
func (r *richText) chars() int { return r.n }

// empty reports whether nothing visible was written.
func (r *richText) empty() bool { return !r.visible }

// block returns the rich_text block, or nil when it would show nothing.
func (r *richText) block() slack.Block {
	r.flush()
	if r.empty() {
		return nil
	}
	return slack.NewRichTextBlock("", r.els...)
}

// hostOf is the host of u, or "link".
func hostOf(u string) string {
	if p, err := url.Parse(u); err == nil && p.Host != "" {
		return p.Host
	}
	return "link"
}
