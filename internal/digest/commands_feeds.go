package digest

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// CmdFeeds is the command that manages a workspace's own news sources.
const CmdFeeds = "feeds"

// Sub-commands of /feeds.
const (
	FeedsAdd    = "add"
	FeedsList   = "list"
	FeedsRemove = "remove"
)

// DefaultMaxWorkspaceFeeds is how many feeds one Slack workspace or
// Discord server may add when Config.MaxWorkspaceFeeds is not set.
const DefaultMaxWorkspaceFeeds = 100

// WorkspaceFeed is a news source a Slack workspace or Discord server (or
// the console) added from chat. One URL added by several workspaces is one
// feed to poll: its FeedState is shared.
type WorkspaceFeed struct {
	ID        int64
	Platform  string
	Workspace string
	URL       string // the feed's own URL (after following a page's <link rel="alternate">)
	Title     string // the feed's title when it was added
	ChannelID string // where it was added: told when it breaks and recovers
	AddedBy   string
	AddedAt   time.Time
	// Notice is the last health notice sent to ChannelID: "" (none, or the
	// feed recovered) or FeedNoticeFailing.
	Notice string
	// State is the feed's polling state, filled by WorkspaceFeeds (the
	// zero FeedState with URL set when it was never polled).
	State FeedState
}

// FeedNoticeFailing marks a workspace feed whose channel was told that it
// fails.
const FeedNoticeFailing = "failing"

// SourceStore keeps the feeds workspaces add from chat.
type SourceStore interface {
	// AddWorkspaceFeed stores f and sets f.ID. When f's workspace already
	// has f.URL it returns an error wrapping ErrDuplicate and sets f.ID to
	// the existing feed's id; when the workspace already has limit feeds it
	// returns an error wrapping ErrLimit. The count and the insert are one
	// atomic step, so concurrent additions never pass the limit.
	AddWorkspaceFeed(ctx context.Context, f *WorkspaceFeed, limit int) error
	// RemoveWorkspaceFeed deletes feed id of the workspace and returns it,
	// or an error wrapping ErrNotFound.
	RemoveWorkspaceFeed(ctx context.Context, platform, workspace string, id int64) (WorkspaceFeed, error)
	// WorkspaceFeeds lists a workspace's feeds by id, with State filled;
	// every workspace's when platform is "".
	WorkspaceFeeds(ctx context.Context, platform, workspace string) ([]WorkspaceFeed, error)
	// SwapWorkspaceFeedNotice sets the health notice of feed id to notice
	// when it is old, and reports whether it did (false, nil when it was
	// not old: another process sent that notice); ErrNotFound when the
	// feed is gone. One statement per dialect, so each notice is claimed
	// by one process.
	SwapWorkspaceFeedNotice(ctx context.Context, id int64, old, notice string) (bool, error)
	// WorkspaceFeedURLs returns every URL some workspace added, once each.
	WorkspaceFeedURLs(ctx context.Context) ([]string, error)
}

// FeedCheck is what one fetch of a new feed found.
type FeedCheck struct {
	URL   string // the feed's URL: the one given, or the feed a page advertises
	Title string
	Items int
}

// FeedChecker fetches and parses a feed once, for /feeds add, through the
// same safe client as polling (private addresses refused, size and time
// limits). When url is an HTML page that advertises a feed (<link
// rel="alternate">) it follows it. Its errors are *Error with a message
// safe to show: CodeUsage when the URL is not a feed, CodeUnavailable when
// the site could not be read.
type FeedChecker interface {
	CheckFeed(ctx context.Context, url string) (FeedCheck, error)
}

// UseFeedChecker gives the Service its way to check new feeds; without one
// /feeds add is refused. Call before serving.
func (s *Service) UseFeedChecker(fc FeedChecker) { s.feedCheck = fc }

const feedsUsage = "Usage: /feeds add <url> · /feeds list · /feeds remove <id>"

// parseFeeds parses the words after /feeds.
func parseFeeds(rest string) (Command, error) {
	sub, args, _ := strings.Cut(strings.TrimSpace(rest), " ")
	args = strings.TrimSpace(args)
	cmd := Command{Name: CmdFeeds, Sub: strings.ToLower(sub)}
	switch cmd.Sub {
	case FeedsList, "", "ls":
		cmd.Sub = FeedsList
		return cmd, nil
	case FeedsAdd, "new":
		cmd.Sub = FeedsAdd
		u := strings.Trim(args, "<>")
		if u == "" {
			return Command{}, usageError("Which feed? Usage: /feeds add <url>, e.g. /feeds add https://www.example.org/rss.xml")
		}
		if strings.ContainsAny(u, " \t") {
			return Command{}, usageError("Add one feed at a time: /feeds add <url>")
		}
		cmd.Args = u
		return cmd, nil
	case FeedsRemove, "delete", "rm":
		cmd.Sub = FeedsRemove
		n, err := strconv.ParseInt(strings.TrimPrefix(args, "#"), 10, 64)
		if err != nil || n <= 0 {
			return Command{}, usageError("Which feed? Usage: /feeds remove <id> (the id from /feeds list)")
		}
		cmd.FeedID = n
		return cmd, nil
	}
	return Command{}, usageError("Unknown /feeds action %q. %s", sub, feedsUsage)
}

// feedURL checks that raw is an absolute http(s) URL with a host and
// returns it with a scheme added when missing ("example.org/rss").
func feedURL(raw string) (string, error) {
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" {
		return "", usageError("%q is not a web address; give the feed's http(s) URL.", raw)
	}
	if u.User != nil {
		return "", usageError("Feed addresses with a user name or password are not accepted.")
	}
	u.Fragment = ""
	return u.String(), nil
}

func (s *Service) feedsCommand(ctx context.Context, cmd Command) (Reply, error) {
	if cmd.Workspace == "" && cmd.Platform != "console" {
		return Reply{}, usageError("News sources belong to a workspace or server; use /feeds there, not in a direct message.")
	}
	switch cmd.Sub {
	case FeedsList:
		return s.listFeeds(ctx, cmd)
	case FeedsAdd:
		return s.addFeed(ctx, cmd)
	case FeedsRemove:
		return s.removeFeed(ctx, cmd)
	}
	return Reply{}, usageError("%s", feedsUsage)
}

// place names where a command's feeds belong, as its platform says it: a
// Discord server, a Slack workspace (the console is one workspace too).
func place(platform string) string {
	if platform == "discord" {
		return "server"
	}
	return "workspace"
}

func (s *Service) mayManageFeeds(cmd Command) error {
	if cmd.CanManage {
		return nil
	}
	return &Error{Code: CodeForbidden, Err: ErrForbidden,
		Message: "Only members who may manage this workspace's or server's sources can add or remove feeds (Discord: Manage Channels or Manage Server; Slack: the operator's SLACK_MANAGERS)."}
}

func (s *Service) addFeed(ctx context.Context, cmd Command) (Reply, error) {
	if err := s.mayManageFeeds(cmd); err != nil {
		return Reply{}, err
	}
	if s.feedCheck == nil {
		return Reply{}, &Error{Code: CodeUnavailable, Message: "Adding feeds is not enabled on this bot."}
	}
	raw, err := feedURL(cmd.Args)
	if err != nil {
		return Reply{}, err
	}
	existing, err := s.store.WorkspaceFeeds(ctx, cmd.Platform, cmd.Workspace)
	if err != nil {
		return Reply{}, fmt.Errorf("add feed: %w", err)
	}
	for _, f := range existing {
		if f.URL == raw {
			return Reply{}, usageError("This %s already has that feed: #%d %s.", place(cmd.Platform), f.ID, f.Title)
		}
	}
	limit := s.cfg.MaxWorkspaceFeeds
	if len(existing) >= limit {
		return Reply{}, usageError("This %s already has %d feeds, the most it may have; remove one first (/feeds list).", place(cmd.Platform), len(existing))
	}
	check, err := s.feedCheck.CheckFeed(ctx, raw)
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			return Reply{}, err
		}
		return Reply{}, &Error{Code: CodeUnavailable, Message: "I could not read that feed.", Err: err}
	}
	if check.URL == "" {
		check.URL = raw
	}
	f := WorkspaceFeed{Platform: cmd.Platform, Workspace: cmd.Workspace, URL: check.URL, Title: check.Title,
		ChannelID: cmd.ChannelID, AddedBy: cmd.UserID, AddedAt: s.clock.Now()}
	switch err := s.store.AddWorkspaceFeed(ctx, &f, limit); {
	case errors.Is(err, ErrDuplicate):
		return Reply{}, usageError("This %s already has that feed: #%d (%s).", place(cmd.Platform), f.ID, f.URL)
	case errors.Is(err, ErrLimit):
		return Reply{}, usageError("This %s already has %d feeds, the most it may have; remove one first (/feeds list).", place(cmd.Platform), limit)
	case err != nil:
		return Reply{}, fmt.Errorf("add feed: %w", err)
	}
	s.forgetStatus()
	title := check.Title
	if title == "" {
		title = check.URL
	}
	via := ""
	if check.URL != raw {
		via = fmt.Sprintf(" (found on %s)", raw)
	}
	return Reply{Kind: ReplyText, Text: fmt.Sprintf("Added feed #%d: %s%s — %d items now; new articles arrive within a few minutes.\n%s",
		f.ID, title, via, check.Items, check.URL)}, nil
}

func (s *Service) removeFeed(ctx context.Context, cmd Command) (Reply, error) {
	if err := s.mayManageFeeds(cmd); err != nil {
		return Reply{}, err
	}
	f, err := s.store.RemoveWorkspaceFeed(ctx, cmd.Platform, cmd.Workspace, cmd.FeedID)
	if errors.Is(err, ErrNotFound) {
		return Reply{}, &Error{Code: CodeNotFound, Message: fmt.Sprintf("This %s has no feed #%d. See /feeds list.", place(cmd.Platform), cmd.FeedID), Err: err}
	}
	if err != nil {
		return Reply{}, fmt.Errorf("remove feed: %w", err)
	}
	s.forgetStatus()
	name := f.Title
	if name == "" {
		name = f.URL
	}
	return Reply{Kind: ReplyText, Text: fmt.Sprintf("Removed feed #%d: %s. Articles already stored stay.", f.ID, name)}, nil
}

func (s *Service) listFeeds(ctx context.Context, cmd Command) (Reply, error) {
	list, err := s.store.WorkspaceFeeds(ctx, cmd.Platform, cmd.Workspace)
	if err != nil {
		return Reply{}, fmt.Errorf("list feeds: %w", err)
	}
	if len(list) == 0 {
		text := "This " + place(cmd.Platform) + " has added no news sources yet. Add one: /feeds add <feed or site url>"
		if s.cfg.ConfiguredFeeds > 0 {
			text += fmt.Sprintf("\n(The operator's FEEDS list %d more sources for everyone.)", s.cfg.ConfiguredFeeds)
		}
		return Reply{Kind: ReplyText, Text: text, Ephemeral: true}, nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "News sources of this %s (%d of at most %d)", place(cmd.Platform), len(list), s.cfg.MaxWorkspaceFeeds)
	now := s.clock.Now()
	for _, f := range list {
		b.WriteString("\n" + FeedLine(f, now))
	}
	return Reply{Kind: ReplyText, Text: b.String(), Feeds: list, Ephemeral: true}, nil
}

// FeedLine describes one workspace feed and its health in two lines:
// "#3 Title — url" and "ok · last read 2h ago · 42 articles" or the last
// error in plain words.
func FeedLine(f WorkspaceFeed, now time.Time) string {
	name := f.Title
	if name == "" {
		name = f.State.Title
	}
	if name == "" {
		name = "(untitled)"
	}
	st := f.State
	var health []string
	switch {
	case st.LastError != "":
		health = append(health, "failing: "+PlainFeedError(st.LastError))
		if st.LastSuccess.IsZero() {
			health = append(health, "never read")
		} else {
			health = append(health, "last read "+ago(now, st.LastSuccess))
		}
	case st.LastSuccess.IsZero():
		health = append(health, "not read yet")
	default:
		health = append(health, "ok", "last read "+ago(now, st.LastSuccess))
	}
	health = append(health, fmt.Sprintf("%d articles", st.Articles))
	return fmt.Sprintf("#%d %s — %s\n    %s", f.ID, name, f.URL, strings.Join(health, " · "))
}

// ago says how long before now t was, roughly.
func ago(now, t time.Time) string {
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%d min ago", int(d/time.Minute))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh ago", int(d/time.Hour))
	}
	return fmt.Sprintf("%d days ago", int(d/(24*time.Hour)))
}

// PlainFeedError turns a feed's recorded error (feeds adapter wording)
// into plain words with what to do.
func PlainFeedError(msg string) string {
	m := strings.ToLower(msg)
	status := func(code string) bool { return strings.Contains(m, "status "+code) }
	switch {
	case status("404"), status("410"):
		return "the feed is not at that address any more (HTTP 404/410); check the site for its new feed URL"
	case status("401"), status("403"):
		return "the site refuses the bot (HTTP 401/403); the feed may need a login, which the bot cannot use"
	case status("429"):
		return "the site asks the bot to slow down (HTTP 429); it will retry later"
	case strings.Contains(m, "status 5"):
		return "the site has a server error (HTTP 5xx); it will retry later"
	case strings.Contains(m, "timed out"), strings.Contains(m, "deadline exceeded"), strings.Contains(m, "timeout"):
		return "the site took too long to answer"
	case strings.Contains(m, "larger than"):
		return "the feed is larger than the bot's size limit"
	case strings.Contains(m, "parse feed"), strings.Contains(m, "malformed"):
		return "the address answers with something that is not a feed"
	case strings.Contains(m, "no such host"):
		return "the site's name does not exist (check the address)"
	case strings.Contains(m, "connection refused"), strings.Contains(m, "connection reset"):
		return "the site refused the connection"
	case strings.Contains(m, "private"), strings.Contains(m, "not allowed"), strings.Contains(m, "loopback"):
		return "the address is private or local, which the bot may not fetch"
	case strings.Contains(m, "certificate"), strings.Contains(m, "tls"):
		return "the site's security certificate is not valid"
	}
	return msg
}
