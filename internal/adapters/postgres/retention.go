package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/newsdigest/bot/internal/digest"
)

var _ digest.Pruner = (*Store)(nil)

// pruneBatch is how many articles one Prune statement deletes by default.
const pruneBatch = 1000

// Prune implements digest.Pruner. Each batch is one statement (its own
// transaction) that picks the oldest prunable articles, skipping rows
// another transaction holds, and deletes them; quotes and story signatures
// go with them (foreign keys), the full-text columns live in the rows.
// Story-index rows of deleted articles and delivery records of stories
// with no article left are removed afterwards. Space is left to autovacuum
// (Reclaimed stays 0).
func (s *Store) Prune(ctx context.Context, before time.Time, batch int) (digest.PruneStats, error) {
	if batch <= 0 {
		batch = pruneBatch
	}
	var st digest.PruneStats
	for ctx.Err() == nil {
		var n, q int64
		err := s.pool.QueryRow(ctx, `WITH batch AS (
				SELECT id FROM articles
				WHERE published < $1 AND story_id NOT IN (SELECT story_id FROM delivered WHERE at >= $1)
				ORDER BY published LIMIT $2
				FOR UPDATE SKIP LOCKED),
			quoted AS (SELECT count(*) AS n FROM quotes WHERE article_id IN (SELECT id FROM batch)),
			gone AS (DELETE FROM articles WHERE id IN (SELECT id FROM batch) RETURNING id)
			SELECT (SELECT count(*) FROM gone), (SELECT n FROM quoted)`, before, batch).Scan(&n, &q)
		if err != nil {
			return st, fmt.Errorf("prune: %w", translate(err))
		}
		st.Articles += n
		st.Quotes += q
		if n < int64(batch) {
			break
		}
	}
	if err := ctx.Err(); err != nil {
		return st, err
	}
	if st.Articles > 0 {
		if _, err := s.pool.Exec(ctx, `DELETE FROM story_terms st WHERE st.published < $1
			AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = st.article_id)`, before); err != nil {
			return st, fmt.Errorf("prune story index: %w", translate(err))
		}
	}
	tag, err := s.pool.Exec(ctx, `DELETE FROM delivered d WHERE d.at < $1
		AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.story_id = d.story_id)`, before)
	if err != nil {
		return st, fmt.Errorf("prune delivery records: %w", translate(err))
	}
	st.Delivered = tag.RowsAffected()
	return st, nil
}
