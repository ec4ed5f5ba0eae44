package digest

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Schedule is a channel's subscription to a daily digest.
type Schedule struct {
	ID        int64
	Platform  string // "slack", "discord", "console"
	Workspace string // Slack team id or Discord guild id; may be empty
	ChannelID string
	Topics    []string
	Hour      int    // local time of day, 0-23
	Minute    int    // 0-59
	TimeZone  string // IANA name, e.g. "America/Mexico_City"
	// Weekdays the digest runs on; empty means every day.
	Weekdays   []time.Weekday
	MaxStories int
	CreatedBy  string
	CreatedAt  time.Time
	UpdatedAt  time.Time

	// Filter narrows the stories the digest draws on (zero: all).
	Filter Filter

	// Delivery state, filled by the store when listing.
	LastDate     string    // local date (YYYY-MM-DD) of the last delivered run
	LastDelivery time.Time // when it was delivered
	LastError    string    // the last failure, "" after a success
}

// Channel addresses where a reply is posted.
type Channel struct {
	Platform  string
	Workspace string
	ChannelID string
}

// Channel returns where s posts.
func (s Schedule) Channel() Channel {
	return Channel{Platform: s.Platform, Workspace: s.Workspace, ChannelID: s.ChannelID}
}

// RunsOn reports whether s runs on weekday d.
func (s Schedule) RunsOn(d time.Weekday) bool {
	if len(s.Weekdays) == 0 {
		return true
	}
	return slices.Contains(s.Weekdays, d)
}

// Location loads s.TimeZone.
func (s Schedule) Location() (*time.Location, error) {
	loc, err := time.LoadLocation(s.TimeZone)
	if err != nil {
		return nil, fmt.Errorf("schedule time zone %q: %w", s.TimeZone, err)
	}
	return loc, nil
}

// Describe is a one-line human description: "mexico, energy at 08:00 America/Mexico_City (Mon–Fri), up to 5 stories".
func (s Schedule) Describe() string {
	var b strings.Builder
	b.WriteString(strings.Join(s.Topics, ", "))
	fmt.Fprintf(&b, " at %02d:%02d %s", s.Hour, s.Minute, s.TimeZone)
	if len(s.Weekdays) > 0 && len(s.Weekdays) < 7 {
		days := make([]string, len(s.Weekdays))
		for i, d := range s.Weekdays {
			days[i] = d.String()[:3]
		}
		b.WriteString(" on " + strings.Join(days, ","))
	}
	if s.MaxStories == 1 {
		b.WriteString(", up to 1 story")
	} else {
		fmt.Fprintf(&b, ", up to %d stories", s.MaxStories)
	}
	if f := s.Filter.String(); f != "" {
		b.WriteString(", " + f)
	}
	return b.String()
}

// WeekdayMask packs days into a bit set, bit d for time.Weekday d; no days
// (every day) is 0. Stores keep schedules' weekdays in this form.
func WeekdayMask(days []time.Weekday) (uint8, error) {
	var m uint8
	for _, d := range days {
		if d < time.Sunday || d > time.Saturday {
			return 0, fmt.Errorf("weekday %d out of range", d)
		}
		m |= 1 << d
	}
	return m, nil
}

// WeekdaysOfMask unpacks a WeekdayMask, Sunday first; 0 gives nil (every day).
func WeekdaysOfMask(m uint8) []time.Weekday {
	var days []time.Weekday
	for d := time.Sunday; d <= time.Saturday; d++ {
		if m&(1<<d) != 0 {
			days = append(days, d)
		}
	}
	return days
}
