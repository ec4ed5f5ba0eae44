package digest

import (
	"strings"
	"testing"
)

func TestParseFriendlierInput(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    Command
		wantErr string // in the usage message
	}{
		{name: "typo slash", in: "/nwes mexico", wantErr: "Did you mean /news? Try: /news mexico"},
		{name: "typo digest", in: "/digets list", wantErr: "Did you mean /digest?"},
		{name: "typo dm", in: "nwes mexico", wantErr: "Did you mean /news?"},
		{name: "unknown far", in: "/weather today", wantErr: "Unknown command /weather. Try /help."},
		{name: "dm hello gets help", in: "hello", want: Command{Name: CmdHelp, Sub: HelpFreeText, Args: "hello"}},
		{name: "news help", in: "/news help", want: Command{Name: CmdHelp, Args: CmdNews}},
		{name: "digest help", in: "/digest help", want: Command{Name: CmdHelp, Args: CmdDigest}},
		{name: "quote help", in: "/quote help", want: Command{Name: CmdHelp, Args: CmdQuote}},
		{name: "feeds help", in: "/feeds ?", want: Command{Name: CmdHelp, Args: CmdFeeds}},
		{name: "help about", in: "/help digest", want: Command{Name: CmdHelp, Args: CmdDigest}},
		{name: "digest add help", in: "/digest add help", want: Command{Name: CmdHelp, Args: CmdDigest}},
		{name: "feeds add help", in: "/feeds add ?", want: Command{Name: CmdHelp, Args: CmdFeeds}},
		{name: "quote ending in help", in: "/quote who can help", want: Command{Name: CmdQuote, Args: "who can help"}},
		{name: "digest now help", in: "/digest now help", want: Command{Name: CmdHelp, Args: CmdDigest}},
		{name: "digest now filters", in: "/digest now mexico lang:es", want: Command{Name: CmdDigest, Sub: DigestNow, Args: "mexico lang:es"}},
		{name: "digest now filters only", in: "/digest now lang:es", wantErr: "Which topics?"},
		{name: "digest now id with filters", in: "/digest now 3 lang:es", wantErr: "/digest edit 3 lang:es"},
		{name: "digest now bad filter", in: "/digest now mexico lang:xx", wantErr: "lang:xx is not a language"},
		{name: "feeds add", in: "/feeds add <https://example.org/rss>", want: Command{Name: CmdFeeds, Sub: FeedsAdd, Args: "https://example.org/rss"}},
		{name: "feeds list", in: "/feeds", want: Command{Name: CmdFeeds, Sub: FeedsList}},
		{name: "feeds remove", in: "/feeds remove #4", want: Command{Name: CmdFeeds, Sub: FeedsRemove, FeedID: 4}},
		{name: "feeds remove bad", in: "/feeds remove x", wantErr: "Which feed?"},
		{name: "feeds add two", in: "/feeds add a.org b.org", wantErr: "one feed at a time"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseCommand(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(UserMessage(err), tt.wantErr) || ErrorCodeOf(err) != CodeUsage {
					t.Fatalf("ParseCommand(%q) = %+v, %v; want usage error with %q", tt.in, got, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseCommand(%q): %v", tt.in, err)
			}
			if got.Name != tt.want.Name || got.Sub != tt.want.Sub || got.Args != tt.want.Args || got.FeedID != tt.want.FeedID {
				t.Errorf("ParseCommand(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseTimeZone(t *testing.T) {
	tests := []struct{ in, want, wantErr string }{
		{in: "America/Mexico_City", want: "America/Mexico_City"},
		{in: "america/mexico_city", want: "America/Mexico_City"},
		{in: "EUROPE/MADRID", want: "Europe/Madrid"},
		{in: "america/port-au-prince", want: "America/Port-au-Prince"},
		{in: "africa/dar_es_salaam", want: "Africa/Dar_es_Salaam"},
		{in: "america/argentina/buenos_aires", want: "America/Argentina/Buenos_Aires"},
		{in: "us/pacific", want: "US/Pacific"},
		{in: "etc/gmt+5", want: "Etc/GMT+5"},
		{in: "cet", want: "CET"},
		{in: "EST", want: "EST"},
		{in: "utc", want: "UTC"},
		{in: "PST", wantErr: "use America/Los_Angeles"},
		{in: "Mars/Olympus", wantErr: "Unknown time zone"},
		{in: "Local", wantErr: "Unknown time zone"},
		{in: "../../etc/passwd", wantErr: "not a time zone"},
	}
	for _, tt := range tests {
		got, err := ParseTimeZone(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(UserMessage(err), tt.wantErr) {
				t.Errorf("ParseTimeZone(%q) = %q, %v; want error with %q", tt.in, got, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseTimeZone(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestDigestAddAtOptional(t *testing.T) {
	tests := []struct {
		in           string
		topics       string
		hour, minute int
		zone         string
	}{
		{"/digest add energy 08:00", "energy", 8, 0, ""},
		{"/digest add energy 8:30pm cet", "energy", 20, 30, "CET"},
		{"/digest add mexico, energy 7am america/mexico_city on mon-fri", "mexico,energy", 7, 0, "America/Mexico_City"},
		{"/digest add energy at 08:00", "energy", 8, 0, ""},
	}
	for _, tt := range tests {
		cmd, err := ParseCommand(tt.in)
		if err != nil {
			t.Errorf("ParseCommand(%q): %v", tt.in, err)
			continue
		}
		s := cmd.Schedule
		if strings.Join(s.Topics, ",") != tt.topics || s.Hour != tt.hour || s.Minute != tt.minute || s.TimeZone != tt.zone {
			t.Errorf("ParseCommand(%q) = topics %v %02d:%02d %q, want %s %02d:%02d %q", tt.in, s.Topics, s.Hour, s.Minute, s.TimeZone,
				tt.topics, tt.hour, tt.minute, tt.zone)
		}
	}
	if _, err := ParseCommand("/digest add energy 2026"); err == nil {
		t.Error("a bare number was taken for a time")
	}
}

// TestHelpTexts checks that help shows what the parser accepts and names
// the feed owner in words true on every platform.
func TestHelpTexts(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"help", "/help", []string{"/digest now [id|topics [filters]]", "this workspace's or server's own news sources"}},
		{"help digest", "/help digest", []string{"/digest now [id|topics [filters]]", "/digest now mexico lang:es"}},
		{"help feeds", "/help feeds", []string{"this workspace or server", "this workspace's or server's sources"}},
		{"help news", "/help news", []string{"this workspace's or server's /feeds"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd, err := ParseCommand(tt.in)
			if err != nil {
				t.Fatalf("ParseCommand(%q): %v", tt.in, err)
			}
			text := helpReply(cmd).Text
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("%s: help lacks %q:\n%s", tt.in, w, text)
				}
			}
		})
	}
	// What the help promises for /digest now parses.
	if _, err := ParseCommand("/digest now mexico lang:es"); err != nil {
		t.Errorf("/digest now mexico lang:es: %v", err)
	}
}
