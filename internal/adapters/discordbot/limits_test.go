package discordbot

import (
	"fmt"
	"regexp"

	"github.com/bwmarrin/discordgo"

	"github.com/newsdigest/bot/internal/textfit"
)

// linkTarget finds the targets of markdown links ([text](target)).
var linkTarget = regexp.MustCompile(`[^\\]\]\((https?:[^)\s]*)\)`)

// checkMessage reports every Discord limit m breaks; nil when it fits.
// The tests use it on rendered replies and on the JSON the fake Discord
// receives.
func checkMessage(content string, embeds []*discordgo.MessageEmbed) []string {
	var bad []string
	add := func(format string, args ...any) { bad = append(bad, fmt.Sprintf(format, args...)) }
	if n := textfit.Len(content); n > maxContent {
		add("content %d > %d", n, maxContent)
	}
	if content == "" && len(embeds) == 0 {
		add("empty message")
	}
	if len(embeds) > maxEmbedsPerMessage {
		add("%d embeds > %d", len(embeds), maxEmbedsPerMessage)
	}
	total := 0
	for i, e := range embeds {
		total += embedLen(e)
		if n := textfit.Len(e.Title); n > maxTitle {
			add("embed %d title %d > %d", i, n, maxTitle)
		}
		if n := textfit.Len(e.Description); n > maxDescription {
			add("embed %d description %d > %d", i, n, maxDescription)
		}
		if len(e.Fields) > maxFields {
			add("embed %d has %d fields > %d", i, len(e.Fields), maxFields)
		}
		for j, f := range e.Fields {
			if n := textfit.Len(f.Name); n > maxFieldName || n == 0 {
				add("embed %d field %d name length %d", i, j, n)
			}
			if n := textfit.Len(f.Value); n > maxFieldValue || n == 0 {
				add("embed %d field %d value length %d", i, j, n)
			}
		}
		if e.Footer != nil {
			if n := textfit.Len(e.Footer.Text); n > maxFooter {
				add("embed %d footer %d > %d", i, n, maxFooter)
			}
		}
		if e.Author != nil {
			if n := textfit.Len(e.Author.Name); n > maxAuthor {
				add("embed %d author %d > %d", i, n, maxAuthor)
			}
		}
		if e.URL != "" && (len(e.URL) > maxEmbedURL || !validURI.MatchString(e.URL)) {
			add("embed %d url %q is not a valid http(s) URI", i, e.URL)
		}
		texts := []string{e.Description}
		for _, f := range e.Fields {
			texts = append(texts, f.Value)
		}
		for _, s := range texts {
			for _, m := range linkTarget.FindAllStringSubmatch(s, -1) {
				if !validURI.MatchString(m[1]) {
					add("embed %d link target %q is not a valid http(s) URI", i, m[1])
				}
			}
		}
		if embedLen(e) == 0 {
			add("embed %d is empty", i)
		}
	}
	if total > maxEmbedTotal {
		add("embeds total %d > %d", total, maxEmbedTotal)
	}
	return bad
}
