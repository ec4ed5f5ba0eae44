package discordbot

import (
	"fmt"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/textclean"
	"github.com/newsdigest/bot/internal/textfit"
)

// message is one Discord message of a rendered reply. Every message render
// returns fits Discord's limits (see checkMessage).
type message struct {
	Content string                    `json:"content,omitempty"`
	Embeds  []*discordgo.MessageEmbed `json:"embeds,omitempty"`
}

// Embed colours.
const (
	colorNews   = 0x2B6CB0
	colorSample = 0x718096
	colorQuote  = 0x805AD5
	colorList   = 0x2F855A
)

// Per-part budgets, chosen so that a full digest fits one message and a
// daily digest packs two or three stories per message. How many quotes,
// headlines and stories to show is the core's choice; these only share
// Discord's room between them.
const (
	maxFooterUsed   = 512  // footers we write stay short
	fieldBudgetFull = 2400 // quotes and related headlines of a /news digest
	fieldBudgetDay  = 900  // … of one story in a daily digest
	descDay         = 900  // summary of one story in a daily digest
	quoteDesc       = 1200 // one quote hit
	minQuoteShare   = 200  // the least room a key quote is given before it is left out
	moreReserve     = 64   // footer room kept for "N more … not shown"
	maxSpeaker      = 100  // a speaker's name as a field name
)

// render turns r into Discord messages, each within every Discord limit;
// it never fails and never returns an empty slice (pack sees to that).
func render(r digest.Reply) []message {
	var content string
	var embeds []*discordgo.MessageEmbed
	switch r.Kind {
	case digest.ReplyDigest:
		if r.Digest == nil {
			content = textContent(r)
			break
		}
		content = escapeMarkdown(cleanText(r.Text))
		embeds = []*discordgo.MessageEmbed{digestEmbed(*r.Digest, false)}
	case digest.ReplyQuotes:
		content, embeds = quotesReply(r)
	case digest.ReplySchedules:
		content, embeds = schedulesReply(r)
	case digest.ReplyDaily:
		content, embeds = dailyReply(r)
	default:
		content = textContent(r)
	}
	return pack(addNotice(content, r.Notice), embeds)
}

// textContent is a text reply with its suggestions.
func textContent(r digest.Reply) string {
	text := escapeMarkdown(cleanText(r.Text))
	if len(r.Suggestions) > 0 {
		s := make([]string, 0, len(r.Suggestions))
		for _, t := range r.Suggestions {
			if t = textclean.OneLine(t); t != "" {
				s = append(s, "`"+strings.ReplaceAll(t, "`", "'")+"`")
			}
		}
		if len(s) > 0 {
			if text != "" {
				text += "\n"
			}
			text += "Try: " + strings.Join(s, ", ")
		}
	}
	return text
}

// embedBuilder fills one embed while keeping its total within max.
type embedBuilder struct {
	e    *discordgo.MessageEmbed
	used int
	max  int
}

func newEmbed(color int) *embedBuilder {
	return &embedBuilder{e: &discordgo.MessageEmbed{Type: discordgo.EmbedTypeRich, Color: color}, max: maxEmbedTotal}
}

func (b *embedBuilder) room() int { return b.max - b.used }

// title sets the embed title (markdown, escaped here) linked to u when u
// can be made a valid URL.
func (b *embedBuilder) title(s, u string) {
	s = escShorten(textclean.OneLine(s), min(maxTitle, b.room()))
	b.e.Title = s
	b.used += textfit.Len(s)
	if s != "" {
		b.e.URL = safeURL(u, maxEmbedURL)
	}
}

func (b *embedBuilder) author(s string) {
	s = textfit.Shorten(textclean.OneLine(s), min(maxAuthor, b.room()))
	if s == "" {
		return
	}
	b.e.Author = &discordgo.MessageEmbedAuthor{Name: s}
	b.used += textfit.Len(s)
}

func (b *embedBuilder) footer(s string) {
	s = textfit.Shorten(textclean.OneLine(s), min(maxFooterUsed, maxFooter, b.room()))
	if s == "" {
		return
	}
	b.e.Footer = &discordgo.MessageEmbedFooter{Text: s}
	b.used += textfit.Len(s)
}

func (b *embedBuilder) timestamp(t time.Time) {
	if !t.IsZero() {
		b.e.Timestamp = t.UTC().Format(time.RFC3339)
	}
}

// description sets already-escaped markdown text, cut to max.
func (b *embedBuilder) description(s string, max int) {
	s = textfit.Shorten(s, min(max, maxDescription, b.room()))
	b.e.Description = s
	b.used += textfit.Len(s)
}

// field adds a field when it fits; value is shortened to what is left.
// It reports whether the field was added.
func (b *embedBuilder) field(name, value string, inline bool) bool {
	if len(b.e.Fields) >= maxFields {
		return false
	}
	name = textfit.Shorten(textclean.OneLine(name), maxFieldName)
	if name == "" {
		name = "\u200b" // zero-width space: Discord requires a name
	}
	room := min(maxFieldValue, b.room()-textfit.Len(name))
	if room < 16 || strings.TrimSpace(value) == "" {
		return false
	}
	value = textfit.Shorten(value, room)
	b.e.Fields = append(b.e.Fields, &discordgo.MessageEmbedField{Name: name, Value: value, Inline: inline})
	b.used += textfit.Len(name) + textfit.Len(value)
	return true
}

// digestEmbed renders one story. compact is for daily digests: a shorter
// summary and less room for quotes and links. Quotes and related
// headlines share the field budget (each gets half when both are there,
// and what one leaves the other may use); whatever does not fit is counted
// in the footer as "N more … not shown".
func digestEmbed(d digest.Digest, compact bool) *discordgo.MessageEmbed {
	color := colorNews
	if d.Sample {
		color = colorSample
	}
	b := newEmbed(color)
	title := d.Title
	if strings.TrimSpace(title) == "" {
		title = "Untitled story"
	}
	if d.Updated {
		title = "Updated: " + title
	}
	b.title(title, d.URL)
	b.author(d.Source)
	b.timestamp(d.Published)
	foot := digestFooter(d)
	b.used += min(textfit.Len(foot), maxFooterUsed) + moreReserve

	fieldBudget, descMax := fieldBudgetFull, maxDescription
	if compact {
		fieldBudget, descMax = fieldBudgetDay, descDay
	}
	var quotes []digest.Quote
	for _, q := range d.Quotes {
		if textclean.OneLine(q.Text) != "" {
			quotes = append(quotes, q)
		}
	}
	same, other := d.SplitRelated()
	start := b.used
	saved := b.max
	quoteBudget := fieldBudget
	if len(same)+len(other) > 0 {
		quoteBudget = fieldBudget / 2
	}
	// Quotes first, each with an equal share of their budget.
	b.max = b.used + quoteBudget
	shownQuotes := 0
	for i, q := range quotes {
		slots := min(len(quotes)-i, b.room()/minQuoteShare)
		if slots == 0 || !quoteField(b, q, b.room()/slots) {
			break
		}
		shownQuotes++
	}
	// Related headlines get the rest of the field budget.
	b.max = start + fieldBudget
	shownSame := linkField(b, "Same story, other outlets", same)
	shownOther := linkField(b, "Related", other)
	b.max = saved

	var more []string
	if n := len(quotes) - shownQuotes; n > 0 {
		more = append(more, plural(n, "more quote", "more quotes"))
	}
	if n := len(same) + len(other) - shownSame - shownOther; n > 0 {
		more = append(more, plural(n, "more headline", "more headlines"))
	}
	b.used -= min(textfit.Len(foot), maxFooterUsed) + moreReserve
	if len(more) > 0 {
		note := strings.Join(more, ", ") + " not shown"
		if foot != "" {
			foot = textfit.Shorten(foot, maxFooterUsed-textfit.Len(note)-3) + " · " + note
		} else {
			foot = note
		}
	}
	b.footer(foot)

	summary := make([]string, 0, len(d.Summary))
	for _, s := range d.Summary {
		if s = textclean.OneLine(s); s != "" {
			summary = append(summary, s)
		}
	}
	desc := escShorten(strings.Join(summary, " "), min(descMax, maxDescription, b.room()))
	if desc == "" && len(b.e.Fields) == 0 {
		desc = "No summary available."
	}
	b.e.Description = desc
	b.used += textfit.Len(desc)
	return b.e
}

// plural is "1 more quote" or "3 more quotes".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func digestFooter(d digest.Digest) string {
	var parts []string
	switch n := len(d.Outlets); {
	case n == 1:
		parts = append(parts, "1 outlet: "+textclean.OneLine(d.Outlets[0]))
	case n > 1:
		names := make([]string, 0, min(n, 5))
		for _, o := range d.Outlets[:min(n, 5)] {
			names = append(names, textclean.OneLine(o))
		}
		s := fmt.Sprintf("%d outlets: %s", n, strings.Join(names, ", "))
		if n > 5 {
			s += ", …"
		}
		parts = append(parts, s)
	}
	if d.Sample {
		parts = append(parts, "Sample article (bundled demo, not live news)")
	}
	if d.Language != "" {
		parts = append(parts, strings.ToUpper(textclean.OneLine(d.Language)))
	}
	return strings.Join(parts, " · ")
}

// quoteField adds one key quote within share characters: the speaker as
// the name, the words as the value.
func quoteField(b *embedBuilder, q digest.Quote, share int) bool {
	speaker := textclean.OneLine(q.Speaker)
	if speaker == "" {
		speaker = "unattributed"
	}
	name := "— " + escShorten(speaker, min(maxSpeaker, share/3))
	room := min(maxFieldValue, share-textfit.Len(name), b.room()-textfit.Len(name)) - 2
	if room < 16 {
		return false
	}
	return b.field(name, "“"+escShorten(textclean.OneLine(q.Text), room)+"”", false)
}

// linkField adds a field of as many headline links as fit, whole lines
// only, and returns how many it shows.
func linkField(b *embedBuilder, name string, hs []digest.Headline) int {
	if len(hs) == 0 {
		return 0
	}
	room := min(maxFieldValue, b.room()-textfit.Len(name))
	var lines []string
	used := 0
	for _, h := range hs {
		line := headlineLine(h, min(room, 300))
		if line == "" {
			continue
		}
		sep := 0
		if len(lines) > 0 {
			sep = 1
		}
		if used+sep+textfit.Len(line) > room {
			break
		}
		lines = append(lines, line)
		used += sep + textfit.Len(line)
	}
	if len(lines) == 0 || !b.field(name, strings.Join(lines, "\n"), false) {
		return 0
	}
	return len(lines)
}

// headlineLine is "[Headline](url) — Outlet" within max characters.
func headlineLine(h digest.Headline, max int) string {
	title := textclean.OneLine(h.Title)
	if title == "" {
		title = safeURL(h.URL, maxLinkURL)
	}
	if title == "" {
		return ""
	}
	src := ""
	if s := textclean.OneLine(h.Source); s != "" {
		src = " — " + escShorten(s, 60)
	}
	return link(title, h.URL, max-textfit.Len(src)) + src
}

func quotesReply(r digest.Reply) (string, []*discordgo.MessageEmbed) {
	content := escapeMarkdown(cleanText(r.Text))
	if content == "" && len(r.Quotes) > 0 {
		if q := textclean.OneLine(r.Query); q != "" {
			content = "Quotes matching “" + escShorten(q, 200) + "”"
		}
	}
	if len(r.Quotes) == 0 {
		if content == "" {
			content = "No quotes found."
		}
		return textContent(digest.Reply{Text: content, Suggestions: r.Suggestions}), nil
	}
	var embeds []*discordgo.MessageEmbed
	for _, h := range r.Quotes {
		embeds = append(embeds, quoteEmbed(h))
	}
	return content, embeds
}

func quoteEmbed(h digest.QuoteHit) *discordgo.MessageEmbed {
	b := newEmbed(colorQuote)
	b.title(h.Title, h.URL)
	b.author(h.Source)
	b.timestamp(h.Published)
	switch {
	case h.Outlets > 1:
		b.footer(fmt.Sprintf("Carried by %d outlets", h.Outlets))
	case h.Outlets == 1:
		b.footer("Carried by 1 outlet")
	}
	speaker := textclean.OneLine(h.Quote.Speaker)
	if speaker == "" {
		speaker = "unattributed"
	}
	attribution := "\n— **" + escShorten(speaker, 200) + "**"
	if cue := textclean.OneLine(h.Quote.Cue); cue != "" {
		attribution += ", " + escShorten(cue, 80)
	}
	room := min(quoteDesc, b.room()) - textfit.Len(attribution) - 2
	b.description("“"+escShorten(textclean.OneLine(h.Quote.Text), room)+"”"+attribution, quoteDesc)
	return b.e
}

func schedulesReply(r digest.Reply) (string, []*discordgo.MessageEmbed) {
	content := escapeMarkdown(cleanText(r.Text))
	if len(r.Schedules) == 0 {
		if content == "" {
			content = "No daily digests in this channel yet. Add one with `/digest add`."
		}
		return content, nil
	}
	var embeds []*discordgo.MessageEmbed
	var b *embedBuilder
	for _, s := range r.Schedules {
		name := fmt.Sprintf("#%d · %s", s.ID, escShorten(textclean.OneLine(strings.Join(s.Topics, ", ")), maxFieldName-24))
		value := scheduleValue(s)
		if b == nil || !b.field(name, value, false) {
			b = newEmbed(colorList)
			if len(embeds) == 0 {
				b.title("Daily digests", "")
			} else {
				b.title("Daily digests (continued)", "")
			}
			b.field(name, value, false)
			embeds = append(embeds, b.e)
		}
	}
	return content, embeds
}

func scheduleValue(s digest.Schedule) string {
	var lines []string
	lines = append(lines, escapeMarkdown(textclean.OneLine(scheduleWhen(s))))
	switch {
	case !s.LastDelivery.IsZero():
		lines = append(lines, fmt.Sprintf("Last delivery: <t:%d:f>", s.LastDelivery.Unix()))
	case s.LastDate != "":
		lines = append(lines, "Last delivery: "+escapeMarkdown(textclean.OneLine(s.LastDate)))
	default:
		lines = append(lines, "Last delivery: not yet")
	}
	if e := textclean.OneLine(s.LastError); e != "" {
		lines = append(lines, "Last error: "+escShorten(e, 300))
	}
	return strings.Join(lines, "\n")
}

// scheduleWhen is Describe without the topics (they are the field name).
func scheduleWhen(s digest.Schedule) string {
	t := s
	t.Topics = nil
	return strings.TrimSpace(t.Describe())
}

func dailyReply(r digest.Reply) (string, []*discordgo.MessageEmbed) {
	content := escapeMarkdown(cleanText(r.Text))
	if content == "" {
		topics := textclean.OneLine(strings.Join(r.Topics, ", "))
		switch {
		case len(r.Stories) == 0:
		case topics != "":
			content = "**Daily digest: " + escShorten(topics, 300) + "**"
		default:
			content = "**Daily digest**"
		}
	}
	if len(r.Empty) > 0 {
		line := "No new stories on " + escShorten(textclean.OneLine(strings.Join(r.Empty, ", ")), 500) + "."
		if content != "" {
			content += "\n"
		}
		content += line
	}
	var embeds []*discordgo.MessageEmbed
	for _, d := range r.Stories {
		embeds = append(embeds, digestEmbed(d, true))
	}
	if content == "" && len(embeds) == 0 {
		content = "No new stories today."
	}
	return content, embeds
}

// pack splits content and embeds into messages: content in pieces of at
// most 2000 characters, then the embeds, at most 10 and 6000 characters per
// message. The last content piece shares a message with the first embeds.
func pack(content string, embeds []*discordgo.MessageEmbed) []message {
	var msgs []message
	pieces := splitText(content, maxContent)
	for i, p := range pieces {
		if i < len(pieces)-1 {
			msgs = append(msgs, message{Content: p})
		}
	}
	cur := message{}
	if len(pieces) > 0 {
		cur.Content = pieces[len(pieces)-1]
	}
	total := 0
	for _, e := range embeds {
		n := embedLen(e)
		if len(cur.Embeds) > 0 && (len(cur.Embeds) == maxEmbedsPerMessage || total+n > maxEmbedTotal) {
			msgs = append(msgs, cur)
			cur, total = message{}, 0
		}
		cur.Embeds = append(cur.Embeds, e)
		total += n
	}
	if cur.Content != "" || len(cur.Embeds) > 0 {
		msgs = append(msgs, cur)
	}
	if len(msgs) == 0 {
		msgs = append(msgs, message{Content: "Nothing to show."})
	}
	return msgs
}

// splitText cuts s into pieces of at most max characters, at line breaks
// when possible, else at spaces, else anywhere.
func splitText(s string, max int) []string {
	s = strings.TrimSpace(s)
	var out []string
	for s != "" {
		if textfit.Len(s) <= max {
			out = append(out, s)
			break
		}
		head := textfit.Prefix(s, max)
		cut := len(head)
		if i := strings.LastIndexByte(head, '\n'); i > len(head)/2 {
			cut = i
		} else if i := strings.LastIndexByte(head, ' '); i > len(head)/2 {
			cut = i
		}
		if p := strings.TrimSpace(s[:cut]); p != "" {
			out = append(out, p)
		}
		s = strings.TrimSpace(s[cut:])
	}
	return out
}
