package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/newsdigest/bot/internal/adapters/postgres"
	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/testutil/pgtest"
)

// The multi-process test's size and bounds.
const (
	mpProcs        = 3
	mpFeeds        = 1000
	mpItemsPerFeed = 2
	mpHosts        = 250 // feed server ports: the poller's budget is per host (0.5 request/s)
	mpSchedules    = 24  // due before the start
	mpLateSchedule = 12  // added just before the kill
	mpKillAfter    = mpFeeds / 4
	mpBudget       = 100 * time.Second // start to all done, after the build
	mpFeedLease    = 5 * time.Second
)

// TestMultiProcessSharesWork runs three bot processes (one binary) on one
// PostgreSQL schema with 1,000 RSS feeds served from 127.0.0.1 and 36
// daily Slack digests due, and SIGKILLs one of them once a quarter of the
// feeds were fetched. Every feed must be polled, every item stored once,
// every feed fetched once (twice at most for the few feeds the killed
// process held a lease on) and every digest posted exactly once.
//
// It needs PostgreSQL: NEWSBOT_TEST_POSTGRES_URL (skipped when unset,
// failed when CI=true). MP_TEST_SEED replays the choice of victim and the
// kill instant.
func TestMultiProcessSharesWork(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the bot and runs three processes on 1,000 feeds for up to a minute and a half; skipped with -short")
	}
	baseURL := pgtest.ServerURL(t)
	began := time.Now()
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("MP_TEST_SEED"); s != "" {
		n, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("MP_TEST_SEED: %v", err)
		}
		seed = n
	}
	t.Logf("seed %d (MP_TEST_SEED=%d replays the victim and the kill instant)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))

	tmp := t.TempDir()
	bin := buildBot(t, tmp)
	built := time.Now()

	ctx := context.Background()
	dbURL := pgtest.Schema(t, baseURL, "newsbot_mp_")
	st, err := postgres.Open(ctx, dbURL, nil) // migrates before the bots start
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	db, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close(context.Background()) })

	farm := newFeedFarm(t, mpFeeds, mpHosts)
	feedsFile := filepath.Join(tmp, "feeds.txt")
	if err := os.WriteFile(feedsFile, []byte(strings.Join(farm.urls, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	slack := newCrashSlack(t)

	type run struct {
		channel, date string
		id            int64
	}
	var runs []run
	addSchedules := func(n int, prefix string) {
		for i := range n {
			ch := fmt.Sprintf("%s%02d", prefix, i)
			id, date := addDueSchedule(t, st, digest.Schedule{
				Platform: "slack", Workspace: "T1", ChannelID: ch, Topics: []string{mpTopics[len(ch)%len(mpTopics)], "ferry"},
				MaxStories: 3, CreatedBy: "mp-test",
			})
			runs = append(runs, run{channel: ch, id: id, date: date})
		}
	}
	addSchedules(mpSchedules, "CEARLY")

	env := []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + tmp,
		"TMPDIR=" + tmp,
		"DATABASE_URL=" + dbURL,
		"FEEDS=",
		"FEEDS_FILE=" + feedsFile,
		"POLL_INTERVAL=1h",
		"FEED_LEASE=" + mpFeedLease.String(),
		"ALLOW_PRIVATE_ADDRESSES=true",
		"LOAD_SAMPLES=false",
		"SLACK_BOT_TOKEN=xoxb-test",
		"SLACK_MODE=http",
		"SLACK_SIGNING_SECRET=test-secret",
		"SLACK_LISTEN_ADDR=127.0.0.1:0",
		"SLACK_API_URL=" + slack.srv.URL + "/api/",
		"DIGEST_LEASE=2s",
		"DIGEST_CHECK_INTERVAL=200ms",
		"LOG_LEVEL=info",
	}
	var procs []*botProc
	for i := range mpProcs {
		dir := filepath.Join(tmp, fmt.Sprintf("p%d", i))
		if err := os.MkdirAll(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		b := &botProc{t: t, bin: bin, dir: dir, env: append(append([]string(nil), env...), "DATA_DIR="+filepath.Join(dir, "data"))}
		t.Cleanup(b.kill)
		procs = append(procs, b)
	}
	started := time.Now()
	for _, b := range procs {
		b.start()
	}
	deadline := started.Add(mpBudget)
	waitFor := func(what string, cond func() bool) {
		t.Helper()
		for !cond() {
			if time.Now().After(deadline) {
				for i, b := range procs {
					t.Logf("process %d log tail:\n%s", i, tail(b.lastLog(), 20))
				}
				t.Fatalf("%s: not reached within %s", what, mpBudget)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}

	// Mid-run: more digests fall due, then one process dies.
	waitFor(fmt.Sprintf("%d feeds fetched", mpKillAfter), func() bool { return farm.total() >= mpKillAfter })
	addSchedules(mpLateSchedule, "CLATE")
	time.Sleep(time.Duration(rng.Int64N(int64(400 * time.Millisecond))))
	victimIdx := rng.IntN(mpProcs)
	victim := procs[victimIdx]
	victim.mu.Lock()
	pid := victim.cmd.Process.Pid
	victim.mu.Unlock()
	victim.kill()
	killedAt := time.Now()
	fetchedAtKill := farm.total()
	orphans := mpLeasesOf(t, db, pid)
	t.Logf("SIGKILLed process %d (pid %d) after %s, %d feeds fetched; it held %d feed leases",
		victimIdx, pid, killedAt.Sub(started).Round(time.Millisecond), fetchedAtKill, len(orphans))

	// The survivors finish the work.
	var allPolledAt time.Time
	waitFor("every feed polled and every digest delivered", func() bool {
		n, err := mpCount(db, `SELECT count(*) FROM feeds WHERE last_success > '0001-01-01 00:00:00+00'`)
		if err != nil {
			t.Fatal(err)
		}
		if n < mpFeeds {
			return false
		}
		if allPolledAt.IsZero() {
			allPolledAt = time.Now()
		}
		for _, r := range runs {
			if done, _, err := st.RunState(ctx, r.id, r.date); err != nil || !done {
				return false
			}
		}
		return true
	})
	finished := time.Now()
	// Let anything still in flight land before counting, then stop.
	time.Sleep(300 * time.Millisecond)
	for _, b := range procs {
		b.kill()
	}

	// Every feed polled, with success.
	states, err := st.FeedStates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := make(map[string]bool, len(farm.urls))
	for _, u := range farm.urls {
		want[u] = true
	}
	polled := 0
	for _, s := range states {
		if !want[s.URL] {
			t.Errorf("unexpected feed in the store: %s", s.URL)
			continue
		}
		if s.LastSuccess.IsZero() || s.LastError != "" || s.Articles != mpItemsPerFeed {
			t.Errorf("feed %s: last success %v, error %q, %d articles; want a success with %d articles",
				s.URL, s.LastSuccess, s.LastError, s.Articles, mpItemsPerFeed)
			continue
		}
		polled++
	}
	if polled != mpFeeds {
		t.Errorf("%d of %d feeds polled", polled, mpFeeds)
	}

	// No article stored twice, none missing.
	rows, err := db.Query(ctx, `SELECT url FROM articles`)
	if err != nil {
		t.Fatal(err)
	}
	stored, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	byURL := map[string]int{}
	for _, u := range stored {
		byURL[u]++
	}
	links := farm.links()
	for u, n := range byURL {
		if n != 1 {
			t.Errorf("article %s stored %d times", u, n)
		}
		if !links[u] {
			t.Errorf("stored article %s is no item of the feeds", u)
		}
	}
	if len(stored) != len(links) || len(byURL) != len(links) {
		t.Errorf("%d articles stored (%d distinct URLs), want one per item link: %d", len(stored), len(byURL), len(links))
	}

	// Every feed fetched by one process, except those the victim held.
	twice := 0
	for i, u := range farm.urls {
		n := farm.gets[i].Load()
		switch {
		case orphans[u] && (n == 1 || n == 2):
			if n == 2 {
				twice++
			}
		case n != 1:
			t.Errorf("feed %s fetched %d times, want once (its lease holder was not killed)", u, n)
		}
	}

	// Every digest posted exactly once, with its run's key, and recorded.
	posts := slack.postsByChannel()
	for _, r := range runs {
		ps := posts[r.channel]
		if len(ps) != 1 {
			t.Errorf("channel %s: %d digests posted, want exactly 1", r.channel, len(ps))
			continue
		}
		if key := fmt.Sprintf("sched-%d-%s", r.id, r.date); ps[0].key != key {
			t.Errorf("channel %s: digest posted with key %q, want %q", r.channel, ps[0].key, key)
		}
	}
	if len(posts) != len(runs) {
		t.Errorf("%d channels got digests, want %d", len(posts), len(runs))
	}

	var split []string
	for i, b := range procs {
		role := ""
		if i == victimIdx {
			role = " (killed)"
		}
		split = append(split, fmt.Sprintf("p%d%s %d", i, role, b.logCount("feed polled")))
	}
	t.Logf("%d processes, %d feeds on %d ports, %d articles, %d digests; feeds polled per process: %s; "+
		"%d feed leases orphaned by the kill, %d feeds fetched twice; all feeds polled %s after start, all done %s after start; "+
		"build %s, total %s",
		mpProcs, mpFeeds, mpHosts, len(stored), len(runs), strings.Join(split, ", "),
		len(orphans), twice, allPolledAt.Sub(started).Round(time.Millisecond), finished.Sub(started).Round(time.Millisecond),
		built.Sub(began).Round(time.Millisecond), time.Since(began).Round(time.Millisecond))
	if calls := slack.unknownCalls(); len(calls) > 0 {
		t.Logf("Web API methods the fake does not serve were called: %v", calls)
	}
}

// mpLeasesOf returns the feeds whose lease the process pid holds: the
// poller names itself host-pid-random.
func mpLeasesOf(t *testing.T, db *pgx.Conn, pid int) map[string]bool {
	t.Helper()
	rows, err := db.Query(context.Background(), `SELECT url FROM feeds WHERE lease_owner LIKE $1`, fmt.Sprintf("%%-%d-%%", pid))
	if err != nil {
		t.Fatal(err)
	}
	urls, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]bool{}
	for _, u := range urls {
		m[u] = true
	}
	return m
}

func mpCount(db *pgx.Conn, sql string) (int, error) {
	var n int
	err := db.QueryRow(context.Background(), sql).Scan(&n)
	return n, err
}

func tail(s string, lines int) string {
	parts := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(parts) > lines {
		parts = parts[len(parts)-lines:]
	}
	return strings.Join(parts, "\n")
}

var mpTopics = []string{"harbor", "orchard", "glacier", "railway"}

// feedFarm serves n small RSS feeds from 127.0.0.1 on hosts ports (feed i
// on port i mod hosts) and counts the GETs of each feed.
type feedFarm struct {
	urls []string
	gets []atomic.Int32
	made time.Time // items are dated shortly before this
}

func newFeedFarm(t *testing.T, n, hosts int) *feedFarm {
	t.Helper()
	f := &feedFarm{gets: make([]atomic.Int32, n), made: time.Now().UTC().Truncate(time.Second)}
	srv := &http.Server{Handler: http.HandlerFunc(f.serve), ReadHeaderTimeout: 10 * time.Second}
	var addrs []string
	for range hosts {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addrs = append(addrs, l.Addr().String())
		go func() { _ = srv.Serve(l) }()
	}
	t.Cleanup(func() { srv.Close() })
	for i := range n {
		f.urls = append(f.urls, fmt.Sprintf("http://%s/feed/%04d.xml", addrs[i%hosts], i))
	}
	return f
}

func (f *feedFarm) total() int {
	n := 0
	for i := range f.gets {
		n += int(f.gets[i].Load())
	}
	return n
}

// link is the article URL of item k of feed i.
func (f *feedFarm) link(i, k int) string {
	return fmt.Sprintf("https://outlet%04d.example/news/%04d-%d", i, i, k)
}

// links returns every item link of every feed.
func (f *feedFarm) links() map[string]bool {
	m := map[string]bool{}
	for i := range f.urls {
		for k := range mpItemsPerFeed {
			m[f.link(i, k)] = true
		}
	}
	return m
}

func (f *feedFarm) serve(w http.ResponseWriter, r *http.Request) {
	var i int
	if _, err := fmt.Sscanf(r.URL.Path, "/feed/%04d.xml", &i); err != nil || i < 0 || i >= len(f.gets) || r.Method != http.MethodGet {
		http.NotFound(w, r)
		return
	}
	f.gets[i].Add(1)
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Outlet %04d</title><link>https://outlet%04d.example/</link><description>Test outlet</description>`, i, i)
	for k := range mpItemsPerFeed {
		link := f.link(i, k)
		pub := f.made.Add(-time.Duration(i%600)*time.Second - time.Duration(k+1)*time.Minute)
		fmt.Fprintf(&b, `<item><title>%s %s council weighs plan %04d-%d</title><link>%s</link><guid>%s</guid><pubDate>%s</pubDate><description>%s</description></item>`,
			strings.ToUpper(mpTopics[i%len(mpTopics)][:1])+mpTopics[i%len(mpTopics)][1:], mpWord(i, k, 0), i, k,
			link, link, pub.Format(time.RFC1123Z), mpBody(i, k))
	}
	b.WriteString(`</channel></rss>`)
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	_, _ = w.Write([]byte(b.String()))
}

// mpSyllables make pseudo-words, so that items share few words and the
// bots group few of them into stories.
var mpSyllables = []string{"ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "be", "da", "fu", "gi", "ho", "ja", "ke", "lu", "ma", "no", "pi", "re"}

// mpWord is word j of item k of feed i.
func mpWord(i, k, j int) string {
	x := uint64(i*7919+k*104729+j*1299709) * 0x9e3779b97f4a7c15
	x ^= x >> 29
	var w strings.Builder
	for range 3 {
		w.WriteString(mpSyllables[x%uint64(len(mpSyllables))])
		x /= uint64(len(mpSyllables))
	}
	return w.String()
}

// mpBody is the item's text: about 110 words in sentences, well over the
// 80 words under which the bot would fetch the page.
func mpBody(i, k int) string {
	var b strings.Builder
	topic := mpTopics[i%len(mpTopics)]
	for s := range 10 {
		words := []string{"The", topic, "board"}
		for j := range 8 {
			words = append(words, mpWord(i, k, s*8+j+1))
		}
		b.WriteString(strings.Join(words, " "))
		b.WriteString(". ")
	}
	return strings.TrimSpace(b.String())
}
