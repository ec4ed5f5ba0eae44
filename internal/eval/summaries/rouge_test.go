package summaries

import (
	"math"
	"testing"
)

func TestRouge(t *testing.T) {
	tests := []struct {
		name      string
		cand, ref []string
		want      Scores
	}{
		{"identical", []string{"The cat sat."}, []string{"the cat sat"}, Scores{100, 100, 100}},
		{"empty candidate", nil, []string{"the cat"}, Scores{}},
		// cand: the cat sat on the mat (6), ref: the cat lay on the mat (6)
		// unigrams: the×2, cat, on, mat match = 5 → P=R=5/6.
		// bigrams: "the cat", "on the", "the mat" = 3 of 5 → 0.6.
		// LCS: the cat on the mat = 5 → 5/6.
		{"partial", []string{"The cat sat on the mat."}, []string{"The cat lay on the mat."}, Scores{500.0 / 6, 60, 500.0 / 6}},
		// bigrams never cross sentence boundaries; the LCS runs over the whole
		// token sequences ("b c").
		{"sentence boundary", []string{"a b", "c d"}, []string{"b c"}, Scores{R1: 2 * 0.5 * 1 / 1.5 * 100, R2: 0, RL: 2 * 0.5 * 1 / 1.5 * 100}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := rouge(tt.cand, tt.ref)
			for _, c := range []struct {
				name      string
				got, want float64
			}{{"R1", got.R1, tt.want.R1}, {"R2", got.R2, tt.want.R2}, {"RL", got.RL, tt.want.RL}} {
				if math.Abs(c.got-c.want) > 1e-9 {
					t.Errorf("%s = %.4f, want %.4f", c.name, c.got, c.want)
				}
			}
		})
	}
}
