package slackbot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/newsdigest/bot/internal/digest"
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

func mrkdwn(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, s, false, false)
}

// header returns a header block with plain text cut to the header limit.
func header(s string) slack.Block {
	s = clip(oneLine(s), maxHeaderChars)
	if s == "" {
		s = "News"
	}
	return slack.NewHeaderBlock(slack.NewTextBlockObject(slack.PlainTextType, s, false, false))
}

// section returns a section block with mrkdwn text cut to the section limit.
func section(s string) slack.Block {
	return slack.NewSectionBlock(mrkdwn(clipMrkdwn(s, maxSectionChars)), nil, nil)
}

// contextBlock returns a context block with up to maxContextElems mrkdwn elements.
func contextBlock(parts ...string) slack.Block {
	var els []slack.MixedElement
	for _, p := range parts {
		if p == "" || len(els) == maxContextElems {
			continue
		}
		els = append(els, mrkdwn(clipMrkdwn(p, maxContextChars)))
	}
	if len(els) == 0 {
		els = append(els, mrkdwn(" "))
	}
	return slack.NewContextBlock("", els...)
}

// addSection adds s (composed mrkdwn) as a section, shortened to whatever
// room is left; it reports false when not even a short section fits.
func (b *builder) addSection(s string) bool {
	room := b.room()
	if room < 40 {
		return false
	}
	return b.add(section(clipMrkdwn(s, room)))
}

// render turns a Reply into a Slack message within every Block Kit limit.
func render(r digest.Reply) message {
	return addNotice(renderKind(r), r.Notice)
}

func renderKind(r digest.Reply) message {
	switch r.Kind {
	case digest.ReplyDigest:
		if r.Digest != nil {
			return renderDigest(r, *r.Digest)
		}
	case digest.ReplyQuotes:
		if len(r.Quotes) > 0 {
			return renderQuotes(r)
		}
	case digest.ReplySchedules:
		return renderSchedules(r)
	case digest.ReplyDaily:
		return renderDaily(r)
	}
	return renderText(r)
}

// fallback is the top-level text: one escaped line (Slack reads it as mrkdwn).
func fallback(s string) string {
	s = escClip(oneLine(s), maxFallbackChars)
	if s == "" {
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
		ok := b.addSection(cur.String())
		cur.Reset()
		return ok
	}
	for _, p := range paragraphs(s) {
		e := escClip(p, maxSectionChars)
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

func suggestionLine(sugg []string) string {
	var parts []string
	for _, s := range sugg {
		if c := code(s, 80); c != "" && len(parts) < maxSuggestions {
			parts = append(parts, c)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "*Nearest topics:* " + strings.Join(parts, " · ") + "\nTry `/news &lt;topic&gt;` with one of them."
}

func renderText(r digest.Reply) message {
	b := newBuilder()
	text := r.Text
	if strings.TrimSpace(text) == "" {
		switch {
		case r.Kind == digest.ReplyQuotes && r.Query != "":
			text = fmt.Sprintf("No quotes found for “%s”.", oneLine(r.Query))
		case r.Kind == digest.ReplyDigest && r.Query != "":
			text = fmt.Sprintf("Nothing found on “%s”.", oneLine(r.Query))
		case len(r.Suggestions) > 0:
			text = "Nothing found."
		default:
			text = "Done."
		}
	}
	b.addText(text)
	if s := suggestionLine(r.Suggestions); s != "" {
		b.addSection(s)
	}
	return message{Text: fallback(text), Blocks: b.blocks}
}

// quoteLine renders one quotation: > “…” — *Speaker*
func quoteLine(q digest.Quote, max int) string {
	line := ">“" + escClip(oneLine(q.Text), max) + "”"
	if sp := bold(q.Speaker, maxSpeakerChars); sp != "" {
		line += " — " + sp
	}
	return line
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
		b.add(contextBlock(sampleNote()))
	}
	title := d.Title
	if strings.TrimSpace(title) == "" {
		title = "Top story"
	}
	b.add(header(title))

	var meta []string
	if src := bold(d.Source, maxOutletChars); src != "" {
		meta = append(meta, src)
	}
	if dt := slackDate(d.Published); dt != "" {
		meta = append(meta, dt)
	}
	if safeURL(d.URL) {
		meta = append(meta, link(d.URL, "Read the article", 40))
	}
	if q := oneLine(r.Query); q != "" && !safeURL(q) {
		meta = append(meta, "top story for "+italic(q, 100))
	}
	if len(meta) > 0 {
		b.addSection(strings.Join(meta, " · "))
	}

	if len(d.Summary) > 0 {
		b.addSection(escClip(oneLine(strings.Join(d.Summary, " ")), maxSummaryChars))
	}

	omitted := 0
	if len(d.Quotes) > 0 {
		b.addSection("*Key quotes*")
		for i, q := range d.Quotes {
			if i >= maxKeyQuotes || !b.addSection(quoteLine(q, maxQuoteChars)) {
				omitted += len(d.Quotes) - i
				break
			}
		}
	}

	same, other := d.SplitRelated()
	omitted += addHeadlines(b, "*Also reported by*", same)
	omitted += addHeadlines(b, "*Related stories*", other)

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
	if outlets > 0 {
		note := outletsNote(outlets)
		note = strings.ToUpper(note[:1]) + note[1:]
		if len(d.Outlets) > 1 {
			note += ": " + escClip(strings.Join(d.Outlets, ", "), 300)
		}
		foot = append(foot, note)
	}
	if omitted > 0 {
		foot = append(foot, fmt.Sprintf("%d more not shown", omitted))
	}
	if len(foot) > 0 {
		b.addFooter(contextBlock(strings.Join(foot, " · ")))
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

// addHeadlines adds a titled list of headline links in one section and
// returns how many headlines were left out.
func addHeadlines(b *builder, title string, hs []digest.Headline) int {
	if len(hs) == 0 {
		return 0
	}
	room := b.room()
	var sb strings.Builder
	sb.WriteString(title)
	shown := 0
	for _, h := range hs {
		if shown == maxRelated {
			break
		}
		line := "\n• " + link(h.URL, h.Title, maxTitleChars)
		if src := italic(h.Source, maxOutletChars); src != "" {
			line += " — " + src
		}
		if textfit.Len(sb.String())+textfit.Len(line) > room {
			break
		}
		sb.WriteString(line)
		shown++
	}
	if shown == 0 || !b.addSection(sb.String()) {
		return len(hs)
	}
	return len(hs) - shown
}

func renderQuotes(r digest.Reply) message {
	b := newBuilder()
	heading := r.Text
	if strings.TrimSpace(heading) == "" {
		heading = "Quotes matching “" + oneLine(r.Query) + "”"
	}
	b.addSection(bold(heading, 300))
	omitted := 0
	for i, h := range r.Quotes {
		if i >= maxQuoteHits {
			omitted = len(r.Quotes) - i
			break
		}
		var src []string
		if t := link(h.URL, firstNonEmpty(h.Title, h.Source), maxTitleChars); t != "" {
			s := t
			if h.Source != "" && h.Title != "" {
				s += " (" + italic(h.Source, maxOutletChars) + ")"
			}
			src = append(src, s)
		}
		if dt := slackDate(h.Published); dt != "" {
			src = append(src, dt)
		}
		n := max(h.Outlets, 1)
		src = append(src, outletsNote(n))
		text := quoteLine(h.Quote, maxQuoteChars) + "\n" + strings.Join(src, " · ")
		if !b.addSection(text) {
			omitted = len(r.Quotes) - i
			break
		}
	}
	if omitted > 0 {
		b.addFooter(contextBlock(fmt.Sprintf("%d more not shown; try more specific words.", omitted)))
	}
	first := r.Quotes[0]
	fb := "“" + oneLine(first.Quote.Text) + "”"
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
	heading := r.Text
	if strings.TrimSpace(heading) == "" {
		heading = "Daily digests in this channel"
	}
	b.addSection(bold(heading, 300))
	if len(r.Schedules) == 0 {
		b.addSection("No daily digests here yet. Add one: `/digest add mexico at 08:00 America/Mexico_City`")
		return message{Text: fallback("No daily digests in this channel yet."), Blocks: b.blocks}
	}
	omitted := 0
	for i, s := range r.Schedules {
		if i >= maxScheduleLines {
			omitted = len(r.Schedules) - i
			break
		}
		line := fmt.Sprintf("*#%d* · %s", s.ID, escClip(oneLine(s.Describe()), 1200))
		switch {
		case !s.LastDelivery.IsZero():
			line += "\nLast delivered " + slackDate(s.LastDelivery)
		case s.LastDate != "":
			line += "\nLast delivered on " + esc(s.LastDate)
		default:
			line += "\nNot delivered yet"
		}
		if e := strings.TrimSpace(s.LastError); e != "" {
			line += "\n:warning: Last error: " + escClip(oneLine(e), 300)
		}
		if !b.addSection(line) {
			omitted = len(r.Schedules) - i
			break
		}
	}
	foot := "Remove one with `/digest remove <id>` · send one now with `/digest now <id>`"
	foot = esc(foot)
	if omitted > 0 {
		foot = fmt.Sprintf("%d more not shown · ", omitted) + foot
	}
	b.addFooter(contextBlock(foot))
	return message{Text: fallback(fmt.Sprintf("%d daily digests in this channel", len(r.Schedules))), Blocks: b.blocks}
}

func renderDaily(r digest.Reply) message {
	b := newBuilder()
	topics := strings.Join(r.Topics, ", ")
	heading := r.Text
	if strings.TrimSpace(heading) == "" {
		heading = "Daily digest"
		if topics != "" {
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
	var foot []string
	if len(r.Empty) > 0 {
		foot = append(foot, "No new stories on "+escClip(strings.Join(r.Empty, ", "), 400)+".")
	}
	if omitted > 0 {
		foot = append(foot, fmt.Sprintf("%d more stories not shown.", omitted))
	}
	if len(r.Stories) == 0 && len(r.Empty) == 0 {
		foot = append(foot, "No new stories since the last digest.")
	}
	if len(foot) > 0 {
		b.addFooter(contextBlock(strings.Join(foot, " ")))
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
// headline with outlet, time and a short summary, and a context line.
func addDailyStory(b *builder, d digest.Digest) bool {
	// A story needs three blocks; do not start one that cannot finish.
	if len(b.blocks)+3+b.reserveBlocks > maxBlocks || b.room() < 200 {
		return false
	}
	title := d.Title
	if strings.TrimSpace(title) == "" {
		title = "Untitled story"
	}
	text := "*" + link(d.URL, strings.ReplaceAll(title, "*", ""), maxTitleChars) + "*"
	if d.Updated {
		text += " _(updated)_"
	}
	var meta []string
	if src := italic(d.Source, maxOutletChars); src != "" {
		meta = append(meta, src)
	}
	if dt := slackDate(d.Published); dt != "" {
		meta = append(meta, dt)
	}
	if len(meta) > 0 {
		text += "\n" + strings.Join(meta, " · ")
	}
	if len(d.Summary) > 0 {
		text += "\n" + escClip(oneLine(strings.Join(d.Summary, " ")), maxDailySummary)
	}
	if len(d.Quotes) > 0 {
		text += "\n" + quoteLine(d.Quotes[0], 300)
	}
	if !b.add(slack.NewDividerBlock()) {
		return false
	}
	if !b.addSection(text) {
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
		b.add(contextBlock(strings.Join(foot, " · ")))
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
