package quotes

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsdigest/bot/internal/eval/jsonl"
)

// esArticle is one line of es-dev.jsonl.
type esArticle struct {
	ID     string    `json:"id"`
	Outlet string    `json:"outlet"`
	Text   string    `json:"text"`
	Quotes []esQuote `json:"quotes"`
}

// esQuote is a gold quote: its text verbatim inside the marks, the speaker's
// fullest name (or a description when Named is false).
type esQuote struct {
	Text    string `json:"text"`
	Speaker string `json:"speaker"`
	Named   bool   `json:"named"`
}

// SpanishReport is the evaluation of the Spanish split: our extractor and
// the baseline.
type SpanishReport struct {
	Split       string
	Docs        int
	System      Scores
	Baseline    Scores
	ExtractTime time.Duration
	// Misses lists, for the system, the matched quotes whose speaker was
	// wrong (a name other than the gold one, or a name for an unnamed
	// source): "gold speaker ← predicted: quote".
	Misses []string
}

// RunSpanish evaluates the Spanish split ("dev") found under
// sharedDir/eval/quotes/es-<split>.jsonl. Gold quotes carry no offsets: each
// is located in the text (the first occurrence not taken by an earlier gold
// quote with the same words). The overlap rule and the counts are those of
// Run; speaker accuracy also counts unnamed gold sources, right when the
// predicted speaker is empty or a description.
func RunSpanish(ctx context.Context, sharedDir, split string) (SpanishReport, error) {
	path := filepath.Join(sharedDir, "eval", "quotes", "es-"+split+".jsonl")
	rep := SpanishReport{Split: split}
	for a, err := range jsonl.Read[esArticle](ctx, path) {
		if err != nil {
			return SpanishReport{}, fmt.Errorf("evaluate spanish quotes: %w", err)
		}
		rep.Docs++
		gold := esGold(&a)
		sys := extract(a.Text, &rep.ExtractTime)
		rep.Misses = append(rep.Misses, scoreSpanish(&rep.System, a.Text, gold, sys)...)
		scoreSpanish(&rep.Baseline, a.Text, gold, baseline(a.Text))
	}
	return rep, nil
}

// esGoldQuote is a located gold quote.
type esGoldQuote struct {
	span
	esQuote
}

// esGold locates the gold quotes of a in its text; a quote not found is
// kept with an empty span (it counts as a miss).
func esGold(a *esArticle) []esGoldQuote {
	taken := map[span]bool{}
	out := make([]esGoldQuote, 0, len(a.Quotes))
	for _, q := range a.Quotes {
		g := esGoldQuote{esQuote: q}
		for from := 0; from < len(a.Text); {
			i := strings.Index(a.Text[from:], q.Text)
			if i < 0 || q.Text == "" {
				break
			}
			sp := span{from + i, from + i + len(q.Text)}
			if !taken[sp] && !insideWord(a.Text, sp) {
				taken[sp] = true
				g.span = sp
				break
			}
			from = sp.S + 1
		}
		out = append(out, g)
	}
	return out
}

// insideWord reports a located quote that starts or ends inside a word of
// the text ("fascista" inside "nazifascista"): a quotation is whole words.
func insideWord(b string, sp span) bool {
	r, _ := utf8.DecodeLastRuneInString(b[:sp.S])
	q, _ := utf8.DecodeRuneInString(b[sp.E:])
	f, _ := utf8.DecodeRuneInString(b[sp.S:])
	l, _ := utf8.DecodeLastRuneInString(b[:sp.E])
	return sp.S > 0 && unicode.IsLetter(r) && unicode.IsLetter(f) || sp.E < len(b) && unicode.IsLetter(q) && unicode.IsLetter(l)
}

// scoreSpanish adds one article's counts to s and returns the wrong
// attributions.
func scoreSpanish(s *Scores, body string, gold []esGoldQuote, preds []pred) []string {
	s.Gold += len(gold)
	s.Pred += len(preds)
	matched := make([]bool, len(preds))
	var misses []string
	for _, g := range gold {
		if g.E <= g.S {
			continue
		}
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
		sp := preds[best].speaker
		named := sp != "" && !isDescription(sp)
		if g.Named {
			s.SpeakerN++
			switch {
			case esSpeakerMatches(sp, g.Speaker):
				s.SpeakerOK++
			case named:
				s.SpeakerWrong++
				misses = append(misses, fmt.Sprintf("%s ← %s: %.60s", g.Speaker, sp, body[g.S:g.E]))
			}
			continue
		}
		s.UnnamedN++
		if !named {
			s.UnnamedOK++
		} else {
			misses = append(misses, fmt.Sprintf("(%s) ← %s: %.60s", g.Speaker, sp, body[g.S:g.E]))
		}
	}
	for i := range preds {
		if matched[i] {
			s.PredMatched++
		}
	}
	// Every quote of a Spanish article is annotated: scoped = all.
	s.ScopedPred, s.ScopedMatched = s.Pred, s.PredMatched
	return misses
}

// esSpeakerMatches reports whether a predicted speaker names the gold
// speaker: every capitalised word of the prediction is a word of the gold
// name ("Fauci", "Anthony Fauci" for "Anthony Fauci"; "López Reynoso" for
// "Iván López Reynoso"), or the prediction holds the gold's last capitalised
// word (a fuller form). A description (lower-case start) never matches a
// named gold speaker.
func esSpeakerMatches(pred, gold string) bool {
	if pred == "" || isDescription(pred) {
		return false
	}
	pw, gw := capWords(pred), capWords(gold)
	if len(pw) == 0 || len(gw) == 0 {
		return strings.EqualFold(strings.TrimSpace(pred), strings.TrimSpace(gold))
	}
	in := func(w string, ws []string) bool {
		for _, v := range ws {
			if strings.EqualFold(v, w) {
				return true
			}
		}
		return false
	}
	all := true
	for _, w := range pw {
		if !in(w, gw) {
			all = false
			break
		}
	}
	return all || in(gw[len(gw)-1], pw)
}

// capWords returns the capitalised words of s, dots and possessives trimmed.
func capWords(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == ',' || r == '(' || r == ')' || r == '[' || r == ']'
	}) {
		w = trimPoss(strings.Trim(w, ".:;"))
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			out = append(out, w)
		}
	}
	return out
}

// Format writes the report as a plain-text table.
func (r SpanishReport) Format(w io.Writer) {
	fmt.Fprintf(w, "Spanish %s: %d articles, %d gold quotes (%d matched by quotes.Extract, %d with a named speaker)\n",
		r.Split, r.Docs, r.System.Gold, r.System.GoldMatched, r.System.SpeakerN)
	fmt.Fprintf(w, "%-28s %7s %7s %7s %9s %7s\n", "system", "P", "R", "F1", "speaker", "wrong")
	row := func(name string, s Scores) {
		fmt.Fprintf(w, "%-28s %7.3f %7.3f %7.3f %9.3f %7.3f  (n=%d: %d named, %d unnamed)\n", name,
			s.Precision(), s.Recall(), s.F1(), s.SpeakerAccuracy(), s.WrongRate(), s.SpeakerN+s.UnnamedN, s.SpeakerN, s.UnnamedN)
	}
	row("quotes.Extract", r.System)
	row("baseline: marks+nearest cap", r.Baseline)
	if r.Docs > 0 {
		fmt.Fprintf(w, "extract time: %v total, %v per article\n", r.ExtractTime.Round(time.Microsecond), (r.ExtractTime / time.Duration(r.Docs)).Round(time.Microsecond))
	}
}
