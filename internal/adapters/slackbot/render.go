package slackbot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/textclean"
	"github.com/newsdigest/bot/internal/textfit"
)

// Slack's Block Kit limits, and the budgets the renderer keeps to stay well
// inside them. Every rendered message respects all of them by construction.
const (
	maxBlocks         = 50
	maxHeaderChars    = 150
	maxSectionChars   = 3000
	maxFields         = 10
	maxFieldChars     = 2000
	maxContextElems   = 10
	maxContextChars   = 2000 // per context text element
	maxFallbackChars  = 400  // top-level text: notifications and screen readers
	maxMessageChars   = 11000
	maxAckBytes       = 20 * 1024
	fallbackJSONChars = 2*maxFallbackChars + 32 // worst case: every character escaped
	footerReserve     = 700                     // characters kept for the closing context block

	maxSummaryChars  = 2400
	maxQuoteChars    = 1200
	maxTitleChars    = 300
	maxSpeakerChars  = 120
	maxOutletChars   = 80
	maxKeyQuotes     = 5
	maxRelated       = 8
	maxQuoteHits     = 10
	maxScheduleLines = 20
	maxSuggestions   = 10
	maxDailySummary  = 600
)

// message is a rendered Slack message: Block Kit blocks plus the plain-text
// fallback Slack shows in notifications.
type message struct {
	Text   string        `json:"text"`
	Blocks []slack.Block `json:"blocks"`
}

// builder collects blocks while keeping the message inside the block count
// and size budgets. add refuses a block that would overflow; callers stop
// adding content of that kind and note what was left out.
type builder struct {
	blocks []slack.Block
	used   int // characters of the blocks' JSON
	// reserved space for the closing block, released by addFooter.
	reserveBlocks int
	reserveChars  int
}

func newBuilder() *builder {
	return &builder{reserveBlocks: 1, reserveChars: footerReserve}
}

// blockChars is the size of a block's JSON in characters.
func blockChars(b slack.Block) int {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(b); err != nil {
		return maxMessageChars // never fits
	}
	return utf8.RuneCount(bytes.TrimSpace(buf.Bytes())) + 1 // the comma between blocks
}

func (b *builder) fits(n int) bool {
	return len(b.blocks)+1+b.reserveBlocks <= maxBlocks &&
		b.used+n+b.reserveChars <= maxMessageChars-fallbackJSONChars
}

// room is how many characters of text a new section could still hold.
func (b *builder) room() int {
	r := maxMessageChars - fallbackJSONChars - b.reserveChars - b.used - 80
	if len(b.blocks)+1+b.reserveBlocks > maxBlocks {
		return 0
	}
	return max(0, min(r, maxSectionChars))
}

func (b *builder) add(bl slack.Block) bool {
	n := blockChars(bl)
	if !b.fits(n) {
		return false
	}
	b.blocks = append(b.blocks, bl)
	b.used += n
	return true
}

// addFooter releases the reserve and adds the closing block.
func (b *builder) addFooter(bl slack.Block) bool {
	b.reserveBlocks, b.reserveChars = 0, 0
	return b.add(bl)
}

// Text objects. Article text (titles, sentences, quotes, speakers, outlets,
// topics people typed) is never sent as mrkdwn: it goes into plain_text
// objects or rich_text elements, which Slack shows as written — *, _, ~ and
// backticks stay characters, and #channel, @here, @channel or <!everyone>
// never become links or mentions. mrkdwn carries only the bot's own words,
// links and date tokens, with verbatim set so Slack does not auto-link
// anything in it either.

// mrkdwn is a verbatim mrkdwn text object (the bot's own words only).
func mrkdwn(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, s, false, true)
}

// plain is a plain_text object showing s as written (emoji shortcodes
// included).
func plain(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.PlainTextType, s, false, false)
}

// header returns a header block with plain text cut to the header limit.
func header(s string) slack.Block {
	s = textfit.Shorten(textclean.OneLine(s), maxHeaderChars)
	if s == "" {
		s = "News"
	}
	return slack.NewHeaderBlock(plain(s))
}

// contextBlock returns a context block of up to maxContextElems text
// objects, each cut to the element limit; empty ones are left out.
func contextBlock(parts ...*slack.TextBlockObject) slack.Block {
	var els []slack.MixedElement
	for _, p := range parts {
		if p == nil || strings.TrimSpace(p.Text) == "" || len(els) == maxContextElems {
			continue
		}
		if p.Type == slack.MarkdownType {
			p.Text = clipMrkdwn(p.Text, maxContextChars)
		} else {
			p.Text = textfit.Shorten(p.Text, maxContextChars)
		}
		els = append(els, p)
	}
	if len(els) == 0 {
		els = append(els, plain("—"))
	}
	return slack.NewContextBlock("", els...)
}

// addSection adds s (composed mrkdwn) as a section, shortened to whatever
// room is left. Text that is empty or only white space adds nothing (Slack
// refuses the whole message over one empty section) and reports true; it
// reports false when not even a short section fits.
func (b *builder) addSection(s string) bool {
	if strings.TrimSpace(s) == "" {
		return true
	}
	room := b.room()
	if room < 40 {
		return false
	}
	return b.add(slack.NewSectionBlock(mrkdwn(clipMrkdwn(s, room)), nil, nil))
}

// addPlain adds s as a plain_text section shown as written, shortened to
// the room left; like addSection it skips blank text.
func (b *builder) addPlain(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return true
	}
	room := b.room()
	if room < 40 {
		return false
	}
	return b.add(slack.NewSectionBlock(plain(textfit.Shorten(s, room)), nil, nil))
}

// addRich adds a rich_text block built by r; blank blocks add nothing and
// report true.
func (b *builder) addRich(r *richText) bool {
	bl := r.block()
	if bl == nil {
		return true
	}
	return b.add(bl)
}

// render turns a Reply into a Slack message within every Block Kit limit.
func render(r digest.Reply) message {
	var m message
	switch {
	case r.Kind == digest.ReplyDigest && r.Digest != nil:
		m = renderDigest(r, *r.Digest)
	case r.Kind == digest.ReplyQuotes && len(r.Quotes) > 0:
		m = renderQuotes(r)
	case r.Kind == digest.ReplySchedules:
		m = renderSchedules(r)
	case r.Kind == digest.ReplyDaily:
		m = renderDaily(r)
	default:
		m = renderText(r)
	}
	if len(m.Blocks) == 0 {
		m.Blocks = []slack.Block{slack.NewSectionBlock(plain(textfit.Shorten(textclean.OneLine(m.Text), maxSectionChars)), nil, nil)}
	}
	return addNotice(m, r.Notice)
}

// fallback is the top-level text: one escaped line (Slack reads it as mrkdwn).
func fallback(s string) string {
	s = escClip(textclean.OneLine(s), maxFallbackChars)
	if strings.TrimSpace(s) == "" {
		return "News digest"
	}
	return s
}

// paragraphs splits text at blank lines.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// addText adds plain text as sections of whole paragraphs, each section
// within the section limit; an over-long paragraph is shortened.
func (b *builder) addText(s string) {
	var cur strings.Builder
	flush := func() bool {
		if cur.Len() == 0 {
			return true
		}
		ok := b.addPlain(cur.String())
		cur.Reset()
		return ok
	}
	for _, p := range paragraphs(s) {
		e := textfit.Shorten(p, maxSectionChars)
		if cur.Len() > 0 && textfit.Len(cur.String())+2+textfit.Len(e) > maxSectionChars {
			if !flush() {
				return
			}
		}
		if cur.Len() > 0 {
			cur.WriteString("\n\n")
		}
		cur.WriteString(e)
	}
	flush()
}

// suggestionBlock lists nearby topics as code, for a reply that found nothing.
func suggestionBlock(sugg []string) *richText {
	r := newRichText()
	any := false
	for _, s := range sugg {
		if s = textclean.OneLine(s); s == "" {
			continue
		}
		if !any {
			r.text("Nearest topics: ", bold)
		} else {
			r.text(" · ", nil)
		}
		r.text(textfit.Shorten(s, 80), code)
		any = true
	}
	if !any {
		return r
	}
	r.text("\nTry ", nil).text("/news <topic>", code).text(" with one of them.", nil)
	return r
}

func renderText(r digest.Reply) message {
	b := newBuilder()
	text := r.Text
	if strings.TrimSpace(text) == "" {
		switch {
		case r.Kind == digest.ReplyQuotes && r.Query != "":
			text = fmt.Sprintf("No quotes found for “%s”.", textclean.OneLine(r.Query))
		case r.Kind == digest.ReplyDigest && r.Query != "":
			text = fmt.Sprintf("Nothing found on “%s”.", textclean.OneLine(r.Query))
		case len(r.Suggestions) > 0:
			text = "Nothing found."
		default:
			text = "Done."
		}
	}
	b.addText(text)
	b.addRich(suggestionBlock(r.Suggestions))
	return message{Text: fallback(text), Blocks: b.blocks}
}

// addQuote adds one quotation as a rich-text quote: “…” — Speaker.
func addQuote(r *richText, q digest.Quote, max int) {
	r.quote(func(r *richText) {
		r.text("“"+textfit.Shorten(textclean.OneLine(q.Text), max)+"”", nil)
		if sp := textfit.Shorten(textclean.OneLine(q.Speaker), maxSpeakerChars); sp != "" {
			r.text(" — ", nil).text(sp, bold)
		}
	})
}

// outletsNote is "carried by N outlets".
func outletsNote(n int) string {
	if n == 1 {
		return "carried by 1 outlet"
	}
	return fmt.Sprintf("carried by %d outlets", n)
}

func sampleNote() string {
	return ":test_tube: *Sample article* — bundled demo content, not live news."
}

func renderDigest(r digest.Reply, d digest.Digest) message {
	b := newBuilder()
	if d.Sample {
		b.add(contextBlock(mrkdwn(sampleNote())))
	}
	title := d.Title
	if strings.TrimSpace(title) == "" {
		title = "Top story"
	}
	b.add(header(title))

	meta := newRichText()
	sep := func() {
		if !meta.empty() {
			meta.text(" · ", nil)
		}
	}
	if src := textfit.Shorten(textclean.OneLine(d.Source), maxOutletChars); src != "" {
		meta.text(src, bold)
	}
	if !d.Published.IsZero() {
		sep()
		meta.date(d.Published)
	}
	if safeURL(d.URL) {
		sep()
		meta.link(d.URL, "Read the article", nil)
	}
	if q := textclean.OneLine(r.Query); q != "" && !safeURL(q) {
		sep()
		meta.text("top story for ", nil).text(textfit.Shorten(q, 100), italic)
	}
	b.addRich(meta)

	b.addPlain(textfit.Shorten(textclean.OneLine(strings.Join(d.Summary, " ")), maxSummaryChars))

	omitted := 0
	var quotes []digest.Quote
	for _, q := range d.Quotes {
		if textclean.OneLine(q.Text) != "" {
			quotes = append(quotes, q)
		}
	}
	if len(quotes) > 0 {
		b.addSection("*Key quotes*")
		for i, q := range quotes {
			rq := newRichText()
			addQuote(rq, q, min(maxQuoteChars, b.room()-maxSpeakerChars-60))
			if b.room() < 100 || !b.addRich(rq) {
				omitted += len(quotes) - i
				break
			}
		}
	}

	same, other := d.SplitRelated()
	omitted += addHeadlines(b, "Also reported by", same)
	omitted += addHeadlines(b, "Related stories", other)

	outlets := len(d.Outlets)
	if outlets == 0 && d.Source != "" {
		outlets = 1
	}
	var foot []string
	if d.Sample {
		foot = append(foot, ":test_tube: sample article")
	}
	if dt := slackDate(d.Published); dt != "" {
		foot = append(foot, "Published "+dt)
	}
	var names *slack.TextBlockObject
	if outlets > 0 {
		note := outletsNote(outlets)
		note = strings.ToUpper(note[:1]) + note[1:]
		if len(d.Outlets) > 1 {
			note += ":"
			names = plain(textfit.Shorten(strings.Join(d.Outlets, ", "), 300))
		}
		foot = append(foot, note)
	}
	if omitted > 0 {
		foot = append(foot, fmt.Sprintf("%d more not shown", omitted))
	}
	if len(foot) > 0 {
		b.addFooter(contextBlock(mrkdwn(strings.Join(foot, " · ")), names))
	}

	fb := title
	if d.Source != "" {
		fb += " — " + d.Source
	}
	if d.Sample {
		fb = "[sample article] " + fb
	}
	return message{Text: fallback(fb), Blocks: b.blocks}
}

// addHeadlines adds a titled list of headline links in one rich-text block
// and returns how many headlines were left out.
func addHeadlines(b *builder, title string, hs []digest.Headline) int {
	if len(hs) == 0 {
		return 0
	}
	room := b.room() - 200 // the block's own JSON around the texts
	r := newRichText()
	r.text(title, bold)
	var items []*richText
	used := textfit.Len(title)
	for _, h := range hs {
		item := newRichText()
		label := textfit.Shorten(textclean.OneLine(h.Title), maxTitleChars)
		if label == "" {
			label = hostOf(h.URL)
		}
		item.link(h.URL, label, nil)
		if src := textfit.Shorten(textclean.OneLine(h.Source), maxOutletChars); src != "" {
			item.text(" — ", nil).text(src, italic)
		}
		n := item.chars() + 2*textfit.Len(h.URL) + 120 // URL and element JSON
		if item.empty() || used+n > min(room, maxSectionChars) {
			break
		}
		items = append(items, item)
		used += n
	}
	if len(items) == 0 {
		return len(hs)
	}
	r.list(items)
	if !b.addRich(r) {
		return len(hs)
	}
	return len(hs) - len(items)
}

func renderQuotes(r digest.Reply) message {
	b := newBuilder()
	heading := textclean.OneLine(r.Text)
	if heading == "" {
		heading = "Quotes matching “" + textclean.OneLine(r.Query) + "”"
	}
	b.addRich(newRichText().text(textfit.Shorten(heading, 300), bold))
	omitted := 0
	for i, h := range r.Quotes {
		rq := newRichText()
		addQuote(rq, h.Quote, min(maxQuoteChars, b.room()-maxSpeakerChars-maxTitleChars-200))
		var parts []func()
		if t := firstNonEmpty(h.Title, h.Source); t != "" {
			parts = append(parts, func() {
				rq.link(h.URL, textfit.Shorten(textclean.OneLine(t), maxTitleChars), nil)
				if h.Source != "" && h.Title != "" {
					rq.text(" (", nil).text(textfit.Shorten(textclean.OneLine(h.Source), maxOutletChars), italic).text(")", nil)
				}
			})
		}
		if !h.Published.IsZero() {
			parts = append(parts, func() { rq.date(h.Published) })
		}
		parts = append(parts, func() { rq.text(outletsNote(max(h.Outlets, 1)), nil) })
		rq.section(func(*richText) {
			for j, p := range parts {
				if j > 0 {
					rq.text(" · ", nil)
				}
				p()
			}
		})
		if b.room() < 200 || !b.addRich(rq) {
			omitted = len(r.Quotes) - i
			break
		}
	}
	if omitted > 0 {
		b.addFooter(contextBlock(mrkdwn(fmt.Sprintf("%d more not shown; try more specific words.", omitted))))
	}
	first := r.Quotes[0]
	fb := "“" + textclean.OneLine(first.Quote.Text) + "”"
	if first.Quote.Speaker != "" {
		fb += " — " + first.Quote.Speaker
	}
	return message{Text: fallback(fb), Blocks: b.blocks}
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

func renderSchedules(r digest.Reply) message {
	b := newBuilder()
	heading := textclean.OneLine(r.Text)
	if heading == "" {
		heading = "Daily digests in this channel"
	}
	b.addRich(newRichText().text(textfit.Shorten(heading, 300), bold))
	if len(r.Schedules) == 0 {
		b.addSection("No daily digests here yet. Add one: `/digest add mexico at 08:00 America/Mexico_City`")
		return message{Text: fallback("No daily digests in this channel yet."), Blocks: b.blocks}
	}
	omitted := 0
	for i, s := range r.Schedules {
		line := newRichText()
		line.text(fmt.Sprintf("#%d", s.ID), bold).text(" · "+textfit.Shorten(textclean.OneLine(s.Describe()), 1200), nil)
		switch {
		case !s.LastDelivery.IsZero():
			line.text("\nLast delivered ", nil).date(s.LastDelivery)
		case s.LastDate != "":
			line.text("\nLast delivered on "+textfit.Shorten(textclean.OneLine(s.LastDate), 40), nil)
		default:
			line.text("\nNot delivered yet", nil)
		}
		if e := textclean.OneLine(s.LastError); e != "" {
			line.text("\n⚠️ Last error: "+textfit.Shorten(e, 300), nil)
		}
		if b.room() < 100 || !b.addRich(line) {
			omitted = len(r.Schedules) - i
			break
		}
	}
	foot := "Remove one with `/digest remove &lt;id&gt;` · send one now with `/digest now &lt;id&gt;`"
	if omitted > 0 {
		foot = fmt.Sprintf("%d more not shown · ", omitted) + foot
	}
	b.addFooter(contextBlock(mrkdwn(foot)))
	return message{Text: fallback(fmt.Sprintf("%d daily digests in this channel", len(r.Schedules))), Blocks: b.blocks}
}

func renderDaily(r digest.Reply) message {
	b := newBuilder()
	topics := strings.Join(r.Topics, ", ")
	heading := r.Text
	if strings.TrimSpace(heading) == "" {
		heading = "Daily digest"
		if strings.TrimSpace(topics) != "" {
			heading += ": " + topics
		}
	}
	b.add(header(heading))
	omitted := 0
	for i, d := range r.Stories {
		if !addDailyStory(b, d) {
			omitted = len(r.Stories) - i
			break
		}
	}
	var foot []*slack.TextBlockObject
	if empty := textclean.OneLine(strings.Join(r.Empty, ", ")); empty != "" {
		foot = append(foot, plain("No new stories on "+textfit.Shorten(empty, 400)+"."))
	}
	if omitted > 0 {
		foot = append(foot, mrkdwn(fmt.Sprintf("%d more stories not shown.", omitted)))
	}
	if len(r.Stories) == 0 && len(foot) == 0 {
		foot = append(foot, mrkdwn("No new stories since the last digest."))
	}
	if len(foot) > 0 {
		b.addFooter(contextBlock(foot...))
	}
	var fb string
	switch n := len(r.Stories); n {
	case 0:
		fb = "No new stories"
		if t := firstNonEmpty(strings.Join(r.Empty, ", "), topics); t != "" {
			fb += " on " + t
		}
	case 1:
		fb = heading + ": " + r.Stories[0].Title
	default:
		fb = fmt.Sprintf("%s: %d stories", heading, n)
	}
	return message{Text: fallback(fb), Blocks: b.blocks}
}

// addDailyStory adds one story of a daily digest: a divider, the linked
// headline with outlet, time, a short summary and the first quote, and a
// context line.
func addDailyStory(b *builder, d digest.Digest) bool {
	// A story needs three blocks; do not start one that cannot finish.
	if len(b.blocks)+3+b.reserveBlocks > maxBlocks || b.room() < 600 {
		return false
	}
	title := textclean.OneLine(d.Title)
	if title == "" {
		title = "Untitled story"
	}
	r := newRichText()
	r.link(d.URL, textfit.Shorten(title, maxTitleChars), bold)
	if d.Updated {
		r.text(" (updated)", italic)
	}
	var meta []func()
	if src := textfit.Shorten(textclean.OneLine(d.Source), maxOutletChars); src != "" {
		meta = append(meta, func() { r.text(src, italic) })
	}
	if !d.Published.IsZero() {
		meta = append(meta, func() { r.date(d.Published) })
	}
	for i, m := range meta {
		if i == 0 {
			r.text("\n", nil)
		} else {
			r.text(" · ", nil)
		}
		m()
	}
	if s := textfit.Shorten(textclean.OneLine(strings.Join(d.Summary, " ")), maxDailySummary); s != "" {
		r.text("\n"+s, nil)
	}
	for _, q := range d.Quotes {
		if textclean.OneLine(q.Text) != "" {
			addQuote(r, q, 300)
			break
		}
	}
	if !b.add(slack.NewDividerBlock()) {
		return false
	}
	if !b.addRich(r) {
		return false
	}
	var foot []string
	if d.Sample {
		foot = append(foot, ":test_tube: sample article")
	}
	if n := len(d.Outlets); n > 0 {
		foot = append(foot, outletsNote(n))
	}
	if len(foot) > 0 {
		b.add(contextBlock(mrkdwn(strings.Join(foot, " · "))))
	}
	return true
}

// ackPayload is the immediate answer to a slash command: a short ephemeral
// note, always far below Slack's 20 KB Socket Mode limit.
type ackPayload struct {
	ResponseType string `json:"response_type"`
	Text         string `json:"text"`
}

func newAck(text string) ackPayload {
	return ackPayload{ResponseType: slack.ResponseTypeEphemeral, Text: escClip(text, 1000)}
}
