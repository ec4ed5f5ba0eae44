package discordbot

import (
	"strings"
	"unicode"

	"github.com/bwmarrin/discordgo"

	"github.com/newsdigest/bot/internal/textclean"
	"github.com/newsdigest/bot/internal/textfit"
)

// Discord message and embed limits, in characters. Lengths are counted in
// UTF-16 code units (see textfit.Len), which is never less than the code-point
// count Discord checks, so a text within these limits passes either way.
const (
	maxContent          = 2000
	maxEmbedsPerMessage = 10
	maxEmbedTotal       = 6000 // all embeds of one message together
	maxTitle            = 256
	maxDescription      = 4096
	maxFields           = 25
	maxFieldName        = 256
	maxFieldValue       = 1024
	maxFooter           = 2048
	maxAuthor           = 256
	maxChoiceLen        = 100 // autocomplete choice name and value
	maxChoices          = 25
	maxLinkURL          = 512 // longer URLs are left out of markdown links
	maxEmbedURL         = 2048
)

// ellipsis ends every shortened text.
const ellipsis = "…"

// cleanText drops invalid UTF-8, control characters other than newlines,
// and surrounding space.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "")
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// escShorten shortens s so that its markdown-escaped form fits in max,
// ending a cut with "…".
func escShorten(s string, max int) string {
	return textfit.EscapeShorten(s, max, escapeMarkdown)
}

var linkURLEscaper = strings.NewReplacer("(", "%28", ")", "%29")

// link renders a markdown link with text shortened to fit max characters
// in total, or the escaped text alone when the URL is unusable.
func link(text, u string, max int) string {
	text = textclean.OneLine(text)
	u = safeURL(u, maxLinkURL)
	if u == "" {
		return escShorten(text, max)
	}
	u = linkURLEscaper.Replace(u)
	room := max - textfit.Len(u) - 4 // [](…)
	if room < 8 {
		return escShorten(text, max)
	}
	return "[" + escShorten(text, room) + "](" + u + ")"
}

// embedLen is the length Discord counts toward the 6000-character total of
// one embed.
func embedLen(e *discordgo.MessageEmbed) int {
	n := textfit.Len(e.Title) + textfit.Len(e.Description)
	if e.Footer != nil {
		n += textfit.Len(e.Footer.Text)
	}
	if e.Author != nil {
		n += textfit.Len(e.Author.Name)
	}
	for _, f := range e.Fields {
		n += textfit.Len(f.Name) + textfit.Len(f.Value)
	}
	return n
}
