package digest

// ReplyKind says which part of a Reply is filled.
type ReplyKind int

// Reply kinds.
const (
	ReplyText      ReplyKind = iota // Text only: help, confirmations, "nothing found"
	ReplyDigest                     // Digest: the answer to /news
	ReplyQuotes                     // Quotes: the answer to /quote
	ReplySchedules                  // Schedules: /digest list
	ReplyDaily                      // Stories: a scheduled daily digest
)

// Reply is what the Service answers; adapters render it within their
// platform's limits.
type Reply struct {
	Kind      ReplyKind
	Text      string // heading or message; for ReplyText the whole answer
	Query     string // what the user asked, for headings
	Digest    *Digest
	Quotes    []QuoteHit
	Schedules []Schedule
	// Stories are the daily digest's stories, best first.
	Stories []Digest
	// Topics is the daily digest's topics; Empty lists topics with nothing new.
	Topics []string
	Empty  []string
	// Suggestions are nearby topics when nothing was found.
	Suggestions []string
	// Feeds are the workspace's feeds (/feeds list; Text has them too).
	Feeds []WorkspaceFeed
	// Notice is one line about the bot's sources shown under the answer
	// while they need attention (none set up, none working, only samples
	// stored); "" otherwise.
	Notice string
	// Ephemeral asks the platform to show the reply only to the asker.
	Ephemeral bool
}
