package digest_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/digest"
)

func TestParseFilter(t *testing.T) {
	tests := []struct {
		in, rest string
		want     digest.Filter
		keys     string
		wantErr  string
	}{
		{in: "mexico lang:es", rest: "mexico", want: digest.Filter{Lang: "es"}, keys: "lang"},
		{in: "mexico lang es", rest: "mexico", want: digest.Filter{Lang: "es"}, keys: "lang"},
		{in: "energy lang english", rest: "energy", want: digest.Filter{Lang: "en"}, keys: "lang"},
		{in: "lang of flowers", rest: "lang of flowers"}, // "lang" followed by no language is a word
		{in: "mexico exclude:football,\"world cup\" from:reuters skip:\"fox news\" sources:own", rest: "mexico",
			want: digest.Filter{Exclude: []string{"football", "world cup"}, Outlets: []string{"reuters"}, SkipOutlets: []string{"fox news"}, OwnFeeds: true},
			keys: "exclude,from,skip,sources"},
		{in: "energy lang:any", rest: "energy", keys: "lang"},
		{in: "energy lang:fr", wantErr: "lang:en, lang:es or lang:any"},
		{in: "energy sources:mine,theirs", wantErr: "sources:own"},
		{in: "energy lang:es lang:en", wantErr: "given twice"},
		{in: "who:cares energy", rest: "who:cares energy"},
	}
	for _, tt := range tests {
		rest, e, err := digest.ParseFilter(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(digest.UserMessage(err), tt.wantErr) {
				t.Errorf("ParseFilter(%q) err = %v, want %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseFilter(%q): %v", tt.in, err)
			continue
		}
		var keys []string
		for _, k := range []string{"lang", "exclude", "from", "skip", "sources"} {
			if e.Keys[k] {
				keys = append(keys, k)
			}
		}
		if rest != tt.rest || !e.Filter.Equal(tt.want) || strings.Join(keys, ",") != tt.keys {
			t.Errorf("ParseFilter(%q) = %q, %+v, keys %v; want %q, %+v, %s", tt.in, rest, e.Filter, keys, tt.rest, tt.want, tt.keys)
		}
		// String writes what ParseFilter reads.
		if _, back, err := digest.ParseFilter(e.Filter.String()); err != nil || !back.Filter.Equal(e.Filter) {
			t.Errorf("round trip of %q: %+v, %v", e.Filter.String(), back.Filter, err)
		}
	}
}

func handle(t *testing.T, svc *digest.Service, text string) digest.Reply {
	t.Helper()
	cmd, err := digest.ParseCommand(text)
	if err != nil {
		t.Fatalf("ParseCommand(%q): %v", text, err)
	}
	cmd.Platform, cmd.Workspace, cmd.ChannelID, cmd.UserID, cmd.CanManage = "slack", "T1", "C1", "U1", true
	r, err := svc.Handle(context.Background(), cmd)
	if err != nil {
		t.Fatalf("%s: %v", text, err)
	}
	return r
}

func TestFiltersInNewsAndDigests(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	svc, st := newServiceStore(t, now, digest.Config{DefaultTimeZone: "UTC"})

	// /news: the Spanish report when asked for Spanish.
	r := handle(t, svc, "/news mexico water lang:es")
	if r.Digest == nil || r.Digest.Language != "es" {
		t.Fatalf("/news mexico water lang:es = %+v, want the Spanish report", r)
	}
	r = handle(t, svc, "/news mexico water lang:en")
	if r.Digest == nil || r.Digest.Language != "en" {
		t.Fatalf("lang:en = %+v", r.Digest)
	}
	r = handle(t, svc, "/news mexico exclude:water,peso,metro,agua")
	if r.Digest != nil && (strings.Contains(strings.ToLower(r.Digest.Title), "water") || strings.Contains(strings.ToLower(r.Digest.Title), "peso")) {
		t.Errorf("excluded words still answered: %q", r.Digest.Title)
	}
	r = handle(t, svc, "/news mexico from:nowhere-news")
	if r.Digest != nil || !strings.Contains(r.Text, "pass your filters") {
		t.Errorf("outlet nobody has = %+v, want a clear nothing", r)
	}
	r = handle(t, svc, "/news mexico sources:own")
	if r.Digest != nil {
		t.Errorf("sources:own with no workspace feed answered %q", r.Digest.Title)
	}

	// /digest now with filters: no English story in a Spanish digest.
	r = handle(t, svc, "/digest now mexico lang:es")
	if len(r.Stories) == 0 {
		t.Fatal("/digest now mexico lang:es: no story")
	}
	for _, d := range r.Stories {
		if d.Language != "es" {
			t.Errorf("/digest now lang:es posted %q (%s)", d.Title, d.Language)
		}
	}

	// A stored digest's filter applies to its runs (ComposeDaily is what
	// the scheduler runs).
	r = handle(t, svc, "/digest add mexico 08:00 lang:en skip:\"sample wire\"")
	if !strings.Contains(r.Text, "lang:en") {
		t.Errorf("add reply = %q, want the filter described", r.Text)
	}
	list, err := st.ListSchedules(context.Background(), digest.Channel{Platform: "slack", Workspace: "T1", ChannelID: "C1"})
	if err != nil || len(list) != 1 {
		t.Fatalf("schedules = %+v, %v", list, err)
	}
	day, _, err := svc.ComposeDaily(context.Background(), list[0], now.Add(-48*time.Hour), now)
	if err != nil {
		t.Fatal(err)
	}
	if len(day.Stories) == 0 {
		t.Fatal("filtered scheduled digest is empty")
	}
	for _, d := range day.Stories {
		if d.Language != "en" || d.Source == "Sample Wire" {
			t.Errorf("scheduled digest posted %q from %s (%s)", d.Title, d.Source, d.Language)
		}
	}

	// /digest list shows the filter; a duplicate is refused with the id.
	r = handle(t, svc, "/digest list")
	if len(r.Schedules) != 1 || !strings.Contains(r.Schedules[0].Describe(), "skip:\"sample wire\"") {
		t.Errorf("list = %+v", r.Schedules)
	}
	cmd, _ := digest.ParseCommand("/digest add mexico at 09:30 CET lang:en skip:\"sample wire\"")
	cmd.Platform, cmd.Workspace, cmd.ChannelID, cmd.CanManage = "slack", "T1", "C1", true
	if _, err := svc.Handle(context.Background(), cmd); err == nil || !strings.Contains(digest.UserMessage(err), "already has that digest: #1") {
		t.Errorf("duplicate add: %v, want refusal naming #1", err)
	}

	// Edit without re-creating: time and filter change, id stays.
	r = handle(t, svc, "/digest edit 1 07:15 europe/madrid lang:any exclude:football")
	got, _ := st.Schedule(context.Background(), 1)
	if got.Hour != 7 || got.Minute != 15 || got.TimeZone != "Europe/Madrid" || got.Filter.Lang != "" ||
		len(got.Filter.Exclude) != 1 || len(got.Filter.SkipOutlets) != 1 || len(got.Topics) != 1 {
		t.Errorf("after edit: %+v (reply %q)", got, r.Text)
	}

	// A filter that matches nothing warns.
	r = handle(t, svc, "/digest edit 1 from:nobody-at-all")
	if !strings.Contains(r.Text, "this digest would be empty today") {
		t.Errorf("edit to an impossible filter = %q, want the empty warning", r.Text)
	}
}

func TestDigestPreview(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	svc, _ := newServiceStore(t, now, digest.Config{DefaultTimeZone: "UTC"})
	// Spanish only: the water deal (reported in Spanish too, one story)
	// is delivered; the English-only peso story is filtered out.
	handle(t, svc, "/digest add mexico 08:00 lang:es max 1")
	handle(t, svc, "/digest now 1") // delivers the top story
	r := handle(t, svc, "/digest preview 1")
	for _, want := range []string{"Preview of daily digest #1 (nothing is posted)", "Left out:", "already delivered here", "filtered: in English", "older than the digest's 24-hour window"} {
		if !strings.Contains(r.Text, want) {
			t.Errorf("preview lacks %q:\n%s", want, r.Text)
		}
	}
	// Preview posts nothing and marks nothing delivered: twice the same.
	if again := handle(t, svc, "/digest preview 1"); again.Text != r.Text {
		t.Errorf("second preview differs:\n%s\n---\n%s", r.Text, again.Text)
	}
}

// FuzzParseFilter: any text parses or gives a user-safe error, and a parsed
// filter written with String reads back the same.
func FuzzParseFilter(f *testing.F) {
	for _, s := range []string{"mexico lang:es", `exclude:"world cup",x from:a skip:"b c" sources:own`, "lang es lang:en", `from:"`, "\xff:"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		_, e, err := digest.ParseFilter(in)
		if err != nil {
			if digest.ErrorCodeOf(err) != digest.CodeUsage {
				t.Fatalf("error is not a usage error: %v", err)
			}
			return
		}
		_, back, err := digest.ParseFilter(e.Filter.String())
		if err != nil || !back.Filter.Equal(e.Filter) {
			t.Fatalf("%q: String %q reads back as %+v, %v; want %+v", in, e.Filter.String(), back.Filter, err, e.Filter)
		}
	})
}

// The examples of the README and /help work on a fresh install (only the
// bundled samples stored).
func TestHelpExamplesOnFreshInstall(t *testing.T) {
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	svc, _ := newServiceStore(t, now, digest.Config{DefaultTimeZone: "UTC"})
	if r := handle(t, svc, "/news energy"); r.Digest == nil || !strings.Contains(r.Digest.Title, "Energy") {
		t.Errorf("/news energy = %+v, want the energy sample", r.Digest)
	}
	if r := handle(t, svc, "/news mexico lang:es"); r.Digest == nil || r.Digest.Language != "es" {
		t.Errorf("/news mexico lang:es = %+v", r.Digest)
	}
	for _, q := range []string{"/quote a wetter century", `who said "a wetter century"?`, "/quote a number they can count on"} {
		if r := handle(t, svc, q); len(r.Quotes) == 0 {
			t.Errorf("%s found no quote", q)
		}
	}
	if r := handle(t, svc, "/digest add energy 08:00 CET"); !strings.Contains(r.Text, "Daily digest #1 added: energy at 08:00 CET") {
		t.Errorf("/digest add energy 08:00 CET = %q", r.Text)
	}
}

// Bad edits get a clear answer and change nothing.
func TestDigestEditBadInputChangesNothing(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	svc, st := newServiceStore(t, now, digest.Config{DefaultTimeZone: "UTC"})
	handle(t, svc, "/digest add energy 08:00 lang:en")
	before, _ := st.Schedule(ctx, 1)
	bad := []struct{ text, msg string }{
		{"/digest edit 1 at 25:00", "not a time of day"},
		{"/digest edit 1 PST", "use America/Los_Angeles"},
		{"/digest edit 1 lang:fr", "lang:en, lang:es or lang:any"},
		{"/digest edit 1", "What should change?"},
		{"/digest edit 1 max 40", "between 1 and 10"},
		{"/digest edit 7 max 3", "no digest #7"},
		{"/digest edit x max 3", "Which digest?"},
		{"/digest preview 7", "no digest #7"},
	}
	for _, b := range bad {
		cmd, err := digest.ParseCommand(b.text)
		if err == nil {
			cmd.Platform, cmd.Workspace, cmd.ChannelID, cmd.CanManage = "slack", "T1", "C1", true
			_, err = svc.Handle(ctx, cmd)
		}
		if !digest.IsUserError(err) || !strings.Contains(digest.UserMessage(err), b.msg) {
			t.Errorf("%s: %v, want a user error with %q", b.text, err, b.msg)
		}
	}
	cmd, _ := digest.ParseCommand("/digest edit 1 max 2")
	cmd.Platform, cmd.Workspace, cmd.ChannelID, cmd.CanManage = "slack", "T1", "C1", false
	if _, err := svc.Handle(ctx, cmd); digest.ErrorCodeOf(err) != digest.CodeForbidden {
		t.Errorf("edit without permission: %v, want forbidden", err)
	}
	after, _ := st.Schedule(ctx, 1)
	if after.Hour != before.Hour || after.MaxStories != before.MaxStories || after.TimeZone != before.TimeZone || !after.Filter.Equal(before.Filter) {
		t.Errorf("schedule changed by refused edits: %+v → %+v", before, after)
	}
}
