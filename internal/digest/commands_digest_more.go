package digest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/newsdigest/bot/internal/logattr"
)

// More sub-commands of /digest.
const (
	DigestEdit    = "edit"
	DigestPreview = "preview"
)

// ScheduleEdit is what "/digest edit <id> …" changes; unset parts keep
// their stored value.
type ScheduleEdit struct {
	Time       bool // Hour and Minute are set
	Hour       int
	Minute     int
	TimeZone   string         // "" keeps the zone
	Weekdays   []time.Weekday // with Days set; nil is every day
	Days       bool
	MaxStories int // 0 keeps it
	Filter     FilterEdit
}

// IsZero reports whether e changes nothing.
func (e ScheduleEdit) IsZero() bool {
	return !e.Time && e.TimeZone == "" && !e.Days && e.MaxStories == 0 && len(e.Filter.Keys) == 0
}

// Apply returns s changed by e.
func (e ScheduleEdit) Apply(s Schedule) Schedule {
	if e.Time {
		s.Hour, s.Minute = e.Hour, e.Minute
	}
	if e.TimeZone != "" {
		s.TimeZone = e.TimeZone
	}
	if e.Days {
		s.Weekdays = e.Weekdays
	}
	if e.MaxStories > 0 {
		s.MaxStories = e.MaxStories
	}
	s.Filter = e.Filter.Apply(s.Filter)
	return s
}

const editUsage = "Usage: /digest edit <id> [at HH:MM] [time zone] [on mon-fri] [max N] [lang:es exclude:word from:outlet skip:outlet sources:own]"

// parseDigestMore parses "/digest edit …" and "/digest preview <id>".
func parseDigestMore(sub, args string) (Command, error) {
	idText, rest, _ := strings.Cut(strings.TrimSpace(args), " ")
	id, err := strconv.ParseInt(strings.TrimPrefix(idText, "#"), 10, 64)
	if err != nil || id <= 0 {
		return Command{}, usageError("Which digest? Usage: /digest %s <id> (see /digest list)", sub)
	}
	cmd := Command{Name: CmdDigest, Sub: sub, ScheduleID: id}
	if sub == DigestPreview {
		if strings.TrimSpace(rest) != "" {
			return Command{}, usageError("Usage: /digest preview <id>")
		}
		return cmd, nil
	}
	e, err := parseScheduleEdit(rest)
	if err != nil {
		return Command{}, err
	}
	if e.IsZero() {
		return Command{}, usageError("What should change? %s", editUsage)
	}
	cmd.Edit = &e
	return cmd, nil
}

// parseScheduleEdit reads the changes of /digest edit.
func parseScheduleEdit(spec string) (ScheduleEdit, error) {
	var e ScheduleEdit
	spec, fe, err := ParseFilter(spec)
	if err != nil {
		return e, err
	}
	e.Filter = fe
	spec = " " + spec
	if m := maxRe.FindStringSubmatchIndex(spec); m != nil {
		n, _ := strconv.Atoi(spec[m[2]:m[3]])
		if n < 1 || n > 10 {
			return e, usageError("max must be between 1 and 10 stories.")
		}
		e.MaxStories = n
		spec = spec[:m[0]] + spec[m[1]:]
	}
	if m := onDaysRe.FindStringSubmatchIndex(spec); m != nil {
		days, err := parseWeekdays(spec[m[2]:m[3]])
		if err != nil {
			return e, err
		}
		e.Weekdays, e.Days = days, true
		spec = spec[:m[0]] + spec[m[3]:]
	}
	spec = optionalAt(spec)
	if m := atTimeRe.FindStringSubmatchIndex(spec); m != nil {
		t, err := parseScheduleSpec("x" + spec[m[0]:m[1]])
		if err != nil {
			return e, err
		}
		e.Time, e.Hour, e.Minute = true, t.Hour, t.Minute
		spec = spec[:m[0]] + spec[m[1]:]
	}
	rest := strings.Fields(spec)
	switch len(rest) {
	case 0:
	case 1:
		tz, err := ParseTimeZone(rest[0])
		if err != nil {
			return e, err
		}
		e.TimeZone = tz
	default:
		return e, usageError("I did not understand %q. %s", strings.Join(rest, " "), editUsage)
	}
	return e, nil
}

// scheduleOfChannel loads schedule id when it belongs to ch.
func (s *Service) scheduleOfChannel(ctx context.Context, ch Channel, id int64) (Schedule, error) {
	got, err := s.store.Schedule(ctx, id)
	if errors.Is(err, ErrNotFound) || (err == nil && got.Channel() != ch) {
		return Schedule{}, &Error{Code: CodeNotFound, Message: fmt.Sprintf("There is no digest #%d in this channel. See /digest list.", id), Err: ErrNotFound}
	}
	if err != nil {
		return Schedule{}, fmt.Errorf("schedule %d: %w", id, err)
	}
	return got, nil
}

func (s *Service) editSchedule(ctx context.Context, cmd Command, ch Channel) (Reply, error) {
	if !cmd.CanManage {
		return Reply{}, &Error{Code: CodeForbidden, Message: "Only members who can manage this channel (Manage Channels or Manage Server) may change its digests.", Err: ErrForbidden}
	}
	if cmd.Edit == nil {
		return Reply{}, usageError("%s", editUsage)
	}
	old, err := s.scheduleOfChannel(ctx, ch, cmd.ScheduleID)
	if err != nil {
		return Reply{}, err
	}
	sched := cmd.Edit.Apply(old)
	if _, err := sched.Location(); err != nil {
		return Reply{}, usageError("Unknown time zone %q.", sched.TimeZone)
	}
	sched.UpdatedAt = s.clock.Now()
	if err := s.store.PutSchedule(ctx, &sched); err != nil {
		return Reply{}, fmt.Errorf("edit schedule: %w", err)
	}
	s.changed()
	text := fmt.Sprintf("Daily digest #%d is now: %s.", sched.ID, sched.Describe())
	if warn := s.emptyWarning(ctx, sched); warn != "" {
		text += "\n" + warn
	}
	return Reply{Kind: ReplyText, Text: text}, nil
}

// emptyWarning is "this digest would be empty today" when sched's filters
// leave out every story its topics found in the last day (and there were
// some), "" otherwise or when that cannot be told.
func (s *Service) emptyWarning(ctx context.Context, sched Schedule) string {
	if sched.Filter.IsZero() {
		return ""
	}
	now := s.clock.Now()
	tr := &dailyTrace{}
	r, _, err := composeDaily(ctx, s.store, s.cfg, sched, now.Add(-24*time.Hour), now, tr)
	if err != nil {
		s.log.WarnContext(ctx, "checking a digest's filters", logattr.Err(err), slog.Int64(logattr.KeySchedule, sched.ID))
		return ""
	}
	if len(r.Stories) == 0 && tr.filtered > 0 {
		return fmt.Sprintf("Warning: this digest would be empty today: its filters (%s) leave out all %d stories found in the last 24 hours. Check them with /digest preview %d.",
			sched.Filter, tr.filtered, sched.ID)
	}
	return ""
}
