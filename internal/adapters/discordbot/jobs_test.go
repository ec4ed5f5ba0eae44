package discordbot

import (
	"bytes"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsdigest/bot/internal/digest"
)

// lockedBuffer is a log sink safe for concurrent writes.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func dm(content string) *discordgo.MessageCreate {
	return &discordgo.MessageCreate{Message: &discordgo.Message{
		ID: "m1", ChannelID: "dm1", Content: content, Author: &discordgo.User{ID: "u1"},
	}}
}

// TestDMPanicRecovered: a handler that panics on a DM is logged and does
// not take the adapter down; the answer is simply not sent.
func TestDMPanicRecovered(t *testing.T) {
	var logs lockedBuffer
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
