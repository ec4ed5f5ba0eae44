package quotes

import (
	"strings"
	"testing"
)

// TestLenFilterNeverRulesOutAMember checks the speech-verb prefilter: it
// may let non-members through but must never reject a word inSet accepts.
func TestLenFilterNeverRulesOutAMember(t *testing.T) {
	words := []string{"Said", "SAID", "told", "according", "Según", "AFIRMÓ", "x", ""}
	for k := range speechVerbs {
		words = append(words, k, strings.ToUpper(k), strings.ToUpper(k[:1])+k[1:])
	}
	for _, w := range words {
		if inSet(speechVerbs, w) && !speechVerbFilter.mayHave(w) {
			t.Errorf("mayHave(%q) = false for a speech verb", w)
		}
	}
	for _, w := range []string{"zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", "qq"} {
		if speechVerbFilter.mayHave(w) {
			t.Errorf("mayHave(%q) = true, want the filter to rule it out", w)
		}
	}
}
