package postgres

import (
	"context"
	"fmt"
)

// Ping reports whether the store can serve: a connection answers a query.
// Connections the server terminated are replaced by the pool, so the store
// is ready again as soon as the server accepts connections.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.pool.Ping(ctx); err != nil {
		return fmt.Errorf("postgres ping: %w", err)
	}
	return nil
}

// Size returns the bytes the store's tables and their indexes take in the
// current schema (TOAST included).
func (s *Store) Size(ctx context.Context) (int64, error) {
	var n int64
	err := s.pool.QueryRow(ctx, `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint
		FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'm')`).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("postgres size: %w", err)
	}
	return n, nil
}
