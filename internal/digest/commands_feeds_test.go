package digest_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/digest"
)

// fakeChecker answers CheckFeed from a table of URLs.
type fakeChecker map[string]digest.FeedCheck

func (f fakeChecker) CheckFeed(_ context.Context, u string) (digest.FeedCheck, error) {
	c, ok := f[u]
	if !ok {
		return digest.FeedCheck{}, &digest.Error{Code: digest.CodeUsage, Message: "That address does not give an RSS, Atom or JSON feed."}
	}
	return c, nil
}

func feedsCmd(text, workspace string, manage bool) digest.Command {
	cmd, err := digest.ParseCommand(text)
	if err != nil {
		panic(err)
	}
	cmd.Platform, cmd.Workspace, cmd.ChannelID, cmd.UserID, cmd.CanManage = "discord", workspace, "C1", "U1", manage
	return cmd
}

func TestFeedsCommands(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	svc, st := newServiceStore(t, now, digest.Config{MaxWorkspaceFeeds: 2})
	svc.UseFeedChecker(fakeChecker{
		"https://news.example/rss":  {URL: "https://news.example/rss", Title: "Example News", Items: 12},
		"https://site.example/":     {URL: "https://site.example/feed.xml", Title: "Site", Items: 3},
		"https://third.example/rss": {URL: "https://third.example/rss", Title: "Third", Items: 1},
	})
	do := func(text, ws string, manage bool) (digest.Reply, error) {
		return svc.Handle(ctx, feedsCmd(text, ws, manage))
	}
	count := func(ws string) int {
		list, err := st.WorkspaceFeeds(ctx, "discord", ws)
		if err != nil {
			t.Fatal(err)
		}
		return len(list)
	}

	r, err := do("/feeds list", "G1", false)
	if err != nil || !strings.Contains(r.Text, "no news sources yet") {
		t.Fatalf("empty list = %q, %v", r.Text, err)
	}
	r, err = do("/feeds add https://news.example/rss", "G1", true)
	if err != nil || !strings.Contains(r.Text, "Added feed #") || !strings.Contains(r.Text, "Example News") || !strings.Contains(r.Text, "12 items") {
		t.Fatalf("add = %q, %v", r.Text, err)
	}
	r, err = do("/feeds add site.example/", "G1", true)
	if err != nil || !strings.Contains(r.Text, "found on https://site.example/") {
		t.Fatalf("add page = %q, %v", r.Text, err)
	}

	// Bad input: a clear answer and nothing changed.
	bad := []struct {
		text   string
		manage bool
		code   digest.ErrorCode
		msg    string
	}{
		{"/feeds add https://third.example/rss", false, digest.CodeForbidden, "Manage Channels"},
		{"/feeds add https://news.example/rss", true, digest.CodeUsage, "already has that feed"},
		{"/feeds add https://third.example/rss", true, digest.CodeUsage, "the most it may have"},
		{"/feeds add ftp://x.example/rss", true, digest.CodeUsage, "not a web address"},
		{"/feeds remove 999", true, digest.CodeNotFound, "no feed #999"},
		{"/feeds remove 1", false, digest.CodeForbidden, "Manage Channels"},
	}
	for _, b := range bad {
		_, err := do(b.text, "G1", b.manage)
		if digest.ErrorCodeOf(err) != b.code || !strings.Contains(digest.UserMessage(err), b.msg) {
			t.Errorf("%s: err = %v, want %s with %q", b.text, err, b.code, b.msg)
		}
	}
	if n := count("G1"); n != 2 {
		t.Fatalf("G1 has %d feeds after refused commands, want 2", n)
	}

	// Another server: its own list, the same URL allowed; polled once.
	if _, err := do("/feeds add https://news.example/rss", "G2", true); err != nil {
		t.Fatal(err)
	}
	urls, _ := st.WorkspaceFeedURLs(ctx)
	if len(urls) != 2 {
		t.Errorf("URLs to poll = %v, want 2 (the shared one once)", urls)
	}

	if err := st.PutFeedState(ctx, digest.FeedState{URL: "https://news.example/rss", LastSuccess: now.Add(-2 * time.Hour),
		LastError: "fetch feed: http status 404", Failures: 3}); err != nil {
		t.Fatal(err)
	}
	r, err = do("/feeds list", "G1", false)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"(2 of at most 2)", "#1 Example News — https://news.example/rss", "failing: the feed is not at that address any more",
		"last read 2h ago", "#2 Site — https://site.example/feed.xml", "not read yet"} {
		if !strings.Contains(r.Text, want) {
			t.Errorf("list lacks %q:\n%s", want, r.Text)
		}
	}
	if len(r.Feeds) != 2 {
		t.Errorf("Reply.Feeds = %d, want 2", len(r.Feeds))
	}

	r, err = do("/feeds remove 1", "G1", true)
	if err != nil || !strings.Contains(r.Text, "Removed feed #1: Example News") {
		t.Fatalf("remove = %q, %v", r.Text, err)
	}
	if n := count("G1"); n != 1 {
		t.Errorf("G1 has %d feeds after remove, want 1", n)
	}
	// Direct messages have no workspace.
	if _, err := do("/feeds list", "", true); digest.ErrorCodeOf(err) != digest.CodeUsage {
		t.Errorf("feeds in a DM: %v, want a usage error", err)
	}
}
