package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/sqlrows"
)

// weekdayMask is digest.WeekdayMask in the column's type.
func weekdayMask(days []time.Weekday) (int16, error) {
	m, err := digest.WeekdayMask(days)
	return int16(m), err
}

// weekdays is digest.WeekdaysOfMask of the column's value.
func weekdays(m int16) []time.Weekday { return digest.WeekdaysOfMask(uint8(m)) }

func nonNil(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}

// scheduleLockClass is the first key of the transaction advisory lock
// that serialises inserts into one channel's schedules; the second is a
// hash of the channel.
const scheduleLockClass int32 = 0x73636864 // "schd"

// PutSchedule inserts sc when sc.ID is 0 (setting sc.ID) or replaces the
// stored schedule sc.ID, keeping its CreatedAt and CreatedBy (copied back
// into sc). Updating an unknown id returns an error wrapping
// digest.ErrNotFound; inserting into a channel that has
// digest.MaxChannelSchedules already, one wrapping digest.ErrLimit (the
// insert counts the channel's schedules under a transaction advisory lock
// on the channel, so concurrent inserts from any process count one after
// another). Weekdays are stored as a set and come back Sunday first.
func (s *Store) PutSchedule(ctx context.Context, sc *digest.Schedule) error {
	days, err := weekdayMask(sc.Weekdays)
	if err != nil {
		return fmt.Errorf("put schedule: %w", err)
	}
	if sc.ID == 0 {
		err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1::int4, hashtext($2::text || chr(31) || $3::text || chr(31) || $4::text))`,
				scheduleLockClass, sc.Platform, sc.Workspace, sc.ChannelID); err != nil {
				return err
			}
			return tx.QueryRow(ctx, `INSERT INTO schedules
				(platform, workspace, channel_id, topics, hour, minute, time_zone, weekdays, max_stories,
				 created_by, created_at, updated_at, filters)
				SELECT $1::text, $2::text, $3::text, $4::text[], $5::smallint, $6::smallint, $7::text, $8::smallint,
					$9::integer, $10::text, $11::timestamptz, $12::timestamptz, $14::text
				WHERE (SELECT count(*) FROM schedules
					WHERE platform = $1 AND workspace = $2 AND channel_id = $3) < $13
				RETURNING id`,
				sc.Platform, sc.Workspace, sc.ChannelID, nonNil(sc.Topics), sc.Hour, sc.Minute, sc.TimeZone, days,
				sc.MaxStories, sc.CreatedBy, sc.CreatedAt, sc.UpdatedAt, digest.MaxChannelSchedules, digest.MarshalFilter(sc.Filter),
			).Scan(&sc.ID)
		})
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("put schedule: %d in the channel: %w", digest.MaxChannelSchedules, digest.ErrLimit)
		}
		if err != nil {
			return fmt.Errorf("put schedule: %w", translate(err))
		}
		return nil
	}
	var createdAt time.Time
	err = s.pool.QueryRow(ctx, `UPDATE schedules SET
			platform = $1, workspace = $2, channel_id = $3, topics = $4, hour = $5, minute = $6,
			time_zone = $7, weekdays = $8, max_stories = $9, updated_at = $10, filters = $12
		WHERE id = $11 RETURNING created_by, created_at`,
		sc.Platform, sc.Workspace, sc.ChannelID, nonNil(sc.Topics), sc.Hour, sc.Minute, sc.TimeZone,
		days, sc.MaxStories, sc.UpdatedAt, sc.ID, digest.MarshalFilter(sc.Filter),
	).Scan(&sc.CreatedBy, &createdAt)
	if err != nil {
		return fmt.Errorf("put schedule %d: %w", sc.ID, translate(err))
	}
	sc.CreatedAt = utc(createdAt)
	return nil
}

// DeleteSchedule removes schedule id of channel ch and its runs. It returns
// an error wrapping digest.ErrNotFound when ch has no schedule id.
func (s *Store) DeleteSchedule(ctx context.Context, ch digest.Channel, id int64) error {
	tag, err := s.pool.Exec(ctx, `DELETE FROM schedules
		WHERE id = $1 AND platform = $2 AND workspace = $3 AND channel_id = $4`,
		id, ch.Platform, ch.Workspace, ch.ChannelID)
	if err != nil {
		return fmt.Errorf("delete schedule %d: %w", id, translate(err))
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("delete schedule %d: %w", id, digest.ErrNotFound)
	}
	return nil
}

// scheduleQuery selects a schedule with its delivery state: the last
// completed run's date and time, and the error of the latest run.
const scheduleQuery = `SELECT s.id, s.platform, s.workspace, s.channel_id, s.topics, s.hour, s.minute,
		s.time_zone, s.weekdays, s.max_stories, s.created_by, s.created_at, s.updated_at,
		coalesce(d.local_date, ''), coalesce(d.delivered_at, '0001-01-01 00:00:00+00'), coalesce(l.last_error, ''),
		s.filters
	FROM schedules s
	LEFT JOIN LATERAL (SELECT r.local_date, r.delivered_at FROM runs r
		WHERE r.schedule_id = s.id AND r.done ORDER BY r.local_date DESC LIMIT 1) d ON true
	LEFT JOIN LATERAL (SELECT r.last_error FROM runs r
		WHERE r.schedule_id = s.id ORDER BY r.local_date DESC LIMIT 1) l ON true`

func scanSchedule(row pgx.Row) (digest.Schedule, error) {
	var s digest.Schedule
	var days, hour, minute int16
	var createdAt, updatedAt, delivered time.Time
	var filters string
	if err := row.Scan(&s.ID, &s.Platform, &s.Workspace, &s.ChannelID, &s.Topics, &hour, &minute,
		&s.TimeZone, &days, &s.MaxStories, &s.CreatedBy, &createdAt, &updatedAt,
		&s.LastDate, &delivered, &s.LastError, &filters); err != nil {
		return digest.Schedule{}, err
	}
	var err error
	if s.Filter, err = digest.UnmarshalFilter(filters); err != nil {
		return digest.Schedule{}, fmt.Errorf("schedule %d: %w", s.ID, err)
	}
	s.Hour, s.Minute = int(hour), int(minute)
	s.Weekdays = weekdays(days)
	s.CreatedAt, s.UpdatedAt, s.LastDelivery = utc(createdAt), utc(updatedAt), utc(delivered)
	return s, nil
}

// Schedule returns schedule id with its delivery state, or an error
// wrapping digest.ErrNotFound.
func (s *Store) Schedule(ctx context.Context, id int64) (digest.Schedule, error) {
	sc, err := scanSchedule(s.pool.QueryRow(ctx, scheduleQuery+` WHERE s.id = $1`, id))
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
		query += ` WHERE s.platform = $1 AND s.workspace = $2 AND s.channel_id = $3`
		args = []any{ch.Platform, ch.Workspace, ch.ChannelID}
	}
	rows, err := s.pool.Query(ctx, query+` ORDER BY s.id`, args...)
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

// claimRunSQL is the whole claim: insert the run, or take it over when it
// is open and its lease expired (or was released), or renew it for its
// owner. A row comes back only when the caller holds the run afterwards.
// Concurrent callers on the same key serialise on the row: the losers
// re-check the WHERE against the winner's committed row and get no row.
const claimRunSQL = `INSERT INTO runs (schedule_id, local_date, owner, lease_until, attempts)
	VALUES ($1, $2, $3, $4, 1)
	ON CONFLICT (schedule_id, local_date) DO UPDATE SET
		attempts = runs.attempts + CASE WHEN runs.owner <> EXCLUDED.owner OR runs.lease_until < $5 THEN 1 ELSE 0 END,
		owner = EXCLUDED.owner,
		lease_until = EXCLUDED.lease_until
	WHERE NOT runs.done AND (runs.lease_until < $5 OR runs.owner = EXCLUDED.owner)
	RETURNING owner`

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
	err := s.pool.QueryRow(ctx, claimRunSQL, id, localDate, owner, leaseUntil, now).Scan(&got)
	if errors.Is(err, pgx.ErrNoRows) {
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
	tag, err := s.pool.Exec(ctx, `UPDATE runs SET
			done = true, last_error = '', lease_until = '-infinity',
			delivered_at = CASE WHEN done THEN delivered_at ELSE $1 END
		WHERE schedule_id = $2 AND local_date = $3 AND owner = $4`,
		at, id, localDate, owner)
	if err != nil {
		return fmt.Errorf("complete run %d %s: %w", id, localDate, translate(err))
	}
	return s.checkOwned(ctx, tag, "complete run", id, localDate)
}

// FailRun records reason, releases the lease (the run may be claimed again
// at once) and keeps the run open. Only the current owner of an open run may
// fail it: otherwise the error wraps digest.ErrForbidden, or
// digest.ErrNotFound when the run was never claimed.
func (s *Store) FailRun(ctx context.Context, id int64, localDate, owner, reason string, at time.Time) error {
	if owner == "" {
		return errors.New("fail run: empty owner")
	}
	tag, err := s.pool.Exec(ctx, `UPDATE runs SET owner = '', lease_until = '-infinity', last_error = $1
		WHERE schedule_id = $2 AND local_date = $3 AND owner = $4 AND NOT done`,
		reason, id, localDate, owner)
	if err != nil {
		return fmt.Errorf("fail run %d %s: %w", id, localDate, translate(err))
	}
	return s.checkOwned(ctx, tag, "fail run", id, localDate)
}

// checkOwned turns an UPDATE that touched no row into ErrNotFound (no run)
// or ErrForbidden (someone else's or a closed run).
func (s *Store) checkOwned(ctx context.Context, tag pgconn.CommandTag, op string, id int64, localDate string) error {
	if tag.RowsAffected() > 0 {
		return nil
	}
	var one int
	err := s.pool.QueryRow(ctx, `SELECT 1 FROM runs WHERE schedule_id = $1 AND local_date = $2`, id, localDate).Scan(&one)
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
	err := s.pool.QueryRow(ctx, `SELECT done, attempts FROM runs WHERE schedule_id = $1 AND local_date = $2`,
		id, localDate).Scan(&done, &attempts)
	if errors.Is(err, pgx.ErrNoRows) {
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
	rows, err := s.pool.Query(ctx, `SELECT story_id, fingerprint, at FROM delivered
		WHERE platform = $1 AND workspace = $2 AND channel_id = $3 AND story_id = ANY($4)`,
		ch.Platform, ch.Workspace, ch.ChannelID, storyIDs)
	if err != nil {
		return nil, fmt.Errorf("delivered stories: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var d digest.DeliveredStory
		var fp int64
		if err := rows.Scan(&d.StoryID, &fp, &d.At); err != nil {
			return nil, fmt.Errorf("delivered stories: %w", err)
		}
		d.Fingerprint, d.At = uint64(fp), utc(d.At)
		out[d.StoryID] = d
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("delivered stories: %w", err)
	}
	return out, nil
}

// MarkDelivered records stories as posted to ch, replacing the fingerprint
// and time of stories already recorded, in one statement. When a story
// appears more than once in stories, the last entry wins.
func (s *Store) MarkDelivered(ctx context.Context, ch digest.Channel, stories []digest.DeliveredStory) error {
	if len(stories) == 0 {
		return nil
	}
	// One row per story: an upsert may not touch a row twice.
	at := make(map[int64]int, len(stories))
	var ids, fps []int64
	var times []time.Time
	for _, d := range stories {
		if i, ok := at[d.StoryID]; ok {
			fps[i], times[i] = int64(d.Fingerprint), d.At
			continue
		}
		at[d.StoryID] = len(ids)
		ids, fps, times = append(ids, d.StoryID), append(fps, int64(d.Fingerprint)), append(times, d.At)
	}
	_, err := s.pool.Exec(ctx, `INSERT INTO delivered (platform, workspace, channel_id, story_id, fingerprint, at)
		SELECT $1, $2, $3, u.story_id, u.fingerprint, u.at
		FROM unnest($4::bigint[], $5::bigint[], $6::timestamptz[]) AS u (story_id, fingerprint, at)
		ON CONFLICT (platform, workspace, channel_id, story_id) DO UPDATE SET
			fingerprint = EXCLUDED.fingerprint, at = EXCLUDED.at`,
		ch.Platform, ch.Workspace, ch.ChannelID, ids, fps, times)
	if err != nil {
		return fmt.Errorf("mark delivered: %w", translate(err))
	}
	return nil
}
