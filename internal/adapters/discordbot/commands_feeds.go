package discordbot

import (
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// filtersOption is the optional filters text of /digest add and edit.
func filtersOption() *discordgo.ApplicationCommandOption {
	return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: "filters",
		Description: "e.g. lang:es exclude:football from:reuters skip:\"fox news\" sources:own", MaxLength: 300}
}

// digestMoreSubcommands are /digest edit and /digest preview.
func digestMoreSubcommands() []*discordgo.ApplicationCommandOption {
	str := discordgo.ApplicationCommandOptionString
	integer := discordgo.ApplicationCommandOptionInteger
	id := &discordgo.ApplicationCommandOption{Type: integer, Name: "id", Description: "Schedule id from /digest list", Required: true, MinValue: ptr(1.0)}
	return []*discordgo.ApplicationCommandOption{
		{
			Type: discordgo.ApplicationCommandOptionSubCommand, Name: "edit",
			Description: "Change a daily digest's time, days, size or filters (Manage Channels)",
			Options: []*discordgo.ApplicationCommandOption{
				id,
				{Type: str, Name: "time", Description: "New local time, HH:MM", MaxLength: 8},
				{Type: str, Name: "timezone", Description: "New IANA time zone, e.g. Europe/Madrid", MaxLength: 64},
				{Type: str, Name: "days", Description: "New days, e.g. mon-fri", MaxLength: 64},
				{Type: integer, Name: "max", Description: "Stories per digest (1-10)", MinValue: ptr(1.0), MaxValue: 10},
				filtersOption(),
			},
		},
		{
			Type: discordgo.ApplicationCommandOptionSubCommand, Name: "preview",
			Description: "What a digest would post now, and which stories it leaves out and why",
			Options:     []*discordgo.ApplicationCommandOption{id},
		},
	}
}

// digestMoreText is the command text of /digest edit and preview.
func digestMoreText(sub string, so options) string {
	parts := []string{"/digest", sub, so.str("id")}
	if sub == "edit" {
		if t := so.str("time"); t != "" {
			parts = append(parts, "at", t)
		}
		if tz := so.str("timezone"); tz != "" {
			parts = append(parts, tz)
		}
		if d := so.str("days"); d != "" {
			parts = append(parts, "on", d)
		}
		if n := so.int("max"); n != 0 {
			parts = append(parts, "max", strconv.FormatInt(n, 10))
		}
		if f := so.str("filters"); f != "" {
			parts = append(parts, f)
		}
	}
	return strings.Join(parts, " ")
}

// feedsCommand is /feeds: a server's own news sources, hidden from members
// who may not manage channels.
func feedsCommand(contexts *[]discordgo.InteractionContextType, dm *bool, install *[]discordgo.ApplicationIntegrationType) *discordgo.ApplicationCommand {
	return &discordgo.ApplicationCommand{
		Name:                     "feeds",
		Description:              "This server's own news sources",
		Contexts:                 contexts,
		DMPermission:             dm,
		IntegrationTypes:         install,
		DefaultMemberPermissions: ptr(int64(discordgo.PermissionManageChannels)),
		Options: []*discordgo.ApplicationCommandOption{
			{
				Type: discordgo.ApplicationCommandOptionSubCommand, Name: "add",
				Description: "Add an RSS/Atom/JSON feed, or a site page that links to one",
				Options: []*discordgo.ApplicationCommandOption{
					{Type: discordgo.ApplicationCommandOptionString, Name: "url", Description: "The feed's or the site's address", Required: true, MaxLength: 500},
				},
			},
			{
				Type: discordgo.ApplicationCommandOptionSubCommand, Name: "list",
				Description: "This server's feeds with their health",
			},
			{
				Type: discordgo.ApplicationCommandOptionSubCommand, Name: "remove",
				Description: "Remove a feed",
				Options: []*discordgo.ApplicationCommandOption{
					{Type: discordgo.ApplicationCommandOptionInteger, Name: "id", Description: "Feed id from /feeds list", Required: true, MinValue: ptr(1.0)},
				},
			},
		},
	}
}

// feedsText is the command text of /feeds.
func feedsText(opts options) (string, error) {
	if len(opts) == 0 || opts[0] == nil {
		return "/feeds list", nil
	}
	so := options(opts[0].Options)
	switch opts[0].Name {
	case "add":
		return "/feeds add " + so.str("url"), nil
	case "remove":
		return "/feeds remove " + so.str("id"), nil
	}
	return "/feeds list", nil
}

// helpCommandOption lets /help explain one command.
func helpCommandOption() *discordgo.ApplicationCommandOption {
	choices := []*discordgo.ApplicationCommandOptionChoice{}
	for _, c := range []string{"news", "quote", "digest", "feeds"} {
		choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: c, Value: c})
	}
	return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: "command",
		Description: "One command to explain, with examples", Choices: choices}
}
