package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/adapters/sqlite"
	"github.com/newsdigest/bot/internal/digest"
)

// env returns a lookupEnv over m.
func env(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func runBot(t *testing.T, vars map[string]string, stdin string, args ...string) (string, string, int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	var out, errb bytes.Buffer
	code := run(ctx, append([]string{"bot"}, args...), env(vars), strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), code
}

// sharedDir finds ../shared beside the repository root.
func sharedDir(t *testing.T) string {
	t.Helper()
	if d := os.Getenv("NEWSBOT_SHARED_DIR"); d != "" {
		return d
	}
	d, err := filepath.Abs("../../../shared")
	if err == nil {
		if _, err = os.Stat(d); err == nil {
			return d
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("../shared is missing in CI: %v", err)
	}
	t.Skip("../shared (evaluation data and seed article) is absent on this machine; skipping")
	return ""
}

func TestConsoleSessionOnSamples(t *testing.T) {
	vars := map[string]string{"DATA_DIR": t.TempDir()}
	out, errs, code := runBot(t, vars, "/news mexico\n/quote farmers count on\nwho said \"a wetter century\"?\n/digest add mexico at 08:00 America/Mexico_City\n/digest list\n/bogus\n/quit\n")
	if code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errs)
	}
	for _, want := range []string{
		"Summary",
		"sample article",
		"Key quotes",
		"— Elena Marquez",                     // quote attributed in the digest
		"(same story)",                        // other outlets on the same story
		"Related",                             // related headlines
		"carried by",                          // quote lookup merges outlets
		"Tomas Ledesma",                       // who said …?
		"Daily digest #1 added",               // schedule added
		"mexico at 08:00 America/Mexico_City", // and listed
		"Unknown command /bogus. Try /help.",  // unknown command: clear message
	} {
		if !strings.Contains(out, want) {
			t.Errorf("console output lacks %q\n%s", want, out)
		}
	}
}

func TestDigestSeedJSON(t *testing.T) {
	seed := filepath.Join(sharedDir(t), "seeds", "000_2023e0b41bc0d7dc.txt")
	out, errs, code := runBot(t, map[string]string{"DATA_DIR": t.TempDir()}, "", "digest", "-json", seed)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	var keys []string
	for k := range raw {
		keys = append(keys, k)
	}
	want := "language published quotes related source summary title url"
	if got := strings.Join(sorted(keys), " "); got != want {
		t.Fatalf("top-level keys %q, want %q", got, want)
	}
	var d struct {
		Summary []string
		Quotes  []struct {
			Text, Speaker, Cue string
			Start, End         int
		}
	}
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err)
	}
	body, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Summary) != 3 {
		t.Fatalf("summary has %d sentences", len(d.Summary))
	}
	if !strings.Contains(d.Summary[0], "Sheinbaum confirmed") {
		t.Errorf("lead fact missing from the summary: %q", d.Summary[0])
	}
	for _, s := range d.Summary {
		if !strings.Contains(string(body), s) {
			t.Errorf("summary sentence not verbatim: %q", s)
		}
		if strings.Contains(s, "READ MORE") || strings.Contains(s, "shock plan") {
			t.Errorf("boilerplate in summary: %q", s)
		}
	}
	if len(d.Quotes) == 0 {
		t.Fatal("no quotes")
	}
	for _, q := range d.Quotes {
		if q.Start < 0 || q.End > len(body) || string(body[q.Start:q.End]) != q.Text {
			t.Errorf("quote offsets [%d,%d) do not point at %q in the file", q.Start, q.End, q.Text)
		}
	}
	if !strings.Contains(d.Quotes[0].Speaker, "Sheinbaum") {
		t.Errorf("key quote not attributed to Sheinbaum: %+v", d.Quotes[0])
	}
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

func TestDigestRejectsBadInput(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin.dat")
	if err := os.WriteFile(bin, []byte{0x7f, 'E', 'L', 'F', 0, 1, 2}, 0o600); err != nil {
		t.Fatal(err)
	}
	latin1 := filepath.Join(dir, "latin1.txt")
	if err := os.WriteFile(latin1, []byte("Se\xf1or L\xf3pez said hello."), 0o600); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.txt")
	if err := os.WriteFile(empty, []byte("\n\n  \n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, path, want string }{
		{"binary", bin, "binary"},
		{"not utf-8", latin1, "not UTF-8"},
		{"empty", empty, "no text"},
		{"missing", filepath.Join(dir, "nope.txt"), "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs, code := runBot(t, map[string]string{"DATA_DIR": dir}, "", "digest", tt.path)
			if code == 0 || !strings.Contains(errs, tt.want) {
				t.Fatalf("exit %d, stderr %q; want failure mentioning %q", code, errs, tt.want)
			}
		})
	}
}

func TestUnknownCommandAndBadConfig(t *testing.T) {
	if _, errs, code := runBot(t, nil, "", "frobnicate"); code != 2 || !strings.Contains(errs, "unknown command") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	_, errs, code := runBot(t, map[string]string{"SLACK_BOT_TOKEN": "xoxb-do-not-print", "POLL_INTERVAL": "often"}, "", "feeds")
	if code != 2 || !strings.Contains(errs, "POLL_INTERVAL") || !strings.Contains(errs, "SLACK_APP_TOKEN") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	if strings.Contains(errs, "xoxb-do-not-print") {
		t.Fatal("a token was printed")
	}
}

// TestSamplesWhenNoFeedReachable checks that a new store whose feeds all
// fail gets the bundled samples once the first round of polls is over,
// not after the full firstPollGrace.
func TestSamplesWhenNoFeedReachable(t *testing.T) {
	dir := t.TempDir()
	vars := map[string]string{"DATA_DIR": dir, "FEEDS": "http://127.0.0.1:9/feed.xml,http://localhost:9/other.xml"}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	in, w := io.Pipe()
	var out, errb bytes.Buffer
	began := time.Now()
	done := make(chan int, 1)
	go func() { done <- run(ctx, []string{"bot"}, env(vars), in, &out, &errb) }()

	st := openWhenCreated(t, filepath.Join(dir, "news.db"))
	for {
		n, err := st.CountArticles(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			break
		}
		if time.Since(began) > firstPollGrace/2 {
			t.Fatalf("no samples %v after start with unreachable feeds (the grace is %v)", time.Since(began), firstPollGrace)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if _, err := io.WriteString(w, "/news mexico\n/quit\n"); err != nil {
		t.Fatal(err)
	}
	w.Close()
	if code := <-done; code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out.String(), errb.String())
	}
	if !strings.Contains(out.String(), "Summary") || !strings.Contains(out.String(), "sample article") {
		t.Errorf("no sample digest:\n%s", out.String())
	}
	// The answer says that no source works, and what to do.
	if !strings.Contains(out.String(), "None of the 2 news sources has been read successfully yet") {
		t.Errorf("no notice about the unreachable sources:\n%s", out.String())
	}
}

// openWhenCreated opens the SQLite store at path once the bot has created
// it.
func openWhenCreated(t *testing.T, path string) *sqlite.Store {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, err := os.Stat(path); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s not created", path)
		}
		time.Sleep(20 * time.Millisecond)
	}
	st, err := sqlite.Open(context.Background(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// TestIngestFolder checks that `bot ingest` takes a folder, and that a
// second import of it stores nothing twice.
func TestIngestFolder(t *testing.T) {
	vars := map[string]string{"DATA_DIR": t.TempDir()}
	folder := filepath.Join("..", "..", "internal", "samples", "articles")
	for _, want := range []string{"ingested 8 articles (0 already stored)", "ingested 0 articles (8 already stored)"} {
		out, errs, code := runBot(t, vars, "", "ingest", folder)
		if code != 0 || !strings.Contains(out, want) {
			t.Fatalf("bot ingest %s: exit %d, want %q\nstdout:\n%s\nstderr:\n%s", folder, code, want, out, errs)
		}
	}
	out, errs, code := runBot(t, vars, "", "news", "water deal")
	if code != 0 || !strings.Contains(out, "3 outlets") || !strings.Contains(out, "(same story)") {
		t.Errorf("bot news after a folder import: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errs)
	}
}

// TestFeedsListsFeedsFile checks that `bot feeds` lists the sources of
// FEEDS_FILE, which the bot polls, when FEEDS is unset.
func TestFeedsListsFeedsFile(t *testing.T) {
	dir := t.TempDir()
	list := filepath.Join(dir, "feeds.txt")
	if err := os.WriteFile(list, []byte("# world news\nhttps://news.example/rss.xml\nhttps://wire.example/atom\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errs, code := runBot(t, map[string]string{"DATA_DIR": dir, "FEEDS_FILE": list}, "", "feeds")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"https://news.example/rss.xml", "https://wire.example/atom"} {
		if !strings.Contains(out, want) {
			t.Errorf("bot feeds lacks %s:\n%s", want, out)
		}
	}
	if strings.Contains(out, "No feeds configured") {
		t.Errorf("bot feeds says no feeds are configured:\n%s", out)
	}
}

// fullStore is a store whose disk fills after room articles.
type fullStore struct {
	*sqlite.Store
	room  int
	tries int
}

func (s *fullStore) PutArticle(ctx context.Context, a *digest.Article) error {
	s.tries++
	if s.room == 0 {
		return fmt.Errorf("put article: %w", digest.ErrNoSpace)
	}
	s.room--
	return s.Store.PutArticle(ctx, a)
}

// TestIngestStopsWhenDiskFull checks that `bot ingest` stops at the first
// write that fails for lack of space, with one message, instead of one
// error per remaining file.
func TestIngestStopsWhenDiskFull(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "news.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	full := &fullStore{Store: st, room: 3}
	var out, errb bytes.Buffer
	a := &app{log: slog.New(slog.DiscardHandler), stdout: &out, stderr: &errb}
	svc := digest.NewService(full, nil, nil, nil, digest.Config{})
	err = a.ingestPaths(ctx, svc, []string{filepath.Join("..", "..", "internal", "samples", "articles")})
	if err == nil || !errors.Is(err, digest.ErrNoSpace) {
		t.Fatalf("ingest on a full disk: %v", err)
	}
	if n := strings.Count(err.Error(), "\n") + 1; n != 1 || !strings.Contains(err.Error(), "out of disk space") {
		t.Errorf("%d error lines, want one saying the disk is full:\n%v", n, err)
	}
	if full.tries != 4 {
		t.Errorf("%d writes tried, want 4 (3 stored, then the first failure)", full.tries)
	}
	if !strings.Contains(out.String(), "ingested 3 articles") {
		t.Errorf("stdout: %s", out.String())
	}
}

func TestDigestSeveralPaths(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	one := write("one.txt", "Title: Harbour plan approved\n\nThe council of Port Avalon approved a flood plan on Monday after a long debate. \"We waited long enough,\" said Mayor Ana Ruiz.\n")
	write("folder/a.txt", "Title: Bridge reopens\n\nThe old bridge reopened to traffic on Tuesday after two years of repairs by the city.\n")
	write("folder/b.txt", "Title: Library extends hours\n\nThe city library will stay open until ten at night from next month, officials said.\n")
	missing := filepath.Join(dir, "missing.txt")
	out, errs, code := runBot(t, map[string]string{"DATA_DIR": t.TempDir()}, "", "digest", "-json", one, missing, filepath.Join(dir, "folder"))
	if code == 0 || !strings.Contains(errs, "missing.txt") {
		t.Errorf("exit %d, stderr %q: want a failure naming missing.txt", code, errs)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	var titles []string
	for _, l := range lines {
		var d struct{ Title string }
		if err := json.Unmarshal([]byte(l), &d); err != nil {
			t.Fatalf("line %q is not one JSON object: %v", l, err)
		}
		titles = append(titles, d.Title)
	}
	want := "Harbour plan approved|Bridge reopens|Library extends hours"
	if got := strings.Join(titles, "|"); got != want {
		t.Errorf("titles %q, want %q", got, want)
	}
	out, _, code = runBot(t, map[string]string{"DATA_DIR": t.TempDir()}, "", "digest", filepath.Join(dir, "folder"))
	if code != 0 || strings.Count(out, "# "+dir) != 2 || !strings.Contains(out, "Bridge reopens") || !strings.Contains(out, "Library extends hours") {
		t.Errorf("exit %d, text output:\n%s", code, out)
	}
}

// TestUserMistakesNotLoggedAsErrors: a page that answers 404 and an unknown
// topic are the user's mistakes; they are answered, and logged below ERROR.
func TestUserMistakesNotLoggedAsErrors(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	vars := map[string]string{"DATA_DIR": t.TempDir(), "FEEDS": "", "ALLOW_PRIVATE_ADDRESSES": "true"}
	out, errs, code := runBot(t, vars, "/news "+srv.URL+"/missing\n/news zzqxv\n/quit\n")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "404") {
		t.Errorf("the 404 page was not answered with its cause:\n%s", out)
	}
	if strings.Contains(errs, "level=ERROR") {
		t.Errorf("a user's mistake was logged at ERROR:\n%s", errs)
	}
}
