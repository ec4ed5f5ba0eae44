package storetest

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/digest"
)

func workspaceFeed(platform, workspace, url string) digest.WorkspaceFeed {
	return digest.WorkspaceFeed{Platform: platform, Workspace: workspace, URL: url, Title: "Feed " + url,
		ChannelID: "C1", AddedBy: "U1", AddedAt: base}
}

// testWorkspaceFeeds: add, list (with the shared polling state), remove,
// duplicates, scoping by workspace, notices and the distinct URL list.
func testWorkspaceFeeds(t *testing.T, s digest.Store) {
	ctx := ctxT(t)
	a := workspaceFeed("slack", "T1", "https://news.example/feed.xml")
	if err := s.AddWorkspaceFeed(ctx, &a, 10); err != nil || a.ID == 0 {
		t.Fatalf("AddWorkspaceFeed = %v, id %d", err, a.ID)
	}
	b := workspaceFeed("slack", "T1", "https://other.example/rss")
	if err := s.AddWorkspaceFeed(ctx, &b, 10); err != nil {
		t.Fatal(err)
	}
	// The same URL in another workspace and platform: its own row.
	c := workspaceFeed("discord", "G1", "https://news.example/feed.xml")
	if err := s.AddWorkspaceFeed(ctx, &c, 10); err != nil {
		t.Fatal(err)
	}
	dup := workspaceFeed("slack", "T1", "https://news.example/feed.xml")
	if err := s.AddWorkspaceFeed(ctx, &dup, 10); !errors.Is(err, digest.ErrDuplicate) || dup.ID != a.ID {
		t.Fatalf("duplicate add = %v, id %d; want ErrDuplicate with id %d", err, dup.ID, a.ID)
	}

	put(t, s, article(1, "From the feed", "Body one."))
	put(t, s, article(2, "From the feed again", "Body two."))
	if err := s.PutFeedState(ctx, digest.FeedState{URL: a.URL, Title: "Example News", LastPoll: base, LastSuccess: base,
		NextPoll: base.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}

	list, err := s.WorkspaceFeeds(ctx, "slack", "T1")
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].ID != a.ID || list[1].ID != b.ID {
		t.Fatalf("WorkspaceFeeds(slack, T1) = %+v, want a and b by id", list)
	}
	got := list[0]
	if got.Platform != "slack" || got.Workspace != "T1" || got.URL != a.URL || got.Title != a.Title ||
		got.ChannelID != "C1" || got.AddedBy != "U1" || !got.AddedAt.Equal(base) || got.Notice != "" {
		t.Errorf("round trip = %+v, want %+v", got, a)
	}
	if got.State.URL != a.URL || !got.State.LastSuccess.Equal(base) || got.State.Articles != 2 || got.State.Title != "Example News" {
		t.Errorf("state = %+v, want last success %v and 2 articles", got.State, base)
	}
	if st := list[1].State; st.URL != b.URL || !st.LastSuccess.IsZero() || st.Articles != 0 {
		t.Errorf("never polled feed state = %+v, want zero with URL", st)
	}
	all, err := s.WorkspaceFeeds(ctx, "", "")
	if err != nil || len(all) != 3 {
		t.Fatalf("every workspace's feeds = %d, %v; want 3", len(all), err)
	}
	urls, err := s.WorkspaceFeedURLs(ctx)
	if err != nil || len(urls) != 2 || urls[0] != a.URL || urls[1] != b.URL {
		t.Errorf("WorkspaceFeedURLs = %v, %v; want the two URLs once each", urls, err)
	}

	if ok, err := s.SwapWorkspaceFeedNotice(ctx, a.ID, "", digest.FeedNoticeFailing); err != nil || !ok {
		t.Fatalf("swap notice = %v, %v; want true", ok, err)
	}
	if ok, err := s.SwapWorkspaceFeedNotice(ctx, a.ID, "", digest.FeedNoticeFailing); err != nil || ok {
		t.Errorf("second swap from \"\" = %v, %v; want false (already sent)", ok, err)
	}
	list, _ = s.WorkspaceFeeds(ctx, "slack", "T1")
	if list[0].Notice != digest.FeedNoticeFailing {
		t.Errorf("notice = %q, want %q", list[0].Notice, digest.FeedNoticeFailing)
	}
	if _, err := s.SwapWorkspaceFeedNotice(ctx, 9999, "", "x"); !errors.Is(err, digest.ErrNotFound) {
		t.Errorf("notice of unknown feed = %v, want ErrNotFound", err)
	}

	// Another workspace cannot remove it.
	if _, err := s.RemoveWorkspaceFeed(ctx, "discord", "G1", a.ID); !errors.Is(err, digest.ErrNotFound) {
		t.Errorf("remove from another workspace = %v, want ErrNotFound", err)
	}
	removed, err := s.RemoveWorkspaceFeed(ctx, "slack", "T1", a.ID)
	if err != nil || removed.URL != a.URL {
		t.Fatalf("remove = %+v, %v", removed, err)
	}
	if _, err := s.RemoveWorkspaceFeed(ctx, "slack", "T1", a.ID); !errors.Is(err, digest.ErrNotFound) {
		t.Errorf("second remove = %v, want ErrNotFound", err)
	}
	list, _ = s.WorkspaceFeeds(ctx, "slack", "T1")
	if len(list) != 1 || list[0].ID != b.ID {
		t.Errorf("after remove = %+v, want b only", list)
	}
	// The URL is still added by the Discord server: still polled.
	urls, _ = s.WorkspaceFeedURLs(ctx)
	if len(urls) != 2 {
		t.Errorf("URLs after one workspace removed a shared feed = %v", urls)
	}
}

// testWorkspaceFeedLimit: concurrent additions never pass the limit.
func testWorkspaceFeedLimit(t *testing.T, s digest.Store) {
	ctx := ctxT(t)
	const limit, tries = 5, 12
	var wg sync.WaitGroup
	errs := make([]error, tries)
	for i := range tries {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f := workspaceFeed("discord", "G1", "https://feeds.example/"+string(rune('a'+i)))
			errs[i] = s.AddWorkspaceFeed(ctx, &f, limit)
		}()
	}
	wg.Wait()
	ok, over := 0, 0
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case errors.Is(err, digest.ErrLimit):
			over++
		default:
			t.Errorf("unexpected error: %v", err)
		}
	}
	if ok != limit || over != tries-limit {
		t.Errorf("%d added and %d refused, want %d and %d", ok, over, limit, tries-limit)
	}
	list, _ := s.WorkspaceFeeds(ctx, "discord", "G1")
	if len(list) != limit {
		t.Errorf("%d feeds stored, want %d", len(list), limit)
	}
	// Another workspace has its own limit.
	f := workspaceFeed("discord", "G2", "https://feeds.example/a")
	if err := s.AddWorkspaceFeed(ctx, &f, limit); err != nil {
		t.Errorf("other workspace: %v", err)
	}
}

// testScheduleFilter: a schedule's Filter round-trips through insert and
// update, and the zero Filter stays zero.
func testScheduleFilter(t *testing.T, s digest.Store) {
	ctx := ctxT(t)
	sc := schedule(slackA, "mexico")
	sc.Filter = digest.Filter{Lang: "es", Exclude: []string{"football", "world cup"}, Outlets: []string{"reuters"},
		SkipOutlets: []string{"fox news"}, OwnFeeds: true}
	sc = putSchedule(t, s, sc)
	got, err := s.Schedule(ctx, sc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Filter.Equal(sc.Filter) {
		t.Errorf("filter = %+v, want %+v", got.Filter, sc.Filter)
	}
	got.Filter = digest.Filter{Lang: "en"}
	if err := s.PutSchedule(ctx, &got); err != nil {
		t.Fatal(err)
	}
	list, err := s.ListSchedules(ctx, sc.Channel())
	if err != nil || len(list) != 1 || !list[0].Filter.Equal(digest.Filter{Lang: "en"}) {
		t.Errorf("after update: %+v, %v; want lang:en only", list, err)
	}
	plain := putSchedule(t, s, schedule(slackA, "energy"))
	if got, err := s.Schedule(ctx, plain.ID); err != nil || !got.Filter.IsZero() {
		t.Errorf("unfiltered schedule filter = %+v, %v", got.Filter, err)
	}
}
