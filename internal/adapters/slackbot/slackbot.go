// Package slackbot is the Slack adapter of the news-digest bot. It turns
// slash commands (/news, /quote, /digest, /help) and direct messages into
// digest.Command values, acknowledges them inside Slack's 3-second deadline,
// runs them through a Handler in the background and renders each
// digest.Reply as Block Kit within Slack's message limits. It also publishes
// scheduled digests (digest.Publisher).
//
// It talks to Slack either over Socket Mode (no public URL needed) or over
// HTTP (signed requests to /slack/commands, /slack/events and
// /slack/interactivity). It imports the core and slack-go, never another
// adapter, and never logs a token, a signing secret or a response URL.
package slackbot

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/slack-go/slack"
	"golang.org/x/time/rate"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/jobs"
	"github.com/newsdigest/bot/internal/logattr"
)

// Handler answers one command; *digest.Service implements it. Errors carry
// a user-safe message (digest.UserMessage); the adapter shows that message
// and logs the cause.
type Handler interface {
	Handle(ctx context.Context, cmd digest.Command) (digest.Reply, error)
}

// Connection modes.
const (
	ModeSocket = "socket" // Socket Mode over a websocket (default)
	ModeHTTP   = "http"   // Slack posts signed requests to HTTPHandler
)

// Platform is the digest.Command and digest.Channel platform name.
const Platform = logattr.Slack

// Config configures an Adapter. Zero values of the optional fields select
// the documented defaults.
type Config struct {
	// BotToken (xoxb-…) authenticates Web API calls. Required.
	BotToken string
	// AppToken (xapp-…, scope connections:write) opens Socket Mode
	// connections. Required in socket mode.
	AppToken string
	// SigningSecret verifies HTTP requests from Slack. Required in http
	// mode; without it HTTPHandler rejects every request.
	SigningSecret string
	// Mode is ModeSocket (default) or ModeHTTP.
	Mode string
	// ListenAddr is where Run serves HTTPHandler in http mode, e.g. ":3000".
	// Empty: Run serves nothing (mount HTTPHandler on your own server).
	ListenAddr string
	// APIURL overrides the Web API base URL (tests). A trailing slash is added.
	APIURL string
	// HTTPClient makes outgoing calls (Web API and response URLs).
	// Default: a client with a 15-second timeout.
	HTTPClient *http.Client
	// BotUserID, when known, lets the adapter ignore its own messages even
	// if they arrive without a bot_id.
	BotUserID string
	// Managers are the user ids who may add, change and remove feeds and
	// digests (digest.Command.CanManage); empty lets everyone.
	Managers []string

	// MaxConcurrent bounds commands running at once (default 16);
	// MaxPending bounds those accepted but not finished (default 256). Over
	// MaxPending, users are asked to try again.
	MaxConcurrent int
	MaxPending    int
	// CommandTimeout bounds one command, handler and delivery (default 60s).
	CommandTimeout time.Duration
	// MaxRetries is how often a rate-limited (429) call is retried
	// (default 3); MaxRetryWait is the longest Retry-After waited out
	// (default 30s; a longer one fails the call).
	MaxRetries   int
	MaxRetryWait time.Duration
	// DrainTimeout is how long Run waits for running commands after its
	// context ends (default 20s).
	DrainTimeout time.Duration
	// PingInterval is how long Socket Mode waits for Slack's websocket
	// ping before reconnecting (default 30s).
	PingInterval time.Duration
	// Now is the clock for deduplication windows (default time.Now).
	Now func() time.Time

	// History bounds the conversations.history reads of Posted (see
	// HistoryConfig); the zero value keeps within the limits Slack sets
	// for commercially distributed apps outside the Marketplace.
	History HistoryConfig

	// Replays, when set, records served request signatures (http mode) so
	// a replayed request is refused across processes; nil: this process
	// remembers them.
	Replays ReplayGuard
}

func (c Config) withDefaults() Config {
	if c.Mode == "" {
		c.Mode = ModeSocket
	}
	if c.APIURL == "" {
		c.APIURL = slack.APIURL
	}
	if !strings.HasSuffix(c.APIURL, "/") {
		c.APIURL += "/"
	}
	if c.HTTPClient == nil {
		c.HTTPClient = &http.Client{Timeout: 15 * time.Second}
	}
	// Zero or negative durations and counts take the defaults (cmp.Or).
	c.MaxConcurrent = cmp.Or(max(c.MaxConcurrent, 0), jobs.DefaultMaxConcurrent)
	c.MaxPending = cmp.Or(max(c.MaxPending, 0), jobs.DefaultMaxPending)
	c.CommandTimeout = cmp.Or(max(c.CommandTimeout, 0), 60*time.Second)
	c.MaxRetries = cmp.Or(max(c.MaxRetries, 0), 3)
	c.MaxRetryWait = cmp.Or(max(c.MaxRetryWait, 0), 30*time.Second)
	c.DrainTimeout = cmp.Or(max(c.DrainTimeout, 0), jobs.DefaultDrainTimeout)
	c.PingInterval = cmp.Or(max(c.PingInterval, 0), 30*time.Second)
	if c.Now == nil {
		c.Now = time.Now
	}
	c.History = c.History.withDefaults()
	return c
}

// Validate reports every problem of c at once, the documented defaults
// applied first, naming the environment variables that set each field; it
// never includes a token. New calls it, and so does the program's
// configuration loader: the rules are written here only.
func (c Config) Validate() error { return c.withDefaults().validate() }

func (c Config) validate() error {
	var errs []error
	if c.BotToken == "" {
		errs = append(errs, errors.New("bot token (SLACK_BOT_TOKEN) is required"))
	} else if !strings.HasPrefix(c.BotToken, "xoxb-") {
		errs = append(errs, errors.New("bot token must be a bot token starting with xoxb-"))
	}
	switch c.Mode {
	case ModeSocket:
		if c.AppToken == "" {
			errs = append(errs, errors.New("socket mode needs an app-level token (SLACK_APP_TOKEN)"))
		} else if !strings.HasPrefix(c.AppToken, "xapp-") {
			errs = append(errs, errors.New("app-level token must start with xapp-"))
		}
	case ModeHTTP:
		if c.SigningSecret == "" {
			errs = append(errs, errors.New("http mode needs the signing secret (SLACK_SIGNING_SECRET)"))
		}
	default:
		errs = append(errs, fmt.Errorf("mode %q is not %q or %q", c.Mode, ModeSocket, ModeHTTP))
	}
	return errors.Join(errs...)
}

// Adapter connects Slack to a Handler. Create it with New and start it with
// Run; HTTPHandler and Publish are safe for concurrent use.
type Adapter struct {
	cfg Config
	h   Handler
	log *slog.Logger
	api *slack.Client

	events    *seenSet // Events API event ids already answered
	published *seenSet // Publish keys already delivered
	// signatures of the signed requests already served (see replayed)
	signatures *seenSet

	jobs *jobs.Runner // commands answered in the background

	badRequest rate.Sometimes // rate-limits logs of rejected requests
	history    *rate.Limiter  // spaces conversations.history calls (Config.History)
}

var _ digest.Publisher = (*Adapter)(nil)

// New checks cfg and returns an Adapter calling h. It reports every
// configuration problem at once and never includes a token in an error.
func New(cfg Config, h Handler, logger *slog.Logger) (*Adapter, error) {
	cfg = cfg.withDefaults()
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	if h == nil {
		return nil, errors.New("nil handler")
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	opts := []slack.Option{
		slack.OptionAPIURL(cfg.APIURL),
		slack.OptionHTTPClient(cfg.HTTPClient),
	}
	if cfg.AppToken != "" {
		opts = append(opts, slack.OptionAppLevelToken(cfg.AppToken))
	}
	log := logger.With(logattr.Platform(Platform))
	a := &Adapter{
		cfg:        cfg,
		h:          h,
		log:        log,
		api:        slack.New(cfg.BotToken, opts...),
		events:     newSeenSet(10000, time.Hour, cfg.Now),
		published:  newSeenSet(10000, 48*time.Hour, cfg.Now),
		signatures: newSeenSet(100000, replayTTL, cfg.Now),
		jobs: jobs.New(jobs.Config{
			MaxConcurrent: cfg.MaxConcurrent, MaxPending: cfg.MaxPending,
			Timeout: cfg.CommandTimeout, DrainTimeout: cfg.DrainTimeout,
		}, log),
		badRequest: rate.Sometimes{First: 3, Interval: time.Minute},
		history:    rate.NewLimiter(rate.Every(cfg.History.Interval), 1),
	}
	return a, nil
}

// Run connects to Slack (Socket Mode, reconnecting as needed) or serves
// HTTPHandler on ListenAddr (http mode) until ctx ends. It then waits up to
// DrainTimeout for commands in progress to be answered, and returns nil
// after a clean stop. It returns an error when Slack refuses the tokens or
// the listener cannot start. Call Run once.
func (a *Adapter) Run(ctx context.Context) error {
	var err error
	switch a.cfg.Mode {
	case ModeHTTP:
		err = a.runHTTP(ctx)
	default:
		err = a.runSocket(ctx)
	}
	a.drain()
	return err
}

// drain stops accepting work and waits for running commands (up to
// DrainTimeout), then cancels whatever is left.
func (a *Adapter) drain() { a.jobs.Shutdown() }

// submit runs fn in the background with a bounded concurrency and a
// timeout. It reports false when the adapter is stopping or too busy.
func (a *Adapter) submit(what string, fn func(ctx context.Context)) bool {
	return a.jobs.Go(what, fn)
}

// Ack texts.
const (
	ackWorking = "Working on it…"
	ackBusy    = "The news bot is busy right now. Please try again in a minute."
)

// execute runs cmd through the Handler. A failure becomes an ephemeral text
// reply with the user-safe message; the cause is logged.
func (a *Adapter) execute(ctx context.Context, cmd digest.Command) digest.Reply {
	start := time.Now()
	r, err := a.h.Handle(ctx, cmd)
	if err != nil {
		a.log.Log(ctx, digest.LogLevel(err), "slack: command failed", logattr.KeyCommand, cmd.Name, logattr.KeyChannel, cmd.ChannelID,
			logattr.KeyUser, cmd.UserID, logattr.KeyError, err)
		return digest.Reply{Kind: digest.ReplyText, Text: digest.UserMessage(err), Ephemeral: true}
	}
	a.log.DebugContext(ctx, "slack: command answered", logattr.KeyCommand, cmd.Name, logattr.KeyChannel, cmd.ChannelID,
		"kind", int(r.Kind), logattr.Duration(time.Since(start)))
	return r
}

// commandContext fills the platform fields of cmd.
func commandContext(cmd *digest.Command, team, channel, user string, dm bool) {
	cmd.Platform = Platform
	cmd.Workspace = team
	cmd.ChannelID = channel
	cmd.UserID = user
	cmd.DM = dm
	cmd.CanManage = true
}

// isDMChannel tells a direct-message channel id (D…) from the channel name
// Slack sends with slash commands.
func isDMChannel(channelID, channelName string) bool {
	return channelName == "directmessage" || strings.HasPrefix(channelID, "D")
}

// startSlash parses a slash command, starts it in the background and
// returns the immediate acknowledgement to show the user.
func (a *Adapter) startSlash(sc slack.SlashCommand) ackPayload {
	line := sc.Command + " " + sc.Text // "/news help" is the news help (digest.ParseCommand)
	cmd, err := digest.ParseCommand(unslack(line))
	if err != nil {
		return newAck(digest.UserMessage(err))
	}
	commandContext(&cmd, sc.TeamID, sc.ChannelID, sc.UserID, isDMChannel(sc.ChannelID, sc.ChannelName))
	cmd.CanManage = a.mayManage(sc.UserID)
	responseURL := sc.ResponseURL
	ok := a.submit(cmd.Name, func(ctx context.Context) {
		r, refused := a.admit(ctx, cmd)
		if !refused {
			r = a.execute(ctx, cmd)
		}
		a.deliverSlash(ctx, cmd, responseURL, r)
	})
	if !ok {
		a.log.Warn("slack: command refused, too busy", logattr.KeyCommand, cmd.Name, logattr.KeyChannel, cmd.ChannelID)
		return newAck(ackBusy)
	}
	return newAck(ackWorking)
}

// deliverSlash posts the answer to a slash command through its response
// URL, or to the channel when there is no usable response URL.
func (a *Adapter) deliverSlash(ctx context.Context, cmd digest.Command, responseURL string, r digest.Reply) {
	msg := render(r)
	if responseURL != "" {
		err := a.respond(ctx, responseURL, msg, r.Ephemeral)
		if err == nil {
			return
		}
		a.log.WarnContext(ctx, "slack: response url post failed", logattr.KeyCommand, cmd.Name, logattr.KeyChannel, cmd.ChannelID, logattr.KeyError, err)
		if r.Ephemeral {
			return
		}
	}
	if err := a.post(ctx, cmd.ChannelID, msg, ""); err != nil {
		a.log.ErrorContext(ctx, "slack: reply failed", logattr.KeyCommand, cmd.Name, logattr.KeyChannel, cmd.ChannelID, logattr.KeyError, err)
	}
}
