package digest

import (
	"testing"
	"time"
	"unicode/utf8"
)

func TestMergeQuotes(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 11, d, 0, 0, 0, 0, time.UTC) }
	hits := []QuoteHit{
		{Quote: Quote{Text: "We will not sell our sovereignty.", Speaker: ""}, Source: "B", Published: day(3), URL: "b"},
		{Quote: Quote{Text: "Sovereignty is not for sale.", Speaker: "Claudia Sheinbaum"}, Source: "A", Published: day(2), URL: "a"},
		{Quote: Quote{Text: "sovereignty is NOT for sale", Speaker: ""}, Source: "C", Published: day(1), URL: "c"},
		{Quote: Quote{Text: "Sovereignty is not for sale!", Speaker: "Sheinbaum"}, Source: "A", Published: day(4), URL: "a2"},
	}
	got := mergeQuotes(hits, "not for sale")
	if len(got) != 2 {
		t.Fatalf("got %d answers, want 2: %+v", len(got), got)
	}
	first := got[0]
	if first.Outlets != 2 || first.URL != "c" || first.Quote.Speaker != "Claudia Sheinbaum" {
		t.Fatalf("merged answer = %+v; want the earliest report (c), 2 outlets, speaker kept", first)
	}
	if got[1].Quote.Text != "We will not sell our sovereignty." {
		t.Fatalf("phrase matches must come first, got %+v", got)
	}
}

func TestShorten(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"the quick brown fox jumps", 15, "the quick…"},
		{"the quick brown fox jumps", 18, "the quick brown…"},
		{"ééééééééééé", 7, "éé…"},
	}
	for _, tt := range tests {
		got := shorten(tt.in, tt.n)
		if got != tt.want || !utf8.ValidString(got) || len(got) > max(tt.n, len(tt.in)) {
			t.Errorf("shorten(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
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
