package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsdigest/bot/internal/adapters/discordbot"
	"github.com/newsdigest/bot/internal/adapters/sqlite"
	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/scheduler"
	"github.com/newsdigest/bot/internal/scheduler/schedulertest"
)

// fakeDiscordChannels serves the two Discord REST routes scheduled
// digests use, on every channel: creating a message (kept, with the bot as
// author) and reading a channel's messages back, newest first.
type fakeDiscordChannels struct {
	appID     string
	noHistory bool // answer every history read with no message

	mu    sync.Mutex
	posts map[string][]*discordgo.Message
}

func (f *fakeDiscordChannels) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/api/v9/"), "/")
	if len(parts) != 3 || parts[0] != "channels" || parts[2] != "messages" {
		http.Error(w, `{"message":"404: Not Found","code":0}`, http.StatusNotFound)
		return
	}
	ch := parts[1]
	w.Header().Set("Content-Type", "application/json")
	f.mu.Lock()
	defer f.mu.Unlock()
	switch r.Method {
	case http.MethodPost:
		var body struct {
			Content string `json:"content"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			http.Error(w, `{"message":"Invalid Form Body","code":50035}`, http.StatusBadRequest)
			return
		}
		m := &discordgo.Message{ID: fmt.Sprint(1000 + len(f.posts[ch])), ChannelID: ch, Content: body.Content,
			Author: &discordgo.User{ID: f.appID, Bot: true}, Timestamp: time.Now()}
		f.posts[ch] = append(f.posts[ch], m)
		_ = json.NewEncoder(w).Encode(m)
	case http.MethodGet:
		page := []*discordgo.Message{}
		for i := len(f.posts[ch]) - 1; i >= 0 && !f.noHistory; i-- {
			page = append(page, f.posts[ch][i])
		}
		_ = json.NewEncoder(w).Encode(page)
	default:
		http.Error(w, `{"message":"405: Method Not Allowed","code":0}`, http.StatusMethodNotAllowed)
	}
}

func (f *fakeDiscordChannels) count(ch string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.posts[ch])
}

// toServer sends every request to srv, keeping its path (discordgo's
// endpoints name discord.com).
type toServer struct{ target *url.URL }

func (t toServer) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.URL.Scheme, r.URL.Host, r.Host = t.target.Scheme, t.target.Host, t.target.Host
	return http.DefaultTransport.RoundTrip(r)
}

// crashAfterPost is the store of a scheduler whose process dies right after
// posting: recording the delivery never happens.
type crashAfterPost struct{ scheduler.Store }

func (crashAfterPost) CompleteRun(context.Context, int64, string, string, time.Time) error {
	return errors.New("the process died before recording the delivery")
}

// TestDiscordDigestOnceAfterCrash runs the scheduler with the real Discord
// adapter (discordgo against a local server): a first scheduler posts the
// run and dies before recording it; once its lease has expired a second
// one (another process) claims the run, finds the post in the channel's
// history by its run tag and records it without posting again. With the
// history hidden, the second scheduler posts again: the history lookup is
// what prevents the duplicate.
func TestDiscordDigestOnceAfterCrash(t *testing.T) {
	for _, tc := range []struct {
		name      string
		noHistory bool
		wantPosts int
	}{{"history found", false, 1}, {"history hidden", true, 2}} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			fake := &fakeDiscordChannels{appID: "app1", noHistory: tc.noHistory, posts: map[string][]*discordgo.Message{}}
			srv := httptest.NewServer(fake)
			t.Cleanup(srv.Close)
			target, _ := url.Parse(srv.URL)
			var logs bytes.Buffer
			logger := slog.New(slog.NewTextHandler(&logs, nil))
			st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "news.db"), nil)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			adapter, err := discordbot.New(discordbot.Config{Token: "tok", AppID: "app1"},
				digest.NewService(st, nil, nil, nil, digest.Config{}), logger,
				discordbot.WithHTTPClient(&http.Client{Timeout: 5 * time.Second, Transport: toServer{target}}))
			if err != nil {
				t.Fatal(err)
			}
			due := time.Date(2026, 11, 27, 14, 0, 0, 0, time.UTC) // 08:00 in Mexico City
			sc := digest.Schedule{Platform: discordbot.Platform, Workspace: "g1", ChannelID: "c5", Topics: []string{"mexico"},
				Hour: 8, TimeZone: "America/Mexico_City", MaxStories: 5, CreatedBy: "u1",
				CreatedAt: due.Add(-48 * time.Hour), UpdatedAt: due.Add(-48 * time.Hour)}
			if err := st.PutSchedule(ctx, &sc); err != nil {
				t.Fatal(err)
			}
			compose := func(context.Context, digest.Schedule, time.Time, time.Time) (digest.Reply, []digest.DeliveredStory, error) {
				return digest.Reply{Kind: digest.ReplyDaily, Topics: []string{"mexico"}, Empty: []string{"mexico"}}, nil, nil
			}
			pubs := map[string]digest.Publisher{discordbot.Platform: adapter}
			clock := schedulertest.NewClock(due.Add(30 * time.Second))
			cfg := scheduler.Config{Lease: time.Minute}

			cfg.Owner = "first"
			first := scheduler.New(cfg, crashAfterPost{st}, compose, pubs, clock, logger)
			if err := first.RunDue(ctx); err != nil {
				t.Fatal(err)
			}
			if n := fake.count("c5"); n != 1 {
				t.Fatalf("the first scheduler posted %d messages, want 1", n)
			}
			if done, _, _ := st.RunState(ctx, sc.ID, "2026-11-27"); done {
				t.Fatal("the run is recorded although the first scheduler died before recording it")
			}

			clock.Advance(2 * time.Minute) // the first scheduler's lease has expired
			cfg.Owner = "second"
			second := scheduler.New(cfg, st, compose, pubs, clock, logger)
			if err := second.RunDue(ctx); err != nil {
				t.Fatal(err)
			}
			if done, _, err := st.RunState(ctx, sc.ID, "2026-11-27"); err != nil || !done {
				t.Fatalf("run not recorded after the second scheduler (%v)\n%s", err, logs.String())
			}
			if n := fake.count("c5"); n != tc.wantPosts {
				t.Errorf("%d digests posted, want %d\n%s", n, tc.wantPosts, logs.String())
			}
			if found := strings.Contains(logs.String(), "already posted (found on the platform)"); found != !tc.noHistory {
				t.Errorf("found on the platform: %v, want %v\n%s", found, !tc.noHistory, logs.String())
			}
		})
	}
}
