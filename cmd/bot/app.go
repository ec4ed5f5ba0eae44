package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
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
}

// storeCloser is a digest.Store that must be closed.
type storeCloser interface {
	digest.Store
	Close() error
}

func (a *app) openStore(ctx context.Context) (storeCloser, error) {
	if a.cfg.DatabaseURL != "" {
		st, err := postgres.Open(ctx, a.cfg.DatabaseURL, a.log)
		if err != nil {
			return nil, fmt.Errorf("open store: %w", err)
		}
		return st, nil
	}
	st, err := sqlite.Open(ctx, filepath.Join(a.cfg.DataDir, "news.db"), a.log)
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	return st, nil
}

func (a *app) webClient() *web.Client {
	return web.New(web.Options{AllowPrivate: a.cfg.AllowPrivate, MaxBytes: a.cfg.FetchMaxBytes})
}

func (a *app) service(st digest.Store, pages digest.PageFetcher) *digest.Service {
	svc := digest.NewService(st, pages, nil, a.log, digest.Config{
		DefaultTimeZone:   a.cfg.TimeZone,
		NextRun:           scheduler.NextRun,
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
func (a *app) loadSamples(ctx context.Context, st digest.Store, svc *digest.Service) error {
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
	a.log.InfoContext(ctx, "store was empty: loaded the bundled sample articles (marked as samples)", "articles", len(arts))
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
		a.log.DebugContext(ctx, "command failed", "err", err)
		return errors.New(digest.UserMessage(err))
	}
	return console.Render(a.stdout, reply)
}

// digestCmd digests one article file (or standard input) without a store.
func (a *app) digestCmd(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("digest", flag.ContinueOnError)
	fs.SetOutput(a.stderr)
	asJSON := fs.Bool("json", false, "print the digest as JSON")
	n := fs.Int("n", 3, "summary sentences")
	q := fs.Int("quotes", 3, "key quotes")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("usage: bot digest [-json] [-n 3] PATH|-")
	}
	path := fs.Arg(0)
	var art digest.Article
	var err error
	if path == "-" {
		art, err = files.Read(a.stdin, "stdin", time.Now())
	} else {
		art, err = files.Load(path, time.Now())
	}
	if err != nil {
		return err
	}
	d := digest.Build(art, digest.BuildOptions{Sentences: *n, Quotes: *q})
	if *asJSON {
		enc := json.NewEncoder(a.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(d)
	}
	return console.RenderDigest(a.stdout, d)
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
	svc := a.service(st, a.webClient())
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
	for _, p := range all {
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
	known := map[string]bool{}
	for _, s := range states {
		known[s.URL] = true
	}
	for _, u := range a.cfg.Feeds {
		if !known[u] {
			states = append(states, digest.FeedState{URL: u})
		}
	}
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
		if s.LastError != "" {
			fmt.Fprintf(a.stdout, "  last error: %s (failures in a row: %d, next try %s)\n", s.LastError, s.Failures, s.NextPoll.Format(time.RFC3339))
		}
	}
	return nil
}
