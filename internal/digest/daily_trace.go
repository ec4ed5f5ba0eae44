package digest

import (
	"fmt"
	"slices"
	"time"
)

// skippedStory is a candidate story a digest left out, with the reason.
type skippedStory struct {
	Title     string
	Source    string
	Published time.Time
	Reason    string
}

// dailyTrace records what composeDaily left out, for /digest preview and
// the "would be empty" warning. A nil *dailyTrace records nothing.
type dailyTrace struct {
	skipped  []skippedStory
	filtered int // stories left out by the filter alone
}

func (t *dailyTrace) skip(a Article, reason string) {
	if t == nil {
		return
	}
	t.skipped = append(t.skipped, skippedStory{Title: a.Title, Source: a.Source, Published: a.Published, Reason: reason})
}

// leftOver records the fresh stories that did not make the cut.
func (t *dailyTrace) leftOver(fresh, chosen []*dailyCandidate, limit int) {
	if t == nil {
		return
	}
	for _, c := range fresh {
		if !slices.Contains(chosen, c) {
			t.skip(c.rep, fmt.Sprintf("beyond the digest's %d stories", limit))
		}
	}
}

// filteredOut records the stories only the filter kept out (none of their
// hits passed it).
func (t *dailyTrace) filteredOut(filtered map[int64]skippedStory, kept map[int64]*dailyCandidate) {
	if t == nil {
		return
	}
	ids := make([]int64, 0, len(filtered))
	for id := range filtered {
		if kept[id] == nil {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	for _, id := range ids {
		t.skipped = append(t.skipped, filtered[id])
		t.filtered++
	}
}
