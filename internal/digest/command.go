package digest

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Command names understood by every platform.
const (
	CmdNews   = "news"
	CmdQuote  = "quote"
	CmdDigest = "digest"
	CmdHelp   = "help"
)

// Sub-commands of /digest.
const (
	DigestAdd    = "add"
	DigestList   = "list"
	DigestRemove = "remove"
	DigestNow    = "now"
)

// MaxCommandLen bounds the text a command may carry, in characters
// (Unicode code points), as the message to the user says.
const MaxCommandLen = 2000

// Command is a parsed user request, platform-neutral. Adapters fill the
// context fields (Platform … CanManage) from the platform event.
type Command struct {
	Name string // CmdNews, CmdQuote, CmdDigest, CmdHelp
	Args string // topic or URL for news, words for quote
	Sub  string // for digest: DigestAdd, DigestList, DigestRemove, DigestNow

	// For "digest add": the requested schedule (TimeZone may be empty: the
	// Service applies its default). For "digest remove|now": the id (0 for
	// "now" without an id means the channel's topics or Args).
	Schedule   *Schedule
	ScheduleID int64
	FeedID     int64         // for "feeds remove"
	Edit       *ScheduleEdit // for "digest edit"

	Platform  string
	Workspace string
	ChannelID string
	UserID    string
	DM        bool
	// CanManage is true when the user may manage the channel's schedules
	// (Discord: Manage Channels or Manage Server; Slack and console: true).
	CanManage bool
}

var (
	whoSaidRe = regexp.MustCompile(`(?i)^\s*¿?\s*(?:who\s+(?:said|says|told|wrote)|quien\s+dijo|quién\s+dijo)\s*[:,]?\s*(.+?)\s*\??\s*$`)
	atTimeRe  = regexp.MustCompile(`(?i)\s+at\s+(\d{1,2})(?::(\d{2}))?\s*(am|pm)?\b`)
	maxRe     = regexp.MustCompile(`(?i)\s+max(?:imum)?\s+(\d{1,2})\b`)
	onDaysRe  = regexp.MustCompile(`(?i)\s+on\s+([a-z,\-\s]+?)(?:\s+max|\s*$)`)
)

// ParseCommand parses one line of user text: "/news mexico", "news mexico",
// "/quote a wetter century", "who said 'a wetter century'?",
// "/digest add mexico at 08:00 America/Mexico_City on mon-fri max 5".
// Text with no leading command word is a quote lookup when it looks like a
// question about a quote; otherwise ParseCommand returns a usage *Error.
func ParseCommand(text string) (Command, error) {
	text = strings.TrimSpace(text)
	if !utf8.ValidString(text) {
		return Command{}, usageError("That message is not valid text.")
	}
	if text == "" {
		return Command{Name: CmdHelp}, nil
	}
	if utf8.RuneCountInString(text) > MaxCommandLen {
		return Command{}, usageError("That command is too long (over %d characters).", MaxCommandLen)
	}
	if m := whoSaidRe.FindStringSubmatch(text); m != nil {
		words := trimQuotes(m[1])
		if words == "" {
			return Command{}, usageError("Who said what? Try: who said \"a wetter century\"?")
		}
		return Command{Name: CmdQuote, Args: words}, nil
	}
	word, rest, _ := strings.Cut(text, " ")
	rest = strings.TrimSpace(rest)
	name := strings.ToLower(strings.TrimPrefix(word, "/"))
	if canon, ok := commandAliases[name]; ok && canon != CmdHelp && (isHelpWord(rest) || subHelp(canon, rest)) {
		return Command{Name: CmdHelp, Args: canon}, nil // "/news help", "/digest add help"
	}
	switch name {
	case CmdNews, "noticias":
		return Command{Name: CmdNews, Args: rest}, nil
	case CmdQuote, "quotes", "cita":
		if rest == "" {
			return Command{}, usageError("Usage: /quote <words>, e.g. /quote a wetter century")
		}
		return Command{Name: CmdQuote, Args: trimQuotes(rest)}, nil
	case CmdHelp, "start", "?":
		about, _, _ := strings.Cut(rest, " ")
		return Command{Name: CmdHelp, Args: commandAliases[strings.ToLower(strings.TrimPrefix(about, "/"))]}, nil
	case CmdDigest, "schedule":
		return parseDigest(rest)
	case CmdFeeds, "feed", "sources":
		return parseFeeds(rest)
	}
	if strings.HasPrefix(word, "/") {
		return Command{}, unknownCommand(word, rest)
	}
	// Free text (a DM): a quote lookup when quoted, help otherwise.
	if looksQuoted(text) {
		return Command{Name: CmdQuote, Args: trimQuotes(text)}, nil
	}
	if c := closestCommand(name); c != "" && editDistance(name, c) <= 1 {
		return Command{}, unknownCommand(word, rest)
	}
	return Command{Name: CmdHelp, Sub: HelpFreeText, Args: text}, nil
}

func trimQuotes(s string) string {
	return strings.TrimSpace(strings.Trim(strings.TrimSpace(s), "\"'“”‘’«»„?¿ "))
}

const digestUsage = "Usage: /digest add <topics> at <HH:MM> [time zone] [on mon-fri] [max N] · /digest list · /digest remove <id> · /digest now [id|topics [filters]]"

// parseDigestNow parses "/digest now [id|topics [filters]]": nothing (the
// channel's first digest), a saved digest's id, or topics with optional
// filters, which are checked here so that a bad one is a usage error
// before anything runs. Args keeps the topics and filters as typed.
func parseDigestNow(cmd Command, args string) (Command, error) {
	if args == "" {
		return cmd, nil
	}
	topics, fe, err := ParseFilter(args)
	if err != nil {
		return Command{}, err
	}
	topics = strings.TrimSpace(topics)
	if n, err := strconv.ParseInt(strings.TrimPrefix(topics, "#"), 10, 64); err == nil && n > 0 {
		if len(fe.Keys) > 0 {
			return Command{}, usageError("Filters go with topics, not with a saved digest: /digest now mexico lang:es, or change digest #%d with /digest edit %d lang:es.", n, n)
		}
		cmd.ScheduleID = n
		return cmd, nil
	}
	if topics == "" {
		return Command{}, usageError("Which topics? Filters narrow a digest of topics: /digest now mexico lang:es.")
	}
	cmd.Args = args // topics and filters for a one-off digest
	return cmd, nil
}

func parseDigest(rest string) (Command, error) {
	sub, args, _ := strings.Cut(rest, " ")
	args = strings.TrimSpace(args)
	cmd := Command{Name: CmdDigest, Sub: strings.ToLower(sub)}
	switch cmd.Sub {
	case DigestList, "":
		cmd.Sub = DigestList
		return cmd, nil
	case DigestNow:
		return parseDigestNow(cmd, args)
	case DigestRemove, "delete", "rm":
		cmd.Sub = DigestRemove
		id := strings.TrimPrefix(args, "#")
		if id == "" {
			return Command{}, usageError("Which schedule? Usage: /digest remove <id> (see /digest list)")
		}
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil || n <= 0 {
			return Command{}, usageError("%q is not a schedule id. See /digest list.", args)
		}
		cmd.ScheduleID = n
		return cmd, nil
	case DigestAdd:
		args, fe, err := ParseFilter(args)
		if err != nil {
			return Command{}, err
		}
		s, err := parseScheduleSpec(args)
		if err != nil {
			return Command{}, err
		}
		s.Filter = fe.Filter
		cmd.Schedule = &s
		return cmd, nil
	case DigestEdit, "change", DigestPreview:
		if cmd.Sub == "change" {
			cmd.Sub = DigestEdit
		}
		return parseDigestMore(cmd.Sub, args)
	}
	return Command{}, usageError("Unknown /digest action %q. %s", sub, digestUsage)
}

// parseScheduleSpec parses "mexico, energy at 8:30am America/Mexico_City on mon-fri max 5".
func parseScheduleSpec(spec string) (Schedule, error) {
	var s Schedule // MaxStories 0 without "max N": the Service's default
	spec = " " + spec
	if m := maxRe.FindStringSubmatchIndex(spec); m != nil {
		n, _ := strconv.Atoi(spec[m[2]:m[3]])
		if n < 1 || n > 10 {
			return s, usageError("max must be between 1 and 10 stories.")
		}
		s.MaxStories = n
		spec = spec[:m[0]] + spec[m[1]:]
	}
	if m := onDaysRe.FindStringSubmatchIndex(spec); m != nil {
		days, err := parseWeekdays(spec[m[2]:m[3]])
		if err != nil {
			return s, err
		}
		s.Weekdays = days
		spec = spec[:m[0]] + spec[m[3]:]
	}
	spec = optionalAt(spec)
	m := atTimeRe.FindStringSubmatchIndex(spec)
	if m == nil {
		return s, usageError("When? Add a time, e.g. /digest add mexico at 08:00 America/Mexico_City")
	}
	h, _ := strconv.Atoi(spec[m[2]:m[3]])
	if m[4] >= 0 {
		s.Minute, _ = strconv.Atoi(spec[m[4]:m[5]])
	}
	if m[6] >= 0 {
		ampm := strings.ToLower(spec[m[6]:m[7]])
		if h < 1 || h > 12 {
			return s, usageError("%d%s is not a time of day.", h, ampm)
		}
		h %= 12
		if ampm == "pm" {
			h += 12
		}
	}
	if h > 23 || s.Minute > 59 {
		return s, usageError("%s is not a time of day (use 24-hour HH:MM).", strings.TrimSpace(spec[m[0]:m[1]]))
	}
	s.Hour = h
	topics := spec[:m[0]]
	after := strings.Fields(spec[m[1]:])
	if len(after) > 1 {
		return s, usageError("I did not understand %q. %s", strings.Join(after, " "), digestUsage)
	}
	if len(after) == 1 {
		tz, err := ParseTimeZone(after[0])
		if err != nil {
			return s, err
		}
		s.TimeZone = tz
	}
	s.Topics = splitTopics(topics)
	for i, t := range s.Topics {
		// Non-empty and trimmed, so something follows a leading "and ".
		s.Topics[i] = strings.TrimSpace(strings.TrimPrefix(t, "and "))
	}
	if len(s.Topics) == 0 {
		return s, usageError("Which topics? e.g. /digest add mexico, energy at 08:00")
	}
	if len(s.Topics) > 10 {
		return s, usageError("At most 10 topics per schedule.")
	}
	return s, nil
}

var weekdayNames = map[string]time.Weekday{
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
}

func parseWeekdays(s string) ([]time.Weekday, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "weekdays":
		return []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}, nil
	case "weekends", "weekend":
		return []time.Weekday{time.Saturday, time.Sunday}, nil
	case "daily", "every day", "everyday":
		return nil, nil
	}
	var set [7]bool
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		lo, hi, isRange := strings.Cut(part, "-")
		a, ok := dayOf(lo)
		if !ok {
			return nil, usageError("%q is not a day of the week.", lo)
		}
		if !isRange {
			set[a] = true
			continue
		}
		b, ok := dayOf(hi)
		if !ok {
			return nil, usageError("%q is not a day of the week.", hi)
		}
		for d := a; ; d = (d + 1) % 7 {
			set[d] = true
			if d == b {
				break
			}
		}
	}
	var days []time.Weekday
	for d, on := range set {
		if on {
			days = append(days, time.Weekday(d))
		}
	}
	if len(days) == 7 {
		return nil, nil
	}
	return days, nil
}

func dayOf(s string) (time.Weekday, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 3 {
		return 0, false
	}
	d, ok := weekdayNames[s[:3]]
	return d, ok
}

// String renders c back into the canonical command text.
func (c Command) String() string {
	switch c.Name {
	case CmdDigest:
		switch {
		case c.Schedule != nil:
			return fmt.Sprintf("/digest add %s", c.Schedule.Describe())
		case c.ScheduleID != 0:
			return fmt.Sprintf("/digest %s %d", c.Sub, c.ScheduleID)
		}
		return strings.TrimSpace("/digest " + c.Sub + " " + c.Args)
	case CmdHelp:
		return "/help"
	}
	return strings.TrimSpace("/" + c.Name + " " + c.Args)
}
