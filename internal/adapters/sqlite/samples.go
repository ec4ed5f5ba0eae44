package sqlite

import (
	"context"
	"fmt"
)

// HasRealArticles reports whether any stored article is not a bundled
// sample.
func (s *Store) HasRealArticles(ctx context.Context) (bool, error) {
	var real bool
	if err := s.r.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM articles WHERE sample = 0)`).Scan(&real); err != nil {
		return false, fmt.Errorf("has real articles: %w", err)
	}
	return real, nil
}

// DeleteSamples deletes the sample articles in one transaction: their
// quotes and story signatures go by cascade, their full-text entries by
// trigger, and their story terms here (story_terms has no foreign key).
func (s *Store) DeleteSamples(ctx context.Context) (int, error) {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("delete samples: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM story_terms WHERE article_id IN (SELECT id FROM articles WHERE sample <> 0)`); err != nil {
		return 0, fmt.Errorf("delete samples: %w", translate(err))
	}
	res, err := tx.ExecContext(ctx, `DELETE FROM articles WHERE sample <> 0`)
	if err != nil {
		return 0, fmt.Errorf("delete samples: %w", translate(err))
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("delete samples: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("delete samples: %w", translate(err))
	}
	s.wrote()
	return int(n), nil
}
