package quotes

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/eval/jsonl"
)

// TestPolNeARTrainHalves reports speaker accuracy and wrong names on the
// two halves of the train split (articles by even and odd index), the
// check a rule change must pass on both halves. NEWSBOT_QUOTES_HALVES=FILE
// runs it and writes the wrong and empty speakers of each half to FILE and
// every predicted quote with its speaker to FILE.all, so two runs can be
// compared with diff. Train only: dev is never listed.
func TestPolNeARTrainHalves(t *testing.T) {
	out := os.Getenv("NEWSBOT_QUOTES_HALVES")
	if out == "" {
		t.Skip("NEWSBOT_QUOTES_HALVES unset")
	}
	dir := sharedDir(t)
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	all, err := os.Create(out + ".all")
	if err != nil {
		t.Fatal(err)
	}
	defer all.Close()
	var half [2]Scores
	var spent time.Duration
	idx := 0
	for a, err := range jsonl.Read[article](context.Background(), filepath.Join(dir, "eval", "quotes", "polnear-train.jsonl")) {
		if err != nil {
			t.Fatal(err)
		}
		h := idx % 2
		starts := lineStarts(a.Text)
		sys := extract(a.Text, &spent)
		for _, p := range sys {
			fmt.Fprintf(all, "A%03d %q <- %.50q\n", idx, p.speaker, a.Text[p.S:p.E])
		}
		misses, empties := score(&half[h], a.Text, goldQuotes(&a), sys, starts, annotatedLines(&a, starts))
		for _, m := range misses {
			fmt.Fprintf(f, "H%d A%03d WRONG %s\n", h, idx, m)
		}
		for _, m := range empties {
			fmt.Fprintf(f, "H%d A%03d EMPTY %s\n", h, idx, m)
		}
		idx++
	}
	for h, s := range half {
		fmt.Fprintf(f, "HALF%d acc=%.4f ok=%d wrong=%d n=%d\n", h, s.SpeakerAccuracy(), s.SpeakerOK, s.SpeakerWrong, s.SpeakerN)
		t.Logf("half %d (articles with index %% 2 == %d): speaker accuracy %.4f (%d of %d), wrong names %d", h, h, s.SpeakerAccuracy(), s.SpeakerOK, s.SpeakerN, s.SpeakerWrong)
	}
}
