package discordbot

import (
	"context"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/logattr"
)

// onMessage answers a direct message: the text is parsed with the one
// command grammar (free text is a quote lookup) and the reply is posted in
// the DM as a reply to the user's message. Guild messages, bots and empty
// messages are ignored.
func (a *Adapter) onMessage(s *discordgo.Session, mc *discordgo.MessageCreate) {
	if mc == nil || mc.Message == nil {
		return
	}
	m := mc.Message
	if m.GuildID != "" || m.Author == nil || m.Author.Bot || m.Author.System {
		return
	}
	if s.State != nil && s.State.User != nil && m.Author.ID == s.State.User.ID {
		return
	}
	if strings.TrimSpace(m.Content) == "" {
		return
	}
	ok := a.jobs.Go("dm", func(base context.Context) {
		ctx, cancel := context.WithTimeout(base, a.cfg.HandlerTimeout)
		defer cancel()
		log := a.log.With(logattr.KeyChannel, m.ChannelID, logattr.KeyMessage, m.ID)
		var reply digest.Reply
		cmd, err := digest.ParseCommand(m.Content)
		if err == nil {
			cmd.Platform = Platform
			cmd.ChannelID = m.ChannelID
			cmd.UserID = m.Author.ID
			cmd.DM = true
			reply, err = a.h.Handle(ctx, cmd)
		}
		if err != nil {
			log.Log(ctx, digest.LogLevel(err), "discord dm command failed", logattr.KeyError, err)
			reply = digest.Reply{Kind: digest.ReplyText, Text: digest.UserMessage(err)}
		}
		ref := &discordgo.MessageReference{MessageID: m.ID, ChannelID: m.ChannelID, FailIfNotExists: ptr(false)}
		for n, msg := range render(reply) {
			send := &discordgo.MessageSend{Content: msg.Content, Embeds: msg.Embeds, AllowedMentions: noMentions()}
			if n == 0 {
				send.Reference = ref
			}
			if _, err := s.ChannelMessageSendComplex(m.ChannelID, send, discordgo.WithContext(ctx)); err != nil {
				log.ErrorContext(ctx, "discord dm reply failed", logattr.KeyPart, n+1, logattr.KeyError, err)
				return
			}
		}
	})
	if !ok {
		a.log.Warn("discord dm refused, too busy", logattr.Channel(m.ChannelID))
	}
}
