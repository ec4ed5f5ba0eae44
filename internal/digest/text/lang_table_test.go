package text

import "testing"

// TestFunctionWordTable checks the hashed table against the map it is
// built from, for every function word and for words that are not ones.
func TestFunctionWordTable(t *testing.T) {
	get := func(w string) uint8 {
		h := uint32(fnTableSeed)
		for k := 0; k < len(w); k++ {
			h = (h ^ uint32(w[k])) * fnTablePrime
		}
		return functionWordTable.get([]byte(w), h)
	}
	if 2*len(functionWords) > fnTableSize {
		t.Fatalf("%d function words: the table needs at least twice as many slots", len(functionWords))
	}
	for w, p := range functionWords {
		if got := get(w); got != p {
			t.Errorf("get(%q) = %b, want %b", w, got, p)
		}
	}
	for _, w := range []string{"", "thee", "x", "news", "über", "dijeron"} {
		if got := get(w); got != functionWords[w] {
			t.Errorf("get(%q) = %b, want %b", w, got, functionWords[w])
		}
	}
}
