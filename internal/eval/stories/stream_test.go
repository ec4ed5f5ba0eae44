package stories

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

func requireFile(t testing.TB, rel string) string {
	t.Helper()
	dir := sharedDir(t)
	if _, err := os.Stat(filepath.Join(dir, rel)); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("evaluation data missing at %s: %v", filepath.Join(dir, rel), err)
		}
		t.Skipf("evaluation data not found at %s (set NEWSBOT_SHARED_DIR): %v", filepath.Join(dir, rel), err)
	}
	return dir
}

// TestStreamMeetsTargets ingests the UCI headline stream (dev) as ingest
// does (headlines compared with whole stories, their candidates spread
// over stories and their members read as digest.ArticleStore.StoryMembers
// gives them) and asserts the targets of issue 13: precision >= 0.92 and
// F1 at least 5 points above the tuned single-pass TF-IDF baseline (80.6
// here: 85.6). Measured: 0.937, F1 86.3 (before a headline was compared
// with whole stories when no candidate's story had more reports, and its
// candidates were spread over stories: 0.928, 85.4); per-article matching
// alone 0.921 / 68.4.
func TestStreamMeetsTargets(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluation skipped in -short mode")
	}
	dir := requireFile(t, StreamPath)
	r, err := RunStream(context.Background(), dir, "")
	if err != nil {
		t.Fatal(err)
	}
	r.Format(t.Output())
	if r.Ours.Precision < 0.92 {
		t.Errorf("precision %.3f < 0.92", r.Ours.Precision)
	}
	if r.Ours.F1 < r.Baseline.F1+0.05 {
		t.Errorf("issue 13 target missed: F1 %.1f, target %.1f (baseline %.1f + 5)", 100*r.Ours.F1, 100*r.Baseline.F1+5, 100*r.Baseline.F1)
	}
	if r.PerArticle.F1 >= r.Ours.F1 {
		t.Errorf("per-article F1 %.1f >= ingest's %.1f: whole-story matching no longer helps", 100*r.PerArticle.F1, 100*r.Ours.F1)
	}
	if r.Baseline.F1 < 0.75 {
		t.Errorf("baseline F1 %.1f < 75: the baseline is broken", 100*r.Baseline.F1)
	}
}

// TestStreamHalves reports the grouping on each half of the stream by
// time (go test -v -run StreamHalves): changes are kept only when they
// hold on both. Measured: F1 73.7 and 93.9 (precision 0.839 and 0.990;
// the baseline tuned on each half: 73.3 and 87.0); before the changes of
// this round, 72.1 and 88.5. The floors keep what was won, with a margin:
// on a stream this small, a change elsewhere moves a half by a point.
func TestStreamHalves(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluation skipped in -short mode")
	}
	dir := requireFile(t, StreamPath)
	rs, err := RunStreamHalves(context.Background(), dir, "")
	if err != nil {
		t.Fatal(err)
	}
	floors := [2]float64{0.72, 0.92}
	for i, r := range rs {
		t.Logf("half %d: %d headlines, precision %.3f, recall %.3f, F1 %.1f (baseline %.1f)",
			i+1, r.Items, r.Ours.Precision, r.Ours.Recall, 100*r.Ours.F1, 100*r.Baseline.F1)
		if r.Ours.F1 < floors[i] {
			t.Errorf("half %d: F1 %.1f < %.0f", i+1, 100*r.Ours.F1, 100*floors[i])
		}
	}
}

// TestPairs ingests the English–Spanish pairs (dev), each into an empty
// store, English then Spanish. Issue 13 asks for at least 7 of the 9
// same-event pairs in one story and none of the 14 different-event pairs;
// with a general EN–ES lexicon and the keys read from the lead (no
// repeated headline, no byline), 7 of 9 join (before the cross-language
// keys: 0 of 9; before reading the lead: 5). The join's constants and the
// list of capitalised non-names (headline labels, wire agencies) were set
// while looking at these 23 pairs, so this measures fit; unseen pairs are
// the real check.
func TestPairs(t *testing.T) {
	const target = 7
	dir := requireFile(t, PairsPath)
	r, err := RunPairs(context.Background(), dir, "")
	if err != nil {
		t.Fatal(err)
	}
	r.Format(t.Output())
	if r.SameJoined < target {
		t.Errorf("%d of %d same-event pairs joined one story, want at least %d", r.SameJoined, r.Same, target)
	}
	if r.DiffJoined > 0 {
		t.Errorf("%d of %d different-event pairs joined one story", r.DiffJoined, r.Diff)
	}
}

// TestTeamPairs checks cross-language grouping on pairs this team wrote
// (testdata/team-pairs.jsonl: invented or public events, no quote of a
// real person), set apart from the dev pairs the constants were tuned on:
// each same-event pair is one event reported in both languages in
// different words; each different-event pair shares its people, place or
// institution with the other side (a mine strike and an earthquake in one
// city, a rate cut and new banknotes of one central bank, two earthquakes
// of one city a week apart).
func TestTeamPairs(t *testing.T) {
	r, err := RunPairs(context.Background(), "", filepath.Join("testdata", "team-pairs.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	r.Format(t.Output())
	if r.SameJoined != r.Same || r.DiffJoined != 0 {
		t.Errorf("same-event pairs joined %d of %d, different-event pairs joined %d of %d (wrong: %v)", r.SameJoined, r.Same, r.DiffJoined, r.Diff, r.Wrong)
	}
}
