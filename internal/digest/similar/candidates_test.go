package similar

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestCandidateDocs(t *testing.T) {
	t0 := time.Date(2014, 3, 10, 12, 0, 0, 0, time.UTC)
	sig := func(id, story int64, lang string) StoredSignature {
		d := langDoc(lang, "Quake kills 3", quakeA1)
		return StoredSignature{ArticleID: id, StoryID: story, Published: t0.Add(time.Duration(id) * time.Minute), Data: d.AppendSignature(nil)}
	}
	en := langDoc("en", "Quake kills 3", quakeA1)
	// ids 3 and 1 found by key terms, 7, 8 and 9 by index keys alone.
	ids, byTerms := []int64{3, 1, 7, 8, 9}, 2
	for _, tc := range []struct {
		name     string
		sigs     []StoredSignature
		wantRead []int64
		wantBad  []int64
	}{
		{"ranked order, key-only candidates of another language kept",
			[]StoredSignature{sig(9, 90, "es"), sig(1, 10, "en"), sig(8, 80, "en"), sig(3, 30, "en"), sig(7, 70, "")},
			[]int64{3, 1, 9}, nil},
		{"a bad signature left out and reported",
			[]StoredSignature{sig(1, 10, "en"), {ArticleID: 3, StoryID: 30, Data: []byte{9, 9}}},
			[]int64{1}, []int64{3}},
		{"a bad key-only signature of no known language is not parsed",
			[]StoredSignature{{ArticleID: 8, StoryID: 80, Data: []byte{9, 9}}},
			nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var bad []int64
			cands, read := CandidateDocs(en, ids, byTerms, tc.sigs, func(s StoredSignature, err error) {
				if !errors.Is(err, ErrSignature) {
					t.Errorf("bad %d: %v, want ErrSignature", s.ArticleID, err)
				}
				bad = append(bad, s.ArticleID)
			})
			if !slices.Equal(read, tc.wantRead) || !slices.Equal(bad, tc.wantBad) {
				t.Fatalf("read %v, bad %v; want %v, %v", read, bad, tc.wantRead, tc.wantBad)
			}
			for i, c := range cands {
				if c.Story != 10*read[i] || !c.Published.Equal(t0.Add(time.Duration(read[i])*time.Minute)) {
					t.Errorf("candidate %d: story %d, published %v", read[i], c.Story, c.Published)
				}
			}
		})
	}
}

func TestMemberDocs(t *testing.T) {
	t0 := time.Date(2014, 3, 10, 12, 0, 0, 0, time.UTC)
	data := langDoc("en", "Quake kills 3", quakeA1).AppendSignature(nil)
	sig := func(id, story int64, minute int) StoredSignature {
		return StoredSignature{ArticleID: id, StoryID: story, Published: t0.Add(time.Duration(minute) * time.Minute), Data: data}
	}
	sigs := []StoredSignature{sig(1, 10, 1), sig(2, 20, 5), sig(3, 10, 3), sig(4, 20, 5), sig(5, 10, 2), {ArticleID: 6, StoryID: 20, Data: []byte{1}}}
	var bad []int64
	// Story 20 first (its candidate ranked first); article 3 already compared.
	got := MemberDocs([]int64{20, 10}, []int64{3}, sigs, func(s StoredSignature, _ error) { bad = append(bad, s.ArticleID) })
	var stories []int64
	var minutes []int
	for _, m := range got {
		stories = append(stories, m.Story)
		minutes = append(minutes, int(m.Published.Sub(t0)/time.Minute))
	}
	// Newest first within a story; equal times: the higher id (4, then 2).
	if want := []int64{20, 20, 10, 10}; !slices.Equal(stories, want) {
		t.Errorf("stories %v, want %v", stories, want)
	}
	if want := []int{5, 5, 2, 1}; !slices.Equal(minutes, want) {
		t.Errorf("minutes %v, want %v", minutes, want)
	}
	if sigs[0].ArticleID != 4 || sigs[1].ArticleID != 2 {
		t.Errorf("sigs sorted as %d, %d first; want 4, 2", sigs[0].ArticleID, sigs[1].ArticleID)
	}
	if !slices.Equal(bad, []int64{6}) {
		t.Errorf("bad %v, want [6]", bad)
	}
	if got := DocStories(got); !slices.Equal(got, []int64{20, 10}) {
		t.Errorf("DocStories = %v, want [20 10]", got)
	}
}

func TestCandidateIDs(t *testing.T) {
	short := doc("Bull market turns five", "")
	long := doc("Bull market turns five", strings.Repeat("Investors cheered record highs for the index as analysts debated valuations, earnings and rates. ", 3)+
		"Some feared a correction; others saw room for gains in banks, energy and technology shares this year.")
	if !ShortDoc(short) || ShortDoc(long) {
		t.Fatal("want one short and one long document")
	}
	// Key-term lists (1 and 2 in every list, the best, then one list each
	// for the others; ties go to the higher id), then one index-key list.
	var matches [][]int64
	for i := range 3 {
		m := []int64{1, 2}
		for id := int64(3); id < 3+int64(StoryGroupCandidates)+10; id++ {
			if int(id)%3 == i {
				m = append(m, id)
			}
		}
		matches = append(matches, m)
	}
	matches = append(matches, []int64{1, 999})
	const keys = 1
	if pool := CandidatePool(long, matches, keys); pool != nil {
		t.Errorf("CandidatePool(long) = %v, want nil", pool)
	}
	ids, byTerms := CandidateIDs(long, matches, keys, nil, nil)
	if byTerms != StoryCandidates || ids[len(ids)-1] != 999 {
		t.Errorf("long: byTerms %d, ids %v; want %d by terms, then the key candidate", byTerms, ids, StoryCandidates)
	}
	pool := CandidatePool(short, matches, keys)
	if len(pool) < StoryGroupCandidates+10 || !slices.Equal(pool[:2], []int64{2, 1}) {
		t.Fatalf("CandidatePool(short) = %v", pool)
	}
	// Articles 1 to 10 are of story 100, the rest of their own stories,
	// but for two of the best, unknown to stories (no signature stored).
	stories := map[int64]int64{}
	for _, id := range pool {
		stories[id] = 1000 + id
	}
	for id := int64(1); id <= 10; id++ {
		stories[id] = 100
	}
	unknown := []int64{pool[2], pool[3]}
	if unknown[0] <= 10 || unknown[1] <= 10 {
		t.Fatalf("CandidatePool(short) = %v: want ids above 10 third and fourth", pool)
	}
	for _, id := range unknown {
		delete(stories, id)
	}
	ids, byTerms = CandidateIDs(short, matches, keys, pool, stories)
	if byTerms != StoryGroupCandidates {
		t.Errorf("short: byTerms %d, want %d", byTerms, StoryGroupCandidates)
	}
	per := map[int64]int{}
	for _, id := range ids[:byTerms] {
		if st, ok := stories[id]; ok {
			per[st]++
		}
	}
	if per[100] != StoryCandidatesPerStory || ids[0] != 2 {
		t.Errorf("short: %d candidates of story 100 (first %d), want %d, the best first", per[100], ids[0], StoryCandidatesPerStory)
	}
	for _, id := range unknown {
		if slices.Contains(ids, id) {
			t.Errorf("short: ids %v hold %d, which has no stored signature", ids, id)
		}
	}
	if !slices.Equal(ids[byTerms:], []int64{999}) {
		t.Errorf("short: key candidates %v, want [999]", ids[byTerms:])
	}
}
