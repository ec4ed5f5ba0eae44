package urltest

import "testing"

func TestNotHTTP(t *testing.T) {
	for _, tc := range []struct {
		in        string
		canonical bool
		ok        bool
	}{
		{"https://example.com/a", true, true},
		{" https://example.com/a", false, false},
		{"ftp://example.com/a", false, false},
		{"https:///a", false, false},
		{"HTTPS://example.com/a", false, true}, // url.Parse folds the scheme
		{"https://example.com/a b", false, true},
		{"https://example.com/a b", true, false},
	} {
		if got := NotHTTP(tc.in, tc.canonical); (got == "") != tc.ok {
			t.Errorf("NotHTTP(%q, %v) = %q, want ok %v", tc.in, tc.canonical, got, tc.ok)
		}
	}
}
