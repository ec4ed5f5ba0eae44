package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/sqlrows"
)

// feedColumns are the columns scanFeed reads, for a feeds row aliased f.
const feedColumns = `f.url, f.title, f.etag, f.last_modified, f.last_poll, f.last_success,
		f.last_error, f.failures, f.next_poll,
		(SELECT count(*) FROM articles a WHERE a.feed_url = f.url)`

const feedQuery = `SELECT ` + feedColumns + ` FROM feeds f`

// claimReturning is feedColumns for a RETURNING clause, where SQLite
// knows the table by its name only.
const claimReturning = `url, title, etag, last_modified, last_poll, last_success,
		last_error, failures, next_poll,
		(SELECT count(*) FROM articles a WHERE a.feed_url = feeds.url)`

func scanFeed(sc scanner) (digest.FeedState, error) {
	var st digest.FeedState
	var lastPoll, lastSuccess, nextPoll int64
	if err := sc.Scan(&st.URL, &st.Title, &st.ETag, &st.LastModified, &lastPoll, &lastSuccess,
		&st.LastError, &st.Failures, &nextPoll, &st.Articles); err != nil {
		return digest.FeedState{}, err
	}
	st.LastPoll, st.LastSuccess, st.NextPoll = fromNano(lastPoll), fromNano(lastSuccess), fromNano(nextPoll)
	return st, nil
}

// FeedState returns the state of feed url with Articles counted, or an
// error wrapping digest.ErrNotFound.
func (s *Store) FeedState(ctx context.Context, url string) (digest.FeedState, error) {
	st, err := scanFeed(s.r.QueryRowContext(ctx, feedQuery+` WHERE f.url = ?`, url))
	if err != nil {
		return digest.FeedState{}, fmt.Errorf("feed state: %w", translate(err))
	}
	return st, nil
}

// PutFeedState upserts st by URL and releases the feed's lease;
// st.Articles is ignored (the store counts articles by FeedURL).
func (s *Store) PutFeedState(ctx context.Context, st digest.FeedState) error {
	_, err := s.w.ExecContext(ctx, `INSERT INTO feeds
		(url, title, etag, last_modified, last_poll, last_success, last_error, failures, next_poll)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (url) DO UPDATE SET
			title = excluded.title, etag = excluded.etag, last_modified = excluded.last_modified,
			last_poll = excluded.last_poll, last_success = excluded.last_success,
			last_error = excluded.last_error, failures = excluded.failures, next_poll = excluded.next_poll,
			lease_owner = '', lease_until = 0`,
		st.URL, st.Title, st.ETag, st.LastModified, unixNano(st.LastPoll), unixNano(st.LastSuccess),
		st.LastError, st.Failures, unixNano(st.NextPoll))
	if err != nil {
		return fmt.Errorf("put feed state: %w", translate(err))
	}
	return nil
}

// ClaimFeed leases feed url to owner until leaseUntil when the feed is due
// (next_poll at or before now) and its lease is free, expired (lease_until
// at or before now) or already owner's; an unknown feed is created with
// the lease. It returns the feed's state with Articles counted and true
// when owner now holds the lease, or the zero state and false. The
// single INSERT … ON CONFLICT DO UPDATE … WHERE … RETURNING runs on the
// one writer connection, so concurrent callers are serialized.
func (s *Store) ClaimFeed(ctx context.Context, url, owner string, now, leaseUntil time.Time) (digest.FeedState, bool, error) {
	if owner == "" {
		return digest.FeedState{}, false, errors.New("claim feed: empty owner")
	}
	n := unixNano(now)
	st, err := scanFeed(s.w.QueryRowContext(ctx, `INSERT INTO feeds (url, lease_owner, lease_until)
		VALUES (?, ?, ?)
		ON CONFLICT (url) DO UPDATE SET lease_owner = excluded.lease_owner, lease_until = excluded.lease_until
		WHERE feeds.next_poll <= ? AND (feeds.lease_owner = '' OR feeds.lease_owner = excluded.lease_owner OR feeds.lease_until <= ?)
		RETURNING `+claimReturning,
		url, owner, unixNano(leaseUntil), n, n))
	if errors.Is(err, sql.ErrNoRows) {
		return digest.FeedState{}, false, nil
	}
	if err != nil {
		return digest.FeedState{}, false, fmt.Errorf("claim feed: %w", translate(err))
	}
	return st, true, nil
}

// FeedStates lists every known feed by URL, with Articles counted.
func (s *Store) FeedStates(ctx context.Context) ([]digest.FeedState, error) {
	rows, err := s.r.QueryContext(ctx, feedQuery+` ORDER BY f.url`)
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
