package digest

import (
	"encoding/json"
	"time"
)

// Article is one news article as the bot knows it. Body holds the extracted
// article text, paragraphs separated by a blank line; every byte offset in
// the core (Quote.Start, Quote.End, sentence offsets) refers to Body.
type Article struct {
	ID        int64     `json:"id,omitempty"`
	URL       string    `json:"url"`      // canonical URL (see urls.Canonical)
	GUID      string    `json:"guid"`     // feed item id, may be empty
	Title     string    `json:"title"`    // headline
	Source    string    `json:"source"`   // outlet name, e.g. "Reuters"
	Author    string    `json:"author"`   // byline, may be empty
	Language  string    `json:"language"` // ISO 639-1: "en", "es"
	Published time.Time `json:"published"`
	Fetched   time.Time `json:"fetched"`
	Body      string    `json:"body"`
	FeedURL   string    `json:"feed_url,omitempty"` // the feed it came from, if any
	Sample    bool      `json:"sample,omitempty"`   // bundled demo article written by the team

	// StoryID groups articles that report the same event (other outlets on
	// the same story). Assigned by Service.Ingest; 0 before that.
	StoryID int64 `json:"story_id,omitempty"`
	// Fingerprint is the 64-bit SimHash of the body's word shingles.
	Fingerprint uint64 `json:"fingerprint,omitempty"`
	// Quotes are the direct quotations found in Body, filled by Analyze.
	Quotes []Quote `json:"quotes,omitempty"`
	// StoryTerms are the key terms under which the store indexes the
	// article for story matching, and StorySignature its encoded story
	// document (similar.Doc.AppendSignature), so that later articles are
	// compared with it without analysing it again. Filled by Analyze and
	// stored by PutArticle; articles read back from the store come without
	// them (StorySignatures gives the signatures).
	StoryTerms     []string `json:"-"`
	StorySignature []byte   `json:"-"`
}

// Quote is one direct quotation inside an article body. Text is verbatim:
// Body[Start:End] == Text, without the enclosing quotation marks.
type Quote struct {
	Text    string `json:"text"`
	Speaker string `json:"speaker"` // resolved name or description; "" when unsure
	Cue     string `json:"cue"`     // the attribution verb or phrase ("said", "told Reuters", "according to")
	Start   int    `json:"start"`
	End     int    `json:"end"`
	// Score ranks key quotes: complete statements by named speakers first.
	Score float64 `json:"-"`
}

// Headline is a link to another article, shown as a related headline.
type Headline struct {
	Title     string    `json:"title"`
	URL       string    `json:"url"`
	Source    string    `json:"source"`
	Published time.Time `json:"published"`
	// SameStory is true for other outlets on the same story, false for
	// related but different stories.
	SameStory bool `json:"-"`
}

// Digest is the answer to /news: the top story's summary, key quotes and
// related headlines. Its JSON form is the `bot digest -json` output.
type Digest struct {
	Title     string     `json:"title"`
	Source    string     `json:"source"`
	URL       string     `json:"url"`
	Published time.Time  `json:"published"`
	Language  string     `json:"language"`
	Summary   []string   `json:"summary"`
	Quotes    []Quote    `json:"quotes"`
	Related   []Headline `json:"related"`
	// Outlets lists every outlet carrying the story, this one first.
	Outlets []string `json:"-"`
	// Sample marks a digest built from a bundled sample article.
	Sample bool `json:"-"`
	// StoryID is the story this digest is about (0 for a one-off page).
	StoryID int64 `json:"-"`
	// Updated marks a story already delivered to this channel that has
	// changed substantially since (scheduled digests only).
	Updated bool `json:"-"`
}

// QuoteHit is one answer to a quote lookup: a quote, where it appeared, and
// how many outlets carried the same words.
type QuoteHit struct {
	Quote     Quote     `json:"quote"`
	ArticleID int64     `json:"article_id"`
	Title     string    `json:"title"`
	Source    string    `json:"source"`
	URL       string    `json:"url"`
	Published time.Time `json:"published"`
	Outlets   int       `json:"outlets"`
	Sample    bool      `json:"sample,omitempty"` // the quote is from a bundled sample article
	Score     float64   `json:"-"`
}

// MarshalJSON writes d with "published": null when the date is unknown
// (a local file), instead of Go's zero time.
func (d Digest) MarshalJSON() ([]byte, error) {
	var published *time.Time
	if !d.Published.IsZero() {
		published = &d.Published
	}
	return json.Marshal(struct {
		Title     string     `json:"title"`
		Source    string     `json:"source"`
		URL       string     `json:"url"`
		Published *time.Time `json:"published"`
		Language  string     `json:"language"`
		Summary   []string   `json:"summary"`
		Quotes    []Quote    `json:"quotes"`
		Related   []Headline `json:"related"`
	}{d.Title, d.Source, d.URL, published, d.Language, d.Summary, d.Quotes, d.Related})
}
