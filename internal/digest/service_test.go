package digest

import (
	"reflect"
	"testing"
	"time"
)

func TestMergeQuotes(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 11, d, 0, 0, 0, 0, time.UTC) }
	hits := []QuoteHit{
		{Quote: Quote{Text: "We will not say where the tolls go.", Speaker: ""}, Source: "B", Published: day(3), URL: "b"},
		{Quote: Quote{Text: "The tolls stay where they are.", Speaker: "Inés Báez"}, Source: "A", Published: day(2), URL: "a"},
		{Quote: Quote{Text: "the tolls STAY where they are", Speaker: ""}, Source: "C", Published: day(1), URL: "c"},
		{Quote: Quote{Text: "The tolls stay where they are!", Speaker: "Báez"}, Source: "A", Published: day(4), URL: "a2"},
	}
	got := mergeQuotes(hits, "stay where they are")
	if len(got) != 2 {
		t.Fatalf("got %d answers, want 2: %+v", len(got), got)
	}
	first := got[0]
	if first.Outlets != 2 || first.URL != "c" || first.Quote.Speaker != "Inés Báez" {
		t.Fatalf("merged answer = %+v; want the earliest report (c), 2 outlets, speaker kept", first)
	}
	if got[1].Quote.Text != "We will not say where the tolls go." {
		t.Fatalf("phrase matches must come first, got %+v", got)
	}
}

func TestScheduleRunsOnAndDescribe(t *testing.T) {
	s := Schedule{Topics: []string{"mexico", "energy"}, Hour: 8, TimeZone: "America/Mexico_City", MaxStories: 5,
		Weekdays: []time.Weekday{time.Monday, time.Friday}}
	if !s.RunsOn(time.Monday) || s.RunsOn(time.Sunday) {
		t.Fatal("weekday filter wrong")
	}
	if got, want := s.Describe(), "mexico, energy at 08:00 America/Mexico_City on Mon,Fri, up to 5 stories"; got != want {
		t.Fatalf("Describe = %q, want %q", got, want)
	}
}

// TestConfigDefaults checks that zero and negative settings take their
// documented defaults and positive ones are kept.
func TestConfigDefaults(t *testing.T) {
	want := Config{DefaultTimeZone: "UTC", Sentences: 3, Quotes: 3, MaxRelated: 6, MaxQuoteHits: 5,
		DailySentences: 2, DailyQuotes: 1, DailyStories: 5, MaxWorkspaceFeeds: DefaultMaxWorkspaceFeeds, StoryWindow: 72 * time.Hour}
	check := func(name string, got, want Config) {
		t.Helper()
		if got.NextRun != nil || got.Metrics != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %+v\nwant %+v", name, got, want)
		}
	}
	check("zero", Config{}.withDefaults(), want)
	check("negative", Config{Sentences: -1, Quotes: -2, MaxRelated: -1, MaxQuoteHits: -1, DailySentences: -1,
		DailyQuotes: -1, DailyStories: -1, MaxWorkspaceFeeds: -1, StoryWindow: -time.Hour}.withDefaults(), want)
	set := Config{DefaultTimeZone: "Europe/Madrid", Sentences: 4, Quotes: 2, MaxRelated: 9, MaxQuoteHits: 7,
		DailySentences: 1, DailyQuotes: 2, DailyStories: 8, MaxWorkspaceFeeds: 3, StoryWindow: time.Hour}
	check("set", set.withDefaults(), set)
}
