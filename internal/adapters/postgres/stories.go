package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/newsdigest/bot/internal/digest"
)

// The story-matching index (migration 0003): story_signatures holds each
// article's encoded story document, story_terms its key terms by
// publication time.

// putStorySignatureSQL stores an article's signature and terms unless it
// has a signature already (a signature never changes); it returns whether
// the article exists.
const putStorySignatureSQL = `WITH a AS (
		SELECT id, story_id, published FROM articles WHERE id = $1
	), sg AS (
		INSERT INTO story_signatures (article_id, story_id, published, data)
		SELECT id, story_id, published, $3 FROM a
		ON CONFLICT (article_id) DO NOTHING
		RETURNING article_id, published
	), st AS (
		INSERT INTO story_terms (term, published, article_id)
		SELECT DISTINCT t.term, sg.published, sg.article_id FROM sg, unnest($2::text[]) AS t (term)
		ON CONFLICT DO NOTHING
	)
	SELECT count(*) FROM a`

// PutStorySignature stores the story terms and signature of stored
// article id, which must have none yet: an article's signature never
// changes, so a second call does nothing. It returns an error wrapping
// digest.ErrNotFound when there is no article id.
func (s *Store) PutStorySignature(ctx context.Context, id int64, terms []string, sig []byte) error {
	if len(sig) == 0 {
		return fmt.Errorf("put story signature %d: empty signature", id)
	}
	var n int
	if err := s.pool.QueryRow(ctx, putStorySignatureSQL, id, digest.IndexableTerms(terms), sig).Scan(&n); err != nil {
		return fmt.Errorf("put story signature %d: %w", id, translate(err))
	}
	if n == 0 {
		return fmt.Errorf("put story signature %d: %w", id, digest.ErrNotFound)
	}
	return nil
}

// storyTermMatchesSQL selects, for each term of $1 (by its 1-based
// position), the ids of the newest $4 articles indexed under it that were
// published in [$2, $3): one backward range scan of the primary key per
// term, in a function that plans it once per session (migration 0005).
const storyTermMatchesSQL = `SELECT ord, ids FROM newsbot_story_term_matches($1, $2, $3, $4)`

// StoryTermMatches implements digest.ArticleStore.StoryTermMatches.
func (s *Store) StoryTermMatches(ctx context.Context, terms []string, since, until time.Time, perTerm int) ([][]int64, error) {
	out := make([][]int64, len(terms))
	if len(terms) == 0 || perTerm <= 0 {
		return out, nil
	}
	valid := digest.BlankUnindexable(terms)
	rows, err := s.pool.Query(ctx, storyTermMatchesSQL, valid, since, untilTime(until), perTerm)
	if err != nil {
		return nil, fmt.Errorf("story term matches: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var i int
		var ids []int64
		if err := rows.Scan(&i, &ids); err != nil {
			return nil, fmt.Errorf("story term matches: %w", err)
		}
		if i >= 1 && i <= len(out) {
			out[i-1] = ids
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("story term matches: %w", err)
	}
	return out, nil
}

// ArticleStories implements digest.ArticleStore.ArticleStories.
func (s *Store) ArticleStories(ctx context.Context, ids []int64) (map[int64]int64, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := s.pool.Query(ctx, `SELECT article_id, story_id FROM story_signatures WHERE article_id = ANY ($1)`, ids)
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
	sigs, err := s.signatures(ctx, `SELECT article_id, story_id, published, data FROM story_signatures
		WHERE article_id = ANY ($1)`, ids)
	if err != nil {
		return nil, fmt.Errorf("story signatures: %w", err)
	}
	return sigs, nil
}

// signatures runs query, which selects article_id, story_id, published and
// data of story_signatures, and reads its rows.
func (s *Store) signatures(ctx context.Context, query string, args ...any) ([]digest.StorySignature, error) {
	rows, err := s.pool.Query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (digest.StorySignature, error) {
		var sig digest.StorySignature
		err := row.Scan(&sig.ArticleID, &sig.StoryID, &sig.Published, &sig.Data)
		sig.Published = utc(sig.Published)
		return sig, err
	})
}

// storyMembersSQL reads the newest perStory signatures of each story in a
// window: for each story, a backward scan of story_signatures_story that
// stops after perStory rows, so that a big story costs no more than a
// small one.
const storyMembersSQL = `SELECT s.article_id, s.story_id, s.published, s.data
	FROM (SELECT DISTINCT unnest($1::bigint[]) AS story) j
	CROSS JOIN LATERAL (
		SELECT article_id, story_id, published, data FROM story_signatures
		WHERE story_id = j.story AND published >= $2 AND published < $3
		ORDER BY published DESC, article_id DESC LIMIT $4) s`

// StoryMembers implements digest.ArticleStore.StoryMembers.
func (s *Store) StoryMembers(ctx context.Context, stories []int64, since, until time.Time, perStory int) ([]digest.StorySignature, error) {
	if len(stories) == 0 || perStory <= 0 {
		return nil, nil
	}
	sigs, err := s.signatures(ctx, storyMembersSQL, stories, since, untilTime(until), perStory)
	if err != nil {
		return nil, fmt.Errorf("story members: %w", err)
	}
	return sigs, nil
}
