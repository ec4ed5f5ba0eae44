package samples

import (
	"strings"
	"testing"
	"time"
)

func TestArticlesAreMarkedSamples(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	arts, err := Articles(now)
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) < 6 {
		t.Fatalf("got %d samples, want at least 6", len(arts))
	}
	for _, a := range arts {
		if !a.Sample || !strings.Contains(strings.ToLower(a.Source), "sample") && !strings.Contains(a.Source, "Muestra") {
			t.Errorf("%s: not clearly marked as a sample (source %q)", a.URL, a.Source)
		}
		if !strings.Contains(a.Title, "(SAMPLE)") && !strings.Contains(a.Title, "(MUESTRA)") {
			t.Errorf("%s: title %q lacks the sample mark", a.URL, a.Title)
		}
		if a.Published.IsZero() || a.Published.After(now) {
			t.Errorf("%s: published %v", a.URL, a.Published)
		}
		if !strings.Contains(a.Body, "fictional") && !strings.Contains(a.Body, "ficticia") {
			t.Errorf("%s: body does not say its people are fictional", a.URL)
		}
	}
}
