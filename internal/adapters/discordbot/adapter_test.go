package discordbot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"

	"github.com/newsdigest/bot/internal/digest"
)

// interactionJSON is a slash-command interaction as Discord sends it.
func interactionJSON(id, token, guild string, perms int64, data string) string {
	member := "null"
	user := `{"id":"u1","username":"ana"}`
	if guild != "" {
		member = fmt.Sprintf(`{"user":{"id":"u1","username":"ana"},"permissions":"%d"}`, perms)
		user = "null"
	}
	return fmt.Sprintf(`{"id":%q,"application_id":"app1","type":2,"token":%q,"guild_id":%q,"channel_id":"c1","member":%s,"user":%s,"version":1,"data":%s}`,
		id, token, guild, member, user, data)
}

func newTestAdapter(t *testing.T, f *fakeDiscord, h Handler, cfg Config, opts ...Option) (*Adapter, *logBuffer) {
	t.Helper()
	if cfg.Token == "" {
		cfg.Token = "tok"
	}
	if cfg.AppID == "" {
		cfg.AppID = "app1"
	}
	if cfg.APIURL == "" {
		cfg.APIURL = f.srv.URL
	}
	logger, buf := testLogger()
	opts = append([]Option{WithDialer(&websocket.Dialer{HandshakeTimeout: 5 * time.Second})}, opts...)
	a, err := New(cfg, h, logger, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return a, buf
}

// TestGateway runs the real discordgo session against the fake Discord:
// handshake, command registration, /news, autocomplete, a refused
// /digest add and a DM, then shutdown.
func TestGateway(t *testing.T) {
	t.Parallel()
	f := newFakeDiscord(t)
	release := make(chan struct{}) // /news answers only after the deferral was seen
	h := &fakeHandler{
		handle: func(cmd digest.Command) (digest.Reply, error) {
			switch cmd.Name {
			case digest.CmdNews:
				select {
				case <-release:
				case <-time.After(5 * time.Second):
				}
				return digest.Reply{Kind: digest.ReplyDigest, Query: cmd.Args, Digest: sampleDigest()}, nil
			case digest.CmdQuote:
				return sampleReplies()["quotes"], nil
			}
			return digest.Reply{Kind: digest.ReplyText, Text: "ok"}, nil
		},
		topics: func(prefix string, limit int) ([]string, error) {
			var out []string
			for i := range 40 {
				out = append(out, fmt.Sprintf("%s topic %d", prefix, i%30))
			}
			return out, nil
		},
	}
	a, logs := newTestAdapter(t, f, h, Config{Token: "tok", GuildID: "g1", ShardID: 0, ShardCount: 2})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	defer func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Error("Run did not stop")
		}
	}()

	// Registration: one bulk overwrite of the guild's commands.
	put := f.waitFor("PUT", "/api/v9/applications/app1/guilds/g1/commands")
	if got := put.Header.Get("Authorization"); got != "Bot tok" {
		t.Errorf("authorization = %q", got)
	}
	var cmds []discordgo.ApplicationCommand
	if err := json.Unmarshal(put.Body, &cmds); err != nil {
		t.Fatal(err)
	}
	names := map[string]discordgo.ApplicationCommand{}
	for _, c := range cmds {
		names[c.Name] = c
	}
	if len(cmds) != 5 || names["news"].Name == "" || names["quote"].Name == "" || names["digest"].Name == "" || names["help"].Name == "" ||
		names["feeds"].Name == "" {
		t.Errorf("registered %d commands: %v", len(cmds), names)
	}
	for _, name := range []string{"digest", "feeds"} {
		// Hidden from members who may not manage channels.
		if p := names[name].DefaultMemberPermissions; p == nil || *p != discordgo.PermissionManageChannels {
			t.Errorf("/%s default_member_permissions = %v, want Manage Channels", name, p)
		}
	}
	if p := names["news"].DefaultMemberPermissions; p != nil {
		t.Errorf("/news is restricted: %v", *p)
	}
	if !names["news"].Options[0].Autocomplete {
		t.Error("/news topic is not autocompleted")
	}
	// Guild commands carry no global-only fields.
	for _, field := range []string{`"contexts"`, `"integration_types"`, `"dm_permission"`} {
		if strings.Contains(string(put.Body), field) {
			t.Errorf("guild registration sends the global-only field %s", field)
		}
	}

	// Handshake: IDENTIFY with the token, the two intents and the shard.
	var id struct {
		Token   string `json:"token"`
		Intents int    `json:"intents"`
		Shard   [2]int `json:"shard"`
	}
	select {
	case raw := <-f.identify:
		if err := json.Unmarshal(raw, &id); err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no IDENTIFY")
	}
	if id.Token != "Bot tok" || id.Intents != 1|1<<12 || id.Shard != [2]int{0, 2} {
		t.Errorf("identify = %+v, want intents %d shard [0 2]", id, 1|1<<12)
	}
	f.waitFor("GET", "/api/v9/gateway")

	// /news topic:mexico → deferred (public) → edit with the digest.
	sent := time.Now()
	f.send("INTERACTION_CREATE", interactionJSON("i1", "tok1", "g1", 0,
		`{"id":"cmd1","name":"news","type":1,"options":[{"name":"topic","type":3,"value":"mexico"}]}`))
	cb := f.waitFor("POST", "/api/v9/interactions/i1/tok1/callback")
	t.Logf("deferred response %v after the interaction was sent", time.Since(sent))
	if f.count("PATCH", "/api/v9/webhooks/app1/tok1/messages/@original") != 0 {
		t.Error("edited before the handler was released")
	}
	close(release)
	var resp discordgo.InteractionResponse
	if err := json.Unmarshal(cb.Body, &resp); err != nil {
		t.Fatal(err)
	}
	if resp.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource || (resp.Data != nil && resp.Data.Flags != 0) {
		t.Errorf("initial response = %s, want a public deferral", cb.Body)
	}
	edit := f.waitFor("PATCH", "/api/v9/webhooks/app1/tok1/messages/@original")
	var edited struct {
		Content string                    `json:"content"`
		Embeds  []*discordgo.MessageEmbed `json:"embeds"`
	}
	if err := json.Unmarshal(edit.Body, &edited); err != nil {
		t.Fatal(err)
	}
	for _, p := range checkMessage(edited.Content, edited.Embeds) {
		t.Errorf("edit breaks a limit: %s", p)
	}
	golden(t, filepath.Join("testdata", "gateway_news_edit.json"), indentJSON(t, edited))
	got := h.commands()
	want := digest.Command{Name: digest.CmdNews, Args: "mexico", Platform: "discord", Workspace: "g1", ChannelID: "c1", UserID: "u1"}
	if len(got) != 1 || fmt.Sprint(got[0]) != fmt.Sprint(want) {
		t.Errorf("handler got %+v, want %+v", got, want)
	}

	// Autocomplete: answered directly with at most 25 distinct choices.
	f.send("INTERACTION_CREATE", `{"id":"i2","application_id":"app1","type":4,"token":"tok2","guild_id":"g1","channel_id":"c1",
		"member":{"user":{"id":"u1"},"permissions":"0"},"data":{"id":"cmd1","name":"news","type":1,"options":[{"name":"topic","type":3,"value":"mex","focused":true}]}}`)
	ac := f.waitFor("POST", "/api/v9/interactions/i2/tok2/callback")
	if err := json.Unmarshal(ac.Body, &resp); err != nil {
		t.Fatal(err)
	}
	if resp.Type != discordgo.InteractionApplicationCommandAutocompleteResult || len(resp.Data.Choices) != 25 {
		t.Errorf("autocomplete = type %d with %d choices, want 8 with 25", resp.Type, len(resp.Data.Choices))
	}

	// /digest add without Manage Channels: refused at once, privately.
	f.send("INTERACTION_CREATE", interactionJSON("i3", "tok3", "g1", discordgo.PermissionSendMessages,
		`{"id":"cmd3","name":"digest","type":1,"options":[{"name":"add","type":1,"options":[{"name":"topics","type":3,"value":"mexico"},{"name":"time","type":3,"value":"08:00"}]}]}`))
	refusal := f.waitFor("POST", "/api/v9/interactions/i3/tok3/callback")
	if err := json.Unmarshal(refusal.Body, &resp); err != nil {
		t.Fatal(err)
	}
	if resp.Type != discordgo.InteractionResponseChannelMessageWithSource || resp.Data.Flags != discordgo.MessageFlagsEphemeral || resp.Data.Content != forbiddenText {
		t.Errorf("refusal = %s", refusal.Body)
	}

	// A DM: free text is a quote lookup, answered as a reply in the DM.
	f.send("MESSAGE_CREATE", `{"id":"dm-msg-1","channel_id":"dm1","content":"who said this bridge belongs to everyone?","author":{"id":"u2","username":"bo"}}`)
	dm := f.waitFor("POST", "/api/v9/channels/dm1/messages")
	var dmReply discordgo.MessageSend
	if err := json.Unmarshal(dm.Body, &dmReply); err != nil {
		t.Fatal(err)
	}
	if dmReply.Reference == nil || dmReply.Reference.MessageID != "dm-msg-1" || len(dmReply.Embeds) != 2 {
		t.Errorf("DM reply = %s", dm.Body)
	}
	for _, p := range checkMessage(dmReply.Content, dmReply.Embeds) {
		t.Errorf("DM reply breaks a limit: %s", p)
	}
	// Bot messages and guild messages are ignored.
	f.send("MESSAGE_CREATE", `{"id":"x","channel_id":"dm1","content":"hello","author":{"id":"b","bot":true}}`)
	f.send("MESSAGE_CREATE", `{"id":"y","channel_id":"c1","guild_id":"g1","content":"/news x","author":{"id":"u3"}}`)

	got = h.commands()
	if len(got) != 2 || got[1].Name != digest.CmdQuote || got[1].Args != "this bridge belongs to everyone" || !got[1].DM || got[1].CanManage {
		t.Errorf("handler commands = %+v", got)
	}
	if n := f.count("POST", "/api/v9/interactions/i3/tok3/callback"); n != 1 {
		t.Errorf("refusal answered %d times", n)
	}
	if strings.Contains(logs.String(), "tok1") || strings.Contains(logs.String(), "Bot tok") {
		t.Error("a token reached the logs")
	}
}

// TestInteractionErrorIsPrivate: a handler error after a public deferral
// removes the deferral and answers privately with the user message.
func TestInteractionErrorIsPrivate(t *testing.T) {
	t.Parallel()
	f := newFakeDiscord(t)
	h := &fakeHandler{handle: func(digest.Command) (digest.Reply, error) {
		return digest.Reply{}, &digest.Error{Code: digest.CodeUnavailable, Message: "News search is unavailable right now.", Err: errors.New("db: connection refused")}
	}}
	a, logs := newTestAdapter(t, f, h, Config{})
	i, err := decodeInteraction([]byte(interactionJSON("i9", "tok9", "g1", 0, `{"name":"news","type":1,"options":[{"name":"topic","type":3,"value":"x"}]}`)))
	if err != nil {
		t.Fatal(err)
	}
	a.onInteraction(a.s, &discordgo.InteractionCreate{Interaction: i})
	f.waitFor("POST", "/api/v9/interactions/i9/tok9/callback")
	f.waitFor("DELETE", "/api/v9/webhooks/app1/tok9/messages/@original")
	fu := f.waitFor("POST", "/api/v9/webhooks/app1/tok9")
	var p discordgo.WebhookParams
	if err := json.Unmarshal(fu.Body, &p); err != nil {
		t.Fatal(err)
	}
	if p.Flags != discordgo.MessageFlagsEphemeral || p.Content != "News search is unavailable right now." {
		t.Errorf("follow-up = %s", fu.Body)
	}
	if !strings.Contains(logs.String(), "connection refused") {
		t.Error("cause not logged")
	}
}

func TestPublishRateLimited(t *testing.T) {
	t.Parallel()
	f := newFakeDiscord(t)
	f.on("POST", "/api/v9/channels/c9/messages", func(n int, w http.ResponseWriter, r request) {
		w.Header().Set("Content-Type", "application/json")
		if n == 1 {
			w.Header().Set("Retry-After", "1")
			w.Header().Set("X-RateLimit-Remaining", "0")
			w.Header().Set("X-RateLimit-Reset-After", "0.05")
			w.WriteHeader(http.StatusTooManyRequests)
			fmt.Fprint(w, `{"message":"You are being rate limited.","retry_after":0.05,"global":false}`)
			return
		}
		fmt.Fprint(w, `{"id":"m1","channel_id":"c9"}`)
	})
	a, _ := newTestAdapter(t, f, &fakeHandler{}, Config{})
	start := time.Now()
	r := sampleReplies()["daily"]
	if err := a.Publish(context.Background(), digest.Channel{Platform: "discord", ChannelID: "c9"}, r, "schedule-7/2026-11-27"); err != nil {
		t.Fatal(err)
	}
	if elapsed := time.Since(start); elapsed < 50*time.Millisecond {
		t.Errorf("retry after %v, before Retry-After", elapsed)
	}
	first, second := f.waitFor("POST", "/api/v9/channels/c9/messages"), f.waitFor("POST", "/api/v9/channels/c9/messages")
	var a1, a2 struct {
		Nonce        string                    `json:"nonce"`
		EnforceNonce bool                      `json:"enforce_nonce"`
		Content      string                    `json:"content"`
		Embeds       []*discordgo.MessageEmbed `json:"embeds"`
	}
	_ = json.Unmarshal(first.Body, &a1)
	_ = json.Unmarshal(second.Body, &a2)
	if a1.Nonce == "" || len(a1.Nonce) > 25 || !a1.EnforceNonce || a1.Nonce != a2.Nonce {
		t.Errorf("nonces %q / %q enforce %v", a1.Nonce, a2.Nonce, a1.EnforceNonce)
	}
	if f.count("POST", "/api/v9/channels/c9/messages") != 2 {
		t.Errorf("requests: %v", f.requests())
	}
	for _, p := range checkMessage(a2.Content, a2.Embeds) {
		t.Errorf("published message breaks a limit: %s", p)
	}
}

func TestPublishSplitsAndLogsFailure(t *testing.T) {
	t.Parallel()
	f := newFakeDiscord(t)
	f.on("POST", "/api/v9/channels/c7/messages", func(n int, w http.ResponseWriter, r request) {
		if n == 2 {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusForbidden)
			fmt.Fprint(w, `{"message":"Missing Permissions","code":50013}`)
			return
		}
		fmt.Fprint(w, `{"id":"m"}`)
	})
	a, logs := newTestAdapter(t, f, &fakeHandler{}, Config{})
	d := sampleDigest()
	r := digest.Reply{Kind: digest.ReplyDaily, Topics: []string{"mexico"}}
	for range 12 {
		r.Stories = append(r.Stories, *d)
	}
	err := a.Publish(context.Background(), digest.Channel{Platform: "discord", ChannelID: "c7"}, r, "k")
	if err == nil || !strings.Contains(err.Error(), "c7") {
		t.Fatalf("err = %v", err)
	}
	if !strings.Contains(logs.String(), `"channel_id":"c7"`) {
		t.Errorf("failure not logged with the channel id: %s", logs.String())
	}
	one, two := f.waitFor("POST", "/api/v9/channels/c7/messages"), f.waitFor("POST", "/api/v9/channels/c7/messages")
	if nonceOf(one.Body) == nonceOf(two.Body) {
		t.Error("parts share a nonce")
	}
}

func nonceOf(b []byte) string {
	var v struct {
		Nonce string `json:"nonce"`
	}
	_ = json.Unmarshal(b, &v)
	return v.Nonce
}

// option is a command option named name with value v.
func option(name string, v any) *discordgo.ApplicationCommandInteractionDataOption {
	return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Value: v}
}

// subcommand is the options of a command invoked as its subcommand name
// with options o.
func subcommand(name string, o ...*discordgo.ApplicationCommandInteractionDataOption) []*discordgo.ApplicationCommandInteractionDataOption {
	return []*discordgo.ApplicationCommandInteractionDataOption{{Name: name, Type: discordgo.ApplicationCommandOptionSubCommand, Options: o}}
}

func TestCommandText(t *testing.T) {
	tests := []struct {
		name string
		data discordgo.ApplicationCommandInteractionData
		want string
	}{
		{"news", discordgo.ApplicationCommandInteractionData{Name: "news"}, "/news "},
		{"news topic", discordgo.ApplicationCommandInteractionData{Name: "news", Options: []*discordgo.ApplicationCommandInteractionDataOption{option("topic", " mexico\ncity ")}}, "/news mexico city"},
		{"quote", discordgo.ApplicationCommandInteractionData{Name: "quote", Options: []*discordgo.ApplicationCommandInteractionDataOption{option("words", "not for sale")}}, "/quote not for sale"},
		{"help", discordgo.ApplicationCommandInteractionData{Name: "help"}, "/help"},
		{"digest add full", discordgo.ApplicationCommandInteractionData{Name: "digest", Options: subcommand("add",
			option("topics", "mexico, energy"), option("time", "08:00"), option("timezone", "America/Mexico_City"), option("days", "mon-fri"), option("max", 5.0))},
			"/digest add mexico, energy at 08:00 America/Mexico_City on mon-fri max 5"},
		{"digest add minimal", discordgo.ApplicationCommandInteractionData{Name: "digest", Options: subcommand("add", option("topics", "climate"), option("time", "7:30pm"))}, "/digest add climate at 7:30pm"},
		{"digest list", discordgo.ApplicationCommandInteractionData{Name: "digest", Options: subcommand("list")}, "/digest list"},
		{"digest remove", discordgo.ApplicationCommandInteractionData{Name: "digest", Options: subcommand("remove", option("id", 3.0))}, "/digest remove 3"},
		{"digest now id", discordgo.ApplicationCommandInteractionData{Name: "digest", Options: subcommand("now", option("id", 4.0))}, "/digest now 4"},
		{"digest now topics", discordgo.ApplicationCommandInteractionData{Name: "digest", Options: subcommand("now", option("topics", "energy"))}, "/digest now energy"},
		{"digest now", discordgo.ApplicationCommandInteractionData{Name: "digest", Options: subcommand("now")}, "/digest now"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := commandText(tt.data)
			if err != nil || got != tt.want {
				t.Errorf("commandText = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
	t.Run("parsed schedule", func(t *testing.T) {
		text, _ := commandText(tests[4].data)
		cmd, err := digest.ParseCommand(text)
		if err != nil {
			t.Fatal(err)
		}
		s := cmd.Schedule
		if cmd.Sub != digest.DigestAdd || s == nil || s.Hour != 8 || s.TimeZone != "America/Mexico_City" || len(s.Weekdays) != 5 || s.MaxStories != 5 || len(s.Topics) != 2 {
			t.Errorf("parsed %+v %+v", cmd, s)
		}
	})
	t.Run("unknown", func(t *testing.T) {
		if _, err := commandText(discordgo.ApplicationCommandInteractionData{Name: "nope"}); !errors.Is(err, errUnknownCommand) {
			t.Errorf("err = %v", err)
		}
	})
}

func TestInteractionCommandPermissions(t *testing.T) {
	tests := []struct {
		name   string
		guild  string
		perms  int64
		manage bool
	}{
		{"manage channels", "g1", discordgo.PermissionManageChannels, true},
		{"manage server", "g1", discordgo.PermissionManageGuild, true},
		{"administrator", "g1", discordgo.PermissionAdministrator, true},
		{"member", "g1", discordgo.PermissionSendMessages | discordgo.PermissionViewChannel, false},
		{"dm", "", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			i, err := decodeInteraction([]byte(interactionJSON("i", "t", tt.guild, tt.perms, `{"name":"digest","type":1,"options":[{"name":"list","type":1}]}`)))
			if err != nil {
				t.Fatal(err)
			}
			cmd, err := interactionCommand(i)
			if err != nil {
				t.Fatal(err)
			}
			if cmd.CanManage != tt.manage || cmd.DM != (tt.guild == "") || cmd.UserID != "u1" || cmd.Workspace != tt.guild {
				t.Errorf("cmd = %+v", cmd)
			}
		})
	}
}

func TestNewConfig(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string // substring of the error, "" for success
	}{
		{"ok", Config{Token: "secret-token-xyz", AppID: "a"}, ""},
		{"missing", Config{}, "DISCORD_TOKEN is required; DISCORD_APP_ID is required"},
		{"shard", Config{Token: "secret-token-xyz", AppID: "a", ShardID: 2, ShardCount: 2}, "DISCORD_SHARD_ID"},
		{"bad key", Config{Token: "secret-token-xyz", AppID: "a", PublicKey: "zz"}, "DISCORD_PUBLIC_KEY"},
		{"listen needs key", Config{Token: "secret-token-xyz", AppID: "a", ListenAddr: ":0"}, "DISCORD_PUBLIC_KEY is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.cfg, &fakeHandler{}, nil)
			if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
			if err != nil && strings.Contains(err.Error(), tt.cfg.Token) && tt.cfg.Token != "" {
				t.Error("token in error")
			}
		})
	}
}

func FuzzInteractionCommand(f *testing.F) {
	f.Add([]byte(interactionJSON("i", "t", "g", 16, `{"name":"digest","type":1,"options":[{"name":"add","type":1,"options":[{"name":"topics","type":3,"value":"mexico"},{"name":"time","type":3,"value":"08:00"},{"name":"max","type":4,"value":3}]}]}`)))
	f.Add([]byte(interactionJSON("i", "t", "", 0, `{"name":"news","type":1,"options":[{"name":"topic","type":3,"value":123}]}`)))
	f.Fuzz(func(t *testing.T, body []byte) {
		i, err := decodeInteraction(body)
		if err != nil || (i.Type != discordgo.InteractionApplicationCommand && i.Type != discordgo.InteractionApplicationCommandAutocomplete) {
			return
		}
		cmd, err := interactionCommand(i)
		if err != nil {
			if digest.UserMessage(err) == "" {
				t.Fatal("empty user message")
			}
			return
		}
		if cmd.Platform != Platform || (cmd.DM && cmd.CanManage) {
			t.Fatalf("bad context: %+v", cmd)
		}
	})
}

func TestInviteURL(t *testing.T) {
	if InvitePermissions != 274877991936 {
		t.Errorf("InvitePermissions = %d, want 274877991936", InvitePermissions)
	}
	want := "https://discord.com/oauth2/authorize?client_id=123&scope=bot+applications.commands&permissions=274877991936"
	if got := InviteURL("123"); got != want {
		t.Errorf("InviteURL = %q", got)
	}
}

// TestGlobalCommandsContexts: global commands say where they may be used.
func TestGlobalCommandsContexts(t *testing.T) {
	byName := map[string]*discordgo.ApplicationCommand{}
	for _, c := range commands(false) {
		byName[c.Name] = c
	}
	if q := byName["quote"]; q.Contexts == nil || !slices.Contains(*q.Contexts, discordgo.InteractionContextBotDM) || q.DMPermission == nil || !*q.DMPermission {
		t.Errorf("/quote not allowed in DMs: %+v", q)
	}
	if d := byName["digest"]; d.Contexts == nil || slices.Contains(*d.Contexts, discordgo.InteractionContextBotDM) || d.DMPermission == nil || *d.DMPermission {
		t.Errorf("/digest allowed in DMs: %+v", d)
	}
	for _, c := range commands(true) {
		if c.Contexts != nil || c.IntegrationTypes != nil || c.DMPermission != nil {
			t.Errorf("guild /%s has global-only fields", c.Name)
		}
	}
}

// TestHelpShowsDiscordOptions: /help lists the options as Discord shows
// them, answered at once and privately without reaching the core.
func TestHelpShowsDiscordOptions(t *testing.T) {
	f := newFakeDiscord(t)
	h := &fakeHandler{}
	a, _ := newTestAdapter(t, f, h, Config{})
	var i discordgo.Interaction
	if err := json.Unmarshal([]byte(interactionJSON("i1", "t1", "g1", 0, `{"name":"help","type":1}`)), &i); err != nil {
		t.Fatal(err)
	}
	resp, then := a.prepare(context.Background(), &i)
	if then != nil || resp.Type != discordgo.InteractionResponseChannelMessageWithSource || resp.Data.Flags != discordgo.MessageFlagsEphemeral {
		t.Fatalf("help response = %+v", resp)
	}
	assertWithinLimits(t, []message{{Embeds: resp.Data.Embeds}})
	desc := resp.Data.Embeds[0].Description
	for _, want := range []string{
		"**/news** `topic:`",
		"**/digest add** `topics:` `time:` [`timezone:`] [`days:`] [`max:`]",
		"**/digest remove** `id:`",
		"-# `timezone` — IANA time zone",
	} {
		if !strings.Contains(desc, want) {
			t.Errorf("help lacks %q:\n%s", want, desc)
		}
	}
	if strings.Contains(desc, "<topics> at <HH:MM>") {
		t.Errorf("help shows the text grammar:\n%s", desc)
	}
	if len(h.commands()) != 0 {
		t.Error("/help reached the core")
	}
}

func TestTopicChoicesCutAtWord(t *testing.T) {
	long := strings.Repeat("energía renovable ", 10) + "final"
	got := topicChoices([]string{long, "mexico", "Mexico", strings.Repeat("x", 150)})
	if len(got) != 3 {
		t.Fatalf("got %d choices, want 3 (case-insensitive duplicates dropped)", len(got))
	}
	for _, c := range got {
		v, _ := c.Value.(string)
		if utf8.RuneCountInString(c.Name) > maxChoiceLen || utf8.RuneCountInString(v) > maxChoiceLen {
			t.Errorf("choice %q / %q over %d characters", c.Name, v, maxChoiceLen)
		}
	}
	if n := got[0].Name; !strings.HasSuffix(n, " renovable…") && !strings.HasSuffix(n, " energía…") {
		t.Errorf("long topic not cut at a word with an ellipsis: %q", n)
	}
	if v := got[0].Value.(string); strings.HasSuffix(v, "…") || !strings.HasPrefix(long, v) {
		t.Errorf("value %q is not the cut topic", v)
	}
}
