package discordbot

import (
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/testutil/logbuf"

	"github.com/bwmarrin/discordgo"

	"github.com/newsdigest/bot/internal/digest"
)

func dm(content string) *discordgo.MessageCreate {
	return &discordgo.MessageCreate{Message: &discordgo.Message{
		ID: "m1", ChannelID: "dm1", Content: content, Author: &discordgo.User{ID: "u1"},
	}}
}

// TestDMPanicRecovered: a handler that panics on a DM is logged and does
// not take the adapter down; the answer is simply not sent.
func TestDMPanicRecovered(t *testing.T) {
	var logs logbuf.Buffer
	h := &fakeHandler{handle: func(digest.Command) (digest.Reply, error) { panic("handler bug") }}
	a, err := New(Config{Token: "secret-token-xyz", AppID: "a"}, h, slog.New(slog.NewTextHandler(&logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	a.onMessage(a.s, dm("who said hello"))
	a.drain() // waits for the DM's job
	if !strings.Contains(logs.String(), "handler bug") {
		t.Errorf("panic not logged:\n%s", logs.String())
	}
}

// TestWorkAfterShutdownRefused: once Run has drained, a DM reaching the
// adapter is not handed to the handler (so nothing reaches a closed store).
func TestWorkAfterShutdownRefused(t *testing.T) {
	h := &fakeHandler{}
	a, err := New(Config{Token: "secret-token-xyz", AppID: "a"}, h, nil)
	if err != nil {
		t.Fatal(err)
	}
	a.drain()
	a.onMessage(a.s, dm("/help"))
	time.Sleep(20 * time.Millisecond)
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.cmds) != 0 {
		t.Errorf("handler called after shutdown: %+v", h.cmds)
	}
}
