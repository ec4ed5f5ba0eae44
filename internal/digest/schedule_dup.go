package digest

import (
	"slices"
	"strings"
)

// duplicateOf returns the schedule of existing that is the same digest as
// s: the same topics (in any order and letter case) with the same filters,
// whatever its time. A second one would post the same stories twice, so
// /digest add refuses it and points at the existing one.
func duplicateOf(existing []Schedule, s Schedule) *Schedule {
	key := topicKey(s.Topics)
	for i := range existing {
		if topicKey(existing[i].Topics) == key && existing[i].Filter.Equal(s.Filter) {
			return &existing[i]
		}
	}
	return nil
}

// topicKey is a schedule's topics as a set.
func topicKey(topics []string) string {
	ts := make([]string, len(topics))
	for i, t := range topics {
		ts[i] = strings.ToLower(strings.TrimSpace(t))
	}
	slices.Sort(ts)
	return strings.Join(slices.Compact(ts), "\x00")
}
