// Package config loads the bot's settings from the environment (and a .env
// file read by the caller). It reports every problem at once and never puts
// a secret's value in an error.
package config

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Config is the bot's configuration.
type Config struct {
	DataDir     string // SQLite file lives here
	DatabaseURL string // postgres://… selects PostgreSQL (secret: may hold a password)
	LogLevel    string
	TimeZone    string // default zone for /digest add

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
	SlackAPIURL        string   // Web API base URL override (tests, proxies)
	SlackManagers      []string // Slack user ids who may manage feeds and digests; empty: everyone

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
	{"TIME_ZONE", "UTC", false, "default IANA time zone for /digest add"},
	{"FEEDS", "", false, "comma-separated RSS/Atom/JSON Feed URLs"},
	{"FEEDS_FILE", "", false, "file with one feed URL a line, or an OPML export"},
	{"POLL_INTERVAL", "15m", false, "how often each feed is polled"},
	{"FEED_LEASE", "1m", false, "how long a process holds a claimed feed before another process may poll it (several processes on one database)"},
	{"ALLOW_PRIVATE_ADDRESSES", "false", false, "allow fetching private/loopback addresses (never for public bots)"},
	{"FETCH_MAX_BYTES", "5242880", false, "largest feed or page accepted, in bytes"},
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
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		errs = append(errs, fmt.Errorf("LOG_LEVEL: %q is not debug, info, warn or error", c.LogLevel))
	}
	if _, err := time.LoadLocation(c.TimeZone); err != nil {
		errs = append(errs, fmt.Errorf("TIME_ZONE: unknown time zone %q", c.TimeZone))
	}
	if c.SlackMode != "socket" && c.SlackMode != "http" {
		errs = append(errs, fmt.Errorf("SLACK_MODE: %q is not socket or http", c.SlackMode))
	}
	if c.Slack() {
		if c.SlackMode == "socket" && c.SlackAppToken == "" {
			errs = append(errs, errors.New("SLACK_APP_TOKEN is required for Socket Mode (or set SLACK_MODE=http with SLACK_SIGNING_SECRET)"))
		}
		if c.SlackMode == "http" && c.SlackSigningSecret == "" {
			errs = append(errs, errors.New("SLACK_SIGNING_SECRET is required when SLACK_MODE=http"))
		}
	}
	if c.DiscordListenAddr != "" && c.DiscordPublicKey == "" {
		errs = append(errs, errors.New("DISCORD_PUBLIC_KEY is required with DISCORD_LISTEN_ADDR"))
	}
	if c.Discord() && c.DiscordAppID == "" {
		errs = append(errs, errors.New("DISCORD_APP_ID is required with DISCORD_TOKEN"))
	}
	if c.DiscordShardCount < 1 || c.DiscordShardID >= c.DiscordShardCount {
		errs = append(errs, fmt.Errorf("DISCORD_SHARD_ID %d must be below DISCORD_SHARD_COUNT %d", c.DiscordShardID, c.DiscordShardCount))
	}
	if c.DatabaseURL != "" && !strings.HasPrefix(c.DatabaseURL, "postgres://") && !strings.HasPrefix(c.DatabaseURL, "postgresql://") {
		errs = append(errs, errors.New("DATABASE_URL must start with postgres:// (its value is not shown: it may hold a password)"))
	}
	return c, errors.Join(errs...)
}

// Slack reports whether Slack is configured.
func (c Config) Slack() bool { return c.SlackBotToken != "" }

// Discord reports whether Discord is configured.
func (c Config) Discord() bool { return c.DiscordToken != "" }
