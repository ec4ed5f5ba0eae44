package similar

import (
	"strings"
	"testing"
	"time"
)

func TestCanonicalNames(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Chinese exports fall", "china exports fall"},
		{"Russian gas and the Ukrainian crisis", "russia gas and the ukraine crisis"},
		{"China's exports fall", "China's exports fall"}, // the name itself is kept
		{"European stocks; Kiev talks", "europe stocks; kyiv talks"},
		{"how to polish a floor", "how to polish a floor"}, // not capitalised: not a name
		{"", ""},
		{"Señal rusa: Rusia y México", "Señal rusa: russia y México"}, // the name itself is kept
	} {
		if got := CanonicalNames(tc.in); got != tc.want {
			t.Errorf("CanonicalNames(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func BenchmarkCanonicalNames(b *testing.B) {
	s := strings.Repeat("The Chinese Government said on Monday that Exports fell, while Russian Gas flows to Europe went on. ", 40)
	b.ReportAllocs()
	for b.Loop() {
		CanonicalNames(s)
	}
}

func TestNewStoryDoc(t *testing.T) {
	tokenize := func(dst []string, s string) []string { return append(dst, strings.Fields(strings.ToLower(s))...) }
	has := func(d Doc, term string) bool {
		for _, tf := range d.termList() {
			if tf.term == term {
				return true
			}
		}
		return false
	}
	short := NewStoryDoc("Chinese exports fall", "", tokenize, time.Time{})
	if !has(short, "china") || has(short, "chinese") {
		t.Errorf("headline terms %v: want china, not chinese", short.termList())
	}
	body := ""
	for i := range 30 {
		body += "term" + string(rune('a'+i%26)) + string(rune('a'+i/26)) + " "
	}
	long := NewStoryDoc("Chinese exports fall", body, tokenize, time.Time{})
	if !has(long, "chinese") || has(long, "china") {
		t.Errorf("long document terms: want chinese as written")
	}
}
