package discordbot

import "github.com/newsdigest/bot/internal/textclean"

// addNotice ends content with the sources notice (digest.Reply.Notice) as
// a line of small text, when there is one.
func addNotice(content, notice string) string {
	if notice == "" {
		return content
	}
	line := "-# " + cleanText(textclean.OneLine(notice))
	if content == "" {
		return line
	}
	return content + "\n" + line
}
