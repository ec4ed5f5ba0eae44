package digest

import (
	"strings"
	"unicode/utf8"
)

// HelpFreeText is the Command.Sub of the help answering a direct message
// that is neither a command nor a question about a quote (Args holds it).
const HelpFreeText = "text"

// commandAliases maps every word ParseCommand reads as a command to its
// canonical name.
var commandAliases = map[string]string{
	CmdNews: CmdNews, "noticias": CmdNews,
	CmdQuote: CmdQuote, "quotes": CmdQuote, "cita": CmdQuote,
	CmdDigest: CmdDigest, "schedule": CmdDigest,
	CmdFeeds: CmdFeeds, "feed": CmdFeeds, "sources": CmdFeeds,
	CmdHelp: CmdHelp, "start": CmdHelp, "?": CmdHelp,
}

// isHelpWord reports whether s asks for help ("help", "?", "ayuda").
func isHelpWord(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "help", "?", "-h", "--help", "ayuda":
		return true
	}
	return false
}

// subHelp reports whether rest is "<action> help" of a command with
// actions (/digest add help, /feeds add help): those take no free words, so
// the help is meant. (/quote who can help is a quote lookup.)
func subHelp(cmd, rest string) bool {
	if cmd != CmdDigest && cmd != CmdFeeds {
		return false
	}
	_, tail, ok := strings.Cut(strings.TrimSpace(rest), " ")
	return ok && isHelpWord(tail)
}

// closestCommand returns the canonical command nearest to word (a typo
// such as "nwes" or "dgest"): at most one edit for words of up to four
// letters, two for longer ones; "" when none is that close.
func closestCommand(word string) string {
	word = strings.ToLower(strings.TrimPrefix(word, "/"))
	n := utf8.RuneCountInString(word)
	if n < 3 {
		return ""
	}
	limit := 1
	if n > 4 {
		limit = 2
	}
	best, bestD := "", limit+1
	for _, name := range []string{CmdNews, CmdQuote, CmdDigest, CmdFeeds, CmdHelp, "noticias", "schedule", "sources"} {
		if d := editDistance(word, name); d < bestD {
			best, bestD = commandAliases[name], d
		}
	}
	return best
}

// editDistance is the Damerau (optimal string alignment) distance of a
// and b, in runes: an adjacent swap ("nwes") counts as one edit.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range rb {
		d[0][j+1] = j + 1
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// unknownCommand is the usage error for a command word that is none of
// ours, naming the closest one when there is one.
func unknownCommand(word, rest string) error {
	if c := closestCommand(word); c != "" {
		try := "/" + c
		if rest != "" && c != CmdHelp {
			try += " " + rest
		}
		return usageError("Unknown command %s. Did you mean /%s? Try: %s", word, c, try)
	}
	return usageError("Unknown command %s. Try /help.", word)
}

// looksQuoted reports whether text is wrapped in quotation marks: a quote
// to look up.
func looksQuoted(text string) bool {
	r, _ := utf8.DecodeRuneInString(text)
	return strings.ContainsRune("\"“”'‘’«„", r) && utf8.RuneCountInString(text) > 2
}

// Per-command help, the answer to "/news help", "/help digest" and the like.
var commandHelp = map[string]string{
	CmdNews: `/news <topic> — the top story on a topic: summary, key quotes with speakers, related headlines
/news <url> — the same digest for one article page
Filters: lang:es|en · exclude:word,word · from:outlet,outlet · skip:outlet · sources:own (only this workspace's or server's /feeds)
Examples: /news energy · /news mexico lang:es · /news mexico exclude:football`,
	CmdQuote: `/quote <words> — who said it: the quote, speaker, outlet, date and link
In a direct message: who said "a wetter century"?
Example: /quote a number they can count on`,
	CmdDigest: `/digest add <topics> [at] <HH:MM> [time zone] [on mon-fri] [max N] [filters] — a daily digest in this channel
/digest list — this channel's digests, with their filters, last delivery and last error
/digest edit <id> [<HH:MM>] [time zone] [on days] [max N] [filters] — change a digest without re-creating it
/digest preview <id> — what would be posted now, and which stories were left out and why
/digest now [id|topics [filters]] — post a digest now: a saved one, or one for topics with filters (/digest now mexico lang:es)
/digest remove <id>
Filters: lang:es|en|any · exclude:word,word · from:outlet · skip:outlet · sources:own|all
Time zones: IANA names in any case (America/Mexico_City, europe/madrid) or CET, EST, UTC…
Example: /digest add energy 08:00 Europe/Madrid on mon-fri`,
	CmdFeeds: `/feeds add <url> — add a news source for this workspace or server (an RSS/Atom/JSON feed, or a site page that links to one)
/feeds list — this workspace's or server's sources: last success, last error, articles stored
/feeds remove <id> — remove one
Example: /feeds add https://www.example.org/rss.xml`,
}

// helpReply answers /help, "/<command> help" and free text.
func helpReply(cmd Command) Reply {
	if text, ok := commandHelp[cmd.Args]; ok && cmd.Sub != HelpFreeText {
		return Reply{Kind: ReplyText, Text: text, Ephemeral: true}
	}
	if cmd.Sub == HelpFreeText {
		return Reply{Kind: ReplyText, Ephemeral: true, Text: "I answer commands, and questions about quotes such as: who said \"a wetter century\"?\n\n" + HelpText}
	}
	return Reply{Kind: ReplyText, Text: HelpText, Ephemeral: true}
}
