// Package storetest is the conformance suite for digest.Store
// implementations: every store (SQLite, PostgreSQL) runs Run from its own
// tests and must pass all of it.
//
// The suite pins down what internal/digest/ports.go leaves to the store:
//   - errors wrap digest.ErrNotFound, digest.ErrDuplicate or
//     digest.ErrForbidden (checked with errors.Is);
//   - times round-trip to the microsecond and compare with Equal;
//   - full-text search matches any of the query's words (OR), ignores
//     letter case and diacritics ("mexico" finds "México"), matches English
//     inflections ("elections" finds "election"), and never fails on user
//     syntax; text without a searchable word gives no hits and no error;
//   - a copy of a stored article from the same feed (digest.IsCopy: same
//     title, fingerprints at most 3 bits apart, within a week) is refused
//     with digest.ErrDuplicate whatever its URL and GUID;
//   - Schedule.Weekdays come back as a set, Sunday first; a channel holds
//     at most digest.MaxChannelSchedules, however many inserts race;
//   - RunState of a run never claimed is (false, 0, nil);
//   - CompleteRun and FailRun by anyone but the run's current owner wrap
//     digest.ErrForbidden (digest.ErrNotFound when it was never claimed);
//     FailRun releases the lease so any owner may claim again at once.
//   - ClaimFeed creates unknown feeds; a lease expires at leaseUntil (a
//     claim at that instant by another owner wins); a refused claim returns
//     the zero FeedState; PutFeedState releases the lease.
//   - story terms are matched verbatim (case, accents and all, whole terms
//     only); terms that are empty, invalid UTF-8 or hold a NUL byte are
//     not indexed; story signatures come back byte for byte.
//
// The package imports only the standard library and internal/digest.
package storetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/newsdigest/bot/internal/digest"
)

// Run runs the conformance suite. open must return a new, empty store for
// each call and arrange (with t.Cleanup) for it to be closed.
func Run(t *testing.T, open func(t *testing.T) digest.Store) {
	t.Helper()
	tests := []struct {
		name string
		fn   func(t *testing.T, s digest.Store)
	}{
		{"PutArticleAssignsIDAndStory", testPutArticleAssigns},
		{"ArticleRoundTrip", testArticleRoundTrip},
		{"ArticleNotFound", testArticleNotFound},
		{"DuplicateURL", testDuplicateURL},
		{"DuplicateFeedGUID", testDuplicateFeedGUID},
		{"DuplicateCopyFromFeed", testDuplicateCopy},
		{"StoryArticles", testStoryArticles},
		{"RecentArticles", testRecentArticles},
		{"SearchTitleOutranksBody", testSearchTitleOutranksBody},
		{"SearchDiacriticsAndStemming", testSearchDiacritics},
		{"SearchFilters", testSearchFilters},
		{"SearchLimit", testSearchLimit},
		{"SearchHostileText", testSearchHostile},
		{"StoryTermMatches", testStoryTermMatches},
		{"StoryTermMatchesNewestFirst", testStoryTermMatchesNewest},
		{"StoryTermsHostile", testStoryTermsHostile},
		{"StorySignatures", testStorySignatures},
		{"StoryMembers", testStoryMembers},
		{"PutStorySignature", testPutStorySignature},
		{"DuplicateLeavesNoStoryIndex", testDuplicateNoStoryIndex},
		{"SearchQuotesByWords", testSearchQuotesByWords},
		{"SearchQuotesBySpeaker", testSearchQuotesBySpeaker},
		{"SearchQuotesHostileText", testSearchQuotesHostile},
		{"ConcurrentPutAndSearch", testConcurrentPutAndSearch},
		{"ScheduleCRUD", testScheduleCRUD},
		{"ScheduleScopedByChannel", testScheduleScopedByChannel},
		{"ScheduleRejectsBadWeekday", testScheduleBadWeekday},
		{"ScheduleLimitAtomic", testScheduleLimit},
		{"ClaimRunExactlyOnce", testClaimExactlyOnce},
		{"ClaimRunLease", testClaimLease},
		{"CompleteRun", testCompleteRun},
		{"FailRun", testFailRun},
		{"ClaimRunUnknownSchedule", testClaimUnknownSchedule},
		{"DeleteScheduleDeletesRuns", testDeleteScheduleRuns},
		{"DeliveredStories", testDeliveredStories},
		{"FeedStates", testFeedStates},
		{"ClaimFeedExactlyOnce", testClaimFeedExactlyOnce},
		{"ClaimFeedNotDue", testClaimFeedNotDue},
		{"ClaimFeedLease", testClaimFeedLease},
		{"PutFeedStateReleasesLease", testPutFeedStateReleases},
		{"Samples", testSamples},
		{"WorkspaceFeeds", testWorkspaceFeeds},
		{"WorkspaceFeedLimit", testWorkspaceFeedLimit},
		{"ScheduleFilter", testScheduleFilter},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.fn(t, open(t))
		})
	}
}

// base is the suite's reference time: second precision, UTC.
var base = time.Date(2025, time.March, 14, 9, 30, 0, 0, time.UTC)

func ctxT(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// article builds a distinct article; n makes URL and GUID unique.
func article(n int, title, body string) digest.Article {
	return digest.Article{
		URL:       fmt.Sprintf("https://news.example/%d", n),
		GUID:      fmt.Sprintf("guid-%d", n),
		FeedURL:   "https://news.example/feed.xml",
		Title:     title,
		Source:    "Example News",
		Language:  "en",
		Published: base.Add(time.Duration(n) * time.Minute),
		Fetched:   base.Add(time.Duration(n)*time.Minute + time.Second),
		Body:      body,
	}
}

func put(t *testing.T, s digest.Store, a digest.Article) digest.Article {
	t.Helper()
	if err := s.PutArticle(ctxT(t), &a); err != nil {
		t.Fatalf("PutArticle(%q): %v", a.URL, err)
	}
	return a
}

func search(t *testing.T, s digest.Store, q digest.SearchQuery) []digest.ArticleHit {
	t.Helper()
	hits, err := s.SearchArticles(ctxT(t), q)
	if err != nil {
		t.Fatalf("SearchArticles(%+v): %v", q, err)
	}
	return hits
}

func hitIDs(hits []digest.ArticleHit) []int64 {
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.Article.ID
	}
	return ids
}

func count(t *testing.T, s digest.Store) int {
	t.Helper()
	n, err := s.CountArticles(ctxT(t))
	if err != nil {
		t.Fatalf("CountArticles: %v", err)
	}
	return n
}

func testPutArticleAssigns(t *testing.T, s digest.Store) {
	a := put(t, s, article(1, "Storm hits coast", "A storm hit the coast."))
	if a.ID == 0 {
		t.Fatal("PutArticle left ID 0")
	}
	if a.StoryID != a.ID {
		t.Errorf("new story: StoryID = %d, want the article's own id %d", a.StoryID, a.ID)
	}
	b := article(2, "Storm damage grows", "Damage from the storm grows.")
	b.StoryID = a.StoryID
	b = put(t, s, b)
	if b.ID == 0 || b.ID == a.ID {
		t.Fatalf("second article ID = %d (first %d)", b.ID, a.ID)
	}
	if b.StoryID != a.ID {
		t.Errorf("joined story: StoryID = %d, want %d", b.StoryID, a.ID)
	}
	got, err := s.Article(ctxT(t), b.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.StoryID != a.ID {
		t.Errorf("stored StoryID = %d, want %d", got.StoryID, a.ID)
	}
	if n := count(t, s); n != 2 {
		t.Errorf("CountArticles = %d, want 2", n)
	}
}

func testArticleRoundTrip(t *testing.T, s digest.Store) {
	body := `The minister said: "We will not sell our sovereignty." Then she left.` + "\n\n" + `"It is over," a spokesman added.`
	q1 := strings.Index(body, "We will")
	q2 := strings.Index(body, "It is over")
	want := digest.Article{
		URL:         "https://news.example/mexico/energy?id=7",
		GUID:        "tag:news.example,2025:7",
		Title:       "México defends energy policy",
		Source:      "Example News",
		Author:      "Ana Pérez",
		Language:    "es",
		Published:   base.Add(123456 * time.Microsecond),
		Fetched:     base.Add(time.Hour),
		Body:        body,
		FeedURL:     "https://news.example/feed.xml",
		Sample:      true,
		Fingerprint: 0xF00D_CAFE_DEAD_BEEF, // high bit set
		Quotes: []digest.Quote{
			{Text: "We will not sell our sovereignty.", Speaker: "The minister", Cue: "said", Start: q1, End: q1 + len("We will not sell our sovereignty."), Score: 2.5},
			{Text: "It is over,", Speaker: "a spokesman", Cue: "added", Start: q2, End: q2 + len("It is over,"), Score: 0.5},
		},
	}
	a := want
	a.Quotes = slices.Clone(want.Quotes)
	if err := s.PutArticle(ctxT(t), &a); err != nil {
		t.Fatal(err)
	}
	got, err := s.Article(ctxT(t), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	want.ID, want.StoryID = a.ID, a.ID
	checkArticle(t, got, want)
	if len(got.Quotes) != len(want.Quotes) {
		t.Fatalf("got %d quotes, want %d", len(got.Quotes), len(want.Quotes))
	}
	for i, q := range got.Quotes {
		w := want.Quotes[i]
		if q.Text != w.Text || q.Speaker != w.Speaker || q.Cue != w.Cue || q.Start != w.Start || q.End != w.End {
			t.Errorf("quote %d = %+v, want %+v", i, q, w)
		}
		if body[q.Start:q.End] != q.Text {
			t.Errorf("quote %d offsets do not select its text", i)
		}
	}
}

// checkArticle compares every field but Quotes.
func checkArticle(t *testing.T, got, want digest.Article) {
	t.Helper()
	type cmp struct {
		name      string
		got, want any
	}
	for _, c := range []cmp{
		{"ID", got.ID, want.ID}, {"URL", got.URL, want.URL}, {"GUID", got.GUID, want.GUID},
		{"Title", got.Title, want.Title}, {"Source", got.Source, want.Source}, {"Author", got.Author, want.Author},
		{"Language", got.Language, want.Language}, {"FeedURL", got.FeedURL, want.FeedURL},
		{"Sample", got.Sample, want.Sample}, {"StoryID", got.StoryID, want.StoryID},
		{"Fingerprint", got.Fingerprint, want.Fingerprint},
	} {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if !got.Published.Equal(want.Published) {
		t.Errorf("Published = %v, want %v", got.Published, want.Published)
	}
	if !got.Fetched.Equal(want.Fetched) {
		t.Errorf("Fetched = %v, want %v", got.Fetched, want.Fetched)
	}
	if got.Body != want.Body {
		t.Errorf("Body = %q, want %q", got.Body, want.Body)
	}
}

func testArticleNotFound(t *testing.T, s digest.Store) {
	_, err := s.Article(ctxT(t), 424242)
	if !errors.Is(err, digest.ErrNotFound) {
		t.Errorf("Article(missing) error = %v, want ErrNotFound", err)
	}
}

func testDuplicateURL(t *testing.T, s digest.Store) {
	first := put(t, s, article(1, "Original headline", "Original body."))
	dup := article(2, "Another headline zebracorn", "Another body.")
	dup.URL = first.URL
	dup.Quotes = []digest.Quote{{Text: "zebracorn forever", Speaker: "Someone", Cue: "said"}}
	err := s.PutArticle(ctxT(t), &dup)
	if !errors.Is(err, digest.ErrDuplicate) {
		t.Fatalf("same URL: error = %v, want ErrDuplicate", err)
	}
	if dup.ID != 0 {
		t.Errorf("duplicate got ID %d, want it left 0", dup.ID)
	}
	if n := count(t, s); n != 1 {
		t.Errorf("CountArticles = %d after a duplicate, want 1", n)
	}
	if hits := search(t, s, digest.SearchQuery{Text: "zebracorn"}); len(hits) != 0 {
		t.Errorf("the duplicate is searchable: %v", hitIDs(hits))
	}
	qh, err := s.SearchQuotes(ctxT(t), digest.QuoteQuery{Text: "zebracorn"})
	if err != nil || len(qh) != 0 {
		t.Errorf("the duplicate's quotes are stored: %d hits, err %v", len(qh), err)
	}
	got, err := s.Article(ctxT(t), first.ID)
	if err != nil || got.Title != "Original headline" {
		t.Errorf("original changed: %q, %v", got.Title, err)
	}
}

func testDuplicateFeedGUID(t *testing.T, s digest.Store) {
	first := put(t, s, article(1, "Original", "Body."))

	tests := []struct {
		name    string
		feed    string
		guid    string
		wantDup bool
	}{
		{"same feed and guid", first.FeedURL, first.GUID, true},
		{"same guid other feed", "https://other.example/rss", first.GUID, false},
		{"empty guid same feed", first.FeedURL, "", false},
		{"second empty guid same feed", first.FeedURL, "", false},
		{"other guid same feed", first.FeedURL, "guid-other", false},
	}
	puts := make([]dupCase, len(tests))
	for i, tc := range tests {
		a := article(100+i, "Item "+tc.name, "Body.")
		a.FeedURL, a.GUID = tc.feed, tc.guid
		puts[i] = dupCase{tc.name, a, tc.wantDup}
	}
	checkDuplicates(t, s, 1, puts)
}

// dupCase is an article to store and whether PutArticle must refuse it as
// a duplicate.
type dupCase struct {
	name    string
	a       digest.Article
	wantDup bool
}

// checkDuplicates stores each case's article in order, checks that exactly
// the duplicates are refused with digest.ErrDuplicate, and that the store
// then holds stored articles plus the others.
func checkDuplicates(t *testing.T, s digest.Store, stored int, cases []dupCase) {
	t.Helper()
	want := stored
	for _, tc := range cases {
		err := s.PutArticle(ctxT(t), &tc.a)
		if tc.wantDup {
			if !errors.Is(err, digest.ErrDuplicate) {
				t.Errorf("%s: error = %v, want ErrDuplicate", tc.name, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		want++
	}
	if n := count(t, s); n != want {
		t.Errorf("CountArticles = %d, want %d", n, want)
	}
}

// testDuplicateCopy checks that PutArticle drops a copy of a stored article
// from the same feed that arrives under a new URL and GUID (a feed that
// changes both on every poll), and keeps everything that is not a copy.
func testDuplicateCopy(t *testing.T, s digest.Store) {
	const fp = 0x0123_4567_89ab_cdef
	first := article(1, "Ferry timetable changes", "The ferry timetable changes on Monday.")
	first.Fingerprint = fp
	first = put(t, s, first)

	tests := []struct {
		name    string
		edit    func(a *digest.Article)
		wantDup bool
	}{
		{"exact copy, new URL and GUID", func(a *digest.Article) {}, true},
		{"near-exact copy (2 bits)", func(a *digest.Article) { a.Fingerprint = fp ^ 0b101 }, true},
		{"copy 3 days later", func(a *digest.Article) { a.Published = a.Published.Add(72 * time.Hour) }, true},
		{"other text (12 bits)", func(a *digest.Article) { a.Fingerprint = fp ^ 0xfff }, false},
		{"other title, same snippet", func(a *digest.Article) { a.Title = "Bridge closes for repairs" }, false},
		{"same text from another feed", func(a *digest.Article) { a.FeedURL = "https://other.example/rss" }, false},
		{"same text, no feed", func(a *digest.Article) { a.FeedURL, a.GUID = "", "" }, false},
		{"unknown fingerprint", func(a *digest.Article) { a.Fingerprint = 0 }, false},
		{"copy 8 days later", func(a *digest.Article) { a.Published = a.Published.Add(8 * 24 * time.Hour) }, false},
	}
	puts := make([]dupCase, len(tests))
	for i, tc := range tests {
		a := article(100+i, first.Title, first.Body)
		a.Published, a.Fingerprint = first.Published, fp
		tc.edit(&a)
		puts[i] = dupCase{tc.name, a, tc.wantDup}
	}
	checkDuplicates(t, s, 1, puts)
}

func testStoryArticles(t *testing.T, s digest.Store) {
	a := put(t, s, article(1, "Quake strikes", "A quake struck."))
	b := article(3, "Quake toll rises", "The toll rose.")
	b.StoryID = a.StoryID
	b = put(t, s, b)
	c := article(2, "Quake aid arrives", "Aid arrived.")
	c.StoryID = a.StoryID
	c.Quotes = []digest.Quote{{Text: "We are here", Speaker: "A volunteer", Cue: "said"}}
	c = put(t, s, c)
	other := put(t, s, article(4, "Unrelated", "Other news."))

	got, err := s.StoryArticles(ctxT(t), a.StoryID)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, x := range got {
		ids = append(ids, x.ID)
		if len(x.Quotes) != 0 {
			t.Errorf("StoryArticles returned quotes for %d", x.ID)
		}
	}
	if want := []int64{b.ID, c.ID, a.ID}; !slices.Equal(ids, want) {
		t.Errorf("StoryArticles = %v, want %v (newest first)", ids, want)
	}
	if got, err := s.StoryArticles(ctxT(t), other.StoryID); err != nil || len(got) != 1 {
		t.Errorf("single-article story: %d articles, %v", len(got), err)
	}
	if got, err := s.StoryArticles(ctxT(t), 987654); err != nil || len(got) != 0 {
		t.Errorf("unknown story: %d articles, %v; want none and no error", len(got), err)
	}
}

func testRecentArticles(t *testing.T, s digest.Store) {
	var all []digest.Article
	for i := 1; i <= 5; i++ {
		all = append(all, put(t, s, article(i*10, fmt.Sprintf("Headline %d", i), "Some body text.")))
	}
	got, err := s.RecentArticles(ctxT(t), all[2].Published, 10)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, a := range got {
		ids = append(ids, a.ID)
		if a.Body != "" {
			t.Errorf("RecentArticles returned a body for %d", a.ID)
		}
		if a.Title == "" || a.URL == "" || a.Published.IsZero() {
			t.Errorf("RecentArticles article %d lacks title, URL or date: %+v", a.ID, a)
		}
	}
	if want := []int64{all[4].ID, all[3].ID, all[2].ID}; !slices.Equal(ids, want) {
		t.Errorf("RecentArticles(since 3rd) = %v, want %v", ids, want)
	}
	got, err = s.RecentArticles(ctxT(t), time.Time{}, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID != all[4].ID {
		t.Errorf("RecentArticles(limit 2) = %d articles, first %v", len(got), got)
	}
}

func testSearchTitleOutranksBody(t *testing.T, s digest.Store) {
	body := put(t, s, article(1, "Markets close higher",
		"Stocks rose on Tuesday. Traders also watched the volcano in Iceland, which has been quiet. Bonds were flat and oil prices slipped."))
	title := put(t, s, article(2, "Volcano erupts in Iceland",
		"Lava flowed near a town on the peninsula on Tuesday, officials reported, and residents were moved to safety."))
	put(t, s, article(3, "Football results", "The home side won two to one."))

	hits := search(t, s, digest.SearchQuery{Text: "volcano"})
	if got, want := hitIDs(hits), []int64{title.ID, body.ID}; !slices.Equal(got, want) {
		t.Fatalf("search volcano = %v, want %v (title match first)", got, want)
	}
	if !(hits[0].Rank > hits[1].Rank) {
		t.Errorf("ranks %v, %v: want higher first", hits[0].Rank, hits[1].Rank)
	}
	if hits[0].Article.Body == "" || hits[0].Article.Title != "Volcano erupts in Iceland" || hits[0].Article.URL != title.URL {
		t.Errorf("hit lacks fields: %+v", hits[0].Article)
	}
	if hits[0].Article.Quotes != nil {
		t.Errorf("hit carries quotes")
	}
	// Several words: any may match, more matched words rank higher.
	hits = search(t, s, digest.SearchQuery{Text: "iceland lava town"})
	if len(hits) != 2 || hits[0].Article.ID != title.ID {
		t.Errorf("search 'iceland lava town' = %v, want %d first of 2", hitIDs(hits), title.ID)
	}
}

func testSearchDiacritics(t *testing.T, s digest.Store) {
	a := put(t, s, article(1, "México elects a president", "Voters in MÉXICO went to the polls."))
	b := put(t, s, article(2, "Election day in Mexico City", "Turnout was high in the capital of mexico."))
	put(t, s, article(3, "Canada budget", "Ottawa presented a budget."))
	tests := []struct {
		name  string
		query string
		want  []int64 // as a set
	}{
		{"plain finds accented", "mexico", []int64{a.ID, b.ID}},
		{"accented finds plain", "méxico", []int64{a.ID, b.ID}},
		{"upper case", "MEXICO", []int64{a.ID, b.ID}},
		{"inflection", "elections", []int64{a.ID, b.ID}},
		{"no match", "zanzibar", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := hitIDs(search(t, s, digest.SearchQuery{Text: tc.query}))
			slices.Sort(got)
			want := slices.Clone(tc.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("search %q = %v, want %v", tc.query, got, want)
			}
		})
	}
}

func testSearchFilters(t *testing.T, s digest.Store) {
	old := put(t, s, article(1, "Drought in the valley", "The drought deepened."))
	mid := put(t, s, article(100, "Drought relief arrives", "Aid for the drought."))
	mid2 := article(101, "Farmers and the drought", "The drought hurt farmers.")
	mid2.StoryID = mid.StoryID
	mid2 = put(t, s, mid2)
	recent := put(t, s, article(200, "Drought ends with rain", "Rain ended the drought."))

	tests := []struct {
		name string
		q    digest.SearchQuery
		want []int64
	}{
		{"all", digest.SearchQuery{Text: "drought"}, []int64{old.ID, mid.ID, mid2.ID, recent.ID}},
		{"since inclusive", digest.SearchQuery{Text: "drought", Since: mid.Published}, []int64{mid.ID, mid2.ID, recent.ID}},
		{"until exclusive", digest.SearchQuery{Text: "drought", Until: mid.Published}, []int64{old.ID}},
		{"window", digest.SearchQuery{Text: "drought", Since: mid.Published, Until: recent.Published}, []int64{mid.ID, mid2.ID}},
		{"exclude story", digest.SearchQuery{Text: "drought", ExcludeStory: mid.StoryID}, []int64{old.ID, recent.ID}},
		{"since and exclude", digest.SearchQuery{Text: "drought", Since: mid.Published, ExcludeStory: mid.StoryID}, []int64{recent.ID}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := hitIDs(search(t, s, tc.q))
			slices.Sort(got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func testSearchLimit(t *testing.T, s digest.Store) {
	for i := range 5 {
		put(t, s, article(i, fmt.Sprintf("Harbour report %d", i), "The harbour was busy."))
	}
	if got := search(t, s, digest.SearchQuery{Text: "harbour", Limit: 3}); len(got) != 3 {
		t.Errorf("Limit 3: %d hits", len(got))
	}
	if got := search(t, s, digest.SearchQuery{Text: "harbour", Limit: 1000}); len(got) != 5 {
		t.Errorf("Limit 1000: %d hits, want all 5", len(got))
	}
}

// hostile are inputs full of FTS and SQL syntax; none may cause an error.
var hostile = []string{
	`"`, `""`, `"mexico`, `mexico"`, `(`, `)`, `(mexico`, `mexico)`, `((()))`,
	`NEAR(mexico city, 2)`, `NEAR`, `mexico NEAR city`, `*`, `mexico*`, `*mexico`, `^mexico`,
	`AND`, `OR`, `NOT`, `mexico AND`, `OR mexico NOT`, `NOT mexico`, `-mexico`, `+mexico`,
	`title:mexico`, `{title body}: mexico`, `body : "x"`, `col:`, `:`, `mexico:`,
	`'; DROP TABLE articles; --`, `%`, `_`, `\`, `\"`, "mexico\x00city", "\xff\xfe mexico",
	`"unbalanced (syntax NEAR/3 AND *`, strings.Repeat("mexico ", 500), strings.Repeat("(", 300),
}

func testSearchHostile(t *testing.T, s digest.Store) {
	m := put(t, s, article(1, "Mexico City marathon", "Runners crossed the city."))
	for _, text := range hostile {
		hits, err := s.SearchArticles(ctxT(t), digest.SearchQuery{Text: text})
		if err != nil {
			t.Errorf("SearchArticles(%.40q): %v", text, err)
			continue
		}
		if strings.Contains(strings.ToLower(text), "mexico") && !strings.Contains(text, "\xff") &&
			!slices.Contains(hitIDs(hits), m.ID) {
			t.Errorf("SearchArticles(%.40q) missed the mexico article", text)
		}
	}
	for _, text := range []string{"", "   ", "!!!", `"" () * :`, "\t\n"} {
		hits, err := s.SearchArticles(ctxT(t), digest.SearchQuery{Text: text})
		if err != nil || len(hits) != 0 {
			t.Errorf("SearchArticles(%q) = %d hits, %v; want none, no error", text, len(hits), err)
		}
	}
}

// indexed is article n with story terms and a signature.
func indexed(n int, terms ...string) digest.Article {
	a := article(n, fmt.Sprintf("Article %d", n), "Body.")
	a.StoryTerms = terms
	a.StorySignature = []byte(fmt.Sprintf("\x00sig %d\xff", n))
	return a
}

func termMatches(t *testing.T, s digest.Store, terms []string, since, until time.Time, perTerm int) [][]int64 {
	t.Helper()
	got, err := s.StoryTermMatches(ctxT(t), terms, since, until, perTerm)
	if err != nil {
		t.Fatalf("StoryTermMatches(%q): %v", terms, err)
	}
	if len(got) != len(terms) {
		t.Fatalf("StoryTermMatches(%q) gave %d lists, want one per term", terms, len(got))
	}
	for i := range got {
		slices.Sort(got[i])
	}
	return got
}

// testStoryTermMatches checks that StoryTermMatches answers each term in
// order with the articles indexed under it and published in [since, until).
func testStoryTermMatches(t *testing.T, s digest.Store) {
	a := put(t, s, indexed(1, "volcano", "iceland"))
	b := put(t, s, indexed(100, "volcano", "eruption"))
	c := put(t, s, indexed(200, "eruption", "ash"))
	put(t, s, article(150, "No index", "volcano eruption")) // no story terms

	tests := []struct {
		name         string
		terms        []string
		since, until time.Time
		want         [][]int64
	}{
		{"all time", []string{"volcano", "eruption", "ash", "unknown"}, time.Time{}, time.Time{},
			[][]int64{{a.ID, b.ID}, {b.ID, c.ID}, {c.ID}, nil}},
		{"since inclusive", []string{"volcano", "eruption"}, b.Published, time.Time{},
			[][]int64{{b.ID}, {b.ID, c.ID}}},
		{"until exclusive", []string{"volcano", "eruption"}, a.Published, c.Published,
			[][]int64{{a.ID, b.ID}, {b.ID}}},
		{"empty window", []string{"volcano"}, a.Published.Add(time.Second), b.Published, [][]int64{nil}},
		{"repeated term", []string{"ash", "ash"}, time.Time{}, time.Time{}, [][]int64{{c.ID}, {c.ID}}},
		{"no terms", []string{}, time.Time{}, time.Time{}, [][]int64{}},
		{"whole words only", []string{"volc", "VOLCANO", "volcanoes"}, time.Time{}, time.Time{}, [][]int64{nil, nil, nil}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := termMatches(t, s, tc.terms, tc.since, tc.until, 100)
			for i := range tc.want {
				if !slices.Equal(got[i], tc.want[i]) {
					t.Errorf("term %q: got %v, want %v", tc.terms[i], got[i], tc.want[i])
				}
			}
		})
	}
}

// testStoryTermMatchesNewest checks that perTerm keeps the newest matches.
func testStoryTermMatchesNewest(t *testing.T, s digest.Store) {
	var ids []int64
	for i := range 6 {
		// Stored out of publication order: newest means published last.
		n := []int{5, 1, 4, 0, 3, 2}[i]
		ids = append(ids, put(t, s, indexed(n, "harbour")).ID)
	}
	got := termMatches(t, s, []string{"harbour"}, time.Time{}, time.Time{}, 3)
	want := []int64{ids[0], ids[2], ids[4]} // published at minutes 5, 4, 3
	slices.Sort(want)
	if !slices.Equal(got[0], want) {
		t.Errorf("perTerm 3: got %v, want the newest %v", got[0], want)
	}
	if got := termMatches(t, s, []string{"harbour"}, time.Time{}, time.Time{}, 0); len(got[0]) != 0 {
		t.Errorf("perTerm 0: got %v, want none", got[0])
	}
}

// testStoryTermsHostile checks that terms are matched verbatim whatever
// they hold, and that terms a store cannot keep (invalid UTF-8, NUL) are
// skipped without failing the article.
func testStoryTermsHostile(t *testing.T, s digest.Store) {
	var terms []string
	for _, h := range hostile {
		if utf8.ValidString(h) && !strings.ContainsRune(h, 0) && h != "" {
			terms = append(terms, h)
		}
	}
	terms = append(terms, "méxico", "日本", "")
	a := put(t, s, indexed(1, append(slices.Clone(terms), "bad\xff", "nul\x00")...))
	got := termMatches(t, s, append(slices.Clone(terms), "bad\xff", "nul\x00", "bad", "nul"), time.Time{}, time.Time{}, 10)
	for i, term := range terms {
		if want := []int64{a.ID}; term != "" && !slices.Equal(got[i], want) {
			t.Errorf("term %.40q: got %v, want %v", term, got[i], want)
		}
	}
	for i := len(terms); i < len(got); i++ {
		if len(got[i]) != 0 {
			t.Errorf("unindexable or absent term %d: got %v, want none", i, got[i])
		}
	}
	if sigs, err := s.StorySignatures(ctxT(t), []int64{a.ID}); err != nil || len(sigs) != 1 {
		t.Errorf("StorySignatures = %v, %v; want the article's", sigs, err)
	}
}

// testStorySignatures checks that signatures come back byte for byte with
// the article's story and publication time, for the ids asked that have one,
// and that ArticleStories gives those ids' stories.
func testStorySignatures(t *testing.T, s digest.Store) {
	a := put(t, s, indexed(1, "x"))
	b := indexed(2, "y")
	b.StoryID = a.StoryID
	b.StorySignature = []byte{0, 1, 2, 0xff, 0xfe, 0}
	b = put(t, s, b)
	plain := put(t, s, article(3, "Plain", "No signature."))
	sigs, err := s.StorySignatures(ctxT(t), []int64{b.ID, a.ID, plain.ID, 9999, a.ID})
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(sigs, func(x, y digest.StorySignature) int { return int(x.ArticleID - y.ArticleID) })
	want := []digest.StorySignature{
		{ArticleID: a.ID, StoryID: a.StoryID, Published: a.Published, Data: a.StorySignature},
		{ArticleID: b.ID, StoryID: a.StoryID, Published: b.Published, Data: b.StorySignature},
	}
	if len(sigs) != len(want) {
		t.Fatalf("StorySignatures = %d signatures, want %d: %+v", len(sigs), len(want), sigs)
	}
	for i := range want {
		g, w := sigs[i], want[i]
		if g.ArticleID != w.ArticleID || g.StoryID != w.StoryID || !g.Published.Equal(w.Published) || !bytes.Equal(g.Data, w.Data) {
			t.Errorf("signature %d = %+v, want %+v", i, g, w)
		}
	}
	if sigs, err := s.StorySignatures(ctxT(t), nil); err != nil || len(sigs) != 0 {
		t.Errorf("StorySignatures(nil) = %v, %v; want none", sigs, err)
	}
	stories, err := s.ArticleStories(ctxT(t), []int64{b.ID, a.ID, plain.ID, 9999})
	if err != nil {
		t.Fatal(err)
	}
	if want := map[int64]int64{a.ID: a.StoryID, b.ID: a.StoryID}; !maps.Equal(stories, want) {
		t.Errorf("ArticleStories = %v, want %v", stories, want)
	}
	if stories, err := s.ArticleStories(ctxT(t), nil); err != nil || len(stories) != 0 {
		t.Errorf("ArticleStories(nil) = %v, %v; want none", stories, err)
	}
}

// testStoryMembers checks that the newest perStory signatures of each
// story asked are read (of two published at the same time, the higher
// article id first), within [since, until), and no other story's, each
// once even when its story is asked twice.
func testStoryMembers(t *testing.T, s digest.Store) {
	a := put(t, s, indexed(1, "x")) // story A
	var inA []digest.Article
	for n := 2; n <= 5; n++ {
		b := indexed(n, "x")
		b.StoryID = a.StoryID
		inA = append(inA, put(t, s, b))
	}
	other := put(t, s, indexed(6, "y")) // story B
	c := indexed(7, "y")
	c.StoryID = other.StoryID
	c = put(t, s, c)
	put(t, s, indexed(8, "z")) // story C, not asked
	// story D: its two newest published at the same time, the tie broken
	// by the higher article id
	d := put(t, s, indexed(9, "w"))
	var tied []digest.Article
	for n := 10; n <= 11; n++ {
		e := indexed(n, "w")
		e.StoryID, e.Published = d.StoryID, base.Add(10*time.Minute)
		tied = append(tied, put(t, s, e))
	}
	ids := func(sigs []digest.StorySignature) []int64 {
		var out []int64
		for _, sig := range sigs {
			out = append(out, sig.ArticleID)
		}
		slices.Sort(out)
		return out
	}
	tests := []struct {
		name         string
		stories      []int64
		since, until time.Time
		perStory     int
		want         []int64
	}{
		{"newest of each", []int64{a.StoryID, other.StoryID, 9999}, time.Time{}, time.Time{}, 2,
			[]int64{inA[2].ID, inA[3].ID, other.ID, c.ID}},
		{"window", []int64{a.StoryID}, a.Published.Add(time.Minute), inA[2].Published, 10,
			[]int64{inA[0].ID, inA[1].ID}},
		{"none asked", nil, time.Time{}, time.Time{}, 10, nil},
		{"story asked twice", []int64{a.StoryID, a.StoryID}, time.Time{}, time.Time{}, 2,
			[]int64{inA[2].ID, inA[3].ID}},
		{"same time, higher id first", []int64{d.StoryID}, time.Time{}, time.Time{}, 1,
			[]int64{tied[1].ID}},
		{"same time, both", []int64{d.StoryID}, time.Time{}, time.Time{}, 2,
			[]int64{tied[0].ID, tied[1].ID}},
	}
	for _, tc := range tests {
		sigs, err := s.StoryMembers(ctxT(t), tc.stories, tc.since, tc.until, tc.perStory)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := ids(sigs); !slices.Equal(got, tc.want) {
			t.Errorf("%s: StoryMembers = %v, want %v", tc.name, got, tc.want)
		}
		for _, sig := range sigs {
			if sig.ArticleID == c.ID && (sig.StoryID != other.StoryID || !sig.Published.Equal(c.Published) || !bytes.Equal(sig.Data, c.StorySignature)) {
				t.Errorf("%s: signature %+v, want story %d, %v, %q", tc.name, sig, other.StoryID, c.Published, c.StorySignature)
			}
		}
	}
}

// testPutStorySignature checks indexing an article stored without a
// signature, once.
func testPutStorySignature(t *testing.T, s digest.Store) {
	a := put(t, s, article(1, "Stored before signatures", "Body."))
	if err := s.PutStorySignature(ctxT(t), a.ID, []string{"late", "index"}, []byte("sig one")); err != nil {
		t.Fatal(err)
	}
	got := termMatches(t, s, []string{"late", "index"}, time.Time{}, time.Time{}, 10)
	if !slices.Equal(got[0], []int64{a.ID}) || !slices.Equal(got[1], []int64{a.ID}) {
		t.Errorf("after PutStorySignature: matches %v, want the article under both terms", got)
	}
	// A second call changes nothing: a signature never changes.
	if err := s.PutStorySignature(ctxT(t), a.ID, []string{"other"}, []byte("sig two")); err != nil {
		t.Fatal(err)
	}
	sigs, err := s.StorySignatures(ctxT(t), []int64{a.ID})
	if err != nil || len(sigs) != 1 || string(sigs[0].Data) != "sig one" || sigs[0].StoryID != a.StoryID || !sigs[0].Published.Equal(a.Published) {
		t.Errorf("StorySignatures = %+v, %v; want the first signature", sigs, err)
	}
	if got := termMatches(t, s, []string{"other"}, time.Time{}, time.Time{}, 10); len(got[0]) != 0 {
		t.Errorf("the second call's term matches %v", got[0])
	}
	if err := s.PutStorySignature(ctxT(t), 9999, []string{"x"}, []byte("sig")); !errors.Is(err, digest.ErrNotFound) {
		t.Errorf("PutStorySignature(unknown) = %v, want ErrNotFound", err)
	}
}

// testDuplicateNoStoryIndex checks that a refused duplicate leaves no
// story terms or signature behind.
func testDuplicateNoStoryIndex(t *testing.T, s digest.Store) {
	a := put(t, s, indexed(1, "first"))
	dup := indexed(1, "dupterm")
	dup.GUID = "other-guid"
	if err := s.PutArticle(ctxT(t), &dup); !errors.Is(err, digest.ErrDuplicate) {
		t.Fatalf("PutArticle(duplicate URL) = %v, want ErrDuplicate", err)
	}
	if got := termMatches(t, s, []string{"dupterm", "first"}, time.Time{}, time.Time{}, 10); len(got[0]) != 0 || !slices.Equal(got[1], []int64{a.ID}) {
		t.Errorf("matches after a refused duplicate: %v", got)
	}
}

// quoteCorpus stores three articles with quotes and returns them.
func quoteCorpus(t *testing.T, s digest.Store) []digest.Article {
	mk := func(n int, title, source string, quotes ...digest.Quote) digest.Article {
		a := article(n, title, "")
		a.Source = source
		var body strings.Builder
		for i, q := range quotes {
			body.WriteString(`"`)
			quotes[i].Start = body.Len()
			body.WriteString(q.Text)
			quotes[i].End = body.Len()
			body.WriteString(`," ` + q.Speaker + " " + q.Cue + ". ")
		}
		a.Body, a.Quotes = body.String(), quotes
		return put(t, s, a)
	}
	return []digest.Article{
		mk(1, "Báez rejects toll rise", "Reuters",
			digest.Quote{Text: "Bridge tolls will stay as they are", Speaker: "Inés Báez", Cue: "said"},
			digest.Quote{Text: "We will reply with a counteroffer", Speaker: "Inés Báez", Cue: "added"}),
		mk(2, "Minister on tolls", "El País",
			digest.Quote{Text: "Our bridge tolls are fair and they will stay as they are for years", Speaker: "Tomas Whitfield", Cue: "told reporters"},
			digest.Quote{Text: "Trade will continue", Speaker: "Juan Pérez", Cue: "said"}),
		mk(3, "Weather", "AP",
			digest.Quote{Text: "Expect heavy rain tomorrow", Speaker: "the forecaster", Cue: "said"}),
	}
}

func searchQuotes(t *testing.T, s digest.Store, q digest.QuoteQuery) []digest.QuoteHit {
	t.Helper()
	hits, err := s.SearchQuotes(ctxT(t), q)
	if err != nil {
		t.Fatalf("SearchQuotes(%+v): %v", q, err)
	}
	return hits
}

func testSearchQuotesByWords(t *testing.T, s digest.Store) {
	as := quoteCorpus(t, s)
	hits := searchQuotes(t, s, digest.QuoteQuery{Text: "bridge tolls will stay as they are"})
	if len(hits) < 2 {
		t.Fatalf("got %d hits, want both toll quotes", len(hits))
	}
	top := hits[0]
	if top.Quote.Text != "Bridge tolls will stay as they are" {
		t.Errorf("best hit %q, want the exact quote first", top.Quote.Text)
	}
	if top.Quote.Speaker != "Inés Báez" || top.Quote.Cue != "said" {
		t.Errorf("speaker/cue = %q/%q", top.Quote.Speaker, top.Quote.Cue)
	}
	a := as[0]
	if top.ArticleID != a.ID || top.Title != a.Title || top.Source != a.Source || top.URL != a.URL || !top.Published.Equal(a.Published) {
		t.Errorf("hit article fields = %d %q %q %q %v, want %d %q %q %q %v",
			top.ArticleID, top.Title, top.Source, top.URL, top.Published, a.ID, a.Title, a.Source, a.URL, a.Published)
	}
	if a.Body[top.Quote.Start:top.Quote.End] != top.Quote.Text {
		t.Errorf("offsets %d:%d do not select the quote", top.Quote.Start, top.Quote.End)
	}
	for i, h := range hits {
		if h.Outlets != 1 {
			t.Errorf("hit %d Outlets = %d, want 1", i, h.Outlets)
		}
		if i > 0 && h.Score > hits[i-1].Score {
			t.Errorf("hits not best first: %v after %v", h.Score, hits[i-1].Score)
		}
		if strings.Contains(h.Quote.Text, "rain") {
			t.Errorf("unrelated quote matched: %q", h.Quote.Text)
		}
	}
	if got := searchQuotes(t, s, digest.QuoteQuery{Text: "tolls", Limit: 1}); len(got) != 1 {
		t.Errorf("Limit 1: %d hits", len(got))
	}
	if got := searchQuotes(t, s, digest.QuoteQuery{Text: "counteroffers"}); len(got) != 1 || got[0].Quote.Text != "We will reply with a counteroffer" {
		t.Errorf("inflected word: %+v", got)
	}
}

func testSearchQuotesBySpeaker(t *testing.T, s digest.Store) {
	quoteCorpus(t, s)
	texts := func(hits []digest.QuoteHit) []string {
		var out []string
		for _, h := range hits {
			out = append(out, h.Quote.Text)
		}
		slices.Sort(out)
		return out
	}
	tests := []struct {
		name string
		q    digest.QuoteQuery
		want []string
	}{
		{"speaker only", digest.QuoteQuery{Speaker: "Báez"},
			[]string{"Bridge tolls will stay as they are", "We will reply with a counteroffer"}},
		{"speaker without accent", digest.QuoteQuery{Speaker: "perez"}, []string{"Trade will continue"}},
		{"words and speaker", digest.QuoteQuery{Text: "bridge tolls", Speaker: "Whitfield"},
			[]string{"Our bridge tolls are fair and they will stay as they are for years"}},
		{"speaker words not in text", digest.QuoteQuery{Text: "Báez"}, nil},
		{"unknown speaker", digest.QuoteQuery{Speaker: "Napoleon"}, nil},
		{"empty", digest.QuoteQuery{}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := texts(searchQuotes(t, s, tc.q)); !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func testSearchQuotesHostile(t *testing.T, s digest.Store) {
	quoteCorpus(t, s)
	for _, text := range hostile {
		if _, err := s.SearchQuotes(ctxT(t), digest.QuoteQuery{Text: text}); err != nil {
			t.Errorf("SearchQuotes(text %.40q): %v", text, err)
		}
		if _, err := s.SearchQuotes(ctxT(t), digest.QuoteQuery{Text: "sale", Speaker: text}); err != nil {
			t.Errorf("SearchQuotes(speaker %.40q): %v", text, err)
		}
	}
}

func testConcurrentPutAndSearch(t *testing.T, s digest.Store) {
	const writers, perWriter, readers = 4, 15, 4
	var wg sync.WaitGroup
	errs := make(chan error, writers*perWriter+readers*perWriter)
	for w := range writers {
		wg.Go(func() {
			for i := range perWriter {
				a := article(w*1000+i, fmt.Sprintf("Parallel headline %d %d", w, i), "Concurrent body text.")
				a.Quotes = []digest.Quote{{Text: "parallel words here", Speaker: "Tester", Cue: "said"}}
				if err := s.PutArticle(context.Background(), &a); err != nil {
					errs <- fmt.Errorf("put: %w", err)
				}
			}
		})
	}
	for range readers {
		wg.Go(func() {
			for range perWriter {
				if _, err := s.SearchArticles(context.Background(), digest.SearchQuery{Text: "parallel headline"}); err != nil {
					errs <- fmt.Errorf("search: %w", err)
				}
				if _, err := s.SearchQuotes(context.Background(), digest.QuoteQuery{Text: "parallel"}); err != nil {
					errs <- fmt.Errorf("quotes: %w", err)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := count(t, s); n != writers*perWriter {
		t.Errorf("CountArticles = %d, want %d", n, writers*perWriter)
	}
	if hits := search(t, s, digest.SearchQuery{Text: "parallel", Limit: 200}); len(hits) != writers*perWriter {
		t.Errorf("search found %d of %d", len(hits), writers*perWriter)
	}
}

var (
	slackA  = digest.Channel{Platform: "slack", Workspace: "T1", ChannelID: "C1"}
	slackB  = digest.Channel{Platform: "slack", Workspace: "T2", ChannelID: "C1"} // same channel id, other workspace
	discord = digest.Channel{Platform: "discord", Workspace: "G1", ChannelID: "C9"}
)

func schedule(ch digest.Channel, topics ...string) digest.Schedule {
	return digest.Schedule{
		Platform: ch.Platform, Workspace: ch.Workspace, ChannelID: ch.ChannelID,
		Topics: topics, Hour: 8, Minute: 30, TimeZone: "America/Mexico_City",
		Weekdays:   []time.Weekday{time.Monday, time.Wednesday, time.Friday},
		MaxStories: 5, CreatedBy: "U123", CreatedAt: base, UpdatedAt: base,
	}
}

func putSchedule(t *testing.T, s digest.Store, sc digest.Schedule) digest.Schedule {
	t.Helper()
	if err := s.PutSchedule(ctxT(t), &sc); err != nil {
		t.Fatalf("PutSchedule: %v", err)
	}
	if sc.ID == 0 {
		t.Fatal("PutSchedule left ID 0")
	}
	return sc
}

func checkSchedule(t *testing.T, got, want digest.Schedule) {
	t.Helper()
	if got.ID != want.ID || got.Platform != want.Platform || got.Workspace != want.Workspace ||
		got.ChannelID != want.ChannelID || !slices.Equal(got.Topics, want.Topics) ||
		got.Hour != want.Hour || got.Minute != want.Minute || got.TimeZone != want.TimeZone ||
		!slices.Equal(got.Weekdays, want.Weekdays) || got.MaxStories != want.MaxStories ||
		got.CreatedBy != want.CreatedBy || !got.CreatedAt.Equal(want.CreatedAt) || !got.UpdatedAt.Equal(want.UpdatedAt) {
		t.Errorf("schedule = %+v\nwant       %+v", got, want)
	}
}

func testScheduleCRUD(t *testing.T, s digest.Store) {
	want := putSchedule(t, s, schedule(slackA, "mexico", "energy policy"))
	got, err := s.Schedule(ctxT(t), want.ID)
	if err != nil {
		t.Fatal(err)
	}
	checkSchedule(t, got, want)
	if got.LastDate != "" || !got.LastDelivery.IsZero() || got.LastError != "" {
		t.Errorf("new schedule has delivery state: %q %v %q", got.LastDate, got.LastDelivery, got.LastError)
	}

	every := schedule(slackA, "weather")
	every.Weekdays = nil
	every = putSchedule(t, s, every)
	if got, err := s.Schedule(ctxT(t), every.ID); err != nil || len(got.Weekdays) != 0 {
		t.Errorf("every-day schedule: weekdays %v, %v", got.Weekdays, err)
	}

	upd := want
	upd.Topics = []string{"energy"}
	upd.Hour, upd.Minute = 7, 5
	upd.TimeZone = "Europe/Madrid"
	upd.Weekdays = []time.Weekday{time.Sunday, time.Saturday}
	upd.MaxStories = 3
	upd.UpdatedAt = base.Add(time.Hour)
	if err := s.PutSchedule(ctxT(t), &upd); err != nil {
		t.Fatal(err)
	}
	if upd.ID != want.ID {
		t.Errorf("update changed ID to %d", upd.ID)
	}
	got, err = s.Schedule(ctxT(t), want.ID)
	if err != nil {
		t.Fatal(err)
	}
	checkSchedule(t, got, upd)

	missing := schedule(slackA, "x")
	missing.ID = 99999
	if err := s.PutSchedule(ctxT(t), &missing); !errors.Is(err, digest.ErrNotFound) {
		t.Errorf("update of unknown id: %v, want ErrNotFound", err)
	}
	if _, err := s.Schedule(ctxT(t), 99999); !errors.Is(err, digest.ErrNotFound) {
		t.Errorf("Schedule(unknown): %v, want ErrNotFound", err)
	}

	if err := s.DeleteSchedule(ctxT(t), slackA, want.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Schedule(ctxT(t), want.ID); !errors.Is(err, digest.ErrNotFound) {
		t.Errorf("after delete: %v, want ErrNotFound", err)
	}
	if err := s.DeleteSchedule(ctxT(t), slackA, want.ID); !errors.Is(err, digest.ErrNotFound) {
		t.Errorf("second delete: %v, want ErrNotFound", err)
	}
}

// testScheduleBadWeekday checks that a weekday outside Sunday..Saturday is
// refused.
func testScheduleBadWeekday(t *testing.T, s digest.Store) {
	sc := digest.Schedule{Platform: "slack", ChannelID: "C", TimeZone: "UTC", Weekdays: []time.Weekday{9}}
	if err := s.PutSchedule(ctxT(t), &sc); err == nil {
		t.Error("weekday 9 accepted")
	}
}

func testScheduleScopedByChannel(t *testing.T, s digest.Store) {
	a1 := putSchedule(t, s, schedule(slackA, "mexico"))
	b1 := putSchedule(t, s, schedule(slackB, "canada"))
	a2 := putSchedule(t, s, schedule(slackA, "energy"))
	d1 := putSchedule(t, s, schedule(discord, "football"))

	ids := func(ch digest.Channel) []int64 {
		list, err := s.ListSchedules(ctxT(t), ch)
		if err != nil {
			t.Fatalf("ListSchedules(%v): %v", ch, err)
		}
		var out []int64
		for _, sc := range list {
			out = append(out, sc.ID)
		}
		return out
	}
	tests := []struct {
		name string
		ch   digest.Channel
		want []int64
	}{
		{"channel A", slackA, []int64{a1.ID, a2.ID}},
		{"same channel id other workspace", slackB, []int64{b1.ID}},
		{"discord", discord, []int64{d1.ID}},
		{"unknown channel", digest.Channel{Platform: "slack", Workspace: "T9", ChannelID: "C9"}, nil},
		{"all", digest.Channel{}, []int64{a1.ID, b1.ID, a2.ID, d1.ID}},
	}
	for _, tc := range tests {
		if got := ids(tc.ch); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
	list, err := s.ListSchedules(ctxT(t), slackA)
	if err != nil || len(list) != 2 {
		t.Fatalf("ListSchedules: %v %v", list, err)
	}
	checkSchedule(t, list[0], a1)

	// Another channel cannot delete A's schedule.
	if err := s.DeleteSchedule(ctxT(t), slackB, a1.ID); !errors.Is(err, digest.ErrNotFound) {
		t.Errorf("delete from other workspace: %v, want ErrNotFound", err)
	}
	if err := s.DeleteSchedule(ctxT(t), discord, a1.ID); !errors.Is(err, digest.ErrNotFound) {
		t.Errorf("delete from other platform: %v, want ErrNotFound", err)
	}
	if _, err := s.Schedule(ctxT(t), a1.ID); err != nil {
		t.Errorf("schedule gone after a refused delete: %v", err)
	}
}

func claim(t *testing.T, s digest.Store, id int64, date, owner string, now time.Time, lease time.Duration) bool {
	t.Helper()
	ok, err := s.ClaimRun(ctxT(t), id, date, owner, now, now.Add(lease))
	if err != nil {
		t.Fatalf("ClaimRun(%d, %s, %s): %v", id, date, owner, err)
	}
	return ok
}

func runState(t *testing.T, s digest.Store, id int64, date string) (bool, int) {
	t.Helper()
	done, attempts, err := s.RunState(ctxT(t), id, date)
	if err != nil {
		t.Fatalf("RunState: %v", err)
	}
	return done, attempts
}

func testClaimExactlyOnce(t *testing.T, s digest.Store) {
	sc := putSchedule(t, s, schedule(slackA, "mexico"))
	winners := raceClaimRun(t, sc.ID, "2025-03-14", base, s)
	if len(winners) != 1 {
		t.Fatalf("%d goroutines won the claim, want exactly 1", len(winners))
	}
	if done, attempts := runState(t, s, sc.ID, "2025-03-14"); done || attempts != 1 {
		t.Errorf("RunState = %v, %d; want open, 1 attempt", done, attempts)
	}
	w := winners[0]
	// The winner renews; a loser still cannot take it.
	if !claim(t, s, sc.ID, "2025-03-14", w, base.Add(10*time.Second), time.Minute) {
		t.Error("the owner could not renew its lease")
	}
	if claim(t, s, sc.ID, "2025-03-14", "someone-else", base.Add(20*time.Second), time.Minute) {
		t.Error("another owner took an unexpired lease")
	}
	if _, attempts := runState(t, s, sc.ID, "2025-03-14"); attempts != 1 {
		t.Errorf("attempts = %d after a renewal, want 1", attempts)
	}
	// Another date is a separate run.
	if !claim(t, s, sc.ID, "2025-03-15", "someone-else", base, time.Minute) {
		t.Error("claim of another date refused")
	}
}

func testClaimLease(t *testing.T, s digest.Store) {
	sc := putSchedule(t, s, schedule(slackA, "mexico"))
	const day = "2025-03-14"
	if !claim(t, s, sc.ID, day, "a", base, time.Minute) {
		t.Fatal("first claim refused")
	}
	if claim(t, s, sc.ID, day, "b", base.Add(59*time.Second), time.Minute) {
		t.Error("b took a's lease before it expired")
	}
	if !claim(t, s, sc.ID, day, "b", base.Add(61*time.Second), time.Minute) {
		t.Fatal("b could not take over an expired lease")
	}
	if _, attempts := runState(t, s, sc.ID, day); attempts != 2 {
		t.Errorf("attempts = %d after a takeover, want 2", attempts)
	}
	if claim(t, s, sc.ID, day, "a", base.Add(90*time.Second), time.Minute) {
		t.Error("a reclaimed b's unexpired lease")
	}
	// a lost the run: it may not complete it.
	if err := s.CompleteRun(ctxT(t), sc.ID, day, "a", base.Add(95*time.Second)); !errors.Is(err, digest.ErrForbidden) {
		t.Errorf("CompleteRun by the former owner: %v, want ErrForbidden", err)
	}
	if err := s.CompleteRun(ctxT(t), sc.ID, day, "b", base.Add(100*time.Second)); err != nil {
		t.Errorf("CompleteRun by the owner: %v", err)
	}
}

func testCompleteRun(t *testing.T, s digest.Store) {
	sc := putSchedule(t, s, schedule(slackA, "mexico"))
	const day = "2025-03-14"
	if err := s.CompleteRun(ctxT(t), sc.ID, day, "a", base); !errors.Is(err, digest.ErrNotFound) {
		t.Errorf("CompleteRun before any claim: %v, want ErrNotFound", err)
	}
	if !claim(t, s, sc.ID, day, "a", base, time.Minute) {
		t.Fatal("claim refused")
	}
	at := base.Add(30 * time.Second)
	if err := s.CompleteRun(ctxT(t), sc.ID, day, "a", at); err != nil {
		t.Fatal(err)
	}
	if done, attempts := runState(t, s, sc.ID, day); !done || attempts != 1 {
		t.Errorf("RunState = %v, %d; want done, 1", done, attempts)
	}
	for _, c := range []struct {
		owner string
		now   time.Time
	}{{"a", at}, {"b", at}, {"b", base.Add(24 * time.Hour)}, {"a", base.Add(24 * time.Hour)}} {
		if claim(t, s, sc.ID, day, c.owner, c.now, time.Minute) {
			t.Errorf("completed run claimed again by %s at %v", c.owner, c.now)
		}
	}
	got, err := s.Schedule(ctxT(t), sc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.LastDate != day || !got.LastDelivery.Equal(at) || got.LastError != "" {
		t.Errorf("delivery state = %q %v %q, want %q %v \"\"", got.LastDate, got.LastDelivery, got.LastError, day, at)
	}
	// A later day's open run does not hide the last delivery.
	if !claim(t, s, sc.ID, "2025-03-15", "a", base.Add(24*time.Hour), time.Minute) {
		t.Fatal("next day refused")
	}
	list, err := s.ListSchedules(ctxT(t), slackA)
	if err != nil || len(list) != 1 {
		t.Fatalf("ListSchedules: %v %v", list, err)
	}
	if list[0].LastDate != day || !list[0].LastDelivery.Equal(at) {
		t.Errorf("listed delivery state = %q %v, want %q %v", list[0].LastDate, list[0].LastDelivery, day, at)
	}
}

func testFailRun(t *testing.T, s digest.Store) {
	sc := putSchedule(t, s, schedule(slackA, "mexico"))
	const day = "2025-03-14"
	if !claim(t, s, sc.ID, day, "a", base, time.Hour) {
		t.Fatal("claim refused")
	}
	if err := s.FailRun(ctxT(t), sc.ID, day, "b", "not mine", base); !errors.Is(err, digest.ErrForbidden) {
		t.Errorf("FailRun by a non-owner: %v, want ErrForbidden", err)
	}
	if err := s.FailRun(ctxT(t), sc.ID, day, "a", "slack: channel_not_found", base.Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	if done, attempts := runState(t, s, sc.ID, day); done || attempts != 1 {
		t.Errorf("RunState after failure = %v, %d; want open, 1", done, attempts)
	}
	got, err := s.Schedule(ctxT(t), sc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.LastError != "slack: channel_not_found" || got.LastDate != "" {
		t.Errorf("after failure: LastError %q LastDate %q", got.LastError, got.LastDate)
	}
	// The lease is released: another owner claims at once, well before the hour.
	if !claim(t, s, sc.ID, day, "b", base.Add(2*time.Second), time.Minute) {
		t.Fatal("failed run could not be claimed again")
	}
	if _, attempts := runState(t, s, sc.ID, day); attempts != 2 {
		t.Errorf("attempts = %d after retry, want 2", attempts)
	}
	if err := s.CompleteRun(ctxT(t), sc.ID, day, "b", base.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	list, err := s.ListSchedules(ctxT(t), digest.Channel{})
	if err != nil || len(list) != 1 {
		t.Fatalf("ListSchedules: %v %v", list, err)
	}
	if list[0].LastError != "" || list[0].LastDate != day {
		t.Errorf("after success: LastError %q LastDate %q, want \"\" %q", list[0].LastError, list[0].LastDate, day)
	}
	if err := s.FailRun(ctxT(t), sc.ID, day, "b", "late", base.Add(2*time.Minute)); err == nil {
		t.Error("FailRun of a completed run succeeded")
	}
	if done, _ := runState(t, s, sc.ID, day); !done {
		t.Error("FailRun reopened a completed run")
	}
}

func testClaimUnknownSchedule(t *testing.T, s digest.Store) {
	ok, err := s.ClaimRun(ctxT(t), 777777, "2025-03-14", "a", base, base.Add(time.Minute))
	if ok {
		t.Error("claimed a run of an unknown schedule")
	}
	if !errors.Is(err, digest.ErrNotFound) {
		t.Errorf("error = %v, want ErrNotFound", err)
	}
	if done, attempts := runState(t, s, 777777, "2025-03-14"); done || attempts != 0 {
		t.Errorf("RunState(never claimed) = %v, %d", done, attempts)
	}
}

func testDeleteScheduleRuns(t *testing.T, s digest.Store) {
	sc := putSchedule(t, s, schedule(slackA, "mexico"))
	if !claim(t, s, sc.ID, "2025-03-14", "a", base, time.Minute) {
		t.Fatal("claim refused")
	}
	if err := s.CompleteRun(ctxT(t), sc.ID, "2025-03-14", "a", base); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteSchedule(ctxT(t), slackA, sc.ID); err != nil {
		t.Fatal(err)
	}
	if done, attempts := runState(t, s, sc.ID, "2025-03-14"); done || attempts != 0 {
		t.Errorf("runs survive their schedule: %v, %d", done, attempts)
	}
}

func testDeliveredStories(t *testing.T, s digest.Store) {
	ctx := ctxT(t)
	got, err := s.DeliveredStories(ctx, slackA, []int64{1, 2, 3})
	if err != nil || len(got) != 0 {
		t.Fatalf("empty store: %v %v", got, err)
	}
	if err := s.MarkDelivered(ctx, slackA, nil); err != nil {
		t.Errorf("MarkDelivered(nil): %v", err)
	}
	if err := s.MarkDelivered(ctx, slackA, []digest.DeliveredStory{
		{StoryID: 1, Fingerprint: 0xFFFF_0000_FFFF_0001, At: base},
		{StoryID: 2, Fingerprint: 7, At: base},
	}); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkDelivered(ctx, slackB, []digest.DeliveredStory{{StoryID: 3, Fingerprint: 9, At: base}}); err != nil {
		t.Fatal(err)
	}
	got, err = s.DeliveredStories(ctx, slackA, []int64{1, 3, 4})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("DeliveredStories = %v, want only story 1", got)
	}
	if d := got[1]; d.StoryID != 1 || d.Fingerprint != 0xFFFF_0000_FFFF_0001 || !d.At.Equal(base) {
		t.Errorf("story 1 = %+v", d)
	}
	// Upsert: a second delivery of an updated story replaces the record.
	later := base.Add(24 * time.Hour)
	if err := s.MarkDelivered(ctx, slackA, []digest.DeliveredStory{{StoryID: 2, Fingerprint: 8, At: later}}); err != nil {
		t.Fatal(err)
	}
	got, err = s.DeliveredStories(ctx, slackA, []int64{1, 2})
	if err != nil || len(got) != 2 {
		t.Fatalf("after upsert: %v %v", got, err)
	}
	if d := got[2]; d.Fingerprint != 8 || !d.At.Equal(later) {
		t.Errorf("story 2 after upsert = %+v", d)
	}
	if got, err := s.DeliveredStories(ctx, discord, []int64{1, 2, 3}); err != nil || len(got) != 0 {
		t.Errorf("other channel sees deliveries: %v %v", got, err)
	}
	if got, err := s.DeliveredStories(ctx, slackA, nil); err != nil || len(got) != 0 {
		t.Errorf("no ids: %v %v", got, err)
	}
}

func testFeedStates(t *testing.T, s digest.Store) {
	ctx := ctxT(t)
	const feedA, feedB = "https://b.example/feed", "https://a.example/rss"
	if _, err := s.FeedState(ctx, feedA); !errors.Is(err, digest.ErrNotFound) {
		t.Errorf("unknown feed: %v, want ErrNotFound", err)
	}
	if list, err := s.FeedStates(ctx); err != nil || len(list) != 0 {
		t.Errorf("FeedStates on empty store: %v %v", list, err)
	}
	want := digest.FeedState{
		URL: feedA, Title: "B News", ETag: `W/"abc"`, LastModified: "Fri, 14 Mar 2025 09:00:00 GMT",
		LastPoll: base, LastSuccess: base.Add(-time.Hour), LastError: "status 503", Failures: 2,
		NextPoll: base.Add(10 * time.Minute), Articles: 999, // ignored
	}
	if err := s.PutFeedState(ctx, want); err != nil {
		t.Fatal(err)
	}
	if err := s.PutFeedState(ctx, digest.FeedState{URL: feedB, Title: "A"}); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		a := article(i, "Item", "Body.")
		a.FeedURL = feedA
		put(t, s, a)
	}
	other := article(50, "Elsewhere", "Body.")
	other.FeedURL = "https://unknown.example/feed"
	put(t, s, other)

	got, err := s.FeedState(ctx, feedA)
	if err != nil {
		t.Fatal(err)
	}
	want.Articles = 3
	checkFeed(t, got, want)

	// Upsert: a success resets the error and failures.
	want.LastError, want.Failures, want.ETag = "", 0, `"def"`
	want.LastSuccess = base.Add(time.Minute)
	if err := s.PutFeedState(ctx, want); err != nil {
		t.Fatal(err)
	}
	list, err := s.FeedStates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].URL != feedB || list[1].URL != feedA {
		t.Fatalf("FeedStates = %+v, want %s then %s", list, feedB, feedA)
	}
	checkFeed(t, list[1], want)
	if list[0].Articles != 0 {
		t.Errorf("feed without articles: Articles = %d", list[0].Articles)
	}
}

func checkFeed(t *testing.T, got, want digest.FeedState) {
	t.Helper()
	if got.URL != want.URL || got.Title != want.Title || got.ETag != want.ETag || got.LastModified != want.LastModified ||
		!got.LastPoll.Equal(want.LastPoll) || !got.LastSuccess.Equal(want.LastSuccess) || got.LastError != want.LastError ||
		got.Failures != want.Failures || !got.NextPoll.Equal(want.NextPoll) || got.Articles != want.Articles {
		t.Errorf("feed state = %+v\nwant         %+v", got, want)
	}
}

func claimFeed(t *testing.T, s digest.Store, url, owner string, now time.Time, lease time.Duration) (digest.FeedState, bool) {
	t.Helper()
	st, ok, err := s.ClaimFeed(ctxT(t), url, owner, now, now.Add(lease))
	if err != nil {
		t.Fatalf("ClaimFeed(%s, %s): %v", url, owner, err)
	}
	if !ok && st != (digest.FeedState{}) {
		t.Errorf("refused ClaimFeed(%s, %s) returned state %+v, want the zero state", url, owner, st)
	}
	return st, ok
}

// raceClaimFeed has n goroutines claim url at once, each as its own owner,
// and returns the winners' owners and states.
// raceClaimRun has 16 goroutines, released at once, claim the run of
// schedule id on date, goroutine i through stores[i%len(stores)], and
// returns the owners that won.
func raceClaimRun(t *testing.T, id int64, date string, now time.Time, stores ...digest.Store) []string {
	t.Helper()
	const n = 16
	var mu sync.Mutex
	var winners []string
	var wg sync.WaitGroup
	start := make(chan struct{})
	errs := make(chan error, n)
	for i := range n {
		s := stores[i%len(stores)]
		wg.Go(func() {
			<-start
			owner := fmt.Sprintf("worker-%d", i)
			ok, err := s.ClaimRun(context.Background(), id, date, owner, now, now.Add(time.Minute))
			if err != nil {
				errs <- err
				return
			}
			if ok {
				mu.Lock()
				winners = append(winners, owner)
				mu.Unlock()
			}
		})
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("ClaimRun: %v", err)
	}
	return winners
}

func raceClaimFeed(t *testing.T, s digest.Store, url string, n int, now time.Time) ([]string, []digest.FeedState) {
	t.Helper()
	var mu sync.Mutex
	var owners []string
	var states []digest.FeedState
	var wg sync.WaitGroup
	start := make(chan struct{})
	errs := make(chan error, n)
	for i := range n {
		wg.Go(func() {
			<-start
			owner := fmt.Sprintf("worker-%d", i)
			st, ok, err := s.ClaimFeed(context.Background(), url, owner, now, now.Add(time.Minute))
			if err != nil {
				errs <- err
				return
			}
			if ok {
				mu.Lock()
				owners, states = append(owners, owner), append(states, st)
				mu.Unlock()
			}
		})
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("ClaimFeed: %v", err)
	}
	return owners, states
}

func testClaimFeedExactlyOnce(t *testing.T, s digest.Store) {
	ctx := ctxT(t)
	const n = 16
	t.Run("unknown feed", func(t *testing.T) {
		const url = "https://new.example/feed"
		owners, states := raceClaimFeed(t, s, url, n, base)
		if len(owners) != 1 {
			t.Fatalf("%d goroutines won the claim of an unknown feed (%v), want exactly 1", len(owners), owners)
		}
		checkFeed(t, states[0], digest.FeedState{URL: url})
		got, err := s.FeedState(ctx, url)
		if err != nil {
			t.Fatalf("FeedState of a feed created by ClaimFeed: %v", err)
		}
		checkFeed(t, got, digest.FeedState{URL: url})
	})
	t.Run("due feed", func(t *testing.T) {
		const url = "https://due.example/feed"
		want := digest.FeedState{
			URL: url, Title: "Due News", ETag: `"e1"`, LastModified: "Fri, 14 Mar 2025 08:00:00 GMT",
			LastPoll: base.Add(-time.Hour), LastSuccess: base.Add(-time.Hour), NextPoll: base,
		}
		if err := s.PutFeedState(ctx, want); err != nil {
			t.Fatal(err)
		}
		a := article(1, "Item", "Body.")
		a.FeedURL = url
		put(t, s, a)
		want.Articles = 1
		owners, states := raceClaimFeed(t, s, url, n, base)
		if len(owners) != 1 {
			t.Fatalf("%d goroutines won the claim of a due feed (%v), want exactly 1", len(owners), owners)
		}
		checkFeed(t, states[0], want)
		// The winner renews; nobody else gets in before the lease ends.
		if _, ok := claimFeed(t, s, url, owners[0], base.Add(30*time.Second), time.Minute); !ok {
			t.Error("the owner could not renew its lease")
		}
		if _, ok := claimFeed(t, s, url, "someone-else", base.Add(80*time.Second), time.Minute); ok {
			t.Error("another owner took a renewed, unexpired lease")
		}
		// A claim changes none of the polling state.
		got, err := s.FeedState(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		checkFeed(t, got, want)
	})
}

func testClaimFeedNotDue(t *testing.T, s digest.Store) {
	ctx := ctxT(t)
	const url = "https://later.example/feed"
	if err := s.PutFeedState(ctx, digest.FeedState{URL: url, LastSuccess: base, NextPoll: base.Add(10 * time.Minute)}); err != nil {
		t.Fatal(err)
	}
	if owners, _ := raceClaimFeed(t, s, url, 16, base); len(owners) != 0 {
		t.Fatalf("%v claimed a feed that is not due", owners)
	}
	if _, ok := claimFeed(t, s, url, "a", base.Add(10*time.Minute-time.Microsecond), time.Minute); ok {
		t.Error("claimed a microsecond before NextPoll")
	}
	if _, ok := claimFeed(t, s, url, "a", base.Add(10*time.Minute), time.Minute); !ok {
		t.Error("claim refused at NextPoll")
	}
}

func testClaimFeedLease(t *testing.T, s digest.Store) {
	const url = "https://lease.example/feed"
	if _, ok := claimFeed(t, s, url, "a", base, time.Minute); !ok {
		t.Fatal("first claim refused")
	}
	if _, ok := claimFeed(t, s, url, "b", base.Add(59*time.Second), time.Minute); ok {
		t.Error("b took a's lease before it expired")
	}
	if _, ok := claimFeed(t, s, url, "b", base.Add(time.Minute), time.Minute); !ok {
		t.Fatal("b could not take over a lease expired at that instant")
	}
	if _, ok := claimFeed(t, s, url, "a", base.Add(90*time.Second), time.Minute); ok {
		t.Error("a reclaimed b's unexpired lease")
	}
	if _, ok := claimFeed(t, s, url, "c", base.Add(3*time.Minute), time.Minute); !ok {
		t.Error("c could not take over b's expired lease")
	}
}

func testPutFeedStateReleases(t *testing.T, s digest.Store) {
	ctx := ctxT(t)
	const url = "https://release.example/feed"
	st, ok := claimFeed(t, s, url, "a", base, time.Hour)
	if !ok {
		t.Fatal("first claim refused")
	}
	// A failed poll, due again a second later: the put releases the lease.
	st.LastPoll, st.LastError, st.Failures, st.NextPoll = base, "status 503", 1, base.Add(time.Second)
	if err := s.PutFeedState(ctx, st); err != nil {
		t.Fatal(err)
	}
	if _, ok := claimFeed(t, s, url, "b", base.Add(time.Second), time.Hour); !ok {
		t.Fatal("b could not claim after a's PutFeedState released the lease")
	}
	// A successful poll pushes NextPoll: released, yet nobody may claim
	// before then, the former owner neither.
	st.LastSuccess, st.LastError, st.Failures, st.NextPoll = base.Add(2*time.Second), "", 0, base.Add(time.Hour)
	if err := s.PutFeedState(ctx, st); err != nil {
		t.Fatal(err)
	}
	for _, owner := range []string{"a", "b"} {
		if _, ok := claimFeed(t, s, url, owner, base.Add(time.Minute), time.Hour); ok {
			t.Errorf("%s claimed a feed polled a minute ago", owner)
		}
	}
	got, ok := claimFeed(t, s, url, "c", base.Add(time.Hour), time.Hour)
	if !ok {
		t.Fatal("c could not claim once the feed was due again")
	}
	checkFeed(t, got, st)
}

// testScheduleLimit checks that 100 concurrent inserts into one channel
// leave exactly digest.MaxChannelSchedules schedules, the others failing
// with digest.ErrLimit, and that other channels keep their own limit.
func testScheduleLimit(t *testing.T, s digest.Store) {
	ScheduleLimitAcrossStores(t, s, s)
}

// ScheduleLimitAcrossStores runs 100 concurrent schedule inserts into one
// channel, half through a and half through b (two processes on one
// database when they differ): exactly digest.MaxChannelSchedules succeed,
// the others fail with digest.ErrLimit.
func ScheduleLimitAcrossStores(t *testing.T, a, b digest.Store) {
	t.Helper()
	const n = 100
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		st := a
		if i%2 == 1 {
			st = b
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sc := schedule(slackA, fmt.Sprintf("topic %d", i))
			errs[i] = st.PutSchedule(ctxT(t), &sc)
		}()
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case !errors.Is(err, digest.ErrLimit):
			t.Errorf("PutSchedule: %v, want nil or ErrLimit", err)
		}
	}
	list, err := a.ListSchedules(ctxT(t), slackA)
	if err != nil {
		t.Fatal(err)
	}
	if ok != digest.MaxChannelSchedules || len(list) != digest.MaxChannelSchedules {
		t.Errorf("%d inserts succeeded, %d schedules stored; want %d", ok, len(list), digest.MaxChannelSchedules)
	}
	// The limit is per channel: the same channel id in another workspace
	// still takes schedules, and updates of a full channel's schedules pass.
	putSchedule(t, a, schedule(slackB, "other workspace"))
	if len(list) > 0 {
		upd := list[0]
		upd.Topics = []string{"updated"}
		if err := b.PutSchedule(ctxT(t), &upd); err != nil {
			t.Errorf("update in a full channel: %v", err)
		}
	}
}
