// Package scheduler delivers the channels' daily digests: at each
// schedule's local time of day (DST-exact, see NextRun) it claims the run
// in the store, composes the digest of new stories, posts it through the
// platform's Publisher and records the delivery.
//
// Which run is owed: a schedule's latest scheduled instant at or before
// now (its local date D is the run's key, with the schedule id), unless
// the schedule already delivered D or a later date, or was created after
// that instant (a schedule added at 09:00 for 08:00 starts tomorrow). An
// owed run goes out when its instant has passed by at most Config.Grace
// (default 6 h): after downtime it is delivered once when the bot is back;
// later than that it is skipped with one log line and never delivered. A
// newer date supersedes an older undelivered one, so a bot that was down
// for days sends one digest, not a backlog. Editing a schedule keeps its
// delivery state: moving the time later on a day already delivered does
// not deliver again; moving it earlier to a time already past delivers the
// day's owed digest at once.
//
// Exactly once per schedule and local date rests on the store's ClaimRun:
// a run is claimed with a lease before anything is composed, completed
// right after the post, and released (FailRun, with a user-visible reason)
// when composing or posting fails; a failed run is retried after 1, 2, 4 …
// minutes (capped at 30) while within the grace period. A post that
// succeeded but could not be recorded is recorded by the next check of the
// same process, never posted again by it. The one window left is a crash
// (or a lost store) between a successful post and CompleteRun: once the
// lease expires (Config.Lease, default 2 min) another process, or this one
// restarted, claims the run again. Before posting a run, the Scheduler asks
// a Publisher that implements digest.PostFinder whether a post with the
// run's key (RunKey) already reached the channel (Slack: message metadata
// in the channel's history); if so it records the run delivered without
// posting. A failed lookup is logged and the digest is posted (a rare
// duplicate rather than a missed digest). The key also goes to Publish, so
// a platform that deduplicates on it (a Discord nonce, remembered for a few
// minutes) drops a repeat. Where neither helps, that crash means one
// duplicate digest: delivery is at least once, exactly once unless a
// process dies in that millisecond-wide window.
//
// The package imports the core (internal/digest) and the standard library
// only: no adapter, database driver or platform SDK.
package scheduler

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/newsdigest/bot/internal/backoff"
	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/digest/urls"
	"github.com/newsdigest/bot/internal/lease"
	"github.com/newsdigest/bot/internal/logattr"
	"github.com/newsdigest/bot/internal/textfit"
)

// Store is what the Scheduler needs from the schedule store; every
// digest.ScheduleStore satisfies it.
type Store interface {
	ListSchedules(ctx context.Context, ch digest.Channel) ([]digest.Schedule, error)
	ClaimRun(ctx context.Context, id int64, localDate, owner string, now, leaseUntil time.Time) (bool, error)
	CompleteRun(ctx context.Context, id int64, localDate, owner string, at time.Time) error
	FailRun(ctx context.Context, id int64, localDate, owner, reason string, at time.Time) error
	MarkDelivered(ctx context.Context, ch digest.Channel, stories []digest.DeliveredStory) error
}

var _ Store = digest.ScheduleStore(nil)

// runStater is implemented by stores that report how many claims a run
// took (every digest.ScheduleStore does).
type runStater interface {
	RunState(ctx context.Context, id int64, localDate string) (done bool, attempts int, err error)
}

// ComposeFunc builds the digest of schedule s from articles published in
// [since, now), and the stories to mark delivered once it is posted;
// the Service's ComposeDaily, in production.
type ComposeFunc func(ctx context.Context, s digest.Schedule, since, now time.Time) (digest.Reply, []digest.DeliveredStory, error)

// Config tunes a Scheduler. The zero value is usable: every field has the
// default its comment names.
type Config struct {
	// Owner names this process in claims; default NewOwner(). Two
	// Schedulers sharing a store must have different owners.
	Owner string
	// Grace is how late a run may still go out (after downtime or while
	// retrying failures); a run missed by more is skipped. Default 6 h.
	Grace time.Duration
	// Lease is how long a claim holds; a crashed owner's run is retried
	// after it. Composing and posting must finish well inside it: they are
	// given three quarters of it. Default 2 min.
	Lease time.Duration
	// Interval is the longest sleep between two checks; default 1 min.
	Interval time.Duration
	// FirstWindow is how far back a schedule's first digest looks; default 24 h.
	FirstWindow time.Duration
	// MaxWindow caps how far back any digest looks; default 7 days.
	MaxWindow time.Duration
	// RetryMin and RetryMax bound the backoff between attempts of a failed
	// run: RetryMin, doubling, at most RetryMax. Defaults 1 min and 30 min.
	RetryMin, RetryMax time.Duration
	// Metrics counts delivery attempts (nil: none are counted).
	Metrics Metrics
}

func (c Config) withDefaults() Config {
	if c.Owner == "" {
		c.Owner = NewOwner()
	}
	if c.Grace <= 0 {
		c.Grace = 6 * time.Hour
	}
	if c.Lease <= 0 {
		c.Lease = 2 * time.Minute
	}
	if c.Interval <= 0 {
		c.Interval = time.Minute
	}
	if c.FirstWindow <= 0 {
		c.FirstWindow = 24 * time.Hour
	}
	if c.MaxWindow <= 0 {
		c.MaxWindow = 7 * 24 * time.Hour
	}
	if c.RetryMin <= 0 {
		c.RetryMin = time.Minute
	}
	if c.RetryMax < c.RetryMin {
		c.RetryMax = max(30*time.Minute, c.RetryMin)
	}
	return c
}

// NewOwner returns a claim owner id unique to this process (lease.NewOwner).
func NewOwner() string { return lease.NewOwner() }

// runKey identifies one run: a schedule on a local date.
type runKey struct {
	id   int64
	date string
}

// retry is the backoff state of a failed run.
type retry struct {
	attempts int
	next     time.Time
}

// posted is a run posted but not yet recorded complete.
type posted struct {
	at    time.Time
	marks []digest.DeliveredStory
}

// Scheduler delivers due daily digests; see the package comment. Create it
// with New and start it with Run. Its methods are safe for concurrent use.
type Scheduler struct {
	cfg     Config
	store   Store
	compose ComposeFunc
	pubs    map[string]digest.Publisher
	clock   Clock
	log     *slog.Logger
	wake    chan struct{}

	passMu sync.Mutex // one pass at a time; guards the fields below
	locs   map[string]*time.Location
	retry  map[runKey]retry
	posted map[runKey]posted
	logged map[runKey]bool // runs whose skip was logged
	badTZ  map[int64]string
}

// New returns a Scheduler over st that builds digests with compose and
// posts them with pubs[schedule.Platform]. clock may be nil (SystemClock)
// and logger nil (discard). New does not start anything.
func New(cfg Config, st Store, compose ComposeFunc, pubs map[string]digest.Publisher, clock Clock, logger *slog.Logger) *Scheduler {
	if clock == nil {
		clock = SystemClock{}
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Scheduler{
		cfg: cfg.withDefaults(), store: st, compose: compose, pubs: pubs, clock: clock, log: logger,
		wake:  make(chan struct{}, 1),
		locs:  map[string]*time.Location{},
		retry: map[runKey]retry{}, posted: map[runKey]posted{}, logged: map[runKey]bool{}, badTZ: map[int64]string{},
	}
}

// Owner returns the id this Scheduler claims runs with.
func (s *Scheduler) Owner() string { return s.cfg.Owner }

// Notify wakes Run for an immediate check; call it when schedules change.
// It never blocks.
func (s *Scheduler) Notify() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Run checks for due runs until ctx is cancelled: at once, then at the
// next scheduled instant, after a failed run's backoff, on Notify, and at
// least every Config.Interval. A run already claimed when ctx is cancelled
// is finished (posted and recorded, within its lease) before Run returns.
// Run returns nil on cancellation; store errors are logged and retried,
// never returned.
func (s *Scheduler) Run(ctx context.Context) error {
	s.log.InfoContext(ctx, "scheduler started", logattr.KeyOwner, s.cfg.Owner, logattr.KeyGrace, s.cfg.Grace.String())
	failures := 0
	for {
		next, err := s.pass(ctx)
		if err != nil && ctx.Err() != nil {
			// Shutting down: a cancelled check is not a failure.
			s.log.InfoContext(ctx, "scheduler stopped", logattr.KeyOwner, s.cfg.Owner)
			return nil
		}
		if err != nil {
			failures++
			if failures == 1 || failures%60 == 0 { // rate-limited: first, then hourly at the default interval
				s.log.ErrorContext(ctx, "scheduler check failed", logattr.KeyError, err, logattr.KeyFailures, failures)
			}
		} else {
			failures = 0
		}
		wait := min(max(next.Sub(s.clock.Now()), time.Second), s.cfg.Interval)
		select {
		case <-ctx.Done():
			s.log.InfoContext(ctx, "scheduler stopped", logattr.KeyOwner, s.cfg.Owner)
			return nil
		case <-s.clock.After(wait):
		case <-s.wake:
		}
	}
}

// RunDue makes one check at the clock's current time: every due run is
// claimed and delivered (or failed, or skipped). It returns an error only
// when the schedules could not be listed; the failures of single runs are
// logged and recorded with FailRun.
func (s *Scheduler) RunDue(ctx context.Context) error {
	_, err := s.pass(ctx)
	return err
}

// pass is RunDue, also returning when the next check is needed.
func (s *Scheduler) pass(ctx context.Context) (time.Time, error) {
	s.passMu.Lock()
	defer s.passMu.Unlock()
	now := s.clock.Now()
	next := now.Add(s.cfg.Interval)
	list, err := s.store.ListSchedules(ctx, digest.Channel{})
	if err != nil {
		return next, fmt.Errorf("list schedules: %w", err)
	}
	for _, sc := range list {
		if ctx.Err() != nil {
			break
		}
		loc, ok := s.location(ctx, sc)
		if !ok {
			continue
		}
		s.check(ctx, sc, loc)
		if at, err := nextRun(sc, loc, s.clock.Now()); err == nil && at.Before(next) {
			next = at
		}
	}
	for k, r := range s.retry {
		if r.next.After(now) && r.next.Before(next) {
			next = r.next
		}
		if now.Sub(r.next) > s.cfg.Grace+48*time.Hour {
			delete(s.retry, k)
		}
	}
	// Forget what is too old to matter (dates compare as strings).
	old := now.UTC().AddDate(0, 0, -3).Format(dateLayout)
	for k := range s.logged {
		if k.date < old {
			delete(s.logged, k)
		}
	}
	for k := range s.posted {
		if k.date < old {
			delete(s.posted, k)
		}
	}
	return next, nil
}

// location returns sc's zone (cached), or false after logging once why sc
// cannot run.
func (s *Scheduler) location(ctx context.Context, sc digest.Schedule) (*time.Location, bool) {
	err := checkSpec(sc)
	loc := s.locs[sc.TimeZone]
	if err == nil && loc == nil {
		if loc, err = sc.Location(); err == nil {
			s.locs[sc.TimeZone] = loc
		}
	}
	if err != nil {
		if s.badTZ[sc.ID] != err.Error() {
			s.badTZ[sc.ID] = err.Error()
			s.log.ErrorContext(ctx, "schedule cannot run", logattr.KeySchedule, sc.ID, logattr.KeyError, err)
		}
		return nil, false
	}
	delete(s.badTZ, sc.ID)
	return loc, true
}

// check delivers sc's latest due run if it is owed and claimable.
func (s *Scheduler) check(ctx context.Context, sc digest.Schedule, loc *time.Location) {
	now := s.clock.Now()
	date, at, ok := prevRun(sc, loc, now)
	if !ok || (sc.LastDate != "" && date <= sc.LastDate) {
		return // nothing due, or delivered (a later date supersedes older ones)
	}
	if !sc.CreatedAt.IsZero() && at.Before(sc.CreatedAt) {
		return // the schedule was added after that day's time: its first run is the next one
	}
	key := runKey{sc.ID, date}
	if p, ok := s.posted[key]; ok {
		s.complete(ctx, sc, key, p) // posted, completion failed: record it, never post again
		return
	}
	if late := now.Sub(at); late > s.cfg.Grace {
		if !s.logged[key] {
			s.logged[key] = true
			s.log.WarnContext(ctx, "scheduled digest skipped: missed by more than the grace period",
				logattr.KeySchedule, sc.ID, logattr.KeyLocalDate, date, logattr.KeyDue, at, logattr.KeyLate, late.Round(time.Second).String(),
				logattr.KeyGrace, s.cfg.Grace.String(), logattr.KeyAttempts, s.retry[key].attempts)
		}
		return
	}
	if r, ok := s.retry[key]; ok && now.Before(r.next) {
		return
	}
	claimed, err := s.store.ClaimRun(ctx, sc.ID, date, s.cfg.Owner, now, now.Add(s.cfg.Lease))
	if err != nil {
		s.log.ErrorContext(ctx, "claim scheduled digest", logattr.KeySchedule, sc.ID, logattr.KeyLocalDate, date, logattr.KeyError, err)
		return
	}
	if !claimed {
		return // done, or another process holds it
	}
	s.deliver(ctx, sc, key, at)
}

// deliver composes and posts a claimed run, then records it. The work runs
// to its end (or its deadline, inside the lease) even when ctx is
// cancelled, so a shutdown does not leave a post unrecorded.
func (s *Scheduler) deliver(ctx context.Context, sc digest.Schedule, key runKey, due time.Time) {
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), s.cfg.Lease*3/4)
	defer cancel()
	now := s.clock.Now()
	since := sc.LastDelivery
	if since.IsZero() {
		since = now.Add(-s.cfg.FirstWindow)
	}
	if earliest := now.Add(-s.cfg.MaxWindow); since.Before(earliest) {
		since = earliest
	}
	pub := s.pubs[sc.Platform]
	if pub == nil {
		s.fail(rctx, sc, key, fmt.Sprintf("no publisher for platform %q", sc.Platform), nil, false)
		return
	}
	reply, marks, err := s.compose(rctx, sc, since, now)
	if err != nil {
		s.observe(RunFailed, due)
		s.fail(rctx, sc, key, "could not compose the digest", err, false)
		return
	}
	rk := RunKey(sc.ID, key.date)
	found := s.alreadyPosted(rctx, pub, sc, key, rk)
	if !found {
		if err := pub.Publish(rctx, sc.Channel(), reply, rk); err != nil {
			s.observe(RunFailed, due)
			s.fail(rctx, sc, key, "could not post the digest", err, true)
			return
		}
		s.observe(RunPosted, due)
	} else {
		s.observe(RunAlreadyPosted, due)
	}
	p := posted{at: s.clock.Now(), marks: marks}
	s.posted[key] = p
	if s.complete(rctx, sc, key, p) {
		msg := "scheduled digest delivered"
		if found {
			msg = "scheduled digest was already posted (found on the platform): recorded without posting again"
		}
		s.log.InfoContext(ctx, msg, logattr.KeySchedule, sc.ID, logattr.KeyLocalDate, key.date,
			logattr.KeyDue, due, logattr.KeyLate, p.at.Sub(due).Round(time.Second).String(), logattr.KeyStories, len(reply.Stories),
			"empty_topics", len(reply.Empty), logattr.KeyAttempts, s.retry[key].attempts+1)
	}
	delete(s.retry, key)
	if len(marks) == 0 {
		return
	}
	if err := s.store.MarkDelivered(rctx, sc.Channel(), marks); err != nil {
		s.log.ErrorContext(ctx, "mark stories delivered", logattr.KeySchedule, sc.ID, logattr.KeyLocalDate, key.date, logattr.KeyError, err)
	}
}

// alreadyPosted asks a publisher that implements digest.PostFinder whether
// the run keyed rk already reached the channel: a process that posted it
// and died before CompleteRun. A lookup error is logged and counts as not
// posted: a rare duplicate digest is better than a missed one (the platform
// may be out of reach for the lookup only, or lack the scope to read the
// channel's history).
//
// A run on its first claim was never attempted, so nothing is looked up:
// the lookup reads the platform's history, which some platforms ration
// (Slack: one call a minute for some apps). Stores that report RunState
// tell the first claim apart.
func (s *Scheduler) alreadyPosted(ctx context.Context, pub digest.Publisher, sc digest.Schedule, key runKey, rk string) bool {
	pf, ok := pub.(digest.PostFinder)
	if !ok {
		return false
	}
	if rs, ok := s.store.(runStater); ok {
		if _, attempts, err := rs.RunState(ctx, sc.ID, key.date); err == nil && attempts <= 1 {
			return false
		}
	}
	found, err := pf.Posted(ctx, sc.Channel(), rk)
	if err != nil {
		s.log.WarnContext(ctx, "look up an earlier post of the scheduled digest failed; posting it",
			logattr.KeySchedule, sc.ID, logattr.KeyLocalDate, key.date, logattr.KeyError, urls.HideError(err).Error())
		return false
	}
	return found
}

// complete records a posted run; on failure it stays in s.posted and is
// retried by the next pass (until the grace period ends) without posting.
func (s *Scheduler) complete(ctx context.Context, sc digest.Schedule, key runKey, p posted) bool {
	err := s.store.CompleteRun(ctx, sc.ID, key.date, s.cfg.Owner, p.at)
	if err == nil {
		delete(s.posted, key)
		return true
	}
	due, _ := runOnDate(sc, key.date)
	if s.clock.Now().Sub(due) > s.cfg.Grace {
		delete(s.posted, key)
	}
	s.log.ErrorContext(ctx, "record scheduled digest delivered (posted; will not post again from this process)",
		logattr.KeySchedule, sc.ID, logattr.KeyLocalDate, key.date, logattr.KeyError, err)
	return false
}

// fail records a failed attempt and schedules its retry. reason is shown
// to users (the schedule's LastError in /digest list); with showCause the
// cause's text follows it (a platform's answer such as "not_in_channel" is
// something users can act on; a store error is not), with any URL in it
// masked.
func (s *Scheduler) fail(ctx context.Context, sc digest.Schedule, key runKey, reason string, cause error, showCause bool) {
	now := s.clock.Now()
	r := s.retry[key]
	r.attempts++
	r.next = now.Add(backoff.Exponential(s.cfg.RetryMin, s.cfg.RetryMax, r.attempts))
	s.retry[key] = r
	causeText := ""
	if cause != nil {
		causeText = urls.HideError(cause).Error()
	}
	visible := reason
	if showCause && causeText != "" {
		visible = reason + ": " + causeText
	}
	if err := s.store.FailRun(ctx, sc.ID, key.date, s.cfg.Owner, textfit.ShortenBytes(visible, 200), now); err != nil {
		s.log.ErrorContext(ctx, "record scheduled digest failure", logattr.KeySchedule, sc.ID, logattr.KeyLocalDate, key.date, logattr.KeyError, err)
	}
	s.log.WarnContext(ctx, "scheduled digest failed", logattr.KeySchedule, sc.ID, logattr.KeyLocalDate, key.date,
		logattr.KeyReason, reason, logattr.KeyError, causeText, logattr.KeyAttempts, r.attempts, "retry_at", r.next)
}

// runOnDate is the instant of sc's run on localDate, zero when unknown.
func runOnDate(sc digest.Schedule, localDate string) (time.Time, bool) {
	at, ok, err := ScheduledAt(sc, localDate)
	return at, ok && err == nil
}
