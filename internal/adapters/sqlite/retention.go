package sqlite

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/newsdigest/bot/internal/digest"
)

var _ digest.Pruner = (*Store)(nil)

// Retention tuning.
const (
	pruneBatch         = 500  // articles deleted per transaction by default
	vacuumStepPages    = 2048 // pages returned per incremental_vacuum step (8 MiB at 4 KiB pages)
	fullVacuumFreeFrac = 0.25 // a store without incremental vacuum is rebuilt once when this share of it is free
	ftsOptimizeFrac    = 0.10 // full-text indexes are rewritten when a prune removed this share of the articles left
)

// Prune implements digest.Pruner. Quotes, story signatures and full-text
// entries go with their article (foreign keys and triggers); story-index
// rows of deleted articles are removed in one pass afterwards; delivery
// records of stories with no article left, older than before, go too.
// After a large prune the full-text indexes are rewritten (see
// compactIndexes). Free pages are then returned to the file system with incremental vacuum
// steps; a store created before incremental vacuum was enabled is rebuilt
// once (VACUUM, which needs free disk space the size of the store) when a
// quarter of it or more is free.
func (s *Store) Prune(ctx context.Context, before time.Time, batch int) (digest.PruneStats, error) {
	if batch <= 0 {
		batch = pruneBatch
	}
	var st digest.PruneStats
	cut := unixNano(before)
	startSize, _ := s.Size(ctx)
	for ctx.Err() == nil {
		n, q, err := s.pruneBatch(ctx, cut, batch)
		st.Articles += n
		st.Quotes += q
		if err != nil {
			return st, err
		}
		if n < int64(batch) {
			break
		}
	}
	if err := ctx.Err(); err != nil {
		return st, err
	}
	if st.Articles > 0 {
		if _, err := s.w.ExecContext(ctx, `DELETE FROM story_terms WHERE published < ?
			AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = story_terms.article_id)`, cut); err != nil {
			return st, fmt.Errorf("prune story index: %w", translate(err))
		}
	}
	if err := s.compactIndexes(ctx, st.Articles); err != nil {
		return st, err
	}
	res, err := s.w.ExecContext(ctx, `DELETE FROM delivered WHERE at < ?
		AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.story_id = delivered.story_id)`, cut)
	if err != nil {
		return st, fmt.Errorf("prune delivery records: %w", translate(err))
	}
	st.Delivered, _ = res.RowsAffected()
	s.wrote()
	if err := s.reclaim(ctx); err != nil {
		return st, err
	}
	if endSize, err := s.Size(ctx); err == nil && startSize > endSize {
		st.Reclaimed = startSize - endSize
	}
	return st, nil
}

// pruneBatch deletes up to batch prunable articles in one transaction and
// returns how many articles and quotes went.
func (s *Store) pruneBatch(ctx context.Context, cut int64, batch int) (articles, quotes int64, err error) {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return 0, 0, fmt.Errorf("prune: %w", translate(err))
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT id FROM articles
		WHERE published < ?1 AND story_id NOT IN (SELECT story_id FROM delivered WHERE at >= ?1)
		ORDER BY published LIMIT ?2`, cut, batch)
	if err != nil {
		return 0, 0, fmt.Errorf("prune: %w", translate(err))
	}
	var ids []any
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, 0, fmt.Errorf("prune: %w", translate(err))
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, 0, fmt.Errorf("prune: %w", translate(err))
	}
	if len(ids) == 0 {
		return 0, 0, nil
	}
	in := "(" + strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",") + ")"
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM quotes WHERE article_id IN "+in, ids...).Scan(&quotes); err != nil {
		return 0, 0, fmt.Errorf("prune: count quotes: %w", translate(err))
	}
	res, err := tx.ExecContext(ctx, "DELETE FROM articles WHERE id IN "+in, ids...)
	if err != nil {
		return 0, 0, fmt.Errorf("prune: delete articles: %w", translate(err))
	}
	articles, _ = res.RowsAffected()
	if err := tx.Commit(); err != nil {
		return 0, 0, fmt.Errorf("prune: commit: %w", translate(err))
	}
	s.wrote()
	return articles, quotes, nil
}

// reclaim returns free pages to the file system: incremental_vacuum steps
// when the store has auto_vacuum=INCREMENTAL (stores created by this
// version), else a one-time VACUUM that converts it once enough is free.
func (s *Store) reclaim(ctx context.Context) error {
	var mode, free, pages int64
	if err := s.w.QueryRowContext(ctx, "PRAGMA auto_vacuum").Scan(&mode); err != nil {
		return fmt.Errorf("reclaim: %w", translate(err))
	}
	if err := s.w.QueryRowContext(ctx, "SELECT f.freelist_count, p.page_count FROM pragma_freelist_count() f, pragma_page_count() p").Scan(&free, &pages); err != nil {
		return fmt.Errorf("reclaim: %w", translate(err))
	}
	const incremental = 2
	switch {
	case free == 0:
		return nil
	case mode == incremental:
		for free > 0 && ctx.Err() == nil {
			if _, err := s.w.ExecContext(ctx, fmt.Sprintf("PRAGMA incremental_vacuum(%d)", vacuumStepPages)); err != nil {
				return fmt.Errorf("incremental vacuum: %w", translate(err))
			}
			free -= vacuumStepPages
		}
		s.wrote()
		return nil
	case float64(free) >= fullVacuumFreeFrac*float64(pages):
		s.logger.InfoContext(ctx, "sqlite: converting the store to incremental vacuum (one full VACUUM)", "free_pages", free, "pages", pages)
		if _, err := s.w.ExecContext(ctx, "PRAGMA auto_vacuum = INCREMENTAL"); err != nil {
			return fmt.Errorf("reclaim: %w", translate(err))
		}
		if _, err := s.w.ExecContext(ctx, "VACUUM"); err != nil {
			return fmt.Errorf("vacuum: %w", translate(err))
		}
		s.wrote()
	}
	return nil
}

// compactIndexes rewrites the full-text indexes when a prune removed a
// large share of the articles: FTS5 records each deletion as an entry of
// its own until its segments are merged, so without this a large prune
// frees little of the indexes' space. Small prunes (the steady state)
// leave that to FTS5's own merging: the rewrite holds the write lock for
// the whole index.
func (s *Store) compactIndexes(ctx context.Context, pruned int64) error {
	if pruned == 0 {
		return nil
	}
	var left int64
	if err := s.w.QueryRowContext(ctx, "SELECT count(*) FROM articles").Scan(&left); err != nil {
		return fmt.Errorf("prune: %w", translate(err))
	}
	if float64(pruned) < ftsOptimizeFrac*float64(left) {
		return nil
	}
	for _, fts := range []string{"articles_fts", "quotes_fts"} {
		if _, err := s.w.ExecContext(ctx, "INSERT INTO "+fts+" ("+fts+") VALUES ('optimize')"); err != nil {
			return fmt.Errorf("optimize %s: %w", fts, translate(err))
		}
	}
	s.wrote()
	return nil
}
