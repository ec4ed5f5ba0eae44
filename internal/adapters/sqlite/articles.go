package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/sqlrows"
)

const (
	// maxHits caps SearchArticles and SearchQuotes results.
	maxHits = 200
	// defaultHits is used when a query's Limit is 0 or negative.
	defaultHits = 20
	// maxRecent caps RecentArticles; limit <= 0 means this many.
	maxRecent = 10000

	// articleWeights are the bm25 column weights of articles_fts: title
	// above body.
	articleWeights = "5.0, 1.0"
	// quoteWeights are those of quotes_fts: text, speaker.
	quoteWeights = "1.0, 2.0"

	// defaultRankWindow bounds how many matches of any word one full-text
	// query ranks, defaultAllWindow how many further matches of every word
	// (see rankedCTE).
	defaultRankWindow = 1000
	defaultAllWindow  = 500
	// maxWindowScan bounds the index scan that turns a publication window
	// into an id range.
	maxWindowScan = 20000
)

func hitLimit(n int) int {
	if n <= 0 {
		return defaultHits
	}
	return min(n, maxHits)
}

// PutArticle stores a and its quotes in one transaction, sets a.ID and,
// when a.StoryID is 0, makes the article its own story (a.StoryID = a.ID).
// It returns an error wrapping digest.ErrDuplicate, with nothing stored and
// a unchanged, when the URL or the non-empty (FeedURL, GUID) pair is taken
// or a copy of a from the same feed is stored (digest.IsCopy, looked up in
// the same transaction); one wrapping digest.ErrNoSpace when the disk is
// full.
func (s *Store) PutArticle(ctx context.Context, a *digest.Article) error {
	return storageError(s.putArticle(ctx, a))
}

func (s *Store) putArticle(ctx context.Context, a *digest.Article) error {
	// Few statements per transaction: every statement after the first that
	// writes an FTS5 table makes it flush its pending terms as a new index
	// segment.
	// Statements are prepared before the transaction takes the only
	// writer connection.
	insert, err := s.prepare(ctx, s.w, insertArticleSQL)
	if err != nil {
		return fmt.Errorf("put article: %w", err)
	}
	var quoteStmts []*sql.Stmt
	for start := 0; start < len(a.Quotes); start += maxQuotesPerInsert {
		st, err := s.prepare(ctx, s.w, insertQuotesSQL(min(maxQuotesPerInsert, len(a.Quotes)-start)))
		if err != nil {
			return fmt.Errorf("put article: quotes: %w", err)
		}
		quoteStmts = append(quoteStmts, st)
	}
	var sigStmt, termsStmt *sql.Stmt
	if len(a.StorySignature) > 0 {
		if sigStmt, err = s.prepare(ctx, s.w, insertSignatureSQL); err != nil {
			return fmt.Errorf("put article: %w", err)
		}
		if termsStmt, err = s.prepare(ctx, s.w, insertTermsSQL); err != nil {
			return fmt.Errorf("put article: %w", err)
		}
	}
	copyStmt, err := s.prepare(ctx, s.w, storedCopySQL)
	if err != nil {
		return fmt.Errorf("put article: %w", err)
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("put article: begin: %w", err)
	}
	defer tx.Rollback()
	if orig, err := s.storedCopy(ctx, tx.StmtContext(ctx, copyStmt), a); err != nil {
		return fmt.Errorf("put article: look for copies: %w", err)
	} else if orig != 0 {
		return fmt.Errorf("put article: %w: a copy of article %d from the same feed", digest.ErrDuplicate, orig)
	}

	var id, storyID int64
	err = tx.StmtContext(ctx, insert).QueryRowContext(ctx,
		a.URL, a.GUID, a.FeedURL, a.Title, a.Source, a.Author, a.Language,
		unixNano(a.Published), unixNano(a.Fetched), a.Sample, a.StoryID, int64(a.Fingerprint), a.Body,
	).Scan(&id, &storyID)
	if err != nil {
		return fmt.Errorf("put article: %w", translate(err))
	}
	for k, st := range quoteStmts {
		start := k * maxQuotesPerInsert
		chunk := a.Quotes[start:min(start+maxQuotesPerInsert, len(a.Quotes))]
		args := make([]any, 0, 8*len(chunk))
		for i, q := range chunk {
			args = append(args, id, start+i, q.Text, q.Speaker, q.Cue, q.Start, q.End, q.Score)
		}
		if _, err := tx.StmtContext(ctx, st).ExecContext(ctx, args...); err != nil {
			return fmt.Errorf("put article: quotes: %w", translate(err))
		}
	}
	if sigStmt != nil {
		if err := s.putStoryIndex(ctx, tx, sigStmt, termsStmt, id, storyID, unixNano(a.Published), a.StoryTerms, a.StorySignature); err != nil {
			return fmt.Errorf("put article: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("put article: commit: %w", translate(err))
	}
	s.wrote()
	a.ID, a.StoryID = id, storyID
	return nil
}

// insertArticleSQL inserts an article with the next id, which is also its
// story id when the given story id is 0, in one statement. Writers are
// serialised, so max(id) + 1 is free.
const insertArticleSQL = `INSERT INTO articles
	(id, url, guid, feed_url, title, source, author, language, published, fetched, sample, story_id, fingerprint, body)
	SELECT n.id, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, CASE WHEN ?11 = 0 THEN n.id ELSE ?11 END, ?12, ?13
	FROM (SELECT coalesce(max(id), 0) + 1 AS id FROM articles) n
	RETURNING id, story_id`

// maxQuotesPerInsert bounds the rows (and parameters) of one quotes INSERT.
const maxQuotesPerInsert = 50

// insertQuotesSQL inserts n quotes in one statement.
func insertQuotesSQL(n int) string {
	var b strings.Builder
	b.WriteString(`INSERT INTO quotes (article_id, ord, text, speaker, cue, start_pos, end_pos, score) VALUES `)
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(?, ?, ?, ?, ?, ?, ?, ?)")
	}
	return b.String()
}

// articleCols lists the columns scanArticle reads, in order, for table alias a.
const articleCols = `a.id, a.url, a.guid, a.feed_url, a.title, a.source, a.author, a.language,
	a.published, a.fetched, a.sample, a.story_id, a.fingerprint, a.body`

// recentCols is articleCols with an empty body.
const recentCols = `a.id, a.url, a.guid, a.feed_url, a.title, a.source, a.author, a.language,
	a.published, a.fetched, a.sample, a.story_id, a.fingerprint, ''`

type scanner interface{ Scan(dest ...any) error }

// scanArticle reads articleCols (or recentCols), then extra destinations.
func scanArticle(sc scanner, a *digest.Article, extra ...any) error {
	var published, fetched, fp int64
	dest := append([]any{&a.ID, &a.URL, &a.GUID, &a.FeedURL, &a.Title, &a.Source, &a.Author, &a.Language,
		&published, &fetched, &a.Sample, &a.StoryID, &fp, &a.Body}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return err
	}
	a.Published, a.Fetched, a.Fingerprint = fromNano(published), fromNano(fetched), uint64(fp)
	return nil
}

// Article returns article id with its quotes in stored order, or an error
// wrapping digest.ErrNotFound.
func (s *Store) Article(ctx context.Context, id int64) (digest.Article, error) {
	var a digest.Article
	row := s.r.QueryRowContext(ctx, `SELECT `+articleCols+` FROM articles a WHERE a.id = ?`, id)
	if err := scanArticle(row, &a); err != nil {
		return digest.Article{}, fmt.Errorf("article %d: %w", id, translate(err))
	}
	rows, err := s.r.QueryContext(ctx, `SELECT text, speaker, cue, start_pos, end_pos, score
		FROM quotes WHERE article_id = ? ORDER BY ord`, id)
	if err != nil {
		return digest.Article{}, fmt.Errorf("article %d quotes: %w", id, err)
	}
	defer rows.Close()
	a.Quotes, err = sqlrows.Collect(a.Quotes, rows, func() (digest.Quote, error) {
		var q digest.Quote
		err := rows.Scan(&q.Text, &q.Speaker, &q.Cue, &q.Start, &q.End, &q.Score)
		return q, err
	})
	if err != nil {
		return digest.Article{}, fmt.Errorf("article %d quotes: %w", id, err)
	}
	return a, nil
}

// SearchArticles returns the articles matching any of q.Text's words, best
// first by bm25 with the title weighted above the body; Rank is -bm25.
// Text without a searchable word gives no hits and no error. Articles come
// with Body and without Quotes.
//
// To bound the cost of common words, only the 1,000 most recently stored
// articles matching any word are ranked, together with the 500 most recent
// older ones matching every word (for queries of 2 to 4 words); below that
// many matches the ranking is exact. With Since set (and a window of at
// most 20,000 articles), those are the newest matches in the id range of
// the articles published in the window, of which the best passing the
// window and ExcludeStory are returned.
func (s *Store) SearchArticles(ctx context.Context, q digest.SearchQuery) ([]digest.ArticleHit, error) {
	fq := articleQuery(q.Text)
	if fq.any == "" {
		return nil, nil
	}
	// The full-text scan takes only the window's id range (FTS5 seeks to
	// it in each doclist); the exact publication window and the excluded
	// story are checked on the ranked rows, best first, so that only the
	// winners are joined to articles. Ranked rows failing them are few (ids
	// in the range published outside the window, the excluded story), so
	// first try with limit+postSlack ranked rows, and only when too few pass,
	// check every ranked row.
	var scan string
	var scanArgs []any
	if !q.Since.IsZero() {
		lo, hi, ok, err := s.idWindow(ctx, q.Since, q.Until)
		if err != nil {
			return nil, fmt.Errorf("search articles: %w", err)
		}
		if lo > hi {
			return nil, nil // nothing published in the window
		}
		if !ok {
			// A wide window: filter while scanning, so that the ranked
			// newest matches all fall in it.
			return s.searchJoined(ctx, q, fq)
		}
		scan = ` AND articles_fts.rowid BETWEEN ? AND ?`
		scanArgs = []any{lo, hi}
	} else if !q.Until.IsZero() {
		return s.searchJoined(ctx, q, fq) // the newest matches may all be later
	}
	postFilter, post := searchFilter("a", q)
	limit := hitLimit(q.Limit)
	if postFilter == "" {
		return s.searchRanked(ctx, s.articleSearchSQL(fq, "articles_fts", scan, "", true), fq, scanArgs, nil, limit, limit)
	}
	first := limit + postSlack
	ranked, err := s.searchRanked(ctx, s.articleSearchSQL(fq, "articles_fts", scan, "", true), fq, scanArgs, nil, first, first)
	if err != nil {
		return nil, err
	}
	n := len(ranked)
	hits := slices.DeleteFunc(ranked, func(h digest.ArticleHit) bool {
		p := h.Article.Published
		return (!q.Since.IsZero() && p.Before(q.Since)) || (!q.Until.IsZero() && !p.Before(q.Until)) ||
			(q.ExcludeStory != 0 && h.Article.StoryID == q.ExcludeStory)
	})
	if len(hits) >= limit || n < first {
		return hits[:min(limit, len(hits))], nil
	}
	// Fewer than limit passed among the first ranked rows: check them all.
	return s.searchRanked(ctx, s.articleSearchSQL(fq, "articles_fts", scan, postFilter, false), fq, scanArgs, post, 0, limit)
}

// postSlack is how many ranked rows beyond the limit SearchArticles
// fetches first when filtering after ranking.
const postSlack = 16

// searchJoined runs q filtering every match against articles while
// scanning: for windows that give no id range (too wide, or no Since).
func (s *Store) searchJoined(ctx context.Context, q digest.SearchQuery, fq ftsQuery) ([]digest.ArticleHit, error) {
	filter, args := searchFilter("f", q)
	limit := hitLimit(q.Limit)
	return s.searchRanked(ctx, s.articleSearchSQL(fq, "articles_fts JOIN articles f ON f.id = articles_fts.rowid", filter, "", true),
		fq, args, nil, limit, limit)
}

// searchFilter returns q's Since, Until and ExcludeStory as conditions on
// articles table alias (each starting with AND) and their parameters.
func searchFilter(alias string, q digest.SearchQuery) (string, []any) {
	var filter string
	var args []any
	if !q.Since.IsZero() {
		filter += ` AND ` + alias + `.published >= ?`
		args = append(args, unixNano(q.Since))
	}
	if !q.Until.IsZero() {
		filter += ` AND ` + alias + `.published < ?`
		args = append(args, unixNano(q.Until))
	}
	if q.ExcludeStory != 0 {
		filter += ` AND ` + alias + `.story_id <> ?`
		args = append(args, q.ExcludeStory)
	}
	return filter, args
}

// articleSearchSQL builds an article search: from and scan (conditions
// starting with AND) select the ranked matches, post (conditions on
// articles a, starting with AND) filters them best first. Its parameters:
// the MATCH and scan parameters (twice when fq.all is set), then, when
// capped, how many ranked rows to consider, then post's, then the limit.
func (s *Store) articleSearchSQL(fq ftsQuery, from, scan, post string, capped bool) string {
	h := `ranked`
	if capped {
		h = `(SELECT id, score FROM ranked ORDER BY score, id DESC LIMIT ?)`
	}
	return s.rankedCTE("articles_fts", articleWeights, from, scan, fq.all != "") + `
		SELECT ` + articleCols + `, h.score
		FROM ` + h + ` h
		CROSS JOIN articles a ON a.id = h.id
		WHERE 1` + post + `
		ORDER BY h.score, a.id DESC LIMIT ?`
}

// searchRanked runs an articleSearchSQL query; cap > 0 is the number of
// ranked rows considered when the query is capped, 0 when it is not.
func (s *Store) searchRanked(ctx context.Context, query string, fq ftsQuery, scanArgs, post []any, cap, limit int) ([]digest.ArticleHit, error) {
	args := append([]any{fq.any}, scanArgs...)
	if fq.all != "" {
		args = append(append(args, fq.all), scanArgs...)
	}
	if cap > 0 {
		args = append(args, cap)
	}
	args = append(append(args, post...), limit)
	rows, err := s.query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("search articles: %w", err)
	}
	defer rows.Close()
	hits, err := sqlrows.Collect(nil, rows, func() (digest.ArticleHit, error) {
		var h digest.ArticleHit
		var score float64
		err := scanArticle(rows, &h.Article, &score)
		h.Rank = -score
		return h, err
	})
	if err != nil {
		return nil, fmt.Errorf("search articles: %w", err)
	}
	return hits, nil
}

// rankedCTE returns a WITH clause defining "ranked" (id, score): bm25
// scores (lower is better) of the s.rankWindow newest rows of table
// matching the first MATCH parameter and filter, and, when all is set, of
// the s.allWindow newest older rows matching the second MATCH parameter (every
// word), which the first window may have cut off. Rows in the first window
// already include every row matching all words, so the two never overlap,
// and the second costs almost nothing when the first window is not full.
// from names table and any join; filter holds further conditions, each
// starting with AND, whose parameters follow each MATCH parameter.
func (s *Store) rankedCTE(table, weights, from, filter string, all bool) string {
	sel := `SELECT ` + table + `.rowid AS id, bm25(` + table + `, ` + weights + `) AS score
		FROM ` + from + ` WHERE ` + table + ` MATCH ?` + filter
	newest := ` ORDER BY ` + table + `.rowid DESC LIMIT `
	q := `WITH w AS MATERIALIZED (` + sel + newest + strconv.Itoa(s.rankWindow) + `),
		ranked AS (SELECT id, score FROM w`
	if all {
		q += ` UNION ALL SELECT id, score FROM (` + sel + ` AND ` + table + `.rowid < (SELECT min(id) FROM w)` +
			newest + strconv.Itoa(s.allWindow) + `)`
	}
	return q + `)`
}

// idWindow returns the smallest and largest article id published in
// [since, until) (until zero: no upper bound); lo > hi when there is none.
// ok is false when the window holds more than maxWindowScan articles: then
// the bounds were not worth computing and are not given.
func (s *Store) idWindow(ctx context.Context, since, until time.Time) (lo, hi int64, ok bool, err error) {
	var n int
	var minID, maxID sql.NullInt64
	err = s.r.QueryRowContext(ctx, `SELECT count(*), min(id), max(id) FROM (
			SELECT id FROM articles WHERE published >= ? AND published < ? LIMIT ?)`,
		unixNano(since), untilNano(until), maxWindowScan+1).Scan(&n, &minID, &maxID)
	switch {
	case err != nil:
		return 0, 0, false, fmt.Errorf("id window: %w", err)
	case n == 0:
		return 1, 0, true, nil
	case n > maxWindowScan:
		return 0, 0, false, nil
	}
	return minID.Int64, maxID.Int64, true, nil
}

// StoryArticles returns the articles of story storyID, newest first,
// without Quotes; an unknown story gives an empty slice.
func (s *Store) StoryArticles(ctx context.Context, storyID int64) ([]digest.Article, error) {
	as, err := s.articles(ctx, `SELECT `+articleCols+` FROM articles a
		WHERE a.story_id = ? ORDER BY a.published DESC, a.id DESC`, storyID)
	if err != nil {
		return nil, fmt.Errorf("story %d articles: %w", storyID, err)
	}
	return as, nil
}

// RecentArticles returns articles published at or after since, newest
// first, at most limit (limit <= 0 or above 10,000 means 10,000), without
// Body or Quotes.
func (s *Store) RecentArticles(ctx context.Context, since time.Time, limit int) ([]digest.Article, error) {
	if limit <= 0 || limit > maxRecent {
		limit = maxRecent
	}
	as, err := s.articles(ctx, `SELECT `+recentCols+` FROM articles a
		WHERE a.published >= ? ORDER BY a.published DESC, a.id DESC LIMIT ?`, unixNano(since), limit)
	if err != nil {
		return nil, fmt.Errorf("recent articles: %w", err)
	}
	return as, nil
}

func (s *Store) articles(ctx context.Context, query string, args ...any) ([]digest.Article, error) {
	rows, err := s.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return sqlrows.Collect([]digest.Article{}, rows, func() (digest.Article, error) {
		var a digest.Article
		err := scanArticle(rows, &a)
		return a, err
	})
}

// CountArticles returns how many articles are stored.
func (s *Store) CountArticles(ctx context.Context) (int, error) {
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM articles`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count articles: %w", err)
	}
	return n, nil
}

// SearchQuotes returns stored quotes matching any of q.Text's words in the
// quote and, when q.Speaker is set, any of its words in the speaker, best
// first by bm25, each with its article's title, source, URL and date and
// Outlets = 1. A query without a searchable word gives no hits and no error.
// As in SearchArticles, only the 1,000 most recent quotes matching any
// word, and 500 older ones matching every word, are ranked.
func (s *Store) SearchQuotes(ctx context.Context, q digest.QuoteQuery) ([]digest.QuoteHit, error) {
	fq := quoteQuery(q.Text, q.Speaker)
	if fq.any == "" {
		return nil, nil
	}
	args := []any{fq.any}
	if fq.all != "" {
		args = append(args, fq.all)
	}
	args = append(args, hitLimit(q.Limit))
	rows, err := s.query(ctx, s.rankedCTE("quotes_fts", quoteWeights, "quotes_fts", "", fq.all != "")+`
		SELECT qu.text, qu.speaker, qu.cue, qu.start_pos, qu.end_pos, qu.score,
			a.id, a.title, a.source, a.url, a.published, h.score, a.sample
		FROM (SELECT id, score FROM ranked ORDER BY score, id DESC LIMIT ?) h
		CROSS JOIN quotes qu ON qu.id = h.id
		JOIN articles a ON a.id = qu.article_id
		ORDER BY h.score, qu.id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("search quotes: %w", err)
	}
	defer rows.Close()
	var hits []digest.QuoteHit
	for rows.Next() {
		var h digest.QuoteHit
		var published int64
		var rank float64
		if err := rows.Scan(&h.Quote.Text, &h.Quote.Speaker, &h.Quote.Cue, &h.Quote.Start, &h.Quote.End, &h.Quote.Score,
			&h.ArticleID, &h.Title, &h.Source, &h.URL, &published, &rank, &h.Sample); err != nil {
			return nil, fmt.Errorf("search quotes: %w", err)
		}
		h.Published = fromNano(published)
		h.Outlets = 1
		h.Score = -rank
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search quotes: %w", err)
	}
	return hits, nil
}

// storedCopySQL reads the stored articles of a feed with a title within
// a time window (see storedCopy).
const storedCopySQL = `SELECT id, fingerprint, published FROM articles
		WHERE feed_url = ? AND title = ? AND published BETWEEN ? AND ? AND fingerprint <> 0
		LIMIT 100`

// storedCopy returns the id of a stored article of which a is a copy
// (digest.IsCopy), or 0, reading with st (storedCopySQL, prepared once and
// bound to the transaction).
func (s *Store) storedCopy(ctx context.Context, st *sql.Stmt, a *digest.Article) (int64, error) {
	if a.FeedURL == "" || a.Fingerprint == 0 || a.Published.IsZero() {
		return 0, nil
	}
	rows, err := st.QueryContext(ctx, a.FeedURL, a.Title,
		unixNano(a.Published.Add(-digest.CopyWindow)), unixNano(a.Published.Add(digest.CopyWindow)))
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, fp, published int64
		if err := rows.Scan(&id, &fp, &published); err != nil {
			return 0, err
		}
		stored := digest.Article{FeedURL: a.FeedURL, Title: a.Title, Fingerprint: uint64(fp), Published: fromNano(published)}
		if digest.IsCopy(*a, stored) {
			return id, nil
		}
	}
	return 0, rows.Err()
}
