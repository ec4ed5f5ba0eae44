package slackbot

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/digest"
)

// hostileArticle is article text with what Slack could misread: mrkdwn,
// mention and link syntax, entities, non-Latin scripts and emoji.
const hostileArticle = "*bold* _it_ ~gone~ `code` ```block``` > quoted #general @here @channel <!everyone> <!here> " +
	"<@U123> <#C1|x> <https://evil.example|click> &amp; &lt; 日本語のニュース مرحبا Ελληνικά 😀👩‍👩‍👧 :test_tube: "

// hostileLinks are links that are not plain ASCII or not usable as they are.
var hostileLinks = []string{
	"https://例え.jp/パス/記事", "https://example.com/a b", "https://example.com/a|b>c", "javascript:alert(1)",
	"https://example.com/" + strings.Repeat("x", 1200), "https://münchen.de/straße?q=1&r=2",
}

func repeatText(s string, n int) string {
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(s)
	}
	return b.String()
}

func hostileStory(i int) digest.Digest {
	d := digest.Digest{Title: repeatText(hostileArticle, 4000), Source: hostileArticle, URL: hostileLinks[i%len(hostileLinks)],
		Published: published, Sample: i%2 == 1, Updated: i%3 == 2}
	for range 4 {
		d.Summary = append(d.Summary, repeatText(hostileArticle, 1500))
	}
	for j := range 6 {
		d.Quotes = append(d.Quotes, digest.Quote{Text: repeatText(hostileArticle, 2000), Speaker: fmt.Sprintf("*Ana %d* %s", j, hostileArticle)})
	}
	for j := range 20 {
		d.Related = append(d.Related, digest.Headline{Title: repeatText(hostileArticle, 500), URL: hostileLinks[j%len(hostileLinks)],
			Source: hostileArticle, SameStory: j%2 == 0})
	}
	for range 30 {
		d.Outlets = append(d.Outlets, hostileArticle)
	}
	return d
}

func hostileSlackReplies() map[string]digest.Reply {
	d := hostileStory(0)
	r := map[string]digest.Reply{
		"digest": {Kind: digest.ReplyDigest, Query: hostileArticle, Digest: &d},
		"text":   {Kind: digest.ReplyText, Text: repeatText(hostileArticle+"\n\n", 20000), Suggestions: []string{hostileArticle, "``"}},
	}
	daily := digest.Reply{Kind: digest.ReplyDaily, Topics: []string{hostileArticle}, Text: "Daily digest: " + hostileArticle, Empty: []string{hostileArticle}}
	for i := range 25 {
		daily.Stories = append(daily.Stories, hostileStory(i))
	}
	r["daily"] = daily
	quotes := digest.Reply{Kind: digest.ReplyQuotes, Query: hostileArticle}
	for i := range 40 {
		quotes.Quotes = append(quotes.Quotes, digest.QuoteHit{Quote: digest.Quote{Text: repeatText(hostileArticle, 3000), Speaker: hostileArticle},
			Title: repeatText(hostileArticle, 600), Source: hostileArticle, URL: hostileLinks[i%len(hostileLinks)], Published: published, Outlets: i})
	}
	r["quotes"] = quotes
	scheds := digest.Reply{Kind: digest.ReplySchedules}
	for i := range 80 {
		scheds.Schedules = append(scheds.Schedules, digest.Schedule{ID: int64(i + 1), Topics: []string{hostileArticle}, TimeZone: "Asia/Tokyo",
			Hour: 8, MaxStories: 5, LastError: repeatText(hostileArticle, 900), LastDelivery: published})
	}
	r["schedules"] = scheds
	return r
}

// TestHostilePayloads sends the largest and most hostile replies through
// chat.postMessage (a scheduled digest) and a response URL (a slash
// command) and checks every message Slack receives: Block Kit limits, no
// blank block, article text never in mrkdwn, safe links only.
func TestHostilePayloads(t *testing.T) {
	for name, r := range hostileSlackReplies() {
		t.Run(name, func(t *testing.T) {
			f := newFakeSlack(t)
			h := &fakeHandler{fn: func(context.Context, digest.Command) (digest.Reply, error) { return r, nil }}
			a := newTestAdapter(t, f, h, ModeHTTP, quietLogger())
			if err := a.Publish(context.Background(), digest.Channel{Platform: Platform, ChannelID: "C1"}, r, "sched-1-2025-03-14"); err != nil {
				t.Fatal(err)
			}
			srv := httptest.NewServer(a.HTTPHandler())
			defer srv.Close()
			postSigned(t, srv, "/slack/commands", slashBody("/news", "mexico", f.srv.URL+"/response/1"), "application/x-www-form-urlencoded")
			for range 2 {
				p := f.waitPost(5 * time.Second)
				m := message{Text: p.Text, Blocks: p.Blocks}
				checkLimits(t, m)
				mrk, _, _ := textObjects(m)
				for _, s := range mrk {
					for _, bad := range []string{"@here", "#general", "everyone", "U123", "bold", "日本語"} {
						if strings.Contains(s, bad) {
							t.Errorf("%s: article text %q in mrkdwn %q", p.Path, bad, s[:min(len(s), 120)])
						}
					}
				}
			}
		})
	}
}
