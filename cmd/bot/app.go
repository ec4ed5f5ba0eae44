package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"time"

	"github.com/newsdigest/bot/internal/adapters/console"
	"github.com/newsdigest/bot/internal/adapters/feeds"
	"github.com/newsdigest/bot/internal/adapters/files"
	"github.com/newsdigest/bot/internal/adapters/postgres"
	"github.com/newsdigest/bot/internal/adapters/sqlite"
	"github.com/newsdigest/bot/internal/adapters/web"
	"github.com/newsdigest/bot/internal/config"
	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/logattr"
	"github.com/newsdigest/bot/internal/metrics"
	"github.com/newsdigest/bot/internal/samples"
	"github.com/newsdigest/bot/internal/scheduler"
)

// app holds what the commands share. Nothing in it is global.
type app struct {
	cfg            config.Config
	log            *slog.Logger
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	obs            *metrics.Metrics // the bot's metrics while it runs; nil for one-shot commands
	cutoff         <-chan struct{}  // closed when commands in flight must give up at shutdown (nil: never)
}

// storeCloser is a digest.Store that must be closed.
type storeCloser interface {
	digest.Store
	Close() error
}

func (a *app) openStore(ctx context.Context) (storeCloser, error) {
	if a.cfg.DatabaseURL != "" {
		st, err := postgres.Open(ctx, a.cfg.DatabaseURL, a.log.With(logattr.KeySubsystem, "store"))
		if err != nil {
			return nil, fmt.Errorf("open store: %w", err)
		}
		return st, nil
	}
	st, err := sqlite.Open(ctx, filepath.Join(a.cfg.DataDir, "news.db"), a.log.With(logattr.KeySubsystem, "store"))
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	return st, nil
}

func (a *app) webClient() *web.Client {
	return web.New(web.Options{AllowPrivate: a.cfg.AllowPrivate, MaxBytes: a.cfg.FetchMaxBytes, Proxy: a.egressProxy()})
}

func (a *app) service(st digest.ServiceStore, pages digest.PageFetcher) *digest.Service {
	svc := digest.NewService(st, pages, nil, a.log.With(logattr.KeySubsystem, "digest"), digest.Config{
		DefaultTimeZone:   a.cfg.TimeZone,
		NextRun:           scheduler.NextRun,
		Metrics:           a.ingestMetrics(),
		ConfiguredFeeds:   a.configuredFeeds(),
		MaxWorkspaceFeeds: a.cfg.WorkspaceFeedLimit,
	})
	if wc, ok := pages.(*web.Client); ok {
		// /feeds add checks a new feed through the same safe client.
		svc.UseFeedChecker(feeds.NewChecker(wc, feeds.CheckerOptions{MaxBytes: a.cfg.FetchMaxBytes}))
	}
	return svc
}

// loadSamples ingests the bundled sample articles into an empty store.
func (a *app) loadSamples(ctx context.Context, st digest.ArticleStore, svc *digest.Service) error {
	if !a.cfg.LoadSamples {
		return nil
	}
	n, err := st.CountArticles(ctx)
	if err != nil || n > 0 {
		return err
	}
	return a.ingestSamples(ctx, svc)
}

// ingestSamples ingests the bundled sample articles; the caller has made
// sure the store is empty and LOAD_SAMPLES is on.
func (a *app) ingestSamples(ctx context.Context, svc *digest.Service) error {
	arts, err := samples.Articles(time.Now())
	if err != nil {
		return err
	}
	for _, art := range arts {
		if _, err := svc.Ingest(ctx, art); err != nil && !errors.Is(err, digest.ErrDuplicate) {
			return fmt.Errorf("load samples: %w", err)
		}
	}
	a.log.InfoContext(ctx, "store was empty: loaded the bundled sample articles (marked as samples)", logattr.KeyArticles, len(arts))
	return nil
}

// oneShot answers one command on the console channel and exits.
func (a *app) oneShot(ctx context.Context, line string) error {
	st, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	svc := a.service(st, a.webClient())
	if err := a.loadSamples(ctx, st, svc); err != nil {
		return err
	}
	cmd, err := digest.ParseCommand(line)
	if err != nil {
		return errors.New(digest.UserMessage(err))
	}
	cmd.Platform, cmd.ChannelID, cmd.UserID, cmd.CanManage = console.Platform, console.ChannelID, "console", true
	reply, err := svc.Handle(ctx, cmd)
	if err != nil {
		if !digest.IsUserError(err) { // a user error is the whole answer; nothing more to log
			a.log.Log(ctx, digest.LogLevel(err), "command failed", logattr.KeyError, err)
		}
		return errors.New(digest.UserMessage(err))
	}
	return console.Render(a.stdout, reply)
}

// ingestCmd imports article files into the store.
func (a *app) ingestCmd(ctx context.Context, paths []string) error {
	if len(paths) == 0 {
		return errors.New("usage: bot ingest PATH...")
	}
	st, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	return a.ingestPaths(ctx, a.service(st, a.webClient()), paths)
}

// ingestPaths ingests the article files of paths through svc. It stops at
// the first write that fails for lack of space (every later one would
// fail too) with one error saying so.
func (a *app) ingestPaths(ctx context.Context, svc *digest.Service, paths []string) error {
	var stored, dup int
	var errs []error
	var all []string
	for _, p := range paths {
		ps, err := files.Expand(p)
		if err != nil {
			errs = append(errs, err)
		}
		all = append(all, ps...)
	}
files:
	for i, p := range all {
		if err := ctx.Err(); err != nil {
			errs = append(errs, err)
			break
		}
		arts, err := files.LoadAll(p, time.Now())
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p, err))
			continue
		}
		for _, art := range arts {
			_, err := svc.Ingest(ctx, art)
			switch {
			case errors.Is(err, digest.ErrDuplicate):
				dup++
			case errors.Is(err, digest.ErrNoSpace):
				errs = append(errs, fmt.Errorf("stopped at %s, file %d of %d: the store is out of disk space (%w); "+
					"free space and run the same command again (stored articles are skipped)", p, i+1, len(all), err))
				break files
			case err != nil:
				errs = append(errs, fmt.Errorf("%s: %w", p, err))
			default:
				stored++
			}
		}
	}
	fmt.Fprintf(a.stdout, "ingested %d articles (%d already stored)\n", stored, dup)
	return errors.Join(errs...)
}

// feedsCmd lists feed sources and their state.
func (a *app) feedsCmd(ctx context.Context, args []string) error {
	if len(args) > 0 { // bot feeds add|list|remove …: the console's /feeds
		return a.oneShot(ctx, "/feeds "+strings.Join(args, " "))
	}
	st, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	states, err := st.FeedStates(ctx)
	if err != nil {
		return err
	}
	configured, err := a.feedURLs()
	if err != nil {
		return err
	}
	known := map[string]bool{}
	for _, s := range states {
		known[s.URL] = true
	}
	for _, u := range configured {
		if !known[u] {
			states = append(states, digest.FeedState{URL: u})
		}
	}
	fmt.Fprintf(a.stdout, "store: %s\n", storeSize(ctx, st))
	if len(states) == 0 {
		fmt.Fprintln(a.stdout, "No feeds configured. Set FEEDS or FEEDS_FILE in .env (see .env.example).")
		return nil
	}
	for _, s := range states {
		last := "never"
		if !s.LastSuccess.IsZero() {
			last = s.LastSuccess.Format(time.RFC3339)
		}
		fmt.Fprintf(a.stdout, "%s\n  last success: %s  articles: %d\n", s.URL, last, s.Articles)
		switch {
		case s.LastError != "" && s.Failures == 0: // a note about a successful poll
			fmt.Fprintf(a.stdout, "  note: %s\n", s.LastError)
		case s.LastError != "":
			fmt.Fprintf(a.stdout, "  last error: %s (failures in a row: %d, next try %s)\n", s.LastError, s.Failures, s.NextPoll.Format(time.RFC3339))
		}
	}
	return nil
}
