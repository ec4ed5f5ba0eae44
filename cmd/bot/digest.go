package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"time"

	"github.com/newsdigest/bot/internal/adapters/console"
	"github.com/newsdigest/bot/internal/adapters/files"
	"github.com/newsdigest/bot/internal/digest"
)

// digestCmd digests article files (folders: every file under them, in
// name order; "-": standard input) without a store, one digest each. With
// -json each digest is one JSON object on a line of its own. A file that
// cannot be read or has no text is reported on standard error, naming its
// path, and the others are still digested; the command then fails.
func (a *app) digestCmd(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("digest", flag.ContinueOnError)
	fs.SetOutput(a.stderr)
	asJSON := fs.Bool("json", false, "print each digest as one JSON object a line")
	n := fs.Int("n", 3, "summary sentences")
	q := fs.Int("quotes", 3, "key quotes")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return errors.New("usage: bot digest [-json] [-n 3] [-quotes 3] PATH|-...")
	}
	opts := digest.BuildOptions{Sentences: *n, Quotes: *q}
	enc := json.NewEncoder(a.stdout)
	enc.SetEscapeHTML(false)
	var errs []error
	printed := 0
	for _, arg := range fs.Args() {
		paths := []string{arg}
		if arg != "-" {
			var err error
			if paths, err = files.Expand(arg); err != nil {
				errs = append(errs, err)
			}
		}
		for _, path := range paths {
			if err := ctx.Err(); err != nil {
				return errors.Join(append(errs, err)...)
			}
			art, err := a.loadArticle(path)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", path, err))
				continue
			}
			d := digest.Build(art, opts)
			if *asJSON {
				err = enc.Encode(d)
			} else {
				if printed > 0 {
					fmt.Fprintln(a.stdout)
				}
				if fs.NArg() > 1 || len(paths) > 1 {
					fmt.Fprintf(a.stdout, "# %s\n", path)
				}
				err = console.RenderDigest(a.stdout, d)
			}
			if err != nil {
				return errors.Join(append(errs, fmt.Errorf("write digest: %w", err))...)
			}
			printed++
		}
	}
	return errors.Join(errs...)
}

// loadArticle reads one article file, or standard input for "-".
func (a *app) loadArticle(path string) (digest.Article, error) {
	if path == "-" {
		return files.Read(a.stdin, "stdin", time.Now())
	}
	return files.Load(path, time.Now())
}
