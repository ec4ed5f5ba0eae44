// Package discordbot connects the news-digest bot to Discord through
// github.com/bwmarrin/discordgo: slash commands (/news, /quote, /digest,
// /help) arriving over the gateway or an HTTP interactions endpoint, direct
// messages, and scheduled digests posted to channels.
//
// It only translates: interactions and DMs become digest.Command values for
// a Handler (the core Service), and digest.Reply values are rendered as
// embeds within every Discord size limit. It must not import another
// adapter or a store.
package discordbot

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/digest/urls"
	"github.com/newsdigest/bot/internal/jobs"
	"github.com/newsdigest/bot/internal/logattr"
)

// Handler answers commands; the core's *digest.Service implements it.
type Handler interface {
	// Handle answers cmd. Errors carry a user-safe message (digest.UserMessage).
	Handle(ctx context.Context, cmd digest.Command) (digest.Reply, error)
	// Topics returns up to limit recent story topics starting with prefix,
	// for autocomplete. It must answer well within a second.
	Topics(ctx context.Context, prefix string, limit int) ([]string, error)
}

// Config configures the adapter. Token and AppID are required; PublicKey is
// required for the HTTP interactions endpoint.
type Config struct {
	Token     string // bot token, with or without the "Bot " prefix; never logged
	AppID     string // application id (registers commands, edits interaction replies)
	GuildID   string // register commands in this guild only (instant, for development); "" = global
	PublicKey string // hex Ed25519 public key of the application (HTTP interactions)

	// ShardID and ShardCount split the gateway between processes
	// (ShardCount 0 or 1: a single shard).
	ShardID, ShardCount int

	// ListenAddr, when set, makes Run serve HTTPHandler there (e.g. ":8081").
	ListenAddr string

	// APIURL, when set, receives every REST call meant for
	// https://discord.com, path kept (a rate-limit proxy shared by several
	// processes, or a test server), e.g. "http://127.0.0.1:8080".
	APIURL string

	// HandlerTimeout bounds one command's work after the deferred reply
	// (default 2 minutes; at most 14 minutes, inside the 15-minute token).
	HandlerTimeout time.Duration
	// ShutdownTimeout bounds how long Run waits for commands in flight when
	// ctx is done (default 20 seconds).
	ShutdownTimeout time.Duration
}

// Option adjusts an Adapter; used by tests.
type Option func(*Adapter)

// WithHTTPClient makes every REST call (and the gateway URL lookup) go
// through c; tests give a client whose transport sends discord.com requests
// to a local server, keeping their real paths.
func WithHTTPClient(c *http.Client) Option { return func(a *Adapter) { a.s.Client = c } }

// WithDialer sets the websocket dialer of the gateway connection.
func WithDialer(d *websocket.Dialer) Option { return func(a *Adapter) { a.s.Dialer = d } }

// WithClock sets the clock the HTTP endpoint checks request timestamps with.
func WithClock(now func() time.Time) Option { return func(a *Adapter) { a.now = now } }

// Intents are the gateway intents the adapter asks for: guild metadata and
// direct messages, nothing privileged (DM text reaches bots without the
// Message Content intent).
const Intents = discordgo.IntentsGuilds | discordgo.IntentsDirectMessages

// Adapter is the Discord platform adapter. It also implements
// digest.Publisher. Its methods are safe for concurrent use; Run is called
// once.
type Adapter struct {
	cfg    Config
	h      Handler
	log    *slog.Logger
	s      *discordgo.Session
	pubKey ed25519.PublicKey
	now    func() time.Time

	// jobs runs the answers in flight; its context outlives Run's ctx so
	// that answers started before shutdown are still delivered.
	jobs *jobs.Runner
}

var _ digest.Publisher = (*Adapter)(nil)

// Validate reports every problem of c at once, naming the environment
// variables that set each field; it never includes the token. New calls
// it, and so does the program's configuration loader: the rules are
// written here only.
func (c Config) Validate() error { return c.check() }

// ValidateShard reports whether shardID is a shard of shardCount (a count
// of 0 or 1 is one shard): the rule of Validate alone, for a configuration
// that does not use Discord.
func ValidateShard(shardID, shardCount int) error {
	if p := shardProblem(shardID, shardCount); p != "" {
		return fmt.Errorf("discord config: %s", p)
	}
	return nil
}

func shardProblem(id, count int) string {
	if count < 0 || id < 0 || (count > 1 && id >= count) || (count <= 1 && id != 0) {
		return fmt.Sprintf("DISCORD_SHARD_ID %d is outside DISCORD_SHARD_COUNT %d", id, count)
	}
	return ""
}

// check is Validate, with more problems (New's) listed last.
func (c Config) check(more ...string) error {
	var problems []string
	if strings.TrimSpace(c.Token) == "" {
		problems = append(problems, "DISCORD_TOKEN is required")
	}
	if strings.TrimSpace(c.AppID) == "" {
		problems = append(problems, "DISCORD_APP_ID is required")
	}
	if p := shardProblem(c.ShardID, c.ShardCount); p != "" {
		problems = append(problems, p)
	}
	if c.PublicKey != "" {
		if _, err := publicKey(c.PublicKey); err != nil {
			problems = append(problems, "DISCORD_PUBLIC_KEY must be 64 hex characters")
		}
	} else if c.ListenAddr != "" {
		problems = append(problems, "DISCORD_PUBLIC_KEY is required with DISCORD_LISTEN_ADDR")
	}
	if c.APIURL != "" {
		if _, ok := urls.ParseHTTP(c.APIURL); !ok {
			problems = append(problems, "DISCORD_API_URL must be an http(s) URL")
		}
	}
	problems = append(problems, more...)
	if len(problems) > 0 {
		return fmt.Errorf("discord config: %s", strings.Join(problems, "; "))
	}
	return nil
}

// publicKey decodes a hex Ed25519 public key.
func publicKey(s string) (ed25519.PublicKey, error) {
	b, err := hex.DecodeString(strings.TrimSpace(s))
	if err != nil {
		return nil, err
	}
	if len(b) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("%d bytes, not %d", len(b), ed25519.PublicKeySize)
	}
	return b, nil
}

// New checks cfg (see Validate) and builds an adapter; it does no I/O.
func New(cfg Config, h Handler, logger *slog.Logger, opts ...Option) (*Adapter, error) {
	var more []string
	if h == nil {
		more = append(more, "a handler is required")
	}
	if err := cfg.check(more...); err != nil {
		return nil, err
	}
	token := strings.TrimSpace(cfg.Token)
	var pub ed25519.PublicKey
	if cfg.PublicKey != "" {
		pub, _ = publicKey(cfg.PublicKey) // checked above
	}
	var apiBase *url.URL
	if cfg.APIURL != "" {
		apiBase, _ = urls.ParseHTTP(cfg.APIURL) // checked above
	}
	if !strings.HasPrefix(token, "Bot ") {
		token = "Bot " + token
	}
	if cfg.ShardCount < 1 {
		cfg.ShardCount = 1
	}
	if cfg.HandlerTimeout <= 0 {
		cfg.HandlerTimeout = 2 * time.Minute
	}
	cfg.HandlerTimeout = min(cfg.HandlerTimeout, 14*time.Minute)
	if cfg.ShutdownTimeout <= 0 {
		cfg.ShutdownTimeout = 20 * time.Second
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	s, err := discordgo.New(token)
	if err != nil {
		return nil, fmt.Errorf("discord session: %w", err)
	}
	if apiBase != nil {
		s.Client = &http.Client{Timeout: 20 * time.Second, Transport: toAPIBase{base: apiBase, next: http.DefaultTransport}}
	}
	s.Identify.Intents = Intents
	s.ShardID, s.ShardCount = cfg.ShardID, cfg.ShardCount
	s.LogLevel = discordgo.LogError
	s.StateEnabled = true
	s.State.TrackMembers = false
	s.State.TrackPresences = false
	s.State.TrackVoice = false
	cfg.Token = "" // kept only inside the session
	log := logger.With(logattr.Platform(Platform), logattr.KeyShard, cfg.ShardID)
	a := &Adapter{
		cfg:    cfg,
		h:      h,
		log:    log,
		s:      s,
		pubKey: pub,
		now:    time.Now,
		jobs:   jobs.New(jobs.Config{DrainTimeout: cfg.ShutdownTimeout}, log),
	}
	for _, o := range opts {
		o(a)
	}
	s.AddHandler(a.onReady)
	s.AddHandler(a.onInteraction)
	s.AddHandler(a.onMessage)
	return a, nil
}

// Run registers the slash commands (shard 0 only), opens the gateway,
// serves the HTTP interactions endpoint when ListenAddr is set, and blocks
// until ctx is done. It then closes the gateway and waits (up to
// ShutdownTimeout) for answers in flight. It returns an error when the
// startup fails.
func (a *Adapter) Run(ctx context.Context) error {
	if a.cfg.ShardID == 0 {
		if err := a.registerCommands(ctx); err != nil {
			return err
		}
	}
	a.checkGateway(ctx)
	if err := a.s.Open(); err != nil {
		return fmt.Errorf("open discord gateway: %w", err)
	}
	a.log.InfoContext(ctx, "discord gateway open", "intents", int(Intents), logattr.KeyShardCount, a.cfg.ShardCount)

	var srvErr chan error
	var srv *http.Server
	if a.cfg.ListenAddr != "" {
		ln, err := net.Listen("tcp", a.cfg.ListenAddr)
		if err != nil {
			a.closeGateway()
			return fmt.Errorf("listen for discord interactions: %w", err)
		}
		srv = &http.Server{Handler: a.HTTPHandler(), ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second}
		srvErr = make(chan error, 1)
		go func() { srvErr <- srv.Serve(ln) }()
		a.log.InfoContext(ctx, "discord interactions endpoint listening", logattr.KeyAddr, ln.Addr().String())
	}

	var runErr error
	select {
	case <-ctx.Done():
	case err := <-srvErr:
		runErr = fmt.Errorf("serve discord interactions: %w", err)
	}
	if srv != nil {
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		_ = srv.Shutdown(sctx)
		cancel()
	}
	a.closeGateway()
	a.drain()
	return runErr
}

func (a *Adapter) registerCommands(ctx context.Context) error {
	cmds, err := a.s.ApplicationCommandBulkOverwrite(a.cfg.AppID, a.cfg.GuildID, commands(a.cfg.GuildID != ""), discordgo.WithContext(ctx))
	if err != nil {
		return fmt.Errorf("register discord commands: %w", err)
	}
	scope := "global"
	if a.cfg.GuildID != "" {
		scope = "guild"
	}
	a.log.InfoContext(ctx, "discord commands registered", logattr.KeyCount, len(cmds), "scope", scope, logattr.KeyWorkspace, a.cfg.GuildID)
	return nil
}

// checkGateway warns when the shard count is below Discord's recommendation
// or session starts are nearly exhausted; it never fails Run.
func (a *Adapter) checkGateway(ctx context.Context) {
	gb, err := a.s.GatewayBot(discordgo.WithContext(ctx))
	if err != nil {
		a.log.WarnContext(ctx, "discord gateway info unavailable", logattr.KeyError, err)
		return
	}
	if gb.Shards > a.cfg.ShardCount {
		a.log.WarnContext(ctx, "discord recommends more shards", "recommended", gb.Shards, logattr.KeyShardCount, a.cfg.ShardCount)
	}
	if gb.SessionStartLimit.Total > 0 && gb.SessionStartLimit.Remaining < 10 {
		a.log.WarnContext(ctx, "discord session starts nearly exhausted", "remaining", gb.SessionStartLimit.Remaining,
			"reset_after_ms", gb.SessionStartLimit.ResetAfter)
	}
}

func (a *Adapter) closeGateway() {
	if err := a.s.Close(); err != nil {
		a.log.Warn("close discord gateway", logattr.KeyError, err)
	}
}

// drain stops new work and waits for work in flight (up to
// ShutdownTimeout, then cancels it).
func (a *Adapter) drain() { a.jobs.Shutdown() }

// later runs then, the answer to interaction i, in the background. When
// the adapter is too busy or stopping it edits the deferred response into
// a refusal instead.
func (a *Adapter) later(ctx context.Context, i *discordgo.Interaction, then func(context.Context)) {
	if a.jobs.Go("interaction", then) {
		return
	}
	a.log.WarnContext(ctx, "discord command refused, too busy", logattr.KeyInteraction, i.ID, logattr.Channel(i.ChannelID))
	ctx, cancel := context.WithTimeout(ctx, refusalTimeout)
	defer cancel()
	text := busyText
	if _, err := a.s.InteractionResponseEdit(i, &discordgo.WebhookEdit{Content: &text, AllowedMentions: noMentions()}, discordgo.WithContext(ctx)); err != nil {
		a.log.WarnContext(ctx, "discord edit response failed", logattr.KeyInteraction, i.ID, logattr.Err(err))
	}
}

// busyText answers a command the adapter has no room for.
const busyText = "The news bot is busy right now. Please try again in a minute."

// refusalTimeout bounds the edit that tells a user the bot is busy.
const refusalTimeout = 5 * time.Second

func (a *Adapter) onReady(_ *discordgo.Session, r *discordgo.Ready) {
	user := ""
	if r.User != nil {
		user = r.User.Username
	}
	a.log.Info("discord ready", "bot_user", user, "guilds", len(r.Guilds))
}

// InvitePermissions are the channel permissions the bot needs: View
// Channel, Send Messages, Send Messages in Threads (digests added in a
// thread or forum post), Embed Links and Read Message History
// (274877991936).
const InvitePermissions = discordgo.PermissionViewChannel | discordgo.PermissionSendMessages |
	discordgo.PermissionSendMessagesInThreads | discordgo.PermissionEmbedLinks | discordgo.PermissionReadMessageHistory

// InviteURL is the OAuth2 URL that adds the bot to a server with the
// "bot applications.commands" scopes and InvitePermissions.
func InviteURL(appID string) string {
	return "https://discord.com/oauth2/authorize?client_id=" + url.QueryEscape(appID) +
		"&scope=bot+applications.commands&permissions=" + strconv.FormatInt(InvitePermissions, 10)
}

// toAPIBase sends requests meant for discord.com to base instead, with
// base's path before theirs (Config.APIURL).
type toAPIBase struct {
	base *url.URL
	next http.RoundTripper
}

func (t toAPIBase) RoundTrip(r *http.Request) (*http.Response, error) {
	if h := r.URL.Hostname(); h != "discord.com" && !strings.HasSuffix(h, ".discord.com") {
		return t.next.RoundTrip(r)
	}
	r = r.Clone(r.Context())
	r.URL.Scheme, r.URL.Host, r.Host = t.base.Scheme, t.base.Host, t.base.Host
	r.URL.Path = strings.TrimRight(t.base.Path, "/") + r.URL.Path
	r.URL.RawPath = ""
	return t.next.RoundTrip(r)
}
