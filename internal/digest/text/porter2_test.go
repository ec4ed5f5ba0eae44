package text

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kljensen/snowball/english"
)

// stemCorpus builds words that exercise every step of the stemmer: roots
// combined with common English suffixes, plus the words of the fixture.
func stemCorpus(tb testing.TB) []string {
	roots := []string{
		"nation", "relat", "condition", "hope", "hop", "run", "fil", "agree", "feed", "bled",
		"sing", "happ", "cry", "say", "play", "generat", "communic", "arsen", "fall", "control",
		"rational", "sensit", "format", "electr", "hope", "formal", "goodness", "effect",
		"adjust", "depend", "adopt", "commun", "activ", "angular", "homolog", "analog", "vietnam",
		"ski", "dy", "ly", "sky", "by", "yell", "ay", "oy", "enjoy", "destroy", "employ", "luxur",
		"quick", "bright", "prob", "poss", "remark", "decis", "revis", "elect", "hyster", "fizz",
		"tap", "tip", "plan", "stop", "ring", "mat", "cat", "trouble", "able", "crisis", "bus",
		"gas", "us", "ss", "kiss", "caress", "pony", "ties", "cries", "eed", "ing", "x", "ox", "wax",
		"snow", "box", "cheer", "respons", "tradit", "logic", "geolog", "centr", "materi", "wall",
		"fill", "roll", "abl", "sens", "univers", "past", "organ", "emerg", "later", "yes", "you",
	}
	suffixes := []string{
		"", "s", "es", "ed", "ing", "ingly", "edly", "eed", "eedly", "ly", "ies", "ied", "y", "al",
		"ally", "ation", "ational", "ations", "ator", "ness", "ful", "fully", "fulness", "less",
		"lessly", "ive", "ively", "iveness", "ivity", "ize", "izer", "ization", "ism", "ist",
		"ity", "ality", "ibility", "ability", "able", "ably", "ible", "ence", "ency", "ance",
		"ancy", "ent", "ently", "ant", "ement", "ment", "ic", "ical", "ically", "icate", "icity",
		"ous", "ously", "ousness", "ogy", "er", "ers", "sion", "tion", "e", "le", "ll", "ate",
		"ative", "alize", "alism", "bli", "ogi", "li", "sses", "ss", "us", "at", "bl", "iz",
	}
	var words []string
	for _, r := range roots {
		for _, s := range suffixes {
			words = append(words, r+s)
		}
	}
	words = append(words, "skis", "skies", "dying", "lying", "tying", "idly", "gently", "ugly", "early",
		"only", "singly", "sky", "news", "howe", "atlas", "cosmos", "bias", "andes", "innings",
		"outings", "cannings", "herrings", "earrings", "proceeds", "exceeded", "succeeding")
	b, err := os.ReadFile("testdata/article.txt")
	if err != nil {
		tb.Fatal(err)
	}
	words = append(words, Words(string(b))...)
	return words
}

func TestStemEnglishMatches(t *testing.T) {
	words := stemCorpus(t)
	bad := 0
	for _, w := range words {
		w = strings.ToLower(w)
		if got, want := stemEnglish(w), english.Stem(w, true); got != want {
			t.Errorf("stemEnglish(%q) = %q, snowball gives %q", w, got, want)
			if bad++; bad > 20 {
				t.FailNow()
			}
		}
	}
}

func FuzzStemEnglish(f *testing.F) {
	for _, w := range []string{"generously", "communication", "hopping", "cries", "yyy", "ay", "sky", "résumé", "abc1"} {
		f.Add(w)
	}
	f.Fuzz(func(t *testing.T, w string) {
		w = strings.ToLower(strings.TrimSpace(w))
		if got, want := stemEnglish(w), english.Stem(w, true); got != want {
			t.Fatalf("stemEnglish(%q) = %q, snowball gives %q", w, got, want)
		}
	})
}

// TestStemEnglishMatchesEvalCorpora checks stemEnglish against the library
// on every distinct word of the evaluation corpora (BBC summaries, PolNeAR,
// ECB+), so that replacing one by the other cannot move an eval figure.
func TestStemEnglishMatchesEvalCorpora(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	dir := filepath.Dir(filepath.Dir(seedPath(t)))
	seen := map[string]bool{}
	for _, name := range []string{"summaries/bbc-dev.jsonl", "summaries/bbc-test.jsonl", "quotes/polnear-dev.jsonl", "stories/ecbplus.jsonl"} {
		b, err := os.ReadFile(filepath.Join(dir, "eval", name))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range Words(string(b)) {
			seen[w] = true
		}
	}
	bad := 0
	for w := range seen {
		if got, want := stemEnglish(w), english.Stem(w, true); got != want {
			t.Errorf("stemEnglish(%q) = %q, snowball gives %q", w, got, want)
			if bad++; bad > 20 {
				t.FailNow()
			}
		}
	}
	t.Logf("%d distinct words checked", len(seen))
}

func benchStemWords(b *testing.B) []string {
	var ws []string
	for _, w := range Words(loadArticle(b)) {
		if len(w) > 2 {
			ws = append(ws, w)
		}
	}
	return ws
}

// BenchmarkStemEnglish and BenchmarkStemSnowball stem every word of the
// fixture article, the first with our allocation-free port, the second with
// github.com/kljensen/snowball/english: the reason porter2.go exists.
func BenchmarkStemEnglish(b *testing.B) {
	ws := benchStemWords(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, w := range ws {
			stemEnglish(w)
		}
	}
}

func BenchmarkStemSnowball(b *testing.B) {
	ws := benchStemWords(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, w := range ws {
			english.Stem(w, true)
		}
	}
}
