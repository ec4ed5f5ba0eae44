package similar

import "testing"

func TestWithoutOutlet(t *testing.T) {
	for _, tc := range []struct{ title, source, want string }{
		{"Stocks slip on Asia data - Reuters", "Reuters", "Stocks slip on Asia data"},
		{"Lohan's reality show: the verdict - CBS 3 Springfield - WSHM", "WSHM-TV", "Lohan's reality show: the verdict - CBS 3 Springfield"},
		{"A Cold War Over Ukraine | The Nation", "The Nation. (blog)", "A Cold War Over Ukraine"},
		{"Snowden has no regrets - WMBFNews.com, Myrtle ...", "WMBF", "Snowden has no regrets"},
		{"Quake hits Chile - BBC News", "www.bbc.com", "Quake hits Chile"},
		{"Forex - Pound drops to one-month lows", "Forex Live", "Forex - Pound drops to one-month lows"},
		{"Reuters", "Reuters", "Reuters"},                                            // no separator: the headline itself
		{"Titanfall launch party - Toronto", "", "Titanfall launch party - Toronto"}, // no source
		{"Stocks slip - AP", "AP", "Stocks slip - AP"},                               // too short to tell
	} {
		if got := WithoutOutlet(tc.title, tc.source); got != tc.want {
			t.Errorf("WithoutOutlet(%q, %q) = %q, want %q", tc.title, tc.source, got, tc.want)
		}
	}
}
