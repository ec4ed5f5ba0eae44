// Package digesttest holds replies of the core that every platform's
// golden rendering tests share, so that a new kind of answer is rendered
// on Slack, Discord and the console from the same input. It imports only
// internal/digest.
package digesttest

import (
	"time"

	"github.com/newsdigest/bot/internal/digest"
)

// Now is the fixed time of the replies.
var Now = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

// SourceReplies are the answers about sources, filters and first runs:
// /feeds list, a notice under an answer, /digest preview, a digest list
// with filters, the help for free text.
func SourceReplies() map[string]digest.Reply {
	feeds := []digest.WorkspaceFeed{
		{ID: 1, Platform: "slack", Workspace: "T1", URL: "https://news.example/rss", Title: "Example News", ChannelID: "C1", AddedAt: Now.Add(-72 * time.Hour),
			State: digest.FeedState{URL: "https://news.example/rss", LastSuccess: Now.Add(-2 * time.Hour), Articles: 42}},
		{ID: 2, Platform: "slack", Workspace: "T1", URL: "https://broken.example/feed.xml", Title: "Broken <Daily> & *Co*", ChannelID: "C1", AddedAt: Now.Add(-48 * time.Hour),
			State: digest.FeedState{URL: "https://broken.example/feed.xml", LastError: "fetch feed: http status 404", Failures: 9}},
		{ID: 3, Platform: "slack", Workspace: "T1", URL: "https://new.example/atom", ChannelID: "C1", AddedAt: Now},
	}
	text := "News sources of this workspace (3 of at most 100)"
	for _, f := range feeds {
		text += "\n" + digest.FeedLine(f, Now)
	}
	d := digest.Digest{Title: "Water deal for the north (SAMPLE)", Source: "Sample Herald", URL: "https://samples.example/h/water",
		Published: Now.Add(-3 * time.Hour), Language: "en", Sample: true, Outlets: []string{"Sample Herald"},
		Summary: []string{"A water agreement was reached on Tuesday."}}
	return map[string]digest.Reply{
		"feeds_list": {Kind: digest.ReplyText, Text: text, Feeds: feeds, Ephemeral: true},
		"feeds_added": {Kind: digest.ReplyText,
			Text: "Added feed #4: Example News (found on https://news.example/) — 12 items now; new articles arrive within a few minutes.\nhttps://news.example/rss"},
		"notice_digest": {Kind: digest.ReplyDigest, Query: "mexico", Digest: &d, Notice: digest.NoticeSamples},
		"notice_text": {Kind: digest.ReplyText, Query: "volcanoes", Text: `No stories about "volcanoes" yet.`,
			Notice: "None of the 6 news sources has been read successfully yet: /feeds list says why."},
		"preview": {Kind: digest.ReplyText, Ephemeral: true, Text: "Preview of daily digest #1 (nothing is posted): mexico at 08:00 CET, up to 1 story, lang:en\n" +
			"It would post 1 story:\n1. Peso steadies as Mexico's central bank holds rates — Markets Daily\nLeft out:\n" +
			"• Water deal for Mexico's north — Herald: already delivered here 27 Nov 08:00 UTC\n" +
			"• México y sus vecinos pactan un plan de agua — Diario: filtered: in Spanish\n" +
			"• Chipmaker picks northern Mexico — Tech Wire: older than the digest's 24-hour window (25 Nov 13:26 UTC)"},
		"schedules_filters": {Kind: digest.ReplySchedules, Text: "Daily digests in this channel (1)", Schedules: []digest.Schedule{
			{ID: 5, Topics: []string{"mexico"}, Hour: 8, TimeZone: "CET", MaxStories: 5,
				Filter: digest.Filter{Lang: "es", Exclude: []string{"football"}, SkipOutlets: []string{"fox news"}, OwnFeeds: true}},
		}},
		"help_free_text": {Kind: digest.ReplyText, Ephemeral: true,
			Text: "I answer commands, and questions about quotes such as: who said \"a wetter century\"?\n\n" + digest.HelpText},
	}
}
