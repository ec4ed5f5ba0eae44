package similar

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// toks is a tiny stand-in for text.Tokens: lower-case words, a few stop
// words removed, a naive plural strip.
func toks(s string) []string {
	stop := map[string]bool{"the": true, "a": true, "an": true, "of": true, "in": true, "on": true,
		"and": true, "to": true, "was": true, "is": true, "at": true, "by": true, "for": true,
		"her": true, "his": true, "has": true, "with": true, "after": true, "said": true, "into": true}
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}) {
		if stop[w] {
			continue
		}
		if len(w) > 3 && strings.HasSuffix(w, "s") {
			w = w[:len(w)-1]
		}
		out = append(out, w)
	}
	return out
}

func doc(title, body string) Doc {
	return NewDoc(title, toks(title), toks(body), time.Time{})
}

const (
	quakeA1 = "A magnitude 6.1 earthquake struck off the coast of northern Chile on Tuesday, killing 3 people in Iquique and damaging 200 homes, the national emergency office said. The quake hit at 9:15 pm local time at a depth of 20 km. Residents of Iquique fled to higher ground after a tsunami warning, which was lifted two hours later."
	quakeA2 = "Three people died in Iquique when a 6.1 magnitude quake shook northern Chile late Tuesday, officials said. Some 200 homes were damaged in Iquique. The tremor, 20 km deep, triggered a brief tsunami warning along the northern Chile coast that was lifted after two hours."
	quakeB  = "A magnitude 7.4 earthquake hit southern Mexico near Oaxaca on Friday, killing 12 people and toppling 400 buildings, Mexico's civil protection agency said. Residents of Oaxaca and Mexico City ran into the streets as buildings swayed. A tsunami warning was issued for the Pacific coast of Mexico and Guatemala."
	rehabA  = "Actress Mara Quill has entered the Halden Rest Treatment Center near Malibu, a spokeswoman told a celebrity weekly on Tuesday. Quill, 33, best known for the Summer Road comedies, is getting help, her agent Colm Barrett said."
	rehabB  = "Singer Jessa Vane reported to the Corrow Lake Center in Palm Desert on Thursday for 90 days of rehab ordered by a judge, her lawyer Neil Ashdown said. Vane, 26, had walked out of another clinic in Santa Barbara last month."
)

func TestFingerprintDeterministic(t *testing.T) {
	tokens := toks(quakeA1)
	a, b := Fingerprint(tokens), Fingerprint(slices.Clone(tokens))
	if a != b || a == 0 {
		t.Fatalf("Fingerprint not deterministic or zero: %x %x", a, b)
	}
	// Pinned value: the fingerprint is stored, so it must not change
	// between releases or processes.
	const want = uint64(0x850c361782a03a00)
	if a != want {
		t.Errorf("Fingerprint(quakeA1) = %#x, want %#x", a, want)
	}
	if Fingerprint(nil) != 0 {
		t.Error("Fingerprint(nil) != 0")
	}
	if Fingerprint([]string{"one"}) == 0 {
		t.Error("Fingerprint of a single token is 0")
	}
}

func TestFingerprintNearDuplicates(t *testing.T) {
	base := toks(quakeA1 + " " + quakeB)
	edited := slices.Clone(base)
	edited[10] = "changed" // a one-word copy edit
	edited = append(edited, "reuters")
	tests := []struct {
		name    string
		a, b    []string
		maxDist int
		minDist int
	}{
		{"identical", base, base, 0, 0},
		{"copy edit", base, edited, 6, 0},
		{"different articles", toks(quakeA1), toks(rehabB), 64, 16},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := Distance(Fingerprint(tc.a), Fingerprint(tc.b))
			if d > tc.maxDist || d < tc.minDist {
				t.Errorf("distance %d, want %d..%d", d, tc.minDist, tc.maxDist)
			}
		})
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		name string
		a, b uint64
		want int
	}{
		{"equal", 0xdeadbeef, 0xdeadbeef, 0},
		{"one bit", 0, 1, 1},
		{"all bits", 0, ^uint64(0), 64},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Distance(tc.a, tc.b); got != tc.want {
				t.Errorf("Distance = %d, want %d", got, tc.want)
			}
		})
	}
}

func TestSameStory(t *testing.T) {
	day := time.Date(2024, 3, 5, 12, 0, 0, 0, time.UTC)
	at := func(d Doc, tm time.Time) Doc { d.Published = tm; return d }
	tests := []struct {
		name string
		a, b Doc
		want bool
	}{
		{"rewritten same quake", doc("Quake kills 3 in northern Chile", quakeA1), doc("6.1 quake shakes Chile, 3 dead", quakeA2), true},
		{"wire copy", doc("Quake in Chile", quakeA1), doc("Quake in Chile", quakeA1+" Reporting by staff."), true},
		{"another quake", doc("Quake kills 3 in northern Chile", quakeA1), doc("Mexico quake kills 12", quakeB), false},
		{"another rehab", doc("Mara Quill enters rehab", rehabA), doc("Jessa Vane checks into Corrow Lake", rehabB), false},
		{"same text a year apart", at(doc("Quake in Chile", quakeA1), day), at(doc("Quake in Chile", quakeA1), day.AddDate(1, 0, 0)), false},
		{"empty docs", Doc{}, Doc{}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := SameStory(tc.a, tc.b); got != tc.want {
				t.Errorf("SameStory = %v (relatedness %.3f), want %v", got, Relatedness(tc.a, tc.b), tc.want)
			}
		})
	}
}

func TestRelatedness(t *testing.T) {
	a := doc("Quake kills 3 in northern Chile", quakeA1)
	same := doc("6.1 quake shakes Chile, 3 dead", quakeA2)
	topic := doc("Mexico quake kills 12", quakeB)
	other := doc("Jessa Vane checks into Corrow Lake", rehabB)
	rs, rt, ro := Relatedness(a, same), Relatedness(a, topic), Relatedness(a, other)
	if !(rs > rt && rt > ro) {
		t.Errorf("want same story > same topic > unrelated, got %.3f %.3f %.3f", rs, rt, ro)
	}
	if r := Relatedness(a, a); r < 0.999 || r > 1 {
		t.Errorf("Relatedness(a, a) = %v, want 1", r)
	}
	if r := Relatedness(a, same); r != Relatedness(same, a) {
		t.Errorf("not symmetric")
	}
	var m Matcher
	if got, want := Cosine(m.Vector(a), m.Vector(topic)), Relatedness(a, topic); got != want {
		t.Errorf("Cosine of vectors %v != Relatedness %v", got, want)
	}
	// A hand-built Doc (no NewDoc) still works.
	hand := Doc{Title: a.Title, TitleTokens: a.TitleTokens, Tokens: a.Tokens}
	if got := Relatedness(hand, same); got != rs {
		t.Errorf("hand-built doc relatedness %v, want %v", got, rs)
	}
}

func TestSameStoryYears(t *testing.T) {
	body := "Jessa Vane reported to the Corrow Lake Center in Palm Desert for a stay in rehab ordered by a judge, her lawyer said."
	tests := []struct {
		name   string
		a, b   string
		wantGE bool // similarity at or above the threshold
	}{
		{"same year", body + " The stay began in 2013.", body + " It is her third stay, in 2013.", true},
		{"no years", body, body + " It is her third stay.", true},
		{"one side names a year", body + " The stay began in 2013.", body, true},
		{"different years", body + " The stay began in 2013.", body + " It is her third stay, in 2010.", false},
	}
	m := Matcher{Threshold: 0.6, NearDuplicate: -1}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := m.SameStory(doc("Vane in rehab", tc.a), doc("Vane in rehab", tc.b)); got != tc.wantGE {
				t.Errorf("SameStory = %v, want %v", got, tc.wantGE)
			}
		})
	}
}

func TestMatchStory(t *testing.T) {
	withStory := func(d Doc, s int64) Doc { d.Story = s; return d }
	chile := withStory(doc("Quake kills 3 in northern Chile", quakeA1), 1)
	mexico := withStory(doc("Mexico quake kills 12", quakeB), 2)
	vane := withStory(doc("Jessa Vane checks into Corrow Lake", rehabB), 3)
	tests := []struct {
		name       string
		d          Doc
		candidates []Doc
		want       int
	}{
		{"no candidates", doc("x", quakeA2), nil, -1},
		{"joins its story", doc("6.1 quake shakes Chile, 3 dead", quakeA2), []Doc{mexico, vane, chile}, 2},
		{"new story", doc("Mara Quill enters rehab", rehabA), []Doc{mexico, vane, chile}, -1},
		{"near duplicate", doc("Quake in Chile", quakeA1), []Doc{mexico, chile}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := MatchStory(tc.d, tc.candidates); got != tc.want {
				t.Errorf("MatchStory = %d, want %d", got, tc.want)
			}
		})
	}
}

func TestKeyTerms(t *testing.T) {
	d := doc("Quake kills 3 in northern Chile", quakeA1)
	got := KeyTerms(d, 5)
	if len(got) != 5 {
		t.Fatalf("KeyTerms = %v, want 5 terms", got)
	}
	for _, w := range []string{"iquique", "chile"} {
		if !slices.Contains(got, w) {
			t.Errorf("KeyTerms = %v, want it to contain %q", got, w)
		}
	}
	if KeyTerms(d, 0) != nil {
		t.Error("KeyTerms(d, 0) != nil")
	}
	if n := len(KeyTerms(Doc{}, 3)); n != 0 {
		t.Errorf("KeyTerms of an empty doc has %d terms", n)
	}
}

func TestCorpusIDF(t *testing.T) {
	docs := []Doc{doc("Chile quake", quakeA1), doc("Chile quake", quakeA2), doc("Mexico quake", quakeB)}
	idf := CorpusIDF(docs)
	if !(idf("iquique") > idf("quake")) {
		t.Errorf("idf(iquique)=%v should exceed idf(quake)=%v", idf("iquique"), idf("quake"))
	}
	if !(idf("absent") > idf("iquique")) {
		t.Errorf("absent term should weigh most")
	}
}

func BenchmarkFingerprint(b *testing.B) {
	tokens := toks(strings.Repeat(quakeA1+" "+quakeB+" ", 6)) // ~1,000 words
	b.ReportAllocs()
	for b.Loop() {
		Fingerprint(tokens)
	}
}

func BenchmarkSameStory(b *testing.B) {
	x := doc("Quake kills 3 in northern Chile", strings.Repeat(quakeA1, 5))
	y := doc("6.1 quake shakes Chile, 3 dead", strings.Repeat(quakeA2, 5))
	b.ReportAllocs()
	for b.Loop() {
		SameStory(x, y)
	}
}

func BenchmarkMatchStory(b *testing.B) {
	bodies := []string{quakeA1, quakeB, rehabA, rehabB}
	cands := make([]Doc, 20)
	for i := range cands {
		cands[i] = doc("headline", strings.Repeat(bodies[i%4], 4))
		cands[i].Story = int64(i%4 + 1)
	}
	d := doc("6.1 quake shakes Chile, 3 dead", strings.Repeat(quakeA2, 4))
	b.ReportAllocs()
	for b.Loop() {
		MatchStory(d, cands)
	}
}

// TestNumbersAreNotNames checks that a shared number or year alone joins
// nothing, while it still counts between reports whose words agree.
func TestNumbersAreNotNames(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"Lumen Fest 2014 highlights", "The Voice 2014 premiere", false},
		{"Pop star turns 100", "FTSE 100 closes higher", false},
		{"Tesco reports 2013 profit", "Intel 2013 revenue beats forecasts", false},
		{"Quake of magnitude 7.1 kills 40 in Chile", "Chile quake: 40 dead after magnitude 7.1 tremor", true},
	} {
		a, b := docText(tc.a, ""), docText(tc.b, "")
		if got := SameStory(a, b); got != tc.want {
			t.Errorf("SameStory(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
		if got := MatchStory(b, []Doc{withStory(a, 1)}); (got == 0) != tc.want {
			t.Errorf("MatchStory(%q, [%q]) = %d, want joined %v", tc.b, tc.a, got, tc.want)
		}
	}
	// A year in common is no entity.
	if e := Entities("Talks resume", "Officials met in Geneva in 2014 to sign the deal."); slices.Contains(e, "2014") {
		t.Errorf("Entities = %q: a year counted as a name", e)
	}
}

// TestShortDocumentJoinsItsStory checks that a headline alone joins the
// story whose reports share its words as a whole, though it shares little
// with any one of them, and not a story that shares only a common word.
func TestShortDocumentJoinsItsStory(t *testing.T) {
	story := []Doc{
		withStory(docText("Brandt talks to Lumen Fest from Norway", ""), 1),
		withStory(docText("Orla Brandt says spy agency bugging broke the web", ""), 1),
		withStory(docText("Spy agency whistleblower Brandt talks by video link at festival", ""), 1),
		withStory(docText("Shares slide after soft German factory figures", ""), 2),
	}
	if got := MatchStory(docText("Brandt at Lumen Fest: spy agency bugging has backfired", ""), story); got < 0 || story[got].Story != 1 {
		t.Errorf("MatchStory = %d, want a candidate of story 1", got)
	}
	if got := MatchStory(docText("Video: how to talk to your kids about money", ""), story); got >= 0 {
		t.Errorf("MatchStory = %d (story %d), want a new story", got, story[got].Story)
	}
}

func withStory(d Doc, s int64) Doc {
	d.Story = s
	return d
}

func TestMatchStoryGroups(t *testing.T) {
	story := func(s int64, titles ...string) []Doc {
		var out []Doc
		for _, ti := range titles {
			d := doc(ti, "")
			d.Story = s
			out = append(out, d)
		}
		return out
	}
	d := doc("Ferry strike enters third week despite talks", "")
	cands := append(story(1, "Ferry crews extend walkout into a new month"),
		story(2, "Ferry services halt in thick fog")...)
	ferry := story(1, "Ferry strike enters third week", "Despite talks, ferry strike enters week 3",
		"Three weeks of the ferry strike", "Where next for commuters as the ferry strike enters a third week?")
	fog := story(2, "Thick fog halts harbour shipping", "Fog strands cargo ships at anchor",
		"Ferry services stop as fog thickens")
	var movedOn []Doc // a story that has moved on to other words, many reports
	for range 3 {
		movedOn = append(movedOn, story(1, "Thick fog halts harbour shipping", "Fog strands ships at anchor",
			"Shipping stops as fog thickens", "Grain exports slip on fog delays",
			"Fog delays weigh on grain exports", "Port fees rise after fog delays",
			"Coastal trade stalls in fog", "Fog closes harbour mouth",
			"Grain at three-month low on fog delays", "Fog delays hit coastal trade")...)
	}
	tests := []struct {
		name    string
		d       Doc
		cands   []Doc
		members []Doc
		want    int64 // story joined, 0 for none
	}{
		{"no members: a story of one report shares one word", d, cands, nil, 0},
		{"no members: the candidates' stories as a whole", d,
			append(story(1, "Ferry walkout drags into a new month", "Ferry strike enters third week"), cands[1]), nil, 1},
		{"one report sharing two words", d, story(1, "Ferry strike drags into a new month"), nil, 1},
		{"the story as a whole shares the headline's words", d, cands, append(slices.Clone(ferry), fog...), 1},
		{"a story that shares one word is no match", d, cands[1:], fog, 0},
		// A story whose reports have moved on from the one d is close to.
		{"close to one report, the story moved on", d, story(1, "Ferry strike enters third week despite talks, union says"),
			movedOn, 1},
		// Numbers the story lacks do not count against it as a whole.
		{"numbers the story lacks", doc("Ferry strike enters third week, 2014 losses 11.5%, despite talks", ""),
			cands, append(slices.Clone(ferry), fog...), 1},
		{"a long document is matched as by MatchStory", doc("Ferry strike enters third week despite talks",
			strings.Repeat("Commuters queued for buses as the operator and the union traded offers on pay, rosters and safety. ", 3)+
				"Some hoped for a deal by Friday; others saw the dispute running into the summer timetable."), cands, ferry, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			i := Matcher{}.MatchStoryGroups(tc.d, tc.cands, tc.members)
			all := append(slices.Clone(tc.cands), tc.members...)
			var got int64
			if i >= 0 {
				got = all[i].Story
			}
			if got != tc.want {
				t.Errorf("joined story %d, want %d", got, tc.want)
			}
		})
	}
}

// TestStoryIDF checks that a headline's words weigh by how few candidate
// stories use them, however many reports of one story repeat them.
func TestStoryIDF(t *testing.T) {
	var docs []Doc
	for range 10 { // one big story repeating its name
		docs = append(docs, withStory(doc("Pizzoni files for bankruptcy", ""), 1))
	}
	docs = append(docs, withStory(doc("Retailer files for bankruptcy once more", ""), 2),
		withStory(doc("Airline files for bankruptcy", ""), 3))
	w := sqrtStoryIDF(docs)
	weight := func(term string) float64 { return w(&termFreq{term: term}) }
	name, common := toks("Pizzoni")[0], toks("files")[0]
	if weight(name) <= weight(common) {
		t.Errorf("weight of %q (one story) %.3f <= weight of %q (all stories) %.3f", name, weight(name), common, weight(common))
	}
	if a, b := weight(toks("Airline")[0]), weight(name); math.Abs(a-b) > 1e-9 {
		t.Errorf("a word of a one-report story weighs %.3f, the name of a ten-report story %.3f: want the same", a, b)
	}
	if weight("unseen") <= weight(name) {
		t.Errorf("a word of no story weighs %.3f, not above %.3f", weight("unseen"), weight(name))
	}
}

// BenchmarkMatchStoryMany matches a document against 20 candidates as
// ingest does at 100,000 stored articles: some 130 distinct terms each,
// about 60% of all the terms distinct (a shared topic, each report's own
// words).
func BenchmarkMatchStoryMany(b *testing.B) {
	word := func(i int) string { return "w" + strconv.Itoa(i) }
	docOf := func(seed int) Doc {
		var toks []string
		for i := range 60 {
			toks = append(toks, word((seed*7+i*3)%100), word((seed*7+i*3)%100))
		}
		for i := range 70 {
			toks = append(toks, word(100+(seed*977+i*131)%3000))
		}
		return NewDoc("headline", nil, toks, time.Time{})
	}
	cands := make([]Doc, 20)
	for i := range cands {
		cands[i] = docOf(i + 1)
		cands[i].Story = int64(i%4 + 1)
	}
	d := docOf(0)
	b.ReportAllocs()
	for b.Loop() {
		MatchStory(d, cands)
	}
}
