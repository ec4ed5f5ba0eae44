package stories

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// sharedDir finds ../shared next to the module root, or NEWSBOT_SHARED_DIR.
func sharedDir(t testing.TB) string {
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

	// Targets of issue 13 for the production matcher (similar.Matcher{},
	// no IDF): grouping precision >= 0.95, recall >= 0.70, related
	// precision@5 >= 0.95, on the whole set. Measured with entity weighing
	// and the story-term index: 0.962 / 0.707, 0.995 with the threshold
	// 0.32 (0.977 / 0.637 at 0.34; 0.978 / 0.654 before numbers stopped
	// counting on their own). The corpus-IDF variant is not used in
	// production and keeps the older floor (measured 0.952 / 0.644).
	for _, tc := range []struct {
		system            string
		precision, recall float64
		p5                float64
	}{
		{SystemDefault, 0.95, 0.70, 0.95},
		{SystemCorpusIDF, 0.95, 0.6, 0.8},
	} {
		g, ok := r.Row(tc.system, SplitAll)
		if !ok {
			t.Fatalf("no grouping row for %s", tc.system)
		}
		if g.Precision < tc.precision {
			t.Errorf("%s: grouping precision %.3f < %.2f", tc.system, g.Precision, tc.precision)
		}
		if g.Recall < tc.recall {
			t.Errorf("%s: grouping recall %.3f < %.2f", tc.system, g.Recall, tc.recall)
		}
		p5, ok := r.RelatedP5(tc.system, SplitAll)
		if !ok || p5 < tc.p5 {
			t.Errorf("%s: related precision@5 %.3f < %.2f", tc.system, p5, tc.p5)
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
