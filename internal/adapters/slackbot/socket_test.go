package slackbot

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/newsdigest/bot/internal/digest"
)

// wsConn is one Socket Mode connection accepted by the fake Slack; the
// server side stays open until done is closed.
type wsConn struct {
	conn *websocket.Conn
	n    int // apps.connections.open calls so far
	done chan struct{}
}

func acceptWS(t *testing.T, conns <-chan wsConn) wsConn {
	t.Helper()
	select {
	case c := <-conns:
		return c
	case <-time.After(10 * time.Second):
		t.Fatal("the adapter did not open a Socket Mode connection")
		return wsConn{}
	}
}

func (c wsConn) send(t *testing.T, v string) {
	t.Helper()
	if err := c.conn.WriteMessage(websocket.TextMessage, []byte(v)); err != nil {
		t.Fatalf("write: %v", err)
	}
}

// readAck reads the next message from the adapter and decodes it as an ack.
func (c wsConn) readAck(t *testing.T) (envelopeID string, payload json.RawMessage, size int) {
	t.Helper()
	_ = c.conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, b, err := c.conn.ReadMessage()
	if err != nil {
		t.Fatalf("read ack: %v", err)
	}
	var ack struct {
		EnvelopeID string          `json:"envelope_id"`
		Payload    json.RawMessage `json:"payload"`
	}
	if err := json.Unmarshal(b, &ack); err != nil {
		t.Fatalf("ack %q: %v", b, err)
	}
	return ack.EnvelopeID, ack.Payload, len(b)
}

const helloMsg = `{"type":"hello","num_connections":1,"debug_info":{"host":"fake-applink","build_number":1,"approximate_connection_time":18060},"connection_info":{"app_id":"A1"}}`

func slashEnvelope(id, command, text, responseURL string) string {
	payload, _ := json.Marshal(map[string]any{
		"token": "x", "team_id": "T1", "team_domain": "newsroom", "channel_id": "C1", "channel_name": "general",
		"user_id": "U1", "user_name": "ana", "command": command, "text": text, "api_app_id": "A1",
		"is_enterprise_install": "false", "response_url": responseURL, "trigger_id": "1.2.3",
	})
	return fmt.Sprintf(`{"envelope_id":%q,"type":"slash_commands","accepts_response_payload":true,"payload":%s}`, id, payload)
}

func eventEnvelope(id string, retry int, event string) string {
	return fmt.Sprintf(`{"envelope_id":%q,"type":"events_api","accepts_response_payload":false,"retry_attempt":%d,"retry_reason":"","payload":%s}`, id, retry, event)
}

func TestSocketMode(t *testing.T) {
	f := newFakeSlack(t)
	d := sampleDigest()
	h := &fakeHandler{fn: func(_ context.Context, cmd digest.Command) (digest.Reply, error) {
		if cmd.Name == digest.CmdQuote {
			return goldenReplies()["quotes"], nil
		}
		return digest.Reply{Kind: digest.ReplyDigest, Query: "mexico", Digest: &d}, nil
	}}
	conns := make(chan wsConn)
	f.ws = func(conn *websocket.Conn, n int) {
		c := wsConn{conn: conn, n: n, done: make(chan struct{})}
		conns <- c
		<-c.done
	}
	a := newTestAdapter(t, f, h, ModeSocket, nil)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	runErr := make(chan error, 1)
	go func() { runErr <- a.Run(ctx) }()

	// First connection: a slash command is acknowledged, then answered.
	c1 := acceptWS(t, conns)
	c1.send(t, helloMsg)
	sent := time.Now()
	c1.send(t, slashEnvelope("env-1", "/news", "mexico", f.srv.URL+"/response/s1"))
	id, payload, size := c1.readAck(t)
	ackIn := time.Since(sent)
	t.Logf("socket mode ack in %s (%d bytes)", ackIn, size)
	if id != "env-1" {
		t.Errorf("ack envelope %q, want env-1", id)
	}
	if size >= maxAckBytes {
		t.Errorf("ack is %d bytes, Slack drops ≥ 20 KB", size)
	}
	if ackIn > time.Second {
		t.Errorf("ack took %s", ackIn)
	}
	var ack ackPayload
	if err := json.Unmarshal(payload, &ack); err != nil || ack.Text != ackWorking || ack.ResponseType != "ephemeral" {
		t.Errorf("ack payload %s", payload)
	}
	p := f.waitPost(5 * time.Second)
	if p.Path != "/response/s1" || p.ResponseType != "in_channel" {
		t.Errorf("answer went to %s as %q", p.Path, p.ResponseType)
	}
	if got, want := goldenOf(t, p), readGolden(t, "digest"); got != want {
		t.Errorf("answer differs from digest.golden:\n%s", got)
	}

	// The server drops the connection: the adapter reconnects.
	_ = c1.conn.NetConn().Close()
	close(c1.done)
	c2 := acceptWS(t, conns)
	defer close(c2.done)
	if c2.n < 2 {
		t.Errorf("apps.connections.open called %d times, want a second call on reconnect", c2.n)
	}
	c2.send(t, helloMsg)

	// A DM over the new connection, then Slack's redelivery of it.
	ev := messageIMEvent("Ev77", `who said "this deal keeps both economies moving"?`, "1700000003.000100")
	c2.send(t, eventEnvelope("env-2", 0, ev))
	if id, _, _ := c2.readAck(t); id != "env-2" {
		t.Errorf("ack envelope %q, want env-2", id)
	}
	p = f.waitPost(5 * time.Second)
	if p.Channel != "D1" || p.ThreadTS != "1700000003.000100" {
		t.Errorf("dm answer to %q thread %q", p.Channel, p.ThreadTS)
	}
	if got, want := goldenOf(t, p), readGolden(t, "quotes"); got != want {
		t.Errorf("dm answer differs from quotes.golden:\n%s", got)
	}
	c2.send(t, eventEnvelope("env-3", 1, ev))
	if id, _, _ := c2.readAck(t); id != "env-3" {
		t.Errorf("redelivery not acknowledged: %q", id)
	}
	// An envelope slack-go cannot parse is still acknowledged.
	c2.send(t, eventEnvelope("env-4", 0, `{"type":"event_callback","team_id":"T1","event_id":"Ev78","event":{"type":"no_such_event"}}`))
	if id, _, _ := c2.readAck(t); id != "env-4" {
		t.Errorf("unknown event not acknowledged: %q", id)
	}
	f.noPost(200 * time.Millisecond)

	var quotes int
	for _, c := range h.commands() {
		if c.Name == digest.CmdQuote {
			quotes++
			if !c.DM || c.ChannelID != "D1" || c.Workspace != "T1" {
				t.Errorf("dm command context %+v", c)
			}
		}
	}
	if quotes != 1 {
		t.Errorf("dm handled %d times, want once", quotes)
	}

	cancel()
	select {
	case err := <-runErr:
		if err != nil {
			t.Errorf("Run = %v, want nil after cancel", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not stop after cancel")
	}
}

func TestSocketModeInvalidAuth(t *testing.T) {
	f := newFakeSlack(t)
	a, err := New(Config{BotToken: testBotToken, AppToken: "xapp-wrong", APIURL: f.apiURL()}, &fakeHandler{}, testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err = a.Run(ctx)
	if err == nil || !strings.Contains(err.Error(), "invalid_auth") {
		t.Errorf("Run = %v, want invalid_auth error", err)
	}
	if strings.Contains(fmt.Sprint(err), "xapp-wrong") {
		t.Error("error holds the token")
	}
}
