package digest

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/newsdigest/bot/internal/digest/similar"
)

// Tuning of the daily digest. The weights add up to 1 so a story's score is
// in [0, 1].
const (
	dailySearchLimit = 50 // hits asked per topic
	// A story already delivered to the channel comes back only when its
	// representative article's fingerprint is more than this many bits (of
	// 64) away from the one delivered, or when an outlet joined it since.
	dailyUpdateBits = 10
	// Score weights: relevance within the topic's result set, recency
	// (half-life dailyHalfLife), and how many outlets carry the story
	// (saturating at dailyOutletsFull).
	dailyWeightRelevance = 0.5
	dailyWeightRecency   = 0.25
	dailyWeightOutlets   = 0.25
	dailyHalfLife        = 12 * time.Hour
	dailyOutletsFull     = 8
)

// dailyStore is what ComposeDaily reads; every ServiceStore satisfies it.
type dailyStore interface {
	SearchArticles(ctx context.Context, q SearchQuery) ([]ArticleHit, error)
	StoryArticles(ctx context.Context, storyID int64) ([]Article, error)
	Article(ctx context.Context, id int64) (Article, error)
	DeliveredStories(ctx context.Context, ch Channel, storyIDs []int64) (map[int64]DeliveredStory, error)
}

// dailyCandidate is one story found for a daily digest.
type dailyCandidate struct {
	storyID   int64
	rep       Article // the story's best hit: shown and fingerprinted
	relevance float64 // best normalised rank over the topics that found it
	topics    []int   // indexes into Schedule.Topics, in order found
	outlets   []string
	updated   bool
	score     float64
	order     int // first-seen order, the last tie-breaker
}

// ComposeDaily builds the daily digest for sched from articles published in
// [since, now), with the Service's daily counts (Config.DailySentences,
// DailyQuotes, DailyStories): see composeDaily.
func (s *Service) ComposeDaily(ctx context.Context, sched Schedule, since, now time.Time) (Reply, []DeliveredStory, error) {
	return composeDaily(ctx, s.store, s.cfg, sched, since, now, nil)
}

// composeDaily builds the daily digest for sched from articles published in
// [since, now). st needs only SearchArticles, StoryArticles, Article and
// DeliveredStories; any Store will do. cfg gives the counts (with defaults).
//
// Each topic is searched on its own; hits are grouped by story so a story is
// shown at most once even when several topics find it. Stories are scored
// by relevance (rank normalised within the topic's result set), recency and
// the number of distinct outlets carrying them. Stories already delivered
// to sched's channel are left out unless substantially updated (the shown
// article's fingerprint differs in more than 10 of 64 bits from the one
// delivered, or an outlet joined the story since); those come back with
// Digest.Updated set. Every topic that found something new gets one story
// before the remaining places (up to sched.MaxStories, else cfg.DailyStories) go to the
// best scores; stories are returned best first. Each story has
// cfg.DailySentences summary sentences and cfg.DailyQuotes key quotes. Topics with nothing new are
// listed in Reply.Empty, so a quiet day still gets a message.
//
// The returned DeliveredStory records (At = now) are to be passed to
// MarkDelivered once the reply has been posted. Store errors are returned
// wrapped; nothing is written.
//
// Stories whose articles all fail sched.Filter are left out (see Filter);
// sample articles are left out once the store holds real ones. When tr is
// not nil it records which candidate stories were left out and why.
func composeDaily(ctx context.Context, st dailyStore, cfg Config, sched Schedule, since, now time.Time, tr *dailyTrace) (Reply, []DeliveredStory, error) {
	cfg = cfg.withDefaults()
	af, err := newArticleFilter(ctx, st, sched.Filter, sched.Platform, sched.Workspace)
	if err != nil {
		return Reply{}, nil, fmt.Errorf("daily digest: %w", err)
	}
	filtered := map[int64]skippedStory{} // stories with a hit the filter refused
	byStory := map[int64]*dailyCandidate{}
	var order []*dailyCandidate
	found := make([]bool, len(sched.Topics)) // topic found something new
	hideSamples, err := realArticlesStored(ctx, st)
	if err != nil {
		return Reply{}, nil, fmt.Errorf("daily digest: %w", err)
	}
	for ti, topic := range sched.Topics {
		hits, err := st.SearchArticles(ctx, SearchQuery{Text: topic, Since: since, Until: now, Limit: dailySearchLimit})
		if err != nil {
			return Reply{}, nil, fmt.Errorf("daily digest search %q: %w", topic, err)
		}
		if hideSamples {
			hits = dropSampleHits(hits)
		}
		lo, hi := rankRange(hits)
		for _, h := range hits {
			id := h.Article.StoryID
			if id == 0 {
				id = h.Article.ID // not grouped yet: a story of its own
			}
			rel := 1.0
			if hi > lo {
				rel = (h.Rank - lo) / (hi - lo)
			}
			if why := af.why(h.Article); why != "" {
				if _, ok := filtered[id]; !ok {
					filtered[id] = skippedStory{Title: h.Article.Title, Source: h.Article.Source, Published: h.Article.Published, Reason: "filtered: " + why}
				}
				continue
			}
			c := byStory[id]
			if c == nil {
				c = &dailyCandidate{storyID: id, rep: h.Article, relevance: rel, order: len(order)}
				byStory[id] = c
				order = append(order, c)
			} else if rel > c.relevance || (rel == c.relevance && h.Article.Published.After(c.rep.Published)) {
				c.rep, c.relevance = h.Article, max(rel, c.relevance)
			}
			if len(c.topics) == 0 || c.topics[len(c.topics)-1] != ti {
				c.topics = append(c.topics, ti)
			}
		}
	}

	ids := make([]int64, len(order))
	for i, c := range order {
		ids[i] = c.storyID
	}
	var delivered map[int64]DeliveredStory
	if len(ids) > 0 {
		var err error
		delivered, err = st.DeliveredStories(ctx, sched.Channel(), ids)
		if err != nil {
			return Reply{}, nil, fmt.Errorf("daily digest delivered stories: %w", err)
		}
	}

	var fresh []*dailyCandidate
	for _, c := range order {
		arts, err := st.StoryArticles(ctx, c.storyID)
		if err != nil {
			return Reply{}, nil, fmt.Errorf("daily digest story %d: %w", c.storyID, err)
		}
		c.outlets = storyOutlets(c.rep.Source, arts)
		if d, ok := delivered[c.storyID]; ok {
			if !substantiallyUpdated(c.rep, d, arts) {
				tr.skip(c.rep, "already delivered here "+d.At.UTC().Format("2 Jan 15:04 MST"))
				continue
			}
			c.updated = true
		}
		c.score = dailyScore(c, now)
		for _, ti := range c.topics {
			found[ti] = true
		}
		fresh = append(fresh, c)
	}
	sort.SliceStable(fresh, func(i, j int) bool {
		if fresh[i].score != fresh[j].score {
			return fresh[i].score > fresh[j].score
		}
		return fresh[i].order < fresh[j].order
	})

	limit := sched.MaxStories
	if limit <= 0 {
		limit = cfg.DailyStories
	}
	chosen := pickDaily(fresh, len(sched.Topics), limit)
	tr.leftOver(fresh, chosen, limit)
	tr.filteredOut(filtered, byStory)

	r := Reply{Kind: ReplyDaily, Topics: sched.Topics, Text: dailyHeading(sched, now), Stories: []Digest{}}
	var marks []DeliveredStory
	for _, c := range chosen {
		a := c.rep
		if a.ID != 0 {
			// The search hit has no quotes; the stored article has them.
			full, err := st.Article(ctx, a.ID)
			switch {
			case err == nil:
				a = full
			case !errors.Is(err, ErrNotFound):
				return Reply{}, nil, fmt.Errorf("daily digest article %d: %w", a.ID, err)
			}
		}
		d := Build(a, BuildOptions{Sentences: cfg.DailySentences, Quotes: cfg.DailyQuotes})
		d.StoryID = c.storyID
		d.Outlets = c.outlets
		d.Updated = c.updated
		r.Stories = append(r.Stories, d)
		marks = append(marks, DeliveredStory{StoryID: c.storyID, Fingerprint: a.Fingerprint, At: now})
	}
	for ti, topic := range sched.Topics {
		if !found[ti] {
			r.Empty = append(r.Empty, topic)
		}
	}
	return r, marks, nil
}

// rankRange returns the lowest and highest Rank of hits.
func rankRange(hits []ArticleHit) (lo, hi float64) {
	for i, h := range hits {
		if i == 0 || h.Rank < lo {
			lo = h.Rank
		}
		if i == 0 || h.Rank > hi {
			hi = h.Rank
		}
	}
	return lo, hi
}

// storyOutlets lists the distinct outlets of a story, first first, then in
// the order of arts (newest first). Outlet names are compared without case.
func storyOutlets(first string, arts []Article) []string {
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		s = strings.TrimSpace(s)
		k := strings.ToLower(s)
		if s == "" || seen[k] {
			return
		}
		seen[k] = true
		out = append(out, s)
	}
	add(first)
	for _, a := range arts {
		add(a.Source)
	}
	return out
}

// substantiallyUpdated reports whether a story delivered as d deserves to be
// shown again with rep as its article: the text changed a lot (fingerprints
// more than dailyUpdateBits apart; unknown fingerprints never count), or an
// outlet that had no article in the story when it was delivered has one now.
func substantiallyUpdated(rep Article, d DeliveredStory, arts []Article) bool {
	if rep.Fingerprint != 0 && d.Fingerprint != 0 &&
		similar.Distance(rep.Fingerprint, d.Fingerprint) > dailyUpdateBits {
		return true
	}
	before := map[string]bool{}
	var after []string
	for _, a := range arts {
		k := strings.ToLower(strings.TrimSpace(a.Source))
		if k == "" {
			continue
		}
		if a.Published.Before(d.At) {
			before[k] = true
		} else {
			after = append(after, k)
		}
	}
	for _, k := range after {
		if !before[k] {
			return true
		}
	}
	return false
}

// dailyScore weighs relevance, recency and reach into [0, 1].
func dailyScore(c *dailyCandidate, now time.Time) float64 {
	recency := 0.0
	if !c.rep.Published.IsZero() {
		age := max(now.Sub(c.rep.Published), 0)
		recency = math.Exp2(-float64(age) / float64(dailyHalfLife))
	}
	n := max(len(c.outlets), 1)
	reach := math.Min(1, math.Log2(float64(n))/math.Log2(dailyOutletsFull))
	return dailyWeightRelevance*c.relevance + dailyWeightRecency*recency + dailyWeightOutlets*reach
}

// pickDaily chooses up to limit of ranked (best first): first the best story
// of each topic in topic order, then the best of the rest. The result is
// best first.
func pickDaily(ranked []*dailyCandidate, topics, limit int) []*dailyCandidate {
	taken := make(map[*dailyCandidate]bool, limit)
	covered := make([]bool, topics)
	n := 0
	for ti := 0; ti < topics && n < limit; ti++ {
		if covered[ti] {
			continue
		}
		for _, c := range ranked {
			if !taken[c] && slices.Contains(c.topics, ti) {
				taken[c] = true
				n++
				for _, t := range c.topics {
					covered[t] = true
				}
				break
			}
		}
	}
	for _, c := range ranked {
		if n >= limit {
			break
		}
		if !taken[c] {
			taken[c] = true
			n++
		}
	}
	out := make([]*dailyCandidate, 0, n)
	for _, c := range ranked {
		if taken[c] {
			out = append(out, c)
		}
	}
	return out
}

// dailyHeading is the digest's title line, dated in the schedule's zone.
func dailyHeading(s Schedule, now time.Time) string {
	loc, err := s.Location()
	if err != nil || s.TimeZone == "" {
		loc = time.UTC
	}
	return fmt.Sprintf("Daily digest: %s — %s", strings.Join(s.Topics, ", "), now.In(loc).Format("Monday 2 January 2006"))
}
