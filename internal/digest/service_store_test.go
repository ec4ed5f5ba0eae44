package digest_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/adapters/sqlite"
	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/samples"
	"github.com/newsdigest/bot/internal/scheduler"
)

// newService returns a Service over a fresh SQLite store holding the
// bundled samples, at a fixed time.
func newService(t *testing.T, now time.Time) *digest.Service {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "news.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	svc := digest.NewService(st, nil, digest.ClockFunc(func() time.Time { return now }), nil,
		digest.Config{DefaultTimeZone: "America/Mexico_City", NextRun: scheduler.NextRun})
	arts, err := samples.Articles(now)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range arts {
		if _, err := svc.Ingest(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	return svc
}

func TestNewsRelatedHeadlines(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	svc := newService(t, now)
	r, err := svc.News(context.Background(), "mexico water")
	if err != nil {
		t.Fatal(err)
	}
	d := r.Digest
	if r.Kind != digest.ReplyDigest || d == nil || !strings.Contains(d.Title, "ater") {
		t.Fatalf("reply = %+v", r)
	}
	if len(d.Outlets) != 2 {
		t.Errorf("outlets = %v, want the two English reports of the water deal", d.Outlets)
	}
	seenURL := map[string]bool{d.URL: true}
	sameDone := false
	for i, h := range d.Related {
		if seenURL[h.URL] {
			t.Errorf("related[%d] repeats %s (the article itself or a duplicate)", i, h.URL)
		}
		seenURL[h.URL] = true
		if h.SameStory && sameDone {
			t.Errorf("same-story headline %q after related stories", h.Title)
		}
		if !h.SameStory {
			sameDone = true
		}
		if strings.Contains(h.Title, "cup final") {
			t.Errorf("unrelated story among related headlines: %q", h.Title)
		}
	}
	if len(d.Related) == 0 || !d.Related[0].SameStory {
		t.Errorf("first related headline should be the other outlet on the same story: %+v", d.Related)
	}
}

func TestNewsNothingFoundSuggests(t *testing.T) {
	svc := newService(t, time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC))
	r, err := svc.News(context.Background(), "volcano eruption iceland")
	if err != nil {
		t.Fatal(err)
	}
	if r.Kind != digest.ReplyText || !strings.Contains(r.Text, "No stories") || len(r.Suggestions) == 0 {
		t.Fatalf("reply = %+v", r)
	}
}

func TestNewsURLWithoutFetcher(t *testing.T) {
	svc := newService(t, time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC))
	_, err := svc.News(context.Background(), "https://news.example/a")
	if err == nil || !strings.Contains(digest.UserMessage(err), "not enabled") {
		t.Fatalf("err = %v", err)
	}
}

func TestDigestAddShowsDSTExactNextRun(t *testing.T) {
	// The day before US daylight saving starts (2027-03-14): 02:30 does not
	// exist in New York that night, the scheduler runs at 03:00 EDT.
	now := time.Date(2027, 3, 13, 12, 0, 0, 0, time.UTC)
	svc := newService(t, now)
	ctx := context.Background()
	cmd, err := digest.ParseCommand("/digest add mexico at 02:30 America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	cmd.Platform, cmd.ChannelID, cmd.CanManage = "slack", "C1", true
	r, err := svc.Handle(ctx, cmd)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(r.Text, "Sun 14 Mar 03:00 EDT") {
		t.Fatalf("reply %q does not give the DST-exact next run", r.Text)
	}
	// Another member without the permission may not remove it.
	rm := digest.Command{Name: digest.CmdDigest, Sub: digest.DigestRemove, ScheduleID: 1, Platform: "slack", ChannelID: "C1"}
	if _, err := svc.Handle(ctx, rm); !errors.Is(err, digest.ErrForbidden) {
		t.Fatalf("remove without permission: %v", err)
	}
	// A schedule of another channel is not found from this one.
	rm.CanManage, rm.ChannelID = true, "C2"
	if _, err := svc.Handle(ctx, rm); !errors.Is(err, digest.ErrNotFound) {
		t.Fatalf("remove from another channel: %v", err)
	}
}
