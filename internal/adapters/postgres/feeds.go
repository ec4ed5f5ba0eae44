package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/sqlrows"
)

// feedColumns are the columns scanFeed reads, for a feeds row aliased f.
const feedColumns = `f.url, f.title, f.etag, f.last_modified, f.last_poll, f.last_success,
		f.last_error, f.failures, f.next_poll,
		(SELECT count(*) FROM articles a WHERE a.feed_url = f.url)`

const feedQuery = `SELECT ` + feedColumns + ` FROM feeds f`

func scanFeed(row pgx.Row) (digest.FeedState, error) {
	var st digest.FeedState
	if err := row.Scan(&st.URL, &st.Title, &st.ETag, &st.LastModified, &st.LastPoll, &st.LastSuccess,
		&st.LastError, &st.Failures, &st.NextPoll, &st.Articles); err != nil {
		return digest.FeedState{}, err
	}
	st.LastPoll, st.LastSuccess, st.NextPoll = utc(st.LastPoll), utc(st.LastSuccess), utc(st.NextPoll)
	return st, nil
}

// FeedState returns the state of feed url with Articles counted, or an
// error wrapping digest.ErrNotFound.
func (s *Store) FeedState(ctx context.Context, url string) (digest.FeedState, error) {
	st, err := scanFeed(s.pool.QueryRow(ctx, feedQuery+` WHERE f.url = $1`, url))
	if err != nil {
		return digest.FeedState{}, fmt.Errorf("feed state: %w", translate(err))
	}
	return st, nil
}

// PutFeedState upserts st by URL and releases the feed's lease;
// st.Articles is ignored (the store counts articles by FeedURL).
func (s *Store) PutFeedState(ctx context.Context, st digest.FeedState) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO feeds
		(url, title, etag, last_modified, last_poll, last_success, last_error, failures, next_poll)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
		ON CONFLICT (url) DO UPDATE SET
			title = EXCLUDED.title, etag = EXCLUDED.etag, last_modified = EXCLUDED.last_modified,
			last_poll = EXCLUDED.last_poll, last_success = EXCLUDED.last_success,
			last_error = EXCLUDED.last_error, failures = EXCLUDED.failures, next_poll = EXCLUDED.next_poll,
			lease_owner = '', lease_until = '0001-01-01 00:00:00+00'`,
		st.URL, st.Title, st.ETag, st.LastModified, st.LastPoll, st.LastSuccess,
		st.LastError, st.Failures, st.NextPoll)
	if err != nil {
		return fmt.Errorf("put feed state: %w", translate(err))
	}
	return nil
}

// ClaimFeed leases feed url to owner until leaseUntil when the feed is due
// (next_poll at or before now) and its lease is free, expired (lease_until
// at or before now) or already owner's; an unknown feed is created with
// the lease. It returns the feed's state with Articles counted and true
// when owner now holds the lease, or the zero state and false. It is one
// INSERT … ON CONFLICT DO UPDATE … WHERE … RETURNING: the conflicting row
// is locked and the WHERE re-checked on its latest version, so of callers
// racing in any number of processes exactly one wins.
func (s *Store) ClaimFeed(ctx context.Context, url, owner string, now, leaseUntil time.Time) (digest.FeedState, bool, error) {
	if owner == "" {
		return digest.FeedState{}, false, errors.New("claim feed: empty owner")
	}
	st, err := scanFeed(s.pool.QueryRow(ctx, `INSERT INTO feeds AS f (url, lease_owner, lease_until)
		VALUES ($1, $2, $3)
		ON CONFLICT (url) DO UPDATE SET lease_owner = EXCLUDED.lease_owner, lease_until = EXCLUDED.lease_until
		WHERE f.next_poll <= $4 AND (f.lease_owner = '' OR f.lease_owner = EXCLUDED.lease_owner OR f.lease_until <= $4)
		RETURNING `+feedColumns,
		url, owner, leaseUntil, now))
	if errors.Is(err, pgx.ErrNoRows) {
		return digest.FeedState{}, false, nil
	}
	if err != nil {
		return digest.FeedState{}, false, fmt.Errorf("claim feed: %w", translate(err))
	}
	return st, true, nil
}

// FeedStates lists every known feed by URL, with Articles counted.
func (s *Store) FeedStates(ctx context.Context) ([]digest.FeedState, error) {
	rows, err := s.pool.Query(ctx, feedQuery+` ORDER BY f.url COLLATE "C"`)
	if err != nil {
		return nil, fmt.Errorf("feed states: %w", err)
	}
	defer rows.Close()
	list, err := sqlrows.Collect([]digest.FeedState{}, rows, func() (digest.FeedState, error) { return scanFeed(rows) })
	if err != nil {
		return nil, fmt.Errorf("feed states: %w", err)
	}
	return list, nil
}
