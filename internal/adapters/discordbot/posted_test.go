package discordbot

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsdigest/bot/internal/digest"
)

// channelHistory is a fake channel: messages posted to it are kept and
// served back, newest first, as Discord's GET channel messages does.
type channelHistory struct {
	mu   sync.Mutex
	msgs []*discordgo.Message // oldest first
}

func (c *channelHistory) add(author, content string, at time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.msgs = append(c.msgs, &discordgo.Message{
		ID: fmt.Sprintf("%d", 1000+len(c.msgs)), ChannelID: "c5", Content: content,
		Author: &discordgo.User{ID: author}, Timestamp: at,
	})
}

func (c *channelHistory) serve(f *fakeDiscord, author string, now time.Time) {
	f.on("POST", "/api/v9/channels/c5/messages", func(n int, w http.ResponseWriter, r request) {
		var body struct {
			Content string `json:"content"`
		}
		_ = json.Unmarshal(r.Body, &body)
		c.add(author, body.Content, now)
		fmt.Fprintf(w, `{"id":"p%d","channel_id":"c5"}`, n)
	})
	f.on("GET", "/api/v9/channels/c5/messages", func(n int, w http.ResponseWriter, r request) {
		c.mu.Lock()
		defer c.mu.Unlock()
		var page []*discordgo.Message
		for i := len(c.msgs) - 1; i >= 0 && len(page) < 100; i-- {
			page = append(page, c.msgs[i])
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(page)
	})
}

// TestPostedFindsPublishedRun checks that a published run is found in the
// channel's history by its key, and nothing else is: another key, the same
// tag from another author, a partly posted run.
func TestPostedFindsPublishedRun(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)
	f := newFakeDiscord(t)
	var hist channelHistory
	hist.serve(f, "app1", now)
	a, _ := newTestAdapter(t, f, &fakeHandler{}, Config{}, WithClock(func() time.Time { return now }))
	ch := digest.Channel{Platform: Platform, ChannelID: "c5"}
	ctx := context.Background()

	if found, err := a.Posted(ctx, ch, "sched-7-2026-11-27"); err != nil || found {
		t.Fatalf("Posted before publishing = %v, %v", found, err)
	}
	hist.add("someone-else", "-# run sched-7-2026-11-27", now) // not the bot's
	if found, _ := a.Posted(ctx, ch, "sched-7-2026-11-27"); found {
		t.Fatal("a message by another author counted as the bot's post")
	}
	if err := a.Publish(ctx, ch, sampleReplies()["daily"], "sched-7-2026-11-27"); err != nil {
		t.Fatal(err)
	}
	if found, err := a.Posted(ctx, ch, "sched-7-2026-11-27"); err != nil || !found {
		t.Errorf("Posted after publishing = %v, %v", found, err)
	}
	if found, _ := a.Posted(ctx, ch, "sched-7-2026-11-28"); found {
		t.Error("another day's run counted as posted")
	}
	if found, _ := a.Posted(ctx, ch, "sched-7-2026-11-2"); found {
		t.Error("a key that is a prefix of the posted one counted as posted")
	}
}

// TestPublishRunTagLast checks that a digest split into several messages
// carries its run tag on the last one only, within every limit.
func TestPublishRunTagLast(t *testing.T) {
	t.Parallel()
	f := newFakeDiscord(t)
	a, _ := newTestAdapter(t, f, &fakeHandler{}, Config{})
	d := sampleDigest()
	r := digest.Reply{Kind: digest.ReplyDaily, Topics: []string{"mexico"}}
	for range 23 {
		r.Stories = append(r.Stories, *d)
	}
	long := r
	long.Text = strings.Repeat("word ", 399) // content pieces near the 2000 limit
	for _, reply := range []digest.Reply{r, long} {
		msgs := withRunTag(render(reply), "sched-1-2026-11-27")
		if len(msgs) < 2 {
			t.Fatalf("%d messages, want a split digest", len(msgs))
		}
		for i, m := range msgs {
			has := hasLine(m.Content, runTag("sched-1-2026-11-27"))
			if has != (i == len(msgs)-1) {
				t.Errorf("message %d of %d has the run tag: %v", i+1, len(msgs), has)
			}
			for _, p := range checkMessage(m.Content, m.Embeds) {
				t.Errorf("message %d breaks a limit: %s", i+1, p)
			}
		}
	}
	if err := a.Publish(context.Background(), digest.Channel{Platform: Platform, ChannelID: "c6"}, r, "sched-1-2026-11-27"); err != nil {
		t.Fatal(err)
	}
}

// TestPostedHistoryError checks that a channel the bot cannot read is an
// error, not "not posted".
func TestPostedHistoryError(t *testing.T) {
	t.Parallel()
	f := newFakeDiscord(t)
	f.on("GET", "/api/v9/channels/c8/messages", func(n int, w http.ResponseWriter, r request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprint(w, `{"message":"Missing Access","code":50001}`)
	})
	a, _ := newTestAdapter(t, f, &fakeHandler{}, Config{})
	if _, err := a.Posted(context.Background(), digest.Channel{Platform: Platform, ChannelID: "c8"}, "k"); err == nil || !strings.Contains(err.Error(), "c8") {
		t.Errorf("Posted on an unreadable channel = %v, want an error naming it", err)
	}
}

// TestAPIURL checks that Config.APIURL sends the REST calls to another
// base URL, paths kept, and that a bad one is refused.
func TestAPIURL(t *testing.T) {
	t.Parallel()
	f := newFakeDiscord(t)
	logger, _ := testLogger()
	a, err := New(Config{Token: "tok", AppID: "app1", APIURL: f.srv.URL + "/"}, &fakeHandler{}, logger)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Publish(context.Background(), digest.Channel{Platform: Platform, ChannelID: "c3"}, digest.Reply{Text: "hello"}, ""); err != nil {
		t.Fatal(err)
	}
	if r := f.waitFor("POST", "/api/v9/channels/c3/messages"); r.Header.Get("Authorization") != "Bot tok" {
		t.Errorf("Authorization %q", r.Header.Get("Authorization"))
	}
	for _, bad := range []string{"discord.example", "ftp://x", "http://"} {
		if _, err := New(Config{Token: "tok", AppID: "app1", APIURL: bad}, &fakeHandler{}, logger); err == nil || !strings.Contains(err.Error(), "DISCORD_API_URL") {
			t.Errorf("APIURL %q: err %v", bad, err)
		}
	}
}
