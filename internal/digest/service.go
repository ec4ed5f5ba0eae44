package digest

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/newsdigest/bot/internal/digest/similar"
)

// Config tunes the Service. The zero value is usable.
type Config struct {
	DefaultTimeZone string        // for /digest add without a zone; default "UTC"
	Sentences       int           // summary sentences; default 3
	Quotes          int           // key quotes; default 3
	MaxRelated      int           // related headlines; default 6
	MaxQuoteHits    int           // answers to /quote; default 5
	StoryWindow     time.Duration // how far apart two reports of one story may be (candidate lookup and matcher's MaxGap, one knob); default similar.DefaultMaxGap
	// NextRun computes a schedule's next run after a time (the scheduler's
	// DST-exact rule), shown when a digest is added; nil uses a plain
	// local-time approximation.
	NextRun func(s Schedule, after time.Time) (time.Time, error)
}

func (c Config) withDefaults() Config {
	if c.DefaultTimeZone == "" {
		c.DefaultTimeZone = "UTC"
	}
	if c.Sentences <= 0 {
		c.Sentences = 3
	}
	if c.Quotes <= 0 {
		c.Quotes = 3
	}
	if c.MaxRelated <= 0 {
		c.MaxRelated = 6
	}
	if c.MaxQuoteHits <= 0 {
		c.MaxQuoteHits = 5
	}
	if c.StoryWindow <= 0 {
		c.StoryWindow = similar.DefaultMaxGap
	}
	return c
}

// Service answers commands from every platform and ingests articles. It is
// safe for concurrent use.
type Service struct {
	store  Store
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
}

// NewService returns a Service over store. pages may be nil.
func NewService(store Store, pages PageFetcher, clock Clock, logger *slog.Logger, cfg Config) *Service {
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
		return s.News(ctx, cmd.Args)
	case CmdQuote:
		return s.Quote(ctx, cmd.Args)
	case CmdDigest:
		return s.digestCommand(ctx, cmd)
	case CmdHelp, "":
		return Reply{Kind: ReplyText, Text: HelpText, Ephemeral: true}, nil
	}
	return Reply{}, usageError("Unknown command %q. Try /help.", cmd.Name)
}

// HelpText is the answer to /help.
const HelpText = `News digest bot
• /news <topic> — the top story on a topic: summary, key quotes with speakers, related headlines
• /news <url> — the same digest for one article page
• /quote <words> — who said it: the quote, speaker, outlet, date and link (or DM me "who said …?")
• /digest add <topics> at <HH:MM> [time zone] [on mon-fri] [max N] — a daily digest in this channel
• /digest list · /digest remove <id> · /digest now [id] — manage this channel's digests
• /help — this message`
