package digest_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"sync"
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
	st := openSQLite(ctx, t)
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
	// The two English reports of the water deal and the Spanish one: one
	// event, one story, in either language.
	if len(d.Outlets) != 3 || !slices.Contains(d.Outlets, "Diario de Muestra") {
		t.Errorf("outlets = %v, want the two English reports of the water deal and the Spanish one", d.Outlets)
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

// TestIndexStoriesBackfill checks that articles stored without a story
// index (by an earlier version of the bot) get one from IndexStories, once,
// so that a later report of the same story joins it.
func TestIndexStoriesBackfill(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	for _, backfill := range []bool{false, true} {
		t.Run(map[bool]string{false: "without", true: "with"}[backfill], func(t *testing.T) {
			ctx := context.Background()
			st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "news.db"), nil)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			svc := digest.NewService(st, nil, digest.ClockFunc(func() time.Time { return now }), nil, digest.Config{})
			arts, err := samples.Articles(now)
			if err != nil {
				t.Fatal(err)
			}
			var later digest.Article // the second report of the water deal
			var first int64
			old := 0
			for _, a := range arts {
				if strings.Contains(a.URL, "water-deal-north") {
					later = a
					continue
				}
				digest.Analyze(&a)
				if len(a.StoryTerms) == 0 || len(a.StorySignature) == 0 {
					t.Fatalf("Analyze left %s without story terms or signature", a.URL)
				}
				a.StoryTerms, a.StorySignature = nil, nil // as stored before the index
				if err := st.PutArticle(ctx, &a); err != nil {
					t.Fatal(err)
				}
				if strings.Contains(a.URL, "mexico-water-plan") {
					first = a.StoryID
				}
				old++
			}
			if later.URL == "" || first == 0 {
				t.Fatal("sample water-deal reports not found")
			}
			if backfill {
				n, err := svc.IndexStories(ctx)
				if err != nil || n != old {
					t.Fatalf("IndexStories = %d, %v; want %d", n, err, old)
				}
				if n, err := svc.IndexStories(ctx); err != nil || n != 0 {
					t.Fatalf("second IndexStories = %d, %v; want 0", n, err)
				}
			}
			got, err := svc.Ingest(ctx, later)
			if err != nil {
				t.Fatal(err)
			}
			if joined := got.StoryID == first; joined != backfill {
				t.Errorf("second report joined the first's story: %v, want %v", joined, backfill)
			}
		})
	}
}

// TestIngestSkipsCorruptSignature checks that a stored signature that does
// not parse costs only that candidate: the new article is still stored.
func TestIngestSkipsCorruptSignature(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	ctx := context.Background()
	st := openSQLite(ctx, t)
	var logs strings.Builder
	svc := digest.NewService(st, nil, digest.ClockFunc(func() time.Time { return now }),
		slog.New(slog.NewTextHandler(&logs, nil)), digest.Config{})
	arts, err := samples.Articles(now)
	if err != nil {
		t.Fatal(err)
	}
	var first, later digest.Article
	for _, a := range arts {
		switch {
		case strings.Contains(a.URL, "mexico-water-plan"):
			first = a
		case strings.Contains(a.URL, "water-deal-north"):
			later = a
		}
	}
	digest.Analyze(&first)
	terms := first.StoryTerms
	first.StoryTerms, first.StorySignature = nil, nil
	if err := st.PutArticle(ctx, &first); err != nil {
		t.Fatal(err)
	}
	if err := st.PutStorySignature(ctx, first.ID, terms, []byte{1, 2, 3}); err != nil {
		t.Fatal(err)
	}
	got, err := svc.Ingest(ctx, later)
	if err != nil {
		t.Fatalf("Ingest with a corrupt candidate signature: %v", err)
	}
	if got.ID == 0 || got.StoryID == first.StoryID {
		t.Errorf("ingested %+v: want it stored as a story of its own", got)
	}
	if !strings.Contains(logs.String(), "skipping a story candidate") {
		t.Errorf("no log line for the corrupt signature; logs:\n%s", logs.String())
	}
}

// slowLookup stalls every story-candidate lookup, so that concurrent
// ingests would all look before any of them stores.
type slowLookup struct {
	digest.Store
}

func (s slowLookup) StoryTermMatches(ctx context.Context, terms []string, since, until time.Time, perTerm int) ([][]int64, error) {
	time.Sleep(30 * time.Millisecond)
	return s.Store.StoryTermMatches(ctx, terms, since, until, perTerm)
}

// TestConcurrentIngestOneStory checks that reports of one story ingested
// at the same moment (the feed poller runs several polls at once) end in
// one story, not one each.
func TestConcurrentIngestOneStory(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	ctx := context.Background()
	st := openSQLite(ctx, t)
	svc := digest.NewService(slowLookup{st}, nil, digest.ClockFunc(func() time.Time { return now }), nil, digest.Config{})
	arts, err := samples.Articles(now)
	if err != nil {
		t.Fatal(err)
	}
	var reports []digest.Article
	for _, a := range arts {
		if strings.Contains(a.URL, "mexico-water-plan") || strings.Contains(a.URL, "water-deal-north") {
			reports = append(reports, a)
		}
	}
	if len(reports) != 2 {
		t.Fatalf("found %d water-deal reports among the samples, want 2", len(reports))
	}
	got := make([]digest.Article, len(reports))
	errs := make([]error, len(reports))
	var wg sync.WaitGroup
	for i, a := range reports {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i], errs[i] = svc.Ingest(ctx, a)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if got[0].StoryID != got[1].StoryID {
		t.Errorf("concurrent reports of one story got stories %d and %d", got[0].StoryID, got[1].StoryID)
	}
}

// TestDigestAddConcurrentLimit sends 100 simultaneous /digest add to one
// channel: exactly digest.MaxChannelSchedules are added, every other one is
// told the channel is full.
func TestDigestAddConcurrentLimit(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	svc := newService(t, now)
	ctx := context.Background()
	var wg sync.WaitGroup
	var mu sync.Mutex
	added, full := 0, 0
	for i := range 100 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Distinct topics: the same digest twice is refused as a duplicate.
			cmd, err := digest.ParseCommand(fmt.Sprintf("/digest add topic%d at 08:00 UTC", i))
			if err != nil {
				t.Error(err)
				return
			}
			cmd.Platform, cmd.ChannelID, cmd.CanManage = "slack", "C1", true
			_, err = svc.Handle(ctx, cmd)
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				added++
			case digest.IsUserError(err) && strings.Contains(digest.UserMessage(err), "already has 25 daily digests"):
				full++
			default:
				t.Errorf("digest add: %v", err)
			}
		}()
	}
	wg.Wait()
	if added != digest.MaxChannelSchedules || full != 100-digest.MaxChannelSchedules {
		t.Errorf("%d added, %d refused; want %d and %d", added, full, digest.MaxChannelSchedules, 100-digest.MaxChannelSchedules)
	}
}

// pageFetcher is a digest.PageFetcher serving fixed pages.
type pageFetcher map[string]digest.Article

func (f pageFetcher) FetchArticle(_ context.Context, url string) (digest.Article, error) {
	a, ok := f[url]
	if !ok {
		return digest.Article{}, errors.New("no such page")
	}
	return a, nil
}

// TestNewsURLNotShared checks that a page fetched on a user's request
// (/news <url>) is digested with its story's other outlets, yet enters
// neither the store nor any other channel's /news, /quote or digests.
func TestNewsURLNotShared(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	ctx := context.Background()
	st := openSQLite(ctx, t)
	const planted = "https://planted.example/water"
	pages := pageFetcher{planted: {URL: planted, Title: "Zorblax water deal for Mexico's drought-hit north",
		Source: "Planted Press", Published: now.Add(-time.Hour),
		Body: "Mexico and its northern neighbours agreed on Tuesday to a shared water plan for the drought-hit border region, " +
			"ending months of talks over reservoirs along the Rio Bravo. Zorblax reservoirs will release water by rainfall forecasts.\n\n" +
			"\"Zorblax is the only answer to the drought,\" said Quentin Planter, who signed nothing.\n\n" +
			"Farm groups in Chihuahua welcomed the deal but asked for funds to repair canals."}}
	svc := digest.NewService(st, pages, digest.ClockFunc(func() time.Time { return now }), nil,
		digest.Config{DefaultTimeZone: "UTC", NextRun: scheduler.NextRun})
	arts, err := samples.Articles(now)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range arts {
		if _, err := svc.Ingest(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	before, _ := st.CountArticles(ctx)

	r, err := svc.News(ctx, planted)
	if err != nil {
		t.Fatal(err)
	}
	if r.Digest == nil || !strings.Contains(r.Digest.Title, "Zorblax") {
		t.Fatalf("no digest of the page: %+v", r)
	}
	if len(r.Digest.Outlets) < 2 {
		t.Errorf("outlets %v: the page did not find its story among stored reports", r.Digest.Outlets)
	}
	if after, _ := st.CountArticles(ctx); after != before {
		t.Errorf("%d articles stored after /news <url>, want %d: the page entered the shared corpus", after, before)
	}
	// Another channel asks: the planted page must not answer.
	if r, err := svc.News(ctx, "zorblax"); err != nil || r.Digest != nil {
		t.Errorf("/news zorblax from another channel: %+v, %v", r.Digest, err)
	}
	if r, err := svc.Quote(ctx, "zorblax is the only answer"); err == nil && len(r.Quotes) > 0 {
		t.Errorf("/quote found the planted page's quote: %+v", r.Quotes)
	}
	reply, _, err := svc.ComposeDaily(ctx, digest.Schedule{Topics: []string{"zorblax", "water"}, MaxStories: 5, TimeZone: "UTC"}, now.Add(-24*time.Hour), now)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range reply.Stories {
		if strings.Contains(d.Title, "Zorblax") || d.URL == planted {
			t.Errorf("a daily digest carries the planted page: %q", d.Title)
		}
	}
}

// TestIngestDropsCopiesFromOneFeed checks that a feed changing its items'
// GUID and link on every poll, over the same text, stores that text once.
func TestIngestDropsCopiesFromOneFeed(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	ctx := context.Background()
	st := openSQLite(ctx, t)
	svc := digest.NewService(st, nil, digest.ClockFunc(func() time.Time { return now }), nil, digest.Config{})
	body := "The island ferry committee met again on Thursday evening to review the timetable. " +
		"Crossings will start at six in the morning from Monday, and the last boat leaves at ten."
	stored := 0
	for poll := range 6 {
		for item := range 2 {
			a := digest.Article{
				URL:       fmt.Sprintf("https://ferry.example/news/%d-%d", item, poll),
				GUID:      fmt.Sprintf("tag:ferry.example,%d:%d", poll, item),
				FeedURL:   "https://ferry.example/rss",
				Title:     fmt.Sprintf("Ferry notice %d", item),
				Body:      body + fmt.Sprintf(" Notice number %d.", item),
				Published: now.Add(-time.Hour),
			}
			_, err := svc.Ingest(ctx, a)
			switch {
			case err == nil:
				stored++
			case !errors.Is(err, digest.ErrDuplicate):
				t.Fatal(err)
			}
		}
	}
	if stored != 2 {
		t.Errorf("%d articles stored over 6 polls of 2 items, want 2", stored)
	}
}

// TestStoryWindowIsOneKnob checks that Config.StoryWindow alone decides
// how far apart two reports of one story may be: the candidate lookup and
// the matcher use the same window (the matcher's own limit of 4 days used
// to cut a longer window short without a word).
func TestStoryWindowIsOneKnob(t *testing.T) {
	t0 := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	body := "Rescuers in Iquique searched collapsed homes on Tuesday after a magnitude 8.2 earthquake " +
		"struck off northern Chile, killing six people, officials said. The quake triggered a tsunami warning " +
		"along the Pacific coast and forced the evacuation of 900,000 residents."
	for _, tc := range []struct {
		name   string
		window time.Duration
		gap    time.Duration
		join   bool
	}{
		{"within the default window", 0, 60 * time.Hour, true},
		{"beyond the default window", 0, 80 * time.Hour, false},
		{"within a longer window", 6 * 24 * time.Hour, 110 * time.Hour, true},
		{"beyond a shorter window", 24 * time.Hour, 30 * time.Hour, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "news.db"), nil)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			now := t0.Add(tc.gap + time.Hour)
			svc := digest.NewService(st, nil, digest.ClockFunc(func() time.Time { return now }), nil,
				digest.Config{StoryWindow: tc.window})
			a, err := svc.Ingest(ctx, digest.Article{URL: "https://a.example/quake", Source: "A", Title: "Chile quake kills six in Iquique", Body: body, Published: t0})
			if err != nil {
				t.Fatal(err)
			}
			b, err := svc.Ingest(ctx, digest.Article{URL: "https://b.example/quake", Source: "B", Title: "Chile quake kills six in Iquique", Body: body, Published: t0.Add(tc.gap)})
			if err != nil {
				t.Fatal(err)
			}
			if got := a.StoryID == b.StoryID; got != tc.join {
				t.Errorf("%v apart with window %v: joined = %v, want %v", tc.gap, tc.window, got, tc.join)
			}
		})
	}
}

// TestNewsRelatedOrder checks the order of a digest's related headlines:
// the same event filed under other stories first, newest first, then the
// other stories, most related first. The search ranks each pair the
// other way round (the older report and the less related story first).
func TestNewsRelatedOrder(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	ctx := context.Background()
	st := openSQLite(ctx, t)
	svc := digest.NewService(st, nil, digest.ClockFunc(func() time.Time { return now }), nil, digest.Config{})
	body := "The port authority of Westmarsh opened a new container terminal on Tuesday after four years of dredging and construction. " +
		"The terminal doubles the harbour's capacity for cargo ships and adds three cranes, the authority said. " +
		"Shipping companies welcomed the opening, while fishermen complained that the dredging had driven away the shoals near the breakwater."
	// closer to the story in its title (weighed above the body), but a
	// long body
	other := "The port authority of Westmarsh approved a budget for the container terminal's second phase. " +
		"Council members debated the cost of road links, rail sidings, warehouses and a customs office for most of the evening session. " +
		"Several residents spoke about traffic on the coastal road and noise from the night shifts, and one asked for a new bus route to the industrial estate. " +
		"The mayor said the council would publish the contracts and hold another public meeting in the spring before any tender is signed."
	// a short body with a few of the story's words, under another title:
	// less related, but ranked higher by the search
	far := "Westmarsh fishermen blame the dredging for the lost shoals."
	// Each stored as a story of its own: the store does not group them.
	arts := []digest.Article{
		{Title: "Westmarsh opens container terminal", Body: body, Source: "Main Gazette", Published: now.Add(-time.Hour)},
		// the same event, filed apart: the older one closer to the query
		{Title: "Westmarsh container terminal opens, doubling harbour capacity", Body: body, Source: "Harbour Daily", Published: now.Add(-6 * time.Hour)},
		{Title: "Port celebrates a new era", Body: body, Source: "Coast Post", Published: now.Add(-3 * time.Hour)},
		// other stories, months before
		{Title: "Catch falls at the breakwater", Body: far, Source: "Coast Post", Published: now.Add(-90 * 24 * time.Hour)},
		{Title: "Westmarsh container terminal budget approved", Body: other, Source: "Harbour Daily", Published: now.Add(-120 * 24 * time.Hour)},
	}
	for i := range arts {
		arts[i].URL = fmt.Sprintf("https://news%d.example/westmarsh", i)
		arts[i].Language = "en"
		if err := st.PutArticle(ctx, &arts[i]); err != nil {
			t.Fatal(err)
		}
	}
	stories := map[int64]bool{}
	for _, a := range arts {
		stories[a.StoryID] = true
	}
	if len(stories) != len(arts) || stories[0] {
		t.Fatalf("want each article stored as a story of its own: %+v", stories)
	}
	r, err := svc.News(ctx, "westmarsh container terminal opens")
	if err != nil {
		t.Fatal(err)
	}
	if r.Digest == nil {
		t.Fatalf("reply = %+v", r)
	}
	if r.Digest.URL != arts[0].URL {
		t.Fatalf("digest of %s, want %s", r.Digest.URL, arts[0].URL)
	}
	var got []string
	for _, h := range r.Digest.Related {
		got = append(got, fmt.Sprintf("%s same=%v", h.URL, h.SameStory))
	}
	want := []string{
		arts[2].URL + " same=true", arts[1].URL + " same=true",
		arts[4].URL + " same=false", arts[3].URL + " same=false",
	}
	if !slices.Equal(got, want) {
		t.Errorf("related = %q, want %q", got, want)
	}
}

// openSQLite opens a SQLite store in a temporary directory, closed when
// the test ends.
func openSQLite(ctx context.Context, t *testing.T) *sqlite.Store {
	t.Helper()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "news.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}
