package postgres

import (
	"context"
	"fmt"
)

// HasRealArticles reports whether any stored article is not a bundled
// sample.
func (s *Store) HasRealArticles(ctx context.Context) (bool, error) {
	var real bool
	if err := s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM articles WHERE NOT sample)`).Scan(&real); err != nil {
		return false, fmt.Errorf("has real articles: %w", err)
	}
	return real, nil
}

// DeleteSamples deletes the sample articles in one transaction: their
// quotes and story signatures go by cascade, their story terms here
// (story_terms has no foreign key).
func (s *Store) DeleteSamples(ctx context.Context) (int, error) {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return 0, fmt.Errorf("delete samples: %w", err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `DELETE FROM story_terms WHERE article_id IN (SELECT id FROM articles WHERE sample)`); err != nil {
		return 0, fmt.Errorf("delete samples: %w", translate(err))
	}
	tag, err := tx.Exec(ctx, `DELETE FROM articles WHERE sample`)
	if err != nil {
		return 0, fmt.Errorf("delete samples: %w", translate(err))
	}
	if err := tx.Commit(ctx); err != nil {
		return 0, fmt.Errorf("delete samples: %w", translate(err))
	}
	return int(tag.RowsAffected()), nil
}
