package stories

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/newsdigest/bot/internal/digest/similar"
)

type xdoc struct {
	title, body []string
	story       string
}

type feat struct {
	full, lead map[string]float64
	nfull      float64
}

func tfmap(title, body []string, lead int, numBoost float64) map[string]float64 {
	c := map[string]float64{}
	for i, t := range body {
		if lead > 0 && i >= lead {
			break
		}
		if len(t) > 1 {
			c[t]++
		}
	}
	for _, t := range title {
		if len(t) > 1 {
			c[t] += 3
		}
	}
	for t, n := range c {
		v := 1 + math.Log(n)
		if t[0] >= '0' && t[0] <= '9' {
			v *= numBoost
		}
		c[t] = v
	}
	return c
}

func cos(a, b map[string]float64, idf func(string) float64) float64 {
	var dot, na, nb float64
	for t, x := range a {
		w := idf(t)
		x *= w
		na += x * x
		if y, ok := b[t]; ok {
			dot += x * y * w
		}
	}
	for t, y := range b {
		y *= idf(t)
		nb += y * y
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return dot / math.Sqrt(na*nb)
}

type variant struct {
	name     string
	lead     int     // lead tokens (0: none)
	wLead    float64 // weight of lead cosine
	numBoost float64
	agg      string // "mean", "max", "mix"
	alpha    float64
	thr      float64
	idfPow   float64
	yearPen  float64
}

func TestExplore(t *testing.T) {
	dir := sharedDir(t)
	docs, err := load(filepath.Join(dir, DataPath))
	if err != nil {
		t.Skip(err)
	}
	// retrieval ceiling
	for _, split := range []string{SplitTuned, SplitHeldOut} {
		sub := splitDocs(docs, split)
		x := newIndex()
		var pairs, inCands, docsWithEarlier, docsHit float64
		seen := map[string]int{}
		for _, ed := range sub {
			d := ed.doc
			hits := x.search(similar.KeyTerms(d, keyTerms), candidates)
			n := seen[ed.rec.Story]
			pairs += float64(n)
			hitSame := 0
			for _, p := range hits {
				if sub[p].rec.Story == ed.rec.Story {
					hitSame++
				}
			}
			inCands += float64(hitSame)
			if n > 0 {
				docsWithEarlier++
				if hitSame > 0 {
					docsHit++
				}
			}
			seen[ed.rec.Story]++
			d.Story = 1
			x.add(d)
		}
		fmt.Fprintf(os.Stderr, "%s: earlier same-story pairs among candidates %.3f; docs with an earlier same-story doc that retrieve one %.3f\n", split, inCands/pairs, docsHit/docsWithEarlier)
	}
}

type pre struct {
	full, lead map[string]float64
	years      map[string]bool
	story      string
}

func isYear(t string) bool {
	return len(t) == 4 && (t[:2] == "19" || t[:2] == "20") && t[2] >= '0' && t[2] <= '9' && t[3] >= '0' && t[3] <= '9'
}

func runVariant(sub []evalDoc, v variant, corpus bool) GroupingRow {
	ps := make([]pre, len(sub))
	for i, ed := range sub {
		ps[i] = pre{full: tfmap(ed.doc.TitleTokens, ed.doc.Tokens, 0, v.numBoost), lead: tfmap(ed.doc.TitleTokens, ed.doc.Tokens, v.lead, v.numBoost), story: ed.rec.Story, years: map[string]bool{}}
		for _, t := range ed.doc.Tokens {
			if isYear(t) {
				ps[i].years[t] = true
			}
		}
	}
	x := newIndex()
	out := make([]int64, len(sub))
	var next int64
	for i, ed := range sub {
		d := ed.doc
		var m similar.Matcher
		if corpus && len(x.docs) > 0 {
			m.IDF = x.idf
		}
		hits := x.search(m.KeyTerms(d, keyTerms), candidates)
		var idf func(string) float64
		if corpus {
			idf = func(t string) float64 { return math.Pow(x.idf(t), v.idfPow) }
		} else {
			df := map[string]int{}
			for t := range ps[i].full {
				df[t]++
			}
			for _, p := range hits {
				for t := range ps[p].full {
					df[t]++
				}
			}
			n := float64(len(hits) + 1)
			idf = func(t string) float64 { return math.Pow(1+math.Log((n+1)/(float64(df[t])+1)), v.idfPow) }
		}
		type st struct{ sum, top float64; n int; best int }
		stories := map[int64]*st{}
		for _, p := range hits {
			s := cos(ps[i].full, ps[p].full, idf)
			if v.wLead > 0 {
				s = (1-v.wLead)*s + v.wLead*cos(ps[i].lead, ps[p].lead, idf)
			}
			if v.yearPen > 0 && len(ps[i].years) > 0 && len(ps[p].years) > 0 {
				share := false
				for y := range ps[i].years {
					if ps[p].years[y] {
						share = true
					}
				}
				if !share {
					s *= 1 - v.yearPen
				}
			}
			k := out[p]
			a := stories[k]
			if a == nil {
				a = &st{top: -1}
				stories[k] = a
			}
			a.sum += s
			a.n++
			if s > a.top {
				a.top, a.best = s, p
			}
		}
		best, bs := int64(-1), v.thr
		for k, a := range stories {
			mean := a.sum / float64(a.n)
			var sc float64
			switch v.agg {
			case "mean":
				sc = mean
			case "max":
				sc = a.top
			default:
				sc = v.alpha*a.top + (1-v.alpha)*mean
			}
			if sc >= bs {
				best, bs = k, sc
			}
		}
		if best >= 0 {
			out[i] = best
		} else {
			next++
			out[i] = next
		}
		d.Story = out[i]
		x.add(d)
	}
	return scoreGrouping(sub, out)
}

func TestSweep(t *testing.T) {
	dir := sharedDir(t)
	docs, err := load(filepath.Join(dir, DataPath))
	if err != nil {
		t.Skip(err)
	}
	odd, even := splitDocs(docs, SplitTuned), splitDocs(docs, SplitHeldOut)
	var vs []variant
	for _, agg := range []string{"mean", "max", "mix"} {
		for _, lead := range []int{0, 40, 80} {
			for _, yp := range []float64{0, 0.5} {
				for _, ip := range []float64{1, 2} {
					vs = append(vs, variant{agg: agg, alpha: 0.5, lead: lead, wLead: map[bool]float64{true: 0, false: 0.5}[lead == 0], numBoost: 3, yearPen: yp, idfPow: ip})
				}
			}
		}
	}
	for _, corpus := range []bool{false, true} {
		for _, v := range vs {
			// tune threshold on odd: best recall with precision >= 0.955
			bestThr, bestR := 0.0, -1.0
			for thr := 0.10; thr < 0.7; thr += 0.02 {
				v.thr = thr
				r := runVariant(odd, v, corpus)
				if r.Precision >= 0.955 && r.Recall > bestR {
					bestThr, bestR = thr, r.Recall
				}
			}
			v.thr = bestThr
			ro, re := runVariant(odd, v, corpus), runVariant(even, v, corpus)
			fmt.Fprintf(os.Stderr, "corpus=%v agg=%-4s lead=%2d yp=%.1f ip=%.0f thr=%.2f  odd %.3f/%.3f  even %.3f/%.3f\n", corpus, v.agg, v.lead, v.yearPen, v.idfPow, v.thr, ro.Precision, ro.Recall, re.Precision, re.Recall)
		}
	}
}
