package digest

import (
	"cmp"
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/newsdigest/bot/internal/digest/similar"
)

// Config tunes the Service. The zero value is usable.
//
// The counts here are the only place that decides how much an answer
// shows; platform adapters show all of it that fits their limits and say
// what they had to leave out.
type Config struct {
	DefaultTimeZone string        // for /digest add without a zone; default "UTC"
	Sentences       int           // /news: summary sentences; default 3
	Quotes          int           // /news: key quotes; default 3
	MaxRelated      int           // /news: related headlines; default 6
	MaxQuoteHits    int           // answers to /quote; default 5
	DailySentences  int           // daily digest: summary sentences of each story; default 2
	DailyQuotes     int           // daily digest: key quotes of each story; default 1
	DailyStories    int           // daily digest: stories when the schedule sets no max; default 5
	StoryWindow     time.Duration // how far apart two reports of one story may be (candidate lookup and matcher's MaxGap, one knob); default similar.DefaultMaxGap
	// ConfiguredFeeds is how many feeds the operator configured (FEEDS,
	// FEEDS_FILE), for the notice answers carry while no source works.
	ConfiguredFeeds int
	// MaxWorkspaceFeeds is how many feeds one workspace may add with
	// /feeds add; default DefaultMaxWorkspaceFeeds.
	MaxWorkspaceFeeds int
	// NextRun computes a schedule's next run after a time (the scheduler's
	// DST-exact rule), shown when a digest is added; nil uses a plain
	// local-time approximation.
	NextRun func(s Schedule, after time.Time) (time.Time, error)
	// Metrics counts ingest outcomes (nil: none are counted).
	Metrics IngestMetrics
}

func (c Config) withDefaults() Config {
	// Zero or negative counts and durations take the defaults (cmp.Or).
	c.DefaultTimeZone = cmp.Or(c.DefaultTimeZone, "UTC")
	c.Sentences = cmp.Or(max(c.Sentences, 0), 3)
	c.Quotes = cmp.Or(max(c.Quotes, 0), 3)
	c.MaxRelated = cmp.Or(max(c.MaxRelated, 0), 6)
	c.MaxQuoteHits = cmp.Or(max(c.MaxQuoteHits, 0), 5)
	c.DailySentences = cmp.Or(max(c.DailySentences, 0), 2)
	c.DailyQuotes = cmp.Or(max(c.DailyQuotes, 0), 1)
	c.DailyStories = cmp.Or(max(c.DailyStories, 0), 5)
	c.MaxWorkspaceFeeds = cmp.Or(max(c.MaxWorkspaceFeeds, 0), DefaultMaxWorkspaceFeeds)
	c.StoryWindow = cmp.Or(max(c.StoryWindow, 0), similar.DefaultMaxGap)
	return c
}

// Service answers commands from every platform and ingests articles. It is
// safe for concurrent use.
type Service struct {
	store  ServiceStore
	pages  PageFetcher // may be nil: /news <url> is then refused
	clock  Clock
	log    *slog.Logger
	cfg    Config
	notify func() // called when schedules change; may be nil

	// placing serialises story matching and storing across concurrent
	// Ingest calls (the feed poller runs several), so that two reports of
	// one new story ingested at the same moment see each other instead of
	// starting two stories; a store shared by several processes
	// (IngestLocker) extends that to all of them. Analysis, the larger
	// part, runs outside it.
	placing sync.Mutex

	srcStatus sourceStatus // samples hidden? sources notice (samples.go)
	feedCheck FeedChecker  // for /feeds add; nil refuses it
}

// NewService returns a Service over store. pages may be nil.
func NewService(store ServiceStore, pages PageFetcher, clock Clock, logger *slog.Logger, cfg Config) *Service {
	if clock == nil {
		clock = ClockFunc(time.Now)
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Service{store: store, pages: pages, clock: clock, log: logger, cfg: cfg.withDefaults()}
}

// OnScheduleChange registers f to be called after a schedule is added or
// removed (the scheduler wakes up). Call before serving.
func (s *Service) OnScheduleChange(f func()) { s.notify = f }

// Handle answers one command. Errors carry a user-safe message (see
// UserMessage); a nil error always comes with a Reply to show.
func (s *Service) Handle(ctx context.Context, cmd Command) (Reply, error) {
	switch cmd.Name {
	case CmdNews:
		r, err := s.newsCommand(ctx, cmd)
		return s.withNotice(ctx, r), err
	case CmdQuote:
		r, err := s.Quote(ctx, cmd.Args)
		return s.withNotice(ctx, r), err
	case CmdDigest:
		r, err := s.digestCommand(ctx, cmd)
		if cmd.Sub == DigestNow || cmd.Sub == DigestPreview {
			r = s.withNotice(ctx, r)
		}
		return r, err
	case CmdFeeds:
		return s.feedsCommand(ctx, cmd)
	case CmdHelp, "":
		return s.withNotice(ctx, helpReply(cmd)), nil
	}
	return Reply{}, usageError("Unknown command %q. Try /help.", cmd.Name)
}

// HelpText is the answer to /help.
const HelpText = `News digest bot
• /news <topic> — the top story on a topic: summary, key quotes with speakers, related headlines (try /news energy)
• /news <url> — the same digest for one article page
• /quote <words> — who said it: the quote, speaker, outlet, date and link (try /quote a wetter century, or DM me: who said "a wetter century"?)
• /digest add <topics> [at] <HH:MM> [time zone] [on mon-fri] [max N] — a daily digest in this channel (try /digest add energy 08:00 CET)
• /digest list · /digest edit <id> … · /digest preview <id> · /digest remove <id> · /digest now [id|topics [filters]]
• /feeds add <url> · /feeds list · /feeds remove <id> — this workspace's or server's own news sources
• /help <command>, or <command> help — more about one command`
