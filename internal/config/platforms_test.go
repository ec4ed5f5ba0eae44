package config

import (
	"strings"
	"testing"
	"time"
)

// TestPlatformRulesAreTheAdapters checks that Load reports the Slack and
// Discord adapters' own configuration rules (Validate), so a mistake stops
// the program at start with exit 2, and that a valid platform
// configuration passes both.
func TestPlatformRulesAreTheAdapters(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want string // substring of the error; "" for none
	}{
		{"slack socket ok", map[string]string{"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"}, ""},
		{"slack user token", map[string]string{"SLACK_BOT_TOKEN": "xoxp-user-secret", "SLACK_APP_TOKEN": "xapp-1"}, "xoxb-"},
		{"slack http without secret", map[string]string{"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_MODE": "http"}, "SLACK_SIGNING_SECRET"},
		{"discord ok", map[string]string{"DISCORD_TOKEN": "tok", "DISCORD_APP_ID": "1"}, ""},
		{"discord bad api url", map[string]string{"DISCORD_TOKEN": "tok", "DISCORD_APP_ID": "1", "DISCORD_API_URL": "ftp://x"}, "DISCORD_API_URL"},
		{"discord listen without key", map[string]string{"DISCORD_LISTEN_ADDR": ":8081"}, "DISCORD_PUBLIC_KEY is required"},
		{"shards without discord", map[string]string{"DISCORD_SHARD_ID": "1", "DISCORD_SHARD_COUNT": "2"}, ""},
		{"slack unknown distribution", map[string]string{"SLACK_APP_DISTRIBUTION": "partner"}, `SLACK_APP_DISTRIBUTION: "partner" is not commercial`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(env(tt.env))
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("Load = %v, want no error", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("Load = %v, want an error mentioning %q", err, tt.want)
			}
			if err != nil && strings.Contains(err.Error(), "user-secret") {
				t.Errorf("a secret reached the error: %v", err)
			}
		})
	}
}

// TestSlackHistoryFromDistribution checks that SLACK_APP_DISTRIBUTION sets
// the Slack adapter's conversations.history bounds: Slack's limits for
// commercial apps outside the Marketplace by default, wider ones for
// Marketplace and internal apps.
func TestSlackHistoryFromDistribution(t *testing.T) {
	tests := []struct {
		value     string
		limit     int
		pages     int
		oneMinute bool // calls a minute apart
	}{
		{"", 15, 1, true},
		{"commercial", 15, 1, true},
		{"MARKETPLACE", 200, 5, false},
		{"internal", 200, 5, false},
	}
	for _, tt := range tests {
		c, err := Load(env(map[string]string{"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1", "SLACK_APP_DISTRIBUTION": tt.value}))
		if err != nil {
			t.Fatalf("%q: %v", tt.value, err)
		}
		h := c.SlackConfig().History
		if h.Limit != tt.limit || h.Pages != tt.pages || (h.Interval == time.Minute) != tt.oneMinute {
			t.Errorf("SLACK_APP_DISTRIBUTION=%q: history %+v, want limit %d, %d pages, a minute apart %v", tt.value, h, tt.limit, tt.pages, tt.oneMinute)
		}
	}
}
