package console

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/newsdigest/bot/internal/digest"
)

// Render writes r as terminal text.
func Render(w io.Writer, r digest.Reply) error {
	var b strings.Builder
	switch r.Kind {
	case digest.ReplyDigest:
		if r.Digest != nil {
			writeDigest(&b, *r.Digest, true)
		}
	case digest.ReplyQuotes:
		fmt.Fprintf(&b, "Quotes matching %q:\n\n", r.Query)
		for _, h := range r.Quotes {
			writeQuoteHit(&b, h)
		}
	case digest.ReplySchedules:
		b.WriteString(r.Text + "\n")
		for _, s := range r.Schedules {
			fmt.Fprintf(&b, "  #%d  %s\n", s.ID, s.Describe())
			switch {
			case s.LastError != "":
				fmt.Fprintf(&b, "       last error: %s\n", s.LastError)
			case !s.LastDelivery.IsZero():
				fmt.Fprintf(&b, "       last delivered: %s\n", s.LastDelivery.Format(time.RFC1123))
			}
		}
	case digest.ReplyDaily:
		writeDaily(&b, r)
	default:
		b.WriteString(r.Text + "\n")
	}
	if r.Notice != "" {
		b.WriteString("\nNote: " + r.Notice + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// RenderDigest writes one article digest as terminal text (the form of
// `bot digest`).
func RenderDigest(w io.Writer, d digest.Digest) error {
	return Render(w, digest.Reply{Kind: digest.ReplyDigest, Digest: &d})
}

func writeDigest(b *strings.Builder, d digest.Digest, full bool) {
	b.WriteString(d.Title + "\n")
	var meta []string
	if d.Source != "" {
		meta = append(meta, d.Source)
	}
	if !d.Published.IsZero() {
		meta = append(meta, d.Published.UTC().Format("2 Jan 2006 15:04 MST"))
	}
	if len(d.Outlets) > 1 {
		meta = append(meta, fmt.Sprintf("%d outlets", len(d.Outlets)))
	}
	if d.Sample {
		meta = append(meta, "sample article")
	}
	if d.Updated {
		meta = append(meta, "updated")
	}
	if len(meta) > 0 {
		b.WriteString(strings.Join(meta, " · ") + "\n")
	}
	if strings.HasPrefix(d.URL, "http") {
		b.WriteString(d.URL + "\n")
	}
	b.WriteString("\nSummary\n")
	for _, s := range d.Summary {
		b.WriteString("  • " + s + "\n")
	}
	if len(d.Quotes) > 0 {
		b.WriteString("\nKey quotes\n")
		for _, q := range d.Quotes {
			speaker := q.Speaker
			if speaker == "" {
				speaker = "unattributed"
			}
			fmt.Fprintf(b, "  “%s” — %s\n", q.Text, speaker)
		}
	}
	if full && len(d.Related) > 0 {
		b.WriteString("\nRelated\n")
		for _, h := range d.Related {
			tag := ""
			if h.SameStory {
				tag = " (same story)"
			}
			fmt.Fprintf(b, "  - %s — %s%s\n    %s\n", h.Title, h.Source, tag, h.URL)
		}
	}
}

func writeQuoteHit(b *strings.Builder, h digest.QuoteHit) {
	speaker := h.Quote.Speaker
	if speaker == "" {
		speaker = "unattributed"
	}
	fmt.Fprintf(b, "“%s”\n  — %s, in %s, %s\n", h.Quote.Text, speaker, h.Source, h.Published.UTC().Format("2 Jan 2006"))
	if h.Outlets > 1 {
		fmt.Fprintf(b, "  carried by %d outlets\n", h.Outlets)
	}
	if h.Title != "" {
		fmt.Fprintf(b, "  %s\n", h.Title)
	}
	if h.URL != "" {
		fmt.Fprintf(b, "  %s\n", h.URL)
	}
	b.WriteString("\n")
}

func writeDaily(b *strings.Builder, r digest.Reply) {
	heading := r.Text
	if heading == "" {
		heading = "Daily digest: " + strings.Join(r.Topics, ", ")
	}
	b.WriteString(heading + "\n")
	for i, d := range r.Stories {
		fmt.Fprintf(b, "\n%d. ", i+1)
		writeDigest(b, d, false)
		if len(d.Outlets) > 1 {
			fmt.Fprintf(b, "  Also covered by: %s\n", strings.Join(d.Outlets[1:], ", "))
		}
	}
	for _, t := range r.Empty {
		fmt.Fprintf(b, "\nNo new stories on %s.\n", t)
	}
}
