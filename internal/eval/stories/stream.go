package stories

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/digest/similar"
	"github.com/newsdigest/bot/internal/digest/text"
)

// StreamPath is the headline stream (UCI News Aggregator, Google News
// story clusters as the truth) relative to the shared directory.
const StreamPath = "eval/stories/uci-dev.jsonl"

// StreamReport is the outcome of RunStream: pair-counting precision,
// recall and F1 of the online grouping (as ingest groups a feed) and of a
// single-pass TF-IDF cosine clusterer whose one threshold is tuned on the
// same stream.
type StreamReport struct {
	Path    string
	Items   int
	Stories int
	Ours    GroupingRow
	// PerArticle is Ours with every document matched by
	// similar.Matcher.MatchStory alone, as ingest did before it read
	// story members for headlines (issue 13).
	PerArticle GroupingRow
	Baseline   GroupingRow
	Threshold  float64 // the baseline's best threshold
	Elapsed    time.Duration
}

type streamRecord struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Publisher string `json:"publisher"`
	URL       string `json:"url"`
	Published string `json:"published"`
	Story     string `json:"story"`
	published time.Time
}

// RunStream ingests the headline stream at path (relative to sharedDir
// when not absolute) in publication order, headline only, as the bot
// ingests a feed, and scores the grouping beside the baseline.
func RunStream(ctx context.Context, sharedDir, path string) (StreamReport, error) {
	start := time.Now()
	path, recs, err := resolveStream(sharedDir, path)
	if err != nil {
		return StreamReport{}, err
	}
	return runStream(ctx, path, recs, start)
}

// RunStreamHalves is RunStream on each half of the stream by time (the
// first len/2 headlines, then the rest), each ingested into an empty
// store and scored alone, the baseline tuned on each: a check that a
// change holds over time, not only on the whole file.
func RunStreamHalves(ctx context.Context, sharedDir, path string) ([2]StreamReport, error) {
	path, recs, err := resolveStream(sharedDir, path)
	if err != nil {
		return [2]StreamReport{}, err
	}
	half := len(recs) / 2
	var out [2]StreamReport
	for i, part := range [][]streamRecord{recs[:half], recs[half:]} {
		if out[i], err = runStream(ctx, path, part, time.Now()); err != nil {
			return out, err
		}
	}
	return out, nil
}

// runStream is RunStream on recs, in publication order.
func runStream(ctx context.Context, path string, recs []streamRecord, start time.Time) (StreamReport, error) {
	r := StreamReport{Path: path, Items: len(recs)}
	gold := make([]string, len(recs))
	stories := map[string]bool{}
	for i, rec := range recs {
		gold[i] = rec.Story
		stories[rec.Story] = true
	}
	r.Stories = len(stories)

	for _, sys := range []struct {
		row   *GroupingRow
		name  string
		group bool
	}{
		{&r.Ours, "newsdigest (as ingest)", false},
		{&r.PerArticle, "newsdigest, per-article (before #13)", true},
	} {
		o := newOnline(similar.DefaultMaxGap)
		if sys.group {
			o = newOnlinePerArticle(similar.DefaultMaxGap)
		}
		groups := make([]int64, len(recs))
		for i, rec := range recs {
			if i%256 == 0 {
				if err := ctx.Err(); err != nil {
					return StreamReport{}, fmt.Errorf("stream eval: %w", err)
				}
			}
			groups[i], _ = o.ingest(digest.Article{Title: rec.Title, Source: rec.Publisher, URL: rec.URL, Published: rec.published})
		}
		*sys.row = streamRow(sys.name, gold, groups)
	}

	best := GroupingRow{}
	tok := text.NewTokenizer("en")
	vecs := tfidf(recs, tok)
	for th := 0.02; th < 0.905; th += 0.02 {
		if err := ctx.Err(); err != nil {
			return StreamReport{}, fmt.Errorf("stream eval: %w", err)
		}
		row := streamRow("baseline: single-pass TF-IDF cosine", gold, singlePass(vecs, th))
		if row.F1 > best.F1 {
			best, r.Threshold = row, th
		}
	}
	r.Baseline = best
	r.Elapsed = time.Since(start)
	return r, nil
}

func streamRow(system string, gold []string, groups []int64) GroupingRow {
	row := GroupingRow{System: system, Split: "all", Docs: len(gold)}
	row.Precision, row.Recall, row.F1 = pairScore(gold, groups)
	seen, g := map[int64]bool{}, map[string]bool{}
	for i := range gold {
		seen[groups[i]], g[gold[i]] = true, true
	}
	row.Groups, row.Gold = len(seen), len(g)
	return row
}

// Format writes the report.
func (r StreamReport) Format(w io.Writer) {
	fmt.Fprintf(w, "%s: %d headlines, %d stories, ingested in publication order, headline only\n", filepath.Base(r.Path), r.Items, r.Stories)
	fmt.Fprintf(w, "%-42s %6s %5s %9s %7s %6s\n", "system", "groups", "gold", "precision", "recall", "F1")
	for _, g := range []GroupingRow{r.Ours, r.PerArticle, r.Baseline} {
		fmt.Fprintf(w, "%-42s %6d %5d %9.3f %7.3f %6.1f\n", g.System, g.Groups, g.Gold, g.Precision, g.Recall, 100*g.F1)
	}
	fmt.Fprintf(w, "(as ingest: a headline is compared with the whole stories of its best %d candidates, at most %d of one story among the best %d, each story's newest %d articles in the window read as StoryMembers reads them)\n",
		similar.StoryGroupCandidates, similar.StoryCandidatesPerStory, similar.StorySpreadPool, similar.StoryMembers)
	fmt.Fprintf(w, "(baseline threshold %.2f, the best F1 on this stream; pair-counting over co-clustered pairs; elapsed %s)\n",
		r.Threshold, r.Elapsed.Round(time.Millisecond))
}

// resolveStream resolves the stream's path (StreamPath when empty,
// relative to sharedDir when not absolute) and loads its records.
func resolveStream(sharedDir, path string) (string, []streamRecord, error) {
	if path == "" {
		path = StreamPath
	}
	if !filepath.IsAbs(path) {
		path = filepath.Join(sharedDir, path)
	}
	recs, err := loadStream(path)
	return path, recs, err
}

func loadStream(path string) ([]streamRecord, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open stream: %w", err)
	}
	defer f.Close()
	var recs []streamRecord
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<20)
	for sc.Scan() {
		var rec streamRecord
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, fmt.Errorf("decode %s line %d: %w", path, len(recs)+1, err)
		}
		t, err := time.Parse(time.RFC3339Nano, rec.Published)
		if err != nil {
			return nil, fmt.Errorf("%s line %d: published: %w", path, len(recs)+1, err)
		}
		rec.published = t.UTC()
		recs = append(recs, rec)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("read %s: no headlines", path)
	}
	slices.SortStableFunc(recs, func(a, b streamRecord) int { return a.published.Compare(b.published) })
	return recs, nil
}

// sparse is an L2-normalised TF-IDF vector, sorted by term id.
type sparse struct {
	ids []int
	w   []float64
}

// tfidf weighs each headline's tokens by raw frequency times
// ln(N/df) over the whole stream, normalised.
func tfidf(recs []streamRecord, tok *text.Tokenizer) []sparse {
	ids := map[string]int{}
	docs := make([]map[int]float64, len(recs))
	df := map[int]int{}
	for i, rec := range recs {
		docs[i] = map[int]float64{}
		for _, t := range tok.Append(nil, rec.Title) {
			id, ok := ids[t]
			if !ok {
				id = len(ids)
				ids[t] = id
			}
			if docs[i][id] == 0 {
				df[id]++
			}
			docs[i][id]++
		}
	}
	n := float64(len(recs))
	out := make([]sparse, len(recs))
	for i, d := range docs {
		var v sparse
		var norm float64
		for id, tf := range d {
			x := tf * math.Log(n/float64(df[id]))
			v.ids = append(v.ids, id)
			v.w = append(v.w, x)
			norm += x * x
		}
		norm = math.Sqrt(norm)
		idx := make([]int, len(v.ids))
		for k := range idx {
			idx[k] = k
		}
		slices.SortFunc(idx, func(a, b int) int { return cmp.Compare(v.ids[a], v.ids[b]) })
		s := sparse{ids: make([]int, len(idx)), w: make([]float64, len(idx))}
		for k, j := range idx {
			s.ids[k] = v.ids[j]
			if norm > 0 {
				s.w[k] = v.w[j] / norm
			}
		}
		out[i] = s
	}
	return out
}

// singlePass is the classic single-pass clusterer: each headline joins the
// cluster whose centroid (the sum of its members' vectors) is the most
// similar by cosine if that reaches th, or starts a new cluster.
func singlePass(vecs []sparse, th float64) []int64 {
	type cluster struct {
		sum  map[int]float64
		norm float64
	}
	var clusters []*cluster
	posting := map[int][]int{} // term id → clusters holding it
	out := make([]int64, len(vecs))
	dots := map[int]float64{}
	for i, v := range vecs {
		clear(dots)
		for k, id := range v.ids {
			for _, c := range posting[id] {
				dots[c] += v.w[k] * clusters[c].sum[id]
			}
		}
		best, bestSim := -1, th
		for c, dot := range dots {
			if clusters[c].norm == 0 {
				continue
			}
			if s := dot / clusters[c].norm; s > bestSim || s == bestSim && best >= 0 && c < best {
				best, bestSim = c, s
			}
		}
		if best < 0 {
			best = len(clusters)
			clusters = append(clusters, &cluster{sum: map[int]float64{}})
		}
		cl := clusters[best]
		for k, id := range v.ids {
			if _, ok := cl.sum[id]; !ok {
				posting[id] = append(posting[id], best)
			}
			cl.sum[id] += v.w[k]
		}
		var norm float64
		for _, x := range cl.sum {
			norm += x * x
		}
		cl.norm = math.Sqrt(norm)
		out[i] = int64(best + 1)
	}
	return out
}
