package metrics

import (
	"context"
	"errors"
	"io"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	goldenfile "github.com/newsdigest/bot/internal/testutil/golden"

	"github.com/newsdigest/bot/internal/digest"
)

// TestNamesAndLabels: the bot's metric names, types and label sets are the
// ones in testdata/metrics.golden (dashboards and alerts depend on them).
// Run with -update after a deliberate change.
func TestNamesAndLabels(t *testing.T) {
	m := New()
	m.StoreSize(func(context.Context) (int64, error) { return 4096, nil }, nil)
	m.CommandDone("slack", "news", 30*time.Millisecond, nil)
	m.CommandDone("discord", "digest add", time.Second, &digest.Error{Code: digest.CodeUsage})
	fams, err := m.Registry().Gather()
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, f := range fams {
		if !strings.HasPrefix(f.GetName(), namespace+"_") {
			continue // Go runtime and process collectors: theirs, not ours
		}
		labels := map[string]bool{}
		for _, mt := range f.GetMetric() {
			for _, l := range mt.GetLabel() {
				labels[l.GetName()] = true
			}
		}
		names := make([]string, 0, len(labels))
		for l := range labels {
			names = append(names, l)
		}
		slices.Sort(names)
		lines = append(lines, f.GetName()+" "+strings.ToLower(f.GetType().String())+" {"+strings.Join(names, ",")+"}")
	}
	slices.Sort(lines)
	got := strings.Join(lines, "\n") + "\n"
	goldenfile.CheckString(t, filepath.Join("testdata", "metrics.golden"), got)
}

func TestHandlerServesCounts(t *testing.T) {
	m := New()
	m.FeedPolled("new_items")
	m.FeedPolled("error")
	m.ArticleIngested(digest.IngestJoinedStory)
	m.DigestRun("posted", 3*time.Second)
	m.StoreSize(func(context.Context) (int64, error) { return 0, errors.New("store down") }, nil)
	srv := httptest.NewServer(m.Handler())
	defer srv.Close()
	resp, err := srv.Client().Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{
		`newsbot_feed_polls_total{outcome="new_items"} 1`,
		`newsbot_feed_polls_total{outcome="no_change"} 0`,
		`newsbot_articles_ingested_total{outcome="joined_story"} 1`,
		`newsbot_digest_runs_total{outcome="posted"} 1`,
		`newsbot_scheduler_lag_seconds_count 1`,
		`go_goroutines`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	if strings.Contains(string(body), "newsbot_store_size_bytes ") {
		t.Error("a store size was reported although the store failed")
	}
}
