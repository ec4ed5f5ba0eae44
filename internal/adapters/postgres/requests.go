package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// FirstUse records key until expires and reports whether it was new: not
// recorded, or recorded with an expiry at or before now (one statement;
// safe across processes). Expired keys are deleted as it goes. The Slack
// adapter uses it to refuse replayed requests.
func (s *Store) FirstUse(ctx context.Context, key string, now, expires time.Time) (bool, error) {
	if _, err := s.pool.Exec(ctx, `DELETE FROM request_keys WHERE expires <= $1`, now); err != nil {
		return false, fmt.Errorf("first use: %w", translate(err))
	}
	var one int
	err := s.pool.QueryRow(ctx, `INSERT INTO request_keys (key, expires) VALUES ($1, $2)
		ON CONFLICT (key) DO UPDATE SET expires = $2 WHERE request_keys.expires <= $3
		RETURNING 1`, key, expires, now).Scan(&one)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("first use: %w", translate(err))
	}
	return true, nil
}
