package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/adapters/sqlite"
	"github.com/newsdigest/bot/internal/digest"
)

// The crash test's bounds: rounds, at most killsPerRound SIGKILLs before a
// round's last attempt runs undisturbed, and the whole test's budget.
const (
	crashRounds        = 20
	crashKillsPerRound = 2
	crashBudget        = 75 * time.Second // for the rounds, after the build
	crashAttemptLimit  = 15 * time.Second // one attempt: start until done or killed
)

// killMode is where an attempt of the crash test kills the bot.
type killMode int

const (
	killNone         killMode = iota // run until the run is done
	killAfterDelay                   // at a random instant after the start
	killBeforeRecord                 // chat.postMessage arrived; Slack never saw it
	killAfterRecord                  // Slack posted the message; the bot never got the answer
	killAfterRespond                 // the bot got the answer; killed within 0-1 ms
)

func (m killMode) String() string {
	return [...]string{"none", "after_delay", "before_record", "after_record", "after_respond"}[m]
}

// crashPlatform is a fake chat platform for the crash test: it records
// the digests posted to it, serves them back to the bot's history lookup,
// and kills the bot around a post as the armed mode says.
type crashPlatform interface {
	name() string  // digest.Schedule.Platform
	env() []string // the bot's settings for it
	setBot(b *botProc)
	arm(m killMode)
	firedKill() bool
	postsByChannel() map[string][]crashPost
	droppedCount() int
	unknownCalls() map[string]int
}

// TestCrashRestartExactlyOnce builds the bot, runs it against a fake Slack
// Web API and then a fake Discord (REST and gateway) on 127.0.0.1, and
// SIGKILLs it at random instants, including while the post of a digest is
// in flight, restarting it until the round's scheduled digest is recorded
// done. Each round's digest must reach the platform exactly once: the
// scheduler's lease keeps two processes from posting at once and the
// adapter's Posted (Slack message metadata, Discord's run tag, read back
// from the channel's history) keeps a restarted process from posting a
// digest that a killed one already posted. Set CRASH_TEST_SEED to replay a
// run.
func TestCrashRestartExactlyOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and SIGKILLs the bot for about a minute; skipped with -short")
	}
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("CRASH_TEST_SEED"); s != "" {
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("CRASH_TEST_SEED: %v", err)
		}
		seed = n
	}
	t.Logf("seed %d (CRASH_TEST_SEED=%d replays the kill plan)", seed, seed)
	began := time.Now()
	bin := buildBot(t, t.TempDir())
	t.Logf("build %s", time.Since(began).Round(time.Millisecond))
	for _, newFake := range []func(t *testing.T) crashPlatform{
		func(t *testing.T) crashPlatform { return newCrashSlack(t) },
		func(t *testing.T) crashPlatform { return newCrashDiscord(t) },
	} {
		fake := newFake(t)
		t.Run(fake.name(), func(t *testing.T) { runCrashRounds(t, bin, fake, seed) })
	}
}

// runCrashRounds runs the crash rounds of TestCrashRestartExactlyOnce on one
// platform.
func runCrashRounds(t *testing.T, bin string, fake crashPlatform, seed uint64) {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	tmp := t.TempDir()
	built := time.Now()
	dataDir := filepath.Join(tmp, "data")

	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(dataDir, "news.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })

	b := &botProc{t: t, bin: bin, dir: tmp, env: append([]string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + tmp,
		"TMPDIR=" + tmp,
		"DATA_DIR=" + dataDir,
		"FEEDS=",
		"DIGEST_LEASE=2s",
		"DIGEST_CHECK_INTERVAL=200ms",
		"LOG_LEVEL=debug",
	}, fake.env()...)}
	t.Cleanup(b.kill)
	fake.setBot(b)

	// Warm-up: the first start loads the bundled samples into the empty
	// store; let it finish so that every round's "mexico" has stories.
	b.start()
	if !b.waitLog("bot running", 20*time.Second) {
		b.kill()
		t.Fatalf("the bot did not start:\n%s", b.lastLog())
	}
	b.kill()
	if n, err := st.CountArticles(ctx); err != nil || n == 0 {
		t.Fatalf("store has %d articles after the first start (%v); the samples did not load", n, err)
	}

	type roundResult struct {
		channel  string
		id       int64
		date     string
		attempts []string // kill modes, in order
	}
	var rounds []roundResult
	kills := map[killMode]int{}
	var undisturbed []time.Duration // start to done of attempts not killed
	for r := 1; r <= crashRounds; r++ {
		if time.Since(built) > crashBudget-10*time.Second {
			t.Logf("stopping after %d rounds to stay inside the %s budget", r-1, crashBudget)
			break
		}
		rr := roundResult{channel: fmt.Sprintf("C%d", r)}
		rr.id, rr.date = addDueSchedule(t, st, digest.Schedule{
			Platform: fake.name(), Workspace: "T1", ChannelID: rr.channel, Topics: []string{"mexico"},
			MaxStories: 5, CreatedBy: "crash-test",
		})
		for attempt := 0; ; attempt++ {
			mode := killNone
			if attempt < crashKillsPerRound {
				mode = pickMode(rng)
			}
			// Half the delays fall in a fresh start's first 500 ms (start,
			// claim, compose, post), half in the 2.6 s a restart may wait
			// for a killed process's lease to expire.
			maxDelay := 500 * time.Millisecond
			if rng.IntN(2) == 0 {
				maxDelay = 2600 * time.Millisecond
			}
			delay := time.Duration(rng.Int64N(int64(maxDelay)))
			t0 := time.Now()
			killed, done := b.attempt(fake, mode, delay, func() bool {
				ok, _, err := st.RunState(ctx, rr.id, rr.date)
				return err == nil && ok
			})
			label := mode.String()
			if mode == killAfterDelay {
				label += "(" + delay.Round(time.Millisecond).String() + ")"
			}
			if killed {
				kills[mode]++
				label += ":killed"
			}
			rr.attempts = append(rr.attempts, label)
			if done && !killed {
				undisturbed = append(undisturbed, time.Since(t0))
			}
			if done {
				break
			}
			if !killed {
				t.Fatalf("round %d: the bot neither finished the run nor was killed within %s:\n%s", r, crashAttemptLimit, b.lastLog())
			}
			if attempt > crashKillsPerRound {
				t.Fatalf("round %d: run not done after %d attempts:\n%s", r, attempt+1, b.lastLog())
			}
		}
		b.kill()
		rounds = append(rounds, rr)
		t.Logf("round %2d %s: %s", r, rr.channel, strings.Join(rr.attempts, ", "))
	}
	b.kill()

	if len(rounds) < crashRounds/2 {
		t.Errorf("only %d rounds ran within the budget", len(rounds))
	}
	totalKills := 0
	for _, n := range kills {
		totalKills += n
	}
	posts := fake.postsByChannel()
	totalPosts := 0
	for _, rr := range rounds {
		ps := posts[rr.channel]
		totalPosts += len(ps)
		if len(ps) != 1 {
			t.Errorf("channel %s (attempts %s): %d digests posted, want exactly 1", rr.channel, strings.Join(rr.attempts, ", "), len(ps))
			continue
		}
		if want := fmt.Sprintf("sched-%d-%s", rr.id, rr.date); ps[0].key != want {
			t.Errorf("channel %s: digest posted with run key %q, want %q", rr.channel, ps[0].key, want)
		}
		if strings.TrimSpace(ps[0].text) == "" {
			t.Errorf("channel %s: empty digest", rr.channel)
		}
		if done, _, err := st.RunState(ctx, rr.id, rr.date); err != nil || !done {
			t.Errorf("channel %s: run %s not recorded done (%v)", rr.channel, rr.date, err)
		}
	}
	if extra := len(posts) - len(rounds); extra > 0 {
		t.Errorf("%d channels got posts but belong to no round: %v", extra, posts)
	}
	found := b.logCount("already posted (found on the platform)")
	sort.Slice(undisturbed, func(i, j int) bool { return undisturbed[i] < undisturbed[j] })
	median := time.Duration(0)
	if len(undisturbed) > 0 {
		median = undisturbed[len(undisturbed)/2]
	}
	t.Logf("%s: %d rounds, %d starts, %d SIGKILLs %v, %d posts killed before the platform saw them, "+
		"%d digests posted, %d re-posts avoided by Posted; start-to-done undisturbed median %s; rounds %s",
		fake.name(), len(rounds), b.starts, totalKills, kills, fake.droppedCount(), totalPosts, found,
		median.Round(time.Millisecond), time.Since(built).Round(time.Millisecond))
	if calls := fake.unknownCalls(); len(calls) > 0 {
		t.Logf("API routes the fake does not serve were called: %v", calls)
	}
	if elapsed := time.Since(built); elapsed > crashBudget {
		t.Errorf("the crash rounds took %s, over their %s bound", elapsed, crashBudget)
	}
}

// pickMode draws where an attempt is killed.
func pickMode(rng *rand.Rand) killMode {
	switch n := rng.IntN(10); {
	case n < 4:
		return killAfterDelay
	case n < 6:
		return killBeforeRecord
	case n < 8:
		return killAfterRecord
	default:
		return killAfterRespond
	}
}

// buildBot builds the bot binary into dir.
func buildBot(t *testing.T, dir string) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	bin := filepath.Join(dir, "bot")
	cmd := exec.Command(goTool, "build", "-o", bin, "./cmd/bot")
	cmd.Dir = filepath.Join("..", "..")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/bot: %v\n%s", err, out)
	}
	return bin
}

// addDueSchedule stores s as a daily digest whose time (UTC) passed a
// minute ago, created a minute before that: it fills in Hour, Minute,
// TimeZone, CreatedAt and UpdatedAt. It returns the schedule id and the
// local date of the run now owed.
func addDueSchedule(t *testing.T, st digest.ScheduleStore, s digest.Schedule) (int64, string) {
	t.Helper()
	due := time.Now().UTC().Add(-time.Minute).Truncate(time.Minute)
	s.Hour, s.Minute, s.TimeZone = due.Hour(), due.Minute(), "UTC"
	s.CreatedAt, s.UpdatedAt = due.Add(-time.Minute), due.Add(-time.Minute)
	if err := st.PutSchedule(context.Background(), &s); err != nil {
		t.Fatal(err)
	}
	return s.ID, due.Format(time.DateOnly)
}

// botProc runs the bot binary, one process at a time, logging each
// process's standard error to its own file.
type botProc struct {
	t        *testing.T
	bin, dir string
	env      []string

	mu     sync.Mutex
	cmd    *exec.Cmd
	exited chan struct{}
	logs   []string // log file of every start
	starts int
}

func (b *botProc) start() {
	b.t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.cmd != nil {
		b.t.Fatal("bot already running")
	}
	b.starts++
	logPath := filepath.Join(b.dir, fmt.Sprintf("bot-%03d.log", b.starts))
	f, err := os.Create(logPath)
	if err != nil {
		b.t.Fatal(err)
	}
	cmd := exec.Command(b.bin, "run")
	cmd.Dir, cmd.Env, cmd.Stdin, cmd.Stdout, cmd.Stderr = b.dir, b.env, nil, f, f
	if err := cmd.Start(); err != nil {
		f.Close()
		b.t.Fatalf("start bot: %v", err)
	}
	exited := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		f.Close()
		close(exited)
	}()
	b.cmd, b.exited = cmd, exited
	b.logs = append(b.logs, logPath)
}

// kill SIGKILLs the running process, if any, and waits until the last
// process started is gone (also when another caller killed it).
func (b *botProc) kill() {
	b.mu.Lock()
	cmd, exited := b.cmd, b.exited
	b.cmd = nil
	b.mu.Unlock()
	if cmd != nil {
		_ = cmd.Process.Kill()
	}
	if exited != nil {
		<-exited
	}
}

// running returns the channel closed when the current process exits.
func (b *botProc) running() (chan struct{}, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.exited, b.cmd != nil
}

// attempt starts the bot, arms mode, and waits until done() says the run
// is complete (then it returns with the bot still running) or the bot was
// killed: by the fake Slack (modes around chat.postMessage) or after delay
// (killAfterDelay).
func (b *botProc) attempt(fake crashPlatform, mode killMode, delay time.Duration, done func() bool) (killed, finished bool) {
	b.t.Helper()
	fake.arm(mode)
	defer fake.arm(killNone)
	b.start()
	exited, _ := b.running()
	var timer <-chan time.Time
	if mode == killAfterDelay {
		timer = time.After(delay)
	}
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	limit := time.After(crashAttemptLimit)
	for {
		select {
		case <-timer:
			b.kill()
			return true, done()
		case <-exited:
			killed := fake.firedKill()
			if !killed {
				b.t.Fatalf("the bot exited by itself:\n%s", b.lastLog())
			}
			return true, done()
		case <-tick.C:
			if done() {
				// A kill armed around chat.postMessage may still land
				// just after the run was recorded.
				return fake.firedKill(), true
			}
		case <-limit:
			return false, false
		}
	}
}

// waitLog waits until the current process's log holds s.
func (b *botProc) waitLog(s string, timeout time.Duration) bool {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if strings.Contains(b.lastLog(), s) {
			return true
		}
		time.Sleep(20 * time.Millisecond)
	}
	return false
}

func (b *botProc) lastLog() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.logs) == 0 {
		return ""
	}
	data, _ := os.ReadFile(b.logs[len(b.logs)-1])
	return string(data)
}

// logCount counts the lines holding s in every process's log.
func (b *botProc) logCount(s string) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	n := 0
	for _, p := range b.logs {
		data, _ := os.ReadFile(p)
		n += bytes.Count(data, []byte(s))
	}
	return n
}

// crashPost is one message the fake Slack accepted.
type crashPost struct {
	channel, ts, text, key string
	eventType              string
}

// crashRecorder is what both fake platforms share: the posts they
// accepted, the calls they did not know, and the kill armed around the
// next post.
type crashRecorder struct {
	bot *botProc

	mu      sync.Mutex
	posts   []crashPost
	mode    killMode // armed for the next post
	fired   bool     // the armed mode killed the bot
	dropped int      // posts killed before the platform saw them
	seq     int
	unknown map[string]int
}

func (f *crashRecorder) setBot(b *botProc) { f.bot = b }

// arm sets where the next post kills the bot.
func (f *crashRecorder) arm(m killMode) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.mode, f.fired = m, false
}

func (f *crashRecorder) firedKill() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.fired
}

// noteUnknown counts a call the fake does not serve.
func (f *crashRecorder) noteUnknown(call string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.unknown == nil {
		f.unknown = map[string]int{}
	}
	f.unknown[call]++
}

// post records one post and answers it, killing the bot around it as
// armed (one shot): before recording (the platform never saw the post),
// after recording (the bot never saw the answer) or after answering. mk
// builds the post, the seq-th this fake accepted; respond writes the
// platform's answer to it.
func (f *crashRecorder) post(w http.ResponseWriter, mk func(seq int) crashPost, respond func(crashPost)) {
	f.mu.Lock()
	mode := f.mode
	switch mode {
	case killBeforeRecord, killAfterRecord, killAfterRespond:
		f.mode, f.fired = killNone, true // one shot
	default:
		mode = killNone
	}
	f.mu.Unlock()

	if mode == killBeforeRecord {
		f.bot.kill()
		f.mu.Lock()
		f.dropped++
		f.mu.Unlock()
		panic(http.ErrAbortHandler) // no answer: the connection's peer is gone
	}
	f.mu.Lock()
	f.seq++
	p := mk(f.seq)
	f.posts = append(f.posts, p)
	f.mu.Unlock()

	if mode == killAfterRecord {
		f.bot.kill()
		panic(http.ErrAbortHandler)
	}
	respond(p)
	if mode == killAfterRespond {
		if fl, ok := w.(http.Flusher); ok {
			fl.Flush()
		}
		if rand.IntN(2) == 0 {
			time.Sleep(time.Duration(rand.IntN(1000)) * time.Microsecond)
		}
		f.bot.kill()
	}
}

func (f *crashRecorder) postsByChannel() map[string][]crashPost {
	f.mu.Lock()
	defer f.mu.Unlock()
	m := map[string][]crashPost{}
	for _, p := range f.posts {
		m[p.channel] = append(m[p.channel], p)
	}
	return m
}

func (f *crashRecorder) droppedCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.dropped
}

func (f *crashRecorder) unknownCalls() map[string]int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return maps.Clone(f.unknown)
}

// crashSlack is a fake Slack Web API: it records chat.postMessage (with
// message metadata), serves conversations.history from what it recorded,
// answers auth.test and conversations.open, and kills the bot around a
// chat.postMessage as the armed mode says.
type crashSlack struct {
	crashRecorder
	t   *testing.T
	srv *httptest.Server
}

func (f *crashSlack) name() string { return "slack" }
func (f *crashSlack) env() []string {
	return []string{
		"SLACK_BOT_TOKEN=xoxb-test",
		"SLACK_MODE=http",
		"SLACK_SIGNING_SECRET=test-secret",
		"SLACK_LISTEN_ADDR=127.0.0.1:0",
		"SLACK_API_URL=" + f.srv.URL + "/api/",
	}
}

func newCrashSlack(t *testing.T) *crashSlack {
	f := &crashSlack{t: t}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/chat.postMessage", f.postMessage)
	mux.HandleFunc("POST /api/conversations.history", f.history)
	mux.HandleFunc("POST /api/auth.test", func(w http.ResponseWriter, r *http.Request) {
		if !f.authorized(w, r) {
			return
		}
		crashJSON(w, map[string]any{"ok": true, "url": "https://test.slack.com/", "team": "Test", "user": "newsbot",
			"team_id": "T1", "user_id": "U0BOT", "bot_id": "B1"})
	})
	mux.HandleFunc("POST /api/conversations.open", func(w http.ResponseWriter, r *http.Request) {
		if !f.authorized(w, r) {
			return
		}
		crashJSON(w, map[string]any{"ok": true, "channel": map[string]any{"id": "D" + r.PostForm.Get("users")}})
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		f.noteUnknown(r.URL.Path)
		crashJSON(w, map[string]any{"ok": false, "error": "unknown_method"})
	})
	f.srv = httptest.NewServer(mux) // 127.0.0.1
	t.Cleanup(f.srv.Close)
	return f
}

func (f *crashSlack) authorized(w http.ResponseWriter, r *http.Request) bool {
	if err := r.ParseForm(); err != nil {
		crashJSON(w, map[string]any{"ok": false, "error": "invalid_form_data"})
		return false
	}
	if r.Header.Get("Authorization") != "Bearer xoxb-test" && r.PostForm.Get("token") != "xoxb-test" {
		crashJSON(w, map[string]any{"ok": false, "error": "invalid_auth"})
		return false
	}
	return true
}

func (f *crashSlack) postMessage(w http.ResponseWriter, r *http.Request) {
	if !f.authorized(w, r) {
		return
	}
	f.post(w, func(seq int) crashPost {
		p := crashPost{channel: r.PostForm.Get("channel"), text: r.PostForm.Get("text"),
			ts: fmt.Sprintf("%d.%06d", time.Now().Unix(), seq)}
		if m := r.PostForm.Get("metadata"); m != "" {
			var md struct {
				EventType    string         `json:"event_type"`
				EventPayload map[string]any `json:"event_payload"`
			}
			if err := json.Unmarshal([]byte(m), &md); err != nil {
				f.t.Errorf("chat.postMessage metadata %q: %v", m, err)
			}
			p.eventType = md.EventType
			p.key, _ = md.EventPayload["key"].(string)
		}
		return p
	}, func(p crashPost) {
		crashJSON(w, map[string]any{"ok": true, "channel": p.channel, "ts": p.ts,
			"message": map[string]any{"type": "message", "text": p.text, "ts": p.ts, "bot_id": "B1"}})
	})
}

// history serves conversations.history as Slack does: the channel's
// messages newest first, only those after oldest, at most limit, with
// their metadata when include_all_metadata is set.
func (f *crashSlack) history(w http.ResponseWriter, r *http.Request) {
	if !f.authorized(w, r) {
		return
	}
	q := r.PostForm
	limit := 100
	if n, err := strconv.Atoi(q.Get("limit")); err == nil && n > 0 {
		limit = min(n, 999)
	}
	oldest, _ := strconv.ParseFloat(q.Get("oldest"), 64)
	f.mu.Lock()
	var msgs []crashPost
	for _, p := range f.posts {
		if ts, _ := strconv.ParseFloat(p.ts, 64); p.channel == q.Get("channel") && ts > oldest {
			msgs = append(msgs, p)
		}
	}
	f.mu.Unlock()
	sort.SliceStable(msgs, func(i, j int) bool { return msgs[i].ts > msgs[j].ts })
	more := len(msgs) > limit
	if more {
		msgs = msgs[:limit]
	}
	out := []map[string]any{}
	for _, p := range msgs {
		m := map[string]any{"type": "message", "ts": p.ts, "text": p.text, "bot_id": "B1"}
		if p.eventType != "" && q.Get("include_all_metadata") == "1" {
			m["metadata"] = map[string]any{"event_type": p.eventType, "event_payload": map[string]any{"key": p.key}}
		}
		out = append(out, m)
	}
	crashJSON(w, map[string]any{"ok": true, "messages": out, "has_more": more, "pin_count": 0})
}

func crashJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v) // fails only when the bot is gone
}
