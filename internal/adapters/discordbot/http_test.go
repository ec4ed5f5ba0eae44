package discordbot

import (
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsdigest/bot/internal/digest"
)

var httpNow = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

// signed builds an interactions request signed with priv at time ts.
func signed(priv ed25519.PrivateKey, ts time.Time, body string) *http.Request {
	stamp := strconv.FormatInt(ts.Unix(), 10)
	sig := ed25519.Sign(priv, []byte(stamp+body))
	r := httptest.NewRequest("POST", "/interactions", strings.NewReader(body))
	r.Header.Set("X-Signature-Ed25519", hex.EncodeToString(sig))
	r.Header.Set("X-Signature-Timestamp", stamp)
	return r
}

func TestHTTPHandler(t *testing.T) {
	t.Parallel()
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	_, otherPriv, _ := ed25519.GenerateKey(nil)
	f := newFakeDiscord(t)
	h := &fakeHandler{}
	a, _ := newTestAdapter(t, f, h, Config{PublicKey: hex.EncodeToString(pub)}, WithClock(func() time.Time { return httpNow }))
	handler := a.HTTPHandler()
	ping := `{"id":"p1","application_id":"app1","type":1,"token":"tp","version":1}`
	news := interactionJSON("i5", "tok5", "g1", 0, `{"name":"news","type":1,"options":[{"name":"topic","type":3,"value":"mexico"}]}`)
	add := func(perms int64) string {
		return interactionJSON("i6", "tok6", "g1", perms, `{"name":"digest","type":1,"options":[{"name":"add","type":1,"options":[{"name":"topics","type":3,"value":"mexico"},{"name":"time","type":3,"value":"08:00"}]}]}`)
	}
	tests := []struct {
		name     string
		req      func() *http.Request
		status   int
		respType discordgo.InteractionResponseType
		flags    discordgo.MessageFlags
	}{
		{"valid ping", func() *http.Request { return signed(priv, httpNow, ping) }, 200, discordgo.InteractionResponsePong, 0},
		{"forged signature", func() *http.Request { return signed(otherPriv, httpNow, ping) }, 401, 0, 0},
		{"tampered body", func() *http.Request {
			r := signed(priv, httpNow, ping)
			r.Body = httptest.NewRequest("POST", "/", strings.NewReader(strings.Replace(ping, "p1", "p2", 1))).Body
			return r
		}, 401, 0, 0},
		{"stale timestamp", func() *http.Request { return signed(priv, httpNow.Add(-6*time.Minute), ping) }, 401, 0, 0},
		{"future timestamp", func() *http.Request { return signed(priv, httpNow.Add(6*time.Minute), ping) }, 401, 0, 0},
		{"no headers", func() *http.Request { return httptest.NewRequest("POST", "/interactions", strings.NewReader(ping)) }, 401, 0, 0},
		{"wrong method", func() *http.Request { return httptest.NewRequest("GET", "/interactions", nil) }, 405, 0, 0},
		{"bad json", func() *http.Request { return signed(priv, httpNow, `{"type":`) }, 400, 0, 0},
		{"oversized body", func() *http.Request {
			return signed(priv, httpNow, `{"type":1,"pad":"`+strings.Repeat("x", maxInteractionBody)+`"}`)
		}, 413, 0, 0},
		{"oversized body, no length", func() *http.Request {
			r := signed(priv, httpNow, `{"type":1,"pad":"`+strings.Repeat("x", maxInteractionBody)+`"}`)
			r.ContentLength = -1
			return r
		}, 413, 0, 0},
		{"news deferred", func() *http.Request { return signed(priv, httpNow.Add(-4*time.Minute), news) }, 200, discordgo.InteractionResponseDeferredChannelMessageWithSource, 0},
		{"digest add refused", func() *http.Request { return signed(priv, httpNow, add(discordgo.PermissionSendMessages)) }, 200, discordgo.InteractionResponseChannelMessageWithSource, discordgo.MessageFlagsEphemeral},
		{"digest add by manager", func() *http.Request { return signed(priv, httpNow, add(discordgo.PermissionManageChannels)) }, 200, discordgo.InteractionResponseDeferredChannelMessageWithSource, discordgo.MessageFlagsEphemeral},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			handler.ServeHTTP(w, tt.req())
			if w.Code != tt.status {
				t.Fatalf("status = %d, want %d (%s)", w.Code, tt.status, w.Body)
			}
			if tt.status != 200 {
				return
			}
			var resp discordgo.InteractionResponse
			if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil {
				t.Fatal(err)
			}
			var flags discordgo.MessageFlags
			if resp.Data != nil {
				flags = resp.Data.Flags
			}
			if resp.Type != tt.respType || flags != tt.flags {
				t.Errorf("response = %s, want type %d flags %d", w.Body, tt.respType, tt.flags)
			}
		})
	}
	// The deferred commands are then answered over REST.
	f.waitFor("PATCH", "/api/v9/webhooks/app1/tok5/messages/@original")
	f.waitFor("PATCH", "/api/v9/webhooks/app1/tok6/messages/@original")
	var sawManager, sawRefused bool
	for _, c := range h.commands() {
		if c.Name == digest.CmdDigest {
			if c.CanManage {
				sawManager = true
			} else {
				sawRefused = true
			}
		}
	}
	if !sawManager || sawRefused {
		t.Errorf("handler saw manager=%v refused=%v; the refusal must not reach the core", sawManager, sawRefused)
	}
}
