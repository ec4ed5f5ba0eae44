package scheduler_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/samples"
	"github.com/newsdigest/bot/internal/scheduler"
	"github.com/newsdigest/bot/internal/scheduler/schedulertest"
)

// TestScheduledRunAppliesFilters: a stored digest's filters shape what the
// scheduler posts (the compose function is the one the bot runs).
func TestScheduledRunAppliesFilters(t *testing.T) {
	ctx := context.Background()
	clk := schedulertest.NewClock(utc("2026-03-10T07:59:00Z"))
	st := openSQLite(t, 1)[0]
	svc := digest.NewService(st, nil, clk, nil, digest.Config{})
	arts, err := samples.Articles(clk.Now())
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range arts {
		if _, err := svc.Ingest(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	es := sched("UTC", 8, 0)
	es.ID, es.CreatedAt, es.ChannelID = 0, clk.Now(), "C-es"
	es.Filter = digest.Filter{Lang: "es"}
	en := sched("UTC", 8, 0)
	en.ID, en.CreatedAt, en.ChannelID = 0, clk.Now(), "C-en"
	en.Filter = digest.Filter{Lang: "en", Exclude: []string{"peso"}}
	for _, s := range []*digest.Schedule{&es, &en} {
		if err := st.PutSchedule(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	pub := &schedulertest.Publisher{Clock: clk}
	sc := scheduler.New(scheduler.Config{Owner: "a"}, st, func(ctx context.Context, s digest.Schedule, since, now time.Time) (digest.Reply, []digest.DeliveredStory, error) {
		return svc.ComposeDaily(ctx, s, since, now)
	}, map[string]digest.Publisher{"slack": pub}, clk, nil)
	for range 3 {
		if err := sc.RunDue(ctx); err != nil {
			t.Fatal(err)
		}
		clk.Advance(time.Minute)
	}
	posts := pub.Posts()
	if len(posts) != 2 {
		t.Fatalf("%d posts, want one per digest", len(posts))
	}
	for _, p := range posts {
		if len(p.Reply.Stories) == 0 {
			t.Errorf("%s: empty digest", p.Channel.ChannelID)
		}
		for _, d := range p.Reply.Stories {
			switch p.Channel.ChannelID {
			case "C-es":
				if d.Language != "es" {
					t.Errorf("Spanish digest posted %q (%s)", d.Title, d.Language)
				}
			case "C-en":
				if d.Language != "en" || d.Title == "" || strings.Contains(strings.ToLower(d.Title+" "+strings.Join(d.Summary, " ")), "peso") {
					t.Errorf("English digest without peso posted %q (%s)", d.Title, d.Language)
				}
			}
		}
	}
}
