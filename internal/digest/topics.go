package digest

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// Topics suggests topics from recent stories' headlines: the most frequent
// content words of the last three days starting with prefix.
func (s *Service) Topics(ctx context.Context, prefix string, limit int) ([]string, error) {
	arts, err := s.store.RecentArticles(ctx, s.clock.Now().Add(-72*time.Hour), 300)
	if err != nil {
		return nil, fmt.Errorf("topics: %w", err)
	}
	if len(arts) == 0 {
		arts, err = s.store.RecentArticles(ctx, time.Time{}, 300)
		if err != nil {
			return nil, fmt.Errorf("topics: %w", err)
		}
	}
	prefix = strings.ToLower(strings.TrimSpace(prefix))
	hide := s.samplesHidden(ctx)
	count := map[string]int{}
	for _, a := range arts {
		if hide && a.Sample {
			continue
		}
		seen := map[string]bool{}
		for _, w := range topicWords(a.Title) {
			if !seen[w] && strings.HasPrefix(w, prefix) {
				seen[w] = true
				count[w]++
			}
		}
	}
	words := make([]string, 0, len(count))
	for w := range count {
		words = append(words, w)
	}
	sort.Slice(words, func(i, j int) bool {
		if count[words[i]] != count[words[j]] {
			return count[words[i]] > count[words[j]]
		}
		return words[i] < words[j]
	})
	if len(words) > limit {
		words = words[:limit]
	}
	return words, nil
}

// topicWords returns the capitalised content words of a headline, lowercased.
func topicWords(title string) []string {
	var out []string
	for i, w := range strings.Fields(title) {
		w = strings.Trim(w, ".,;:!?\"'“”‘’()[]«»")
		r, _ := utf8.DecodeRuneInString(w)
		if utf8.RuneCountInString(w) < 4 || (i > 0 && !(r >= 'A' && r <= 'Z')) && !strings.ContainsRune("ÁÉÍÓÚÑ", r) {
			continue
		}
		lw := strings.ToLower(w)
		if commonTitleWords[lw] {
			continue
		}
		out = append(out, lw)
	}
	return out
}

var commonTitleWords = map[string]bool{
	"says": true, "said": true, "after": true, "with": true, "from": true, "that": true, "this": true,
	"what": true, "when": true, "will": true, "have": true, "over": true, "into": true, "about": true,
	"sample": true, "their": true, "more": true, "than": true, "amid": true, "como": true, "para": true,
}
