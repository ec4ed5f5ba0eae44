// Package config loads the bot's settings from the environment (and a .env
// file read by the caller). It reports every problem at once and never puts
// a secret's value in an error.
package config

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/newsdigest/bot/internal/adapters/discordbot"
	"github.com/newsdigest/bot/internal/adapters/slackbot"
)

// Config is the bot's configuration.
type Config struct {
	DataDir     string // SQLite file lives here
	DatabaseURL string // postgres://… selects PostgreSQL (secret: may hold a password)
	LogLevel    string
	LogFormat   string // text | json
	TimeZone    string // default zone for /digest add

	Headless     bool          // no console without a platform: feeds, scheduler and the operators' listener only
	HTTPAddr     string        // operators' listener (/healthz, /readyz, /metrics); "" = off
	DrainTimeout time.Duration // how long commands in flight may finish on shutdown
	Retention    time.Duration // articles older than this are pruned; 0 = keep everything

	HTTPSProxy string // proxy for https:// feeds and pages (secret: may hold credentials)
	HTTPProxy  string // proxy for http:// feeds and pages (secret: may hold credentials)
	NoProxy    string // hosts reached directly

	Feeds          []string // feed URLs
	FeedsFile      string   // one URL a line, or an OPML file
	PollInterval   time.Duration
	FeedLease      time.Duration // how long a claimed feed is held before another process may poll it
	AllowPrivate   bool          // allow fetching private/loopback addresses (operator only)
	FetchMaxBytes  int64
	LoadSamples    bool // load the bundled sample articles into an empty store
	DigestGrace    time.Duration
	DigestLease    time.Duration // how long a claimed run is held before another process may retry it
	DigestInterval time.Duration // longest sleep between scheduler checks

	SlackBotToken      string
	SlackAppToken      string
	SlackSigningSecret string
	SlackMode          string // socket | http
	SlackListenAddr    string
	SlackAPIURL        string                 // Web API base URL override (tests, proxies)
	SlackManagers      []string               // Slack user ids who may manage feeds and digests; empty: everyone
	SlackHistory       slackbot.HistoryConfig // conversations.history limits, from SLACK_APP_DISTRIBUTION (commercial | marketplace | internal)

	WorkspaceFeedLimit int // feeds one workspace may add with /feeds add

	DiscordToken      string
	DiscordAppID      string
	DiscordGuildID    string
	DiscordPublicKey  string
	DiscordShardID    int
	DiscordShardCount int
	DiscordListenAddr string
	DiscordAPIURL     string // REST base URL override (proxies, tests)
}

// Key describes one setting: its environment name, default, and whether it
// is a secret (never logged or echoed).
type Key struct {
	Name    string
	Default string
	Secret  bool
	Help    string
}

// Keys lists every setting, in .env.example order.
var Keys = []Key{
	{"DATA_DIR", "./data", false, "directory for the SQLite store"},
	{"DATABASE_URL", "", true, "postgres://user:pass@host/db to use PostgreSQL instead of SQLite"},
	{"LOG_LEVEL", "info", false, "debug, info, warn or error"},
	{"LOG_FORMAT", "text", false, "text (logfmt-like) or json (one object a line)"},
	{"TIME_ZONE", "UTC", false, "default IANA time zone for /digest add"},
	{"HEADLESS", "false", false, "true: no console when no platform token is set (feeds, scheduler and the operators' listener only)"},
	{"HTTP_ADDR", "", false, "operators' listener for /healthz, /readyz and /metrics, e.g. 127.0.0.1:9090; empty: off"},
	{"DRAIN_TIMEOUT", "8s", false, "on SIGTERM, how long commands in flight may finish (keep under the runtime's kill timeout)"},
	{"RETENTION", "90d", false, "prune articles older than this (e.g. 90d, 2160h); 0: keep everything"},
	{"FEEDS", "", false, "comma-separated RSS/Atom/JSON Feed URLs"},
	{"FEEDS_FILE", "", false, "file with one feed URL a line, or an OPML export"},
	{"POLL_INTERVAL", "15m", false, "how often each feed is polled"},
	{"FEED_LEASE", "1m", false, "how long a process holds a claimed feed before another process may poll it (several processes on one database)"},
	{"ALLOW_PRIVATE_ADDRESSES", "false", false, "allow fetching private/loopback addresses (never for public bots)"},
	{"FETCH_MAX_BYTES", "5242880", false, "largest feed or page accepted, in bytes"},
	{"HTTPS_PROXY", "", true, "proxy for https feeds and pages, e.g. http://proxy.internal:3128"},
	{"HTTP_PROXY", "", true, "proxy for http feeds and pages"},
	{"NO_PROXY", "", false, "comma-separated hosts or domains reached without the proxy"},
	{"LOAD_SAMPLES", "auto", false, "auto: load bundled sample articles when the store is empty; true/false"},
	{"DIGEST_GRACE", "6h", false, "deliver a missed daily digest if the bot is back within this period"},
	{"DIGEST_LEASE", "2m", false, "how long a process holds a claimed digest run before another may retry it"},
	{"DIGEST_CHECK_INTERVAL", "1m", false, "longest time between two scheduler checks"},
	{"SLACK_BOT_TOKEN", "", true, "xoxb-… bot token"},
	{"SLACK_APP_TOKEN", "", true, "xapp-… app-level token (Socket Mode)"},
	{"SLACK_SIGNING_SECRET", "", true, "signing secret (HTTP mode)"},
	{"SLACK_MODE", "socket", false, "socket or http"},
	{"SLACK_LISTEN_ADDR", ":3000", false, "listen address of the Slack HTTP endpoints (SLACK_MODE=http)"},
	{"SLACK_API_URL", "", false, "Slack Web API base URL override (tests or an egress proxy); empty: https://slack.com/api/"},
	{"SLACK_MANAGERS", "", false, "comma-separated Slack user ids (U…) who may add/remove feeds and digests; empty: everyone in the workspace"},
	{"SLACK_APP_DISTRIBUTION", "commercial", false, "commercial (other workspaces, not in the Marketplace: history lookups of 15 messages, 1 a minute), marketplace or internal"},
	{"WORKSPACE_FEED_LIMIT", "100", false, "how many feeds one Slack workspace or Discord server may add with /feeds add"},
	{"DISCORD_TOKEN", "", true, "bot token"},
	{"DISCORD_APP_ID", "", false, "application id"},
	{"DISCORD_GUILD_ID", "", false, "register commands in this guild only (instant, for development)"},
	{"DISCORD_PUBLIC_KEY", "", false, "application public key (HTTP interactions endpoint)"},
	{"DISCORD_SHARD_ID", "0", false, "this process's gateway shard"},
	{"DISCORD_SHARD_COUNT", "1", false, "total gateway shards"},
	{"DISCORD_LISTEN_ADDR", "", false, "serve the Discord HTTP interactions endpoint here (needs DISCORD_PUBLIC_KEY)"},
	{"DISCORD_API_URL", "", false, "Discord REST base URL override (a rate-limit proxy shared by several processes, or tests); empty: https://discord.com"},
}

// Load reads the configuration through getenv, applying defaults, and
// returns every problem found joined in one error.
func Load(getenv func(string) string) (Config, error) {
	get := func(name string) string {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			return v
		}
		for _, k := range Keys {
			if k.Name == name {
				return k.Default
			}
		}
		return ""
	}
	var errs []error
	dur := func(name string) time.Duration {
		d, err := time.ParseDuration(get(name))
		if err != nil || d < 0 {
			errs = append(errs, fmt.Errorf("%s: %q is not a duration (e.g. 15m, 6h)", name, get(name)))
		}
		return d
	}
	boolean := func(name string) bool {
		b, err := strconv.ParseBool(get(name))
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %q is not true or false", name, get(name)))
		}
		return b
	}
	integer := func(name string) int64 {
		n, err := strconv.ParseInt(get(name), 10, 64)
		if err != nil || n < 0 {
			errs = append(errs, fmt.Errorf("%s: %q is not a non-negative number", name, get(name)))
		}
		return n
	}
	c := Config{
		DataDir:            get("DATA_DIR"),
		DatabaseURL:        get("DATABASE_URL"),
		LogLevel:           strings.ToLower(get("LOG_LEVEL")),
		LogFormat:          strings.ToLower(get("LOG_FORMAT")),
		Headless:           boolean("HEADLESS"),
		HTTPAddr:           get("HTTP_ADDR"),
		DrainTimeout:       dur("DRAIN_TIMEOUT"),
		HTTPSProxy:         get("HTTPS_PROXY"),
		HTTPProxy:          get("HTTP_PROXY"),
		NoProxy:            get("NO_PROXY"),
		TimeZone:           get("TIME_ZONE"),
		FeedsFile:          get("FEEDS_FILE"),
		PollInterval:       dur("POLL_INTERVAL"),
		FeedLease:          dur("FEED_LEASE"),
		AllowPrivate:       boolean("ALLOW_PRIVATE_ADDRESSES"),
		FetchMaxBytes:      integer("FETCH_MAX_BYTES"),
		DigestGrace:        dur("DIGEST_GRACE"),
		DigestLease:        dur("DIGEST_LEASE"),
		DigestInterval:     dur("DIGEST_CHECK_INTERVAL"),
		SlackBotToken:      get("SLACK_BOT_TOKEN"),
		SlackAppToken:      get("SLACK_APP_TOKEN"),
		SlackSigningSecret: get("SLACK_SIGNING_SECRET"),
		SlackMode:          strings.ToLower(get("SLACK_MODE")),
		SlackListenAddr:    get("SLACK_LISTEN_ADDR"),
		SlackAPIURL:        get("SLACK_API_URL"),
		DiscordToken:       get("DISCORD_TOKEN"),
		DiscordAppID:       get("DISCORD_APP_ID"),
		DiscordGuildID:     get("DISCORD_GUILD_ID"),
		DiscordPublicKey:   get("DISCORD_PUBLIC_KEY"),
		DiscordShardID:     int(integer("DISCORD_SHARD_ID")),
		DiscordShardCount:  int(integer("DISCORD_SHARD_COUNT")),
		DiscordListenAddr:  get("DISCORD_LISTEN_ADDR"),
		DiscordAPIURL:      get("DISCORD_API_URL"),
	}
	for _, f := range strings.Split(get("FEEDS"), ",") {
		if f = strings.TrimSpace(f); f != "" {
			c.Feeds = append(c.Feeds, f)
		}
	}
	for _, u := range strings.Split(get("SLACK_MANAGERS"), ",") {
		if u = strings.TrimSpace(u); u != "" {
			c.SlackManagers = append(c.SlackManagers, u)
		}
	}
	if c.WorkspaceFeedLimit = int(integer("WORKSPACE_FEED_LIMIT")); c.WorkspaceFeedLimit < 1 {
		errs = append(errs, fmt.Errorf("WORKSPACE_FEED_LIMIT: %q must be at least 1", get("WORKSPACE_FEED_LIMIT")))
	}
	switch s := strings.ToLower(get("LOAD_SAMPLES")); s {
	case "auto", "true", "1", "yes":
		c.LoadSamples = true
	case "false", "0", "no":
	default:
		errs = append(errs, fmt.Errorf("LOAD_SAMPLES: %q is not auto, true or false", s))
	}
	if c.DrainTimeout < time.Second || c.DrainTimeout > 10*time.Minute {
		errs = append(errs, fmt.Errorf("DRAIN_TIMEOUT: %q is not between 1s and 10m", get("DRAIN_TIMEOUT")))
	}
	if r, err := ParseRetention(get("RETENTION")); err != nil {
		errs = append(errs, fmt.Errorf("RETENTION: %w", err))
	} else {
		c.Retention = r
	}
	switch c.LogFormat {
	case "text", "json":
	default:
		errs = append(errs, fmt.Errorf("LOG_FORMAT: %q is not text or json", c.LogFormat))
	}
	for _, p := range []struct{ name, v string }{{"HTTPS_PROXY", c.HTTPSProxy}, {"HTTP_PROXY", c.HTTPProxy}} {
		if p.v == "" {
			continue
		}
		if u, err := url.Parse(p.v); err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "socks5") {
			errs = append(errs, fmt.Errorf("%s must be a proxy URL such as http://proxy:3128 (its value is not shown: it may hold a password)", p.name))
		}
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		errs = append(errs, fmt.Errorf("LOG_LEVEL: %q is not debug, info, warn or error", c.LogLevel))
	}
	if _, err := time.LoadLocation(c.TimeZone); err != nil {
		errs = append(errs, fmt.Errorf("TIME_ZONE: unknown time zone %q", c.TimeZone))
	}
	// The platforms' own rules are the adapters' (written once, there).
	if h, err := slackbot.HistoryFor(strings.ToLower(get("SLACK_APP_DISTRIBUTION"))); err != nil {
		errs = append(errs, err)
	} else {
		c.SlackHistory = h
	}
	if c.SlackMode != "socket" && c.SlackMode != "http" {
		errs = append(errs, fmt.Errorf("SLACK_MODE: %q is not socket or http", c.SlackMode))
	} else if c.Slack() {
		errs = append(errs, c.SlackConfig().Validate())
	}
	if c.Discord() || c.DiscordListenAddr != "" {
		errs = append(errs, c.DiscordConfig().Validate())
	} else {
		errs = append(errs, discordbot.ValidateShard(c.DiscordShardID, c.DiscordShardCount))
	}
	if c.DatabaseURL != "" && !strings.HasPrefix(c.DatabaseURL, "postgres://") && !strings.HasPrefix(c.DatabaseURL, "postgresql://") {
		errs = append(errs, errors.New("DATABASE_URL must start with postgres:// (its value is not shown: it may hold a password)"))
	}
	return c, errors.Join(errs...)
}

// SlackConfig is the Slack adapter's part of c.
func (c Config) SlackConfig() slackbot.Config {
	return slackbot.Config{
		BotToken: c.SlackBotToken, AppToken: c.SlackAppToken, SigningSecret: c.SlackSigningSecret,
		Mode: c.SlackMode, ListenAddr: c.SlackListenAddr, APIURL: c.SlackAPIURL,
		DrainTimeout: c.DrainTimeout, History: c.SlackHistory,
	}
}

// DiscordConfig is the Discord adapter's part of c.
func (c Config) DiscordConfig() discordbot.Config {
	return discordbot.Config{
		Token: c.DiscordToken, AppID: c.DiscordAppID, GuildID: c.DiscordGuildID,
		PublicKey: c.DiscordPublicKey, ShardID: c.DiscordShardID, ShardCount: c.DiscordShardCount,
		ListenAddr: c.DiscordListenAddr, APIURL: c.DiscordAPIURL,
		ShutdownTimeout: c.DrainTimeout,
	}
}

// Slack reports whether Slack is configured.
func (c Config) Slack() bool { return c.SlackBotToken != "" }

// Discord reports whether Discord is configured.
func (c Config) Discord() bool { return c.DiscordToken != "" }

// ParseRetention reads a retention period: a number of days ("90d"), a Go
// duration ("2160h") or "0"/"off" for no pruning. Less than an hour is
// refused: it would delete what the bot has just read.
func ParseRetention(s string) (time.Duration, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "0", "off", "none", "":
		return 0, nil
	}
	var d time.Duration
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n < 0 || n > 36500 {
			return 0, fmt.Errorf("%q is not a number of days such as 90d", s)
		}
		d = time.Duration(n) * 24 * time.Hour
	} else {
		var err error
		if d, err = time.ParseDuration(s); err != nil || d < 0 {
			return 0, fmt.Errorf("%q is not a period such as 90d or 2160h (0 keeps everything)", s)
		}
	}
	if d > 0 && d < time.Hour {
		return 0, fmt.Errorf("%q is under an hour: the bot would delete what it has just read", s)
	}
	return d, nil
}
