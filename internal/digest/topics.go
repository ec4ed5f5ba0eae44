package digest

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsdigest/bot/internal/digest/text"
)

// Tuning of topic suggestions: the headlines of the newest topicsArticles
// articles of the last topicsWindow (of any age when there are none).
const (
	topicsWindow   = 72 * time.Hour
	topicsArticles = 300
)

// Topics suggests topics from recent stories' headlines: the most frequent
// content words of the last three days starting with prefix.
func (s *Service) Topics(ctx context.Context, prefix string, limit int) ([]string, error) {
	arts, err := s.store.RecentArticles(ctx, s.clock.Now().Add(-topicsWindow), topicsArticles)
	if err != nil {
		return nil, fmt.Errorf("topics: %w", err)
	}
	if len(arts) == 0 {
		arts, err = s.store.RecentArticles(ctx, time.Time{}, topicsArticles)
		if err != nil {
			return nil, fmt.Errorf("topics: %w", err)
		}
	}
	prefix = strings.ToLower(strings.TrimSpace(prefix))
	hide := s.samplesHidden(ctx)
	count := map[string]int{}        // by topicForm key: articles whose headline has the word
	forms := map[string]*formCount{} // the key's spellings
	for _, a := range arts {
		if hide && a.Sample {
			continue
		}
		seen := map[string]bool{}
		for _, w := range topicWords(a.Title) {
			k := topicForm(w)
			if !strings.HasPrefix(w, prefix) && !strings.HasPrefix(k, foldWords(prefix)) {
				continue
			}
			if forms[k] == nil {
				forms[k] = &formCount{}
			}
			forms[k].add(w)
			if !seen[k] {
				seen[k] = true
				count[k]++
			}
		}
	}
	type topic struct {
		word string
		n    int
	}
	ts := make([]topic, 0, len(count))
	for k, n := range count {
		ts = append(ts, topic{forms[k].best(), n})
	}
	sort.Slice(ts, func(i, j int) bool {
		if ts[i].n != ts[j].n {
			return ts[i].n > ts[j].n
		}
		return ts[i].word < ts[j].word
	})
	words := make([]string, 0, min(len(ts), limit))
	for _, t := range ts[:min(len(ts), limit)] {
		words = append(words, t.word)
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
		if commonTitleWords[lw] || text.IsStopWord(lw, "en") || text.IsStopWord(lw, "es") {
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
	"muestra": true, "samples": true, "muestras": true, "después": true, "antes": true, "durante": true,
	"hoy": true, "ayer": true, "mañana": true, "today": true, "before": true, "while": true,
}

// topicForm is the key under which forms of one word are counted as one
// topic: accents folded and a possessive 's dropped (México, Mexico's and
// mexico are one topic).
func topicForm(w string) string {
	for _, s := range []string{"'s", "’s"} {
		w = strings.TrimSuffix(w, s)
	}
	return foldWords(w)
}

// formCount counts the spellings of one topic.
type formCount struct {
	n     map[string]int
	order []string
}

func (f *formCount) add(w string) {
	if f.n == nil {
		f.n = map[string]int{}
	}
	if f.n[w] == 0 {
		f.order = append(f.order, w)
	}
	f.n[w]++
}

// best is the spelling to show: the most frequent without a possessive,
// the first seen on ties.
func (f *formCount) best() string {
	best := ""
	for _, w := range f.order {
		possessive := strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s")
		if possessive {
			continue
		}
		if best == "" || f.n[w] > f.n[best] {
			best = w
		}
	}
	if best == "" {
		return topicForm(f.order[0])
	}
	return best
}
