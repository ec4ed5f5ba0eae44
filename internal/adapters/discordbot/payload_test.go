package discordbot

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/newsdigest/bot/internal/digest"
)

// hostileText is article text with everything Discord could misread:
// markdown at line starts and inline, mention and link syntax, non-Latin
// scripts, emoji and a bare URL.
const hostileText = "# Breaking -# small > quoted 1. listed **bold** __under__ ~~gone~~ `code` ||spoiler|| " +
	"[click](https://evil.example) @everyone @here <@123> <#456> <t:1:R> 日本語のニュース مرحبا بالعالم Ελληνικά 😀👩‍👩‍👧 " +
	"https://example.com/a_b_c*d "

// hostileURLs are links that are not plain ASCII or not valid as they are.
var hostileURLs = []string{
	"https://例え.jp/パス/記事",
	"https://münchen.de/straße?q=größe#teil",
	"https://example.com/a b`c|d[e]",
	"https://example.com/(paren)_x",
	"javascript:alert(1)",
	"https://example.com/" + strings.Repeat("長", 900),
}

func repeatTo(s string, n int) string {
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(s)
	}
	return b.String()
}

// hostileDigest is the largest and most hostile story: a 4,000-character
// title, long summary lines starting with markdown, long quotes, 20 related
// headlines with odd URLs and many outlets.
func hostileDigest(i int) digest.Digest {
	d := digest.Digest{
		Title: repeatTo(hostileText, 4000), Source: hostileText, URL: hostileURLs[i%len(hostileURLs)],
		Published: published, Language: "ja", Sample: i%2 == 1, Updated: i%3 == 2,
	}
	for j := range 4 {
		d.Summary = append(d.Summary, fmt.Sprintf("%s\n# line %d\n-# sub\n> q\n- item\n%s", hostileText, j, repeatTo(hostileText, 1500)))
	}
	for j := range 5 {
		d.Quotes = append(d.Quotes, digest.Quote{Text: repeatTo(hostileText, 2000), Speaker: fmt.Sprintf("**Ana_%d** <@1> %s", j, hostileText), Cue: "said"})
	}
	for j := range 20 {
		d.Related = append(d.Related, digest.Headline{Title: repeatTo(hostileText, 500), URL: hostileURLs[j%len(hostileURLs)],
			Source: hostileText, SameStory: j%2 == 0})
	}
	for range 30 {
		d.Outlets = append(d.Outlets, hostileText)
	}
	return d
}

func hostileReplies() map[string]digest.Reply {
	d := hostileDigest(0)
	r := map[string]digest.Reply{
		"digest": {Kind: digest.ReplyDigest, Query: hostileText, Text: hostileText, Digest: &d},
		"text":   {Kind: digest.ReplyText, Text: repeatTo(hostileText+"\n", 10000), Suggestions: []string{hostileText, "`x`"}},
	}
	daily := digest.Reply{Kind: digest.ReplyDaily, Topics: []string{"# ai", hostileText}, Text: "Daily digest: # ai, " + hostileText,
		Empty: []string{hostileText}}
	for i := range 12 {
		daily.Stories = append(daily.Stories, hostileDigest(i))
	}
	r["daily"] = daily
	quotes := digest.Reply{Kind: digest.ReplyQuotes, Query: hostileText}
	for i := range 30 {
		quotes.Quotes = append(quotes.Quotes, digest.QuoteHit{Quote: digest.Quote{Text: repeatTo(hostileText, 3000), Speaker: hostileText, Cue: hostileText},
			Title: repeatTo(hostileText, 600), Source: hostileText, URL: hostileURLs[i%len(hostileURLs)], Published: published, Outlets: i})
	}
	r["quotes"] = quotes
	scheds := digest.Reply{Kind: digest.ReplySchedules, Text: hostileText}
	for i := range 60 {
		scheds.Schedules = append(scheds.Schedules, digest.Schedule{ID: int64(i + 1), Topics: []string{hostileText, "# x"},
			TimeZone: "Asia/Tokyo", Hour: 8, MaxStories: 5, LastError: repeatTo(hostileText, 900)})
	}
	r["schedules"] = scheds
	return r
}

// lineMarkup finds a line that Discord would read as a heading, subtext,
// quote or list item.
var lineMarkup = regexp.MustCompile(`(?m)^[ \t]*(?:#{1,3}[ \t]|-#[ \t]|>|[-*+][ \t]|\d+\.[ \t])`)

// sentBody is the part of a message-create or webhook body we check.
type sentBody struct {
	Content         *string                   `json:"content"`
	Embeds          []*discordgo.MessageEmbed `json:"embeds"`
	AllowedMentions *struct {
		Parse []string `json:"parse"`
	} `json:"allowed_mentions"`
}

// checkBody fails t when one outgoing body breaks a documented Discord
// limit, holds an invalid URL, may ping someone or holds article text
// Discord would read as line markup.
func checkBody(t *testing.T, what string, raw []byte) {
	t.Helper()
	var b sentBody
	if err := json.Unmarshal(raw, &b); err != nil {
		t.Fatalf("%s: body is not JSON: %v", what, err)
	}
	content := ""
	if b.Content != nil {
		content = *b.Content
	}
	for _, p := range checkMessage(content, b.Embeds) {
		t.Errorf("%s: %s", what, p)
	}
	if b.AllowedMentions == nil || len(b.AllowedMentions.Parse) != 0 {
		t.Errorf("%s: allowed_mentions does not block every mention", what)
	}
	texts := []string{content}
	for _, e := range b.Embeds {
		texts = append(texts, e.Title, e.Description)
		for _, f := range e.Fields {
			texts = append(texts, f.Name, f.Value)
		}
	}
	for _, s := range texts {
		for _, line := range lineMarkup.FindAllString(s, -1) {
			if strings.HasPrefix(strings.TrimSpace(line), "-#") && strings.Contains(s, "-# run ") {
				continue // the run tag is the bot's own small print
			}
			t.Errorf("%s: a line starts with markup %q in %q", what, line, s[:min(len(s), 80)])
		}
	}
}

// TestHostilePayloads publishes and answers with the largest and most
// hostile replies and checks every body that reaches Discord.
func TestHostilePayloads(t *testing.T) {
	for name, r := range hostileReplies() {
		t.Run(name, func(t *testing.T) {
			f := newFakeDiscord(t)
			a, _ := newTestAdapter(t, f, &fakeHandler{handle: func(digest.Command) (digest.Reply, error) { return r, nil }}, Config{})
			if err := a.Publish(context.Background(), digest.Channel{Platform: Platform, ChannelID: "c1"}, r, "sched-1-2026-11-26"); err != nil {
				t.Fatal(err)
			}
			var i discordgo.Interaction
			if err := json.Unmarshal([]byte(interactionJSON("i1", "tok1", "g1", 0, `{"name":"news","type":1,"options":[{"name":"topic","type":3,"value":"x"}]}`)), &i); err != nil {
				t.Fatal(err)
			}
			a.answer(context.Background(), &i, digest.Command{Name: digest.CmdNews, Args: "x"}, false)
			n := 0
			for _, req := range f.requestsLog() {
				if req.Method == "POST" && strings.HasSuffix(req.Path, "/messages") || req.Method == "PATCH" ||
					req.Method == "POST" && strings.HasPrefix(req.Path, "/api/v9/webhooks/") {
					checkBody(t, req.String(), req.Body)
					n++
				}
			}
			if n < 2 {
				t.Errorf("only %d bodies sent", n)
			}
		})
	}
}

// requestsLog returns every REST call received so far.
func (f *fakeDiscord) requestsLog() []request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]request(nil), f.reqs...)
}
