package slackbot

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"
	"golang.org/x/time/rate"

	"github.com/newsdigest/bot/internal/digest"
)

// TestPublishCarriesMetadata checks that a keyed digest carries the key as
// message metadata, and an unkeyed one none.
func TestPublishCarriesMetadata(t *testing.T) {
	f := newFakeSlack(t)
	a := newTestAdapter(t, f, &fakeHandler{}, ModeHTTP, quietLogger())
	ctx := context.Background()
	daily := digest.Reply{Kind: digest.ReplyDaily, Topics: []string{"mexico"}, Text: "digest"}

	if err := a.Publish(ctx, digest.Channel{Platform: Platform, ChannelID: "C1"}, daily, "sched-1-2026-03-10"); err != nil {
		t.Fatal(err)
	}
	p := f.waitPost(5 * time.Second)
	if p.Metadata == nil {
		t.Fatal("keyed digest posted without metadata")
	}
	if p.Metadata.EventType != MetadataEventType || p.Metadata.EventPayload[MetadataKey] != "sched-1-2026-03-10" {
		t.Errorf("metadata = %+v, want event type %q with key", *p.Metadata, MetadataEventType)
	}

	if err := a.Publish(ctx, digest.Channel{Platform: Platform, ChannelID: "C2"}, daily, ""); err != nil {
		t.Fatal(err)
	}
	if p := f.waitPost(5 * time.Second); p.Metadata != nil {
		t.Errorf("unkeyed digest carries metadata %+v", *p.Metadata)
	}
}

// TestPosted asks a fresh adapter (a restarted process, which remembers
// nothing) whether a digest is in a channel's history.
func TestPosted(t *testing.T) {
	const key = "sched-7-2026-03-10"
	now := time.Now()
	ts := func(ago time.Duration, n int) string { return fmt.Sprintf("%d.%06d", now.Add(-ago).Unix(), n) }
	meta := func(eventType, k string) *slack.SlackMetadata {
		return &slack.SlackMetadata{EventType: eventType, EventPayload: map[string]any{MetadataKey: k}}
	}
	// filler adds n messages without metadata, newer than the digest.
	filler := func(f *fakeSlack, channel string, n int) {
		for i := range n {
			f.addMessage(channel, ts(time.Minute, 1000+i), "chatter", nil)
		}
	}
	wide := HistoryConfig{Limit: 100, Pages: 3, Interval: time.Millisecond}
	tests := []struct {
		name    string
		channel string // asked about
		setup   func(f *fakeSlack)
		history HistoryConfig // zero: the defaults
		want    bool
		wantErr string
	}{
		{name: "posted an hour ago", channel: "C1", want: true, setup: func(f *fakeSlack) {
			f.addMessage("C1", ts(time.Hour, 1), "digest", meta(MetadataEventType, key))
		}},
		{name: "empty channel", channel: "C1", setup: func(*fakeSlack) {}},
		{name: "another run's key", channel: "C1", setup: func(f *fakeSlack) {
			f.addMessage("C1", ts(time.Hour, 1), "digest", meta(MetadataEventType, "sched-7-2026-03-09"))
		}},
		{name: "another app's event type", channel: "C1", setup: func(f *fakeSlack) {
			f.addMessage("C1", ts(time.Hour, 1), "digest", meta("other_app_event", key))
		}},
		{name: "another channel", channel: "C1", setup: func(f *fakeSlack) {
			f.addMessage("C2", ts(time.Hour, 1), "digest", meta(MetadataEventType, key))
		}},
		{name: "older than 48 hours", channel: "C1", setup: func(f *fakeSlack) {
			f.addMessage("C1", ts(49*time.Hour, 1), "digest", meta(MetadataEventType, key))
		}},
		{name: "among the 15 newest", channel: "C1", want: true, setup: func(f *fakeSlack) {
			f.addMessage("C1", ts(time.Hour, 1), "digest", meta(MetadataEventType, key))
			filler(f, "C1", 14)
		}},
		{name: "beyond the 15 newest", channel: "C1", setup: func(f *fakeSlack) {
			f.addMessage("C1", ts(time.Hour, 1), "digest", meta(MetadataEventType, key))
			filler(f, "C1", 15)
		}},
		{name: "on the second page", channel: "C1", want: true, history: wide, setup: func(f *fakeSlack) {
			f.addMessage("C1", ts(time.Hour, 1), "digest", meta(MetadataEventType, key))
			filler(f, "C1", 150)
		}},
		{name: "internal app reads past 15", channel: "C1", want: true, history: mustHistoryFor(t, DistributionInternal), setup: func(f *fakeSlack) {
			f.addMessage("C1", ts(time.Hour, 1), "digest", meta(MetadataEventType, key))
			filler(f, "C1", 150)
		}},
		{name: "beyond the pages read", channel: "C1", history: wide, setup: func(f *fakeSlack) {
			f.addMessage("C1", ts(time.Hour, 1), "digest", meta(MetadataEventType, key))
			filler(f, "C1", wide.Limit*wide.Pages)
		}},
		{name: "public channel not joined yet", channel: "C5", want: true, setup: func(f *fakeSlack) {
			f.addMessage("C5", ts(time.Hour, 1), "digest", meta(MetadataEventType, key))
			f.outside = map[string]bool{"C5": true}
		}},
		{name: "user id reads the DM", channel: "U42", want: true, setup: func(f *fakeSlack) {
			f.addMessage("DU42", ts(time.Hour, 1), "digest", meta(MetadataEventType, key))
		}},
		{name: "history not readable", channel: "C1", wantErr: "missing_scope", setup: func(f *fakeSlack) {
			f.historyErr = "missing_scope"
		}},
		{name: "bot not in channel and cannot join", channel: "C1", wantErr: "/invite", setup: func(f *fakeSlack) {
			f.historyErr = "not_in_channel"
			f.joinErr = map[string]string{"C1": "channel_not_found"}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeSlack(t)
			tc.setup(f)
			a := newTestAdapter(t, f, &fakeHandler{}, ModeHTTP, quietLogger())
			setHistory(a, tc.history)
			got, err := a.Posted(context.Background(), digest.Channel{Platform: Platform, ChannelID: tc.channel}, key)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("Posted error = %v, want one containing %q", err, tc.wantErr)
				}
				if strings.Contains(err.Error(), testBotToken) {
					t.Errorf("error holds the token: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Posted: %v", err)
			}
			if got != tc.want {
				t.Errorf("Posted = %v, want %v", got, tc.want)
			}
			hc := a.cfg.History
			reqs := f.historyRequests()
			if len(reqs) == 0 || len(reqs) > hc.Pages+1 {
				t.Fatalf("%d conversations.history calls, want 1..%d", len(reqs), hc.Pages+1)
			}
			q := reqs[0]
			if q.Get("include_all_metadata") != "1" || q.Get("limit") != strconv.Itoa(hc.Limit) {
				t.Errorf("history request %v lacks include_all_metadata=1 and limit=%d", q, hc.Limit)
			}
			secs, _, _ := strings.Cut(q.Get("oldest"), ".")
			oldest, err := strconv.ParseInt(secs, 10, 64)
			if want := now.Add(-historyWindow).Unix(); err != nil || oldest < want-60 || oldest > want+60 {
				t.Errorf("oldest = %q, want about %d (now - 48 h)", q.Get("oldest"), want)
			}
		})
	}
}

// TestPublishedThenPosted is the round trip across a restart: one adapter
// publishes, a new one finds the post, and an adapter that published the
// key itself answers without calling Slack.
func TestPublishedThenPosted(t *testing.T) {
	f := newFakeSlack(t)
	ctx := context.Background()
	ch := digest.Channel{Platform: Platform, ChannelID: "C9"}
	first := newTestAdapter(t, f, &fakeHandler{}, ModeHTTP, quietLogger())
	if err := first.Publish(ctx, ch, digest.Reply{Kind: digest.ReplyDaily, Text: "digest"}, "sched-9-2026-03-10"); err != nil {
		t.Fatal(err)
	}
	if ok, err := first.Posted(ctx, ch, "sched-9-2026-03-10"); err != nil || !ok {
		t.Errorf("publishing adapter: Posted = %v, %v; want true", ok, err)
	}
	if n := len(f.historyRequests()); n != 0 {
		t.Errorf("publishing adapter read the history %d times, want 0", n)
	}
	second := newTestAdapter(t, f, &fakeHandler{}, ModeHTTP, quietLogger())
	setHistory(second, HistoryConfig{Interval: time.Millisecond})
	if ok, err := second.Posted(ctx, ch, "sched-9-2026-03-10"); err != nil || !ok {
		t.Errorf("restarted adapter: Posted = %v, %v; want true", ok, err)
	}
	if ok, err := second.Posted(ctx, ch, "sched-9-2026-03-11"); err != nil || ok {
		t.Errorf("restarted adapter, next day's key: Posted = %v, %v; want false", ok, err)
	}
	if _, err := second.Posted(ctx, digest.Channel{Platform: "discord", ChannelID: "1"}, "k"); err == nil {
		t.Error("Posted on a Discord channel: no error")
	}
}

// TestHistoryFor checks the history bounds of each app distribution: the
// default keeps to Slack's limits for commercial apps outside the
// Marketplace, and an unknown value names the variable that set it.
func TestHistoryFor(t *testing.T) {
	commercial := HistoryConfig{Limit: 15, Pages: 1, Interval: time.Minute}
	wideOpen := HistoryConfig{Limit: 200, Pages: 5, Interval: 1200 * time.Millisecond}
	tests := []struct {
		in      string
		want    HistoryConfig
		wantErr string
	}{
		{"", commercial, ""},
		{"commercial", commercial, ""},
		{" Marketplace ", wideOpen, ""},
		{"internal", wideOpen, ""},
		{"enterprise", HistoryConfig{}, `SLACK_APP_DISTRIBUTION: "enterprise" is not commercial, marketplace or internal`},
	}
	for _, tt := range tests {
		got, err := HistoryFor(tt.in)
		if tt.wantErr != "" {
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("HistoryFor(%q) error = %v, want %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("HistoryFor(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}
}

func mustHistoryFor(t *testing.T, distribution string) HistoryConfig {
	t.Helper()
	h, err := HistoryFor(distribution)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// setHistory gives a test adapter other history bounds (zero: keep the
// defaults).
func setHistory(a *Adapter, hc HistoryConfig) {
	if hc == (HistoryConfig{}) {
		return
	}
	a.cfg.History = hc.withDefaults()
	a.history = rate.NewLimiter(rate.Every(a.cfg.History.Interval), 1)
}

// TestPostedWithinHistoryLimits: by default one lookup is one
// conversations.history call of at most 15 messages, and a second call
// waits a minute after the first (Slack's limit for commercially
// distributed apps outside the Marketplace).
func TestPostedWithinHistoryLimits(t *testing.T) {
	f := newFakeSlack(t)
	a := newTestAdapter(t, f, &fakeHandler{}, ModeHTTP, quietLogger())
	ch := digest.Channel{Platform: Platform, ChannelID: "C1"}
	for i := range 40 {
		f.addMessage("C1", fmt.Sprintf("%d.%06d", time.Now().Add(-time.Hour).Unix(), i), "chatter", nil)
	}
	if ok, err := a.Posted(context.Background(), ch, "sched-1-2026-03-10"); err != nil || ok {
		t.Fatalf("Posted = %v, %v", ok, err)
	}
	reqs := f.historyRequests()
	if len(reqs) != 1 || reqs[0].Get("limit") != "15" {
		t.Fatalf("%d history calls (first %v), want 1 of limit 15", len(reqs), reqs)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	if _, err := a.Posted(ctx, ch, "sched-1-2026-03-11"); err == nil || !strings.Contains(err.Error(), "rate limit") {
		t.Errorf("second lookup within a minute: err = %v, want a wait for the history rate limit", err)
	}
	if n := len(f.historyRequests()); n != 1 {
		t.Errorf("%d history calls within a minute, want 1", n)
	}
}
