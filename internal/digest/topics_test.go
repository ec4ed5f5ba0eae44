package digest_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/adapters/sqlite"
	"github.com/newsdigest/bot/internal/digest"
)

func TestTopicsMergeFormsAndSkipStopWords(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "news.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svc := digest.NewService(st, nil, digest.ClockFunc(func() time.Time { return now }), nil, digest.Config{})
	titles := []string{
		"Mexico's president meets farmers",
		"México y Estados Unidos firman acuerdo Sobre Agua",
		"Mexico signs water deal",
		"Después del acuerdo, Mexico celebra (MUESTRA)",
		"Energy prices fall in Europe",
	}
	for i, title := range titles {
		a := digest.Article{URL: fmt.Sprintf("https://t.example/%d", i), Title: title, Source: "T", Published: now.Add(-time.Hour),
			Body: title + ". More text follows here about the news of the day."}
		if _, err := svc.Ingest(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	got, err := svc.Topics(ctx, "", 20)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 || got[0] != "mexico" {
		t.Errorf("topics = %v, want mexico first (four headlines, one topic)", got)
	}
	for _, bad := range []string{"mexico's", "méxico", "sobre", "después", "muestra"} {
		if slices.Contains(got, bad) {
			t.Errorf("topics = %v, holds %q", got, bad)
		}
	}
	if got, _ := svc.Topics(ctx, "méx", 5); !slices.Equal(got, []string{"mexico"}) {
		t.Errorf("topics with prefix méx = %v, want [mexico]", got)
	}
}
