package sqlite

import (
	"context"
	"fmt"

	"github.com/newsdigest/bot/internal/digest"
)

const feedQuery = `SELECT f.url, f.title, f.etag, f.last_modified, f.last_poll, f.last_success,
		f.last_error, f.failures, f.next_poll,
		(SELECT count(*) FROM articles a WHERE a.feed_url = f.url)
	FROM feeds f`

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

// PutFeedState upserts st by URL; st.Articles is ignored (the store counts
// articles by FeedURL).
func (s *Store) PutFeedState(ctx context.Context, st digest.FeedState) error {
	_, err := s.w.ExecContext(ctx, `INSERT INTO feeds
		(url, title, etag, last_modified, last_poll, last_success, last_error, failures, next_poll)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (url) DO UPDATE SET
			title = excluded.title, etag = excluded.etag, last_modified = excluded.last_modified,
			last_poll = excluded.last_poll, last_success = excluded.last_success,
			last_error = excluded.last_error, failures = excluded.failures, next_poll = excluded.next_poll`,
		st.URL, st.Title, st.ETag, st.LastModified, unixNano(st.LastPoll), unixNano(st.LastSuccess),
		st.LastError, st.Failures, unixNano(st.NextPoll))
	if err != nil {
		return fmt.Errorf("put feed state: %w", translate(err))
	}
	return nil
}

// FeedStates lists every known feed by URL, with Articles counted.
func (s *Store) FeedStates(ctx context.Context) ([]digest.FeedState, error) {
	rows, err := s.r.QueryContext(ctx, feedQuery+` ORDER BY f.url`)
	if err != nil {
		return nil, fmt.Errorf("feed states: %w", err)
	}
	defer rows.Close()
	list := []digest.FeedState{}
	for rows.Next() {
		st, err := scanFeed(rows)
		if err != nil {
			return nil, fmt.Errorf("feed states: %w", err)
		}
		list = append(list, st)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("feed states: %w", err)
	}
	return list, nil
}
