package digest_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/adapters/sqlite"
	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/samples"
)

// newServiceStore is newService also returning the store, with the
// operator's configured feed count.
func newServiceStore(t *testing.T, now time.Time, cfg digest.Config) (*digest.Service, *sqlite.Store) {
	t.Helper()
	ctx := context.Background()
	st := openSQLite(ctx, t)
	svc := digest.NewService(st, nil, digest.ClockFunc(func() time.Time { return now }), nil, cfg)
	arts, err := samples.Articles(now)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range arts {
		if _, err := svc.Ingest(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	return svc, st
}

// realMexicoArticle is a real (non-sample) report that shares words with
// the Mexico water samples.
func realMexicoArticle(now time.Time) digest.Article {
	return digest.Article{
		URL: "https://real.example/mexico-water", FeedURL: "https://real.example/feed.xml",
		Title: "Mexico water talks resume in Monterrey", Source: "Real Daily", Language: "en",
		Published: now.Add(-time.Hour),
		Body: "Officials from Mexico met in Monterrey on Tuesday to resume talks on water for farmers in the north.\n\n" +
			"\"We need water that farmers can count on,\" said Ana Ruiz, a state official. The talks continue next week.",
	}
}

func TestSamplesHiddenOnceRealArticleStored(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	svc, _ := newServiceStore(t, now, digest.Config{})

	// Only samples: the answer is a sample, and says so.
	r, err := svc.Handle(ctx, digest.Command{Name: digest.CmdNews, Args: "mexico"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Digest == nil || !r.Digest.Sample {
		t.Fatalf("before real articles: want a sample digest, got %+v", r)
	}
	if !strings.Contains(r.Notice, "SAMPLE") || !strings.Contains(r.Notice, "/feeds add") {
		t.Errorf("notice = %q, want it to say only samples are stored and how to add a source", r.Notice)
	}

	if _, err := svc.Ingest(ctx, realMexicoArticle(now)); err != nil {
		t.Fatal(err)
	}
	// One real article: samples leave every answer.
	r, err = svc.Handle(ctx, digest.Command{Name: digest.CmdNews, Args: "mexico"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Digest == nil || r.Digest.Sample || r.Digest.Title != "Mexico water talks resume in Monterrey" {
		t.Fatalf("after a real article: want the real story, got %+v", r)
	}
	for _, h := range r.Digest.Related {
		if strings.Contains(h.Title, "SAMPLE") {
			t.Errorf("sample among related headlines: %q", h.Title)
		}
	}
	if strings.Contains(r.Notice, "SAMPLE") {
		t.Errorf("notice still speaks of samples: %q", r.Notice)
	}
	r, err = svc.Handle(ctx, digest.Command{Name: digest.CmdNews, Args: "peso"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Kind != digest.ReplyText || r.Digest != nil {
		t.Errorf("/news peso (only a sample has it) = %+v, want nothing found", r)
	}
	for _, s := range r.Suggestions {
		if s == "peso" || s == "football" {
			t.Errorf("suggestion %q comes from a sample", s)
		}
	}
	q, err := svc.Handle(ctx, digest.Command{Name: digest.CmdQuote, Args: "wetter century"})
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Quotes) != 0 {
		t.Errorf("/quote of a sample quote = %+v, want none", q.Quotes)
	}
	q, err = svc.Handle(ctx, digest.Command{Name: digest.CmdQuote, Args: "water that farmers can count on"})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range q.Quotes {
		if h.Sample {
			t.Errorf("sample quote answered: %+v", h)
		}
	}
	if len(q.Quotes) == 0 {
		t.Error("the real quote was not found")
	}
	day, _, err := svc.ComposeDaily(ctx, digest.Schedule{Topics: []string{"mexico", "energy"}, ChannelID: "C1", TimeZone: "UTC"},
		now.Add(-24*time.Hour), now)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range day.Stories {
		if d.Sample {
			t.Errorf("daily digest shows sample %q", d.Title)
		}
	}
}

func TestRemoveSamples(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	svc, st := newServiceStore(t, now, digest.Config{})
	if _, err := svc.Ingest(ctx, realMexicoArticle(now)); err != nil {
		t.Fatal(err)
	}
	n, err := svc.RemoveSamples(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n != 8 {
		t.Errorf("removed %d samples, want 8", n)
	}
	if c, _ := st.CountArticles(ctx); c != 1 {
		t.Errorf("%d articles left, want the real one", c)
	}
}

func TestSourceNotices(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		feeds  int  // configured by the operator
		state  bool // a feed state exists
		ok     bool // and succeeded
		real   bool // a real article is stored
		want   string
		absent string
	}{
		{name: "no source, samples", want: "No news sources are set up yet"},
		{name: "configured, never read", feeds: 2, state: true, want: "None of the 2 news sources"},
		{name: "configured, read, only samples", feeds: 1, state: true, ok: true, want: "Only the bundled SAMPLE"},
		{name: "all fine", feeds: 1, state: true, ok: true, real: true, absent: "news sources"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			svc, st := newServiceStore(t, now, digest.Config{ConfiguredFeeds: tc.feeds})
			if tc.state {
				fs := digest.FeedState{URL: "https://real.example/feed.xml", LastError: "fetch feed: http status 404"}
				if tc.ok {
					fs.LastSuccess, fs.LastError = now, ""
				}
				if err := st.PutFeedState(ctx, fs); err != nil {
					t.Fatal(err)
				}
			}
			if tc.real {
				if _, err := svc.Ingest(ctx, realMexicoArticle(now)); err != nil {
					t.Fatal(err)
				}
			}
			r, err := svc.Handle(ctx, digest.Command{Name: digest.CmdNews, Args: "mexico"})
			if err != nil {
				t.Fatal(err)
			}
			if tc.want != "" && !strings.Contains(r.Notice, tc.want) {
				t.Errorf("notice = %q, want %q in it", r.Notice, tc.want)
			}
			if tc.absent != "" && r.Notice != "" {
				t.Errorf("notice = %q, want none", r.Notice)
			}
		})
	}
}
