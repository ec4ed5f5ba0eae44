package digest

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// FeedFailureGrace is how long a workspace's feed must have failed before
// the channel it was added in is told (once).
const FeedFailureGrace = 24 * time.Hour

// CheckFeedHealth tells the channel where each workspace feed was added,
// once, when the feed has failed for FeedFailureGrace (with the reason and
// how to fix or remove it), and once again when it recovers. pubs are the
// publishers by platform; feeds of a platform without one are skipped. The
// notice is claimed in the store before it is posted (and released when
// posting fails), so several processes send it once. It returns how many
// notices were posted; errors of single feeds are joined.
func (s *Service) CheckFeedHealth(ctx context.Context, pubs map[string]Publisher) (int, error) {
	list, err := s.store.WorkspaceFeeds(ctx, "", "")
	if err != nil {
		return 0, fmt.Errorf("feed health: %w", err)
	}
	now := s.clock.Now()
	sent := 0
	var errs []error
	for _, f := range list {
		pub := pubs[f.Platform]
		if pub == nil || f.ChannelID == "" {
			continue
		}
		var from, to, text string
		switch st := f.State; {
		case f.Notice == "" && st.LastError != "" && now.Sub(failingSince(f)) >= FeedFailureGrace:
			from, to, text = "", FeedNoticeFailing, failingNotice(f, now)
		case f.Notice == FeedNoticeFailing && st.LastError == "" && !st.LastSuccess.IsZero():
			from, to, text = FeedNoticeFailing, "", recoveredNotice(f)
		default:
			continue
		}
		ok, err := s.store.SwapWorkspaceFeedNotice(ctx, f.ID, from, to)
		if errors.Is(err, ErrNotFound) || (err == nil && !ok) {
			continue // removed meanwhile, or another process sent it
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ch := Channel{Platform: f.Platform, Workspace: f.Workspace, ChannelID: f.ChannelID}
		key := fmt.Sprintf("feed-%d-%s-%d", f.ID, to, now.Unix())
		if err := pub.Publish(ctx, ch, Reply{Kind: ReplyText, Text: text}, key); err != nil {
			// Not told: release the claim so the next check tries again.
			if _, rerr := s.store.SwapWorkspaceFeedNotice(ctx, f.ID, to, from); rerr != nil {
				err = errors.Join(err, rerr)
			}
			errs = append(errs, fmt.Errorf("feed %d notice: %w", f.ID, err))
			continue
		}
		sent++
	}
	return sent, errors.Join(errs...)
}

// failingSince is when f's current run of failures started, at the
// latest: its last success, or when it was added if it never succeeded.
func failingSince(f WorkspaceFeed) time.Time {
	if f.State.LastSuccess.After(f.AddedAt) {
		return f.State.LastSuccess
	}
	return f.AddedAt
}

func feedName(f WorkspaceFeed) string {
	if f.Title != "" {
		return f.Title
	}
	return f.URL
}

func failingNotice(f WorkspaceFeed, now time.Time) string {
	last := "it has never been read"
	if !f.State.LastSuccess.IsZero() {
		last = "last read " + ago(now, f.State.LastSuccess)
	}
	return fmt.Sprintf("The news feed #%d %s (%s) has been failing for over a day (%s): %s.\n"+
		"Fix the address on the site's side, or add the feed's new address with /feeds add and remove this one with /feeds remove %d. "+
		"You will be told once when it works again.",
		f.ID, feedName(f), f.URL, last, PlainFeedError(f.State.LastError), f.ID)
}

func recoveredNotice(f WorkspaceFeed) string {
	return fmt.Sprintf("The news feed #%d %s works again (read %s).",
		f.ID, feedName(f), f.State.LastSuccess.UTC().Format("2 Jan 15:04 MST"))
}
