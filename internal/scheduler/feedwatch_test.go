package scheduler_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/scheduler"
	"github.com/newsdigest/bot/internal/scheduler/schedulertest"
)

// TestFeedHealthNoticesOnceEach: a workspace feed failing from the moment
// it was added is reported once, to the channel it was added in, a day
// later (not at every check, not again the next day); its recovery on the
// second day is reported once. The daily digest of the same channel runs
// alongside on both days.
func TestFeedHealthNoticesOnceEach(t *testing.T) {
	ctx := context.Background()
	clk := schedulertest.NewClock(utc("2026-03-09T10:00:00Z"))
	st := openSQLite(t, 1)[0]
	svc := digest.NewService(st, nil, clk, nil, digest.Config{})
	feed := digest.WorkspaceFeed{Platform: "slack", Workspace: "T1", URL: "https://broken.example/rss", Title: "Broken News",
		ChannelID: "C7", AddedBy: "U1", AddedAt: clk.Now()}
	if err := st.AddWorkspaceFeed(ctx, &feed, 10); err != nil {
		t.Fatal(err)
	}
	s := sched("UTC", 8, 0)
	s.ID, s.CreatedAt = 0, clk.Now()
	if err := st.PutSchedule(ctx, &s); err != nil {
		t.Fatal(err)
	}
	pub := &schedulertest.Publisher{Clock: clk}
	pubs := map[string]digest.Publisher{"slack": pub}
	sc := scheduler.New(scheduler.Config{Owner: "a"}, st, func(ctx context.Context, s digest.Schedule, since, now time.Time) (digest.Reply, []digest.DeliveredStory, error) {
		return svc.ComposeDaily(ctx, s, since, now)
	}, pubs, clk, nil)

	failing := digest.FeedState{URL: feed.URL, LastError: "fetch feed: http status 404", Failures: 1}
	recoverAt := utc("2026-03-11T09:00:00Z")
	for end := utc("2026-03-11T23:00:00Z"); !clk.Now().After(end); clk.Advance(30 * time.Minute) {
		state := failing
		state.LastPoll = clk.Now()
		if !clk.Now().Before(recoverAt) {
			state = digest.FeedState{URL: feed.URL, LastPoll: clk.Now(), LastSuccess: clk.Now()}
		}
		if err := st.PutFeedState(ctx, state); err != nil {
			t.Fatal(err)
		}
		if err := sc.RunDue(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.CheckFeedHealth(ctx, pubs); err != nil {
			t.Fatal(err)
		}
	}

	var notices []schedulertest.Post
	digests := 0
	for _, p := range pub.Posts() {
		if p.Reply.Kind == digest.ReplyDaily {
			digests++
			continue
		}
		notices = append(notices, p)
	}
	if digests != 2 {
		t.Errorf("%d daily digests over the two days, want 2", digests)
	}
	if len(notices) != 2 {
		t.Fatalf("%d notices, want one failure and one recovery: %+v", len(notices), notices)
	}
	fail, rec := notices[0], notices[1]
	if fail.Channel.ChannelID != "C7" || !strings.Contains(fail.Reply.Text, "failing for over a day") ||
		!strings.Contains(fail.Reply.Text, "not at that address any more") || !strings.Contains(fail.Reply.Text, "/feeds remove 1") {
		t.Errorf("failure notice = %+v", fail)
	}
	if !fail.At.Equal(utc("2026-03-10T10:00:00Z")) {
		t.Errorf("failure notice at %v, want a day after the feed was added", fail.At)
	}
	if rec.Channel.ChannelID != "C7" || !strings.Contains(rec.Reply.Text, "works again") || !rec.At.Equal(recoverAt) {
		t.Errorf("recovery notice = %+v", rec)
	}
}

// A notice the platform refused is sent at the next check.
func TestFeedHealthNoticeRetriedAfterPublishFailure(t *testing.T) {
	ctx := context.Background()
	clk := schedulertest.NewClock(utc("2026-03-09T10:00:00Z"))
	st := openSQLite(t, 1)[0]
	svc := digest.NewService(st, nil, clk, nil, digest.Config{})
	feed := digest.WorkspaceFeed{Platform: "discord", Workspace: "G1", URL: "https://broken.example/rss", ChannelID: "C1", AddedAt: clk.Now()}
	if err := st.AddWorkspaceFeed(ctx, &feed, 10); err != nil {
		t.Fatal(err)
	}
	if err := st.PutFeedState(ctx, digest.FeedState{URL: feed.URL, LastError: "fetch feed: timed out after 30s"}); err != nil {
		t.Fatal(err)
	}
	clk.Advance(25 * time.Hour)
	pub := &schedulertest.Publisher{Clock: clk, Func: func(_ context.Context, n int, _ digest.Channel, _ digest.Reply, _ string) error {
		if n == 1 {
			return errors.New("discord: missing access")
		}
		return nil
	}}
	pubs := map[string]digest.Publisher{"discord": pub}
	if _, err := svc.CheckFeedHealth(ctx, pubs); err == nil {
		t.Fatal("first check: want the publish error")
	}
	for range 3 {
		if _, err := svc.CheckFeedHealth(ctx, pubs); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(pub.Posts()); n != 1 {
		t.Errorf("%d notices posted, want 1 (retried once after the failure)", n)
	}
}
