package scheduler

import (
	"errors"
	"fmt"
	"time"

	"github.com/newsdigest/bot/internal/digest"
)

// dateLayout is the layout of local dates, the second half of a run's key.
const dateLayout = "2006-01-02"

// errNeverRuns is returned for a schedule whose weekday filter allows no day.
var errNeverRuns = errors.New("schedule runs on no weekday")

// NextRun returns the first instant strictly after after at which s is
// due: its local time of day (Hour:Minute in s.TimeZone) on a local date
// whose weekday s runs on. The time returned is in s's zone.
//
// Daylight-saving days are handled exactly once each:
//   - spring forward: a local time that does not exist that day (02:30 in
//     New York on the second Sunday of March) runs at the first instant
//     after the gap, the moment of the transition (03:00 EDT); every time
//     inside the gap maps to that same instant;
//   - fall back: a local time that happens twice (01:30 in New York on the
//     first Sunday of November) runs once, at its first occurrence (01:30
//     EDT); the second occurrence is not a run.
//
// A local date the zone skips entirely (Pacific/Apia, 2011-12-30) has no
// run. NextRun returns an error for an unknown time zone, an hour or
// minute out of range, or a weekday filter that allows no day.
func NextRun(s digest.Schedule, after time.Time) (time.Time, error) {
	loc, err := validate(s)
	if err != nil {
		return time.Time{}, err
	}
	return nextRun(s, loc, after)
}

// PrevRun returns the latest run of s at or before t: its local date
// (YYYY-MM-DD) and instant, with the rules of NextRun. ok is false when s
// has no run in the eight days before t.
func PrevRun(s digest.Schedule, t time.Time) (localDate string, at time.Time, ok bool, err error) {
	loc, err := validate(s)
	if err != nil {
		return "", time.Time{}, false, err
	}
	localDate, at, ok = prevRun(s, loc, t)
	return localDate, at, ok, nil
}

// ScheduledAt returns the instant of the run of s on localDate
// (YYYY-MM-DD), with the rules of NextRun. ok is false when s does not run
// that day (weekday filter, or a date the zone skipped).
func ScheduledAt(s digest.Schedule, localDate string) (at time.Time, ok bool, err error) {
	loc, err := validate(s)
	if err != nil {
		return time.Time{}, false, err
	}
	d, err := time.Parse(dateLayout, localDate)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("local date %q: %w", localDate, err)
	}
	at, ok = runOn(s, loc, d)
	return at, ok, nil
}

// LocalDate returns t's date (YYYY-MM-DD) in s's time zone, UTC when the
// zone is unknown. A run is identified by (schedule id, LocalDate).
func LocalDate(s digest.Schedule, t time.Time) string {
	loc, err := s.Location()
	if err != nil {
		loc = time.UTC
	}
	return t.In(loc).Format(dateLayout)
}

// RunKey is the idempotency key of the run of schedule id on localDate,
// passed to Publisher.Publish: "sched-<id>-<YYYY-MM-DD>", at most 25 bytes
// for ids below 10^8 (Discord's nonce limit).
func RunKey(id int64, localDate string) string {
	return fmt.Sprintf("sched-%d-%s", id, localDate)
}

// validate checks s's time of day and weekdays and loads its zone.
func validate(s digest.Schedule) (*time.Location, error) {
	if err := checkSpec(s); err != nil {
		return nil, err
	}
	loc, err := s.Location()
	if err != nil {
		return nil, fmt.Errorf("schedule %d: %w", s.ID, err)
	}
	return loc, nil
}

// checkSpec checks s's time of day and weekdays.
func checkSpec(s digest.Schedule) error {
	if s.Hour < 0 || s.Hour > 23 || s.Minute < 0 || s.Minute > 59 {
		return fmt.Errorf("schedule %d: time of day %02d:%02d out of range", s.ID, s.Hour, s.Minute)
	}
	if len(s.Weekdays) > 0 {
		valid := false
		for _, d := range s.Weekdays {
			valid = valid || (d >= time.Sunday && d <= time.Saturday)
		}
		if !valid {
			return fmt.Errorf("schedule %d: %w", s.ID, errNeverRuns)
		}
	}
	return nil
}

// civil returns t's local date at noon UTC: a value that steps by days with
// AddDate without any zone getting in the way.
func civil(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 12, 0, 0, 0, time.UTC)
}

func nextRun(s digest.Schedule, loc *time.Location, after time.Time) (time.Time, error) {
	day := civil(after, loc)
	for k := -1; k <= 8; k++ {
		if at, ok := runOn(s, loc, day.AddDate(0, 0, k)); ok && at.After(after) {
			return at, nil
		}
	}
	return time.Time{}, fmt.Errorf("schedule %d: %w", s.ID, errNeverRuns)
}

func prevRun(s digest.Schedule, loc *time.Location, t time.Time) (string, time.Time, bool) {
	day := civil(t, loc)
	for k := 1; k >= -8; k-- {
		d := day.AddDate(0, 0, k)
		if at, ok := runOn(s, loc, d); ok && !at.After(t) {
			return d.Format(dateLayout), at, true
		}
	}
	return "", time.Time{}, false
}

// runOn returns the instant of s's run on civil date day (a date as
// returned by civil), or false when s does not run that day.
func runOn(s digest.Schedule, loc *time.Location, day time.Time) (time.Time, bool) {
	if !s.RunsOn(day.Weekday()) {
		return time.Time{}, false
	}
	y, m, d := day.Date()
	return localInstant(loc, time.Date(y, m, d, s.Hour, s.Minute, 0, 0, time.UTC))
}

// wallOf is t's local wall clock in its own zone, as a UTC value.
func wallOf(t time.Time) time.Time {
	y, m, d := t.Date()
	hh, mm, ss := t.Clock()
	return time.Date(y, m, d, hh, mm, ss, t.Nanosecond(), time.UTC)
}

// localInstant returns the instant at which loc's wall clock shows wall (a
// wall-clock reading carried in a UTC value): the first one when the
// reading happens twice, and the end of the gap when it never happens. ok
// is false only when the gap reaches into the next local date.
//
// time.Date leaves both cases unspecified, so the offsets in force around
// the reading are tried one by one.
func localInstant(loc *time.Location, wall time.Time) (time.Time, bool) {
	var offsets []int
	for _, probe := range []time.Duration{-26 * time.Hour, -13 * time.Hour, 0, 13 * time.Hour, 26 * time.Hour} {
		_, off := wall.Add(probe).In(loc).Zone()
		if !containsOffset(offsets, off) {
			offsets = append(offsets, off)
		}
	}
	var best time.Time
	for _, off := range offsets {
		u := wall.Add(-time.Duration(off) * time.Second)
		if wallOf(u.In(loc)).Equal(wall) && (best.IsZero() || u.Before(best)) {
			best = u
		}
	}
	if !best.IsZero() {
		return best.In(loc), true
	}
	// In a gap: read with the offset from before the jump, the instant lies
	// past the transition; the zone period it falls in began at the gap's end.
	for _, off := range offsets {
		u := wall.Add(-time.Duration(off) * time.Second).In(loc)
		if !wallOf(u).After(wall) {
			continue
		}
		start, _ := u.ZoneBounds()
		if start.IsZero() || start.After(u) || wallOf(start.In(loc)).Before(wall) {
			continue
		}
		if best.IsZero() || start.Before(best) {
			best = start
		}
	}
	if best.IsZero() {
		return time.Time{}, false
	}
	y, m, d := best.In(loc).Date()
	wy, wm, wd := wall.Date()
	if y != wy || m != wm || d != wd {
		return time.Time{}, false
	}
	return best.In(loc), true
}

func containsOffset(offs []int, off int) bool {
	for _, o := range offs {
		if o == off {
			return true
		}
	}
	return false
}
