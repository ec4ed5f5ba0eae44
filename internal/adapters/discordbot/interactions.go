package discordbot

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/logattr"
	"github.com/newsdigest/bot/internal/textclean"
	"github.com/newsdigest/bot/internal/textfit"
)

// autocompleteTimeout keeps autocomplete answers inside Discord's 3 s.
const autocompleteTimeout = 2 * time.Second

// noMentions stops rendered text from pinging anyone.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// onInteraction answers an interaction received over the gateway.
func (a *Adapter) onInteraction(s *discordgo.Session, ic *discordgo.InteractionCreate) {
	if ic == nil || ic.Interaction == nil {
		return
	}
	i := ic.Interaction
	a.jobs.Do("interaction", func(base context.Context) {
		resp, then := a.prepare(base, i)
		if resp == nil {
			return
		}
		ctx, cancel := context.WithTimeout(base, 3*time.Second)
		err := s.InteractionRespond(i, resp, discordgo.WithContext(ctx))
		cancel()
		if err != nil {
			a.log.ErrorContext(ctx, "discord interaction response failed", logattr.KeyInteraction, i.ID, logattr.KeyChannel, i.ChannelID, logattr.KeyError, err)
			return
		}
		if then != nil {
			a.later(base, i, then)
		}
	})
}

// prepare computes the initial response to interaction i (due within 3 s)
// and, for commands, the work to run once it is sent. A nil response means
// the interaction is ignored.
func (a *Adapter) prepare(base context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, func(context.Context)) {
	switch i.Type {
	case discordgo.InteractionPing:
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong}, nil
	case discordgo.InteractionApplicationCommandAutocomplete:
		return a.autocomplete(base, i), nil
	case discordgo.InteractionApplicationCommand:
		return a.command(base, i)
	}
	return nil, nil
}

// autocomplete answers the focused /news topic with recent story topics.
func (a *Adapter) autocomplete(base context.Context, i *discordgo.Interaction) *discordgo.InteractionResponse {
	resp := &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: []*discordgo.ApplicationCommandOptionChoice{}},
	}
	data := i.ApplicationCommandData()
	var prefix string
	for _, o := range data.Options {
		if o != nil && o.Focused {
			if v, ok := o.Value.(string); ok {
				prefix = textclean.OneLine(v)
			}
		}
	}
	if data.Name != "news" {
		return resp
	}
	ctx, cancel := context.WithTimeout(base, autocompleteTimeout)
	defer cancel()
	topics, err := a.h.Topics(ctx, prefix, maxChoices)
	if err != nil {
		a.log.WarnContext(ctx, "discord autocomplete topics failed", logattr.KeyChannel, i.ChannelID, logattr.KeyError, err)
		return resp
	}
	resp.Data.Choices = topicChoices(topics)
	return resp
}

// topicChoices turns topics into at most 25 distinct choices of at most 100
// characters each; a longer topic is cut at a word and shown with "…"
// (the value sent back is the cut text without it).
func topicChoices(topics []string) []*discordgo.ApplicationCommandOptionChoice {
	choices := make([]*discordgo.ApplicationCommandOptionChoice, 0, min(len(topics), maxChoices))
	seen := make(map[string]bool)
	for _, t := range topics {
		if len(choices) == maxChoices {
			break
		}
		name := textfit.Shorten(textclean.OneLine(t), maxChoiceLen)
		value := strings.TrimSuffix(name, ellipsis)
		key := strings.ToLower(value)
		if value == "" || seen[key] {
			continue
		}
		seen[key] = true
		choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: name, Value: value})
	}
	return choices
}

// command answers a slash command: a usage error or a refusal at once
// (ephemeral), otherwise a deferred response and the work that edits it.
func (a *Adapter) command(ctx context.Context, i *discordgo.Interaction) (*discordgo.InteractionResponse, func(context.Context)) {
	cmd, err := interactionCommand(i)
	if err != nil {
		a.log.Log(ctx, digest.LogLevel(err), "discord command rejected", logattr.KeyChannel, i.ChannelID, logattr.KeyError, err)
		return ephemeralText(digest.UserMessage(err)), nil
	}
	if cmd.Name == digest.CmdHelp {
		return &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{helpEmbed()},
				Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noMentions()},
		}, nil
	}
	if manages(cmd) && !cmd.CanManage {
		a.log.InfoContext(ctx, "discord schedule change refused", logattr.KeyChannel, cmd.ChannelID, logattr.KeyUser, cmd.UserID, logattr.KeyCommand, cmd.Name+" "+cmd.Sub)
		return ephemeralText(forbiddenText), nil
	}
	hidden := private(cmd)
	resp := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}
	if hidden {
		resp.Data = &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral}
	}
	return resp, func(base context.Context) { a.answer(base, i, cmd, hidden) }
}

func ephemeralText(text string) *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{
			Content:         textfit.Prefix(escapeMarkdown(cleanText(text)), maxContent),
			Flags:           discordgo.MessageFlagsEphemeral,
			AllowedMentions: noMentions(),
		},
	}
}

// answer runs the handler after the deferred response and delivers the
// reply by editing it, with follow-ups for extra messages.
func (a *Adapter) answer(base context.Context, i *discordgo.Interaction, cmd digest.Command, deferredHidden bool) {
	ctx, cancel := context.WithTimeout(base, a.cfg.HandlerTimeout)
	defer cancel()
	start := time.Now()
	reply, err := a.h.Handle(ctx, cmd)
	log := a.log.With(logattr.KeyInteraction, i.ID, logattr.KeyChannel, i.ChannelID, logattr.KeyCommand, cmd.Name)
	if err != nil {
		log.Log(ctx, digest.LogLevel(err), "discord command failed", logattr.KeyError, err)
		reply = digest.Reply{Kind: digest.ReplyText, Text: digest.UserMessage(err), Ephemeral: true}
	}
	msgs := render(reply)
	// An ephemeral answer after a public deferral: remove the public
	// "thinking…" message and answer privately in follow-ups.
	if reply.Ephemeral && !deferredHidden {
		if err := a.s.InteractionResponseDelete(i, discordgo.WithContext(ctx)); err != nil {
			log.WarnContext(ctx, "discord delete deferred response failed", logattr.KeyError, err)
		}
		a.followups(ctx, log, i, msgs, true)
		return
	}
	first := msgs[0]
	edit := &discordgo.WebhookEdit{Content: &first.Content, Embeds: &first.Embeds, AllowedMentions: noMentions()}
	if first.Embeds == nil {
		empty := []*discordgo.MessageEmbed{}
		edit.Embeds = &empty
	}
	if _, err := a.s.InteractionResponseEdit(i, edit, discordgo.WithContext(ctx)); err != nil {
		log.ErrorContext(ctx, "discord edit response failed", logattr.KeyError, err)
		return
	}
	a.followups(ctx, log, i, msgs[1:], deferredHidden)
	log.DebugContext(ctx, "discord command answered", logattr.KeyParts, len(msgs), logattr.Duration(time.Since(start)))
}

func (a *Adapter) followups(ctx context.Context, log *slog.Logger, i *discordgo.Interaction, msgs []message, hidden bool) {
	var flags discordgo.MessageFlags
	if hidden {
		flags = discordgo.MessageFlagsEphemeral
	}
	for n, m := range msgs {
		p := &discordgo.WebhookParams{Content: m.Content, Embeds: m.Embeds, Flags: flags, AllowedMentions: noMentions()}
		if _, err := a.s.FollowupMessageCreate(i, true, p, discordgo.WithContext(ctx)); err != nil {
			log.ErrorContext(ctx, "discord follow-up failed", logattr.KeyPart, n+1, logattr.KeyError, err)
			return
		}
	}
}
