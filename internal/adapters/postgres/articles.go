package postgres

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

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

	// rankNorm is the ts_rank_cd normalisation: divide by 1 + log(words),
	// so a long text does not win by length alone.
	rankNorm = 1
	// speakerWeight multiplies the speaker rank of a quote hit.
	speakerWeight = 2
	// maxRanked bounds the matches a search ranks: the most recent ones
	// (articles by publication, quotes by insertion). A common word can
	// match half of a large store, and ranking reads each match's tsvector;
	// the Service favours recent stories anyway.
	maxRanked = 1000
)

func hitLimit(n int) int {
	if n <= 0 {
		return defaultHits
	}
	return min(n, maxHits)
}

// putArticleSQL inserts an article, its quotes and its story index rows
// in one statement (hence atomically): the id is drawn first so that a new
// story can take it as its story_id without a second write of the row, the
// quotes come as parallel arrays, numbered in order, and the story
// signature and terms are written when the signature is not empty.
const putArticleSQL = `WITH n AS (
		SELECT nextval(pg_get_serial_sequence('articles', 'id')) AS id
	), a AS (
		INSERT INTO articles (id, url, guid, feed_url, title, source, author, language,
			published, fetched, body, sample, story_id, fingerprint)
		SELECT n.id, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,
			CASE WHEN $12::bigint = 0 THEN n.id ELSE $12::bigint END, $13
		FROM n
		RETURNING id, story_id
	), q AS (
		INSERT INTO quotes (article_id, ord, text, speaker, cue, start_pos, end_pos, score)
		SELECT a.id, u.ord - 1, u.text, u.speaker, u.cue, u.start_pos, u.end_pos, u.score
		FROM a, unnest($14::text[], $15::text[], $16::text[], $17::int[], $18::int[], $19::float8[])
			WITH ORDINALITY AS u (text, speaker, cue, start_pos, end_pos, score, ord)
	), sg AS (
		INSERT INTO story_signatures (article_id, story_id, published, data)
		SELECT a.id, a.story_id, $8, $21 FROM a WHERE length($21::bytea) > 0
		RETURNING article_id
	), st AS (
		INSERT INTO story_terms (term, published, article_id)
		SELECT DISTINCT t.term, $8::timestamptz, sg.article_id FROM sg, unnest($20::text[]) AS t (term)
	)
	SELECT id, story_id FROM a`

// PutArticle stores a, its quotes and its story signature and terms in
// one statement, sets a.ID and,
// when a.StoryID is 0, makes the article its own story (a.StoryID = a.ID).
// It returns an error wrapping digest.ErrDuplicate, with nothing stored and
// a unchanged, when the URL or the non-empty (FeedURL, GUID) pair is taken,
// or when a copy of a from the same feed is stored (digest.IsCopy; looked
// up just before the insert, which the Service makes under the ingest
// lock, so two processes do not store one copy each). Text holding NUL bytes or invalid UTF-8 is refused by PostgreSQL. A full
// disk gives an error wrapping digest.ErrNoSpace.
func (s *Store) PutArticle(ctx context.Context, a *digest.Article) error {
	return storageError(s.putArticle(ctx, a))
}

func (s *Store) putArticle(ctx context.Context, a *digest.Article) error {
	n := len(a.Quotes)
	texts, speakers, cues := make([]string, n), make([]string, n), make([]string, n)
	starts, ends, scores := make([]int32, n), make([]int32, n), make([]float64, n)
	for i, q := range a.Quotes {
		texts[i], speakers[i], cues[i] = q.Text, q.Speaker, q.Cue
		starts[i], ends[i], scores[i] = int32(q.Start), int32(q.End), q.Score
	}
	if lost, err := s.lockLost(ctx); err != nil {
		return fmt.Errorf("put article: %w", err)
	} else if lost {
		return fmt.Errorf("put article: %w", digest.ErrLockLost)
	}
	if orig, err := s.storedCopy(ctx, a); err != nil {
		return fmt.Errorf("put article: look for copies: %w", translate(err))
	} else if orig != 0 {
		return fmt.Errorf("put article: %w: a copy of article %d from the same feed", digest.ErrDuplicate, orig)
	}
	var id, storyID int64
	err := s.pool.QueryRow(ctx, putArticleSQL,
		a.URL, a.GUID, a.FeedURL, a.Title, a.Source, a.Author, a.Language,
		a.Published, a.Fetched, a.Body, a.Sample, a.StoryID, int64(a.Fingerprint),
		texts, speakers, cues, starts, ends, scores,
		digest.IndexableTerms(a.StoryTerms), a.StorySignature,
	).Scan(&id, &storyID)
	if err != nil {
		return fmt.Errorf("put article: %w", translate(err))
	}
	a.ID, a.StoryID = id, storyID
	return nil
}

// articleCols lists the columns scanArticle reads, in order, for table alias a.
const articleCols = `a.id, a.url, a.guid, a.feed_url, a.title, a.source, a.author, a.language,
	a.published, a.fetched, a.sample, a.story_id, a.fingerprint, a.body`

// recentCols is articleCols with an empty body.
const recentCols = `a.id, a.url, a.guid, a.feed_url, a.title, a.source, a.author, a.language,
	a.published, a.fetched, a.sample, a.story_id, a.fingerprint, ''`

// scanArticle reads articleCols (or recentCols), then extra destinations.
func scanArticle(row pgx.Row, a *digest.Article, extra ...any) error {
	var fp int64
	dest := append([]any{&a.ID, &a.URL, &a.GUID, &a.FeedURL, &a.Title, &a.Source, &a.Author, &a.Language,
		&a.Published, &a.Fetched, &a.Sample, &a.StoryID, &fp, &a.Body}, extra...)
	if err := row.Scan(dest...); err != nil {
		return err
	}
	a.Published, a.Fetched, a.Fingerprint = utc(a.Published), utc(a.Fetched), uint64(fp)
	return nil
}

// Article returns article id with its quotes in stored order, or an error
// wrapping digest.ErrNotFound.
func (s *Store) Article(ctx context.Context, id int64) (digest.Article, error) {
	var a digest.Article
	row := s.pool.QueryRow(ctx, `SELECT `+articleCols+` FROM articles a WHERE a.id = $1`, id)
	if err := scanArticle(row, &a); err != nil {
		return digest.Article{}, fmt.Errorf("article %d: %w", id, translate(err))
	}
	rows, err := s.pool.Query(ctx, `SELECT text, speaker, cue, start_pos, end_pos, score
		FROM quotes WHERE article_id = $1 ORDER BY ord`, id)
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
// first by ts_rank_cd with the title (weight A) above the body (weight B);
// Rank is the ts_rank_cd value, higher is better. When more than 1,000
// articles match (within the query's filters), only the 1,000 most
// recently published are ranked. Text without a searchable word gives no
// hits and no error. Articles come with Body and without Quotes.
func (s *Store) SearchArticles(ctx context.Context, q digest.SearchQuery) ([]digest.ArticleHit, error) {
	var args []any
	tsq := tsqueryExpr("english", terms(q.Text), &args)
	if tsq == "" {
		return nil, nil
	}
	where := ``
	if !q.Since.IsZero() {
		args = append(args, q.Since)
		where += ` AND f.published >= $` + strconv.Itoa(len(args))
	}
	if !q.Until.IsZero() {
		args = append(args, q.Until)
		where += ` AND f.published < $` + strconv.Itoa(len(args))
	}
	if q.ExcludeStory != 0 {
		args = append(args, q.ExcludeStory)
		where += ` AND f.story_id <> $` + strconv.Itoa(len(args))
	}
	args = append(args, maxRanked, hitLimit(q.Limit))
	// Take the ids of the newest matches (c: sorting only ids is cheap when
	// the matches come from the GIN index), rank them reading no body (h),
	// then fetch the winners' rows.
	query := `SELECT ` + articleCols + `, h.rank FROM (
			SELECT r.id, ts_rank_cd(r.tsv, c.q, ` + strconv.Itoa(rankNorm) + `)::float8 AS rank FROM (
				SELECT f.id, t.q FROM articles f, (SELECT ` + tsq + ` AS q) t
				WHERE f.tsv @@ t.q` + where + `
				ORDER BY f.published DESC, f.id DESC LIMIT $` + strconv.Itoa(len(args)-1) + `) c
			JOIN articles r ON r.id = c.id
			ORDER BY rank DESC, r.id DESC LIMIT $` + strconv.Itoa(len(args)) + `) h
		JOIN articles a ON a.id = h.id
		ORDER BY h.rank DESC, a.id DESC`

	return s.queryHits(ctx, query, args)
}

// StoryArticles returns the articles of story storyID, newest first,
// without Quotes; an unknown story gives an empty slice.
func (s *Store) StoryArticles(ctx context.Context, storyID int64) ([]digest.Article, error) {
	as, err := s.articles(ctx, `SELECT `+articleCols+` FROM articles a
		WHERE a.story_id = $1 ORDER BY a.published DESC, a.id DESC`, storyID)
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
		WHERE a.published >= $1 ORDER BY a.published DESC, a.id DESC LIMIT $2`, since, limit)
	if err != nil {
		return nil, fmt.Errorf("recent articles: %w", err)
	}
	return as, nil
}

func (s *Store) articles(ctx context.Context, query string, args ...any) ([]digest.Article, error) {
	rows, err := s.pool.Query(ctx, query, args...)
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
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM articles`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count articles: %w", err)
	}
	return n, nil
}

// SearchQuotes returns stored quotes matching any of q.Text's words in the
// quote and, when q.Speaker is set, any of its words in the speaker, best
// first (the quote's ts_rank_cd plus twice the speaker's), each with its
// article's title, source, URL and date and Outlets = 1. When more than
// 1,000 quotes match, only the 1,000 most recently stored are ranked. A
// query without a searchable word gives no hits and no error.
func (s *Store) SearchQuotes(ctx context.Context, q digest.QuoteQuery) ([]digest.QuoteHit, error) {
	var args []any
	textQ := tsqueryExpr("english", terms(q.Text), &args)
	speakerQ := tsqueryExpr("simple", terms(q.Speaker), &args)
	norm := strconv.Itoa(rankNorm)
	var from, where, rank string
	switch {
	case textQ != "" && speakerQ != "":
		from = `(SELECT ` + textQ + ` AS q, ` + speakerQ + ` AS s) t`
		where = `qu.text_tsv @@ t.q AND qu.speaker_tsv @@ t.s`
		rank = `ts_rank_cd(c.text_tsv, c.q, ` + norm + `) + ` + strconv.Itoa(speakerWeight) + ` * ts_rank_cd(c.speaker_tsv, c.s, ` + norm + `)`
	case textQ != "":
		from = `(SELECT ` + textQ + ` AS q) t`
		where = `qu.text_tsv @@ t.q`
		rank = `ts_rank_cd(c.text_tsv, c.q, ` + norm + `)`
	case speakerQ != "":
		from = `(SELECT ` + speakerQ + ` AS s) t`
		where = `qu.speaker_tsv @@ t.s`
		rank = strconv.Itoa(speakerWeight) + ` * ts_rank_cd(c.speaker_tsv, c.s, ` + norm + `)`
	default:
		return nil, nil
	}
	args = append(args, maxRanked, hitLimit(q.Limit))
	query := `SELECT qu.text, qu.speaker, qu.cue, qu.start_pos, qu.end_pos, qu.score,
			a.id, a.title, a.source, a.url, a.published, h.rank, a.sample
		FROM (SELECT c.id, (` + rank + `)::float8 AS rank FROM (
				SELECT qu.id, qu.text_tsv, qu.speaker_tsv, t.* FROM quotes qu, ` + from + `
				WHERE ` + where + `
				ORDER BY qu.id DESC LIMIT $` + strconv.Itoa(len(args)-1) + `) c
			ORDER BY rank DESC, c.id DESC LIMIT $` + strconv.Itoa(len(args)) + `) h
		JOIN quotes qu ON qu.id = h.id
		JOIN articles a ON a.id = qu.article_id
		ORDER BY h.rank DESC, qu.id DESC`
	rows, err := s.pool.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("search quotes: %w", err)
	}
	defer rows.Close()
	var hits []digest.QuoteHit
	for rows.Next() {
		var h digest.QuoteHit
		if err := rows.Scan(&h.Quote.Text, &h.Quote.Speaker, &h.Quote.Cue, &h.Quote.Start, &h.Quote.End, &h.Quote.Score,
			&h.ArticleID, &h.Title, &h.Source, &h.URL, &h.Published, &h.Score, &h.Sample); err != nil {
			return nil, fmt.Errorf("search quotes: %w", err)
		}
		h.Published = utc(h.Published)
		h.Outlets = 1
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search quotes: %w", err)
	}
	return hits, nil
}

// queryHits runs a search query whose rows are articleCols followed by the
// rank, best first.
func (s *Store) queryHits(ctx context.Context, query string, args []any) ([]digest.ArticleHit, error) {
	rows, err := s.pool.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("search articles: %w", err)
	}
	defer rows.Close()
	hits, err := sqlrows.Collect(nil, rows, func() (digest.ArticleHit, error) {
		var h digest.ArticleHit
		err := scanArticle(rows, &h.Article, &h.Rank)
		return h, err
	})
	if err != nil {
		return nil, fmt.Errorf("search articles: %w", err)
	}
	return hits, nil
}

// storedCopy returns the id of a stored article of which a is a copy
// (digest.IsCopy), or 0.
func (s *Store) storedCopy(ctx context.Context, a *digest.Article) (int64, error) {
	if a.FeedURL == "" || a.Fingerprint == 0 || a.Published.IsZero() {
		return 0, nil
	}
	rows, err := s.pool.Query(ctx, `SELECT id, fingerprint, published FROM articles
		WHERE feed_url = $1 AND title = $2 AND published BETWEEN $3 AND $4 AND fingerprint <> 0
		LIMIT 100`, a.FeedURL, a.Title, a.Published.Add(-digest.CopyWindow), a.Published.Add(digest.CopyWindow))
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, fp int64
		var published time.Time
		if err := rows.Scan(&id, &fp, &published); err != nil {
			return 0, err
		}
		stored := digest.Article{FeedURL: a.FeedURL, Title: a.Title, Fingerprint: uint64(fp), Published: published}
		if digest.IsCopy(*a, stored) {
			return id, nil
		}
	}
	return 0, rows.Err()
}
