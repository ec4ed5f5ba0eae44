package console

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/digest"
	goldenfile "github.com/newsdigest/bot/internal/testutil/golden"
)

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
	goldenfile.CheckString(t, filepath.Join("testdata", name+".golden"), got)
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

// TestLongLine checks that a line over MaxLineBytes is refused with a
// message and the session goes on with the next line.
func TestLongLine(t *testing.T) {
	h := &fakeHandler{handle: func(cmd digest.Command) (digest.Reply, error) {
		return digest.Reply{Kind: digest.ReplyText, Text: "answer to " + cmd.String()}, nil
	}}
	tests := []struct {
		name, in string
		want     []string
	}{
		{"over the limit", "/news " + strings.Repeat("a", MaxLineBytes) + "\n/news after\n",
			[]string{"too long", "answer to /news after"}},
		{"far over the limit, no newline at end", "/news before\n" + strings.Repeat("b", 3*MaxLineBytes),
			[]string{"answer to /news before", "too long"}},
		{"at the limit", strings.Repeat(" ", MaxLineBytes-len("/news x")) + "/news x\r\n/news y",
			[]string{"answer to /news x", "answer to /news y"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			if err := New(h, strings.NewReader(tt.in), &out, false, nil).Run(context.Background()); err != nil {
				t.Fatalf("Run: %v", err)
			}
			got := out.String()
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("output lacks %q:\n%.300s", w, got)
				}
			}
			if strings.Contains(got, "aaaa") || strings.Contains(got, "bbbb") {
				t.Error("the refused line was echoed")
			}
		})
	}
}
