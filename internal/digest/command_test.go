package digest

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestParseCommand(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Command
	}{
		{"news topic", "/news mexico", Command{Name: CmdNews, Args: "mexico"}},
		{"news without slash", "news  Mexico City ", Command{Name: CmdNews, Args: "Mexico City"}},
		{"news url", "/news https://example.com/a?b=1", Command{Name: CmdNews, Args: "https://example.com/a?b=1"}},
		{"news empty", "/news", Command{Name: CmdNews}},
		{"quote", "/quote a wetter century", Command{Name: CmdQuote, Args: "a wetter century"}},
		{"quote quoted", `/quote "a wetter century"`, Command{Name: CmdQuote, Args: "a wetter century"}},
		{"who said curly", "who said ‘a wetter century’?", Command{Name: CmdQuote, Args: "a wetter century"}},
		{"who said plain", "Who said a wetter century", Command{Name: CmdQuote, Args: "a wetter century"}},
		{"quien dijo", "¿Quién dijo 'el canal necesita lluvia'?", Command{Name: CmdQuote, Args: "el canal necesita lluvia"}},
		{"free text dm", "a wetter century", Command{Name: CmdHelp, Sub: HelpFreeText, Args: "a wetter century"}},
		{"quoted text dm", "\u201ca wetter century\u201d", Command{Name: CmdQuote, Args: "a wetter century"}},
		{"help", "/help", Command{Name: CmdHelp}},
		{"empty", "   ", Command{Name: CmdHelp}},
		{"digest list", "/digest list", Command{Name: CmdDigest, Sub: DigestList}},
		{"digest bare", "/digest", Command{Name: CmdDigest, Sub: DigestList}},
		{"digest remove", "/digest remove #12", Command{Name: CmdDigest, Sub: DigestRemove, ScheduleID: 12}},
		{"digest now", "/digest now", Command{Name: CmdDigest, Sub: DigestNow}},
		{"digest now id", "/digest now 3", Command{Name: CmdDigest, Sub: DigestNow, ScheduleID: 3}},
		{"digest now hash id", "/digest now #3", Command{Name: CmdDigest, Sub: DigestNow, ScheduleID: 3}},
		{"digest now topics", "/digest now mexico, energy", Command{Name: CmdDigest, Sub: DigestNow, Args: "mexico, energy"}},
		{"digest now topics filters", "/digest now mexico lang:es", Command{Name: CmdDigest, Sub: DigestNow, Args: "mexico lang:es"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseCommand(tt.in)
			if err != nil {
				t.Fatalf("ParseCommand(%q): %v", tt.in, err)
			}
			if got.Name != tt.want.Name || got.Args != tt.want.Args || got.Sub != tt.want.Sub || got.ScheduleID != tt.want.ScheduleID {
				t.Fatalf("ParseCommand(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseDigestAdd(t *testing.T) {
	weekdays := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	tests := []struct {
		name string
		in   string
		want Schedule
	}{
		{"basic", "/digest add mexico at 08:00 America/Mexico_City",
			Schedule{Topics: []string{"mexico"}, Hour: 8, TimeZone: "America/Mexico_City"}},
		{"several topics, default zone", "/digest add Mexico, energy and water at 7:30",
			Schedule{Topics: []string{"mexico", "energy and water"}, Hour: 7, Minute: 30}},
		{"pm, days and max", "/digest add mexico at 6pm UTC on mon-fri max 3",
			Schedule{Topics: []string{"mexico"}, Hour: 18, TimeZone: "UTC", Weekdays: weekdays, MaxStories: 3}},
		{"weekdays word", "/digest add peso at 12am on weekdays",
			Schedule{Topics: []string{"peso"}, Hour: 0, Weekdays: weekdays}},
		{"wrapping range", "/digest add sport at 09:15 Europe/London on fri-mon",
			Schedule{Topics: []string{"sport"}, Hour: 9, Minute: 15, TimeZone: "Europe/London",
				Weekdays: []time.Weekday{time.Sunday, time.Monday, time.Friday, time.Saturday}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd, err := ParseCommand(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if cmd.Sub != DigestAdd || cmd.Schedule == nil {
				t.Fatalf("got %+v", cmd)
			}
			s := *cmd.Schedule
			if strings.Join(s.Topics, "|") != strings.Join(tt.want.Topics, "|") || s.Hour != tt.want.Hour ||
				s.Minute != tt.want.Minute || s.TimeZone != tt.want.TimeZone || s.MaxStories != tt.want.MaxStories ||
				!slices.Equal(s.Weekdays, tt.want.Weekdays) {
				t.Fatalf("schedule = %+v, want %+v", s, tt.want)
			}
		})
	}
}

func TestParseCommandErrors(t *testing.T) {
	tests := []struct {
		name, in, wantMsg string
	}{
		{"unknown command", "/weather paris", "Unknown command"},
		{"quote without words", "/quote", "Usage: /quote"},
		{"digest without time", "/digest add mexico", "Add a time"},
		{"bad hour", "/digest add mexico at 25:00", "not a time of day"},
		{"bad zone", "/digest add mexico at 08:00 Mars/Olympus", "Unknown time zone"},
		{"bad day", "/digest add mexico at 08:00 on funday", "not a day"},
		{"max too big", "/digest add mexico at 08:00 max 50", "between 1 and 10"},
		{"no topics", "/digest add at 08:00", "Which topics"},
		{"remove without id", "/digest remove", "Which schedule"},
		{"unknown sub", "/digest pause 3", "Unknown /digest action"},
		{"too long", "/news " + strings.Repeat("a", MaxCommandLen), "too long"},
		{"too many characters", "/news " + strings.Repeat("é", MaxCommandLen), "too long"},
		{"invalid utf8", "/news \xff\xfe", "not valid text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseCommand(tt.in)
			var e *Error
			if !errors.As(err, &e) || e.Code != CodeUsage {
				t.Fatalf("ParseCommand(%q) error = %v, want a usage *Error", tt.in, err)
			}
			if !strings.Contains(UserMessage(err), tt.wantMsg) {
				t.Fatalf("message %q does not contain %q", UserMessage(err), tt.wantMsg)
			}
		})
	}
}

func FuzzParseCommand(f *testing.F) {
	for _, s := range []string{"/news mexico", "who said 'x'?", "/digest add a, b at 8pm UTC on mon-fri max 3", "/digest remove 1", "/quote", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		cmd, err := ParseCommand(in)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error is not a user-safe *Error: %v", err)
			}
			return
		}
		switch cmd.Name {
		case CmdNews, CmdQuote, CmdHelp, CmdDigest, CmdFeeds:
		default:
			t.Fatalf("unexpected command %q", cmd.Name)
		}
		if !utf8.ValidString(cmd.Args) {
			t.Fatalf("args not UTF-8: %q", cmd.Args)
		}
		if s := cmd.Schedule; s != nil {
			if s.Hour < 0 || s.Hour > 23 || s.Minute < 0 || s.Minute > 59 || len(s.Topics) == 0 || s.MaxStories < 0 {
				t.Fatalf("invalid schedule %+v", s)
			}
		}
	})
}

// TestCommandLengthInCharacters checks that the limit the message states in
// characters is counted in characters: a Spanish or Greek command of fewer
// than MaxCommandLen characters is accepted even when it takes more bytes.
func TestCommandLengthInCharacters(t *testing.T) {
	words := strings.Repeat("ñ", MaxCommandLen-len("/news "))
	if len(words) <= MaxCommandLen {
		t.Fatal("test text must be longer than the limit in bytes")
	}
	cmd, err := ParseCommand("/news " + words)
	if err != nil {
		t.Fatalf("ParseCommand of %d characters (%d bytes): %v", MaxCommandLen, len("/news ")+len(words), err)
	}
	if cmd.Name != CmdNews || cmd.Args != words {
		t.Fatalf("got %+v", cmd.Name)
	}
}
