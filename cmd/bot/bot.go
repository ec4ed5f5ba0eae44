package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/newsdigest/bot/internal/adapters/console"
	"github.com/newsdigest/bot/internal/adapters/discordbot"
	"github.com/newsdigest/bot/internal/adapters/feeds"
	"github.com/newsdigest/bot/internal/adapters/postgres"
	"github.com/newsdigest/bot/internal/adapters/slackbot"
	"github.com/newsdigest/bot/internal/adapters/sqlite"
	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/lease"
	"github.com/newsdigest/bot/internal/logattr"
	"github.com/newsdigest/bot/internal/scheduler"
)

// loop is a long-running part of the bot.
type loop struct {
	name string
	run  func(ctx context.Context) error
	// final: when it returns, the whole bot stops (the console session).
	final bool
}

// runBot runs the long-lived bot: feed polling, the scheduler, and the
// platform adapters (Slack and/or Discord when configured, otherwise a
// console session), until ctx is cancelled or the console ends.
func (a *app) runBot(ctx context.Context) error {
	st, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx, cancel := context.WithCancel(ctx) // deferred after Close: background work ends first
	defer cancel()
	web := a.webClient() // one client: the poller and /news share its connections
	svc := a.service(st, web)

	var loops []loop
	pubs := map[string]digest.Publisher{}

	feedList, err := a.feedURLs()
	if err != nil {
		return err
	}
	owner := lease.NewOwner()      // one id for this process's feed and digest-run leases
	var firstRound <-chan struct{} // nil without the operator's feeds
	// The poller always runs: workspaces may add feeds from chat.
	poller := feeds.NewPoller(web, web, st, svc, feeds.PollerOptions{
		Feeds: feedList, Sources: st.WorkspaceFeedURLs,
		Interval: a.cfg.PollInterval, MaxBytes: a.cfg.FetchMaxBytes, Lease: a.cfg.FeedLease,
		Logger: a.log.With(logattr.KeySubsystem, "feeds"), Owner: owner, Metrics: a.feedMetrics(),
	})
	loops = append(loops, loop{name: "feeds", run: poller.Run})
	if len(feedList) > 0 {
		firstRound = poller.FirstRound()
	}
	samples, err := a.firstContent(ctx, st, svc, firstRound)
	if err != nil {
		return err
	}
	if samples != nil {
		loops = append(loops, loop{name: "samples", run: samples})
	}
	loops = append(loops, loop{name: "story-index", run: func(ctx context.Context) error {
		// Articles stored by a version without the story index get theirs
		// in the background; failing here only weakens story grouping.
		n, err := svc.IndexStories(ctx)
		if err != nil && ctx.Err() == nil {
			a.log.WarnContext(ctx, "indexing stored articles for story matching", logattr.KeyArticles, n, logattr.KeyError, err)
		} else if n > 0 {
			a.log.InfoContext(ctx, "indexed stored articles for story matching", logattr.KeyArticles, n)
		}
		return nil
	}})

	// addPlatform adds a chat adapter: it publishes digests and runs with the rest.
	addPlatform := func(name string, p interface {
		digest.Publisher
		Run(context.Context) error
	}) {
		pubs[name] = p
		loops = append(loops, loop{name: name, run: p.Run})
	}
	if a.cfg.Slack() {
		scfg := a.cfg.SlackConfig()
		scfg.Replays = replayGuard(st)
		scfg.Managers = a.cfg.SlackManagers
		sb, err := slackbot.New(scfg, a.handler(svc), a.log)
		if err != nil {
			return fmt.Errorf("slack: %w", err)
		}
		if err := a.checkToken(ctx, slackbot.Platform, sb.CheckToken); err != nil {
			return err
		}
		addPlatform(slackbot.Platform, sb)
	}
	if a.cfg.Discord() {
		db, err := discordbot.New(a.cfg.DiscordConfig(), a.handler(svc), a.log)
		if err != nil {
			return fmt.Errorf("discord: %w", err)
		}
		if err := a.checkToken(ctx, discordbot.Platform, db.CheckToken); err != nil {
			return err
		}
		addPlatform(discordbot.Platform, db)
	}
	if !a.cfg.Slack() && !a.cfg.Discord() && !a.cfg.Headless {
		con := console.New(a.handler(svc), a.stdin, a.stdout, isTerminal(a.stdin), a.log)
		pubs[console.Platform] = con
		loops = append(loops, loop{name: "console", run: con.Run, final: true})
	}

	sched := scheduler.New(scheduler.Config{Owner: owner, Grace: a.cfg.DigestGrace, Lease: a.cfg.DigestLease, Interval: a.cfg.DigestInterval, Metrics: a.schedulerMetrics()}, st,
		func(ctx context.Context, s digest.Schedule, since, now time.Time) (digest.Reply, []digest.DeliveredStory, error) {
			return svc.ComposeDaily(ctx, s, since, now)
		}, pubs, nil, a.log.With(logattr.KeySubsystem, "scheduler"))
	svc.OnScheduleChange(sched.Notify)
	loops = append(loops, loop{name: "scheduler", run: sched.Run})
	loops = append(loops, loop{name: "feed-health", run: scheduler.FeedWatch{Checker: svc, Pubs: pubs, Log: a.log.With(logattr.KeySubsystem, "feed-health")}.Run})
	a.log.InfoContext(ctx, "bot running", "slack", a.cfg.Slack(), "discord", a.cfg.Discord(), logattr.KeyFeeds, len(feedList), logattr.KeyOwner, owner)
	return runLoops(ctx, a.withOps(loops, st, pubs))
}

// runLoops runs every loop until ctx is cancelled, a final loop returns, or
// one fails; then it cancels the rest and waits for them. It returns the
// first failure.
func runLoops(ctx context.Context, loops []loop) error {
	g, gctx := errgroup.WithContext(ctx)
	ctx, cancel := context.WithCancel(gctx)
	defer cancel()
	for _, l := range loops {
		g.Go(func() error {
			err := l.run(ctx)
			if err != nil && !errors.Is(err, context.Canceled) {
				return fmt.Errorf("%s: %w", l.name, err)
			}
			if l.final {
				cancel()
			}
			return nil
		})
	}
	return g.Wait()
}

// feedURLs returns FEEDS plus the URLs of FEEDS_FILE (a list or OPML).
func (a *app) feedURLs() ([]string, error) {
	list := append([]string(nil), a.cfg.Feeds...)
	if a.cfg.FeedsFile == "" {
		return list, nil
	}
	data, err := os.ReadFile(a.cfg.FeedsFile)
	if err != nil {
		return nil, fmt.Errorf("FEEDS_FILE: %w", err)
	}
	var more []string
	if isOPML(data) {
		more, err = feeds.ParseOPML(bytes.NewReader(data))
	} else {
		more, err = feeds.ReadFeedList(bytes.NewReader(data))
	}
	if err != nil {
		return nil, fmt.Errorf("FEEDS_FILE %s: %w", a.cfg.FeedsFile, err)
	}
	return append(list, more...), nil
}

// isOPML reports whether an OPML element starts in the first 512 bytes.
func isOPML(data []byte) bool {
	return bytes.Contains(data[:min(len(data), 512)], []byte("<opml"))
}

// firstContent makes sure a new store has something to show: the bundled
// samples, at once when no feed is configured (firstRound nil), else once
// the first round of polls is over (or firstPollGrace has passed) and the
// store is still empty: no feed was reachable. For that later check it
// returns a loop to run with the others. A store that already holds
// articles, or any store with LOAD_SAMPLES off, is left as it is.
func (a *app) firstContent(ctx context.Context, st digest.ArticleStore, svc *digest.Service, firstRound <-chan struct{}) (func(context.Context) error, error) {
	if !a.cfg.LoadSamples {
		return nil, nil
	}
	n, err := st.CountArticles(ctx)
	if err != nil || n > 0 {
		return nil, err
	}
	if firstRound == nil {
		return nil, a.ingestSamples(ctx, svc)
	}
	return func(ctx context.Context) error {
		grace := time.NewTimer(firstPollGrace)
		defer grace.Stop()
		select {
		case <-ctx.Done():
			return nil
		case <-firstRound:
		case <-grace.C:
		}
		if err := a.loadSamples(ctx, st, svc); err != nil && ctx.Err() == nil {
			a.log.WarnContext(ctx, "load samples", logattr.Err(err))
		}
		return nil
	}, nil
}

// firstPollGrace bounds how long a new store waits for the first round of
// feed polls before falling back to the bundled samples.
const firstPollGrace = 30 * time.Second

// Both stores keep the Slack adapter's record of served requests.
var (
	_ slackbot.ReplayGuard = (*sqlite.Store)(nil)
	_ slackbot.ReplayGuard = (*postgres.Store)(nil)
)

// replayGuard is st's record of served Slack requests, shared by every
// process on the store, or nil when st keeps none.
func replayGuard(st digest.Store) slackbot.ReplayGuard {
	if g, ok := st.(slackbot.ReplayGuard); ok {
		return g
	}
	return nil
}
