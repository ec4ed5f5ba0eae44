package console

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/digest"
)

var update = flag.Bool("update", false, "rewrite golden files")

var day = time.Date(2026, 11, 26, 14, 30, 0, 0, time.UTC)

var sampleDigest = digest.Digest{
	Title: "Water deal for the north (SAMPLE)", Source: "Sample Herald", URL: "https://samples.example/h/water",
	Published: day, Language: "en", Sample: true, Outlets: []string{"Sample Herald", "Sample Wire"},
	Summary: []string{"A water agreement was reached on Tuesday.", "The plan goes to both legislatures."},
	Quotes:  []digest.Quote{{Text: "A number they can count on", Speaker: "Elena Marquez"}, {Text: "No speaker here"}},
	Related: []digest.Headline{
		{Title: "Neighbours agree on water plan (SAMPLE)", URL: "https://samples.example/w/water", Source: "Sample Wire", SameStory: true},
		{Title: "Peso steadies (SAMPLE)", URL: "https://samples.example/m/peso", Source: "Sample Markets"},
	},
}

func TestRenderGolden(t *testing.T) {
	tests := []struct {
		name  string
		reply digest.Reply
	}{
		{"digest", digest.Reply{Kind: digest.ReplyDigest, Query: "mexico", Digest: &sampleDigest}},
		{"quotes", digest.Reply{Kind: digest.ReplyQuotes, Query: "count on", Quotes: []digest.QuoteHit{
			{Quote: digest.Quote{Text: "A number they can count on", Speaker: "Elena Marquez"}, Title: "Water deal", Source: "Sample Wire", URL: "https://samples.example/w/water", Published: day, Outlets: 2},
			{Quote: digest.Quote{Text: "Count on us"}, Source: "Sample Herald", Published: day, Outlets: 1},
		}}},
		{"schedules", digest.Reply{Kind: digest.ReplySchedules, Text: "Daily digests in this channel (2)", Schedules: []digest.Schedule{
			{ID: 1, Topics: []string{"mexico"}, Hour: 8, TimeZone: "America/Mexico_City", MaxStories: 5, LastDelivery: day},
			{ID: 2, Topics: []string{"energy", "water"}, Hour: 18, Minute: 30, TimeZone: "UTC", MaxStories: 3,
				Weekdays: []time.Weekday{time.Monday, time.Friday}, LastError: "slack: channel_not_found"},
		}}},
		{"daily", digest.Reply{Kind: digest.ReplyDaily, Topics: []string{"mexico", "volcanoes"}, Stories: []digest.Digest{sampleDigest}, Empty: []string{"volcanoes"}}},
		{"text", digest.Reply{Kind: digest.ReplyText, Text: "No stories about \"volcanoes\" yet."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := Render(&b, tt.reply); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.name, b.String())
		})
	}
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create)", err)
	}
	if got != string(want) {
		t.Fatalf("%s differs from %s:\n%s", name, path, got)
	}
}

// fakeHandler answers with a function field.
type fakeHandler struct {
	handle func(digest.Command) (digest.Reply, error)
	seen   []digest.Command
}

func (f *fakeHandler) Handle(_ context.Context, cmd digest.Command) (digest.Reply, error) {
	f.seen = append(f.seen, cmd)
	return f.handle(cmd)
}

func TestSession(t *testing.T) {
	h := &fakeHandler{handle: func(cmd digest.Command) (digest.Reply, error) {
		if cmd.Name == digest.CmdNews && cmd.Args == "fail" {
			return digest.Reply{}, errors.New("database is on fire at /var/secret")
		}
		return digest.Reply{Kind: digest.ReplyText, Text: "answer to " + cmd.String()}, nil
	}}
	in := strings.NewReader("/news mexico\n\nwho said \"count on\"?\n/news fail\n/weather\n/quit\n/news never\n")
	var out bytes.Buffer
	if err := New(h, in, &out, true, nil).Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{"answer to /news mexico", "answer to /quote count on", "something went wrong", "Unknown command /weather", "> "} {
		if !strings.Contains(got, want) {
			t.Errorf("session output lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "never") || strings.Contains(got, "/var/secret") {
		t.Errorf("ran past /quit or leaked an internal error:\n%s", got)
	}
	for _, c := range h.seen {
		if c.Platform != Platform || c.ChannelID != ChannelID || !c.CanManage {
			t.Errorf("command context not filled: %+v", c)
		}
	}
}

func TestPublish(t *testing.T) {
	var out bytes.Buffer
	a := New(&fakeHandler{}, strings.NewReader(""), &out, false, nil)
	r := digest.Reply{Kind: digest.ReplyDaily, Topics: []string{"mexico"}, Stories: []digest.Digest{sampleDigest}}
	if err := a.Publish(context.Background(), digest.Channel{Platform: Platform, ChannelID: ChannelID}, r, "sched-1-2026-11-27"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "[scheduled digest sched-1-2026-11-27]") || !strings.Contains(out.String(), "Also covered by: Sample Wire") {
		t.Fatalf("published:\n%s", out.String())
	}
}
