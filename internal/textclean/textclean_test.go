package textclean

import "testing"

func TestSpace(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", "", ""},
		{"only space", " \t\n ", ""},
		{"collapse and trim", "  a \n\n b\t c  ", "a b c"},
		{"no-break space", "10\u00a0km", "10 km"},
		{"line separators", "a\u2028b\u2029c", "a b c"},
		{"zero-width space", "Ciudad\u200b de\u200b\u200bMéxico", "Ciudad de México"},
		{"byte-order mark", "\ufeffTitle", "Title"},
		{"thin space kept", "10\u2009000", "10\u2009000"},
		{"accents kept", " año  señal ", "año señal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Space(tt.in); got != tt.want {
				t.Errorf("Space(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestOneLine(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", "", ""},
		{"lines joined", " Title\n\nsecond\tline ", "Title second line"},
		{"unicode spaces", "a\u00a0b\u3000c\u2029d", "a b c d"},
		{"invalid UTF-8 dropped", "caf\xe9 ol\xffé", "caf olé"},
		{"only invalid", "\xff\xfe", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := OneLine(tt.in); got != tt.want {
				t.Errorf("OneLine(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
