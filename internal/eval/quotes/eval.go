// Package quotes evaluates direct-quote extraction and speaker attribution
// (internal/digest/quotes) on PolNeAR (Newell, Margolin & Ruths, LREC 2018),
// read from the shared evaluation directory. It reads files and nothing
// else; the data is never copied into the repository.
//
// Gold quotes are the quoted segments (the part inside the quotation marks)
// of every attribution marked direct. A predicted quote matches a gold
// segment when they overlap by at least half of the gold segment's length.
// Recall is the share of gold segments matched; precision the share of
// predicted quotes matching some gold segment.
//
// PolNeAR leaves many quotations unannotated: its annotators skipped whole
// paragraphs (about 40% of the quoted segments of the texts lie in
// paragraphs carrying no attribution at all). Precision is therefore also
// reported over annotated paragraphs only: predictions on a line that has no
// attribution span of any kind are left out (they are unlabelled, not
// wrong). Recall is the same under both views. Targets are checked against
// the annotated-paragraph figures.
//
// Speaker accuracy is measured on matched gold segments whose source is a
// name (see goldSurname: capitalised, not a pronoun, not a description): the
// predicted speaker must contain the gold surname. The wrong-speaker rate is
// measured on the same quotes: the share given a name that is not the gold
// speaker's. A prediction that is empty or a description (it starts with a
// lower-case letter: "a spokesperson for …") is neither right nor wrong:
// empty is better than wrong.
//
// The Spanish split (es-dev.jsonl, see spanish.go) is scored with the same
// overlap rule; its gold quotes carry the speaker's fullest name or, for
// unnamed sources, named=false.
package quotes

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"
	"unicode"
	"unicode/utf8"

	dq "github.com/newsdigest/bot/internal/digest/quotes"
	"github.com/newsdigest/bot/internal/digest/text"
	"github.com/newsdigest/bot/internal/eval/jsonl"
)

// Scores are one system's figures on a split.
type Scores struct {
	Gold        int // gold quoted segments
	GoldMatched int // gold segments matched by a prediction
	Pred        int // predicted quotes
	PredMatched int // predicted quotes matching a gold segment
	// Predictions on annotated lines (see package doc).
	ScopedPred, ScopedMatched int
	// Speaker accuracy on matched gold segments with a named source, and
	// how many of them were given a wrong name.
	SpeakerN, SpeakerOK, SpeakerWrong int
	// Matched gold quotes of unnamed sources (Spanish split only): right
	// when the predicted speaker is empty or a description, wrong when it
	// is a name.
	UnnamedN, UnnamedOK int
}

// Recall is GoldMatched/Gold.
func (s Scores) Recall() float64 { return ratio(s.GoldMatched, s.Gold) }

// Precision is PredMatched/Pred over all predictions.
func (s Scores) Precision() float64 { return ratio(s.PredMatched, s.Pred) }

// F1 is the harmonic mean of Precision and Recall.
func (s Scores) F1() float64 { return f1(s.Precision(), s.Recall()) }

// ScopedPrecision is the precision over annotated paragraphs.
func (s Scores) ScopedPrecision() float64 { return ratio(s.ScopedMatched, s.ScopedPred) }

// ScopedF1 is the F1 of ScopedPrecision and Recall.
func (s Scores) ScopedF1() float64 { return f1(s.ScopedPrecision(), s.Recall()) }

// SpeakerAccuracy is the share of scored matched quotes whose speaker is
// right: SpeakerOK/SpeakerN, counting unnamed sources too when there are any.
func (s Scores) SpeakerAccuracy() float64 {
	return ratio(s.SpeakerOK+s.UnnamedOK, s.SpeakerN+s.UnnamedN)
}

// WrongRate is the share of scored matched quotes given a wrong name: a name
// other than the gold speaker's, or any name for an unnamed source.
func (s Scores) WrongRate() float64 {
	return ratio(s.SpeakerWrong+s.UnnamedN-s.UnnamedOK, s.SpeakerN+s.UnnamedN)
}

// isDescription reports a predicted speaker that is a description rather
// than a name: the extractor writes descriptions from a lower-case
// determiner ("a spokesperson for …", "el vocero").
func isDescription(speaker string) bool {
	r, _ := utf8.DecodeRuneInString(speaker)
	return unicode.IsLower(r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Report is the evaluation of one split: our extractor and the baseline.
type Report struct {
	Split    string
	Docs     int
	System   Scores
	Baseline Scores
	// ExtractTime is the total time spent in quotes.Extract.
	ExtractTime time.Duration
	// Misses lists the system's matched quotes with a named gold source that
	// got a wrong name: "gold source ← predicted: quote".
	Misses []string
	// Empties lists the system's matched quotes with a named gold source
	// that got no name (empty or a description): "gold source ← predicted:
	// quote". They count against accuracy but not as wrong.
	Empties []string
}

// Run evaluates split ("train" or "dev") of PolNeAR found under
// sharedDir/eval/quotes. It returns an error when the file can't be read or
// parsed, or ctx is done.
func Run(ctx context.Context, sharedDir, split string) (Report, error) {
	path := filepath.Join(sharedDir, "eval", "quotes", "polnear-"+split+".jsonl")
	rep := Report{Split: split}
	for a, err := range jsonl.Read[article](ctx, path) {
		if err != nil {
			return Report{}, fmt.Errorf("evaluate quotes: %w", err)
		}
		rep.Docs++
		gold := goldQuotes(&a)
		starts := lineStarts(a.Text)
		scope := annotatedLines(&a, starts)
		sys := extract(a.Text, &rep.ExtractTime)
		misses, empties := score(&rep.System, a.Text, gold, sys, starts, scope)
		rep.Misses = append(rep.Misses, misses...)
		rep.Empties = append(rep.Empties, empties...)
		score(&rep.Baseline, a.Text, gold, baseline(a.Text), starts, scope)
	}
	return rep, nil
}

// extract runs the extractor on body as the system under test, adding its
// time to spent, and returns its quotes as predictions.
func extract(body string, spent *time.Duration) []pred {
	doc := document(body)
	t0 := time.Now()
	got := dq.Extract(doc)
	*spent += time.Since(t0)
	sys := make([]pred, len(got))
	for i, q := range got {
		sys[i] = pred{span{q.Start, q.End}, q.Speaker}
	}
	return sys
}

// document builds the analysed document the extractor reads: one paragraph
// per non-empty line, none flagged as boilerplate. It does not depend on the
// text package's analysis, so the figures measure the quote extractor alone.
func document(body string) *text.Document {
	d := &text.Document{Body: body, Lang: text.DetectLanguage(body)} // as production detects it
	off := 0
	for off <= len(body) {
		end := len(body)
		for i := off; i < len(body); i++ {
			if body[i] == '\n' {
				end = i
				break
			}
		}
		if end > off {
			d.Paragraphs = append(d.Paragraphs, text.Paragraph{Span: text.Span{Start: off, End: end}})
		}
		off = end + 1
	}
	return d
}

type pred struct {
	span
	speaker string
}

func overlap(a, b span) int { return min(a.E, b.E) - max(a.S, b.S) }

// score adds one article's counts to s and returns the wrong attributions
// and the named sources left without a name.
func score(s *Scores, body string, gold []goldQuote, preds []pred, starts []int, scope []bool) (misses, empties []string) {
	s.Gold += len(gold)
	s.Pred += len(preds)
	matched := make([]bool, len(preds))
	for _, g := range gold {
		best, bestOv := -1, 0
		for i, p := range preds {
			ov := overlap(g.span, p.span)
			if 2*ov >= g.E-g.S && ov > 0 {
				matched[i] = true
				if ov > bestOv {
					best, bestOv = i, ov
				}
			}
		}
		if best < 0 {
			continue
		}
		s.GoldMatched++
		if sur := goldSurname(g.source); sur != "" {
			s.SpeakerN++
			sp := preds[best].speaker
			switch {
			case speakerMatches(sp, sur):
				s.SpeakerOK++
			case sp != "" && !isDescription(sp):
				s.SpeakerWrong++
				misses = append(misses, fmt.Sprintf("%s ← %s: %.60s", g.source, sp, body[g.S:g.E]))
			default:
				empties = append(empties, fmt.Sprintf("%s ← %q: %.60s", g.source, sp, body[g.S:g.E]))
			}
		}
	}
	for i, p := range preds {
		if matched[i] {
			s.PredMatched++
		}
		if scope[lineAt(starts, p.S)] {
			s.ScopedPred++
			if matched[i] {
				s.ScopedMatched++
			}
		}
	}
	return misses, empties
}

// Format writes the report as a plain-text table.
func (r Report) Format(w io.Writer) {
	fmt.Fprintf(w, "PolNeAR %s: %d articles, %d gold direct-quote segments\n", r.Split, r.Docs, r.System.Gold)
	fmt.Fprintf(w, "%-28s %7s %7s %7s %9s %9s %9s %7s\n", "system", "P(all)", "R", "F1(all)", "P(annot)", "F1(annot)", "speaker", "wrong")
	row := func(name string, s Scores) {
		fmt.Fprintf(w, "%-28s %7.3f %7.3f %7.3f %9.3f %9.3f %9.3f %7.3f  (n=%d)\n", name,
			s.Precision(), s.Recall(), s.F1(), s.ScopedPrecision(), s.ScopedF1(), s.SpeakerAccuracy(), s.WrongRate(), s.SpeakerN)
	}
	row("quotes.Extract", r.System)
	row("baseline: marks+nearest cap", r.Baseline)
	if r.Docs > 0 {
		fmt.Fprintf(w, "extract time: %v total, %v per article\n", r.ExtractTime.Round(time.Microsecond), (r.ExtractTime / time.Duration(r.Docs)).Round(time.Microsecond))
	}
}
