package textfit

import "testing"

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
