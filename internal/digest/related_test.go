package digest

import (
	"slices"
	"testing"
)

func TestSplitRelated(t *testing.T) {
	h := func(title string, same bool) Headline { return Headline{Title: title, SameStory: same} }
	titles := func(hs []Headline) []string {
		var out []string
		for _, h := range hs {
			out = append(out, h.Title)
		}
		return out
	}
	tests := []struct {
		name                string
		related             []Headline
		wantSame, wantOther []string
	}{
		{"none", nil, nil, nil},
		{"only same", []Headline{h("a", true), h("b", true)}, []string{"a", "b"}, nil},
		{"only other", []Headline{h("a", false)}, nil, []string{"a"}},
		{"mixed keeps order", []Headline{h("a", false), h("b", true), h("c", false), h("d", true)}, []string{"b", "d"}, []string{"a", "c"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			same, other := Digest{Related: tt.related}.SplitRelated()
			if got := titles(same); !slices.Equal(got, tt.wantSame) {
				t.Errorf("same = %q, want %q", got, tt.wantSame)
			}
			if got := titles(other); !slices.Equal(got, tt.wantOther) {
				t.Errorf("other = %q, want %q", got, tt.wantOther)
			}
		})
	}
}
