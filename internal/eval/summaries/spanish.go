package summaries

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/newsdigest/bot/internal/digest/summary"
	"github.com/newsdigest/bot/internal/digest/text"
	"github.com/newsdigest/bot/internal/eval/jsonl"
)

// SpanishArticle is the part of a line of quotes/es-dev.jsonl the summary
// evaluation reads: the article and its reference summary of three
// verbatim sentences.
type SpanishArticle struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Text        string   `json:"text"`
	LeadSummary []string `json:"lead_summary"`
}

// SpanishPath returns the location of the Spanish dev file under the
// shared directory.
func SpanishPath(sharedDir string) string {
	return filepath.Join(sharedDir, "eval", "quotes", "es-dev.jsonl")
}

// SpanishReport is the outcome of RunSpanish.
type SpanishReport struct {
	Articles     int
	System, Lead Scores
	// Sentences is the number of summary sentences; Incomplete lists those
	// that open inside a quotation without the sentence before them (each
	// "id: sentence"), which must be none; LeftOpen counts those that leave
	// a quotation open without the sentence after them.
	Sentences  int
	Incomplete []string
	LeftOpen   int
	// NotSpanish lists the articles whose language was not detected as
	// Spanish.
	NotSpanish []string
}

// RunSpanish scores our 3-sentence summary and Lead-3 against the
// lead_summary of each Spanish dev article (ROUGE F1 as in Run) and checks
// that every summary sentence is complete.
func RunSpanish(ctx context.Context, sharedDir string) (SpanishReport, error) {
	arts, err := loadSpanish(SpanishPath(sharedDir))
	if err != nil {
		return SpanishReport{}, err
	}
	var r SpanishReport
	var sys, ld Scores
	for _, a := range arts {
		if err := ctx.Err(); err != nil {
			return SpanishReport{}, fmt.Errorf("evaluate: %w", err)
		}
		if len(a.LeadSummary) == 0 {
			continue
		}
		r.Articles++
		doc := text.Analyze(a.Text)
		if doc.Lang != text.Spanish {
			r.NotSpanish = append(r.NotSpanish, a.ID+": "+doc.Lang)
		}
		picked := summary.ExtractWithTitle(doc, a.Title, 3)
		r.Sentences += len(picked)
		bad, open := incomplete(doc, picked)
		for _, s := range bad {
			r.Incomplete = append(r.Incomplete, a.ID+": "+doc.Text(s.Span))
		}
		r.LeftOpen += open
		add(&sys, rouge(texts(doc, picked), a.LeadSummary))
		add(&ld, rouge(texts(doc, lead(doc, 3)), a.LeadSummary))
	}
	if r.Articles == 0 {
		return SpanishReport{}, fmt.Errorf("%s: no article with a lead_summary", SpanishPath(sharedDir))
	}
	k := float64(r.Articles)
	r.System, r.Lead = scale(sys, k), scale(ld, k)
	return r, nil
}

// incomplete returns the summary sentences that open inside a quotation
// while the sentence before them (which opens or carries it) is not in the
// summary: read alone they begin mid-quotation. open counts those that
// leave a quotation open while the sentence after them is not in the
// summary (reported, not a failure: the summary does not prevent it, as
// on the BBC split that costs about 0.6 ROUGE points).
func incomplete(doc *text.Document, picked []text.Sentence) (out []text.Sentence, open int) {
	index := make(map[text.Span]int, len(doc.Sentences))
	for i, s := range doc.Sentences {
		index[s.Span] = i
	}
	in := make(map[int]bool, len(picked))
	for _, s := range picked {
		in[index[s.Span]] = true
	}
	for _, s := range picked {
		i := index[s.Span]
		if s.InQuote && !in[i-1] {
			out = append(out, s)
		}
		if s.OpenQuote && !in[i+1] {
			open++
		}
	}
	return out, open
}

func loadSpanish(path string) ([]SpanishArticle, error) {
	return jsonl.Load[SpanishArticle](path)
}

// Format writes the report as a plain-text table.
func (r SpanishReport) Format(w io.Writer) {
	fmt.Fprintf(w, "Spanish dev (es-dev), %d articles, 3 sentences against lead_summary (ROUGE F1, %%)\n", r.Articles)
	fmt.Fprintf(w, "%-28s %7s %7s %7s\n", "system", "R-1", "R-2", "R-L")
	fmt.Fprintf(w, "%-28s %7.1f %7.1f %7.1f\n", "newsbot summary", r.System.R1, r.System.R2, r.System.RL)
	fmt.Fprintf(w, "%-28s %7.1f %7.1f %7.1f\n", "Lead-3", r.Lead.R1, r.Lead.R2, r.Lead.RL)
	fmt.Fprintf(w, "summary sentences opening inside a quotation: %d of %d (leaving one open: %d)\n", len(r.Incomplete), r.Sentences, r.LeftOpen)
	for _, s := range r.Incomplete {
		fmt.Fprintf(w, "  %s\n", s)
	}
	if len(r.NotSpanish) > 0 {
		fmt.Fprintf(w, "articles not detected as Spanish: %v\n", r.NotSpanish)
	}
}
