package sqlite

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/storetest"
)

func TestRetentionConformance(t *testing.T) {
	storetest.RunRetention(t, func(t *testing.T) digest.Store { return openTemp(t) })
}

// TestPruneReclaimsSpace: a new store uses incremental vacuum, and pruning
// most of it gives the space back to the file system.
func TestPruneReclaimsSpace(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	var mode int
	if err := s.w.QueryRowContext(ctx, "PRAGMA auto_vacuum").Scan(&mode); err != nil || mode != 2 {
		t.Fatalf("auto_vacuum = %d (%v), want 2 (incremental)", mode, err)
	}
	now := time.Now()
	body := strings.Repeat("The committee reviewed the harbour budget line by line. ", 200)
	for i := range 300 {
		a := digest.Article{URL: fmt.Sprintf("https://news.example/%d", i), Title: fmt.Sprintf("Harbour %d", i),
			Published: now.Add(-time.Duration(i)*24*time.Hour - time.Hour), Body: body}
		if err := s.PutArticle(ctx, &a); err != nil {
			t.Fatal(err)
		}
	}
	before, err := s.Size(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st, err := s.Prune(ctx, now.Add(-90*24*time.Hour), 0)
	if err != nil {
		t.Fatal(err)
	}
	after, err := s.Size(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("pruned %d of 300 articles: %d → %d bytes (reclaimed %d)", st.Articles, before, after, st.Reclaimed)
	if st.Articles != 210 || after > before/2 || st.Reclaimed != before-after {
		t.Fatalf("pruned %d articles, size %d → %d, reclaimed %d: want 210 pruned and over half the file back", st.Articles, before, after, st.Reclaimed)
	}
}

// TestPruneCorpus prunes the older half of a generated corpus (30 days;
// NEWSBOT_RETENTION_ARTICLES articles, default 1,500; 100,000 for the
// README's figure) after marking 50 old stories delivered within the
// retention period, and checks that every article older than the cutoff
// went except those stories', which keep all their articles and quotes,
// and that no story-index row is left without its article.
func TestPruneCorpus(t *testing.T) {
	n := 1500
	if v := os.Getenv("NEWSBOT_RETENTION_ARTICLES"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			t.Fatal(err)
		}
	}
	ctx := context.Background()
	s := openTemp(t)
	c := storetest.NewCorpus(storetest.BenchSeed, n)
	loaded, err := c.Load(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	now := c.Now()
	cutoff := now.Add(-15 * 24 * time.Hour)
	cut := unixNano(cutoff)
	count := func(q string, args ...any) int64 {
		t.Helper()
		var v int64
		if err := s.w.QueryRowContext(ctx, q, args...).Scan(&v); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return v
	}
	rows, err := s.w.QueryContext(ctx, `SELECT DISTINCT story_id FROM articles WHERE published < ? ORDER BY story_id % 97, story_id LIMIT 50`, cut)
	if err != nil {
		t.Fatal(err)
	}
	var marks []digest.DeliveredStory
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		marks = append(marks, digest.DeliveredStory{StoryID: id, At: now.Add(-24 * time.Hour)})
	}
	rows.Close()
	if err := s.MarkDelivered(ctx, digest.Channel{Platform: "slack", Workspace: "T1", ChannelID: "C1"}, marks); err != nil {
		t.Fatal(err)
	}
	const kept = `story_id IN (SELECT story_id FROM delivered)`
	keptArticles := count(`SELECT count(*) FROM articles WHERE ` + kept)
	keptQuotes := count(`SELECT count(*) FROM quotes WHERE article_id IN (SELECT id FROM articles WHERE ` + kept + `)`)
	old := count(`SELECT count(*) FROM articles WHERE published < ? AND NOT `+kept, cut)
	sizeBefore, _ := s.Size(ctx)

	began := time.Now()
	st, err := s.Prune(ctx, cutoff, 0)
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(began)
	sizeAfter, _ := s.Size(ctx)
	t.Logf("corpus %s; pruned %d of %d articles (%d quotes) in %v: %.1f MB → %.1f MB (%.1f MB reclaimed); %d old articles kept for %d delivered stories",
		loaded, st.Articles, n, st.Quotes, took.Round(time.Millisecond), float64(sizeBefore)/1e6, float64(sizeAfter)/1e6,
		float64(st.Reclaimed)/1e6, keptArticles, len(marks))
	if st.Articles != old || old == 0 {
		t.Errorf("pruned %d articles, want the %d old ones outside delivered stories", st.Articles, old)
	}
	if left := count(`SELECT count(*) FROM articles WHERE published < ? AND NOT `+kept, cut); left != 0 {
		t.Errorf("%d old articles left", left)
	}
	if got := count(`SELECT count(*) FROM articles WHERE ` + kept); got != keptArticles {
		t.Errorf("delivered stories hold %d articles after prune, %d before", got, keptArticles)
	}
	if got := count(`SELECT count(*) FROM quotes WHERE article_id IN (SELECT id FROM articles WHERE ` + kept + `)`); got != keptQuotes {
		t.Errorf("delivered stories hold %d quotes after prune, %d before", got, keptQuotes)
	}
	if orphans := count(`SELECT count(*) FROM story_terms WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = story_terms.article_id)`); orphans != 0 {
		t.Errorf("%d story-index rows without their article", orphans)
	}
	for _, fts := range []string{"articles_fts", "quotes_fts"} {
		if _, err := s.w.ExecContext(ctx, "INSERT INTO "+fts+" ("+fts+") VALUES ('integrity-check')"); err != nil {
			t.Errorf("%s after prune: %v", fts, err)
		}
	}
	if sizeAfter >= sizeBefore {
		t.Errorf("store did not shrink: %d → %d bytes", sizeBefore, sizeAfter)
	}
}
