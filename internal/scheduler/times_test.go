package scheduler_test

import (
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/scheduler"
)

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func sched(tz string, hh, mm int, days ...time.Weekday) digest.Schedule {
	return digest.Schedule{ID: 1, Platform: "slack", ChannelID: "C1", Topics: []string{"mexico"},
		TimeZone: tz, Hour: hh, Minute: mm, Weekdays: days, MaxStories: 5}
}

var weekdays = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}

func TestNextRun(t *testing.T) {
	tests := []struct {
		name  string
		s     digest.Schedule
		after string
		want  string
	}{
		{"UTC before the time", sched("UTC", 8, 0), "2026-03-10T07:59:00Z", "2026-03-10T08:00:00Z"},
		{"UTC at the time: strictly after, so tomorrow", sched("UTC", 8, 0), "2026-03-10T08:00:00Z", "2026-03-11T08:00:00Z"},
		{"Mexico City (UTC-6, no DST)", sched("America/Mexico_City", 8, 0), "2026-03-10T13:00:00Z", "2026-03-10T14:00:00Z"},
		{"Mexico City late evening is the next UTC day", sched("America/Mexico_City", 23, 30), "2026-03-11T04:00:00Z", "2026-03-11T05:30:00Z"},
		{"Tokyo (UTC+9) morning is the previous UTC day", sched("Asia/Tokyo", 8, 0), "2026-03-09T22:00:00Z", "2026-03-09T23:00:00Z"},
		{"Auckland in summer (UTC+13)", sched("Pacific/Auckland", 8, 0), "2026-03-09T18:00:00Z", "2026-03-09T19:00:00Z"},
		{"Auckland in winter (UTC+12)", sched("Pacific/Auckland", 8, 0), "2026-07-01T00:00:00Z", "2026-07-01T20:00:00Z"},

		{"New York spring forward: 02:30 does not exist, runs at 03:00 EDT", sched("America/New_York", 2, 30), "2026-03-08T05:00:00Z", "2026-03-08T07:00:00Z"},
		{"New York spring forward: 02:00 is in the gap too", sched("America/New_York", 2, 0), "2026-03-08T05:00:00Z", "2026-03-08T07:00:00Z"},
		{"New York spring forward: 01:59 is still EST", sched("America/New_York", 1, 59), "2026-03-08T05:00:00Z", "2026-03-08T06:59:00Z"},
		{"New York spring forward: 03:00 EDT", sched("America/New_York", 3, 0), "2026-03-08T05:00:00Z", "2026-03-08T07:00:00Z"},
		{"New York the day after spring forward", sched("America/New_York", 2, 30), "2026-03-08T07:00:00Z", "2026-03-09T06:30:00Z"},
		{"New York fall back: 01:30 runs at its first occurrence (EDT)", sched("America/New_York", 1, 30), "2026-11-01T04:00:00Z", "2026-11-01T05:30:00Z"},
		{"New York fall back: the second 01:30 (EST) is not a run", sched("America/New_York", 1, 30), "2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"},
		{"London spring forward: 01:30 runs at 02:00 BST", sched("Europe/London", 1, 30), "2026-03-29T00:00:00Z", "2026-03-29T01:00:00Z"},
		{"London fall back: first 01:30 (BST)", sched("Europe/London", 1, 30), "2026-10-25T00:00:00Z", "2026-10-25T00:30:00Z"},
		{"London fall back: not again at 01:30 GMT", sched("Europe/London", 1, 30), "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"},
		{"Auckland spring forward: 02:30 runs at 03:00 NZDT", sched("Pacific/Auckland", 2, 30), "2026-09-26T12:00:00Z", "2026-09-26T14:00:00Z"},
		{"Auckland fall back: first 02:30 (NZDT)", sched("Pacific/Auckland", 2, 30), "2026-04-04T12:00:00Z", "2026-04-04T13:30:00Z"},
		{"Auckland fall back: not again at 02:30 NZST", sched("Pacific/Auckland", 2, 30), "2026-04-04T13:30:00Z", "2026-04-05T14:30:00Z"},
		{"Apia skipped 30 Dec 2011: no run that date", sched("Pacific/Apia", 8, 0), "2011-12-29T18:00:00Z", "2011-12-30T18:00:00Z"},

		{"weekdays: Friday after the run → Monday", sched("UTC", 8, 0, weekdays...), "2026-03-13T09:00:00Z", "2026-03-16T08:00:00Z"},
		{"weekdays: Saturday → Monday", sched("UTC", 8, 0, weekdays...), "2026-03-14T07:00:00Z", "2026-03-16T08:00:00Z"},
		{"weekday is the local one: Monday in Tokyo, Sunday in UTC", sched("Asia/Tokyo", 8, 0, time.Monday), "2026-03-15T12:00:00Z", "2026-03-15T23:00:00Z"},
		{"weekday is the local one: Sunday in Mexico City, Monday in UTC", sched("America/Mexico_City", 20, 0, time.Sunday), "2026-03-16T01:00:00Z", "2026-03-16T02:00:00Z"},
		{"weekly: a week ahead", sched("UTC", 8, 0, time.Tuesday), "2026-03-10T08:00:00Z", "2026-03-17T08:00:00Z"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := scheduler.NextRun(tc.s, utc(tc.after))
			if err != nil {
				t.Fatalf("NextRun: %v", err)
			}
			if want := utc(tc.want); !got.Equal(want) {
				loc, _ := tc.s.Location()
				t.Errorf("NextRun = %s (%s), want %s (%s)", got.UTC().Format(time.RFC3339), got.In(loc).Format("Mon 15:04 MST"),
					want.Format(time.RFC3339), want.In(loc).Format("Mon 15:04 MST"))
			}
			// PrevRun at the run itself finds it, with its local date.
			date, at, ok, err := scheduler.PrevRun(tc.s, got)
			if err != nil || !ok || !at.Equal(got) || date != scheduler.LocalDate(tc.s, got) {
				t.Errorf("PrevRun(%s) = %q, %s, %v, %v; want the run itself", got, date, at, ok, err)
			}
		})
	}
}

func TestNextRunErrors(t *testing.T) {
	tests := []struct {
		name string
		s    digest.Schedule
	}{
		{"unknown zone", sched("Mars/Olympus_Mons", 8, 0)},
		{"hour 24", sched("UTC", 24, 0)},
		{"minute 60", sched("UTC", 8, 60)},
		{"negative hour", sched("UTC", -1, 0)},
		{"no valid weekday", sched("UTC", 8, 0, time.Weekday(9))},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got, err := scheduler.NextRun(tc.s, utc("2026-03-10T00:00:00Z")); err == nil {
				t.Errorf("NextRun = %s, want an error", got)
			}
			if _, _, _, err := scheduler.PrevRun(tc.s, utc("2026-03-10T00:00:00Z")); err == nil {
				t.Error("PrevRun: want an error")
			}
		})
	}
}

func TestScheduledAt(t *testing.T) {
	tests := []struct {
		name   string
		s      digest.Schedule
		date   string
		want   string // "" for no run
		errors bool
	}{
		{"fall back, first occurrence", sched("America/New_York", 1, 30), "2026-11-01", "2026-11-01T05:30:00Z", false},
		{"spring forward, end of the gap", sched("Europe/London", 1, 30), "2026-03-29", "2026-03-29T01:00:00Z", false},
		{"Tokyo", sched("Asia/Tokyo", 8, 0), "2026-03-10", "2026-03-09T23:00:00Z", false},
		{"filtered weekday", sched("UTC", 8, 0, weekdays...), "2026-03-14", "", false},
		{"skipped date", sched("Pacific/Apia", 8, 0), "2011-12-30", "", false},
		{"bad date", sched("UTC", 8, 0), "2026-13-01", "", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			at, ok, err := scheduler.ScheduledAt(tc.s, tc.date)
			if (err != nil) != tc.errors {
				t.Fatalf("err = %v, want error %v", err, tc.errors)
			}
			if tc.want == "" {
				if ok {
					t.Errorf("ScheduledAt = %s, want no run", at)
				}
				return
			}
			if !ok || !at.Equal(utc(tc.want)) {
				t.Errorf("ScheduledAt = %s, %v; want %s", at, ok, tc.want)
			}
		})
	}
}

func TestLocalDate(t *testing.T) {
	tests := []struct {
		tz, at, want string
	}{
		{"Asia/Tokyo", "2026-03-15T23:00:00Z", "2026-03-16"},
		{"America/Mexico_City", "2026-03-16T03:00:00Z", "2026-03-15"},
		{"Pacific/Auckland", "2026-03-09T19:00:00Z", "2026-03-10"},
		{"UTC", "2026-03-09T23:59:59Z", "2026-03-09"},
		{"Not/A_Zone", "2026-03-09T23:59:59Z", "2026-03-09"}, // falls back to UTC
	}
	for _, tc := range tests {
		t.Run(tc.tz, func(t *testing.T) {
			if got := scheduler.LocalDate(sched(tc.tz, 8, 0), utc(tc.at)); got != tc.want {
				t.Errorf("LocalDate = %s, want %s", got, tc.want)
			}
		})
	}
}

func TestRunKey(t *testing.T) {
	if got := scheduler.RunKey(12345678, "2026-03-10"); got != "sched-12345678-2026-03-10" || len(got) > 25 {
		t.Errorf("RunKey = %q (%d bytes), want sched-12345678-2026-03-10 within 25 bytes", got, len(got))
	}
}

// checkNextRun asserts NextRun's contract for s after after: the run is in
// the future, at most a day and a bit away, shows the asked local time (or
// is the end of a DST gap), is the only run of its local date, and PrevRun
// agrees.
func checkNextRun(t *testing.T, s digest.Schedule, loc *time.Location, after time.Time) {
	t.Helper()
	got, err := scheduler.NextRun(s, after)
	if err != nil {
		t.Fatalf("NextRun: %v", err)
	}
	if !got.After(after) || got.Sub(after) > 50*time.Hour {
		t.Fatalf("NextRun(%s) = %s: not within (after, after+50h]", after, got)
	}
	l := got.In(loc)
	if l.Hour() != s.Hour || l.Minute() != s.Minute {
		// Only allowed at the end of a gap that swallowed hh:mm.
		start, _ := l.ZoneBounds()
		if !start.Equal(got) {
			t.Fatalf("NextRun = %s (%s local): not %02d:%02d and not a zone transition", got, l, s.Hour, s.Minute)
		}
	}
	next, err := scheduler.NextRun(s, got)
	if err != nil {
		t.Fatal(err)
	}
	if d := scheduler.LocalDate(s, got); scheduler.LocalDate(s, next) == d {
		t.Fatalf("two runs on local date %s: %s and %s", d, got, next)
	}
	if date, at, ok, err := scheduler.PrevRun(s, got); err != nil || !ok || !at.Equal(got) || date != scheduler.LocalDate(s, got) {
		t.Fatalf("PrevRun(%s) = %s, %s, %v, %v", got, date, at, ok, err)
	}
	if _, at, ok, _ := scheduler.PrevRun(s, got.Add(-time.Second)); ok && !at.Before(after.Add(time.Second)) && at.After(after) {
		t.Fatalf("a run at %s between %s and NextRun %s", at, after, got)
	}
}

// TestNextRunAroundTransitions checks the contract on every quarter hour of
// every day with a zone transition in 2026, in zones with odd rules.
func TestNextRunAroundTransitions(t *testing.T) {
	for _, tz := range fuzzZones {
		loc, err := time.LoadLocation(tz)
		if err != nil {
			t.Fatal(err)
		}
		var days []time.Time
		for at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC); at.Year() == 2026; {
			_, end := at.In(loc).ZoneBounds()
			if end.IsZero() || end.Year() != 2026 {
				break
			}
			days = append(days, end)
			at = end
		}
		for _, tr := range days {
			l := tr.In(loc)
			midnightBefore := time.Date(l.Year(), l.Month(), l.Day()-1, 0, 0, 0, 0, loc)
			for q := 0; q < 96; q++ {
				s := sched(tz, q/4, q%4*15)
				for _, after := range []time.Time{midnightBefore, tr.Add(-time.Minute), tr} {
					checkNextRun(t, s, loc, after)
				}
			}
		}
		t.Logf("%s: %d transitions in 2026", tz, len(days))
	}
}

var fuzzZones = []string{"UTC", "America/New_York", "Europe/London", "Pacific/Auckland", "Asia/Tokyo",
	"America/Mexico_City", "Australia/Lord_Howe", "America/Santiago", "Asia/Kolkata", "Pacific/Apia", "America/Havana"}

// FuzzNextRun checks NextRun's contract for any zone, time of day and
// instant: the run is in the future, at most a day and a bit away, shows
// the asked local time (or is the end of a DST gap), is the only run of its
// local date, and PrevRun agrees.
func FuzzNextRun(f *testing.F) {
	f.Add(uint8(1), uint8(2), uint8(30), int64(1772928000)) // New York, 2026-03-08
	f.Add(uint8(1), uint8(1), uint8(30), int64(1793491200)) // New York, 2026-11-01
	f.Add(uint8(3), uint8(2), uint8(30), int64(1775260800)) // Auckland, 2026-04-04
	f.Add(uint8(9), uint8(8), uint8(0), int64(1325160000))  // Apia, 2011-12-29
	f.Add(uint8(6), uint8(2), uint8(15), int64(1775260800)) // Lord Howe, 30-minute DST
	f.Add(uint8(7), uint8(0), uint8(0), int64(1788652800))  // Santiago, midnight transition
	f.Fuzz(func(t *testing.T, zone, hour, minute uint8, unix int64) {
		const lo, hi = 946684800, 2208988800 // 2000 to 2040
		unix = lo + (unix%(hi-lo)+(hi-lo))%(hi-lo)
		s := sched(fuzzZones[int(zone)%len(fuzzZones)], int(hour%24), int(minute%60))
		loc, err := s.Location()
		if err != nil {
			t.Skip(err)
		}
		checkNextRun(t, s, loc, time.Unix(unix, 0))
	})
}
