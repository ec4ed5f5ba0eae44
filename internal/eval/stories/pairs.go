package stories

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/digest/similar"
)

// PairsPath holds pairs of real articles, one English and one Spanish,
// reporting the same event or different ones, relative to the shared
// directory.
const PairsPath = "eval/stories/en-es-pairs-dev.jsonl"

// PairsReport is the outcome of RunPairs: each pair ingested into an empty
// store, English then Spanish, through the production grouping.
type PairsReport struct {
	Path       string
	Same, Diff int      // pairs of each kind
	SameJoined int      // same-event pairs grouped into one story
	DiffJoined int      // different-event pairs grouped into one story (wrong)
	Wrong      []string // ids of the pairs grouped wrongly either way
}

type pairSide struct {
	Title string `json:"title"`
	Text  string `json:"text"`
	Date  string `json:"date"`
}

type pairRecord struct {
	ID   string   `json:"id"`
	Same bool     `json:"same_event"`
	EN   pairSide `json:"en"`
	ES   pairSide `json:"es"`
}

// RunPairs measures cross-language grouping on the pairs at path
// (relative to sharedDir when not absolute).
func RunPairs(ctx context.Context, sharedDir, path string) (PairsReport, error) {
	if path == "" {
		path = PairsPath
	}
	if !filepath.IsAbs(path) {
		path = filepath.Join(sharedDir, path)
	}
	f, err := os.Open(path)
	if err != nil {
		return PairsReport{}, fmt.Errorf("open pairs: %w", err)
	}
	defer f.Close()
	r := PairsReport{Path: path}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<16), 16<<20)
	for n := 1; sc.Scan(); n++ {
		if err := ctx.Err(); err != nil {
			return PairsReport{}, fmt.Errorf("pairs eval: %w", err)
		}
		var p pairRecord
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			return PairsReport{}, fmt.Errorf("decode %s line %d: %w", path, n, err)
		}
		o := newOnline(similar.DefaultMaxGap)
		// Undated sides take the other side's date, or none.
		en, es := pairDate(p.EN.Date, p.ES.Date), pairDate(p.ES.Date, p.EN.Date)
		o.ingest(digest.Article{Title: p.EN.Title, Body: p.EN.Text, Published: en, URL: "https://en.example/" + p.ID})
		_, joined := o.ingest(digest.Article{Title: p.ES.Title, Body: p.ES.Text, Published: es, URL: "https://es.example/" + p.ID})
		if p.Same {
			r.Same++
		} else {
			r.Diff++
		}
		switch {
		case joined && p.Same:
			r.SameJoined++
		case joined:
			r.DiffJoined++
			r.Wrong = append(r.Wrong, p.ID)
		case p.Same:
			r.Wrong = append(r.Wrong, p.ID)
		}
	}
	if err := sc.Err(); err != nil {
		return PairsReport{}, fmt.Errorf("read %s: %w", path, err)
	}
	if r.Same+r.Diff == 0 {
		return PairsReport{}, fmt.Errorf("read %s: no pairs", path)
	}
	return r, nil
}

func pairDate(own, other string) time.Time {
	for _, s := range []string{own, other} {
		if t, err := time.Parse(time.DateOnly, s); err == nil {
			return t.Add(12 * time.Hour)
		}
	}
	return time.Time{}
}

// Format writes the report.
func (r PairsReport) Format(w io.Writer) {
	fmt.Fprintf(w, "%s: each pair ingested into an empty store, English then Spanish\n", filepath.Base(r.Path))
	fmt.Fprintf(w, "same-event pairs joined:      %d of %d\n", r.SameJoined, r.Same)
	fmt.Fprintf(w, "different-event pairs joined: %d of %d\n", r.DiffJoined, r.Diff)
	if len(r.Wrong) > 0 {
		fmt.Fprintf(w, "wrong: %v\n", r.Wrong)
	}
}
