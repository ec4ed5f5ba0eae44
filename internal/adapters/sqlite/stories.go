package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/sqlrows"
)

// The story-matching index (migration 0003): story_signatures holds each
// article's encoded story document, story_terms its key terms by
// publication time.

// insertSignatureSQL stores an article's signature (article id, story id,
// publication time, data); it does nothing when the article has one (a
// signature never changes).
const insertSignatureSQL = `INSERT INTO story_signatures (article_id, story_id, published, data)
	VALUES (?, ?, ?, ?) ON CONFLICT (article_id) DO NOTHING`

// insertTermsSQL stores an article's key terms, a JSON array ?1, with its
// publication time ?2 and id ?3.
const insertTermsSQL = `INSERT INTO story_terms (term, published, article_id)
	SELECT DISTINCT value, ?2, ?3 FROM json_each(?1) WHERE true ON CONFLICT DO NOTHING`

// putStoryIndex writes the signature and terms of stored article id in tx,
// unless it has a signature already.
func (s *Store) putStoryIndex(ctx context.Context, tx *sql.Tx, sigStmt, termsStmt *sql.Stmt,
	id, storyID, published int64, terms []string, sig []byte) error {
	res, err := tx.StmtContext(ctx, sigStmt).ExecContext(ctx, id, storyID, published, sig)
	if err != nil {
		return fmt.Errorf("story signature: %w", translate(err))
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return err
	}
	list, err := json.Marshal(digest.IndexableTerms(terms))
	if err != nil {
		return err
	}
	if _, err := tx.StmtContext(ctx, termsStmt).ExecContext(ctx, string(list), published, id); err != nil {
		return fmt.Errorf("story terms: %w", translate(err))
	}
	return nil
}

// PutStorySignature stores the story terms and signature of stored
// article id, which must have none yet: an article's signature never
// changes, so a second call does nothing. It returns an error wrapping
// digest.ErrNotFound when there is no article id.
func (s *Store) PutStorySignature(ctx context.Context, id int64, terms []string, sig []byte) error {
	if len(sig) == 0 {
		return fmt.Errorf("put story signature %d: empty signature", id)
	}
	sigStmt, err := s.prepare(ctx, s.w, insertSignatureSQL)
	if err != nil {
		return fmt.Errorf("put story signature: %w", err)
	}
	termsStmt, err := s.prepare(ctx, s.w, insertTermsSQL)
	if err != nil {
		return fmt.Errorf("put story signature: %w", err)
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("put story signature: begin: %w", err)
	}
	defer tx.Rollback()
	var storyID, published int64
	err = tx.QueryRowContext(ctx, `SELECT story_id, published FROM articles WHERE id = ?`, id).Scan(&storyID, &published)
	if err != nil {
		return fmt.Errorf("put story signature %d: %w", id, translate(err))
	}
	if err := s.putStoryIndex(ctx, tx, sigStmt, termsStmt, id, storyID, published, terms, sig); err != nil {
		return fmt.Errorf("put story signature %d: %w", id, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("put story signature %d: commit: %w", id, translate(err))
	}
	s.wrote()
	return nil
}

// Ingest's own reads (StoryTermMatches, ArticleStories, StoryMembers)
// run on the writer connection: SQLite empties a connection's page cache
// whenever another connection has changed the database since its last
// read, so a reader starts every ingest cold (each index page read again
// from the file, 10% of ingest CPU in system calls), while the writer's
// cache stays valid from one article to the next. Ingest writes right
// after these reads anyway, one article at a time. StorySignatures, which
// /news calls too, stays on the readers, so searches never wait for the
// writer.

// storyTermMatchesSQL selects, for each term of the JSON array ?1 (by its
// index), the comma-separated ids of the newest ?4 articles indexed under
// it that were published in [?2, ?3): one backward range scan of the
// primary key per term. Each term's ids come as one list: passing every
// id as a row of its own would cost several times as much as finding it.
const storyTermMatchesSQL = `SELECT j.key, (SELECT group_concat(article_id) FROM (
		SELECT article_id FROM story_terms
		WHERE term = j.value AND published >= ?2 AND published < ?3
		ORDER BY published DESC LIMIT ?4))
	FROM json_each(?1) j`

// StoryTermMatches implements digest.ArticleStore.StoryTermMatches.
func (s *Store) StoryTermMatches(ctx context.Context, terms []string, since, until time.Time, perTerm int) ([][]int64, error) {
	out := make([][]int64, len(terms))
	if len(terms) == 0 || perTerm <= 0 {
		return out, nil
	}
	valid := digest.BlankUnindexable(terms)
	list, err := json.Marshal(valid)
	if err != nil {
		return nil, fmt.Errorf("story term matches: %w", err)
	}
	rows, err := s.queryOn(ctx, s.w, storyTermMatchesSQL, string(list), unixNano(since), untilNano(until), perTerm)
	if err != nil {
		return nil, fmt.Errorf("story term matches: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var i int
		var ids sql.NullString
		if err := rows.Scan(&i, &ids); err != nil {
			return nil, fmt.Errorf("story term matches: %w", err)
		}
		if i < 0 || i >= len(out) || !ids.Valid {
			continue
		}
		out[i] = make([]int64, 0, strings.Count(ids.String, ",")+1)
		for f := range strings.SplitSeq(ids.String, ",") {
			id, err := strconv.ParseInt(f, 10, 64)
			if err != nil {
				return nil, fmt.Errorf("story term matches: id list: %w", err)
			}
			out[i] = append(out[i], id)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("story term matches: %w", err)
	}
	return out, nil
}

// ArticleStories implements digest.ArticleStore.ArticleStories, on the
// writer connection as ingest's other reads.
func (s *Store) ArticleStories(ctx context.Context, ids []int64) (map[int64]int64, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, fmt.Errorf("article stories: %w", err)
	}
	rows, err := s.queryOn(ctx, s.w, `SELECT article_id, story_id FROM story_signatures
		WHERE article_id IN (SELECT value FROM json_each(?))`, string(list))
	if err != nil {
		return nil, fmt.Errorf("article stories: %w", err)
	}
	defer rows.Close()
	out := make(map[int64]int64, len(ids))
	for rows.Next() {
		var id, story int64
		if err := rows.Scan(&id, &story); err != nil {
			return nil, fmt.Errorf("article stories: %w", err)
		}
		out[id] = story
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("article stories: %w", err)
	}
	return out, nil
}

// StorySignatures implements digest.ArticleStore.StorySignatures.
func (s *Store) StorySignatures(ctx context.Context, ids []int64) ([]digest.StorySignature, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, fmt.Errorf("story signatures: %w", err)
	}
	out, err := s.signatures(ctx, s.r, `SELECT article_id, story_id, published, data FROM story_signatures
		WHERE article_id IN (SELECT value FROM json_each(?))`, string(list))
	if err != nil {
		return nil, fmt.Errorf("story signatures: %w", err)
	}
	return out, nil
}

// signatures runs query on db, which selects article_id, story_id,
// published and data of story_signatures, and reads its rows.
func (s *Store) signatures(ctx context.Context, db *sql.DB, query string, args ...any) ([]digest.StorySignature, error) {
	rows, err := s.queryOn(ctx, db, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return sqlrows.Collect(nil, rows, func() (digest.StorySignature, error) {
		var sig digest.StorySignature
		var published int64
		err := rows.Scan(&sig.ArticleID, &sig.StoryID, &published, &sig.Data)
		sig.Published = fromNano(published)
		return sig, err
	})
}

// storyMembersSQL reads the newest perStory signatures of each story in a
// window: for each story, a backward range scan of story_signatures_story
// (story, publication time, then article id, the rowid) that stops after
// perStory rows, so that a big story costs no more than a small one.
const storyMembersSQL = `SELECT s.article_id, s.story_id, s.published, s.data
	FROM (SELECT DISTINCT value AS story FROM json_each(?1)) j
	JOIN story_signatures s ON s.article_id IN (
		SELECT article_id FROM story_signatures
		WHERE story_id = j.story AND published >= ?2 AND published < ?3
		ORDER BY published DESC, article_id DESC LIMIT ?4)`

// StoryMembers implements digest.ArticleStore.StoryMembers.
func (s *Store) StoryMembers(ctx context.Context, stories []int64, since, until time.Time, perStory int) ([]digest.StorySignature, error) {
	if len(stories) == 0 || perStory <= 0 {
		return nil, nil
	}
	list, err := json.Marshal(stories)
	if err != nil {
		return nil, fmt.Errorf("story members: %w", err)
	}
	out, err := s.signatures(ctx, s.w, storyMembersSQL, string(list), unixNano(since), untilNano(until), perStory)
	if err != nil {
		return nil, fmt.Errorf("story members: %w", err)
	}
	return out, nil
}
