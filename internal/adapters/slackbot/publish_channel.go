package slackbot

import (
	"context"
	"errors"
	"fmt"

	"github.com/slack-go/slack"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/logattr"
)

// Answers to /digest add in a channel the bot cannot keep a digest in.
const (
	refuseNotMember = "I can't post in this conversation: it is private and I am not in it. " +
		"Invite me with /invite @News Digest (or the app's name in your workspace), then run /digest add again."
	refuseArchived = "This channel is archived, so no digest can be posted here."
	refuseScope    = "I can't join this channel: the app lacks the channels:join scope. " +
		"Ask a workspace admin to update the app from slack/manifest.yaml and reinstall it, then try again."
	refuseUnknown = "I could not check this channel with Slack just now. Please try again in a minute."
)

// admit checks, before the core sees it, that a /digest add can be kept:
// the bot must be able to post in the channel and read it back (to find
// its own post after a crash, see Posted). It joins a public channel
// (conversations.join, scope channels:join); in a private channel or a DM
// it must already be a member. It returns the refusal to show and true
// when the command must not go on.
func (a *Adapter) admit(ctx context.Context, cmd digest.Command) (digest.Reply, bool) {
	if cmd.Name != digest.CmdDigest || cmd.Sub != digest.DigestAdd || cmd.ChannelID == "" {
		return digest.Reply{}, false
	}
	err := a.join(ctx, cmd.ChannelID)
	var text string
	switch code := slackCode(err); {
	case err == nil, code == "method_not_supported_for_channel_type":
		// Joined or already in a public channel; a private channel, group
		// DM or DM that the bot can see is one it is in.
		return digest.Reply{}, false
	case code == "channel_not_found", code == "not_in_channel":
		text = refuseNotMember
	case code == "is_archived":
		text = refuseArchived
	case code == "missing_scope":
		text = refuseScope
	default:
		text = refuseUnknown
	}
	a.log.Info("slack: digest add refused", logattr.KeyChannel, cmd.ChannelID, logattr.KeyUser, cmd.UserID, logattr.KeyError, err)
	return digest.Reply{Kind: digest.ReplyText, Text: text, Ephemeral: true}, true
}

// join makes the bot a member of channel (conversations.join). Joining a
// channel it is already in succeeds.
func (a *Adapter) join(ctx context.Context, channel string) error {
	err := a.withRetry(ctx, func() error {
		_, _, _, err := a.api.JoinConversationContext(ctx, channel)
		return err
	})
	if err != nil {
		return fmt.Errorf("conversations.join %s: %w", channel, err)
	}
	return nil
}

// slackCode is the error code of a Slack Web API error ("" for none or
// another error).
func slackCode(err error) string {
	var se slack.SlackErrorResponse
	if errors.As(err, &se) {
		return se.Err
	}
	return ""
}
