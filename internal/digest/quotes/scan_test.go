package quotes

import (
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/newsdigest/bot/internal/digest/text"
)

// TestLenFilterNeverRulesOutAMember checks the speech-verb prefilter: it
// may let non-members through but must never reject a word inSet accepts.
func TestLenFilterNeverRulesOutAMember(t *testing.T) {
	words := []string{"Said", "SAID", "told", "according", "Según", "AFIRMÓ", "x", ""}
	for k := range speechVerbs.words {
		words = append(words, k, strings.ToUpper(k), strings.ToUpper(k[:1])+k[1:])
	}
	for _, w := range words {
		if inSet(speechVerbs.words, w) && !speechVerbFilter.mayHave(w) {
			t.Errorf("mayHave(%q) = false for a speech verb", w)
		}
	}
	for _, w := range []string{"zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", "qq"} {
		if speechVerbFilter.mayHave(w) {
			t.Errorf("mayHave(%q) = true, want the filter to rule it out", w)
		}
	}
}

func TestEqualFoldASCIIMatchesEqualFold(t *testing.T) {
	words := []string{"to", "TO", "To", "tO", "t", "too", "according", "ACCORDING", "Accordin", "según", "SEGÚN", "ſegún", "Según", "segun", "\u212Ao", "tö", ""}
	for _, w := range words {
		for _, target := range []string{"to", "according"} {
			if got, want := equalFoldASCII(w, target), strings.EqualFold(w, target); got != want {
				t.Errorf("equalFoldASCII(%q, %q) = %v, want %v", w, target, got, want)
			}
		}
		if got, want := isSegun(w), strings.EqualFold(w, "según"); got != want {
			t.Errorf("isSegun(%q) = %v, want %v", w, got, want)
		}
	}
}

// TestCachedSetsAnswerAsInSet checks x.in against inSet for every cached
// set on the words of every set, and that each set has a bit of its own.
func TestCachedSetsAnswerAsInSet(t *testing.T) {
	if len(cachedSets) > 31 {
		t.Fatalf("%d cached sets, at most 31 fit the mask", len(cachedSets))
	}
	var words []string
	for w := range setBits {
		words = append(words, w, strings.ToUpper(w), strings.ToUpper(w[:1])+w[1:])
	}
	words = append(words, "x", "Zzz", "ÁRBOL")
	body := strings.Join(words, " ")
	x := &extractor{b: body}
	x.toks = tokenize(nil, body, 0, len(body))
	var seen uint32
	for k, set := range cachedSets {
		if set.bit == 0 || set.bit&(set.bit-1) != 0 || set.bit&(seen|maskFilled) != 0 {
			t.Fatalf("cachedSets[%d] has bit %b, want one bit of its own", k, set.bit)
		}
		seen |= set.bit
		for i := range x.toks {
			if got, want := x.in(set, i), inSet(set.words, x.word(i)); got != want {
				t.Errorf("set %d, word %q: in = %v, inSet = %v", k, x.word(i), got, want)
			}
		}
	}
}

// TestTokenUpper checks the upper-case flag tokenize sets on words.
func TestTokenUpper(t *testing.T) {
	b := `Él dijo: «Hola» a Ángela, the U.S. and élan; "Said" Zoë 3M ñu Ñu don’t don't anti-war caf` + "\xff" + `e.`
	for _, tk := range tokenize(nil, b, 0, len(b)) {
		w := b[tk.s:tk.e]
		r, _ := utf8.DecodeRuneInString(w)
		if want := tk.k == tWord && unicode.IsUpper(r); tk.up != want {
			t.Errorf("%q: up = %v, want %v", w, tk.up, want)
		}
		ascii := true
		for i := range len(w) {
			ascii = ascii && w[i] < utf8.RuneSelf
		}
		if want := tk.k == tWord && ascii; tk.ascii != want {
			t.Errorf("%q: ascii = %v, want %v", w, tk.ascii, want)
		}
	}
}

// TestWordSetWithoutBit: a wordSet declared with no bit of its own is still
// answered, by the plain lookup, rather than always false.
func TestWordSetWithoutBit(t *testing.T) {
	set := wordSet{words: map[string]bool{"zorblax": true}}
	x := newExtractor(&text.Document{Body: "The Zorblax said so", Lang: "en"})
	if !x.in(set, 1) || x.in(set, 0) {
		t.Errorf("in(set) = %v, %v; want true for Zorblax, false for The", x.in(set, 1), x.in(set, 0))
	}
}

// TestHasMark checks the early exit of Extract: it must see every mark
// markRune reads, whole, and nothing else.
func TestHasMark(t *testing.T) {
	tests := []struct {
		b    string
		want bool
	}{
		{"no marks — only a dash and ’apostrophes’", false},
		{"plain ASCII 'single' quotes", false},
		{`a "straight" quote`, true},
		{"a “curly” quote", true},
		{"only a closing ” mark", true},
		{"a low „mark", true},
		{"«guillemets»", true},
		{"only »", true},
		{"cut lead bytes \xe2\x80", false},
		{"cut lead byte \xc2", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := hasMark(tt.b); got != tt.want {
			t.Errorf("hasMark(%q) = %v, want %v", tt.b, got, tt.want)
		}
		marks := 0
		for i := range len(tt.b) {
			if m, _ := markRune(tt.b, i); m != mNone {
				marks++
			}
		}
		if tt.want != (marks > 0) {
			t.Errorf("%q: hasMark %v but markRune finds %d marks", tt.b, tt.want, marks)
		}
	}
}

// TestSameLower checks that sameLower is strings.ToLower(a) ==
// strings.ToLower(b), invalid UTF-8 and case mappings that change the
// byte length included.
func TestSameLower(t *testing.T) {
	words := []string{
		"", "a", "A", "abc", "ABC", "aBc", "ab", "Ärger", "ärger", "ÄRGER",
		"\u212a", "k", "K", "\u0130", "i", "I", "\xff", "\ufffd", "\xffa", "\ufffdA",
		"σ", "Σ", "ς", "Straße", "STRASSE", "“Yes.”", "“YES.”",
	}
	for _, a := range words {
		for _, b := range words {
			if got, want := sameLower(a, b), strings.ToLower(a) == strings.ToLower(b); got != want {
				t.Errorf("sameLower(%q, %q) = %v, want %v", a, b, got, want)
			}
		}
	}
}

// TestMayHoldHearsayCue: when it reports false, no hearsay cue can be in
// the lowered text, whatever the letter case or script around it.
func TestMayHoldHearsayCue(t *testing.T) {
	if !tailsOK {
		t.Error("a hearsay cue does not end in two plain ASCII letters and a space: every sentence is lowered")
	}
	for _, s := range []string{
		"According to Reuters", "ACCORDING TO X", "as reported by the BBC", "REPORTED BY", "Go to bed",
		"no cue here", "accordİng to", "\u212a to", "to", "by", "toy", "tó ", "", "x to",
	} {
		cue := false
		for _, c := range hearsayCues {
			cue = cue || strings.Contains(strings.ToLower(s), c)
		}
		if cue && !mayHoldHearsayCue(s) {
			t.Errorf("mayHoldHearsayCue(%q) = false, but the lowered text holds a cue", s)
		}
	}
	if mayHoldHearsayCue("no cue here") || !mayHoldHearsayCue("went TO bed") {
		t.Error("mayHoldHearsayCue: wrong answer on a plain case")
	}
}

// TestFieldsUpTo checks fieldsUpTo against strings.Fields: all fields, and
// the first ones, with Unicode spaces and invalid UTF-8.
func TestFieldsUpTo(t *testing.T) {
	for _, s := range []string{
		"", " ", "a", " a b  c ", "Smith and\tJones\n", "no\u00a0break", "next\u0085line",
		"thin\u2009space", "bad\xffbyte \xff x", "\xe2\x80 cut", "“Quoted,” said Ana Ruiz.",
	} {
		want := strings.Fields(s)
		if got := fieldsUpTo(nil, s, -1); !slices.Equal(got, want) {
			t.Errorf("fieldsUpTo(%q, -1) = %q, want %q", s, got, want)
		}
		for max := range 3 {
			w := want[:min(max, len(want))]
			if got := fieldsUpTo(nil, s, max); !slices.Equal(got, w) {
				t.Errorf("fieldsUpTo(%q, %d) = %q, want %q", s, max, got, w)
			}
		}
	}
}

// TestSpeechVerbPrefilter: speechVerbAt, which rules out most words before
// the full cue test, answers as cueAt does on every word of the testdata
// articles and of cue-laden sentences.
func TestSpeechVerbPrefilter(t *testing.T) {
	bodies := []string{
		"According to Reuters, Smith said it. Jones shot back, and Ruiz told The Associated Press she pointed out flaws, según Pérez.",
		"“We will win,” she told reporters. “No,” he fired back. Officials, according to the report, added nothing.",
	}
	for _, f := range []string{"testdata/ridgefield.txt", "testdata/valle.txt"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		bodies = append(bodies, string(b))
	}
	for _, body := range bodies {
		x := newExtractor(text.Analyze(body))
		for _, ln := range x.lines {
			for i := ln.t0; i < ln.t1; i++ {
				if !x.isWord(i) {
					continue
				}
				ok, last := x.speechVerbAt(i, ln.t1)
				wok, wlast := x.cueAt(i, ln.t1)
				if ok != wok || last != wlast {
					t.Errorf("%q: speechVerbAt = %v, %d; cueAt = %v, %d", x.word(i), ok, last, wok, wlast)
				}
			}
		}
	}
}

func TestGetLowerMatchesToLower(t *testing.T) {
	words := []string{"", "said", "Said", "SAID", "Según", "ÉL", "İstanbul", "a\xffB", "Kelvin\u212a",
		strings.Repeat("Ab", 20), "Spokeswoman", "x"}
	m := make(map[string]string)
	for _, w := range words {
		m[strings.ToLower(w)] = w
	}
	for _, w := range words {
		for _, q := range []string{w, strings.ToUpper(w)} {
			if got, want := getLower(m, q), m[strings.ToLower(q)]; got != want {
				t.Errorf("getLower(%q) = %q, want %q", q, got, want)
			}
		}
	}
}

func TestUpperWord(t *testing.T) {
	for _, w := range []string{"", "TRUMP", "Trump", "AFL-CIO", "U.S.", "ÉLYSÉE", "Élysée", "ß", "ǅ", "\xff", "123", "WASHINGTON—"} {
		if got, want := upperWord(w), strings.ToUpper(w) == w; got != want {
			t.Errorf("upperWord(%q) = %v, want %v", w, got, want)
		}
	}
}
