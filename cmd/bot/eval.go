package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	quoteseval "github.com/newsdigest/bot/internal/eval/quotes"
	"github.com/newsdigest/bot/internal/eval/stories"
	"github.com/newsdigest/bot/internal/eval/summaries"
)

// evalCmd prints the quality figures on ../shared/eval: summaries (ROUGE
// beside Lead-3 and TextRank), quotes (PolNeAR, Spanish dev) and stories (ECB+).
func (a *app) evalCmd(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(a.stderr)
	shared := fs.String("shared", "../shared", "the shared directory holding eval/")
	split := fs.String("split", "test", "summaries split: dev or test")
	qsplit := fs.String("quotes-split", "dev", "quotes split: train or dev")
	n := fs.Int("n", 3, "summary sentences")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if d := a.getenv("NEWSBOT_SHARED_DIR"); d != "" && *shared == "../shared" {
		*shared = d
	}
	if _, err := os.Stat(filepath.Join(*shared, "eval")); err != nil {
		return fmt.Errorf("evaluation data not found under %s (use -shared DIR): %w", *shared, err)
	}
	var errs []error
	fmt.Fprintf(a.stdout, "== Summaries: BBC News Summary, %s split, %d sentences (ROUGE F1 ×100)\n", *split, *n)
	if r, err := summaries.Run(ctx, *shared, *split, *n); err != nil {
		errs = append(errs, fmt.Errorf("summaries: %w", err))
	} else {
		r.Format(a.stdout)
	}
	fmt.Fprintf(a.stdout, "\n== Summaries: Spanish dev (es-dev), 3 sentences against lead_summary\n")
	if r, err := summaries.RunSpanish(ctx, *shared); err != nil {
		errs = append(errs, fmt.Errorf("spanish summaries: %w", err))
	} else {
		r.Format(a.stdout)
	}
	fmt.Fprintf(a.stdout, "\n== Quotes: PolNeAR, %s split\n", *qsplit)
	if r, err := quoteseval.Run(ctx, *shared, *qsplit); err != nil {
		errs = append(errs, fmt.Errorf("quotes: %w", err))
	} else {
		r.Format(a.stdout)
	}
	fmt.Fprintf(a.stdout, "\n== Quotes: Spanish, dev split\n")
	if r, err := quoteseval.RunSpanish(ctx, *shared, "dev"); err != nil {
		errs = append(errs, fmt.Errorf("spanish quotes: %w", err))
	} else {
		r.Format(a.stdout)
	}
	fmt.Fprintf(a.stdout, "\n== Stories: ECB+ same-story grouping and related headlines\n")
	if r, err := stories.Run(ctx, *shared); err != nil {
		errs = append(errs, fmt.Errorf("stories: %w", err))
	} else {
		r.Format(a.stdout)
	}
	fmt.Fprintf(a.stdout, "\n== Stories: a real headline stream (UCI News Aggregator, Google News stories)\n")
	if r, err := stories.RunStream(ctx, *shared, ""); err != nil {
		errs = append(errs, fmt.Errorf("stories stream: %w", err))
	} else {
		r.Format(a.stdout)
	}
	fmt.Fprintf(a.stdout, "\n== Stories: the same event in English and Spanish\n")
	if r, err := stories.RunPairs(ctx, *shared, ""); err != nil {
		errs = append(errs, fmt.Errorf("stories pairs: %w", err))
	} else {
		r.Format(a.stdout)
	}
	return errors.Join(errs...)
}
