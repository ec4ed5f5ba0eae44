package digest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// dailyFakeStore is an in-memory dailyStore: search hits per topic, the
// articles of each story and what was delivered to the channel.
type dailyFakeStore struct {
	hits      map[string][]ArticleHit // by topic
	stories   map[int64][]Article     // by story id, newest first
	delivered map[int64]DeliveredStory
	searchErr error

	queries  []SearchQuery
	askedFor []int64 // story ids passed to DeliveredStories
	fetched  []int64 // article ids passed to Article
}

func (f *dailyFakeStore) SearchArticles(_ context.Context, q SearchQuery) ([]ArticleHit, error) {
	f.queries = append(f.queries, q)
	if f.searchErr != nil {
		return nil, f.searchErr
	}
	var out []ArticleHit
	for _, h := range f.hits[q.Text] {
		p := h.Article.Published
		if p.Before(q.Since) || !p.Before(q.Until) {
			continue // the fake honours the window like a real store
		}
		out = append(out, h)
	}
	return out, nil
}

func (f *dailyFakeStore) StoryArticles(_ context.Context, id int64) ([]Article, error) {
	return f.stories[id], nil
}

func (f *dailyFakeStore) Article(_ context.Context, id int64) (Article, error) {
	f.fetched = append(f.fetched, id)
	for _, arts := range f.stories {
		for _, a := range arts {
			if a.ID == id {
				return a, nil
			}
		}
	}
	return Article{}, ErrNotFound
}

func (f *dailyFakeStore) DeliveredStories(_ context.Context, _ Channel, ids []int64) (map[int64]DeliveredStory, error) {
	f.askedFor = append(f.askedFor, ids...)
	out := map[int64]DeliveredStory{}
	for _, id := range ids {
		if d, ok := f.delivered[id]; ok {
			out[id] = d
		}
	}
	return out, nil
}

var dailyNow = time.Date(2026, 3, 10, 14, 0, 0, 0, time.UTC) // 08:00 in Mexico City

// dailyArt is an article of story published ago before dailyNow.
func dailyArt(id, story int64, source string, ago time.Duration, fp uint64) Article {
	return Article{
		ID: id, StoryID: story, Source: source, Fingerprint: fp,
		Title:     fmt.Sprintf("Headline %d", id),
		URL:       fmt.Sprintf("https://news.example/%d", id),
		Published: dailyNow.Add(-ago),
		Language:  "en",
		Body: fmt.Sprintf("Officials in the capital confirmed on Tuesday the details of report number %d for the press. "+
			"The ministry said the new measures would take effect across every region next month. "+
			"Opposition lawmakers criticised the timing of the announcement during a long debate.", id),
	}
}

// dailyStoreOf indexes arts by story and makes every topic's hits from
// (article id, rank) pairs.
func dailyStoreOf(arts []Article, hits map[string][][2]float64) *dailyFakeStore {
	f := &dailyFakeStore{hits: map[string][]ArticleHit{}, stories: map[int64][]Article{}, delivered: map[int64]DeliveredStory{}}
	byID := map[int64]Article{}
	for _, a := range arts {
		byID[a.ID] = a
		f.stories[a.StoryID] = append(f.stories[a.StoryID], a)
	}
	for _, s := range f.stories {
		slices.SortFunc(s, func(a, b Article) int { return b.Published.Compare(a.Published) })
	}
	for topic, hs := range hits {
		for _, h := range hs {
			f.hits[topic] = append(f.hits[topic], ArticleHit{Article: byID[int64(h[0])], Rank: h[1]})
		}
	}
	return f
}

func TestComposeDaily(t *testing.T) {
	h := time.Hour
	tests := []struct {
		name      string
		topics    []string
		max       int
		arts      []Article
		hits      map[string][][2]float64 // topic → (article id, rank), best first
		delivered map[int64]DeliveredStory

		wantStories []int64 // story ids, best first
		wantUpdated []int64
		wantEmpty   []string
		wantOutlets map[int64][]string
		wantTitles  map[int64]string // story → headline shown
	}{
		{
			name:   "hits grouped by story, outlets listed, best story first",
			topics: []string{"mexico"},
			arts: []Article{
				dailyArt(1, 1, "Reuters", 2*h, 0), dailyArt(2, 1, "AP", 1*h, 0), dailyArt(3, 1, "reuters", 3*h, 0),
				dailyArt(4, 4, "BBC", 2*h, 0),
			},
			hits:        map[string][][2]float64{"mexico": {{1, 9}, {2, 7}, {4, 3}}},
			wantStories: []int64{1, 4},
			wantOutlets: map[int64][]string{1: {"Reuters", "AP"}, 4: {"BBC"}},
			wantTitles:  map[int64]string{1: "Headline 1"},
		},
		{
			name:   "a story found by two topics is shown once",
			topics: []string{"mexico", "energy"},
			arts: []Article{
				dailyArt(1, 1, "Reuters", 2*h, 0), dailyArt(2, 2, "AP", 2*h, 0), dailyArt(3, 3, "BBC", 2*h, 0),
			},
			hits: map[string][][2]float64{
				"mexico": {{1, 9}, {2, 4}},
				"energy": {{1, 8}, {3, 2}},
			},
			wantStories: []int64{1, 2, 3},
		},
		{
			name:   "already delivered story is skipped and its topic reported empty",
			topics: []string{"mexico", "energy"},
			arts: []Article{
				dailyArt(1, 1, "Reuters", 2*h, 0xFFFF), dailyArt(2, 2, "AP", 2*h, 0),
			},
			hits: map[string][][2]float64{
				"mexico": {{1, 9}},
				"energy": {{2, 5}},
			},
			delivered:   map[int64]DeliveredStory{1: {StoryID: 1, Fingerprint: 0xFFFF, At: dailyNow.Add(-1 * h)}},
			wantStories: []int64{2},
			wantEmpty:   []string{"mexico"},
		},
		{
			name:   "an unknown delivered fingerprint never counts as a change",
			topics: []string{"mexico"},
			arts:   []Article{dailyArt(1, 1, "Reuters", 2*h, 0xFFFFFFFF)},
			hits:   map[string][][2]float64{"mexico": {{1, 9}}},
			delivered: map[int64]DeliveredStory{
				1: {StoryID: 1, Fingerprint: 0, At: dailyNow.Add(-1 * h)},
			},
			wantEmpty: []string{"mexico"},
		},
		{
			name:   "text changed in 10 bits stays delivered",
			topics: []string{"mexico"},
			arts:   []Article{dailyArt(1, 1, "Reuters", 2*h, 0xFFFFF)},
			hits:   map[string][][2]float64{"mexico": {{1, 9}}},
			delivered: map[int64]DeliveredStory{
				1: {StoryID: 1, Fingerprint: 0xFFFFF ^ 0x3FF, At: dailyNow.Add(-1 * h)},
			},
			wantEmpty: []string{"mexico"},
		},
		{
			name:   "text changed in 11 bits comes back as updated",
			topics: []string{"mexico"},
			arts:   []Article{dailyArt(1, 1, "Reuters", 2*h, 0xFFFFF)},
			hits:   map[string][][2]float64{"mexico": {{1, 9}}},
			delivered: map[int64]DeliveredStory{
				1: {StoryID: 1, Fingerprint: 0xFFFFF ^ 0x7FF, At: dailyNow.Add(-1 * h)},
			},
			wantStories: []int64{1},
			wantUpdated: []int64{1},
		},
		{
			name:   "an outlet joining since delivery brings the story back",
			topics: []string{"mexico"},
			arts: []Article{
				dailyArt(1, 1, "Reuters", 30*h, 5), dailyArt(2, 1, "AP", 2*h, 5), dailyArt(3, 1, "Reuters", 1*h, 5),
			},
			hits:        map[string][][2]float64{"mexico": {{2, 9}, {3, 8}}},
			delivered:   map[int64]DeliveredStory{1: {StoryID: 1, Fingerprint: 5, At: dailyNow.Add(-20 * h)}},
			wantStories: []int64{1},
			wantUpdated: []int64{1},
			wantOutlets: map[int64][]string{1: {"AP", "Reuters"}},
		},
		{
			name:   "the same outlet writing again is not an update",
			topics: []string{"mexico"},
			arts: []Article{
				dailyArt(1, 1, "Reuters", 30*h, 5), dailyArt(3, 1, "Reuters", 1*h, 5),
			},
			hits:      map[string][][2]float64{"mexico": {{3, 9}}},
			delivered: map[int64]DeliveredStory{1: {StoryID: 1, Fingerprint: 5, At: dailyNow.Add(-20 * h)}},
			wantEmpty: []string{"mexico"},
		},
		{
			name:   "cap keeps every topic's best story before the rest",
			topics: []string{"mexico", "energy"},
			max:    2,
			arts: []Article{
				dailyArt(1, 1, "Reuters", 1*h, 0), dailyArt(11, 1, "AP", 30*h, 0), dailyArt(12, 1, "BBC", 30*h, 0), dailyArt(13, 1, "CNN", 30*h, 0),
				dailyArt(2, 2, "Reuters", 1*h, 0), dailyArt(21, 2, "AP", 30*h, 0), dailyArt(22, 2, "BBC", 30*h, 0), dailyArt(23, 2, "CNN", 30*h, 0),
				dailyArt(3, 3, "BBC", 1*h, 0),
				dailyArt(4, 4, "CNN", 23*h, 0), dailyArt(6, 6, "NPR", 23*h, 0),
			},
			hits: map[string][][2]float64{
				"mexico": {{1, 10}, {2, 9.5}, {3, 9}},
				"energy": {{4, 2}, {6, 1}},
			},
			// by score alone 1 and 2 would win; energy's best story 4 takes the second place
			wantStories: []int64{1, 4},
		},
		{
			name:   "cap without topics to cover: the best scores",
			topics: []string{"mexico"},
			max:    2,
			arts: []Article{
				dailyArt(1, 1, "Reuters", 1*h, 0), dailyArt(2, 2, "AP", 1*h, 0), dailyArt(3, 3, "BBC", 1*h, 0),
			},
			hits:        map[string][][2]float64{"mexico": {{3, 10}, {1, 9}, {2, 8}}},
			wantStories: []int64{3, 1},
		},
		{
			name:        "equal relevance: the newer story first",
			topics:      []string{"mexico"},
			arts:        []Article{dailyArt(1, 1, "Reuters", 20*h, 0), dailyArt(2, 2, "AP", 1*h, 0)},
			hits:        map[string][][2]float64{"mexico": {{1, 5}, {2, 5}}},
			wantStories: []int64{2, 1}, // both normalise to 1; recency decides
		},
		{
			name:   "equal relevance and age: the story more outlets carry first",
			topics: []string{"mexico"},
			arts: []Article{
				dailyArt(1, 1, "Reuters", 2*h, 0),
				dailyArt(2, 2, "AP", 2*h, 0), dailyArt(3, 2, "BBC", 30*h, 0), dailyArt(4, 2, "CNN", 30*h, 0),
			},
			hits:        map[string][][2]float64{"mexico": {{1, 5}, {2, 5}}},
			wantStories: []int64{2, 1},
			wantOutlets: map[int64][]string{2: {"AP", "BBC", "CNN"}, 1: {"Reuters"}},
		},
		{
			name:      "articles outside the window are not news",
			topics:    []string{"mexico"},
			arts:      []Article{dailyArt(1, 1, "Reuters", 30*h, 0), dailyArt(2, 2, "AP", -1*h, 0)},
			hits:      map[string][][2]float64{"mexico": {{1, 5}, {2, 5}}},
			wantEmpty: []string{"mexico"}, // 30 h ago is before since; 1 h ahead is not before now
		},
		{
			name:      "nothing at all: every topic is reported empty",
			topics:    []string{"mexico", "energy"},
			hits:      map[string][][2]float64{},
			wantEmpty: []string{"mexico", "energy"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := dailyStoreOf(tc.arts, tc.hits)
			if tc.delivered != nil {
				st.delivered = tc.delivered
			}
			since := dailyNow.Add(-24 * time.Hour)
			sched := Schedule{ID: 7, Platform: "slack", ChannelID: "C1", Topics: tc.topics, Hour: 8, TimeZone: "America/Mexico_City", MaxStories: tc.max}
			r, marks, err := composeDaily(context.Background(), st, Config{}, sched, since, dailyNow, nil)
			if err != nil {
				t.Fatalf("ComposeDaily: %v", err)
			}
			if r.Kind != ReplyDaily {
				t.Errorf("Kind = %v, want ReplyDaily", r.Kind)
			}
			if !slices.Equal(r.Topics, tc.topics) {
				t.Errorf("Topics = %q, want %q", r.Topics, tc.topics)
			}
			wantHeading := "Daily digest: " + strings.Join(tc.topics, ", ") + " — Tuesday 10 March 2026"
			if r.Text != wantHeading {
				t.Errorf("Text = %q, want %q", r.Text, wantHeading)
			}
			var got, updated []int64
			for _, d := range r.Stories {
				got = append(got, d.StoryID)
				if d.Updated {
					updated = append(updated, d.StoryID)
				}
				if len(d.Summary) == 0 || len(d.Summary) > 2 {
					t.Errorf("story %d: %d summary sentences, want 1-2", d.StoryID, len(d.Summary))
				}
				if len(d.Outlets) == 0 || d.Outlets[0] != d.Source {
					t.Errorf("story %d: Outlets %q must start with the shown outlet %q", d.StoryID, d.Outlets, d.Source)
				}
				if want, ok := tc.wantOutlets[d.StoryID]; ok && !slices.Equal(d.Outlets, want) {
					t.Errorf("story %d: Outlets = %q, want %q", d.StoryID, d.Outlets, want)
				}
				if want, ok := tc.wantTitles[d.StoryID]; ok && d.Title != want {
					t.Errorf("story %d: Title = %q, want %q", d.StoryID, d.Title, want)
				}
			}
			if !slices.Equal(got, tc.wantStories) {
				t.Errorf("stories = %v, want %v", got, tc.wantStories)
			}
			if !slices.Equal(updated, tc.wantUpdated) {
				t.Errorf("updated = %v, want %v", updated, tc.wantUpdated)
			}
			if !slices.Equal(r.Empty, tc.wantEmpty) {
				t.Errorf("Empty = %q, want %q", r.Empty, tc.wantEmpty)
			}
			if len(marks) != len(r.Stories) {
				t.Fatalf("%d delivery records for %d stories", len(marks), len(r.Stories))
			}
			for i, m := range marks {
				d := r.Stories[i]
				if m.StoryID != d.StoryID || !m.At.Equal(dailyNow) {
					t.Errorf("mark %d = %+v, want story %d at %v", i, m, d.StoryID, dailyNow)
				}
				for _, a := range st.stories[d.StoryID] {
					if a.Title == d.Title && a.Fingerprint != m.Fingerprint {
						t.Errorf("mark %d fingerprint %x, want the shown article's %x", i, m.Fingerprint, a.Fingerprint)
					}
				}
			}
			if len(st.queries) != len(tc.topics) {
				t.Errorf("%d searches for %d topics", len(st.queries), len(tc.topics))
			}
			for i, q := range st.queries {
				if q.Text != tc.topics[i] || !q.Since.Equal(since) || !q.Until.Equal(dailyNow) || q.Limit != 50 {
					t.Errorf("query %+v: want Text %q, Since %v, Until %v, Limit 50", q, tc.topics[i], since, dailyNow)
				}
			}
		})
	}
}

func TestComposeDailyStoreError(t *testing.T) {
	boom := errors.New("disk on fire")
	st := &dailyFakeStore{searchErr: boom}
	_, marks, err := composeDaily(context.Background(), st, Config{}, Schedule{Topics: []string{"mexico"}, TimeZone: "UTC"}, dailyNow.Add(-24*time.Hour), dailyNow, nil)
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want it to wrap %v", err, boom)
	}
	if marks != nil {
		t.Errorf("marks = %v, want none on error", marks)
	}
}

func TestComposeDailyUsesStoredArticle(t *testing.T) {
	a := dailyArt(1, 1, "Reuters", time.Hour, 0)
	st := dailyStoreOf([]Article{a}, map[string][][2]float64{"mexico": {{1, 3}}})
	r, _, err := composeDaily(context.Background(), st, Config{}, Schedule{Topics: []string{"mexico"}, TimeZone: "UTC", MaxStories: 3}, dailyNow.Add(-24*time.Hour), dailyNow, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Stories) != 1 {
		t.Fatalf("%d stories, want 1", len(r.Stories))
	}
	// Search hits come without quotes; the shown story is read in full.
	if !slices.Equal(st.fetched, []int64{1}) {
		t.Errorf("fetched articles %v, want [1]", st.fetched)
	}
	if q := r.Stories[0].Quotes; len(q) > 1 {
		t.Errorf("%d quotes, want at most 1 in a daily digest", len(q))
	}
}

func TestSubstantiallyUpdated(t *testing.T) {
	at := dailyNow.Add(-10 * time.Hour)
	tests := []struct {
		name    string
		rep, d  uint64
		sources map[string]time.Duration // outlet → published before dailyNow
		want    bool
	}{
		{"identical", 0xABCD, 0xABCD, map[string]time.Duration{"AP": 20 * time.Hour}, false},
		{"10 bits apart", 0xFFFF_0000, 0xFFFF_0000 ^ 0x3FF, nil, false},
		{"11 bits apart", 0xFFFF_0000, 0xFFFF_0000 ^ 0x7FF, nil, true},
		{"all bits apart", 0, ^uint64(0), nil, false}, // 0 is an unknown fingerprint
		{"new outlet", 1, 1, map[string]time.Duration{"AP": 20 * time.Hour, "BBC": 2 * time.Hour}, true},
		{"known outlet, new article", 1, 1, map[string]time.Duration{"AP": 20 * time.Hour, "ap": 2 * time.Hour}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var arts []Article
			i := int64(0)
			for src, ago := range tc.sources {
				i++
				arts = append(arts, dailyArt(i, 1, src, ago, tc.rep))
			}
			got := substantiallyUpdated(Article{Fingerprint: tc.rep}, DeliveredStory{StoryID: 1, Fingerprint: tc.d, At: at}, arts)
			if got != tc.want {
				t.Errorf("substantiallyUpdated = %v, want %v", got, tc.want)
			}
		})
	}
}

func BenchmarkComposeDaily(b *testing.B) {
	var arts []Article
	hits := map[string][][2]float64{}
	topics := []string{"mexico", "energy", "elections"}
	for i := 1; i <= 150; i++ {
		story := int64((i-1)/3 + 1)
		a := dailyArt(int64(i), story, fmt.Sprintf("Outlet %d", i%7), time.Duration(i)*time.Minute, uint64(i))
		arts = append(arts, a)
		topic := topics[i%3]
		hits[topic] = append(hits[topic], [2]float64{float64(i), float64(200 - i)})
	}
	st := dailyStoreOf(arts, hits)
	sched := Schedule{Topics: topics, TimeZone: "UTC", MaxStories: 5}
	b.ReportAllocs()
	for b.Loop() {
		st.queries, st.fetched = st.queries[:0], st.fetched[:0]
		if _, _, err := composeDaily(context.Background(), st, Config{}, sched, dailyNow.Add(-24*time.Hour), dailyNow, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// TestComposeDailyCountsFromConfig: how much a daily digest shows comes
// from Config (the one place counts are decided), with the schedule's max
// winning over DailyStories.
func TestComposeDailyCountsFromConfig(t *testing.T) {
	arts := []Article{dailyArt(1, 1, "Reuters", time.Hour, 0), dailyArt(2, 2, "AP", 2*time.Hour, 0), dailyArt(3, 3, "BBC", 3*time.Hour, 0)}
	hits := map[string][][2]float64{"mexico": {{1, 3}, {2, 2}, {3, 1}}}
	since := dailyNow.Add(-24 * time.Hour)
	tests := []struct {
		name          string
		cfg           Config
		max           int
		wantStories   int
		wantSentences int
	}{
		{"defaults", Config{}, 0, 3, 2},
		{"config", Config{DailySentences: 1, DailyStories: 2}, 0, 2, 1},
		{"schedule max wins", Config{DailyStories: 2}, 1, 1, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := dailyStoreOf(arts, hits)
			r, _, err := composeDaily(context.Background(), st, tc.cfg, Schedule{Topics: []string{"mexico"}, TimeZone: "UTC", MaxStories: tc.max}, since, dailyNow, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Stories) != tc.wantStories {
				t.Fatalf("%d stories, want %d", len(r.Stories), tc.wantStories)
			}
			for _, d := range r.Stories {
				if len(d.Summary) != tc.wantSentences {
					t.Errorf("story %q has %d summary sentences, want %d", d.Title, len(d.Summary), tc.wantSentences)
				}
			}
		})
	}
}
