package summaries

import (
	"math"
	"sort"

	"github.com/newsdigest/bot/internal/digest/text"
)

// textRank is the classic TextRank sentence extractor (Mihalcea & Tarau,
// 2004), kept plain as a baseline: sentences are the nodes, the edge weight
// is the number of shared tokens divided by log|s1| + log|s2| (tokens are
// text.Tokens: stemmed, stop words removed; a repeated token counts once),
// weighted PageRank with d = 0.85 until the scores move less than 1e-6 (at
// most 100 rounds), then the n best sentences in article order.
func textRank(doc *text.Document, n int) []text.Sentence {
	sents := doc.Sentences
	if len(sents) <= n {
		return sents
	}
	tk := text.NewTokenizer(doc.Lang)
	sets := make([]map[string]bool, len(sents))
	for i, s := range sents {
		sets[i] = map[string]bool{}
		for _, t := range tk.Append(nil, doc.Text(s.Span)) {
			sets[i][t] = true
		}
	}
	w := make([][]float64, len(sents))
	out := make([]float64, len(sents))
	for i := range sents {
		w[i] = make([]float64, len(sents))
	}
	for i := range sents {
		for j := i + 1; j < len(sents); j++ {
			a, b := sets[i], sets[j]
			den := math.Log(float64(len(a))) + math.Log(float64(len(b)))
			if den <= 0 {
				continue
			}
			shared := 0
			for t := range a {
				if b[t] {
					shared++
				}
			}
			v := float64(shared) / den
			w[i][j], w[j][i] = v, v
			out[i] += v
			out[j] += v
		}
	}
	const d = 0.85
	score := make([]float64, len(sents))
	next := make([]float64, len(sents))
	for i := range score {
		score[i] = 1
	}
	for range 100 {
		delta := 0.0
		for i := range sents {
			sum := 0.0
			for j := range sents {
				if w[j][i] > 0 {
					sum += w[j][i] / out[j] * score[j]
				}
			}
			next[i] = 1 - d + d*sum
			delta = max(delta, math.Abs(next[i]-score[i]))
		}
		score, next = next, score
		if delta < 1e-6 {
			break
		}
	}
	idx := make([]int, len(sents))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return score[idx[a]] > score[idx[b]] })
	idx = idx[:n]
	sort.Ints(idx)
	picked := make([]text.Sentence, n)
	for k, i := range idx {
		picked[k] = sents[i]
	}
	return picked
}

// lead returns the first n sentences.
func lead(doc *text.Document, n int) []text.Sentence {
	return doc.Sentences[:min(n, len(doc.Sentences))]
}
