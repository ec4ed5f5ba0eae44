package scheduler_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/scheduler"
	"github.com/newsdigest/bot/internal/scheduler/schedulertest"
)

// harness wires Schedulers to a fake clock, an in-memory store, a recording
// publisher and a recording compose function.
type harness struct {
	t   *testing.T
	clk *schedulertest.Clock
	st  *schedulertest.Store
	pub *schedulertest.Publisher
	// finder, when set, is the publisher instead of pub (wrapping it).
	finder *schedulertest.Finder
	logs   *bytes.Buffer
	log    *slog.Logger
	cfg    scheduler.Config

	// composeErr, when set, fails the nth compose call (from 1).
	composeErr func(n int) error

	mu       sync.Mutex
	composed []composeCall
}

type composeCall struct {
	id         int64
	since, now time.Time
}

func newHarness(t *testing.T, start time.Time) *harness {
	t.Helper()
	clk := schedulertest.NewClock(start)
	logs := &bytes.Buffer{}
	return &harness{
		t: t, clk: clk, st: schedulertest.NewStore(),
		pub:  &schedulertest.Publisher{Clock: clk},
		logs: logs, log: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	}
}

func (h *harness) compose(_ context.Context, s digest.Schedule, since, now time.Time) (digest.Reply, []digest.DeliveredStory, error) {
	h.mu.Lock()
	h.composed = append(h.composed, composeCall{s.ID, since, now})
	n := len(h.composed)
	h.mu.Unlock()
	if h.composeErr != nil {
		if err := h.composeErr(n); err != nil {
			return digest.Reply{}, nil, err
		}
	}
	r := digest.Reply{Kind: digest.ReplyDaily, Topics: s.Topics, Text: fmt.Sprintf("digest #%d", s.ID)}
	return r, []digest.DeliveredStory{{StoryID: s.ID*1000 + int64(n), At: now}}, nil
}

func (h *harness) calls() []composeCall {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.composed)
}

// scheduler returns a new Scheduler (a process) named owner.
func (h *harness) scheduler(owner string) *scheduler.Scheduler {
	cfg := h.cfg
	cfg.Owner = owner
	var pub digest.Publisher = h.pub
	if h.finder != nil {
		pub = h.finder
	}
	pubs := map[string]digest.Publisher{"slack": pub, "discord": pub}
	return scheduler.New(cfg, h.st, h.compose, pubs, h.clk, h.log.With("owner", owner))
}

// add stores s, created now unless s says otherwise.
func (h *harness) add(s digest.Schedule) digest.Schedule {
	h.t.Helper()
	s.ID = 0 // a new schedule
	if s.CreatedAt.IsZero() {
		s.CreatedAt = h.clk.Now()
	}
	if err := h.st.PutSchedule(context.Background(), &s); err != nil {
		h.t.Fatal(err)
	}
	return s
}

// run calls RunDue on every scheduler at the clock's time, then every
// step of fake time until until (inclusive).
func (h *harness) run(until time.Time, step time.Duration, ss ...*scheduler.Scheduler) {
	h.t.Helper()
	for {
		for _, s := range ss {
			if err := s.RunDue(context.Background()); err != nil {
				h.t.Fatalf("RunDue: %v", err)
			}
		}
		now := h.clk.Now()
		if !now.Before(until) {
			return
		}
		h.clk.Set(minTime(now.Add(step), until))
	}
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// postTimes returns when each post went out, in UTC RFC 3339.
func (h *harness) postTimes() []string {
	var out []string
	for _, p := range h.pub.Posts() {
		out = append(out, p.At.UTC().Format(time.RFC3339))
	}
	return out
}

func (h *harness) postKeys() []string {
	var out []string
	for _, p := range h.pub.Posts() {
		out = append(out, p.Key)
	}
	return out
}

func (h *harness) schedule(id int64) digest.Schedule {
	h.t.Helper()
	s, err := h.st.Schedule(context.Background(), id)
	if err != nil {
		h.t.Fatal(err)
	}
	return s
}

// TestDeliversOnceAtLocalTime runs a scheduler every minute for 30 hours
// around a run and checks the posts: at the local time (DST-exact), once
// per local date, with the run's key and the right window.
func TestDeliversOnceAtLocalTime(t *testing.T) {
	tests := []struct {
		name        string
		tz          string
		hh, mm      int
		first, then string // the two runs expected
		dates       [2]string
	}{
		{"Mexico City", "America/Mexico_City", 8, 0, "2026-03-10T14:00:00Z", "2026-03-11T14:00:00Z", [2]string{"2026-03-10", "2026-03-11"}},
		{"Tokyo", "Asia/Tokyo", 8, 0, "2026-03-09T23:00:00Z", "2026-03-10T23:00:00Z", [2]string{"2026-03-10", "2026-03-11"}},
		{"Auckland", "Pacific/Auckland", 8, 0, "2026-03-09T19:00:00Z", "2026-03-10T19:00:00Z", [2]string{"2026-03-10", "2026-03-11"}},
		{"UTC", "UTC", 8, 0, "2026-03-10T08:00:00Z", "2026-03-11T08:00:00Z", [2]string{"2026-03-10", "2026-03-11"}},
		{"New York spring forward, 02:30 → 03:00 EDT", "America/New_York", 2, 30, "2026-03-08T07:00:00Z", "2026-03-09T06:30:00Z", [2]string{"2026-03-08", "2026-03-09"}},
		{"New York fall back, 01:30 once", "America/New_York", 1, 30, "2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z", [2]string{"2026-11-01", "2026-11-02"}},
		{"London spring forward, 01:30 → 02:00 BST", "Europe/London", 1, 30, "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z", [2]string{"2026-03-29", "2026-03-30"}},
		{"London fall back, 01:30 once", "Europe/London", 1, 30, "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z", [2]string{"2026-10-25", "2026-10-26"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			first := utc(tc.first)
			h := newHarness(t, first.Add(-3*time.Hour))
			s := h.add(sched(tc.tz, tc.hh, tc.mm))
			h.run(first.Add(27*time.Hour), time.Minute, h.scheduler("a"))

			if got, want := h.postTimes(), []string{tc.first, tc.then}; !slices.Equal(got, want) {
				t.Fatalf("posts at %v, want %v", got, want)
			}
			wantKeys := []string{scheduler.RunKey(s.ID, tc.dates[0]), scheduler.RunKey(s.ID, tc.dates[1])}
			if got := h.postKeys(); !slices.Equal(got, wantKeys) {
				t.Errorf("keys %v, want %v", got, wantKeys)
			}
			for _, p := range h.pub.Posts() {
				if p.Channel != s.Channel() || p.Reply.Kind != digest.ReplyDaily {
					t.Errorf("post %+v: want a daily digest to %+v", p, s.Channel())
				}
			}
			calls := h.calls()
			if len(calls) != 2 {
				t.Fatalf("%d compose calls, want 2", len(calls))
			}
			if !calls[0].since.Equal(first.Add(-24*time.Hour)) || !calls[0].now.Equal(first) {
				t.Errorf("first digest window [%s, %s), want the 24 h before %s", calls[0].since, calls[0].now, first)
			}
			if !calls[1].since.Equal(first) {
				t.Errorf("second digest since %s, want the first delivery %s", calls[1].since, first)
			}
			got := h.schedule(s.ID)
			if got.LastDate != tc.dates[1] || got.LastError != "" {
				t.Errorf("state LastDate %q LastError %q, want %q and none", got.LastDate, got.LastError, tc.dates[1])
			}
			marked, _ := h.st.DeliveredStories(context.Background(), s.Channel(), []int64{s.ID*1000 + 1, s.ID*1000 + 2})
			if len(marked) != 2 {
				t.Errorf("stories marked delivered: %v, want both digests' stories", marked)
			}
		})
	}
}

func TestWeekdayFilter(t *testing.T) {
	mx, _ := time.LoadLocation("America/Mexico_City")
	start := time.Date(2026, 3, 9, 0, 0, 0, 0, mx) // a Monday
	h := newHarness(t, start)
	h.add(sched("America/Mexico_City", 8, 0, weekdays...))
	h.run(start.AddDate(0, 0, 7), 10*time.Minute, h.scheduler("a"))
	want := []string{"sched-1-2026-03-09", "sched-1-2026-03-10", "sched-1-2026-03-11", "sched-1-2026-03-12", "sched-1-2026-03-13"}
	if got := h.postKeys(); !slices.Equal(got, want) {
		t.Errorf("keys %v, want %v", got, want)
	}
	for _, p := range h.pub.Posts() {
		if l := p.At.In(mx); l.Hour() != 8 || l.Minute() != 0 {
			t.Errorf("posted at %s local, want 08:00", l)
		}
	}
}

func TestScheduleEdited(t *testing.T) {
	day := utc("2026-03-10T00:00:00Z")
	at := func(hhmm string) time.Time {
		d, _ := time.ParseDuration(strings.Replace(hhmm, ":", "h", 1) + "m")
		return day.Add(d)
	}
	tests := []struct {
		name     string
		from, to int    // hour before and after the edit
		editAt   string // when the edit happens
		want     []string
	}{
		{"moved later after today's run: once today, then at the new time",
			8, 10, "09:00", []string{"2026-03-10T08:00:00Z", "2026-03-11T10:00:00Z"}},
		{"moved later before today's run: at the new time only",
			8, 10, "07:00", []string{"2026-03-10T10:00:00Z", "2026-03-11T10:00:00Z"}},
		{"moved earlier before today's run: at the new time",
			10, 8, "07:00", []string{"2026-03-10T08:00:00Z", "2026-03-11T08:00:00Z"}},
		{"moved earlier to a time already past: today's owed run goes out at once",
			10, 8, "09:00", []string{"2026-03-10T09:00:00Z", "2026-03-11T08:00:00Z"}},
		{"moved earlier after today's run: not again today",
			10, 8, "11:00", []string{"2026-03-10T10:00:00Z", "2026-03-11T08:00:00Z"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, day)
			s := h.add(sched("UTC", tc.from, 0))
			a := h.scheduler("a")
			h.run(at(tc.editAt), time.Minute, a)
			s.Hour = tc.to
			s.UpdatedAt = h.clk.Now()
			if err := h.st.PutSchedule(context.Background(), &s); err != nil {
				t.Fatal(err)
			}
			a.Notify()
			h.run(day.Add(36*time.Hour), time.Minute, a)
			if got := h.postTimes(); !slices.Equal(got, tc.want) {
				t.Errorf("posts at %v, want %v", got, tc.want)
			}
		})
	}
}

func TestScheduleRemoved(t *testing.T) {
	h := newHarness(t, utc("2026-03-10T06:00:00Z"))
	s := h.add(sched("UTC", 8, 0))
	a := h.scheduler("a")
	h.run(utc("2026-03-10T07:00:00Z"), time.Minute, a)
	if err := h.st.DeleteSchedule(context.Background(), s.Channel(), s.ID); err != nil {
		t.Fatal(err)
	}
	h.run(utc("2026-03-12T00:00:00Z"), time.Minute, a)
	if n := len(h.pub.Keys()); n != 0 {
		t.Errorf("%d publish calls for a removed schedule, want 0", n)
	}
	if c := h.st.Claims(); len(c) != 0 {
		t.Errorf("claims %v for a removed schedule", c)
	}
}

func TestCreatedAfterTodaysTime(t *testing.T) {
	h := newHarness(t, utc("2026-03-10T09:00:00Z"))
	h.add(sched("UTC", 8, 0)) // created at 09:00: today's 08:00 was before it existed
	h.run(utc("2026-03-11T12:00:00Z"), time.Minute, h.scheduler("a"))
	if got, want := h.postTimes(), []string{"2026-03-11T08:00:00Z"}; !slices.Equal(got, want) {
		t.Errorf("posts at %v, want %v", got, want)
	}
}

// TestGracePeriod stops the bot from 07:00 until a while after an 08:00
// run: within the 6 h grace period the run goes out once on return,
// beyond it the run is skipped (and logged) and the next day is normal.
func TestGracePeriod(t *testing.T) {
	tests := []struct {
		name     string
		downtime time.Duration // after 08:00
		want     []string
		skipped  bool
	}{
		{"down 2 h", 2 * time.Hour, []string{"2026-03-10T10:00:00Z", "2026-03-11T08:00:00Z"}, false},
		{"down exactly the grace period", 6 * time.Hour, []string{"2026-03-10T14:00:00Z", "2026-03-11T08:00:00Z"}, false},
		{"down 6 h 1 min", 6*time.Hour + time.Minute, []string{"2026-03-11T08:00:00Z"}, true},
		{"down 10 h", 10 * time.Hour, []string{"2026-03-11T08:00:00Z"}, true},
		{"down 26 h: yesterday's run is superseded, today's goes out late", 26 * time.Hour, []string{"2026-03-11T10:00:00Z", "2026-03-12T08:00:00Z"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, utc("2026-03-10T06:00:00Z"))
			s := h.add(sched("UTC", 8, 0))
			h.run(utc("2026-03-10T07:00:00Z"), time.Minute, h.scheduler("before"))
			h.clk.Set(utc("2026-03-10T08:00:00Z").Add(tc.downtime)) // down: nothing runs
			after := h.scheduler("after")                           // a new process
			h.run(h.clk.Now().Add(26*time.Hour), time.Minute, after)
			got := h.postTimes()
			if len(got) > len(tc.want) {
				got = got[:len(tc.want)]
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("posts at %v, want %v first", h.postTimes(), tc.want)
			}
			logs := h.logs.String()
			skipLine := fmt.Sprintf(`schedule_id=%d local_date=2026-03-10`, s.ID)
			if n := strings.Count(logs, "scheduled digest skipped"); tc.skipped != (n > 0) || n > 1 {
				t.Errorf("%d skip log lines, want skipped=%v logged once:\n%s", n, tc.skipped, logs)
			}
			if tc.skipped && tc.downtime < 24*time.Hour && !strings.Contains(logs, skipLine) {
				t.Errorf("skip log lacks %q:\n%s", skipLine, logs)
			}
			if tc.skipped {
				for _, k := range h.pub.Keys() {
					if k == "sched-1-2026-03-10" {
						t.Errorf("the skipped run was attempted")
					}
				}
			}
		})
	}
}

func TestFailureRetryThenSuccess(t *testing.T) {
	h := newHarness(t, utc("2026-03-10T07:00:00Z"))
	s := h.add(sched("UTC", 8, 0))
	h.pub.Func = func(_ context.Context, n int, _ digest.Channel, _ digest.Reply, _ string) error {
		if n <= 2 {
			return errors.New("discord: 503 Service Unavailable")
		}
		return nil
	}
	a := h.scheduler("a")
	h.run(utc("2026-03-10T08:00:30Z"), 30*time.Second, a)
	if got := h.schedule(s.ID).LastError; !strings.Contains(got, "could not post the digest: discord: 503") {
		t.Errorf("LastError after a failure = %q, want the reason", got)
	}
	h.run(utc("2026-03-10T12:00:00Z"), 30*time.Second, a)

	wantKey := "sched-1-2026-03-10"
	if got := h.pub.Keys(); !slices.Equal(got, []string{wantKey, wantKey, wantKey}) {
		t.Errorf("publish calls %v, want three with key %s", got, wantKey)
	}
	// Backoff: 08:00 fails, 08:01 fails, 08:03 succeeds.
	if got, want := h.postTimes(), []string{"2026-03-10T08:03:00Z"}; !slices.Equal(got, want) {
		t.Errorf("posts at %v, want %v", got, want)
	}
	if got := h.schedule(s.ID); got.LastError != "" || got.LastDate != "2026-03-10" {
		t.Errorf("after success LastError %q LastDate %q, want none and 2026-03-10", got.LastError, got.LastDate)
	}
	if done, attempts, _ := h.st.RunState(context.Background(), s.ID, "2026-03-10"); !done || attempts != 3 {
		t.Errorf("RunState = %v, %d; want done after 3 attempts", done, attempts)
	}
}

func TestRetriesStopAtGrace(t *testing.T) {
	h := newHarness(t, utc("2026-03-10T07:00:00Z"))
	s := h.add(sched("UTC", 8, 0))
	h.pub.Func = func(context.Context, int, digest.Channel, digest.Reply, string) error {
		return errors.New("channel not found")
	}
	h.run(utc("2026-03-10T23:00:00Z"), time.Minute, h.scheduler("a"))
	due := utc("2026-03-10T08:00:00Z")
	var offsets []int
	for _, c := range h.calls() {
		offsets = append(offsets, int(c.now.Sub(due)/time.Minute))
	}
	// 1, 2, 4, 8, 16 minutes, then every 30 (the cap) while within 6 h.
	want := []int{0, 1, 3, 7, 15, 31, 61, 91, 121, 151, 181, 211, 241, 271, 301, 331}
	if !slices.Equal(offsets, want) {
		t.Errorf("attempts at minutes %v after the due time, want %v", offsets, want)
	}
	if got := h.schedule(s.ID).LastError; !strings.Contains(got, "channel not found") {
		t.Errorf("LastError = %q, want the last failure", got)
	}
	if n := strings.Count(h.logs.String(), "scheduled digest skipped"); n != 1 {
		t.Errorf("%d skip log lines after giving up, want 1", n)
	}
}

func TestComposeFailureIsRetried(t *testing.T) {
	h := newHarness(t, utc("2026-03-10T07:59:00Z"))
	s := h.add(sched("UTC", 8, 0))
	h.composeErr = func(n int) error {
		if n == 1 {
			return errors.New("database is locked")
		}
		return nil
	}
	a := h.scheduler("a")
	h.run(utc("2026-03-10T08:00:00Z"), time.Minute, a)
	if got := h.schedule(s.ID).LastError; got != "could not compose the digest" { // the store's error is only logged
		t.Errorf("LastError = %q", got)
	}
	h.run(utc("2026-03-10T09:00:00Z"), time.Minute, a)
	if got, want := h.postTimes(), []string{"2026-03-10T08:01:00Z"}; !slices.Equal(got, want) {
		t.Errorf("posts at %v, want %v", got, want)
	}
}

func TestPostFailureHidesURLs(t *testing.T) {
	h := newHarness(t, utc("2026-03-10T08:00:00Z"))
	s := h.add(sched("UTC", 8, 0))
	secret := "https://hooks.example.com/services/T000/B000/XXXXSECRET"
	h.pub.Func = func(context.Context, int, digest.Channel, digest.Reply, string) error {
		return fmt.Errorf("slack publish: %w", &url.Error{Op: "Post", URL: secret, Err: errors.New("connection refused")})
	}
	h.run(h.clk.Now(), 0, h.scheduler("a"))
	got := h.schedule(s.ID).LastError
	if want := `could not post the digest: slack publish: Post "<url>": connection refused`; got != want {
		t.Errorf("LastError = %q, want %q", got, want)
	}
	if strings.Contains(h.logs.String(), "SECRET") {
		t.Errorf("the URL reached the log:\n%s", h.logs.String())
	}
}

func TestNoPublisherForPlatform(t *testing.T) {
	h := newHarness(t, utc("2026-03-10T07:59:00Z"))
	sc := sched("UTC", 8, 0)
	sc.Platform = "teams"
	s := h.add(sc)
	h.run(utc("2026-03-10T08:05:00Z"), time.Minute, h.scheduler("a"))
	if got := h.schedule(s.ID).LastError; got != `no publisher for platform "teams"` {
		t.Errorf("LastError = %q", got)
	}
	if len(h.calls()) != 0 {
		t.Errorf("composed a digest that cannot be posted")
	}
}

func TestTwoSchedulersDeliverOnce(t *testing.T) {
	h := newHarness(t, utc("2026-03-09T20:00:00Z"))
	for _, tz := range []string{"UTC", "Asia/Tokyo", "America/Mexico_City"} {
		h.add(sched(tz, 8, 0))
	}
	a, b := h.scheduler("a"), h.scheduler("b")
	// Alternate who looks first.
	for i := 0; h.clk.Now().Before(utc("2026-03-11T20:00:00Z")); i++ {
		first, second := a, b
		if i%2 == 1 {
			first, second = b, a
		}
		h.run(h.clk.Now(), 0, first, second)
		h.clk.Advance(time.Minute)
	}
	got := h.postKeys()
	slices.Sort(got)
	want := []string{"sched-1-2026-03-10", "sched-1-2026-03-11", "sched-2-2026-03-10", "sched-2-2026-03-11",
		"sched-3-2026-03-10", "sched-3-2026-03-11"}
	if !slices.Equal(got, want) {
		t.Errorf("posts %v, want %v", got, want)
	}
	if n := len(h.pub.Keys()); n != len(want) {
		t.Errorf("%d publish calls, want %d", n, len(want))
	}
}

// TestTwoRunLoopsDeliverOnce runs two Run loops (two processes) on one
// store and one fake clock for two days.
func TestTwoRunLoopsDeliverOnce(t *testing.T) {
	h := newHarness(t, utc("2026-03-09T20:00:00Z"))
	for _, tz := range []string{"UTC", "Asia/Tokyo", "Pacific/Auckland", "America/New_York"} {
		h.add(sched(tz, 8, 0))
	}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for _, owner := range []string{"a", "b"} {
		s := h.scheduler(owner)
		wg.Go(func() {
			if err := s.Run(ctx); err != nil {
				t.Errorf("Run: %v", err)
			}
		})
	}
	end := utc("2026-03-11T20:00:00Z")
	for h.clk.Now().Before(end) {
		if !h.clk.WaitPending(2, 5*time.Second) {
			t.Fatal("the run loops did not go to sleep")
		}
		next, _ := h.clk.Next()
		h.clk.Set(next)
	}
	cancel()
	wg.Wait()
	got := h.postTimes()
	// Auckland's 08:00 on the 10th was 19:00Z on the 9th, before the
	// schedule existed, so its first run is on the 11th.
	want := []string{
		"2026-03-09T23:00:00Z", "2026-03-10T08:00:00Z", "2026-03-10T12:00:00Z", "2026-03-10T19:00:00Z",
		"2026-03-10T23:00:00Z", "2026-03-11T08:00:00Z", "2026-03-11T12:00:00Z", "2026-03-11T19:00:00Z",
	}
	if !slices.Equal(got, want) {
		t.Errorf("posts at %v, want %v", got, want)
	}
}

// TestCompleteFailureDoesNotRepost: the post went out but recording it
// failed; the next check records it without posting again.
func TestCompleteFailureDoesNotRepost(t *testing.T) {
	h := newHarness(t, utc("2026-03-10T07:59:00Z"))
	s := h.add(sched("UTC", 8, 0))
	fails := 1
	h.st.BeforeComplete = func(int64, string, string) error {
		if fails > 0 {
			fails--
			return errors.New("database is locked")
		}
		return nil
	}
	h.run(utc("2026-03-10T12:00:00Z"), time.Minute, h.scheduler("a"))
	if n := len(h.pub.Keys()); n != 1 {
		t.Errorf("%d publish calls, want 1", n)
	}
	if done, _, _ := h.st.RunState(context.Background(), s.ID, "2026-03-10"); !done {
		t.Error("run not recorded as done")
	}
}

// TestCrashAfterPost documents the remaining at-least-once edge: a process
// that posted and died before CompleteRun leaves a claim whose lease
// expires; another process then posts again with the same key, which a
// publisher honouring keys (Discord nonce) turns into a no-op.
func TestCrashAfterPost(t *testing.T) {
	h := newHarness(t, utc("2026-03-10T08:00:00Z"))
	h.cfg.Lease = 2 * time.Minute
	h.pub.DedupeKeys = true
	s := h.add(sched("UTC", 8, 0))
	h.st.BeforeComplete = func(_ int64, _, owner string) error {
		if owner == "crashed" {
			return errors.New("process killed")
		}
		return nil
	}
	h.run(h.clk.Now(), 0, h.scheduler("crashed")) // posts, never completes, then is gone
	survivor := h.scheduler("survivor")
	h.run(utc("2026-03-10T08:01:59Z"), time.Second, survivor)
	if n := len(h.pub.Keys()); n != 1 {
		t.Fatalf("%d publish calls while the lease holds, want 1", n)
	}
	h.run(utc("2026-03-10T09:00:00Z"), time.Second, survivor)
	keys := h.pub.Keys()
	if want := []string{"sched-1-2026-03-10", "sched-1-2026-03-10"}; !slices.Equal(keys, want) {
		t.Errorf("publish calls %v, want %v (the retry carries the same key)", keys, want)
	}
	if n := len(h.pub.Posts()); n != 1 {
		t.Errorf("%d visible posts with a deduplicating publisher, want 1", n)
	}
	if done, _, _ := h.st.RunState(context.Background(), s.ID, "2026-03-10"); !done {
		t.Error("run not recorded as done by the survivor")
	}
}

// TestPostFinder checks the lookup a PostFinder publisher gets before each
// post: a run found on the platform (posted by a process that died before
// CompleteRun) is recorded without a second post; a failed lookup posts
// anyway; a run on its first claim is posted without a lookup (nothing can
// have posted it, and platforms ration history reads).
func TestPostFinder(t *testing.T) {
	lookupErr := errors.New("conversations.history: missing_scope")
	tests := []struct {
		name      string
		crash     bool  // the first owner posts, then dies before CompleteRun
		lookupErr error // every Posted call fails with it
		wantCalls int   // Publish calls
		wantPosts int   // visible posts
		wantLooks int   // Posted calls
		wantLog   string
	}{
		{name: "ordinary run", wantCalls: 1, wantPosts: 1, wantLooks: 0, wantLog: "scheduled digest delivered"},
		{name: "crash after post, found on the platform", crash: true, wantCalls: 1, wantPosts: 1, wantLooks: 1,
			wantLog: "already posted (found on the platform)"},
		{name: "crash after post, lookup fails: posts again", crash: true, lookupErr: lookupErr, wantCalls: 2, wantPosts: 2, wantLooks: 1,
			wantLog: "missing_scope"},
		{name: "first claim: no lookup to fail", lookupErr: lookupErr, wantCalls: 1, wantPosts: 1, wantLooks: 0, wantLog: "scheduled digest delivered"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, utc("2026-03-10T08:00:00Z"))
			h.cfg.Lease = 2 * time.Minute
			h.finder = &schedulertest.Finder{Publisher: h.pub}
			if tc.lookupErr != nil {
				h.finder.Func = func(context.Context, int, digest.Channel, string) error { return tc.lookupErr }
			}
			s := h.add(sched("UTC", 8, 0))
			owner := "survivor"
			if tc.crash {
				owner = "crashed"
				h.st.BeforeComplete = func(_ int64, _, owner string) error {
					if owner == "crashed" {
						return errors.New("process killed")
					}
					return nil
				}
				h.run(h.clk.Now(), 0, h.scheduler("crashed"))
				owner = "survivor"
			}
			h.run(utc("2026-03-10T09:00:00Z"), time.Second, h.scheduler(owner))
			if n := len(h.pub.Keys()); n != tc.wantCalls {
				t.Errorf("%d publish calls, want %d", n, tc.wantCalls)
			}
			if n := len(h.pub.Posts()); n != tc.wantPosts {
				t.Errorf("%d posts, want %d", n, tc.wantPosts)
			}
			if n := h.finder.Calls(); n != tc.wantLooks {
				t.Errorf("%d lookups, want %d", n, tc.wantLooks)
			}
			if done, _, _ := h.st.RunState(context.Background(), s.ID, "2026-03-10"); !done {
				t.Error("run not recorded as done")
			}
			got, err := h.st.DeliveredStories(context.Background(), s.Channel(), []int64{s.ID*1000 + int64(len(h.calls()))})
			if err != nil || len(got) != 1 {
				t.Errorf("stories of the last compose not marked delivered: %v, %v", got, err)
			}
			if !strings.Contains(h.logs.String(), tc.wantLog) {
				t.Errorf("log lacks %q:\n%s", tc.wantLog, h.logs)
			}
		})
	}
}

// TestShutdownFinishesClaimedRun cancels Run while a post is in flight: the
// post completes and is recorded before Run returns.
func TestShutdownFinishesClaimedRun(t *testing.T) {
	h := newHarness(t, utc("2026-03-10T08:00:00Z"))
	s := h.add(sched("UTC", 8, 0))
	started, release := make(chan struct{}), make(chan struct{})
	var publishCtxErr error
	h.pub.Func = func(ctx context.Context, _ int, _ digest.Channel, _ digest.Reply, _ string) error {
		close(started)
		<-release
		publishCtxErr = ctx.Err()
		return nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	a := h.scheduler("a")
	go func() { done <- a.Run(ctx) }()
	<-started
	cancel()
	close(release)
	if err := <-done; err != nil {
		t.Errorf("Run = %v, want nil on cancellation", err)
	}
	if publishCtxErr != nil {
		t.Errorf("the in-flight post saw %v; it should run to its end", publishCtxErr)
	}
	if got := h.schedule(s.ID); got.LastDate != "2026-03-10" {
		t.Errorf("LastDate = %q: the post was not recorded", got.LastDate)
	}
}

// TestRunWakesAtScheduledInstantAndOnNotify checks that Run sleeps until a
// run is due (not only the polling interval) and that Notify makes it
// recompute.
func TestRunWakesAtScheduledInstantAndOnNotify(t *testing.T) {
	h := newHarness(t, utc("2026-03-10T07:10:30Z"))
	h.cfg.Interval = time.Hour
	h.add(sched("UTC", 8, 0))
	a := h.scheduler("a")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	defer func() {
		cancel()
		<-done
	}()

	if !h.clk.WaitPending(1, 5*time.Second) {
		t.Fatal("Run did not sleep")
	}
	if next, _ := h.clk.Next(); !next.Equal(utc("2026-03-10T08:00:00Z")) {
		t.Fatalf("Run sleeps until %s, want 08:00", next)
	}
	h.clk.Set(utc("2026-03-10T08:00:00Z"))
	if !h.clk.WaitPending(1, 5*time.Second) {
		t.Fatal("Run did not sleep again")
	}
	if got := h.postTimes(); !slices.Equal(got, []string{"2026-03-10T08:00:00Z"}) {
		t.Fatalf("posts at %v", got)
	}
	if next, _ := h.clk.Next(); !next.Equal(utc("2026-03-10T09:00:00Z")) {
		t.Fatalf("Run sleeps until %s, want the 1 h interval", next)
	}

	h.add(sched("UTC", 8, 20))
	a.Notify()
	// The old timer stays pending in the fake clock; a second one is the new sleep.
	if !h.clk.WaitPending(2, 5*time.Second) {
		t.Fatal("Notify did not wake Run")
	}
	if next, _ := h.clk.Next(); !next.Equal(utc("2026-03-10T08:20:00Z")) {
		t.Fatalf("after Notify Run sleeps until %s, want 08:20", next)
	}
}

func TestWindowIsCapped(t *testing.T) {
	h := newHarness(t, utc("2026-03-09T07:00:00Z")) // Monday
	h.cfg.MaxWindow = 36 * time.Hour
	h.add(sched("UTC", 8, 0, time.Monday))
	h.run(utc("2026-03-16T09:00:00Z"), 10*time.Minute, h.scheduler("a"))
	calls := h.calls()
	if len(calls) != 2 {
		t.Fatalf("%d digests, want 2", len(calls))
	}
	if got := calls[1].now.Sub(calls[1].since); got != 36*time.Hour {
		t.Errorf("second window %s, want the 36 h cap", got)
	}
}

func TestBadScheduleLoggedOnce(t *testing.T) {
	h := newHarness(t, utc("2026-03-10T07:00:00Z"))
	h.add(sched("Mars/Olympus_Mons", 8, 0))
	h.add(sched("UTC", 8, 0))
	h.run(utc("2026-03-10T10:00:00Z"), time.Minute, h.scheduler("a"))
	if n := strings.Count(h.logs.String(), "schedule cannot run"); n != 1 {
		t.Errorf("%d log lines for the bad schedule, want 1", n)
	}
	if got := h.postKeys(); !slices.Equal(got, []string{"sched-2-2026-03-10"}) {
		t.Errorf("posts %v: the good schedule must still run", got)
	}
}

type failingList struct{ scheduler.Store }

func (failingList) ListSchedules(context.Context, digest.Channel) ([]digest.Schedule, error) {
	return nil, errors.New("disk I/O error")
}

func TestListFailureIsReturnedByRunDue(t *testing.T) {
	clk := schedulertest.NewClock(utc("2026-03-10T07:00:00Z"))
	s := scheduler.New(scheduler.Config{}, failingList{}, nil, nil, clk, nil)
	if err := s.RunDue(context.Background()); err == nil || !strings.Contains(err.Error(), "disk I/O error") {
		t.Errorf("RunDue = %v, want the store error", err)
	}
}

func TestNewOwnerIsUnique(t *testing.T) {
	a, b := scheduler.NewOwner(), scheduler.NewOwner()
	if a == b || a == "" {
		t.Errorf("NewOwner gave %q and %q", a, b)
	}
	if s := scheduler.New(scheduler.Config{}, nil, nil, nil, nil, nil); s.Owner() == "" {
		t.Error("default owner is empty")
	}
}

func BenchmarkRunDue(b *testing.B) {
	clk := schedulertest.NewClock(utc("2026-03-10T07:00:00Z"))
	st := schedulertest.NewStore()
	zones := []string{"UTC", "Asia/Tokyo", "America/Mexico_City", "Pacific/Auckland", "America/New_York", "Europe/London"}
	for i := range 1000 {
		s := sched(zones[i%len(zones)], i%24, i%60)
		s.ID = 0
		s.CreatedAt = clk.Now().Add(-48 * time.Hour)
		if err := st.PutSchedule(context.Background(), &s); err != nil {
			b.Fatal(err)
		}
	}
	compose := func(context.Context, digest.Schedule, time.Time, time.Time) (digest.Reply, []digest.DeliveredStory, error) {
		return digest.Reply{}, nil, nil
	}
	pub := &schedulertest.Publisher{}
	s := scheduler.New(scheduler.Config{}, st, compose, map[string]digest.Publisher{"slack": pub}, clk, nil)
	if err := s.RunDue(context.Background()); err != nil { // delivers what is due once
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := s.RunDue(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}
