package slackbot

import (
	"context"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/digest"
)

// TestDigestAddChecksChannel: /digest add joins a public channel (so the
// bot can read back its own posts there) and, in a private conversation
// the bot is not in, answers how to invite it instead of adding a digest
// that could never be delivered.
func TestDigestAddChecksChannel(t *testing.T) {
	tests := []struct {
		name      string
		text      string
		joinErr   string // conversations.join answer for C1
		wantCore  bool   // the command reaches the core
		wantJoin  bool
		wantReply string
	}{
		{name: "public channel joined", text: "add mexico at 08:00", wantCore: true, wantJoin: true, wantReply: "added"},
		{name: "private channel, bot a member", text: "add mexico at 08:00", joinErr: "method_not_supported_for_channel_type",
			wantCore: true, wantJoin: true, wantReply: "added"},
		{name: "private channel, bot not in it", text: "add mexico at 08:00", joinErr: "channel_not_found",
			wantJoin: true, wantReply: "/invite @News Digest"},
		{name: "archived", text: "add mexico at 08:00", joinErr: "is_archived", wantJoin: true, wantReply: "archived"},
		{name: "app without channels:join", text: "add mexico at 08:00", joinErr: "missing_scope", wantJoin: true, wantReply: "channels:join"},
		{name: "list needs no check", text: "list", wantCore: true, wantReply: "added"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeSlack(t)
			if tc.joinErr != "" {
				f.joinErr = map[string]string{"C1": tc.joinErr}
			}
			h := &fakeHandler{fn: func(context.Context, digest.Command) (digest.Reply, error) {
				return digest.Reply{Kind: digest.ReplyText, Text: "Daily digest #1 added."}, nil
			}}
			a := newTestAdapter(t, f, h, ModeHTTP, quietLogger())
			srv := httptest.NewServer(a.HTTPHandler())
			defer srv.Close()
			postSigned(t, srv, "/slack/commands", slashBody("/digest", tc.text, f.srv.URL+"/response/1"), "application/x-www-form-urlencoded")
			p := f.waitPost(5 * time.Second)
			all := readable(message{Text: p.Text, Blocks: p.Blocks})
			if !strings.Contains(all, tc.wantReply) {
				t.Errorf("reply %q lacks %q", all, tc.wantReply)
			}
			if got := len(h.commands()) > 0; got != tc.wantCore {
				t.Errorf("reached the core: %v, want %v", got, tc.wantCore)
			}
			if !tc.wantCore && p.ResponseType != "ephemeral" {
				t.Errorf("refusal is %q, want ephemeral", p.ResponseType)
			}
			if got := slices.Contains(f.joinRequests(), "C1"); got != tc.wantJoin {
				t.Errorf("joined: %v, want %v", got, tc.wantJoin)
			}
		})
	}
}
