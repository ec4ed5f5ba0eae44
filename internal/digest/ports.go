package digest

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsdigest/bot/internal/digest/similar"
)

// Clock tells the time; tests use a fake.
type Clock interface {
	Now() time.Time
}

// ClockFunc adapts a function to Clock.
type ClockFunc func() time.Time

// Now calls f.
func (f ClockFunc) Now() time.Time { return f() }

// SearchQuery asks the store for articles matching free text.
type SearchQuery struct {
	Text         string    // user words; the store builds its own full-text query (words OR-ed or AND-ed as it sees fit, never raw syntax)
	Since        time.Time // only articles published at or after, zero for all
	Until        time.Time // only articles published before, zero for no bound
	ExcludeStory int64     // leave out this story's articles, 0 for none
	Limit        int       // at most this many hits (the store caps it at 200)
}

// ArticleHit is a full-text match. Rank is relevance, higher is better
// (for SQLite FTS5: -bm25()), comparable only within one result set.
type ArticleHit struct {
	Article Article
	Rank    float64
}

// QuoteQuery asks the quote index for quotes matching words and/or a speaker.
type QuoteQuery struct {
	Text    string // words in the quote; may be empty when Speaker is set
	Speaker string // words in the speaker's name; may be empty
	Limit   int
}

// ArticleStore keeps articles, their quotes and their stories.
type ArticleStore interface {
	// PutArticle stores a and a.Quotes in one transaction and sets a.ID.
	// When a.StoryID is 0 the article starts a new story whose id is the
	// article's id (and a.StoryID is set to it). It returns ErrDuplicate and
	// changes nothing when an article with the same URL, or the same
	// non-empty GUID from the same FeedURL, is already stored, or a copy
	// of a (see IsCopy) from the same non-empty FeedURL.
	PutArticle(ctx context.Context, a *Article) error
	// Article returns one article with its quotes, or ErrNotFound.
	Article(ctx context.Context, id int64) (Article, error)
	// SearchArticles runs a full-text search (title weighted above body)
	// and returns hits best first. Articles are returned with Body and
	// without Quotes.
	SearchArticles(ctx context.Context, q SearchQuery) ([]ArticleHit, error)
	// StoryArticles returns the articles of one story, newest first,
	// without Quotes.
	StoryArticles(ctx context.Context, storyID int64) ([]Article, error)
	// RecentArticles returns articles published at or after since, newest
	// first, at most limit, without Body or Quotes.
	RecentArticles(ctx context.Context, since time.Time, limit int) ([]Article, error)
	// CountArticles returns how many articles are stored.
	CountArticles(ctx context.Context) (int, error)
	// StoryTermMatches returns, for each of terms in order, the ids of the
	// articles published in [since, until) (until zero: no bound) whose
	// StoryTerms hold it: the perTerm most recently published of them, in
	// no particular order. Terms that IndexableTerm refuses match nothing.
	StoryTermMatches(ctx context.Context, terms []string, since, until time.Time, perTerm int) ([][]int64, error)
	// ArticleStories returns the story of each of ids stored with a story
	// signature, by article id. Ingest reads them to spread a headline's
	// candidates over stories (similar.CandidateIDs).
	ArticleStories(ctx context.Context, ids []int64) (map[int64]int64, error)
	// StorySignatures returns the story signatures of those of ids that
	// are stored with one, in no particular order.
	StorySignatures(ctx context.Context, ids []int64) ([]StorySignature, error)
	// StoryMembers returns the story signatures of the articles of each of
	// stories published in [since, until) (until zero: no bound): the
	// perStory most recently published of each story, in no particular
	// order. Ingest reads them to compare a headline with whole stories.
	StoryMembers(ctx context.Context, stories []int64, since, until time.Time, perStory int) ([]StorySignature, error)
	// PutStorySignature stores the StoryTerms and StorySignature of stored
	// article id, for articles stored before they were computed; an
	// article that has them already keeps them (a signature never changes).
	// ErrNotFound when there is no such article.
	PutStorySignature(ctx context.Context, id int64, terms []string, sig []byte) error
	// SearchQuotes searches the quote index; hits are best first, one per
	// stored quote (Outlets = 1); the Service merges the same words.
	SearchQuotes(ctx context.Context, q QuoteQuery) ([]QuoteHit, error)
}

// StorySignature is what story matching reads of a stored article: its
// story, publication time and encoded story document
// (Article.StorySignature). It is similar's own type, so that ingest
// hands what the store reads to similar.CandidateDocs and
// similar.MemberDocs as it is.
type StorySignature = similar.StoredSignature

// DeliveredStory records that a story was posted to a channel.
type DeliveredStory struct {
	StoryID     int64
	Fingerprint uint64 // of the article shown, to tell a substantial update
	At          time.Time
}

// ScheduleBook keeps channel schedules and the stories delivered to each
// channel: what the Service reads and writes for /digest.
type ScheduleBook interface {
	// PutSchedule inserts s (ID 0, sets s.ID) or updates it. An insert into
	// a channel that already has MaxChannelSchedules schedules returns an
	// error wrapping ErrLimit and changes nothing: counting and inserting
	// are one atomic step, safe across connections and processes.
	PutSchedule(ctx context.Context, s *Schedule) error
	// DeleteSchedule removes schedule id of channel ch, or returns ErrNotFound.
	DeleteSchedule(ctx context.Context, ch Channel, id int64) error
	// Schedule returns one schedule with its delivery state, or ErrNotFound.
	Schedule(ctx context.Context, id int64) (Schedule, error)
	// ListSchedules returns ch's schedules (all schedules when ch is the
	// zero Channel) with their delivery state, by id.
	ListSchedules(ctx context.Context, ch Channel) ([]Schedule, error)
	// DeliveredStories returns, of storyIDs, those already posted to ch.
	DeliveredStories(ctx context.Context, ch Channel, storyIDs []int64) (map[int64]DeliveredStory, error)
	// MarkDelivered records stories as posted to ch (upsert).
	MarkDelivered(ctx context.Context, ch Channel, stories []DeliveredStory) error
}

// RunClaims are the claims on scheduled runs that make a daily digest go
// out once even with several bot processes; the scheduler uses them.
type RunClaims interface {
	// ClaimRun claims the run of schedule id for localDate (YYYY-MM-DD) for
	// owner until leaseUntil. It returns true when the caller now owns the
	// run: no one completed it and no other owner holds an unexpired lease
	// (a lease held by the same owner is renewed). One statement per
	// dialect; safe across processes.
	ClaimRun(ctx context.Context, id int64, localDate, owner string, now, leaseUntil time.Time) (bool, error)
	// CompleteRun marks the run delivered at at. Only the owner may complete.
	CompleteRun(ctx context.Context, id int64, localDate, owner string, at time.Time) error
	// FailRun records reason, releases the lease and keeps the run open.
	FailRun(ctx context.Context, id int64, localDate, owner, reason string, at time.Time) error
	// RunState reports whether the run for localDate was completed, and the
	// attempts made.
	RunState(ctx context.Context, id int64, localDate string) (done bool, attempts int, err error)
}

// ScheduleStore keeps schedules, their deliveries and the claims on their
// runs.
type ScheduleStore interface {
	ScheduleBook
	RunClaims
}

// ServiceStore is what the Service persists: articles with their stories
// and quotes, channel schedules, the bundled samples and the workspaces'
// own sources. It takes no run claims and writes no feed state (the
// scheduler and the feed poller declare their own); it only reads the
// feeds' health.
type ServiceStore interface {
	ArticleStore
	ScheduleBook
	SampleStore
	SourceStore
	// FeedStates lists every known feed by URL, with Articles filled (for
	// the answers' note when no source has been read yet).
	FeedStates(ctx context.Context) ([]FeedState, error)
}

// CopyWindow is how far apart in publication time two articles of one
// feed may be for the later to be dropped as a copy of the earlier (see
// IsCopy): a feed that changes its items' GUID and link on every poll
// would otherwise store the same text again each time.
const CopyWindow = 7 * 24 * time.Hour

// IsCopy reports whether stored, an article from the same non-empty feed as
// a, is a copy of a that PutArticle drops: the same title, both
// fingerprints known and at most similar.DefaultNearDuplicate bits apart
// (an exact or near-exact copy of the text), published within CopyWindow
// of each other. Requiring the title keeps apart different items of a feed
// that carries one boilerplate snippet for every body.
func IsCopy(a, stored Article) bool {
	if a.FeedURL == "" || a.FeedURL != stored.FeedURL || a.Title != stored.Title ||
		a.Fingerprint == 0 || stored.Fingerprint == 0 {
		return false
	}
	d := a.Published.Sub(stored.Published)
	return d <= CopyWindow && d >= -CopyWindow &&
		similar.Distance(a.Fingerprint, stored.Fingerprint) <= similar.DefaultNearDuplicate
}

// MaxChannelSchedules is how many daily digests one channel may have; the
// store enforces it (ScheduleStore.PutSchedule).
const MaxChannelSchedules = 25

// Store is the whole storage contract a store implements (and the
// conformance suite, internal/storetest, checks): what the Service, the
// scheduler and the feed poller each take a part of.
type Store interface {
	ArticleStore
	ScheduleStore
	FeedStore
	SampleStore
	SourceStore
}

// PageFetcher fetches and extracts one article page (for /news <url>). It
// must refuse private, loopback and link-local addresses unless the
// operator allowed them.
type PageFetcher interface {
	FetchArticle(ctx context.Context, url string) (Article, error)
}

// Publisher posts a reply to a channel (scheduled digests). key is unique
// per scheduled run; publishers that can use it to make a retry of the same
// key a no-op.
type Publisher interface {
	Publish(ctx context.Context, ch Channel, r Reply, key string) error
}

// FeedState is what the bot remembers about one feed between polls.
type FeedState struct {
	URL          string
	Title        string
	ETag         string
	LastModified string
	LastPoll     time.Time // last attempt
	LastSuccess  time.Time
	LastError    string // "" after a success; never holds a secret
	Failures     int    // consecutive failures, for backoff
	NextPoll     time.Time
	Articles     int // articles stored from this feed
}

// FeedStore keeps feed polling state (for conditional GET, backoff and
// `bot feeds`). It is part of the storage contract (Store); its consumer,
// the feed poller, declares the methods it uses itself.
type FeedStore interface {
	// FeedState returns the state of url, or ErrNotFound.
	FeedState(ctx context.Context, url string) (FeedState, error)
	// PutFeedState upserts st by URL and releases any lease on it (see
	// ClaimFeed). Articles is maintained by the store (count of articles
	// whose FeedURL is st.URL) and ignored here.
	PutFeedState(ctx context.Context, st FeedState) error
	// FeedStates lists every known feed by URL, with Articles filled.
	FeedStates(ctx context.Context) ([]FeedState, error)
	// ClaimFeed leases url to owner until leaseUntil when the feed is due
	// (its NextPoll is at or before now) and no other owner holds an
	// unexpired lease (a lease held by the same owner is renewed). It
	// returns the feed's state, with Articles filled, and true when the
	// caller now holds the lease; the zero FeedState and false otherwise.
	// Unknown feeds are created (and are due). PutFeedState releases the
	// lease. One statement per dialect; safe across processes.
	ClaimFeed(ctx context.Context, url, owner string, now, leaseUntil time.Time) (FeedState, bool, error)
}

// IngestLocker is implemented by stores that several bot processes share
// (PostgreSQL). LockIngest returns once the caller holds a lock that every
// process on the store takes from looking for an article's story to
// storing it, so that reports of one new story ingested at the same moment
// by two processes see each other instead of starting two stories. unlock
// must be called, once. A PutArticle made while the lock is held returns
// an error wrapping ErrLockLost, and stores nothing, when the lock was
// lost meanwhile.
type IngestLocker interface {
	LockIngest(ctx context.Context) (unlock func(), err error)
}

// PostFinder is implemented by publishers that can tell whether a post made
// with key already reached the channel (Slack: message metadata; Discord: a
// run tag line). The
// scheduler asks before posting a run, so that a process that crashed
// between posting and recording the delivery does not cause a second post.
type PostFinder interface {
	Posted(ctx context.Context, ch Channel, key string) (bool, error)
}

// IndexableTerm reports whether a store can keep t as a story term: not
// empty, valid UTF-8 and without NUL bytes (which PostgreSQL text cannot
// hold and JSON would change). Stores index only such terms, and match
// nothing for the others.
func IndexableTerm(t string) bool {
	return t != "" && utf8.ValidString(t) && strings.IndexByte(t, 0) < 0
}

// IndexableTerms returns the terms of terms IndexableTerm accepts, for a
// store's PutArticle and PutStorySignature.
func IndexableTerms(terms []string) []string {
	out := make([]string, 0, len(terms))
	for _, t := range terms {
		if IndexableTerm(t) {
			out = append(out, t)
		}
	}
	return out
}

// BlankUnindexable returns terms with every term IndexableTerm refuses
// replaced by "" (which matches nothing), for a store's StoryTermMatches
// query: the answer keeps one list per term asked.
func BlankUnindexable(terms []string) []string {
	out := make([]string, len(terms))
	for i, t := range terms {
		if IndexableTerm(t) {
			out[i] = t
		}
	}
	return out
}
