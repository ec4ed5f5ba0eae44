package slackbot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/digest"
)

// goldenOf marshals a received message the way the golden files hold it.
func goldenOf(t testing.TB, p posted) string {
	return string(marshalMessage(t, message{Text: p.Text, Blocks: p.Blocks}))
}

func readGolden(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name+".golden"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestSlashCommandHTTP(t *testing.T) {
	f := newFakeSlack(t)
	d := sampleDigest()
	h := &fakeHandler{fn: func(ctx context.Context, cmd digest.Command) (digest.Reply, error) {
		if _, ok := ctx.Deadline(); !ok {
			t.Error("handler context has no deadline")
		}
		return digest.Reply{Kind: digest.ReplyDigest, Query: "mexico", Digest: &d}, nil
	}}
	a := newTestAdapter(t, f, h, ModeHTTP, nil)
	srv := httptest.NewServer(a.HTTPHandler())
	defer srv.Close()

	req := signedRequest(t, srv.URL+"/slack/commands", testSecret, time.Now(),
		slashBody("/news", "mexico", f.srv.URL+"/response/1"), "application/x-www-form-urlencoded")
	start := time.Now()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	elapsed := time.Since(start)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	if elapsed > time.Second {
		t.Errorf("ack took %s, want well under Slack's 3 s", elapsed)
	}
	t.Logf("ack in %s", elapsed)
	var ack ackPayload
	if err := json.Unmarshal(body, &ack); err != nil {
		t.Fatalf("ack body %q: %v", body, err)
	}
	if ack.ResponseType != "ephemeral" || ack.Text != ackWorking {
		t.Errorf("ack = %+v", ack)
	}

	p := f.waitPost(5 * time.Second)
	if p.Path != "/response/1" || p.ResponseType != "in_channel" {
		t.Errorf("posted to %s as %q, want /response/1 in_channel", p.Path, p.ResponseType)
	}
	checkLimits(t, message{Text: p.Text, Blocks: p.Blocks})
	if got, want := goldenOf(t, p), readGolden(t, "digest"); got != want {
		t.Errorf("delivered message differs from testdata/digest.golden:\n%s", got)
	}
	cmds := h.commands()
	want := digest.Command{Name: digest.CmdNews, Args: "mexico", Platform: "slack", Workspace: "T1",
		ChannelID: "C1", UserID: "U1", CanManage: true}
	if len(cmds) != 1 || !commandEqual(cmds[0], want) {
		t.Errorf("handler got %+v, want %+v", cmds, want)
	}
}

func commandEqual(a, b digest.Command) bool {
	return a.Name == b.Name && a.Args == b.Args && a.Sub == b.Sub && a.Platform == b.Platform &&
		a.Workspace == b.Workspace && a.ChannelID == b.ChannelID && a.UserID == b.UserID &&
		a.DM == b.DM && a.CanManage == b.CanManage && a.ScheduleID == b.ScheduleID
}

func postSigned(t testing.TB, srv *httptest.Server, path, body, ctype string, hdr ...string) (*http.Response, string) {
	t.Helper()
	req := signedRequest(t, srv.URL+path, testSecret, time.Now(), body, ctype)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(b)
}

func TestSlashCommands(t *testing.T) {
	tests := []struct {
		name      string
		command   string
		text      string
		channel   string
		reply     digest.Reply
		err       error
		wantAck   string
		wantCmd   *digest.Command
		wantType  string
		wantText  string
		avoidText string
	}{
		{name: "quote", command: "/quote", text: "“this deal keeps both economies moving”",
			reply:   goldenReplies()["quotes"],
			wantAck: ackWorking, wantCmd: &digest.Command{Name: digest.CmdQuote, Args: "this deal keeps both economies moving"},
			wantType: "in_channel", wantText: "carried by 4 outlets"},
		{name: "help is ephemeral", command: "/help", reply: goldenReplies()["help"],
			wantAck: ackWorking, wantCmd: &digest.Command{Name: digest.CmdHelp}, wantType: "ephemeral", wantText: "News digest bot"},
		{name: "news help is help", command: "/news", text: "help", reply: goldenReplies()["help"],
			wantAck: ackWorking, wantCmd: &digest.Command{Name: digest.CmdHelp, Args: digest.CmdNews}, wantType: "ephemeral", wantText: "News digest bot"},
		{name: "digest list", command: "/digest", text: "list", reply: goldenReplies()["schedules"],
			wantAck: ackWorking, wantCmd: &digest.Command{Name: digest.CmdDigest, Sub: digest.DigestList}, wantType: "in_channel", wantText: "Last error"},
		{name: "dm channel", command: "/news", text: "<https://example.com/a?x=1&amp;y=2>", channel: "D9",
			reply:   goldenReplies()["news_empty"],
			wantAck: ackWorking, wantCmd: &digest.Command{Name: digest.CmdNews, Args: "https://example.com/a?x=1&y=2", DM: true},
			wantType: "in_channel", wantText: "atlanta"},
		{name: "usage error answered in ack", command: "/quote", text: "", wantAck: "Usage: /quote &lt;words&gt;"},
		{name: "handler error shows safe message", command: "/news", text: "mexico",
			err:     &digest.Error{Code: digest.CodeUnavailable, Message: "The news store is offline.", Err: errors.New("dial tcp 10.0.0.5: secret-db-host refused")},
			wantAck: ackWorking, wantCmd: &digest.Command{Name: digest.CmdNews, Args: "mexico"},
			wantType: "ephemeral", wantText: "The news store is offline.", avoidText: "secret-db-host"},
		{name: "internal error is generic", command: "/news", text: "mexico", err: errors.New("boom at /var/lib/x"),
			wantAck: ackWorking, wantCmd: &digest.Command{Name: digest.CmdNews, Args: "mexico"},
			wantType: "ephemeral", wantText: "Sorry, something went wrong", avoidText: "boom"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeSlack(t)
			h := &fakeHandler{fn: func(context.Context, digest.Command) (digest.Reply, error) { return tt.reply, tt.err }}
			a := newTestAdapter(t, f, h, ModeHTTP, nil)
			srv := httptest.NewServer(a.HTTPHandler())
			defer srv.Close()
			body := slashBody(tt.command, tt.text, f.srv.URL+"/response/2")
			if tt.channel != "" {
				body = strings.Replace(body, "channel_id=C1", "channel_id="+tt.channel, 1)
				body = strings.Replace(body, "channel_name=general", "channel_name=directmessage", 1)
			}
			resp, ackBody := postSigned(t, srv, "/slack/commands", body, "application/x-www-form-urlencoded")
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d", resp.StatusCode)
			}
			var ack ackPayload
			if err := json.Unmarshal([]byte(ackBody), &ack); err != nil || ack.ResponseType != "ephemeral" || !strings.HasPrefix(ack.Text, tt.wantAck) {
				t.Fatalf("ack = %s, want ephemeral %q", ackBody, tt.wantAck)
			}
			if tt.wantCmd == nil {
				f.noPost(100 * time.Millisecond)
				if n := len(h.commands()); n != 0 {
					t.Errorf("handler called %d times", n)
				}
				return
			}
			p := f.waitPost(5 * time.Second)
			if p.ResponseType != tt.wantType {
				t.Errorf("response_type %q, want %q", p.ResponseType, tt.wantType)
			}
			checkLimits(t, message{Text: p.Text, Blocks: p.Blocks})
			js := goldenOf(t, p)
			all := strings.Join(allTexts(t, []byte(js)), "\n")
			if !strings.Contains(all, tt.wantText) {
				t.Errorf("reply lacks %q:\n%s", tt.wantText, all)
			}
			if tt.avoidText != "" && strings.Contains(all, tt.avoidText) {
				t.Errorf("reply leaks %q", tt.avoidText)
			}
			cmds := h.commands()
			want := *tt.wantCmd
			want.Platform, want.Workspace, want.UserID, want.CanManage = "slack", "T1", "U1", true
			want.ChannelID = "C1"
			if tt.channel != "" {
				want.ChannelID = tt.channel
			}
			if len(cmds) != 1 || !commandEqual(cmds[0], want) {
				t.Errorf("handler got %+v, want %+v", cmds, want)
			}
		})
	}
}

func TestSignatureRejected(t *testing.T) {
	body := slashBody("/news", "mexico", "http://127.0.0.1:1/response/x")
	now := time.Now()
	tests := []struct {
		name string
		req  func(target string) *http.Request
	}{
		{"missing", func(target string) *http.Request {
			r, _ := http.NewRequest(http.MethodPost, target, strings.NewReader(body))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			return r
		}},
		{"forged", func(target string) *http.Request {
			return signedRequest(t, target, "not-the-secret", now, body, "application/x-www-form-urlencoded")
		}},
		{"expired", func(target string) *http.Request {
			return signedRequest(t, target, testSecret, now.Add(-6*time.Minute), body, "application/x-www-form-urlencoded")
		}},
		{"future", func(target string) *http.Request {
			return signedRequest(t, target, testSecret, now.Add(6*time.Minute), body, "application/x-www-form-urlencoded")
		}},
		{"tampered body", func(target string) *http.Request {
			r := signedRequest(t, target, testSecret, now, body, "application/x-www-form-urlencoded")
			tampered := strings.Replace(body, "mexico", "brazil", 1)
			r.Body = io.NopCloser(strings.NewReader(tampered))
			r.ContentLength = int64(len(tampered))
			return r
		}},
		{"replayed timestamp header", func(target string) *http.Request {
			r := signedRequest(t, target, testSecret, now.Add(-10*time.Minute), body, "application/x-www-form-urlencoded")
			r.Header.Set("X-Slack-Request-Timestamp", fmt.Sprint(now.Unix()))
			return r
		}},
		{"malformed signature", func(target string) *http.Request {
			r := signedRequest(t, target, testSecret, now, body, "application/x-www-form-urlencoded")
			r.Header.Set("X-Slack-Signature", "v0=zz")
			return r
		}},
	}
	f := newFakeSlack(t)
	h := &fakeHandler{}
	a := newTestAdapter(t, f, h, ModeHTTP, nil)
	srv := httptest.NewServer(a.HTTPHandler())
	defer srv.Close()
	for _, tt := range tests {
		for _, path := range []string{"/slack/commands", "/slack/events", "/slack/interactivity"} {
			t.Run(tt.name+path, func(t *testing.T) {
				resp, err := http.DefaultClient.Do(tt.req(srv.URL + path))
				if err != nil {
					t.Fatal(err)
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusUnauthorized {
					t.Errorf("status %d, want 401", resp.StatusCode)
				}
				if strings.Contains(string(b), "Working") {
					t.Errorf("rejected request got an ack: %s", b)
				}
			})
		}
	}
	f.noPost(100 * time.Millisecond)
	if n := len(h.commands()); n != 0 {
		t.Errorf("handler called %d times for rejected requests", n)
	}
}

func TestEventsAPI(t *testing.T) {
	f := newFakeSlack(t)
	h := &fakeHandler{fn: func(context.Context, digest.Command) (digest.Reply, error) {
		return goldenReplies()["quotes"], nil
	}}
	a := newTestAdapter(t, f, h, ModeHTTP, nil)
	srv := httptest.NewServer(a.HTTPHandler())
	defer srv.Close()
	const js = "application/json"

	t.Run("url verification", func(t *testing.T) {
		resp, body := postSigned(t, srv, "/slack/events", `{"token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}`, js)
		if resp.StatusCode != http.StatusOK || body != "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" {
			t.Errorf("got %d %q", resp.StatusCode, body)
		}
	})

	t.Run("dm answered once despite retries", func(t *testing.T) {
		ev := messageIMEvent("Ev01", `who said "this deal keeps both economies moving"?`, "1700000001.000100")
		for i := range 3 {
			var hdr []string
			if i > 0 {
				hdr = []string{"X-Slack-Retry-Num", fmt.Sprint(i), "X-Slack-Retry-Reason", "http_timeout"}
			}
			resp, _ := postSigned(t, srv, "/slack/events", ev, js, hdr...)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("delivery %d: status %d", i, resp.StatusCode)
			}
		}
		p := f.waitPost(5 * time.Second)
		if p.Channel != "D1" || p.ThreadTS != "1700000001.000100" {
			t.Errorf("posted to %q thread %q, want D1 thread 1700000001.000100", p.Channel, p.ThreadTS)
		}
		checkLimits(t, message{Text: p.Text, Blocks: p.Blocks})
		if got, want := goldenOf(t, p), readGolden(t, "quotes"); got != want {
			t.Errorf("dm reply differs from quotes.golden:\n%s", got)
		}
		f.noPost(200 * time.Millisecond)
		cmds := h.commands()
		want := digest.Command{Name: digest.CmdQuote, Args: "this deal keeps both economies moving", Platform: "slack",
			Workspace: "T1", ChannelID: "D1", UserID: "U1", DM: true, CanManage: true}
		if len(cmds) != 1 || !commandEqual(cmds[0], want) {
			t.Errorf("handler got %+v, want once %+v", cmds, want)
		}
	})

	t.Run("ignored messages", func(t *testing.T) {
		before := len(h.commands())
		cases := []string{
			// a bot (the bot itself)
			strings.Replace(messageIMEvent("Ev10", "news mexico", "1.1"), `"user":"U1"`, `"user":"U1","bot_id":"B1"`, 1),
			// an edit
			strings.Replace(messageIMEvent("Ev11", "news mexico", "1.2"), `"type":"message",`, `"type":"message","subtype":"message_changed",`, 1),
			// a join
			strings.Replace(messageIMEvent("Ev12", "news mexico", "1.3"), `"type":"message",`, `"type":"message","subtype":"channel_join",`, 1),
			// not a DM
			strings.Replace(messageIMEvent("Ev13", "news mexico", "1.4"), `"channel_type":"im"`, `"channel_type":"channel"`, 1),
			// an event type the bot does not handle
			`{"type":"event_callback","team_id":"T1","event_id":"Ev14","event":{"type":"no_such_event"}}`,
		}
		for _, ev := range cases {
			resp, _ := postSigned(t, srv, "/slack/events", ev, js)
			if resp.StatusCode != http.StatusOK {
				t.Errorf("status %d", resp.StatusCode)
			}
		}
		f.noPost(200 * time.Millisecond)
		if n := len(h.commands()); n != before {
			t.Errorf("handler called for ignored messages")
		}
	})

	t.Run("free text usage error replies in thread", func(t *testing.T) {
		ev := messageIMEvent("Ev20", "/nosuch thing", "1700000002.000100")
		if resp, _ := postSigned(t, srv, "/slack/events", ev, js); resp.StatusCode != http.StatusOK {
			t.Fatalf("status %d", resp.StatusCode)
		}
		p := f.waitPost(5 * time.Second)
		if p.ThreadTS != "1700000002.000100" || !strings.Contains(p.Text, "Unknown command") {
			t.Errorf("got %+v", p)
		}
	})

	t.Run("interactivity acknowledged", func(t *testing.T) {
		resp, _ := postSigned(t, srv, "/slack/interactivity", "payload=%7B%22type%22%3A%22block_actions%22%7D", "application/x-www-form-urlencoded")
		if resp.StatusCode != http.StatusOK {
			t.Errorf("status %d", resp.StatusCode)
		}
	})
}

func TestPublish(t *testing.T) {
	f := newFakeSlack(t)
	a := newTestAdapter(t, f, &fakeHandler{}, ModeHTTP, nil)
	ctx := context.Background()
	daily := goldenReplies()["daily"]

	t.Run("rate limited then posted once", func(t *testing.T) {
		f.mu.Lock()
		f.rateLimited = 1
		f.mu.Unlock()
		start := time.Now()
		if err := a.Publish(ctx, digest.Channel{Platform: "slack", Workspace: "T1", ChannelID: "C7"}, daily, "3/2025-03-14"); err != nil {
			t.Fatal(err)
		}
		if waited := time.Since(start); waited < 900*time.Millisecond {
			t.Errorf("retried after %s, want Retry-After (1 s) respected", waited)
		}
		p := f.waitPost(time.Second)
		if p.Channel != "C7" {
			t.Errorf("channel %q", p.Channel)
		}
		if got, want := goldenOf(t, p), readGolden(t, "daily"); got != want {
			t.Errorf("published message differs from daily.golden:\n%s", got)
		}
		posts, _, _, attempts := f.counts()
		if posts != 1 || attempts != 2 {
			t.Errorf("posts=%d attempts=%d, want 1 post after 2 attempts", posts, attempts)
		}
	})

	t.Run("same key is a no-op", func(t *testing.T) {
		if err := a.Publish(ctx, digest.Channel{Platform: "slack", ChannelID: "C7"}, daily, "3/2025-03-14"); err != nil {
			t.Fatal(err)
		}
		f.noPost(100 * time.Millisecond)
	})

	t.Run("user id opens a dm", func(t *testing.T) {
		if err := a.Publish(ctx, digest.Channel{Platform: "slack", ChannelID: "U42"}, daily, ""); err != nil {
			t.Fatal(err)
		}
		if p := f.waitPost(time.Second); p.Channel != "DU42" {
			t.Errorf("posted to %q, want DU42", p.Channel)
		}
		f.mu.Lock()
		opens := slices.Clone(f.opens)
		f.mu.Unlock()
		if !slices.Equal(opens, []string{"U42"}) {
			t.Errorf("conversations.open users %v", opens)
		}
	})

	t.Run("wait cancelled by context", func(t *testing.T) {
		f.mu.Lock()
		f.rateLimited = 10
		f.mu.Unlock()
		defer func() { f.mu.Lock(); f.rateLimited = 0; f.mu.Unlock() }()
		cctx, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
		defer cancel()
		start := time.Now()
		err := a.Publish(cctx, digest.Channel{Platform: "slack", ChannelID: "C8"}, daily, "k2")
		if err == nil || !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("err = %v, want deadline exceeded", err)
		}
		if time.Since(start) > time.Second {
			t.Errorf("cancelled wait took %s", time.Since(start))
		}
		if strings.Contains(fmt.Sprint(err), testBotToken) {
			t.Error("error holds the token")
		}
	})

	t.Run("wrong platform", func(t *testing.T) {
		if err := a.Publish(ctx, digest.Channel{Platform: "discord", ChannelID: "1"}, daily, ""); err == nil {
			t.Error("want error")
		}
	})
}

func TestNewConfigErrors(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want []string
	}{
		{"nothing", Config{}, []string{"SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"}},
		{"http without secret", Config{BotToken: "xoxb-1", Mode: ModeHTTP}, []string{"SLACK_SIGNING_SECRET"}},
		{"swapped tokens", Config{BotToken: "xapp-1-secretvalue", AppToken: "xoxb-2-secretvalue"}, []string{"xoxb-", "xapp-"}},
		{"bad mode", Config{BotToken: "xoxb-1", Mode: "rtm"}, []string{`"rtm"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.cfg, &fakeHandler{}, nil)
			if err == nil {
				t.Fatal("want error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			if strings.Contains(err.Error(), "secretvalue") {
				t.Errorf("error leaks a token: %v", err)
			}
		})
	}
}

func TestRunHTTPStops(t *testing.T) {
	f := newFakeSlack(t)
	a, err := New(Config{BotToken: testBotToken, SigningSecret: testSecret, Mode: ModeHTTP, ListenAddr: "127.0.0.1:0", APIURL: f.apiURL()}, &fakeHandler{}, testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- a.Run(ctx) }()
	time.Sleep(20 * time.Millisecond)
	cancel()
	select {
	case err := <-errc:
		if err != nil {
			t.Errorf("Run = %v, want nil after cancel", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not stop")
	}
}

// TestAckLatencyConcurrent sends bursts of 200 concurrent signed slash
// commands over loopback and reports acknowledgement latency percentiles:
// as the client sees them on new connections (cold), on kept-alive
// connections (warm), and inside the handler (server).
func TestAckLatencyConcurrent(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("latency measurement skipped in -short mode and under the race detector")
	}
	const n = 200
	f := newFakeSlack(t)
	d := sampleDigest()
	h := &fakeHandler{fn: func(context.Context, digest.Command) (digest.Reply, error) {
		return digest.Reply{Kind: digest.ReplyDigest, Digest: &d}, nil
	}}
	a := newTestAdapter(t, f, h, ModeHTTP, quietLogger())
	var mu sync.Mutex
	var server []time.Duration
	inner := a.HTTPHandler()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t0 := time.Now()
		inner.ServeHTTP(w, r)
		mu.Lock()
		server = append(server, time.Since(t0))
		mu.Unlock()
	}))
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: n}}
	defer client.CloseIdleConnections()

	pct := func(ds []time.Duration) (p50, p99 time.Duration) {
		slices.Sort(ds)
		return ds[len(ds)/2], ds[len(ds)*99/100]
	}
	var warm99 time.Duration
	for _, round := range []string{"cold", "warm"} {
		mu.Lock()
		server = server[:0]
		mu.Unlock()
		lat := make([]time.Duration, n)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range n {
			req := signedRequest(t, srv.URL+"/slack/commands", testSecret, time.Now(),
				slashBody("/news", fmt.Sprintf("topic %d %s", i, round), f.srv.URL+fmt.Sprintf("/discard/%d", i)), "application/x-www-form-urlencoded")
			wg.Go(func() {
				<-start
				t0 := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					t.Error(err)
					return
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				lat[i] = time.Since(t0)
				if resp.StatusCode != http.StatusOK {
					t.Errorf("status %d", resp.StatusCode)
				}
			})
		}
		close(start)
		wg.Wait()
		for range n { // every command is answered on its response URL
			f.waitPost(10 * time.Second)
		}
		c50, c99 := pct(lat)
		mu.Lock()
		s50, s99 := pct(server)
		mu.Unlock()
		t.Logf("%s: %d concurrent signed slash commands on loopback: client p50=%s p99=%s max=%s; handler p50=%s p99=%s",
			round, n, c50, c99, lat[n-1], s50, s99)
		if round == "warm" {
			warm99 = c99
		}
	}
	// The target is p99 < 50 ms; the hard requirement is Slack's 3 s
	// deadline, which a shared, loaded CI machine must still meet.
	if warm99 > 2*time.Second {
		t.Errorf("warm p99 %s: too close to Slack's 3 s deadline (target < 50 ms)", warm99)
	}
	if got := len(h.commands()); got != 2*n {
		t.Errorf("handler ran %d times, want %d", got, 2*n)
	}
}

func BenchmarkSlashAck(b *testing.B) {
	f := newFakeSlack(b)
	h := &fakeHandler{fn: func(context.Context, digest.Command) (digest.Reply, error) {
		return digest.Reply{Kind: digest.ReplyText, Text: "ok", Ephemeral: true}, nil
	}}
	a := newTestAdapter(b, f, h, ModeHTTP, quietLogger())
	handler := a.HTTPHandler()
	go func() { // drain the fake's notifications
		for range f.notify {
		}
	}()
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n++ // a new body each time: a repeated signed request is a replay
		body := slashBody("/help", strconv.Itoa(n), f.srv.URL+"/discard/b")
		req := signedRequest(b, "http://slack.test/slack/commands", testSecret, time.Now(), body, "application/x-www-form-urlencoded")
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}

func TestRunDrainsCommandsInProgress(t *testing.T) {
	f := newFakeSlack(t)
	release := make(chan struct{})
	started := make(chan struct{}, 1)
	h := &fakeHandler{fn: func(context.Context, digest.Command) (digest.Reply, error) {
		started <- struct{}{}
		<-release
		return goldenReplies()["help"], nil
	}}
	a := newTestAdapter(t, f, h, ModeHTTP, nil) // no ListenAddr: HTTPHandler is mounted here
	srv := httptest.NewServer(a.HTTPHandler())
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	runErr := make(chan error, 1)
	go func() { runErr <- a.Run(ctx) }()

	if resp, _ := postSigned(t, srv, "/slack/commands", slashBody("/help", "", f.srv.URL+"/response/d"), "application/x-www-form-urlencoded"); resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	<-started
	cancel()
	select {
	case err := <-runErr:
		t.Fatalf("Run returned (%v) while a command was still running", err)
	case <-time.After(100 * time.Millisecond):
	}
	close(release)
	if p := f.waitPost(5 * time.Second); p.Path != "/response/d" {
		t.Errorf("answer went to %s", p.Path)
	}
	select {
	case err := <-runErr:
		if err != nil {
			t.Errorf("Run = %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after the command finished")
	}
	// After shutdown new commands are refused politely.
	_, body := postSigned(t, srv, "/slack/commands", slashBody("/help", "", f.srv.URL+"/response/e"), "application/x-www-form-urlencoded")
	if !strings.Contains(body, "busy") {
		t.Errorf("ack after shutdown = %s", body)
	}
}

func TestBusyRefusesPolitely(t *testing.T) {
	f := newFakeSlack(t)
	release := make(chan struct{})
	h := &fakeHandler{fn: func(context.Context, digest.Command) (digest.Reply, error) {
		<-release
		return digest.Reply{Kind: digest.ReplyText, Text: "ok"}, nil
	}}
	a, err := New(Config{BotToken: testBotToken, SigningSecret: testSecret, Mode: ModeHTTP, APIURL: f.apiURL(),
		MaxConcurrent: 1, MaxPending: 2}, h, testLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.drain)
	defer close(release)
	srv := httptest.NewServer(a.HTTPHandler())
	defer srv.Close()
	var acks []string
	for i := range 3 {
		_, body := postSigned(t, srv, "/slack/commands", slashBody("/news", "x", f.srv.URL+fmt.Sprintf("/response/%d", i)), "application/x-www-form-urlencoded")
		var ack ackPayload
		_ = json.Unmarshal([]byte(body), &ack)
		acks = append(acks, ack.Text)
	}
	if want := []string{ackWorking, ackWorking, ackBusy}; !slices.Equal(acks, want) {
		t.Errorf("acks %q, want %q", acks, want)
	}
}
