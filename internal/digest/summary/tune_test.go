package summary

// TEMPORARY tuning harness (deleted after tuning). Run with TUNE=1.

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"
	"testing"

	"github.com/newsdigest/bot/internal/digest/text"
)

type tArt struct {
	Title   string   `json:"title"`
	Text    string   `json:"text"`
	Summary []string `json:"summary"`
}

type tPrep struct {
	doc    *text.Document
	title  string
	feats  []sentFeat
	sw     [][]int32 // words of each sentence (global ids)
	ref    []int32
	ref1   map[uint64]int
	ref2   map[uint64]int
	ref2n  int
	label  []bool
	tfsum  []float64
}

var wid = map[string]int32{}

func wids(s string) []int32 {
	var o []int32
	for _, w := range text.Words(s) {
		id, ok := wid[w]
		if !ok {
			id = int32(len(wid))
			wid[w] = id
		}
		o = append(o, id)
	}
	return o
}

func eq(a, b []int32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func loadPrep(t *testing.T, split string) []*tPrep {
	f, err := os.Open("../../../../shared/eval/summaries/bbc-" + split + ".jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	var out []*tPrep
	for sc.Scan() {
		var a tArt
		if json.Unmarshal(sc.Bytes(), &a) != nil {
			continue
		}
		p := &tPrep{doc: text.Analyze(a.Text), title: a.Title}
		p.feats = analyse(p.doc, a.Title)
		var refs [][]int32
		p.ref1, p.ref2 = map[uint64]int{}, map[uint64]int{}
		for _, r := range a.Summary {
			w := wids(r)
			refs = append(refs, w)
			p.ref = append(p.ref, w...)
			for i := range w {
				p.ref1[uint64(w[i])]++
				if i+1 < len(w) {
					p.ref2[uint64(w[i])<<32|uint64(w[i+1])]++
					p.ref2n++
				}
			}
		}
		for _, s := range p.doc.Sentences {
			w := wids(p.doc.Text(s.Span))
			p.sw = append(p.sw, w)
			l := false
			for _, r := range refs {
				if eq(r, w) {
					l = true
				}
			}
			p.label = append(p.label, l)
		}
		out = append(out, p)
	}
	return out
}

func (p *tPrep) rouge(picked []int) [3]float64 {
	var cand []int32
	c1, c2 := map[uint64]int{}, map[uint64]int{}
	n2 := 0
	for _, i := range picked {
		w := p.sw[i]
		cand = append(cand, w...)
		for k := range w {
			c1[uint64(w[k])]++
			if k+1 < len(w) {
				c2[uint64(w[k])<<32|uint64(w[k+1])]++
				n2++
			}
		}
	}
	f := func(c, r map[uint64]int, cn, rn int) float64 {
		if cn == 0 || rn == 0 {
			return 0
		}
		m := 0
		for k, v := range c {
			m += min(v, r[k])
		}
		pp, rr := float64(m)/float64(cn), float64(m)/float64(rn)
		if pp+rr == 0 {
			return 0
		}
		return 200 * pp * rr / (pp + rr)
	}
	var s [3]float64
	s[0] = f(c1, p.ref1, len(cand), len(p.ref))
	s[1] = f(c2, p.ref2, n2, p.ref2n)
	a, b := cand, p.ref
	if len(a) > 0 && len(b) > 0 {
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
		pp, rr := l/float64(len(a)), l/float64(len(b))
		s[2] = 200 * pp * rr / (pp + rr)
	}
	return s
}

func evalAll(ps []*tPrep, sel func(p *tPrep) []int) [3]float64 {
	var tot [3]float64
	for _, p := range ps {
		picked := sel(p)
		sort.Ints(picked)
		s := p.rouge(picked)
		for k := range tot {
			tot[k] += s[k]
		}
	}
	for k := range tot {
		tot[k] /= float64(len(ps))
	}
	return tot
}

func topN(sc []float64, n int) []int {
	idx := make([]int, len(sc))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return sc[idx[a]] > sc[idx[b]] })
	return append([]int(nil), idx[:min(n, len(idx))]...)
}

func TestTune(t *testing.T) {
	if os.Getenv("TUNE") == "" {
		t.Skip()
	}
	ps := loadPrep(t, "dev")
	// label stats
	nl, ns := 0, 0
	for _, p := range ps {
		for _, l := range p.label {
			if l {
				nl++
			}
			ns++
		}
	}
	fmt.Printf("labels %d/%d = %.3f\n", nl, ns, float64(nl)/float64(ns))
	fmt.Println("current", evalAll(ps, func(p *tPrep) []int { return idxOf(p, pick(p.doc, p.feats, 3, &defaultParams)) }))
	fmt.Println("rank top3", evalAll(ps, func(p *tPrep) []int {
		sc := make([]float64, len(p.feats))
		for i := range sc {
			sc[i] = p.feats[i].rank
		}
		return topN(sc, 3)
	}))
	fmt.Println("oracle-label", evalAll(ps, func(p *tPrep) []int {
		sc := make([]float64, len(p.feats))
		for i := range sc {
			if p.label[i] {
				sc[i] = 1 + float64(p.feats[i].words)/1000
			}
		}
		return topN(sc, 3)
	}))
	_ = math.Log
}

func idxOf(p *tPrep, s []text.Sentence) []int {
	var o []int
	for _, x := range s {
		for i, y := range p.doc.Sentences {
			if x == y {
				o = append(o, i)
			}
		}
	}
	return o
}

func auc(ps []*tPrep, f func(p *tPrep, i int) float64) float64 {
	// per-article pairwise AUC averaged
	tot, n := 0.0, 0
	for _, p := range ps {
		for i := range p.label {
			if !p.label[i] {
				continue
			}
			for j := range p.label {
				if p.label[j] {
					continue
				}
				a, b := f(p, i), f(p, j)
				if a > b {
					tot++
				} else if a == b {
					tot += .5
				}
				n++
			}
		}
	}
	return tot / float64(n)
}

func TestFeat(t *testing.T) {
	if os.Getenv("TUNE") == "" {
		t.Skip()
	}
	ps := loadPrep(t, "dev")
	for _, p := range ps {
		tk := text.NewTokenizer(p.doc.Lang)
		var toks [][]int32
		tf := map[int32]float64{}
		for _, s := range p.doc.Sentences {
			x := tk.AppendIDs(nil, p.doc.Text(s.Span))
			toks = append(toks, x)
			for _, id := range x {
				tf[id]++
			}
		}
		mx := 0.0
		for _, v := range tf {
			mx = max(mx, v)
		}
		p.tfsum = make([]float64, len(toks))
		for i, x := range toks {
			for _, id := range x {
				p.tfsum[i] += tf[id] / mx
			}
		}
	}
	feats := map[string]func(p *tPrep, i int) float64{
		"rank":   func(p *tPrep, i int) float64 { return p.feats[i].rank },
		"cent":   func(p *tPrep, i int) float64 { return p.feats[i].cent },
		"words":  func(p *tPrep, i int) float64 { return float64(p.feats[i].words) },
		"nterms": func(p *tPrep, i int) float64 { return float64(len(p.feats[i].terms)) },
		"tfsum":  func(p *tPrep, i int) float64 { return p.tfsum[i] },
		"tfavg":  func(p *tPrep, i int) float64 { return p.tfsum[i] / float64(max(1, len(p.sw[i]))) },
		"pos":    func(p *tPrep, i int) float64 { return -float64(i) },
		"title":  func(p *tPrep, i int) float64 { return p.feats[i].title },
	}
	for name, f := range feats {
		fmt.Printf("%-8s auc %.3f  top3 %v\n", name, auc(ps, f), evalAll(ps, func(p *tPrep) []int {
			sc := make([]float64, len(p.feats))
			for i := range sc {
				sc[i] = f(p, i)
			}
			return topN(sc, 3)
		}))
	}
	// label rate by position
	for pos := 0; pos < 12; pos++ {
		a, b := 0, 0
		for _, p := range ps {
			if pos < len(p.label) {
				b++
				if p.label[pos] {
					a++
				}
			}
		}
		fmt.Printf("pos %d: %.2f\n", pos, float64(a)/float64(b))
	}
}

func pagerank(n int, sim func(i, j int) float64, iters int) []float64 {
	w := make([][]float64, n)
	out := make([]float64, n)
	for i := range w {
		w[i] = make([]float64, n)
	}
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			if i != j {
				w[i][j] = sim(i, j)
				out[i] += w[i][j]
			}
		}
	}
	sc := make([]float64, n)
	nx := make([]float64, n)
	for i := range sc {
		sc[i] = 1
	}
	for range iters {
		for i := 0; i < n; i++ {
			s := 0.0
			for j := 0; j < n; j++ {
				if w[j][i] > 0 {
					s += w[j][i] / out[j] * sc[j]
				}
			}
			nx[i] = 0.15 + 0.85*s
		}
		sc, nx = nx, sc
	}
	return sc
}

func setOf(x []int32) map[int32]int {
	m := map[int32]int{}
	for _, v := range x {
		m[v]++
	}
	return m
}

func TestSims(t *testing.T) {
	if os.Getenv("TUNE") == "" {
		t.Skip()
	}
	ps := loadPrep(t, "dev")
	type variant struct {
		name string
		toks func(p *tPrep, i int) []int32
		sim  func(a, b map[int32]int, la, lb int) float64
	}
	stem := func(p *tPrep, i int) []int32 {
		tk := text.NewTokenizer(p.doc.Lang)
		_ = tk
		var o []int32
		for _, x := range p.feats[i].terms {
			o = append(o, x.id)
		}
		return o
	}
	words := func(p *tPrep, i int) []int32 { return p.sw[i] }
	nostop := func(p *tPrep, i int) []int32 {
		var o []int32
		for _, w := range text.Words(p.doc.Text(p.doc.Sentences[i].Span)) {
			if !text.IsStopWord(w, "en") && len(w) > 1 {
				o = append(o, wid[w])
			}
		}
		return o
	}
	classic := func(a, b map[int32]int, la, lb int) float64 {
		c := 0
		for k := range a {
			if b[k] > 0 {
				c++
			}
		}
		d := math.Log(float64(len(a))) + math.Log(float64(len(b)))
		if d <= 0 {
			return 0
		}
		return float64(c) / d
	}
	classicLen := func(a, b map[int32]int, la, lb int) float64 {
		c := 0
		for k, v := range a {
			c += min(v, b[k])
		}
		d := math.Log(float64(la)) + math.Log(float64(lb))
		if d <= 0 {
			return 0
		}
		return float64(c) / d
	}
	nostopX := func(p *tPrep, i int) []int32 {
		var o []int32
		for _, w := range text.Words(p.doc.Text(p.doc.Sentences[i].Span)) {
			if !text.IsStopWord(w, "en") && len(w) > 1 && !(w[0] >= '0' && w[0] <= '9') {
				o = append(o, wid[w])
			}
		}
		return o
	}
	nostop1 := func(p *tPrep, i int) []int32 {
		var o []int32
		for _, w := range text.Words(p.doc.Text(p.doc.Sentences[i].Span)) {
			if !text.IsStopWord(w, "en") {
				o = append(o, wid[w])
			}
		}
		return o
	}
	_, _ = stem, words
	variants := []variant{
		{"nostopX classic", nostopX, classic},
		{"nostop1 classic", nostop1, classic},
		{"nostop classic", nostop, classic},
		{"nostop classicLen", nostop, classicLen},
	}
	for _, v := range variants {
		rank := map[*tPrep][]float64{}
		for _, p := range ps {
			n := len(p.sw)
			ms := make([]map[int32]int, n)
			ls := make([]int, n)
			for i := range ms {
				x := v.toks(p, i)
				ms[i] = setOf(x)
				ls[i] = len(x)
			}
			rank[p] = pagerank(n, func(i, j int) float64 { return v.sim(ms[i], ms[j], ls[i], ls[j]) }, 40)
		}
		f := func(p *tPrep, i int) float64 { return rank[p][i] }
		fmt.Printf("%-20s auc %.4f top3 %v\n", v.name, auc(ps, f), evalAll(ps, func(p *tPrep) []int { return topN(rank[p], 3) }))
	}
}

func TestGrid(t *testing.T) {
	if os.Getenv("TUNE") == "" {
		t.Skip()
	}
	ps := loadPrep(t, "dev")
	run := func(p params) [3]float64 {
		return evalAll(ps, func(a *tPrep) []int { return idxOf(a, pick(a.doc, a.feats, 3, &p)) })
	}
	base := params{rank: 1, dup: 0.6, minWords: 6, lengthCap: 36}
	fmt.Println("rank+constraints", run(base))
	b2 := base
	b2.dup = 2
	fmt.Println("rank no dup", run(b2))
	b2 = base
	b2.minWords = 0
	fmt.Println("rank minWords0", run(b2))
	for _, first := range []float64{-1, 0, 0.5, 0.7, 0.85} {
		for _, length := range []float64{0.45, 0.6} {
			for _, lc := range []float64{40, 48} {
				for _, cent := range []float64{0} {
					for _, ti := range []float64{0.05} {
						for _, q := range []float64{0.05} {
							p := base
							p.pair, p.length, p.lengthCap, p.cent, p.title, p.quoteOpen = first, length, lc, cent, ti, q
							r := run(p)
							fmt.Printf("first %.2f len %.2f cap %.0f cent %.2f title %.2f q %.2f | %.2f %.2f %.2f\n", first, length, lc, cent, ti, q, r[0], r[1], r[2])
						}
					}
				}
			}
		}
	}
}

