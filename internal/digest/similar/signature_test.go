package similar

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestSignatureRoundTrip(t *testing.T) {
	docs := []Doc{
		docText("Quake kills 3 in northern Chile", quakeA1),
		docText("Iquique quake: three dead, 200 homes damaged", quakeA2),
		docText("Mexico quake topples 400 buildings in Oaxaca", quakeB),
		docText("Mara Quill checks into rehab", rehabA),
		docText("", ""),
		docText("Title only, 2013", ""),
	}
	for i, d := range docs {
		sig := d.AppendSignature(nil)
		got, err := ParseSignature(sig)
		if err != nil {
			t.Fatalf("doc %d: %v", i, err)
		}
		if got.Fingerprint != d.Fingerprint || !slices.Equal(got.Entities, d.Entities) {
			t.Errorf("doc %d: fingerprint/entities %x %q, want %x %q", i, got.Fingerprint, got.Entities, d.Fingerprint, d.Entities)
		}
		if !slices.Equal(got.terms, d.termList()) {
			t.Errorf("doc %d: terms differ after a round trip:\n got %v\nwant %v", i, got.terms, d.termList())
		}
		// Compared with every other document, the parsed doc scores
		// exactly as the original.
		for j, o := range docs {
			if a, b := Relatedness(d, o), Relatedness(got, o); a != b {
				t.Errorf("Relatedness(doc %d, doc %d) = %v, from the signature %v", i, j, a, b)
			}
			if a, b := SameStory(d, o), SameStory(got, o); a != b {
				t.Errorf("SameStory(doc %d, doc %d) = %v, from the signature %v", i, j, a, b)
			}
		}
	}
	// MatchStory over parsed candidates picks what it picks over the
	// originals.
	parsed := make([]Doc, len(docs))
	for i, d := range docs {
		var err error
		if parsed[i], err = ParseSignature(d.AppendSignature(nil)); err != nil {
			t.Fatal(err)
		}
		parsed[i].Story, docs[i].Story = int64(i+1), int64(i+1)
	}
	for i, d := range docs {
		others := slices.Delete(slices.Clone(docs), i, i+1)
		othersParsed := slices.Delete(slices.Clone(parsed), i, i+1)
		if a, b := MatchStory(d, others), MatchStory(d, othersParsed); a != b {
			t.Errorf("MatchStory(doc %d) = %d over the originals, %d over parsed signatures", i, a, b)
		}
	}
}

// TestSignatureLongSharedPrefixAtTheEnd checks a signature whose last
// term shares a prefix with the one before longer than the bytes left to
// read (the prefix is counted in the previous term).
func TestSignatureLongSharedPrefixAtTheEnd(t *testing.T) {
	d := NewDoc("", nil, []string{"internationalisation", "internationalist"}, time.Time{})
	got, err := ParseSignature(d.AppendSignature(nil))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.terms, d.termList()) {
		t.Errorf("terms %v, want %v", got.terms, d.termList())
	}
}

func TestParseSignatureRejects(t *testing.T) {
	good := docText("Quake kills 3 in northern Chile", quakeA1).AppendSignature(nil)
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"version only", []byte{1}},
		{"other version", append([]byte{3}, good[1:]...)},
		{"truncated", good[:len(good)-3]},
		{"trailing", append(slices.Clone(good), 0)},
		{"huge entity count", append(append([]byte{1}, make([]byte, 8)...), 0xff, 0xff, 0xff, 0xff, 0x0f)},
		{"zero count", []byte{1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 'a', 0}},
		{"prefix beyond previous", []byte{1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 3, 1, 'a', 1}},
		{"out of order", []byte{1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 1, 'b', 1, 0, 1, 'a', 1}},
		{"repeated term", []byte{1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 1, 'a', 1, 1, 0, 1}},
		{"too long", make([]byte, maxSignatureBytes+1)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := ParseSignature(tc.data); !errors.Is(err, ErrSignature) {
				t.Errorf("ParseSignature = %v, want ErrSignature", err)
			}
		})
	}
}

func FuzzParseSignature(f *testing.F) {
	f.Add(docText("Quake kills 3 in northern Chile", quakeA1).AppendSignature(nil))
	f.Add(docText("", "").AppendSignature(nil))
	f.Add([]byte{1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 'a', 1})
	f.Add([]byte("Quake " + strings.Repeat("x", 1025) + " kills 3\n" + strings.Repeat("Ab", 3000)))
	f.Fuzz(func(t *testing.T, data []byte) {
		// Whatever text a document is made of, its signature reads back
		// to the same document.
		title, body, _ := strings.Cut(string(data), "\n")
		checkRoundTrip(t, docText(title, body))
		checkRoundTrip(t, NewDoc(title, strings.Fields(title), strings.Fields(body), time.Time{}))

		d, err := ParseSignature(data)
		if err != nil {
			return
		}
		// What parses re-encodes to the same bytes (the encoding is
		// canonical; a version 1 signature is re-encoded as the current
		// version and reads back the same) and compares without panicking.
		again := d.AppendSignature(nil)
		if data[0] == signatureVersion && !slices.Equal(again, data) {
			t.Fatalf("re-encoded %x, want %x", again, data)
		}
		checkRoundTrip(t, d)
		Relatedness(d, d)
	})
}

// checkRoundTrip fails t unless d's signature parses back to d's
// fingerprint, entities and terms.
func checkRoundTrip(t *testing.T, d Doc) {
	t.Helper()
	got, err := ParseSignature(d.AppendSignature(nil))
	if err != nil {
		t.Fatalf("the signature of a document does not read back: %v", err)
	}
	if got.Fingerprint != d.Fingerprint || got.Lang != d.Lang || !slices.Equal(got.Entities, d.Entities) ||
		!slices.Equal(got.Keys, d.Keys) || !slices.Equal(got.terms, d.termList()) {
		t.Fatalf("round trip changed the document: entities %q, want %q", got.Entities, d.Entities)
	}
}

// TestSignatureHostileInput checks that documents made of hostile text (a
// word of over a kilobyte in the headline or body, a 2 MB body of distinct
// words) have signatures that read back: they used to be written and then
// refused on every read, which left the article out of grouping.
func TestSignatureHostileInput(t *testing.T) {
	var many strings.Builder
	for i := 0; many.Len() < 2<<20; i++ {
		fmt.Fprintf(&many, "w%dx ", i)
	}
	long := strings.Repeat("a", 1025)
	var caps strings.Builder
	for i := range 700 {
		fmt.Fprintf(&caps, "met Q%d ", i)
	}
	for _, tc := range []struct{ name, title, body string }{
		{"1,025-byte word in the body", "Quake kills 3", "Rescuers said " + long + " today."},
		{"5,000-letter word in the title", "Quake " + strings.Repeat("Q", 5000) + " kills 3", "Rescuers said."},
		{"capitalised long word in the lead", "quake", "Rescuers met " + strings.ToUpper(long[:1]) + long + " today."},
		{"2 MB body of distinct words", "Quake", many.String()},
		{"a lead of distinct capitalised words", "quake", caps.String()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkRoundTrip(t, docText(tc.title, tc.body))
			checkRoundTrip(t, NewDoc(tc.title, strings.Fields(tc.title), strings.Fields(tc.body), time.Time{}))
		})
	}
	// A Doc built by hand with outsized entities still writes a readable
	// signature (without them).
	d := docText("Quake kills 3", "")
	d.Entities = []string{strings.Repeat("e", 5000), "chile"}
	if _, err := ParseSignature(d.AppendSignature(nil)); err != nil {
		t.Errorf("hand-built entities: %v", err)
	}
}

// TestSignatureVersion1 checks that signatures written before the
// language and cross-language keys (version 1) are still read.
func TestSignatureVersion1(t *testing.T) {
	// Version 1 of a Doc with fingerprint 0x0102, entities "chile" and
	// "iquique", and terms "quake" (4) and "tsunami" (1).
	v1 := []byte{1, 2, 1, 0, 0, 0, 0, 0, 0,
		2, 5, 'c', 'h', 'i', 'l', 'e', 7, 'i', 'q', 'u', 'i', 'q', 'u', 'e',
		2, 0, 5, 'q', 'u', 'a', 'k', 'e', 4, 0, 7, 't', 's', 'u', 'n', 'a', 'm', 'i', 1}
	d, err := ParseSignature(v1)
	if err != nil {
		t.Fatal(err)
	}
	if d.Fingerprint != 0x0102 || !slices.Equal(d.Entities, []string{"chile", "iquique"}) || d.Lang != "" || d.Keys != nil {
		t.Errorf("parsed %x %q %q %q", d.Fingerprint, d.Entities, d.Lang, d.Keys)
	}
	if got := len(d.termList()); got != 2 {
		t.Errorf("%d terms, want 2", got)
	}
	checkRoundTrip(t, d)
}

func TestRankCandidates(t *testing.T) {
	for _, tc := range []struct {
		name    string
		matches [][]int64
		limit   int
		want    []int64
	}{
		{"none", nil, 5, []int64{}},
		{"zero limit", [][]int64{{1}}, 0, nil},
		// Term 0 is rare (one article), term 1 common: the article with
		// the rare term wins although the others match as many terms.
		{"rare term first", [][]int64{{7}, {9, 8, 7, 6, 5, 4}}, 3, []int64{7, 9, 8}},
		// More shared terms beat fewer; ties go to the newer id.
		{"more terms", [][]int64{{3, 2}, {3, 2, 1}, {3}}, 5, []int64{3, 2, 1}},
		{"limit", [][]int64{{5, 4, 3, 2, 1}}, 2, []int64{5, 4}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := RankCandidates(tc.matches, tc.limit)
			if len(got) != len(tc.want) || !slices.Equal(got, tc.want) {
				t.Errorf("RankCandidates = %v, want %v", got, tc.want)
			}
		})
	}
}

func BenchmarkParseSignature(b *testing.B) {
	d := docText("Quake kills 3 in northern Chile", quakeA1+" "+quakeA2+" "+quakeB+" "+rehabA+" "+rehabB)
	sig := d.AppendSignature(nil)
	b.ReportAllocs()
	b.SetBytes(int64(len(sig)))
	for b.Loop() {
		if _, err := ParseSignature(sig); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRankCandidates(b *testing.B) {
	// 20 terms, a few rare and most common, as a 72-hour window of a busy
	// store gives them: 4,000 matches.
	matches := make([][]int64, StoryQueryTerms)
	for i := range matches {
		n := 2 + i*i
		for j := range n {
			matches[i] = append(matches[i], int64(100000-j*(i+1)))
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		RankCandidates(matches, 20)
	}
}
