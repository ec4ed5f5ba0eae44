package quotes

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sharedDir locates ../shared next to the module root (override with
// NEWSBOT_SHARED_DIR). It skips the test when the data is absent, or fails
// it when CI=true.
func sharedDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("NEWSBOT_SHARED_DIR")
	if dir == "" {
		wd, err := os.Getwd()
		if err != nil {
			t.Fatalf("getwd: %v", err)
		}
		for d := wd; ; d = filepath.Dir(d) {
			if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
				dir = filepath.Join(filepath.Dir(d), "shared")
				break
			}
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "eval", "quotes")); dir == "" || err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("evaluation data not found (dir %q); set NEWSBOT_SHARED_DIR", dir)
		}
		t.Skipf("evaluation data not found (dir %q); set NEWSBOT_SHARED_DIR to run", dir)
	}
	return dir
}

// TestPolNeARDev checks the targets on the dev split: direct-quote F1 over
// annotated paragraphs ≥ 0.90, speaker accuracy on named sources ≥ 0.90
// with at most 3% wrong names (issue 12's targets), and that attribution
// beats the baseline.
func TestPolNeARDev(t *testing.T) {
	dir := sharedDir(t)
	rep, err := Run(context.Background(), dir, "dev")
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	var sb strings.Builder
	rep.Format(&sb)
	t.Log("\n" + sb.String())
	if rep.Docs != 84 {
		t.Errorf("docs = %d, want 84", rep.Docs)
	}
	s := rep.System
	if got := s.ScopedF1(); got < 0.90 {
		t.Errorf("quote F1 (annotated paragraphs) = %.3f, want >= 0.90", got)
	}
	if got := s.SpeakerAccuracy(); got < 0.90 {
		t.Errorf("speaker accuracy = %.3f, want >= 0.90", got)
	}
	// Wrong names are worse than none: at most 3% of named sources get a
	// wrong name.
	if got := s.WrongRate(); got > 0.03 {
		t.Errorf("wrong-speaker rate = %.3f, want <= 0.03", got)
	}
	// Quote detection ties with the marks-only baseline (both find nearly
	// every gold segment; precision is bounded by unannotated quotes), so
	// only attribution is required to beat it.
	if s.SpeakerAccuracy() <= rep.Baseline.SpeakerAccuracy() {
		t.Errorf("speaker accuracy %.3f does not beat the baseline's %.3f", s.SpeakerAccuracy(), rep.Baseline.SpeakerAccuracy())
	}
}

// TestPolNeARTrain reports the train split (the tuning set) and holds its
// measured speaker floors.
func TestPolNeARTrain(t *testing.T) {
	if testing.Short() {
		t.Skip("train split skipped in -short")
	}
	dir := sharedDir(t)
	rep, err := Run(context.Background(), dir, "train")
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	var sb strings.Builder
	rep.Format(&sb)
	t.Log("\n" + sb.String())
	for _, m := range rep.Misses {
		t.Log("wrong speaker: " + m)
	}
	// NEWSBOT_QUOTES_VERBOSE=1 also lists the named sources left without a
	// name (train only: dev is reported, never read case by case)
	if os.Getenv("NEWSBOT_QUOTES_VERBOSE") != "" {
		for _, m := range rep.Empties {
			t.Log("no speaker: " + m)
		}
	}
	// measured floors on the tuning split, so a change that loses
	// attribution there is seen
	if got := rep.System.SpeakerAccuracy(); got < 0.960 {
		t.Errorf("train speaker accuracy = %.3f, want >= 0.960", got)
	}
	if got := rep.System.WrongRate(); got > 0.008 {
		t.Errorf("train wrong-speaker rate = %.3f, want <= 0.008", got)
	}
}

func TestRunMissingFile(t *testing.T) {
	if _, err := Run(context.Background(), t.TempDir(), "dev"); err == nil {
		t.Fatal("Run on an empty dir: want error")
	}
}

func TestRunCanceled(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "eval", "quotes")
	if err := os.MkdirAll(p, 0o755); err != nil {
		t.Fatal(err)
	}
	line := `{"id":"x","text":"“Hi there,” Ann Lee said.","attributions":[]}` + "\n"
	if err := os.WriteFile(filepath.Join(p, "polnear-dev.jsonl"), []byte(line), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, dir, "dev"); err == nil {
		t.Fatal("Run with canceled ctx: want error")
	}
	rep, err := Run(context.Background(), dir, "dev")
	if err != nil || rep.Docs != 1 || rep.System.Pred != 1 {
		t.Fatalf("Run = %+v, %v; want 1 doc, 1 prediction", rep, err)
	}
}

func TestGoldSurname(t *testing.T) {
	tests := []struct{ src, want string }{
		{"Okafor", "Okafor"},
		{"he", ""},
		{"She", ""},
		{"Dr. Ana Ortiz, the prize-winning former director of the institute", "Ortiz"},
		{"Likely Green Party nominee Tessa Marlow", "Marlow"},
		{"Sen. Owen Pardee (D-Ore.)", "Pardee"},
		{"Bishop Tomas Vell of the Northern Diocese", "Vell"},
		{"the Marlow campaign", ""},
		{"The Harbour Review", ""},
		{"a campaign aide", ""},
		{"Okafor’s campaign", ""},
		{"Republican officials", ""},
		{"Samuel Brandt Jr.", "Brandt"},
		{"Reuters", "Reuters"},
		{"Secretary of State Lena M. Dorsey", "Dorsey"},
		{"Former Secretary of State Ruth Calloway", "Calloway"},
		{"Speaker of the House Rep. Dale Whitcomb (R-OH)", "Whitcomb"},
		{"Jenna Pruitt of Dayton, Ohio", "Pruitt"},
		{"DNC Chief of Staff Mira Castell", "Castell"},
	}
	for _, tc := range tests {
		t.Run(tc.src, func(t *testing.T) {
			if got := goldSurname(tc.src); got != tc.want {
				t.Errorf("goldSurname(%q) = %q, want %q", tc.src, got, tc.want)
			}
		})
	}
}

func TestGoldQuotes(t *testing.T) {
	text := "Title.\n\n“It works,” Ann Lee said, adding that it was “fine.”\n\nShe told \"Radio\" that \"yes\" was \"the answer,\" not no."
	find := func(s string) jsonSpan {
		i := strings.Index(text, s)
		return jsonSpan{Text: s, Start: i, End: i + len(s)}
	}
	a := &article{Text: text, Attributions: []attribution{
		{Content: find("“It works,”"), Direct: true},
		{Content: find("that it was “fine"), Direct: true}, // closing mark outside the span
		{Content: find("that \"yes\" was \"the answer,\""), Direct: true},
		{Content: find("It works"), Direct: false},
	}}
	var got []string
	for _, g := range goldQuotes(a) {
		got = append(got, text[g.S:g.E])
	}
	want := []string{"It works", "fine.", "yes", "the answer"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("goldQuotes = %q, want %q", got, want)
	}
}

func TestSpeakerMatches(t *testing.T) {
	tests := []struct {
		pred, sur string
		want      bool
	}{
		{"Lucía Benavides", "Benavides", true},
		{"Tessa Marlow", "marlow", true},
		{"", "Bell", false},
		{"Bellamy", "Bell", false},
		{"Bell’s", "Bell", true},
	}
	for _, tc := range tests {
		if got := speakerMatches(tc.pred, tc.sur); got != tc.want {
			t.Errorf("speakerMatches(%q, %q) = %v, want %v", tc.pred, tc.sur, got, tc.want)
		}
	}
}

// TestSpanishDev checks the targets on the Spanish dev split.
func TestSpanishDev(t *testing.T) {
	dir := sharedDir(t)
	rep, err := RunSpanish(context.Background(), dir, "dev")
	if err != nil {
		t.Fatalf("RunSpanish: %v", err)
	}
	var sb strings.Builder
	rep.Format(&sb)
	t.Log("\n" + sb.String())
	for _, m := range rep.Misses {
		t.Log("wrong speaker: " + m)
	}
	if rep.Docs != 19 {
		t.Errorf("docs = %d, want 19", rep.Docs)
	}
	s := rep.System
	// issue 12 targets: F1 >= 0.90, speaker accuracy >= 0.85, wrong <= 5%
	if got := s.F1(); got < 0.90 {
		t.Errorf("quote F1 = %.3f, want >= 0.90", got)
	}
	if got := s.WrongRate(); got > 0.05 {
		t.Errorf("wrong-speaker rate = %.3f, want <= 0.05", got)
	}
	if got := s.SpeakerAccuracy(); got < 0.85 {
		t.Errorf("speaker accuracy = %.3f, want >= 0.85", got)
	}
	if s.SpeakerAccuracy() <= rep.Baseline.SpeakerAccuracy() || s.WrongRate() >= rep.Baseline.WrongRate() {
		t.Errorf("attribution (%.3f right, %.3f wrong) does not beat the baseline (%.3f, %.3f)", s.SpeakerAccuracy(), s.WrongRate(), rep.Baseline.SpeakerAccuracy(), rep.Baseline.WrongRate())
	}
}

func TestSpanishMissingFile(t *testing.T) {
	if _, err := RunSpanish(context.Background(), t.TempDir(), "dev"); err == nil {
		t.Fatal("RunSpanish on an empty dir: want error")
	}
}

func TestEsSpeakerMatches(t *testing.T) {
	tests := []struct {
		pred, gold string
		want       bool
	}{
		{"Rebeca Solís", "Rebeca Solís", true},
		{"Solís", "Rebeca Solís", true},
		{"Ortega Salcedo", "Iván Ortega Salcedo", true},
		{"Anselmo", "obispo Anselmo", true},
		{"Tomás Lerma", "obispo Anselmo", false},
		{"el vocero", "Raúl Tejeda", false},
		{"", "Raúl Tejeda", false},
	}
	for _, tc := range tests {
		if got := esSpeakerMatches(tc.pred, tc.gold); got != tc.want {
			t.Errorf("esSpeakerMatches(%q, %q) = %v, want %v", tc.pred, tc.gold, got, tc.want)
		}
	}
}
