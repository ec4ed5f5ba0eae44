package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/newsdigest/bot/internal/adapters/console"
	"github.com/newsdigest/bot/internal/adapters/discordbot"
	"github.com/newsdigest/bot/internal/adapters/feeds"
	"github.com/newsdigest/bot/internal/adapters/slackbot"
	"github.com/newsdigest/bot/internal/digest"
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
	owner := scheduler.NewOwner()  // one id for this process's feed and digest-run leases
	var firstRound <-chan struct{} // nil without the operator's feeds
	// The poller always runs: workspaces may add feeds from chat.
	poller := feeds.NewPoller(web, web, st, svc, feeds.PollerOptions{
		Feeds: feedList, Sources: st.WorkspaceFeedURLs,
		Interval: a.cfg.PollInterval, MaxBytes: a.cfg.FetchMaxBytes, Lease: a.cfg.FeedLease, Logger: a.log,
		Owner: owner,
	})
	loops = append(loops, loop{name: "feeds", run: poller.Run})
	if len(feedList) > 0 {
		firstRound = poller.FirstRound()
	}
	if err := a.firstContent(ctx, st, svc, firstRound); err != nil {
		return err
	}
	loops = append(loops, loop{name: "story-index", run: func(ctx context.Context) error {
		// Articles stored by a version without the story index get theirs
		// in the background; failing here only weakens story grouping.
		n, err := svc.IndexStories(ctx)
		if err != nil && ctx.Err() == nil {
			a.log.WarnContext(ctx, "indexing stored articles for story matching", "indexed", n, "err", err)
		} else if n > 0 {
			a.log.InfoContext(ctx, "indexed stored articles for story matching", "articles", n)
		}
		return nil
	}})

	if a.cfg.Slack() {
		sb, err := slackbot.New(slackbot.Config{
			BotToken: a.cfg.SlackBotToken, AppToken: a.cfg.SlackAppToken,
			SigningSecret: a.cfg.SlackSigningSecret, Mode: a.cfg.SlackMode, ListenAddr: a.cfg.SlackListenAddr,
			APIURL: a.cfg.SlackAPIURL, Managers: a.cfg.SlackManagers,
		}, svc, a.log.With("adapter", "slack"))
		if err != nil {
			return fmt.Errorf("slack: %w", err)
		}
		pubs[slackbot.Platform] = sb
		loops = append(loops, loop{name: "slack", run: sb.Run})
	}
	if a.cfg.Discord() {
		db, err := discordbot.New(discordbot.Config{
			Token: a.cfg.DiscordToken, AppID: a.cfg.DiscordAppID, GuildID: a.cfg.DiscordGuildID,
			PublicKey: a.cfg.DiscordPublicKey, ShardID: a.cfg.DiscordShardID, ShardCount: a.cfg.DiscordShardCount,
			ListenAddr: a.cfg.DiscordListenAddr, APIURL: a.cfg.DiscordAPIURL,
		}, svc, a.log.With("adapter", "discord"))
		if err != nil {
			return fmt.Errorf("discord: %w", err)
		}
		pubs[discordbot.Platform] = db
		loops = append(loops, loop{name: "discord", run: db.Run})
	}
	if !a.cfg.Slack() && !a.cfg.Discord() {
		con := console.New(svc, a.stdin, a.stdout, isTerminal(a.stdin), a.log)
		pubs[console.Platform] = con
		loops = append(loops, loop{name: "console", run: con.Run, final: true})
	}

	sched := scheduler.New(scheduler.Config{Owner: owner, Grace: a.cfg.DigestGrace, Lease: a.cfg.DigestLease, Interval: a.cfg.DigestInterval}, st,
		func(ctx context.Context, s digest.Schedule, since, now time.Time) (digest.Reply, []digest.DeliveredStory, error) {
			return digest.ComposeDaily(ctx, st, s, since, now)
		}, pubs, nil, a.log.With("part", "scheduler"))
	svc.OnScheduleChange(sched.Notify)
	loops = append(loops, loop{name: "scheduler", run: sched.Run})
	loops = append(loops, loop{name: "feed-health", run: scheduler.FeedWatch{Checker: svc, Pubs: pubs, Log: a.log.With("part", "feed-health")}.Run})
	a.log.InfoContext(ctx, "bot running", "slack", a.cfg.Slack(), "discord", a.cfg.Discord(), "feeds", len(feedList), "owner", owner)
	return runLoops(ctx, loops)
}

// runLoops runs every loop until ctx is cancelled, a final loop returns, or
// one fails; then it cancels the rest and waits for them.
func runLoops(ctx context.Context, loops []loop) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	errc := make(chan error, len(loops))
	for _, l := range loops {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := l.run(ctx)
			if err != nil && !errors.Is(err, context.Canceled) {
				errc <- fmt.Errorf("%s: %w", l.name, err)
				cancel()
				return
			}
			if l.final {
				cancel()
			}
		}()
	}
	wg.Wait()
	close(errc)
	var errs []error
	for err := range errc {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
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
// store is still empty: no feed was reachable. A store that already holds
// articles, or any store with LOAD_SAMPLES off, is left as it is.
func (a *app) firstContent(ctx context.Context, st digest.Store, svc *digest.Service, firstRound <-chan struct{}) error {
	if !a.cfg.LoadSamples {
		return nil
	}
	n, err := st.CountArticles(ctx)
	if err != nil || n > 0 {
		return err
	}
	if firstRound == nil {
		return a.ingestSamples(ctx, svc)
	}
	go func() {
		select {
		case <-ctx.Done():
			return
		case <-firstRound:
		case <-time.After(firstPollGrace):
		}
		if err := a.loadSamples(ctx, st, svc); err != nil && ctx.Err() == nil {
			a.log.WarnContext(ctx, "load samples", "err", err)
		}
	}()
	return nil
}

// firstPollGrace bounds how long a new store waits for the first round of
// feed polls before falling back to the bundled samples.
const firstPollGrace = 30 * time.Second
