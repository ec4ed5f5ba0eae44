package stories

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// sharedDir finds ../shared next to the module root, or NEWSBOT_SHARED_DIR.
func sharedDir(t *testing.T) string {
	t.Helper()
	if d := os.Getenv("NEWSBOT_SHARED_DIR"); d != "" {
		return d
	}
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "..", "shared")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

func requireData(t *testing.T) string {
	t.Helper()
	dir := sharedDir(t)
	if _, err := os.Stat(filepath.Join(dir, DataPath)); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("ECB+ data missing at %s: %v", filepath.Join(dir, DataPath), err)
		}
		t.Skipf("ECB+ data not found at %s (set NEWSBOT_SHARED_DIR): %v", filepath.Join(dir, DataPath), err)
	}
	return dir
}

func TestRunMeetsTargets(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluation skipped in -short mode")
	}
	dir := requireData(t)
	r, err := Run(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	r.Format(t.Output())

	// Targets: grouping precision >= 0.95 with recall >= 0.6; related
	// precision@5 >= 0.8, all asserted on the whole set. Measured with
	// entity weighing (similar.NewDocText) and the production candidate
	// search (the story-term index): P 0.977 / R 0.637 without an IDF,
	// 0.952 / 0.644 with a corpus IDF (0.978 / 0.654 and 0.975 / 0.654
	// before numbers stopped counting on their own). Issue 13 asks for
	// recall >= 0.70: not reached. A full-text search over every word
	// instead gave 0.970 / 0.644 with 20 candidates, 0.974 / 0.546 with 10.
	for _, system := range []string{SystemDefault, SystemCorpusIDF} {
		g, ok := r.Row(system, SplitAll)
		if !ok {
			t.Fatalf("no grouping row for %s", system)
		}
		if g.Precision < 0.95 {
			t.Errorf("%s: grouping precision %.3f < 0.95", system, g.Precision)
		}
		if g.Recall < 0.6 {
			t.Errorf("%s: grouping recall %.3f < 0.6", system, g.Recall)
		}
		p5, ok := r.RelatedP5(system, SplitAll)
		if !ok || p5 < 0.8 {
			t.Errorf("%s: related precision@5 %.3f < 0.8", system, p5)
		}
	}
	if _, ok := r.Row(SystemBaseline, SplitAll); !ok {
		t.Error("baseline row missing")
	}
}

func TestRunCancelled(t *testing.T) {
	dir := requireData(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, dir); !errors.Is(err, context.Canceled) {
		t.Fatalf("Run with cancelled context: %v, want context.Canceled", err)
	}
}
