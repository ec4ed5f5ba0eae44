package digest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/newsdigest/bot/internal/logattr"
)

func (s *Service) digestCommand(ctx context.Context, cmd Command) (Reply, error) {
	ch := Channel{Platform: cmd.Platform, Workspace: cmd.Workspace, ChannelID: cmd.ChannelID}
	if ch.ChannelID == "" {
		return Reply{}, usageError("Scheduled digests belong to a channel; use /digest in a channel.")
	}
	switch cmd.Sub {
	case DigestAdd:
		return s.addSchedule(ctx, cmd, ch)
	case DigestList:
		list, err := s.store.ListSchedules(ctx, ch)
		if err != nil {
			return Reply{}, fmt.Errorf("list schedules: %w", err)
		}
		text := "No daily digests in this channel yet. Add one: /digest add mexico at 08:00 America/Mexico_City"
		if len(list) > 0 {
			text = fmt.Sprintf("Daily digests in this channel (%d)", len(list))
		}
		return Reply{Kind: ReplySchedules, Text: text, Schedules: list}, nil
	case DigestRemove:
		if !cmd.CanManage {
			return Reply{}, &Error{Code: CodeForbidden, Message: "Only members who can manage this channel may remove its digests.", Err: ErrForbidden}
		}
		err := s.store.DeleteSchedule(ctx, ch, cmd.ScheduleID)
		if errors.Is(err, ErrNotFound) {
			return Reply{}, &Error{Code: CodeNotFound, Message: fmt.Sprintf("There is no digest #%d in this channel. See /digest list.", cmd.ScheduleID), Err: err}
		}
		if err != nil {
			return Reply{}, fmt.Errorf("remove schedule: %w", err)
		}
		s.changed()
		return Reply{Kind: ReplyText, Text: fmt.Sprintf("Removed daily digest #%d.", cmd.ScheduleID)}, nil
	case DigestNow:
		return s.digestNow(ctx, cmd, ch)
	case DigestEdit:
		return s.editSchedule(ctx, cmd, ch)
	case DigestPreview:
		return s.previewSchedule(ctx, cmd, ch)
	}
	return Reply{}, usageError("%s", digestUsage)
}

func (s *Service) changed() {
	if s.notify != nil {
		s.notify()
	}
}

func (s *Service) addSchedule(ctx context.Context, cmd Command, ch Channel) (Reply, error) {
	if !cmd.CanManage {
		return Reply{}, &Error{Code: CodeForbidden, Message: "Only members who can manage this channel (Manage Channels or Manage Server) may add daily digests.", Err: ErrForbidden}
	}
	if cmd.Schedule == nil {
		return Reply{}, usageError("%s", digestUsage)
	}
	sched := *cmd.Schedule
	if sched.TimeZone == "" {
		sched.TimeZone = s.cfg.DefaultTimeZone
	}
	loc, err := sched.Location()
	if err != nil {
		return Reply{}, usageError("Unknown time zone %q; use an IANA name such as America/Mexico_City.", sched.TimeZone)
	}
	if sched.MaxStories <= 0 {
		sched.MaxStories = s.cfg.DailyStories
	}
	now := s.clock.Now()
	sched.Platform, sched.Workspace, sched.ChannelID = ch.Platform, ch.Workspace, ch.ChannelID
	sched.CreatedBy, sched.CreatedAt, sched.UpdatedAt = cmd.UserID, now, now
	existing, err := s.store.ListSchedules(ctx, ch)
	if err != nil {
		return Reply{}, fmt.Errorf("add schedule: %w", err)
	}
	if dup := duplicateOf(existing, sched); dup != nil {
		return Reply{}, usageError("This channel already has that digest: #%d %s. Change it with /digest edit %d, or remove it with /digest remove %d.",
			dup.ID, dup.Describe(), dup.ID, dup.ID)
	}
	err = s.store.PutSchedule(ctx, &sched)
	if errors.Is(err, ErrLimit) {
		return Reply{}, &Error{Code: CodeUsage, Err: err,
			Message: fmt.Sprintf("This channel already has %d daily digests; remove one first.", MaxChannelSchedules)}
	}
	if err != nil {
		return Reply{}, fmt.Errorf("add schedule: %w", err)
	}
	s.changed()
	next := nextLocal(sched, now.In(loc))
	if s.cfg.NextRun != nil {
		if t, err := s.cfg.NextRun(sched, now); err == nil {
			next = t.In(loc)
		}
	}
	text := fmt.Sprintf("Daily digest #%d added: %s. Next one: %s.", sched.ID, sched.Describe(), next.Format("Mon 2 Jan 15:04 MST"))
	if warn := s.emptyWarning(ctx, sched); warn != "" {
		text += "\n" + warn
	}
	return Reply{Kind: ReplyText, Text: text}, nil
}

// nextLocal approximates the next run: the next local time of day on an
// allowed weekday (Config.NextRun gives the scheduler's DST-exact answer).
func nextLocal(s Schedule, now time.Time) time.Time {
	for i := 0; i < 8; i++ {
		d := now.AddDate(0, 0, i)
		t := time.Date(d.Year(), d.Month(), d.Day(), s.Hour, s.Minute, 0, 0, now.Location())
		if t.After(now) && s.RunsOn(t.Weekday()) {
			return t
		}
	}
	return now
}

func (s *Service) digestNow(ctx context.Context, cmd Command, ch Channel) (Reply, error) {
	now := s.clock.Now()
	var sched Schedule
	switch {
	case cmd.ScheduleID != 0:
		got, err := s.store.Schedule(ctx, cmd.ScheduleID)
		if errors.Is(err, ErrNotFound) || (err == nil && got.Channel() != ch) {
			return Reply{}, &Error{Code: CodeNotFound, Message: fmt.Sprintf("There is no digest #%d in this channel. See /digest list.", cmd.ScheduleID), Err: ErrNotFound}
		}
		if err != nil {
			return Reply{}, fmt.Errorf("digest now: %w", err)
		}
		sched = got
	case strings.TrimSpace(cmd.Args) != "":
		topics, fe, err := ParseFilter(cmd.Args) // "/digest now mexico lang:es"
		if err != nil {
			return Reply{}, err
		}
		sched = Schedule{Topics: splitTopics(topics), MaxStories: s.cfg.DailyStories, TimeZone: s.cfg.DefaultTimeZone, Filter: fe.Filter}
	default:
		list, err := s.store.ListSchedules(ctx, ch)
		if err != nil {
			return Reply{}, fmt.Errorf("digest now: %w", err)
		}
		if len(list) == 0 {
			return Reply{}, usageError("This channel has no daily digest. Try /digest now mexico, or /digest add mexico at 08:00.")
		}
		sched = list[0]
	}
	sched.Platform, sched.Workspace, sched.ChannelID = ch.Platform, ch.Workspace, ch.ChannelID
	reply, delivered, err := s.ComposeDaily(ctx, sched, now.Add(-24*time.Hour), now)
	if err != nil {
		return Reply{}, fmt.Errorf("digest now: %w", err)
	}
	if len(delivered) > 0 {
		if err := s.store.MarkDelivered(ctx, ch, delivered); err != nil {
			s.log.WarnContext(ctx, "mark delivered", logattr.KeyChannel, ch.ChannelID, logattr.KeyError, err)
		}
	}
	return reply, nil
}

// splitTopics splits a list of topics at commas and semicolons, lowercased
// and trimmed, dropping empty ones.
func splitTopics(s string) []string {
	var out []string
	for _, t := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' }) {
		if t = strings.ToLower(strings.TrimSpace(t)); t != "" {
			out = append(out, t)
		}
	}
	return out
}
