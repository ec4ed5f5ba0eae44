package summary

// TEMPORARY tuning harness (deleted after tuning). Run with TUNE=1.

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/newsdigest/bot/internal/digest/text"
)

type tuneArt struct {
	Title   string   `json:"title"`
	Text    string   `json:"text"`
	Summary []string `json:"summary"`
}

type prepared struct {
	doc   *text.Document
	feats []sentFeat
	ref   []string
}

func tuneScore(c, r []string) [3]float64 {
	ct := toks(c)
	rt := toks(r)
	return [3]float64{ng(ct, rt, 1), ng(ct, rt, 2), lcs(flat(ct), flat(rt))}
}
func toks(s []string) [][]string {
	var o [][]string
	for _, x := range s {
		o = append(o, text.Words(x))
	}
	return o
}
func flat(x [][]string) []string {
	var o []string
	for _, s := range x {
		o = append(o, s...)
	}
	return o
}
func ng(c, r [][]string, n int) float64 {
	cnt := func(x [][]string) (map[string]int, int) {
		m := map[string]int{}
		t := 0
		for _, s := range x {
			for i := 0; i+n <= len(s); i++ {
				k := s[i]
				if n == 2 {
					k += " " + s[i+1]
				}
				m[k]++
				t++
			}
		}
		return m, t
	}
	cm, ctot := cnt(c)
	rm, rtot := cnt(r)
	if ctot == 0 || rtot == 0 {
		return 0
	}
	m := 0
	for k, v := range cm {
		m += min(v, rm[k])
	}
	p, rr := float64(m)/float64(ctot), float64(m)/float64(rtot)
	if p+rr == 0 {
		return 0
	}
	return 200 * p * rr / (p + rr)
}
func lcs(a, b []string) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(prev[j+1], cur[j])
			}
		}
		prev, cur = cur, prev
	}
	l := float64(prev[len(b)])
	p, r := l/float64(len(a)), l/float64(len(b))
	if p+r == 0 {
		return 0
	}
	return 200 * p * r / (p + r)
}

func evalParams(ps []prepared, p *params) [3]float64 {
	var tot [3]float64
	for _, x := range ps {
		picked := pick(x.doc, x.feats, 3, p)
		var c []string
		for _, s := range picked {
			c = append(c, x.doc.Text(s.Span))
		}
		s := tuneScore(c, x.ref)
		for k := range tot {
			tot[k] += s[k]
		}
	}
	for k := range tot {
		tot[k] /= float64(len(ps))
	}
	return tot
}

func TestTune(t *testing.T) {
	if os.Getenv("TUNE") == "" {
		t.Skip()
	}
	f, _ := os.Open("/work/shared/eval/summaries/bbc-dev.jsonl")
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	var ps []prepared
	for sc.Scan() {
		var a tuneArt
		json.Unmarshal(sc.Bytes(), &a)
		d := text.Analyze(a.Text)
		ps = append(ps, prepared{d, analyse(d, a.Title), a.Summary})
	}
	p := defaultParams
	obj := func(s [3]float64) float64 { return s[0] + s[1] + s[2] }
	best := evalParams(ps, &p)
	fmt.Printf("start %+v %.2f\n", best, obj(best))
	fields := []struct {
		name string
		ptr  *float64
		step float64
		lo   float64
	}{
		{"first", &p.first, 0.25, 0.5}, 
		{"paraFirst", &p.paraFirst, 0.1, 0}, {"length", &p.length, 0.25, 0}, {"lengthCap", &p.lengthCap, 5, 10},
		{"cent", &p.cent, 0.25, 0}, {"rank", &p.rank, 0.25, 0}, {"title", &p.title, 0.2, 0},
		{"quoteOpen", &p.quoteOpen, 0.5, 0.5}, {"dup", &p.dup, 0.1, 0.4},
	}
	for round := 0; round < 4; round++ {
		improved := false
		for _, fl := range fields {
			for _, dir := range []float64{1, -1} {
				for {
					old := *fl.ptr
					*fl.ptr = old + dir*fl.step
					if *fl.ptr < fl.lo-1e-9 || fl.name == "dup" && *fl.ptr > 0.8 {
						*fl.ptr = old
						break
					}
					s := evalParams(ps, &p)
					if obj(s) > obj(best)+0.01 {
						best = s
						improved = true
						fmt.Printf("%s=%.3f -> %.2f %.2f %.2f\n", fl.name, *fl.ptr, s[0], s[1], s[2])
						continue
					}
					*fl.ptr = old
					break
				}
			}
		}
		if !improved {
			break
		}
		for i := range fields {
			fields[i].step /= 2
		}
	}
	fmt.Printf("final %+v\n%+v\n", best, p)
}
