package slackbot

import (
	"context"

	"github.com/slack-go/slack/slackevents"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/logattr"
)

// handleCallback handles one Events API callback (HTTP or Socket Mode),
// already acknowledged and deduplicated.
func (a *Adapter) handleCallback(ev slackevents.EventsAPIEvent) {
	if ev.Type != slackevents.CallbackEvent {
		return
	}
	switch inner := ev.InnerEvent.Data.(type) {
	case *slackevents.MessageEvent:
		a.handleMessage(ev.TeamID, inner)
	}
}

// handleMessage answers a direct message to the bot. Messages from bots
// (itself included), edits, joins and other subtypes are ignored so that
// the bot never answers itself.
func (a *Adapter) handleMessage(team string, m *slackevents.MessageEvent) {
	if m.ChannelType != "im" || m.SubType != "" || m.BotID != "" || m.User == "" ||
		(a.cfg.BotUserID != "" && m.User == a.cfg.BotUserID) {
		return
	}
	text := unslack(m.Text)
	if text == "" {
		return
	}
	threadTS := m.ThreadTimeStamp
	if threadTS == "" {
		threadTS = m.TimeStamp
	}
	channel, user := m.Channel, m.User
	cmd, err := digest.ParseCommand(text)
	ok := a.submit("dm", func(ctx context.Context) {
		var r digest.Reply
		if err != nil {
			r = digest.Reply{Kind: digest.ReplyText, Text: digest.UserMessage(err)}
		} else {
			commandContext(&cmd, team, channel, user, true)
			cmd.CanManage = a.mayManage(user)
			r = a.execute(ctx, cmd)
		}
		if err := a.post(ctx, channel, render(r), threadTS); err != nil {
			a.log.ErrorContext(ctx, "slack: dm reply failed", logattr.KeyChannel, channel, logattr.KeyError, err)
		}
	})
	if !ok {
		a.log.Warn("slack: dm refused, too busy", logattr.KeyChannel, channel)
	}
}
