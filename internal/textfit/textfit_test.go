package textfit

import (
	"strings"
	"testing"
)

func TestLenAndPrefix(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		max     int
		wantLen int
		want    string // Prefix(in, max)
	}{
		{"fits", "hello world", 11, 11, "hello world"},
		{"ascii cut", "abcdefghijklmnop", 5, 16, "abcde"},
		{"zero", "abc", 0, 3, ""},
		{"negative", "abc", -1, 3, ""},
		{"empty", "", 3, 0, ""},
		{"emoji counts two", "ab😀😀😀", 4, 8, "ab😀"},
		{"emoji not split", "ab😀😀😀", 5, 8, "ab😀"},
		{"surrogates count double", "😀😀😀😀", 4, 8, "😀😀"},
		{"BMP non-ASCII counts one", "héllo—wörld", 6, 11, "héllo—"},
		{"invalid UTF-8 byte counts one", "a\xffb", 2, 3, "a\xff"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Len(tt.in); got != tt.wantLen {
				t.Errorf("Len(%q) = %d, want %d", tt.in, got, tt.wantLen)
			}
			got := Prefix(tt.in, tt.max)
			if got != tt.want {
				t.Errorf("Prefix(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			}
			if n := Len(got); n > max(tt.max, 0) {
				t.Errorf("Prefix(%q, %d) has length %d", tt.in, tt.max, n)
			}
		})
	}
}

func TestShorten(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		max      int
		units    string // Shorten
		bytesCut string // ShortenBytes
	}{
		{"fits", "hello world", 11, "hello world", "hello world"},
		{"whole words fit", "the quick brown fox", 16, "the quick brown…", "the quick…"},
		{"word boundary", "one two three four", 12, "one two…", "one two…"},
		{"cut inside a word", "hello wonderful world", 14, "hello wonderf…", "hello wonde…"},
		{"long word", "abcdefghijklmnop", 6, "abcde…", "abc…"},
		{"dangling punctuation", "one, two, three", 10, "one, two…", "one…"},
		{"zero", "abc", 0, "", ""},
		{"multi-byte", "ééééééééééé", 7, "éééééé…", "éé…"},
		{"astral", "😀😀😀😀", 5, "😀😀…", "…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Shorten(tt.in, tt.max); got != tt.units {
				t.Errorf("Shorten(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.units)
			}
			if got := ShortenBytes(tt.in, tt.max); got != tt.bytesCut {
				t.Errorf("ShortenBytes(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.bytesCut)
			}
		})
	}
}

func FuzzShorten(f *testing.F) {
	f.Add("hello wonderful world", 10)
	f.Add("ab😀😀😀 \xff\xfe x", 4)
	f.Fuzz(func(t *testing.T, s string, max int) {
		max %= 5000
		if got := Shorten(s, max); max >= 0 && Len(got) > max {
			t.Fatalf("Shorten(%q, %d) = %q: %d units", s, max, got, Len(got))
		}
		if got := ShortenBytes(s, max); max >= 0 && len(got) > max && len(s) > max {
			t.Fatalf("ShortenBytes(%q, %d) = %q: %d bytes", s, max, got, len(got))
		}
	})
}

func TestEscapeShorten(t *testing.T) {
	// double stands for a platform escape that lengthens some characters.
	double := strings.NewReplacer("*", `\*`, "<", "&lt;").Replace
	tests := []struct {
		name string
		in   string
		max  int
		want string
	}{
		{"fits escaped", "a*b", 4, `a\*b`},
		{"fits only unescaped", "a*b", 3, "a…"},
		{"cut never splits an escape", "ab<<<<", 7, "ab&lt;…"},
		{"most that fits", "ab<<<<", 10, "ab&lt;…"},
		{"most that fits 2", "ab<<<<", 11, "ab&lt;&lt;…"},
		{"escaped words cut at a word", "one *two* three", 12, `one \*two\*…`},
		{"nothing but the ellipsis fits", "<<<<<<", 2, "…"},
		{"one unit", "<<<<<<", 1, "…"},
		{"zero", "abc", 0, ""},
		{"negative", "abc", -3, ""},
		{"empty", "", 5, ""},
		{"emoji counted two", "😀<😀<😀", 6, "😀…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := EscapeShorten(tt.in, tt.max, double)
			if got != tt.want {
				t.Errorf("EscapeShorten(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			}
			if Len(got) > max(tt.max, 0) {
				t.Errorf("EscapeShorten(%q, %d) has length %d", tt.in, tt.max, Len(got))
			}
		})
	}
}

func FuzzEscapeShorten(f *testing.F) {
	esc := strings.NewReplacer("&", "&amp;", "<", "&lt;", "*", `\*`).Replace
	f.Add("a & b < c * d", 5)
	f.Add("😀😀 <text>", 3)
	f.Fuzz(func(t *testing.T, s string, limit int) {
		limit %= 5000
		got := EscapeShorten(s, limit, esc)
		if Len(got) > max(limit, 0) {
			t.Fatalf("EscapeShorten(%q, %d) = %q: length %d", s, limit, got, Len(got))
		}
		if e := esc(s); Len(e) <= limit {
			if got != e {
				t.Fatalf("EscapeShorten(%q, %d) = %q, want the whole %q", s, limit, got, e)
			}
		} else if limit >= 1 && !strings.HasSuffix(got, Ellipsis) {
			t.Fatalf("EscapeShorten(%q, %d) = %q: a cut without %q", s, limit, got, Ellipsis)
		}
	})
}
