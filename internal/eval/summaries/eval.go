// Package summaries evaluates the extractive summariser on the BBC News
// Summary data in the shared evaluation directory: our system against
// Lead-3 and a plain TextRank baseline, scored with ROUGE-1, ROUGE-2 and
// ROUGE-L F1. It reads files; it is evaluation tooling, not part of the
// bot's core.
package summaries

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/newsdigest/bot/internal/digest/summary"
	"github.com/newsdigest/bot/internal/digest/text"
	"github.com/newsdigest/bot/internal/eval/jsonl"
)

// Article is one line of bbc-{dev,test}.jsonl.
type Article struct {
	ID       string   `json:"id"`
	Category string   `json:"category"`
	Title    string   `json:"title"`
	Text     string   `json:"text"`
	Summary  []string `json:"summary"`
}

// Row is one system's averaged scores.
type Row struct {
	System string
	Scores
	// Published marks figures quoted from the evaluation README rather than
	// measured here.
	Published bool
}

// Report is the outcome of Run.
type Report struct {
	Split    string
	N        int // sentences per summary
	Articles int
	// System, Lead and TextRank are the measured systems; Rows lists them
	// followed by the published reference figures.
	System, Lead, TextRank Scores
	Rows                   []Row
	// ExtractTime is the mean time of text.Analyze plus summary.Extract per
	// article.
	ExtractTime time.Duration
}

// Published reference figures at 3 sentences, from the eval README.
var (
	PublishedLead3    = Scores{R1: 44.1, R2: 35.9, RL: 34.4}
	PublishedTextRank = Scores{R1: 48.2, R2: 41.4, RL: 37.7}
)

// Path returns the location of a split's file under the shared directory.
func Path(sharedDir, split string) string {
	return filepath.Join(sharedDir, "eval", "summaries", "bbc-"+split+".jsonl")
}

// Load reads a split ("dev" or "test") from the shared directory.
func Load(sharedDir, split string) ([]Article, error) {
	return jsonl.Load[Article](Path(sharedDir, split))
}

// Run scores our summariser (summary.ExtractWithTitle with the article's
// title), Lead-n and TextRank at n sentences on a split and averages the
// F1 scores over articles. It stops early with ctx's error when ctx is
// cancelled.
func Run(ctx context.Context, sharedDir, split string, n int) (Report, error) {
	arts, err := Load(sharedDir, split)
	if err != nil {
		return Report{}, err
	}
	if len(arts) == 0 {
		return Report{}, fmt.Errorf("split %s: no articles", split)
	}
	var sys, ld, tr Scores
	var spent time.Duration
	for i, a := range arts {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return Report{}, fmt.Errorf("evaluate: %w", err)
			}
		}
		t0 := time.Now()
		doc := text.Analyze(a.Text)
		picked := summary.ExtractWithTitle(doc, a.Title, n)
		spent += time.Since(t0)
		add(&sys, rouge(texts(doc, picked), a.Summary))
		add(&ld, rouge(texts(doc, lead(doc, n)), a.Summary))
		add(&tr, rouge(texts(doc, textRank(doc, n)), a.Summary))
	}
	k := float64(len(arts))
	r := Report{
		Split: split, N: n, Articles: len(arts),
		System: scale(sys, k), Lead: scale(ld, k), TextRank: scale(tr, k),
		ExtractTime: spent / time.Duration(len(arts)),
	}
	r.Rows = []Row{
		{System: "newsbot summary", Scores: r.System},
		{System: fmt.Sprintf("Lead-%d", n), Scores: r.Lead},
		{System: "TextRank (ours)", Scores: r.TextRank},
		{System: "Lead-3 (README)", Scores: PublishedLead3, Published: true},
		{System: "TextRank library (README)", Scores: PublishedTextRank, Published: true},
	}
	return r, nil
}

// Format writes the report as a plain-text table.
func (r Report) Format(w io.Writer) {
	fmt.Fprintf(w, "BBC News Summary, %s split, %d articles, %d sentences (ROUGE F1, %%)\n", r.Split, r.Articles, r.N)
	fmt.Fprintf(w, "%-28s %7s %7s %7s\n", "system", "R-1", "R-2", "R-L")
	for _, row := range r.Rows {
		fmt.Fprintf(w, "%-28s %7.1f %7.1f %7.1f\n", row.System, row.R1, row.R2, row.RL)
	}
	fmt.Fprintf(w, "analyze+extract: %s per article\n", r.ExtractTime.Round(time.Microsecond))
}

func texts(doc *text.Document, sents []text.Sentence) []string {
	out := make([]string, len(sents))
	for i, s := range sents {
		out[i] = doc.Text(s.Span)
	}
	return out
}

func add(dst *Scores, s Scores) {
	dst.R1 += s.R1
	dst.R2 += s.R2
	dst.RL += s.RL
}

func scale(s Scores, k float64) Scores {
	return Scores{R1: s.R1 / k, R2: s.R2 / k, RL: s.RL / k}
}
