package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/sqlrows"
)

// weekdayMask is digest.WeekdayMask in the column's type.
func weekdayMask(days []time.Weekday) (int64, error) {
	m, err := digest.WeekdayMask(days)
	return int64(m), err
}

// weekdays is digest.WeekdaysOfMask of the column's value.
func weekdays(m int64) []time.Weekday { return digest.WeekdaysOfMask(uint8(m)) }

// PutSchedule inserts sc when sc.ID is 0 (setting sc.ID) or replaces the
// stored schedule sc.ID, keeping its CreatedAt and CreatedBy (copied back
// into sc). Updating an unknown id returns an error wrapping
// digest.ErrNotFound; inserting into a channel that has
// digest.MaxChannelSchedules already, one wrapping digest.ErrLimit (the
// count and the insert are one statement, which takes the write lock
// before it reads). Weekdays are stored as a set and come back Sunday
// first.
func (s *Store) PutSchedule(ctx context.Context, sc *digest.Schedule) error {
	topics, err := json.Marshal(nonNil(sc.Topics))
	if err != nil {
		return fmt.Errorf("put schedule: topics: %w", err)
	}
	days, err := weekdayMask(sc.Weekdays)
	if err != nil {
		return fmt.Errorf("put schedule: %w", err)
	}
	if sc.ID == 0 {
		err := s.w.QueryRowContext(ctx, `INSERT INTO schedules
			(platform, workspace, channel_id, topics, hour, minute, time_zone, weekdays, max_stories, created_by, created_at, updated_at, filters)
			SELECT ?1, ?2, ?3, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
			WHERE (SELECT count(*) FROM schedules
				WHERE platform = ?1 AND workspace = ?2 AND channel_id = ?3) < ?
			RETURNING id`,
			sc.Platform, sc.Workspace, sc.ChannelID, string(topics), sc.Hour, sc.Minute, sc.TimeZone, days,
			sc.MaxStories, sc.CreatedBy, unixNano(sc.CreatedAt), unixNano(sc.UpdatedAt), digest.MarshalFilter(sc.Filter), digest.MaxChannelSchedules,
		).Scan(&sc.ID)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("put schedule: %d in the channel: %w", digest.MaxChannelSchedules, digest.ErrLimit)
		}
		if err != nil {
			return fmt.Errorf("put schedule: %w", translate(err))
		}
		return nil
	}
	var createdAt int64
	err = s.w.QueryRowContext(ctx, `UPDATE schedules SET
			platform = ?, workspace = ?, channel_id = ?, topics = ?, hour = ?, minute = ?, time_zone = ?,
			weekdays = ?, max_stories = ?, updated_at = ?, filters = ?
		WHERE id = ? RETURNING created_by, created_at`,
		sc.Platform, sc.Workspace, sc.ChannelID, string(topics), sc.Hour, sc.Minute, sc.TimeZone,
		days, sc.MaxStories, unixNano(sc.UpdatedAt), digest.MarshalFilter(sc.Filter), sc.ID,
	).Scan(&sc.CreatedBy, &createdAt)
	if err != nil {
		return fmt.Errorf("put schedule %d: %w", sc.ID, translate(err))
	}
	sc.CreatedAt = fromNano(createdAt)
	return nil
}

func nonNil(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}

// DeleteSchedule removes schedule id of channel ch and its runs. It returns
// an error wrapping digest.ErrNotFound when ch has no schedule id.
func (s *Store) DeleteSchedule(ctx context.Context, ch digest.Channel, id int64) error {
	res, err := s.w.ExecContext(ctx, `DELETE FROM schedules
		WHERE id = ? AND platform = ? AND workspace = ? AND channel_id = ?`,
		id, ch.Platform, ch.Workspace, ch.ChannelID)
	if err != nil {
		return fmt.Errorf("delete schedule %d: %w", id, translate(err))
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("delete schedule %d: %w", id, err)
	} else if n == 0 {
		return fmt.Errorf("delete schedule %d: %w", id, digest.ErrNotFound)
	}
	return nil
}

// scheduleQuery selects a schedule with its delivery state: the last
// completed run's date and time, and the error of the latest run.
const scheduleQuery = `SELECT s.id, s.platform, s.workspace, s.channel_id, s.topics, s.hour, s.minute,
		s.time_zone, s.weekdays, s.max_stories, s.created_by, s.created_at, s.updated_at,
		coalesce(d.local_date, ''), coalesce(d.delivered_at, 0),
		coalesce((SELECT r.last_error FROM runs r WHERE r.schedule_id = s.id ORDER BY r.local_date DESC LIMIT 1), ''),
		s.filters
	FROM schedules s
	LEFT JOIN runs d ON d.schedule_id = s.id AND d.local_date =
		(SELECT max(r.local_date) FROM runs r WHERE r.schedule_id = s.id AND r.done = 1)`

func scanSchedule(sc scanner) (digest.Schedule, error) {
	var s digest.Schedule
	var topics, filters string
	var days, createdAt, updatedAt, delivered int64
	if err := sc.Scan(&s.ID, &s.Platform, &s.Workspace, &s.ChannelID, &topics, &s.Hour, &s.Minute,
		&s.TimeZone, &days, &s.MaxStories, &s.CreatedBy, &createdAt, &updatedAt,
		&s.LastDate, &delivered, &s.LastError, &filters); err != nil {
		return digest.Schedule{}, err
	}
	var err error
	if s.Filter, err = digest.UnmarshalFilter(filters); err != nil {
		return digest.Schedule{}, fmt.Errorf("schedule %d: %w", s.ID, err)
	}
	if err := json.Unmarshal([]byte(topics), &s.Topics); err != nil {
		return digest.Schedule{}, fmt.Errorf("schedule %d topics: %w", s.ID, err)
	}
	s.Weekdays = weekdays(days)
	s.CreatedAt, s.UpdatedAt, s.LastDelivery = fromNano(createdAt), fromNano(updatedAt), fromNano(delivered)
	return s, nil
}

// Schedule returns schedule id with its delivery state, or an error
// wrapping digest.ErrNotFound.
func (s *Store) Schedule(ctx context.Context, id int64) (digest.Schedule, error) {
	sc, err := scanSchedule(s.r.QueryRowContext(ctx, scheduleQuery+` WHERE s.id = ?`, id))
	if err != nil {
		return digest.Schedule{}, fmt.Errorf("schedule %d: %w", id, translate(err))
	}
	return sc, nil
}

// ListSchedules returns ch's schedules, or every schedule when ch is the
// zero Channel, by id, with their delivery state.
func (s *Store) ListSchedules(ctx context.Context, ch digest.Channel) ([]digest.Schedule, error) {
	query, args := scheduleQuery, []any(nil)
	if ch != (digest.Channel{}) {
		query += ` WHERE s.platform = ? AND s.workspace = ? AND s.channel_id = ?`
		args = []any{ch.Platform, ch.Workspace, ch.ChannelID}
	}
	rows, err := s.r.QueryContext(ctx, query+` ORDER BY s.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list schedules: %w", err)
	}
	defer rows.Close()
	list, err := sqlrows.Collect([]digest.Schedule{}, rows, func() (digest.Schedule, error) { return scanSchedule(rows) })
	if err != nil {
		return nil, fmt.Errorf("list schedules: %w", err)
	}
	return list, nil
}

// ClaimRun claims the run of schedule id on localDate for owner until
// leaseUntil, in one statement: it wins when the run is new, or not done and
// either its lease expired (lease_until < now, or released by FailRun) or
// owner already holds it (a renewal). A claim that is not a renewal counts
// as an attempt. An unknown schedule gives an error wrapping
// digest.ErrNotFound.
func (s *Store) ClaimRun(ctx context.Context, id int64, localDate, owner string, now, leaseUntil time.Time) (bool, error) {
	if owner == "" {
		return false, errors.New("claim run: empty owner")
	}
	var got string
	err := s.w.QueryRowContext(ctx, `INSERT INTO runs (schedule_id, local_date, owner, lease_until, attempts)
		VALUES (?1, ?2, ?3, ?4, 1)
		ON CONFLICT (schedule_id, local_date) DO UPDATE SET
			attempts = runs.attempts + (runs.owner <> excluded.owner OR runs.lease_until < ?5),
			owner = excluded.owner,
			lease_until = excluded.lease_until
		WHERE runs.done = 0 AND (runs.lease_until < ?5 OR runs.owner = excluded.owner)
		RETURNING owner`,
		id, localDate, owner, unixNano(leaseUntil), unixNano(now)).Scan(&got)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("claim run %d %s: %w", id, localDate, translate(err))
	}
	return got == owner, nil
}

// CompleteRun marks the run delivered at at and clears its error. Only the
// current owner may complete it: otherwise the error wraps
// digest.ErrForbidden, or digest.ErrNotFound when the run was never claimed.
// Completing an already completed run again is a no-op for its owner.
func (s *Store) CompleteRun(ctx context.Context, id int64, localDate, owner string, at time.Time) error {
	if owner == "" {
		return errors.New("complete run: empty owner")
	}
	res, err := s.w.ExecContext(ctx, `UPDATE runs SET
			done = 1, last_error = '', lease_until = 0,
			delivered_at = CASE WHEN done = 1 THEN delivered_at ELSE ? END
		WHERE schedule_id = ? AND local_date = ? AND owner = ?`,
		unixNano(at), id, localDate, owner)
	if err != nil {
		return fmt.Errorf("complete run %d %s: %w", id, localDate, translate(err))
	}
	return s.checkOwned(ctx, res, "complete run", id, localDate)
}

// FailRun records reason, releases the lease (the run may be claimed again
// at once) and keeps the run open. Only the current owner of an open run may
// fail it: otherwise the error wraps digest.ErrForbidden, or
// digest.ErrNotFound when the run was never claimed.
func (s *Store) FailRun(ctx context.Context, id int64, localDate, owner, reason string, at time.Time) error {
	if owner == "" {
		return errors.New("fail run: empty owner")
	}
	res, err := s.w.ExecContext(ctx, `UPDATE runs SET owner = '', lease_until = 0, last_error = ?
		WHERE schedule_id = ? AND local_date = ? AND owner = ? AND done = 0`,
		reason, id, localDate, owner)
	if err != nil {
		return fmt.Errorf("fail run %d %s: %w", id, localDate, translate(err))
	}
	return s.checkOwned(ctx, res, "fail run", id, localDate)
}

// checkOwned turns an UPDATE that touched no row into ErrNotFound (no run)
// or ErrForbidden (someone else's or closed run).
func (s *Store) checkOwned(ctx context.Context, res sql.Result, op string, id int64, localDate string) error {
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("%s %d %s: %w", op, id, localDate, err)
	}
	if n > 0 {
		return nil
	}
	var one int
	err = s.w.QueryRowContext(ctx, `SELECT 1 FROM runs WHERE schedule_id = ? AND local_date = ?`, id, localDate).Scan(&one)
	if err != nil {
		return fmt.Errorf("%s %d %s: %w", op, id, localDate, translate(err))
	}
	return fmt.Errorf("%s %d %s: not the owner: %w", op, id, localDate, digest.ErrForbidden)
}

// RunState reports whether the run of schedule id on localDate was
// completed, and how many claims (attempts) it took; a run never claimed
// gives false, 0 and no error.
func (s *Store) RunState(ctx context.Context, id int64, localDate string) (bool, int, error) {
	var done bool
	var attempts int
	err := s.r.QueryRowContext(ctx, `SELECT done, attempts FROM runs WHERE schedule_id = ? AND local_date = ?`,
		id, localDate).Scan(&done, &attempts)
	if errors.Is(err, sql.ErrNoRows) {
		return false, 0, nil
	}
	if err != nil {
		return false, 0, fmt.Errorf("run state %d %s: %w", id, localDate, err)
	}
	return done, attempts, nil
}

// DeliveredStories returns, of storyIDs, those already posted to ch.
func (s *Store) DeliveredStories(ctx context.Context, ch digest.Channel, storyIDs []int64) (map[int64]digest.DeliveredStory, error) {
	out := make(map[int64]digest.DeliveredStory)
	if len(storyIDs) == 0 {
		return out, nil
	}
	ids, err := json.Marshal(storyIDs)
	if err != nil {
		return nil, fmt.Errorf("delivered stories: %w", err)
	}
	rows, err := s.r.QueryContext(ctx, `SELECT story_id, fingerprint, at FROM delivered
		WHERE platform = ? AND workspace = ? AND channel_id = ?
		AND story_id IN (SELECT value FROM json_each(?))`,
		ch.Platform, ch.Workspace, ch.ChannelID, string(ids))
	if err != nil {
		return nil, fmt.Errorf("delivered stories: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var d digest.DeliveredStory
		var fp, at int64
		if err := rows.Scan(&d.StoryID, &fp, &at); err != nil {
			return nil, fmt.Errorf("delivered stories: %w", err)
		}
		d.Fingerprint, d.At = uint64(fp), fromNano(at)
		out[d.StoryID] = d
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("delivered stories: %w", err)
	}
	return out, nil
}

// MarkDelivered records stories as posted to ch, replacing the fingerprint
// and time of stories already recorded, in one transaction.
func (s *Store) MarkDelivered(ctx context.Context, ch digest.Channel, stories []digest.DeliveredStory) error {
	if len(stories) == 0 {
		return nil
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("mark delivered: begin: %w", err)
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO delivered (platform, workspace, channel_id, story_id, fingerprint, at)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (platform, workspace, channel_id, story_id) DO UPDATE SET
			fingerprint = excluded.fingerprint, at = excluded.at`)
	if err != nil {
		return fmt.Errorf("mark delivered: %w", err)
	}
	defer stmt.Close()
	for _, d := range stories {
		if _, err := stmt.ExecContext(ctx, ch.Platform, ch.Workspace, ch.ChannelID, d.StoryID, int64(d.Fingerprint), unixNano(d.At)); err != nil {
			return fmt.Errorf("mark delivered story %d: %w", d.StoryID, translate(err))
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("mark delivered: commit: %w", err)
	}
	return nil
}
