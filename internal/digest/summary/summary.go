// Package summary builds extractive summaries: it picks whole sentences of
// an analysed article (text.Document) without any trained model or network
// access. It is pure computation and must not import anything doing I/O.
package summary

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsdigest/bot/internal/digest/text"
)

// Extract returns up to n sentences of doc that summarise it, in article
// order. See ExtractWithTitle; Extract is the same without a headline.
func Extract(doc *text.Document, n int) []text.Sentence {
	return ExtractWithTitle(doc, "", n)
}

// ExtractWithTitle returns up to n sentences of doc that summarise it, in
// article order. Each is one of doc.Sentences, so its text is a verbatim
// span of doc.Body (use doc.Text or doc.Plain to show it). The headline,
// when given, helps rank sentences that tell the story it names.
//
// The result is deterministic. Sentences are scored by position (the lead
// counts most), length, centrality (similarity of stemmed tokens to the
// rest of the article, idf-weighted cosine) and overlap with the title;
// sentences that open with a quotation are demoted (the digest shows
// quotes separately). The best are taken greedily, skipping:
//   - fragments of fewer than 6 words, and headings (up to 20 words
//     without final punctuation, such as a headline repeated in the body);
//   - near-duplicates of a sentence already taken (cosine ≥ 0.6);
//   - sentences opening with a dangling reference ("He", "She", "It",
//     "This", "But", "However", "Also", "Él", "Sin embargo", "Pero"…),
//     unless it is the article's first sentence or the sentence just
//     before it is also taken, so that it still reads correctly.
//
// Fewer than n sentences are returned when the article has fewer usable
// ones; nil for n <= 0 or a nil or empty document.
func ExtractWithTitle(doc *text.Document, title string, n int) []text.Sentence {
	if doc == nil || n <= 0 || len(doc.Sentences) == 0 {
		return nil
	}
	f := analyse(doc, title)
	return pick(doc, f, n, &defaultParams)
}

// params are the scoring weights, tuned on the BBC dev split under
// constraints that keep the summary sensible for news (a bonus for the lead
// sentence, a penalty for sentences opening with a quotation).
type params struct {
	first, paraFirst  float64 // bonus for the first sentence, of the article / of a paragraph
	length, lengthCap float64 // weight of min(words, lengthCap)/lengthCap
	cent, rank, title float64 // weights of centrality, TextRank and title overlap
	quoteOpen         float64 // penalty for opening with a quotation mark
	dup               float64 // cosine at or above which a sentence is a near-duplicate
	minWords          int     // shorter sentences are fragments
}

var defaultParams = params{
	first: 0.5, paraFirst: 0.1,
	length: 2, lengthCap: 36,
	cent: 1.3, rank: 3.8, title: 0.15,
	quoteOpen: 0.5,
	dup:       0.6,
	minWords:  6,
}

// sentFeat holds what scoring needs about one sentence.
type sentFeat struct {
	words     int     // word count
	heading   bool    // short and without final punctuation: a headline or label
	cent      float64 // centrality, 0..1
	rank      float64 // TextRank score, 0..1
	title     float64 // share of title terms present, 0..1
	paraFirst bool
	quoteOpen bool // opens with a quotation mark
	dangling  bool // opens with a dangling reference
	terms     []term
	norm      float64
}

// term is one distinct token of a sentence with its idf weight.
type term struct {
	id     int32
	weight float64
}

// analyse computes the features of every sentence of doc.
func analyse(doc *text.Document, title string) []sentFeat {
	sents := doc.Sentences
	feats := make([]sentFeat, len(sents))
	tk := text.NewTokenizer(doc.Lang)
	all := make([]int32, 0, len(doc.Body)/8)
	bounds := make([]int, len(sents)+1)
	for i, s := range sents {
		txt := doc.Text(s.Span)
		start := len(all)
		all = tk.AppendIDs(all, txt)
		set := all[start:]
		slices.Sort(set)
		set = dedup(set)
		all = all[:start+len(set)]
		bounds[i+1] = len(all)
		f := &feats[i]
		f.words = countWords(txt)
		f.heading = f.words <= 20 && !endsSentence(txt)
		f.paraFirst = i == 0 || sents[i-1].Para != s.Para
		f.quoteOpen = opensWithQuote(txt)
		f.dangling = dangling(txt, doc.Lang)
	}
	vocab := tk.Terms()
	df := make([]int32, vocab)
	for _, id := range all {
		df[id]++
	}
	// idf-weighted term vectors.
	nDocs := float64(len(sents))
	idf := make([]float64, vocab)
	for id, c := range df {
		idf[id] = math.Log(1 + nDocs/float64(c))
	}
	terms := make([]term, len(all))
	for i := range feats {
		norm := 0.0
		ts := terms[bounds[i]:bounds[i+1]]
		for k, id := range all[bounds[i]:bounds[i+1]] {
			ts[k] = term{id: id, weight: idf[id]}
			norm += idf[id] * idf[id]
		}
		feats[i].terms = ts
		feats[i].norm = math.Sqrt(norm)
	}
	graph(feats, vocab)
	// Title overlap.
	if title != "" {
		tt := tk.AppendIDs(nil, title)
		if len(tt) > 0 {
			inTitle := make([]bool, tk.Terms())
			for _, id := range tt {
				inTitle[id] = true
			}
			for i := range feats {
				hit := 0
				for _, t := range feats[i].terms {
					if inTitle[t.id] {
						hit++
					}
				}
				feats[i].title = float64(hit) / float64(len(tt))
			}
		}
	}
	return feats
}

func dedup(s []int32) []int32 {
	if len(s) < 2 {
		return s
	}
	k := 1
	for i := 1; i < len(s); i++ {
		if s[i] != s[k-1] {
			s[k] = s[i]
			k++
		}
	}
	return s[:k]
}

// cosine is the idf-weighted cosine similarity of two sentences' term
// sets.
func cosine(a, b *sentFeat) float64 {
	if a.norm == 0 || b.norm == 0 {
		return 0
	}
	dot, _ := overlap(a, b)
	return dot / (a.norm * b.norm)
}

// edge is a weighted link to another sentence.
type edge struct {
	to int32
	w  float64
}

// graph sets the centrality and TextRank score of every sentence. The
// centrality is the sum of idf-weighted cosine similarities to the other
// sentences; TextRank is weighted PageRank (d = 0.85) over the classic
// similarity, shared terms / (log|a| + log|b|). Both are scaled to max 1.
func graph(feats []sentFeat, vocab int) {
	n := len(feats)
	if n == 0 {
		return
	}
	logLen := make([]float64, n)
	for i := range feats {
		logLen[i] = math.Log(float64(max(len(feats[i].terms), 1)))
	}
	adj := make([][]edge, n)
	out := make([]float64, n)
	dense := make([]float64, vocab) // term weights of sentence i
	for i := range feats {
		if feats[i].norm == 0 {
			continue
		}
		for _, t := range feats[i].terms {
			dense[t.id] = t.weight
		}
		for j := i + 1; j < n; j++ {
			dot, common := 0.0, 0
			for _, t := range feats[j].terms {
				if w := dense[t.id]; w != 0 {
					dot += w * t.weight
					common++
				}
			}
			if common == 0 {
				continue
			}
			c := dot / (feats[i].norm * feats[j].norm)
			feats[i].cent += c
			feats[j].cent += c
			den := logLen[i] + logLen[j]
			if den <= 0 {
				continue
			}
			v := float64(common) / den
			adj[i] = append(adj[i], edge{int32(j), v})
			adj[j] = append(adj[j], edge{int32(i), v})
			out[i] += v
			out[j] += v
		}
		for _, t := range feats[i].terms {
			dense[t.id] = 0
		}
	}
	for i := range out {
		if out[i] > 0 {
			out[i] = 1 / out[i]
		}
	}
	sc := make([]float64, n)
	next := make([]float64, n)
	for i := range sc {
		sc[i] = 1
	}
	for range 20 {
		delta := 0.0
		for i, es := range adj {
			sum := 0.0
			for _, e := range es {
				sum += e.w * out[e.to] * sc[e.to]
			}
			next[i] = 0.15 + 0.85*sum
			delta = max(delta, math.Abs(next[i]-sc[i]))
		}
		sc, next = next, sc
		if delta < 1e-3 {
			break
		}
	}
	maxC, maxR := 0.0, 0.0
	for i := range feats {
		maxC = max(maxC, feats[i].cent)
		maxR = max(maxR, sc[i])
	}
	for i := range feats {
		if maxC > 0 {
			feats[i].cent /= maxC
		}
		feats[i].rank = sc[i] / maxR
	}
}

// overlap returns the idf-weighted dot product and the number of shared
// terms of two sentences.
func overlap(a, b *sentFeat) (float64, int) {
	dot, n := 0.0, 0
	i, j := 0, 0
	for i < len(a.terms) && j < len(b.terms) {
		switch {
		case a.terms[i].id < b.terms[j].id:
			i++
		case a.terms[i].id > b.terms[j].id:
			j++
		default:
			dot += a.terms[i].weight * b.terms[j].weight
			n++
			i++
			j++
		}
	}
	return dot, n
}

// score is the desirability of sentence i.
func score(f *sentFeat, i int, p *params) float64 {
	s := 0.0
	if i == 0 {
		s += p.first
	}
	if f.paraFirst {
		s += p.paraFirst
	}
	s += p.length * math.Min(float64(f.words), p.lengthCap) / p.lengthCap
	s += p.cent*f.cent + p.rank*f.rank + p.title*f.title
	if f.quoteOpen {
		s -= p.quoteOpen
	}
	return s
}

// pick chooses up to n sentences greedily by score.
func pick(doc *text.Document, feats []sentFeat, n int, p *params) []text.Sentence {
	order := make([]int, 0, len(feats))
	scores := make([]float64, len(feats))
	for i := range feats {
		if feats[i].words < p.minWords || feats[i].heading {
			continue
		}
		scores[i] = score(&feats[i], i, p)
		order = append(order, i)
	}
	sort.SliceStable(order, func(a, b int) bool { return scores[order[a]] > scores[order[b]] })
	chosen := make([]bool, len(feats))
	var picked []int
	for progress := true; progress && len(picked) < n; {
		progress = false
		for _, i := range order {
			if chosen[i] || !eligible(feats, chosen, picked, i, p) {
				continue
			}
			chosen[i] = true
			picked = append(picked, i)
			progress = true
			break
		}
	}
	sort.Ints(picked)
	out := make([]text.Sentence, len(picked))
	for k, i := range picked {
		out[k] = doc.Sentences[i]
	}
	return out
}

// eligible reports whether sentence i may join the picked ones.
func eligible(feats []sentFeat, chosen []bool, picked []int, i int, p *params) bool {
	if feats[i].dangling && i > 0 && !chosen[i-1] {
		return false
	}
	for _, j := range picked {
		if cosine(&feats[i], &feats[j]) >= p.dup {
			return false
		}
	}
	return true
}

func countWords(s string) int {
	n := 0
	in := false
	for i := 0; i < len(s); {
		c := s[i]
		var w bool
		if c < utf8.RuneSelf {
			w = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			w = unicode.IsLetter(r) || unicode.IsDigit(r)
			i += size
		}
		if w && !in {
			n++
		}
		in = w
	}
	return n
}

// endsSentence reports whether s ends with terminal punctuation, possibly
// followed by closing quotes or brackets.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, "\"'”’»)] ")
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '.', '!', '?', '…':
		return true
	}
	return false
}

func opensWithQuote(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	switch r {
	case '"', '“', '‘', '«', '\'', '„':
		return true
	}
	return false
}

// dangling reports whether sentence s opens with a word that refers back
// to something it does not contain.
func dangling(s, lang string) bool {
	s = strings.TrimLeft(s, "\"“‘«'„(- ")
	e := 0
	for e < len(s) {
		r, size := utf8.DecodeRuneInString(s[e:])
		if !unicode.IsLetter(r) {
			break
		}
		e += size
	}
	first := strings.ToLower(s[:e])
	rest := strings.TrimLeft(s[e:], " ")
	second := rest
	if k := strings.IndexAny(rest, " ,.;:"); k >= 0 {
		second = rest[:k]
	}
	second = strings.ToLower(second)
	switch first {
	case "he", "she", "they", "it", "its", "his", "her", "their", "them", "him",
		"but", "however", "also", "and", "so", "yet", "still", "moreover", "furthermore",
		"besides", "thus", "therefore", "hence", "nevertheless", "nonetheless", "instead",
		"likewise", "similarly", "additionally", "otherwise", "such", "then", "though",
		"él", "ella", "ellos", "ellas", "pero", "además", "también", "asimismo", "entonces",
		"esto", "eso", "aquello", "sus", "no obstante":
		return true
	case "this", "that", "these", "those", "este", "esta", "estos", "estas", "ese", "esa", "esos", "esas":
		switch second {
		case "year", "week", "month", "season", "summer", "winter", "spring", "autumn", "weekend",
			"morning", "afternoon", "evening", "time", "year's", "week's", "año", "mes", "semana",
			"fin", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo":
			return false
		}
		return true
	case "sin":
		return second == "embargo"
	case "por":
		return second == "eso" || second == "ello" || second == "tanto"
	case "aun", "aún":
		return second == "así"
	case "in":
		return second == "addition"
	case "as":
		return second == "well" || second == "a" && strings.HasPrefix(strings.ToLower(rest), "a result")
	case "at":
		return strings.HasPrefix(strings.ToLower(rest), "the same time")
	case "on":
		return strings.HasPrefix(strings.ToLower(rest), "the other hand")
	}
	return false
}
