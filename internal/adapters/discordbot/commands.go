package discordbot

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/logattr"
	"github.com/newsdigest/bot/internal/textclean"
	"github.com/newsdigest/bot/internal/textfit"
)

// Platform is the digest.Command.Platform value of this adapter.
const Platform = logattr.Discord

// managePermissions lets a member add and remove a channel's schedules.
const managePermissions = discordgo.PermissionManageChannels | discordgo.PermissionManageGuild | discordgo.PermissionAdministrator

// forbiddenText answers /digest add|remove from a member who may not manage
// the channel's schedules.
const forbiddenText = "Only members with the Manage Channels or Manage Server permission can add, change or remove this channel's daily digests and this server's feeds."

func ptr[T any](v T) *T { return &v }

// commands are the slash commands the adapter registers. Guild commands
// (guild true) exist only in that server, so they carry none of the fields
// Discord documents as global-only (contexts, integration_types,
// dm_permission); global ones say where each command may be used.
func commands(guild bool) []*discordgo.ApplicationCommand {
	var everywhere, guildOnly *[]discordgo.InteractionContextType
	var install *[]discordgo.ApplicationIntegrationType
	var dmYes, dmNo *bool
	if !guild {
		everywhere = &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild, discordgo.InteractionContextBotDM}
		guildOnly = &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild}
		install = &[]discordgo.ApplicationIntegrationType{discordgo.ApplicationIntegrationGuildInstall}
		dmYes, dmNo = ptr(true), ptr(false)
	}
	str := discordgo.ApplicationCommandOptionString
	integer := discordgo.ApplicationCommandOptionInteger
	return []*discordgo.ApplicationCommand{
		{
			Name:             "news",
			Description:      "The top story on a topic: summary, key quotes, related headlines",
			Contexts:         everywhere,
			DMPermission:     dmYes,
			IntegrationTypes: install,
			Options: []*discordgo.ApplicationCommandOption{{
				Type: str, Name: "topic", Description: "A topic (e.g. mexico) or an article URL",
				Required: true, Autocomplete: true, MaxLength: 500,
			}},
		},
		{
			Name:             "quote",
			Description:      "Who said it? Find attributed quotes",
			Contexts:         everywhere,
			DMPermission:     dmYes,
			IntegrationTypes: install,
			Options: []*discordgo.ApplicationCommandOption{{
				Type: str, Name: "words", Description: "Words from the quote", Required: true, MaxLength: 500,
			}},
		},
		{
			Name:             "digest",
			Description:      "Daily news digests for this channel",
			Contexts:         guildOnly,
			DMPermission:     dmNo,
			IntegrationTypes: install,
			// Hidden from members who may not manage channels (a server
			// can change that in its Integrations settings).
			DefaultMemberPermissions: ptr(int64(discordgo.PermissionManageChannels)),
			Options: append([]*discordgo.ApplicationCommandOption{
				{
					Type: discordgo.ApplicationCommandOptionSubCommand, Name: "add",
					Description: "Post a daily digest of new stories on topics (Manage Channels)",
					Options: []*discordgo.ApplicationCommandOption{
						{Type: str, Name: "topics", Description: "Comma-separated topics, e.g. mexico, energy", Required: true, MaxLength: 500},
						{Type: str, Name: "time", Description: "Local time, 24-hour HH:MM, e.g. 08:00", Required: true, MaxLength: 8},
						{Type: str, Name: "timezone", Description: "IANA time zone, e.g. America/Mexico_City (default: the bot's)", MaxLength: 64},
						{Type: str, Name: "days", Description: "Days, e.g. mon-fri, weekdays, sat,sun (default: every day)", MaxLength: 64},
						{Type: integer, Name: "max", Description: "Stories per digest (1-10, default 5)", MinValue: ptr(1.0), MaxValue: 10},
						filtersOption(),
					},
				},
				{
					Type: discordgo.ApplicationCommandOptionSubCommand, Name: "list",
					Description: "List this channel's daily digests",
				},
				{
					Type: discordgo.ApplicationCommandOptionSubCommand, Name: "remove",
					Description: "Remove a daily digest (Manage Channels)",
					Options: []*discordgo.ApplicationCommandOption{
						{Type: integer, Name: "id", Description: "Schedule id from /digest list", Required: true, MinValue: ptr(1.0)},
					},
				},
				{
					Type: discordgo.ApplicationCommandOptionSubCommand, Name: "now",
					Description: "Post a digest now",
					Options: []*discordgo.ApplicationCommandOption{
						{Type: integer, Name: "id", Description: "Schedule id (default: this channel's topics)", MinValue: ptr(1.0)},
						{Type: str, Name: "topics", Description: "Topics, and filters, for a one-off digest (e.g. mexico lang:es)", MaxLength: 500},
					},
				},
			}, digestMoreSubcommands()...),
		},
		feedsCommand(guildOnly, dmNo, install),
		{
			Name:             "help",
			Description:      "How to use the news bot",
			Contexts:         everywhere,
			DMPermission:     dmYes,
			IntegrationTypes: install,
			Options:          []*discordgo.ApplicationCommandOption{helpCommandOption()},
		},
	}
}

// options is a name → option view of one level of interaction options.
type options []*discordgo.ApplicationCommandInteractionDataOption

func (o options) get(name string) *discordgo.ApplicationCommandInteractionDataOption {
	for _, opt := range o {
		if opt != nil && opt.Name == name {
			return opt
		}
	}
	return nil
}

// str is an option's text on one line, "" when absent or not text.
func (o options) str(name string) string {
	opt := o.get(name)
	if opt == nil {
		return ""
	}
	switch v := opt.Value.(type) {
	case string:
		return textclean.OneLine(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return ""
}

// int is an option's integer value, 0 when absent or not a whole number.
func (o options) int(name string) int64 {
	opt := o.get(name)
	if opt == nil {
		return 0
	}
	switch v := opt.Value.(type) {
	case float64:
		if v == math.Trunc(v) && math.Abs(v) < 1<<53 {
			return int64(v)
		}
	case string:
		n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err == nil {
			return n
		}
	}
	return 0
}

// errUnknownCommand is returned for a command this adapter did not register.
var errUnknownCommand = errors.New("unknown command")

// commandText turns slash-command data into the command text of the one
// grammar digest.ParseCommand reads.
func commandText(data discordgo.ApplicationCommandInteractionData) (string, error) {
	opts := options(data.Options)
	switch data.Name {
	case "news":
		return "/news " + opts.str("topic"), nil
	case "quote":
		return "/quote " + opts.str("words"), nil
	case "help":
		return strings.TrimSpace("/help " + opts.str("command")), nil
	case "feeds":
		return feedsText(opts)
	case "digest":
		if len(opts) == 0 || opts[0] == nil {
			return "/digest list", nil
		}
		sub := opts[0]
		so := options(sub.Options)
		switch sub.Name {
		case "add":
			var b strings.Builder
			b.WriteString("/digest add " + so.str("topics") + " at " + so.str("time"))
			if tz := so.str("timezone"); tz != "" {
				b.WriteString(" " + tz)
			}
			if days := so.str("days"); days != "" {
				b.WriteString(" on " + days)
			}
			if n := so.int("max"); n != 0 {
				b.WriteString(" max " + strconv.FormatInt(n, 10))
			}
			if f := so.str("filters"); f != "" {
				b.WriteString(" " + f)
			}
			return b.String(), nil
		case "edit", "preview":
			return digestMoreText(sub.Name, so), nil
		case "list":
			return "/digest list", nil
		case "remove":
			return "/digest remove " + so.str("id"), nil
		case "now":
			if id := so.int("id"); id > 0 {
				return "/digest now " + strconv.FormatInt(id, 10), nil
			}
			return strings.TrimSpace("/digest now " + so.str("topics")), nil
		}
	}
	return "", errUnknownCommand
}

// interactionCommand parses a slash command and fills the context fields.
// Its errors carry a message safe to show (digest.UserMessage).
func interactionCommand(i *discordgo.Interaction) (digest.Command, error) {
	text, err := commandText(i.ApplicationCommandData())
	if err != nil {
		return digest.Command{}, &digest.Error{Code: digest.CodeUsage, Message: "I don't know that command. Try /help.", Err: err}
	}
	cmd, err := digest.ParseCommand(text)
	if err != nil {
		return digest.Command{}, err
	}
	cmd.Platform = Platform
	cmd.Workspace = i.GuildID
	cmd.ChannelID = i.ChannelID
	cmd.DM = i.GuildID == ""
	switch {
	case i.Member != nil && i.Member.User != nil:
		cmd.UserID = i.Member.User.ID
	case i.User != nil:
		cmd.UserID = i.User.ID
	}
	cmd.CanManage = !cmd.DM && i.Member != nil && i.Member.Permissions&managePermissions != 0
	return cmd, nil
}

// manages reports whether cmd changes a channel's schedules.
func manages(cmd digest.Command) bool {
	return (cmd.Name == digest.CmdDigest && (cmd.Sub == digest.DigestAdd || cmd.Sub == digest.DigestRemove || cmd.Sub == digest.DigestEdit)) ||
		(cmd.Name == digest.CmdFeeds && (cmd.Sub == digest.FeedsAdd || cmd.Sub == digest.FeedsRemove))
}

// private reports whether the answer to cmd is shown only to the asker.
func private(cmd digest.Command) bool {
	return cmd.Name == digest.CmdHelp || cmd.Name == digest.CmdFeeds || (cmd.Name == digest.CmdDigest && cmd.Sub != digest.DigestNow)
}

// helpEmbed is the answer to /help on Discord: each command with its
// options as Discord shows them (name: value, optional ones in brackets),
// built from the registered commands so the two never disagree.
func helpEmbed() *discordgo.MessageEmbed {
	var b strings.Builder
	for _, c := range commands(false) {
		subs := false
		for _, o := range c.Options {
			if o.Type == discordgo.ApplicationCommandOptionSubCommand {
				subs = true
				helpLine(&b, "/"+c.Name+" "+o.Name, o.Description, o.Options)
			}
		}
		if !subs {
			helpLine(&b, "/"+c.Name, c.Description, c.Options)
		}
	}
	b.WriteString("\nIn a direct message, write `who said \"…\"?` or `news mexico`.")
	return &discordgo.MessageEmbed{Type: discordgo.EmbedTypeRich, Color: colorList, Title: "News digest bot",
		Description: textfit.Shorten(b.String(), maxDescription)}
}

// helpLine writes one command of helpEmbed: its usage as Discord shows it,
// its description, and one line per option.
func helpLine(b *strings.Builder, name, desc string, opts []*discordgo.ApplicationCommandOption) {
	b.WriteString("**" + name + "**")
	for _, o := range opts {
		if o.Required {
			b.WriteString(" `" + o.Name + ":`")
		} else {
			b.WriteString(" [`" + o.Name + ":`]")
		}
	}
	b.WriteString("\n" + escapeMarkdown(desc) + "\n")
	for _, o := range opts {
		b.WriteString("-# `" + o.Name + "` — " + escapeMarkdown(o.Description) + "\n")
	}
}
