package stories

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/adapters/sqlite"
	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/digest/similar"
)

// ingestSQLite ingests recs in order into an empty SQLite store through
// digest.Service, headline as body, and returns each one's story.
func ingestSQLite(tb testing.TB, recs []streamRecord) []int64 {
	tb.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(tb.TempDir(), "news.db"), nil)
	if err != nil {
		tb.Fatal(err)
	}
	defer st.Close()
	last := recs[len(recs)-1].published
	svc := digest.NewService(st, nil, digest.ClockFunc(func() time.Time { return last.Add(time.Hour) }), nil, digest.Config{})
	groups := make([]int64, len(recs))
	for i, rec := range recs {
		a, err := svc.Ingest(ctx, digest.Article{Title: rec.Title, Body: rec.Title, Source: rec.Publisher,
			URL: fmt.Sprintf("https://example.com/%d", i), Published: rec.published})
		if err != nil {
			tb.Fatal(err)
		}
		groups[i] = a.StoryID
	}
	return groups
}

// TestStreamSQLiteMatchesEval ingests the headline stream into SQLite
// through digest.Service and checks that it groups it as the evaluation's
// online grouping, which runs ingest's own candidate steps over an
// in-memory index: given the same articles (the Service refuses an article
// without a body, so both are given the headline as body too) the same
// groups, so the same figures exactly; and the evaluation's own figures
// (RunStream, headline only) to within 0.0002 (measured: 0.936851 /
// 0.800668 against 0.936848 / 0.800629).
func TestStreamSQLiteMatchesEval(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluation skipped in -short mode")
	}
	dir := requireFile(t, StreamPath)
	recs, err := loadStream(filepath.Join(dir, StreamPath))
	if err != nil {
		t.Fatal(err)
	}
	r, err := RunStream(context.Background(), dir, "")
	if err != nil {
		t.Fatal(err)
	}
	gold := make([]string, len(recs))
	for i, rec := range recs {
		gold[i] = rec.Story
	}
	o := newOnline(similar.DefaultMaxGap)
	eval := make([]int64, len(recs))
	for i, rec := range recs {
		eval[i], _ = o.ingest(digest.Article{Title: rec.Title, Body: rec.Title, Source: rec.Publisher, URL: rec.URL, Published: rec.published})
	}
	ep, erc, ef1 := pairScore(gold, eval)
	p, rc, f1 := pairScore(gold, ingestSQLite(t, recs))
	t.Logf("SQLite ingest: precision %.6f, recall %.6f; the evaluation, headline as body: %.6f, %.6f; headline only: %.6f, %.6f",
		p, rc, ep, erc, r.Ours.Precision, r.Ours.Recall)
	if p != ep || rc != erc {
		t.Errorf("SQLite ingest: precision %.6f, recall %.6f, F1 %.4f; the evaluation, headline as body: %.6f, %.6f, %.4f",
			p, rc, 100*f1, ep, erc, 100*ef1)
	}
	if math.Abs(p-r.Ours.Precision) > 0.0002 || math.Abs(rc-r.Ours.Recall) > 0.0002 {
		t.Errorf("SQLite ingest: precision %.6f, recall %.6f, F1 %.4f; the evaluation: %.6f, %.6f, %.4f",
			p, rc, 100*f1, r.Ours.Precision, r.Ours.Recall, 100*r.Ours.F1)
	}
}

// BenchmarkStreamIngestSQLite measures ingest of the headline stream into
// an empty SQLite store (all of it within one story window, so every
// member read is full): go test -run XXX -bench StreamIngest -benchtime 1x.
func BenchmarkStreamIngestSQLite(b *testing.B) {
	dir := requireFile(b, StreamPath)
	recs, err := loadStream(filepath.Join(dir, StreamPath))
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	for b.Loop() {
		ingestSQLite(b, recs)
		n += len(recs)
	}
	b.ReportMetric(b.Elapsed().Seconds()*1000/float64(n), "ms/headline")
}
