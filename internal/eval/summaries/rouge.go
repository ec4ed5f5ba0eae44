package summaries

import "github.com/newsdigest/bot/internal/digest/text"

// Scores holds ROUGE F1 values in percent.
type Scores struct {
	R1, R2, RL float64
}

// rouge scores a candidate summary against a reference, both given as
// lists of sentences.
//
// Exact choices: tokens are text.Words of each sentence (lowercased runs of
// letters and digits, no stemming, stop words kept); ROUGE-N counts clipped
// n-gram matches over the whole summary (n-grams do not cross sentence
// boundaries); ROUGE-L is the F1 of the longest common subsequence of the
// two whole token sequences, sentences concatenated in the order given (the
// candidate in article order, the reference in the order the dataset lists
// it), with β = 1. An empty side gives 0.
func rouge(cand, ref []string) Scores {
	ct, cs := tokenize(cand)
	rt, rs := tokenize(ref)
	return Scores{
		R1: 100 * ngramF1(ct, cs, rt, rs, 1),
		R2: 100 * ngramF1(ct, cs, rt, rs, 2),
		RL: 100 * lcsF1(ct, rt),
	}
}

// tokenize returns all tokens and, for each sentence, its start offset in
// that slice (plus a final entry: len(tokens)).
func tokenize(sents []string) ([]string, []int) {
	var toks []string
	starts := make([]int, 0, len(sents)+1)
	for _, s := range sents {
		starts = append(starts, len(toks))
		toks = text.AppendWords(toks, s)
	}
	return toks, append(starts, len(toks))
}

func ngrams(toks []string, starts []int, n int) (map[string]int, int) {
	m := make(map[string]int, len(toks))
	total := 0
	for k := 0; k+1 < len(starts); k++ {
		sent := toks[starts[k]:starts[k+1]]
		for i := 0; i+n <= len(sent); i++ {
			key := sent[i]
			for _, t := range sent[i+1 : i+n] {
				key += " " + t
			}
			m[key]++
			total++
		}
	}
	return m, total
}

func ngramF1(ct []string, cs []int, rt []string, rs []int, n int) float64 {
	cm, ctot := ngrams(ct, cs, n)
	rm, rtot := ngrams(rt, rs, n)
	if ctot == 0 || rtot == 0 {
		return 0
	}
	match := 0
	for g, c := range cm {
		match += min(c, rm[g])
	}
	return f1(float64(match)/float64(ctot), float64(match)/float64(rtot))
}

func lcsF1(a, b []string) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			switch {
			case a[i] == b[j]:
				cur[j+1] = prev[j] + 1
			case prev[j+1] >= cur[j]:
				cur[j+1] = prev[j+1]
			default:
				cur[j+1] = cur[j]
			}
		}
		prev, cur = cur, prev
	}
	l := float64(prev[len(b)])
	return f1(l/float64(len(a)), l/float64(len(b)))
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}
