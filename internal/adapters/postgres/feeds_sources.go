package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/sqlrows"
)

// AddWorkspaceFeed stores f unless its workspace has the URL already
// (digest.ErrDuplicate, f.ID set to the existing row) or holds limit feeds
// (digest.ErrLimit). The workspace's additions are serialised by a
// transaction-scoped advisory lock on its key, so the count and the insert
// are one atomic step across processes.
func (s *Store) AddWorkspaceFeed(ctx context.Context, f *digest.WorkspaceFeed, limit int) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("add workspace feed: %w", err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended('newsbot_workspace_feeds/' || $1 || '/' || $2, 0))`,
		f.Platform, f.Workspace); err != nil {
		return fmt.Errorf("add workspace feed: lock: %w", err)
	}
	var existing int64
	err = tx.QueryRow(ctx, `SELECT id FROM workspace_feeds WHERE platform = $1 AND workspace = $2 AND url = $3`,
		f.Platform, f.Workspace, f.URL).Scan(&existing)
	switch {
	case err == nil:
		f.ID = existing
		return fmt.Errorf("add workspace feed: %w", digest.ErrDuplicate)
	case !errors.Is(err, pgx.ErrNoRows):
		return fmt.Errorf("add workspace feed: %w", err)
	}
	var n int
	if err := tx.QueryRow(ctx, `SELECT count(*) FROM workspace_feeds WHERE platform = $1 AND workspace = $2`,
		f.Platform, f.Workspace).Scan(&n); err != nil {
		return fmt.Errorf("add workspace feed: %w", err)
	}
	if n >= limit {
		return fmt.Errorf("add workspace feed: %d feeds: %w", n, digest.ErrLimit)
	}
	var id int64
	if err := tx.QueryRow(ctx, `INSERT INTO workspace_feeds (platform, workspace, url, title, channel_id, added_by, added_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		f.Platform, f.Workspace, f.URL, f.Title, f.ChannelID, f.AddedBy, f.AddedAt).Scan(&id); err != nil {
		return fmt.Errorf("add workspace feed: %w", translate(err))
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("add workspace feed: %w", translate(err))
	}
	f.ID = id
	return nil
}

// RemoveWorkspaceFeed deletes feed id of the workspace and returns it.
func (s *Store) RemoveWorkspaceFeed(ctx context.Context, platform, workspace string, id int64) (digest.WorkspaceFeed, error) {
	row := s.pool.QueryRow(ctx, `DELETE FROM workspace_feeds WHERE id = $1 AND platform = $2 AND workspace = $3
		RETURNING `+workspaceFeedCols, id, platform, workspace)
	f, err := scanWorkspaceFeed(row)
	if err != nil {
		return digest.WorkspaceFeed{}, fmt.Errorf("remove workspace feed %d: %w", id, translate(err))
	}
	return f, nil
}

const workspaceFeedCols = `id, platform, workspace, url, title, channel_id, added_by, added_at, notice`

func scanWorkspaceFeed(row pgx.Row, extra ...any) (digest.WorkspaceFeed, error) {
	var f digest.WorkspaceFeed
	dest := append([]any{&f.ID, &f.Platform, &f.Workspace, &f.URL, &f.Title, &f.ChannelID, &f.AddedBy, &f.AddedAt, &f.Notice}, extra...)
	if err := row.Scan(dest...); err != nil {
		return digest.WorkspaceFeed{}, err
	}
	f.AddedAt = utc(f.AddedAt)
	return f, nil
}

// WorkspaceFeeds lists a workspace's feeds (every workspace's when
// platform is ""), by id, with their polling state.
func (s *Store) WorkspaceFeeds(ctx context.Context, platform, workspace string) ([]digest.WorkspaceFeed, error) {
	const zero = `'0001-01-01 00:00:00+00'::timestamptz`
	q := `SELECT w.id, w.platform, w.workspace, w.url, w.title, w.channel_id, w.added_by, w.added_at, w.notice,
			coalesce(f.title, ''), coalesce(f.last_poll, ` + zero + `), coalesce(f.last_success, ` + zero + `),
			coalesce(f.last_error, ''), coalesce(f.failures, 0), coalesce(f.next_poll, ` + zero + `),
			(SELECT count(*) FROM articles a WHERE a.feed_url = w.url)
		FROM workspace_feeds w LEFT JOIN feeds f ON f.url = w.url`
	var args []any
	if platform != "" {
		q += ` WHERE w.platform = $1 AND w.workspace = $2`
		args = append(args, platform, workspace)
	}
	rows, err := s.pool.Query(ctx, q+` ORDER BY w.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("workspace feeds: %w", err)
	}
	defer rows.Close()
	list, err := sqlrows.Collect([]digest.WorkspaceFeed{}, rows, func() (digest.WorkspaceFeed, error) {
		var st digest.FeedState
		f, err := scanWorkspaceFeed(rows, &st.Title, &st.LastPoll, &st.LastSuccess, &st.LastError, &st.Failures, &st.NextPoll, &st.Articles)
		if err != nil {
			return f, err
		}
		st.URL = f.URL
		st.LastPoll, st.LastSuccess, st.NextPoll = utc(st.LastPoll), utc(st.LastSuccess), utc(st.NextPoll)
		f.State = st
		return f, nil
	})
	if err != nil {
		return nil, fmt.Errorf("workspace feeds: %w", err)
	}
	return list, nil
}

// SwapWorkspaceFeedNotice sets feed id's notice to notice when it is old.
// The row lock of the UPDATE makes concurrent swaps take turns; the
// second sees the first's value and changes nothing.
func (s *Store) SwapWorkspaceFeedNotice(ctx context.Context, id int64, old, notice string) (bool, error) {
	var swapped bool
	err := s.pool.QueryRow(ctx, `WITH w AS (SELECT id FROM workspace_feeds WHERE id = $1),
			u AS (UPDATE workspace_feeds SET notice = $3 WHERE id = $1 AND notice = $2 RETURNING id)
		SELECT EXISTS (SELECT 1 FROM u) FROM w`, id, old, notice).Scan(&swapped)
	if err != nil {
		return false, fmt.Errorf("swap workspace feed notice %d: %w", id, translate(err))
	}
	return swapped, nil
}

// WorkspaceFeedURLs returns every URL some workspace added, once each.
func (s *Store) WorkspaceFeedURLs(ctx context.Context) ([]string, error) {
	rows, err := s.pool.Query(ctx, `SELECT DISTINCT url FROM workspace_feeds ORDER BY url`)
	if err != nil {
		return nil, fmt.Errorf("workspace feed urls: %w", err)
	}
	urls, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("workspace feed urls: %w", err)
	}
	return urls, nil
}
