package sqlite

import (
	"context"
	"fmt"
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
