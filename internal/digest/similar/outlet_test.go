package similar

import "testing"

func TestWithoutOutlet(t *testing.T) {
	for _, tc := range []struct{ title, source, want string }{
		{"Shares edge lower after Asian trade figures - Reuters", "Reuters", "Shares edge lower after Asian trade figures"},
		{"Vane's cooking show: our review - KXR 5 Riverton - KXRV", "KXRV-TV", "Vane's cooking show: our review - KXR 5 Riverton"},
		{"A Long Winter For The Ferry Crews | The Harbour Review", "The Harbour Review. (blog)", "A Long Winter For The Ferry Crews"},
		{"Mayor stands by her vote - KRVLNews.com, Riverton ...", "KRVL", "Mayor stands by her vote"},
		{"Quake hits Chile - BBC News", "www.bbc.com", "Quake hits Chile"},
		{"Forex - Yen slides to a two-week low", "Forex Live", "Forex - Yen slides to a two-week low"},
		{"Reuters", "Reuters", "Reuters"},                                          // no separator: the headline itself
		{"Starwake launch party - Toronto", "", "Starwake launch party - Toronto"}, // no source
		{"Stocks slip - AP", "AP", "Stocks slip - AP"},                             // too short to tell
	} {
		if got := WithoutOutlet(tc.title, tc.source); got != tc.want {
			t.Errorf("WithoutOutlet(%q, %q) = %q, want %q", tc.title, tc.source, got, tc.want)
		}
	}
}
