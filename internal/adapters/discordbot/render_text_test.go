package discordbot

import (
	"regexp"
	"strings"
	"testing"

	"github.com/newsdigest/bot/internal/digest"
)

func TestEscapeMarkdown(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "Mexico rejects troops", "Mexico rejects troops"},
		{"heading", "# Breaking news", `\# Breaking news`},
		{"heading 3", "### Breaking", `\### Breaking`},
		{"heading on a later line", "first\n## second", "first\n\\## second"},
		{"subtext", "-# small print", `\-# small print`},
		{"quote", "> quoted", `\> quoted`},
		{"list dash", "- item", `\- item`},
		{"list star", "* item", `\* item`},
		{"numbered list", "1. item", `1\. item`},
		{"hash mid-line", "we're #1 in polls", "we're #1 in polls"},
		{"hashtag at start", "#MeToo movement", "#MeToo movement"},
		{"bold and italics", "*bold* _it_ ~~s~~ `c` ||spoiler||", `\*bold\* \_it\_ \~\~s\~\~ \` + "`c\\` " + `\|\|spoiler\|\|`},
		{"masked link", "[click](https://evil.example)", `\[click\](https://evil.example)`},
		{"mention tokens", "<@123> <#456> <t:1:R> <:e:7>", `\<@123> \<#456> \<t:1:R> \<:e:7>`},
		{"backslash", `a\b`, `a\\b`},
		{"bare URL kept whole", "see https://example.com/a_b_c*d~e and _this_", "see https://example.com/a_b_c*d~e and \\_this\\_"},
		{"URL at line start", "https://example.com/x_y", "https://example.com/x_y"},
		{"non-Latin", "日本の*首相*", `日本の\*首相\*`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := escapeMarkdown(tc.in); got != tc.want {
				t.Errorf("escapeMarkdown(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// validURI is a strict RFC 3986 check of an absolute http(s) URI: ASCII
// only, every other byte percent-encoded (what the OpenAPI format "uri"
// accepts).
var validURI = regexp.MustCompile(`^https?://(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.?|\[[0-9A-Fa-f:.]+\])(?::[0-9]+)?` +
	`(?:/(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})*)*` +
	`(?:\?(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*)?` +
	`(?:#(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*)?$`)

func TestSafeURL(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"https://example.com/a?x=1#f", "https://example.com/a?x=1#f"},
		{"https://例え.jp/パス/記事", "https://xn--r8jz45g.jp/%E3%83%91%E3%82%B9/%E8%A8%98%E4%BA%8B"},
		{"https://münchen.de/straße?q=größe", "https://xn--mnchen-3ya.de/stra%C3%9Fe?q=gr%C3%B6%C3%9Fe"},
		{"https://example.com/a`b c", "https://example.com/a%60b%20c"},
		{"https://example.com/a%20b", "https://example.com/a%20b"},
		{"https://example.com/a|b?x=[1]", "https://example.com/a%7Cb?x=%5B1%5D"},
		{"http://[::1]:8080/x", "http://[::1]:8080/x"},
		{"javascript:alert(1)", ""},
		{"https://user:pw@example.com/", ""},
		{"https:///nohost", ""},
		{"ftp://example.com/", ""},
		{"https://exa mple.com/", ""},
		{"https://example.com/" + strings.Repeat("x", 3000), ""},
	}
	for _, tc := range tests {
		got := safeURL(tc.in, maxEmbedURL)
		if got != tc.want {
			t.Errorf("safeURL(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if got != "" && !validURI.MatchString(got) {
			t.Errorf("safeURL(%q) = %q is not a valid URI", tc.in, got)
		}
	}
}

// TestNonASCIIURLsKeepTheMessage: a story whose links are not plain ASCII
// is still rendered, with valid links.
func TestNonASCIIURLsKeepTheMessage(t *testing.T) {
	d := digest.Digest{Title: "記事", URL: "https://例え.jp/パス/記事 `x`", Summary: []string{"本文。"},
		Related: []digest.Headline{{Title: "Otro", URL: "https://ejemplo.es/año/niño (1)", Source: "El País"}}}
	msgs := render(digest.Reply{Kind: digest.ReplyDigest, Digest: &d})
	assertWithinLimits(t, msgs)
	e := msgs[0].Embeds[0]
	if e.URL != "https://xn--r8jz45g.jp/%E3%83%91%E3%82%B9/%E8%A8%98%E4%BA%8B%20%60x%60" {
		t.Errorf("embed URL = %q", e.URL)
	}
	if want := "(https://ejemplo.es/a%C3%B1o/ni%C3%B1o%20%281%29)"; !strings.Contains(e.Fields[0].Value, want) {
		t.Errorf("related link %q lacks %q", e.Fields[0].Value, want)
	}
}

// TestQuotesLeaveRoomForHeadlines: long quotes no longer use up the embed
// so that related headlines vanish; what is cut is counted.
func TestQuotesLeaveRoomForHeadlines(t *testing.T) {
	d := *sampleDigest()
	d.Quotes = nil
	for range 3 {
		d.Quotes = append(d.Quotes, digest.Quote{Text: strings.Repeat("a long quoted sentence ", 70), Speaker: "Speaker"})
	}
	d.Related = nil
	for i := range 20 {
		d.Related = append(d.Related, digest.Headline{Title: "Related headline number " + strings.Repeat("x", i), URL: "https://example.com/r", Source: "Outlet", SameStory: i < 5})
	}
	e := render(digest.Reply{Kind: digest.ReplyDigest, Digest: &d})[0].Embeds[0]
	quotes, links := 0, 0
	for _, f := range e.Fields {
		if strings.HasPrefix(f.Name, "— ") {
			quotes++
		} else {
			links += strings.Count(f.Value, "\n") + 1
		}
	}
	if quotes != 3 || links < 8 {
		t.Errorf("shown %d quotes and %d headlines; want 3 quotes and at least 8 headlines", quotes, links)
	}
	if want := " more headlines not shown"; links < 20 && !strings.Contains(e.Footer.Text, want) {
		t.Errorf("footer %q does not say what was cut", e.Footer.Text)
	}
}

// TestArticleTextEscaped: titles, speaker names, summaries and user topics
// in the daily heading display as written.
func TestArticleTextEscaped(t *testing.T) {
	d := digest.Digest{Title: "*Bold* claim_s", URL: "https://example.com/a", Summary: []string{"# Not a heading", "https://example.com/a_b_c"},
		Quotes: []digest.Quote{{Text: "q", Speaker: "__Ana__"}}}
	e := render(digest.Reply{Kind: digest.ReplyDigest, Digest: &d})[0].Embeds[0]
	if e.Title != `\*Bold\* claim\_s` {
		t.Errorf("title = %q", e.Title)
	}
	if e.Fields[0].Name != `— \_\_Ana\_\_` {
		t.Errorf("speaker = %q", e.Fields[0].Name)
	}
	if e.Description != `\# Not a heading https://example.com/a_b_c` {
		t.Errorf("description = %q", e.Description)
	}
	daily := digest.Reply{Kind: digest.ReplyDaily, Topics: []string{"# ai", "*x*"}, Text: "# Daily digest: *x*, <@1>",
		Stories: []digest.Digest{d}}
	if got := render(daily)[0].Content; got != `\# Daily digest: \*x\*, \<@1>` {
		t.Errorf("daily heading = %q", got)
	}
}

// FuzzEscapeMarkdown: escaped article text never starts a line with a
// heading, subtext, quote or list marker, and keeps every bare URL intact.
func FuzzEscapeMarkdown(f *testing.F) {
	for _, s := range []string{"# a", "-# b\n> c", "1. x\n - y", "see https://e.com/a_b", "*x* <@1> [a](b)", "  ### h"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := escapeMarkdown(s)
		if m := lineMarkup.FindString(got); m != "" {
			t.Fatalf("escapeMarkdown(%q) = %q: a line starts with %q", s, got, m)
		}
		for _, u := range bareURL.FindAllString(s, -1) {
			if !strings.Contains(got, u) {
				t.Fatalf("escapeMarkdown(%q) = %q broke the URL %q", s, got, u)
			}
		}
	})
}
