package slackbot

import (
	"github.com/slack-go/slack"
)

// addNotice closes m with the sources notice (digest.Reply.Notice) as a
// context block, when there is one and it fits Block Kit's limits.
func addNotice(m message, notice string) message {
	if notice == "" {
		return m
	}
	bl := contextBlock(mrkdwn(":information_source: " + esc(notice)))
	used := 0
	for _, b := range m.Blocks {
		used += blockChars(b)
	}
	if len(m.Blocks)+1 > maxBlocks || used+blockChars(bl) > maxMessageChars-fallbackJSONChars {
		return m
	}
	m.Blocks = append(append([]slack.Block(nil), m.Blocks...), bl)
	return m
}
