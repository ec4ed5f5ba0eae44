package sqlite

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/digest"
)

// TestBackgroundCheckpoint checks that written pages reach the database
// file without a commit paying for it: the writer's own checkpoints are a
// backstop far above what this test writes, so the database file grows
// only through the background checkpointer. Close leaves no log behind.
func TestBackgroundCheckpoint(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "bot.db")
	s, err := Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	size := func(p string) int64 {
		fi, err := os.Stat(p)
		if err != nil {
			return 0
		}
		return fi.Size()
	}
	before := size(path)
	body := strings.Repeat("The harbour was busy with ships and cranes. ", 200)
	for i := range 50 {
		a := digest.Article{URL: fmt.Sprintf("https://x.example/%d", i), Title: fmt.Sprintf("Harbour %d", i), Body: body,
			Published: time.Date(2026, 1, 1, 0, i, 0, 0, time.UTC)}
		digest.Analyze(&a)
		if err := s.PutArticle(ctx, &a); err != nil {
			t.Fatal(err)
		}
	}
	if wal := size(path + "-wal"); wal/4096 >= backstopPages {
		t.Fatalf("the test wrote %d log pages, past the writer's backstop %d", wal/4096, backstopPages)
	}
	deadline := time.Now().Add(10 * time.Second)
	for size(path) <= before+100*1024 {
		if time.Now().After(deadline) {
			t.Fatalf("database file still %d bytes (was %d) %v after the writes: no background checkpoint", size(path), before, 10*time.Second)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + "-wal"); !os.IsNotExist(err) {
		t.Errorf("%s-wal left after Close (%v)", path, err)
	}
}
