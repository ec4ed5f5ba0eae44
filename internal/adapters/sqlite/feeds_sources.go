package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/sqlrows"
)

// AddWorkspaceFeed stores f unless its workspace has the URL already
// (digest.ErrDuplicate, f.ID set to the existing row) or holds limit feeds
// (digest.ErrLimit). The count and the insert are one statement on the one
// writer connection, so concurrent additions cannot pass the limit.
func (s *Store) AddWorkspaceFeed(ctx context.Context, f *digest.WorkspaceFeed, limit int) error {
	var id int64
	err := s.w.QueryRowContext(ctx, `INSERT INTO workspace_feeds
		(platform, workspace, url, title, channel_id, added_by, added_at)
		SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7
		WHERE (SELECT count(*) FROM workspace_feeds WHERE platform = ?1 AND workspace = ?2) < ?8
		ON CONFLICT (platform, workspace, url) DO NOTHING
		RETURNING id`,
		f.Platform, f.Workspace, f.URL, f.Title, f.ChannelID, f.AddedBy, unixNano(f.AddedAt), limit).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		// Either the URL is there already or the workspace is full.
		var existing int64
		err := s.w.QueryRowContext(ctx, `SELECT id FROM workspace_feeds WHERE platform = ? AND workspace = ? AND url = ?`,
			f.Platform, f.Workspace, f.URL).Scan(&existing)
		switch {
		case err == nil:
			f.ID = existing
			return fmt.Errorf("add workspace feed: %w", digest.ErrDuplicate)
		case errors.Is(err, sql.ErrNoRows):
			return fmt.Errorf("add workspace feed: %d feeds: %w", limit, digest.ErrLimit)
		default:
			return fmt.Errorf("add workspace feed: %w", err)
		}
	}
	if err != nil {
		return fmt.Errorf("add workspace feed: %w", translate(err))
	}
	s.wrote()
	f.ID = id
	return nil
}

// RemoveWorkspaceFeed deletes feed id of the workspace and returns it.
func (s *Store) RemoveWorkspaceFeed(ctx context.Context, platform, workspace string, id int64) (digest.WorkspaceFeed, error) {
	row := s.w.QueryRowContext(ctx, `DELETE FROM workspace_feeds WHERE id = ? AND platform = ? AND workspace = ?
		RETURNING `+workspaceFeedCols, id, platform, workspace)
	f, err := scanWorkspaceFeed(row)
	if err != nil {
		return digest.WorkspaceFeed{}, fmt.Errorf("remove workspace feed %d: %w", id, translate(err))
	}
	s.wrote()
	return f, nil
}

const workspaceFeedCols = `id, platform, workspace, url, title, channel_id, added_by, added_at, notice`

func scanWorkspaceFeed(sc scanner, extra ...any) (digest.WorkspaceFeed, error) {
	var f digest.WorkspaceFeed
	var added int64
	dest := append([]any{&f.ID, &f.Platform, &f.Workspace, &f.URL, &f.Title, &f.ChannelID, &f.AddedBy, &added, &f.Notice}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return digest.WorkspaceFeed{}, err
	}
	f.AddedAt = fromNano(added)
	return f, nil
}

// WorkspaceFeeds lists a workspace's feeds (every workspace's when
// platform is ""), by id, with their polling state.
func (s *Store) WorkspaceFeeds(ctx context.Context, platform, workspace string) ([]digest.WorkspaceFeed, error) {
	q := `SELECT w.id, w.platform, w.workspace, w.url, w.title, w.channel_id, w.added_by, w.added_at, w.notice,
			coalesce(f.title, ''), coalesce(f.last_poll, 0), coalesce(f.last_success, 0), coalesce(f.last_error, ''),
			coalesce(f.failures, 0), coalesce(f.next_poll, 0),
			(SELECT count(*) FROM articles a WHERE a.feed_url = w.url)
		FROM workspace_feeds w LEFT JOIN feeds f ON f.url = w.url`
	var args []any
	if platform != "" {
		q += ` WHERE w.platform = ? AND w.workspace = ?`
		args = append(args, platform, workspace)
	}
	rows, err := s.r.QueryContext(ctx, q+` ORDER BY w.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("workspace feeds: %w", err)
	}
	defer rows.Close()
	list, err := sqlrows.Collect([]digest.WorkspaceFeed{}, rows, func() (digest.WorkspaceFeed, error) {
		var st digest.FeedState
		var lastPoll, lastSuccess, nextPoll int64
		f, err := scanWorkspaceFeed(rows, &st.Title, &lastPoll, &lastSuccess, &st.LastError, &st.Failures, &nextPoll, &st.Articles)
		if err != nil {
			return f, err
		}
		st.URL = f.URL
		st.LastPoll, st.LastSuccess, st.NextPoll = fromNano(lastPoll), fromNano(lastSuccess), fromNano(nextPoll)
		f.State = st
		return f, nil
	})
	if err != nil {
		return nil, fmt.Errorf("workspace feeds: %w", err)
	}
	return list, nil
}

// SwapWorkspaceFeedNotice sets feed id's notice to notice when it is old.
func (s *Store) SwapWorkspaceFeedNotice(ctx context.Context, id int64, old, notice string) (bool, error) {
	res, err := s.w.ExecContext(ctx, `UPDATE workspace_feeds SET notice = ? WHERE id = ? AND notice = ?`, notice, id, old)
	if err != nil {
		return false, fmt.Errorf("swap workspace feed notice %d: %w", id, translate(err))
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("swap workspace feed notice %d: %w", id, err)
	}
	if n == 1 {
		s.wrote()
		return true, nil
	}
	var one int
	if err := s.r.QueryRowContext(ctx, `SELECT 1 FROM workspace_feeds WHERE id = ?`, id).Scan(&one); err != nil {
		return false, fmt.Errorf("swap workspace feed notice %d: %w", id, translate(err))
	}
	return false, nil
}

// WorkspaceFeedURLs returns every URL some workspace added, once each.
func (s *Store) WorkspaceFeedURLs(ctx context.Context) ([]string, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT DISTINCT url FROM workspace_feeds ORDER BY url`)
	if err != nil {
		return nil, fmt.Errorf("workspace feed urls: %w", err)
	}
	defer rows.Close()
	urls, err := sqlrows.Collect(nil, rows, func() (string, error) {
		var u string
		err := rows.Scan(&u)
		return u, err
	})
	if err != nil {
		return nil, fmt.Errorf("workspace feed urls: %w", err)
	}
	return urls, nil
}
