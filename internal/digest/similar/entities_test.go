package similar

import (
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// docText is doc with entities, as production builds it.
func docText(title, body string) Doc {
	return NewDocText(title, body, toks(title), toks(body), time.Time{})
}

func TestEntities(t *testing.T) {
	tests := []struct {
		name        string
		title, body string
		want        []string
	}{
		{
			name:  "names numbers and sentence starts",
			title: "Mara Quill enters rehab",
			body:  "The actress Mara Quill, 33, has entered Halden Rest Treatment Center. She was spotted in Malibu on Tuesday. Her agent Colm Barrett told People.",
			want:  []string{"33", "barrett", "center", "colm", "halden", "malibu", "mara", "people", "quill", "rest", "treatment"},
		},
		{
			name:  "title case headline gives only numbers",
			title: "Jessa Vane Heads To Corrow Lake For 90 Days",
			body:  "Vane began a 90-day stay.",
			want:  []string{"90", "vane"},
		},
		{
			name:  "only the lead sentences",
			title: "",
			body:  "Iquique was hit. Chile mourns. A 6.1 quake. Mexico is far away.",
			want:  []string{"6.1", "chile", "iquique"},
		},
		{
			name:  "initials and honorifics do not end a sentence",
			title: "",
			body:  "Mr. J. Smith met Dr. Ann Lee in Washington. Then Paris. Then Rome. Then Oslo.",
			want:  []string{"ann", "lee", "paris", "rome", "smith", "washington"},
		},
		{
			name:  "dotted initialisms do not end a sentence",
			title: "",
			body:  "Envoys met at the U.N. headquarters with Lee. Then Paris. Then Rome. Then Oslo.",
			want:  []string{"envoys", "lee", "paris", "rome"},
		},
		{
			name:  "possessive and paragraphs",
			title: "",
			body:  "Obama's plan\n\nCongress votes on 1,000 pages\n\nThe Senate waits\n\nLater news from Texas",
			want:  []string{"1,000", "congress", "obama", "senate"},
		},
		{name: "empty", want: nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Entities(tc.title, tc.body); !slices.Equal(got, tc.want) {
				t.Errorf("Entities = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestWeightedJaccard(t *testing.T) {
	a := []string{"chile", "iquique", "tuesday", "x"}
	b := []string{"chile", "iquique", "mexico"}
	if j, ok := weightedJaccard(a, b, uniformWeight); !ok || j != 0.4 {
		t.Errorf("weightedJaccard = %v, %v; want 0.4, true", j, ok)
	}
	if _, ok := weightedJaccard(a, b[:2], uniformWeight); ok {
		t.Error("weightedJaccard with 2 entities: want unknown")
	}
	zero := func(string) float64 { return 0 }
	if _, ok := weightedJaccard(a, b, zero); ok {
		t.Error("weightedJaccard with all-zero weights: want unknown")
	}
}

func TestSameStoryEntities(t *testing.T) {
	tests := []struct {
		name string
		a, b Doc
		want bool
	}{
		{"rewritten same quake", docText("Quake kills 3 in northern Chile", quakeA1), docText("6.1 quake shakes Chile, 3 dead", quakeA2), true},
		{"another quake", docText("Quake kills 3 in northern Chile", quakeA1), docText("Mexico quake kills 12", quakeB), false},
		{"another rehab", docText("Mara Quill enters rehab", rehabA), docText("Jessa Vane checks into Corrow Lake", rehabB), false},
		{"one side without entities", docText("Quake kills 3 in northern Chile", quakeA1), doc("6.1 quake shakes Chile, 3 dead", quakeA2), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := SameStory(tc.a, tc.b); got != tc.want {
				t.Errorf("SameStory = %v, want %v (entities %q / %q)", got, tc.want, tc.a.Entities, tc.b.Entities)
			}
		})
	}
}

func TestMatchStoryEntities(t *testing.T) {
	withStory := func(d Doc, s int64) Doc { d.Story = s; return d }
	cands := []Doc{
		withStory(docText("Mexico quake kills 12", quakeB), 2),
		withStory(docText("Jessa Vane checks into Corrow Lake", rehabB), 3),
		withStory(docText("Quake kills 3 in northern Chile", quakeA1), 1),
	}
	if got := MatchStory(docText("6.1 quake shakes Chile, 3 dead", quakeA2), cands); got != 2 {
		t.Errorf("MatchStory = %d, want 2", got)
	}
	if got := MatchStory(docText("Mara Quill enters rehab", rehabA), cands); got != -1 {
		t.Errorf("MatchStory of another rehab = %d, want -1", got)
	}
}

func FuzzEntities(f *testing.F) {
	f.Add("Mara Quill enters rehab", rehabA)
	f.Add("", "Mr. J. Smith met 6.1 U.S. officials.\n\nObama’s plan")
	f.Add("A", "…. 1,. -x '’")
	f.Fuzz(func(t *testing.T, title, body string) {
		got := Entities(title, body)
		if !slices.IsSorted(got) {
			t.Fatalf("Entities not sorted: %q", got)
		}
		for i, e := range got {
			if e == "" || (i > 0 && got[i-1] == e) {
				t.Fatalf("empty or repeated entity in %q", got)
			}
			if utf8.ValidString(title) && utf8.ValidString(body) && !utf8.ValidString(e) {
				t.Fatalf("invalid UTF-8 entity %q", e)
			}
		}
	})
}

func BenchmarkEntities(b *testing.B) {
	body := strings.Repeat(quakeA1+"\n\n", 10)
	b.ReportAllocs()
	for b.Loop() {
		Entities("Quake kills 3 in northern Chile", body)
	}
}

func BenchmarkMatchStoryEntities(b *testing.B) {
	bodies := []string{quakeA1, quakeB, rehabA, rehabB}
	cands := make([]Doc, 20)
	for i := range cands {
		cands[i] = docText("headline", strings.Repeat(bodies[i%4], 4))
		cands[i].Story = int64(i%4 + 1)
	}
	d := docText("6.1 quake shakes Chile, 3 dead", strings.Repeat(quakeA2, 4))
	b.ReportAllocs()
	for b.Loop() {
		MatchStory(d, cands)
	}
}

func TestIsInitial(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"Mr", true},
		{"met J", true},
		{"the U.S", true},
		{"the U.K", true},
		{"at the U.N", true},
		{"the E.U", true},
		{"the U.A.E", true},
		{"(U.N", true},
		{"los EE.UU", true},
		{"las FF.AA", true},
		{"World War II", false},
		{"the UN", false},
		{"in Paris", false},
		{"U.Nations", false},
		{"u.n", false},
		{"E.Uu", false},
		{"", false},
	}
	for _, tc := range tests {
		if got := isInitial(tc.s); got != tc.want {
			t.Errorf("isInitial(%q) = %v, want %v", tc.s, got, tc.want)
		}
	}
}
