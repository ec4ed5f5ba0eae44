package digest

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Preview limits: how many left-out stories are listed, and how many older
// ones each topic contributes.
const (
	previewMaxSkipped  = 15
	previewOlderPerTop = 3
	previewWindow      = 24 * time.Hour
)

// previewSchedule answers /digest preview <id>: what the digest would
// post now (nothing is posted or marked delivered) and which candidate
// stories it leaves out and why: already delivered here, filtered, beyond
// its size, older than its window.
func (s *Service) previewSchedule(ctx context.Context, cmd Command, ch Channel) (Reply, error) {
	sched, err := s.scheduleOfChannel(ctx, ch, cmd.ScheduleID)
	if err != nil {
		return Reply{}, err
	}
	now := s.clock.Now()
	since := now.Add(-previewWindow)
	tr := &dailyTrace{}
	r, _, err := composeDaily(ctx, s.store, s.cfg, sched, since, now, tr)
	if err != nil {
		return Reply{}, fmt.Errorf("digest preview: %w", err)
	}
	older, err := s.olderStories(ctx, sched, since, r, tr)
	if err != nil {
		return Reply{}, err
	}
	skipped := append(tr.skipped, older...)

	var b strings.Builder
	fmt.Fprintf(&b, "Preview of daily digest #%d (nothing is posted): %s\n", sched.ID, sched.Describe())
	if len(r.Stories) == 0 {
		b.WriteString("It would post no story now.\n")
	} else {
		if len(r.Stories) == 1 {
			b.WriteString("It would post 1 story:\n")
		} else {
			fmt.Fprintf(&b, "It would post %d stories:\n", len(r.Stories))
		}
		for i, d := range r.Stories {
			fmt.Fprintf(&b, "%d. %s — %s\n", i+1, d.Title, d.Source)
		}
	}
	if len(skipped) > 0 {
		b.WriteString("Left out:\n")
		for i, sk := range skipped {
			if i == previewMaxSkipped {
				fmt.Fprintf(&b, "… and %d more\n", len(skipped)-i)
				break
			}
			fmt.Fprintf(&b, "• %s — %s: %s\n", sk.Title, sk.Source, sk.Reason)
		}
	} else if len(r.Stories) == 0 {
		b.WriteString("No candidate story was found for its topics.\n")
	}
	if len(r.Stories) == 0 && tr.filtered > 0 {
		fmt.Fprintf(&b, "Warning: this digest would be empty today: its filters leave out all %d stories found. Change them with /digest edit %d.\n",
			tr.filtered, sched.ID)
	}
	return Reply{Kind: ReplyText, Text: strings.TrimSpace(b.String()), Ephemeral: true}, nil
}

// olderStories are a few stories on sched's topics published before its
// window, which the digest does not consider.
func (s *Service) olderStories(ctx context.Context, sched Schedule, since time.Time, r Reply, tr *dailyTrace) ([]skippedStory, error) {
	seen := map[string]bool{}
	for _, d := range r.Stories {
		seen[d.Title] = true
	}
	for _, sk := range tr.skipped {
		seen[sk.Title] = true
	}
	hide := s.samplesHidden(ctx)
	var out []skippedStory
	stories := map[int64]bool{}
	for _, topic := range sched.Topics {
		hits, err := s.store.SearchArticles(ctx, SearchQuery{Text: topic, Until: since, Limit: 20})
		if err != nil {
			return nil, fmt.Errorf("digest preview %q: %w", topic, err)
		}
		n := 0
		for _, h := range hits {
			a := h.Article
			if n == previewOlderPerTop || (hide && a.Sample) || seen[a.Title] || stories[a.StoryID] {
				continue
			}
			stories[a.StoryID], seen[a.Title] = true, true
			n++
			out = append(out, skippedStory{Title: a.Title, Source: a.Source, Published: a.Published,
				Reason: "older than the digest's 24-hour window (" + a.Published.UTC().Format("2 Jan 15:04 MST") + ")"})
		}
	}
	return out, nil
}
