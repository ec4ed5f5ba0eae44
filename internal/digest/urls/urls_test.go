package urls

import (
	"errors"
	"strings"
	"testing"
)

func TestCanonical(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"already canonical", "https://example.com/news/story", "https://example.com/news/story"},
		{"root keeps slash", "https://example.com", "https://example.com/"},
		{"root slash", "https://example.com/", "https://example.com/"},
		{"case of scheme and host", "HTTPS://Example.COM/News/Story", "https://example.com/News/Story"},
		{"default https port", "https://example.com:443/a", "https://example.com/a"},
		{"default http port", "http://example.com:80/a", "http://example.com/a"},
		{"other port kept", "https://example.com:8443/a", "https://example.com:8443/a"},
		{"port leading zero", "http://example.com:080/a", "http://example.com/a"},
		{"fragment dropped", "https://example.com/a#comments", "https://example.com/a"},
		{"trailing slash", "https://example.com/news/story/", "https://example.com/news/story"},
		{"many trailing slashes", "https://example.com/news/story///", "https://example.com/news/story"},
		{"utm params", "https://example.com/a?utm_source=rss&utm_medium=feed&UTM_Campaign=x", "https://example.com/a"},
		{"click ids", "https://example.com/a?fbclid=abc&gclid=def&id=7", "https://example.com/a?id=7"},
		{"mailchimp and others", "https://example.com/a?mc_cid=1&mc_eid=2&ocid=3&cmpid=4&smid=5&ref=tw&ref_src=twsrc&igshid=9&_ga=1.2", "https://example.com/a"},
		{"params sorted", "https://example.com/a?b=2&a=1&c=3", "https://example.com/a?a=1&b=2&c=3"},
		{"empty params dropped", "https://example.com/a?&&b=2&", "https://example.com/a?b=2"},
		{"only tracking leaves no question mark", "https://example.com/a?utm_source=x", "https://example.com/a"},
		{"amp suffix", "https://example.com/news/story/amp", "https://example.com/news/story"},
		{"amp suffix slash", "https://example.com/news/story/amp/", "https://example.com/news/story"},
		{"amp prefix", "https://example.com/amp/news/story", "https://example.com/news/story"},
		{"amp html", "https://example.com/news/story.amp.html", "https://example.com/news/story.html"},
		{"amp query", "https://example.com/news/story?amp=1", "https://example.com/news/story"},
		{"amp bare query", "https://example.com/news/story?amp", "https://example.com/news/story"},
		{"amp other value kept", "https://example.com/news/story?amp=xyz", "https://example.com/news/story?amp=xyz"},
		{"outputType amp", "https://example.com/news/story?outputType=amp&id=2", "https://example.com/news/story?id=2"},
		{"amp host", "https://amp.example.com/news/story", "https://example.com/news/story"},
		{"amp host alone kept", "https://amp.com/a", "https://amp.com/a"},
		{"ampersand word not amp", "https://example.com/ampere/amplify", "https://example.com/ampere/amplify"},
		{"unreserved escapes decoded", "https://example.com/%7Euser/%61bc", "https://example.com/~user/abc"},
		{"reserved escapes upper-cased", "https://example.com/a%2fb?q=a%2bb", "https://example.com/a%2Fb?q=a%2Bb"},
		{"space escaped", "https://example.com/a%20b", "https://example.com/a%20b"},
		{"non-ascii path escaped", "https://example.com/año", "https://example.com/a%C3%B1o"},
		{"dot segments", "https://example.com/a/./b/../c", "https://example.com/a/c"},
		{"user info dropped", "https://user:pass@example.com/a", "https://example.com/a"},
		{"trailing dot host", "https://example.com./a", "https://example.com/a"},
		{"www kept", "https://www.example.com/a", "https://www.example.com/a"},
		{"ipv6 host", "http://[::1]:8080/a", "http://[::1]:8080/a"},
		{"surrounding space", "  https://example.com/a  ", "https://example.com/a"},
		{"tracking key escaped", "https://example.com/a?utm%5Fsource=x&x=1", "https://example.com/a?x=1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Canonical(tc.in)
			if err != nil {
				t.Fatalf("Canonical(%q) error: %v", tc.in, err)
			}
			if got != tc.want {
				t.Errorf("Canonical(%q) = %q, want %q", tc.in, got, tc.want)
			}
			again, err := Canonical(got)
			if err != nil || again != got {
				t.Errorf("not idempotent: Canonical(%q) = %q, %v", got, again, err)
			}
		})
	}
}

func TestCanonicalErrors(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		scheme bool // want ErrScheme
	}{
		{"ftp", "ftp://example.com/a", true},
		{"mailto", "mailto:someone@example.com", true},
		{"javascript", "javascript:alert(1)", true},
		{"relative", "/news/story", true},
		{"empty", "", true},
		{"no host", "https:///a", false},
		{"opaque", "http:example.com", false},
		{"bad escape", "https://example.com/%zz", false},
		{"bad port", "https://example.com:99999/", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Canonical(tc.in)
			if err == nil {
				t.Fatalf("Canonical(%q) = %q, want error", tc.in, got)
			}
			if tc.scheme != errors.Is(err, ErrScheme) {
				t.Errorf("Canonical(%q) error %v, ErrScheme wanted: %v", tc.in, err, tc.scheme)
			}
		})
	}
}

func TestHost(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"www dropped", "https://www.BBC.co.uk/news/x", "bbc.co.uk"},
		{"port dropped", "http://example.com:8080/", "example.com"},
		{"no scheme", "reuters.com/world", "reuters.com"},
		{"subdomain kept", "https://edition.cnn.com/", "edition.cnn.com"},
		{"empty", "", ""},
		{"garbage", "%%%", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Host(tc.in); got != tc.want {
				t.Errorf("Host(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func FuzzCanonical(f *testing.F) {
	for _, s := range []string{
		"https://example.com/a?utm_source=x&b=2&a=1#frag",
		"http://Example.com:80/amp/x/amp/?amp=1",
		"https://amp.example.com/a.amp.html",
		"https://example.com/%7e%2f%zz",
		"http://[::1]:8080/a/../b/./c",
		"https://user@example.com/a%20b?q=%41+b",
		"ftp://x",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out, err := Canonical(in)
		if err != nil {
			return
		}
		if !strings.HasPrefix(out, "http://") && !strings.HasPrefix(out, "https://") {
			t.Fatalf("Canonical(%q) = %q: bad scheme", in, out)
		}
		again, err := Canonical(out)
		if err != nil {
			t.Fatalf("Canonical(%q) = %q, which fails: %v", in, out, err)
		}
		if again != out {
			t.Fatalf("not idempotent: %q -> %q -> %q", in, out, again)
		}
		_ = Host(in)
	})
}
