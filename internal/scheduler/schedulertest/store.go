package schedulertest

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/newsdigest/bot/internal/digest"
)

// Store is an in-memory digest.ScheduleStore with the claim semantics the
// interface documents. It is safe for concurrent use, so several
// Schedulers can share one to stand for several processes.
type Store struct {
	// BeforeComplete, when set, runs first in CompleteRun; an error it
	// returns is returned and nothing changes (a store failure, or a crash
	// between posting and recording).
	BeforeComplete func(id int64, localDate, owner string) error

	mu        sync.Mutex
	nextID    int64
	schedules map[int64]digest.Schedule
	lastErr   map[int64]string
	lastRun   map[int64]run // latest completed run per schedule
	runs      map[run]*runState
	delivered map[digest.Channel]map[int64]digest.DeliveredStory
	claims    []Claim
}

type run struct {
	id   int64
	date string
}

type runState struct {
	done     bool
	at       time.Time
	owner    string
	lease    time.Time
	attempts int
}

// Claim is one successful ClaimRun, for assertions.
type Claim struct {
	ID        int64
	LocalDate string
	Owner     string
	At        time.Time
}

var _ digest.ScheduleStore = (*Store)(nil)

// NewStore returns an empty Store.
func NewStore() *Store {
	return &Store{
		schedules: map[int64]digest.Schedule{},
		lastErr:   map[int64]string{},
		lastRun:   map[int64]run{},
		runs:      map[run]*runState{},
		delivered: map[digest.Channel]map[int64]digest.DeliveredStory{},
	}
}

// PutSchedule inserts s (ID 0, sets s.ID) or updates it, keeping its
// delivery state and CreatedAt. Updating an unknown id is ErrNotFound.
func (st *Store) PutSchedule(_ context.Context, s *digest.Schedule) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	c := *s
	c.Topics = slices.Clone(s.Topics)
	c.Weekdays = slices.Clone(s.Weekdays)
	c.LastDate, c.LastDelivery, c.LastError = "", time.Time{}, ""
	if c.ID == 0 {
		n := 0
		for _, o := range st.schedules {
			if o.Channel() == c.Channel() {
				n++
			}
		}
		if n >= digest.MaxChannelSchedules {
			return fmt.Errorf("put schedule: %w", digest.ErrLimit)
		}
		st.nextID++
		c.ID = st.nextID
		s.ID = c.ID
	} else {
		old, ok := st.schedules[c.ID]
		if !ok {
			return fmt.Errorf("schedule %d: %w", c.ID, digest.ErrNotFound)
		}
		if c.CreatedAt.IsZero() {
			c.CreatedAt = old.CreatedAt
		}
	}
	st.schedules[c.ID] = c
	return nil
}

// DeleteSchedule removes schedule id of ch, or returns ErrNotFound.
func (st *Store) DeleteSchedule(_ context.Context, ch digest.Channel, id int64) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	s, ok := st.schedules[id]
	if !ok || s.Channel() != ch {
		return fmt.Errorf("schedule %d: %w", id, digest.ErrNotFound)
	}
	delete(st.schedules, id)
	return nil
}

// Schedule returns one schedule with its delivery state, or ErrNotFound.
func (st *Store) Schedule(_ context.Context, id int64) (digest.Schedule, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if _, ok := st.schedules[id]; !ok {
		return digest.Schedule{}, fmt.Errorf("schedule %d: %w", id, digest.ErrNotFound)
	}
	return st.withState(id), nil
}

// ListSchedules returns ch's schedules (all for the zero Channel) by id.
func (st *Store) ListSchedules(_ context.Context, ch digest.Channel) ([]digest.Schedule, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	var out []digest.Schedule
	for id, s := range st.schedules {
		if ch == (digest.Channel{}) || s.Channel() == ch {
			out = append(out, st.withState(id))
		}
	}
	slices.SortFunc(out, func(a, b digest.Schedule) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

// withState is a copy of schedule id with its delivery state. st.mu is held.
func (st *Store) withState(id int64) digest.Schedule {
	s := st.schedules[id]
	s.Topics = slices.Clone(s.Topics)
	s.Weekdays = slices.Clone(s.Weekdays)
	if r, ok := st.lastRun[id]; ok {
		s.LastDate, s.LastDelivery = r.date, st.runs[r].at
	}
	s.LastError = st.lastErr[id]
	return s
}

// ClaimRun claims the run for owner until leaseUntil: true unless the run
// is complete or another owner's lease still holds at now (leaseUntil >= now). A claim by
// the lease's owner renews it. An unknown schedule is ErrNotFound.
func (st *Store) ClaimRun(_ context.Context, id int64, localDate, owner string, now, leaseUntil time.Time) (bool, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if _, ok := st.schedules[id]; !ok {
		return false, fmt.Errorf("schedule %d: %w", id, digest.ErrNotFound)
	}
	k := run{id, localDate}
	rs := st.runs[k]
	if rs == nil {
		rs = &runState{}
		st.runs[k] = rs
	}
	held := rs.owner != "" && !rs.lease.Before(now) // as the SQL stores: claimable once lease_until < now
	if rs.done || (held && rs.owner != owner) {
		return false, nil
	}
	if !held {
		rs.attempts++
	}
	rs.owner, rs.lease = owner, leaseUntil
	st.claims = append(st.claims, Claim{ID: id, LocalDate: localDate, Owner: owner, At: now})
	return true, nil
}

// CompleteRun marks the run delivered at at and clears the schedule's last
// error. Only the run's current owner may complete it (ErrForbidden).
func (st *Store) CompleteRun(_ context.Context, id int64, localDate, owner string, at time.Time) error {
	if f := st.BeforeComplete; f != nil {
		if err := f(id, localDate, owner); err != nil {
			return err
		}
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	rs := st.runs[run{id, localDate}]
	if rs == nil || rs.owner != owner {
		return fmt.Errorf("complete run %d %s by %s: %w", id, localDate, owner, digest.ErrForbidden)
	}
	rs.done, rs.at, rs.lease = true, at, time.Time{}
	if last, ok := st.lastRun[id]; !ok || localDate > last.date {
		st.lastRun[id] = run{id, localDate}
	}
	delete(st.lastErr, id)
	return nil
}

// FailRun records reason as the schedule's last error and releases the
// lease, keeping the run open. Only the run's owner may fail it.
func (st *Store) FailRun(_ context.Context, id int64, localDate, owner, reason string, _ time.Time) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	rs := st.runs[run{id, localDate}]
	if rs == nil || rs.owner != owner {
		return fmt.Errorf("fail run %d %s by %s: %w", id, localDate, owner, digest.ErrForbidden)
	}
	rs.owner, rs.lease = "", time.Time{}
	st.lastErr[id] = reason
	return nil
}

// RunState reports whether the run was completed and the attempts made
// (claims that were not renewals).
func (st *Store) RunState(_ context.Context, id int64, localDate string) (bool, int, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	rs := st.runs[run{id, localDate}]
	if rs == nil {
		return false, 0, nil
	}
	return rs.done, rs.attempts, nil
}

// DeliveredStories returns, of ids, those already posted to ch.
func (st *Store) DeliveredStories(_ context.Context, ch digest.Channel, ids []int64) (map[int64]digest.DeliveredStory, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	out := map[int64]digest.DeliveredStory{}
	for _, id := range ids {
		if d, ok := st.delivered[ch][id]; ok {
			out[id] = d
		}
	}
	return out, nil
}

// MarkDelivered records stories as posted to ch.
func (st *Store) MarkDelivered(_ context.Context, ch digest.Channel, stories []digest.DeliveredStory) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	m := st.delivered[ch]
	if m == nil {
		m = map[int64]digest.DeliveredStory{}
		st.delivered[ch] = m
	}
	for _, d := range stories {
		m[d.StoryID] = d
	}
	return nil
}

// Claims returns the successful claims so far, in order.
func (st *Store) Claims() []Claim {
	st.mu.Lock()
	defer st.mu.Unlock()
	return slices.Clone(st.claims)
}
