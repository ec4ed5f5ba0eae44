package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// env returns a getenv over m.
func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

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
		"— Elena Marquez",                        // quote attributed in the digest
		"(same story)",                           // other outlets on the same story
		"Related",                                // related headlines
		"carried by",                             // quote lookup merges outlets
		"Tomas Ledesma",                          // who said …?
		"Daily digest #1 added",                  // schedule added
		"mexico at 08:00 America/Mexico_City",    // and listed
		"Unknown command \"/bogus\". Try /help.", // unknown command: clear message
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
