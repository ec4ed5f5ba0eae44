package slackbot

import (
	"strings"
	"testing"

	"github.com/slack-go/slack"

	"github.com/newsdigest/bot/internal/digest"
)

// hostile is article text full of what Slack would format, link or turn
// into a mention.
const hostile = "*bold* _it_ ~gone~ `code` #general @here @channel <!everyone> <@U123> &amp;"

// textObjects returns every text object of m by type (header, section,
// context) and every rich-text text element's text.
func textObjects(m message) (mrkdwns, plains, rich []string) {
	add := func(o *slack.TextBlockObject) {
		if o == nil {
			return
		}
		if o.Type == slack.MarkdownType {
			mrkdwns = append(mrkdwns, o.Text)
		} else {
			plains = append(plains, o.Text)
		}
	}
	richEls := func(els []slack.RichTextSectionElement) {
		for _, e := range els {
			switch x := e.(type) {
			case *slack.RichTextSectionTextElement:
				rich = append(rich, x.Text)
			case *slack.RichTextSectionLinkElement:
				rich = append(rich, x.Text)
			}
		}
	}
	for _, b := range m.Blocks {
		switch x := b.(type) {
		case *slack.HeaderBlock:
			add(x.Text)
		case *slack.SectionBlock:
			add(x.Text)
		case *slack.ContextBlock:
			for _, e := range x.ContextElements.Elements {
				if o, ok := e.(*slack.TextBlockObject); ok {
					add(o)
				}
			}
		case *slack.RichTextBlock:
			for _, el := range x.Elements {
				switch y := el.(type) {
				case *slack.RichTextSection:
					richEls(y.Elements)
				case *slack.RichTextQuote:
					richEls(y.Elements)
				case *slack.RichTextList:
					for _, it := range y.Elements {
						if s, ok := it.(*slack.RichTextSection); ok {
							richEls(s.Elements)
						}
					}
				}
			}
		}
	}
	return mrkdwns, plains, rich
}

// TestArticleTextAsWritten: article text reaches Slack only in plain_text
// objects and rich-text elements, exactly as written, never in mrkdwn
// (where *, _, ~ and backticks would format and #channel or @here could be
// linked); every mrkdwn object is verbatim.
func TestArticleTextAsWritten(t *testing.T) {
	d := digest.Digest{Title: hostile, Source: hostile, URL: "https://example.com/a", Published: published,
		Summary: []string{hostile}, Quotes: []digest.Quote{{Text: hostile, Speaker: hostile}},
		Related: []digest.Headline{{Title: hostile, URL: "https://example.com/b", Source: hostile, SameStory: true}, {Title: hostile, Source: hostile}},
		Outlets: []string{hostile, "Other"}}
	replies := map[string]digest.Reply{
		"digest": {Kind: digest.ReplyDigest, Query: hostile, Digest: &d},
		"quotes": {Kind: digest.ReplyQuotes, Query: hostile, Quotes: []digest.QuoteHit{{Quote: d.Quotes[0], Title: hostile, Source: hostile,
			URL: "https://example.com/c", Published: published, Outlets: 2}}},
		"schedules": {Kind: digest.ReplySchedules, Text: hostile, Schedules: []digest.Schedule{{ID: 1, Topics: []string{hostile},
			TimeZone: "UTC", MaxStories: 3, LastError: hostile, LastDate: "2025-01-01"}}},
		"daily": {Kind: digest.ReplyDaily, Topics: []string{hostile}, Text: hostile, Stories: []digest.Digest{d}, Empty: []string{hostile}},
		"text":  {Kind: digest.ReplyText, Text: hostile, Suggestions: []string{hostile}},
	}
	for name, r := range replies {
		t.Run(name, func(t *testing.T) {
			m := render(r)
			checkLimits(t, m)
			mrk, plain, rich := textObjects(m)
			for _, s := range mrk {
				for _, bad := range []string{"bold", "@here", "#general", "everyone", "U123", "~gone~"} {
					if strings.Contains(s, bad) {
						t.Errorf("article text %q in mrkdwn %q", bad, s)
					}
				}
			}
			found := false
			for _, s := range append(plain, rich...) {
				if strings.Contains(s, hostile) {
					found = true
				}
			}
			if !found {
				t.Errorf("article text not shown as written anywhere:\nplain %q\nrich %q", plain, rich)
			}
		})
	}
}

// TestNoBlankBlocks: text that is empty, white space or markup only never
// makes an empty section (Slack refuses the whole message with
// invalid_blocks).
func TestNoBlankBlocks(t *testing.T) {
	blank := digest.Digest{Title: "Story", Summary: []string{"   ", "\u00a0\t"}, Quotes: []digest.Quote{{Text: " ", Speaker: "***"}},
		Source: "***", Related: []digest.Headline{{Title: " ", URL: "", Source: "_"}}}
	for name, r := range map[string]digest.Reply{
		"digest":          {Kind: digest.ReplyDigest, Query: "   ", Digest: &blank},
		"quotes heading":  {Kind: digest.ReplyQuotes, Text: "***", Quotes: []digest.QuoteHit{{Quote: digest.Quote{Text: "q", Speaker: "**"}, Source: " "}}},
		"schedules":       {Kind: digest.ReplySchedules, Text: " * ", Schedules: []digest.Schedule{{ID: 2, TimeZone: "UTC"}}},
		"daily":           {Kind: digest.ReplyDaily, Text: "   ", Topics: []string{" "}, Empty: []string{"  "}, Stories: []digest.Digest{blank}},
		"text blank":      {Kind: digest.ReplyText, Text: " \n\n \t "},
		"suggestions":     {Kind: digest.ReplyText, Text: "x", Suggestions: []string{" ", "``"}},
		"daily no topics": {Kind: digest.ReplyDaily},
	} {
		t.Run(name, func(t *testing.T) { checkLimits(t, render(r)) })
	}
}
