package config

import (
	"maps"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/joho/godotenv"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestLoadDefaults(t *testing.T) {
	c, err := Load(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.DataDir != "./data" || c.PollInterval != 15*time.Minute || c.TimeZone != "UTC" || !c.LoadSamples || c.Slack() || c.Discord() {
		t.Fatalf("unexpected defaults: %+v", c)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want []string
	}{
		{"bad duration and zone", map[string]string{"POLL_INTERVAL": "soon", "TIME_ZONE": "Mars/Base"}, []string{"POLL_INTERVAL", "TIME_ZONE"}},
		{"slack socket without app token", map[string]string{"SLACK_BOT_TOKEN": "xoxb-secret-value"}, []string{"SLACK_APP_TOKEN"}},
		{"discord without app id", map[string]string{"DISCORD_TOKEN": "tok"}, []string{"DISCORD_APP_ID"}},
		{"database url with password", map[string]string{"DATABASE_URL": "mysql://u:hunter2@h/db"}, []string{"DATABASE_URL"}},
		{"shard out of range", map[string]string{"DISCORD_SHARD_ID": "2", "DISCORD_SHARD_COUNT": "2"}, []string{"DISCORD_SHARD_ID"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(env(tt.env))
			if err == nil {
				t.Fatal("want error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %s", err, w)
				}
			}
			for k, v := range tt.env {
				for _, key := range Keys {
					if key.Name == k && key.Secret && strings.Contains(err.Error(), v) {
						t.Errorf("error leaks secret %s", k)
					}
				}
			}
			if strings.Contains(err.Error(), "hunter2") {
				t.Error("error leaks a password")
			}
		})
	}
}

func TestEnvExampleListsEveryKey(t *testing.T) {
	data, err := os.ReadFile("../../.env.example")
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range Keys {
		if !strings.Contains(string(data), "\n"+k.Name+"=") {
			t.Errorf(".env.example lacks %s", k.Name)
		}
	}
	vals, err := ReadDotEnv("../../.env.example")
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := godotenv.Read("../../.env.example")
	if err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(vals, theirs) {
		t.Errorf(".env.example reads differently with godotenv:\nours   %q\ntheirs %q", vals, theirs)
	}
	vals["FEEDS"] = "" // the example feeds are fine; check the rest parses
	if _, err := Load(func(k string) string { return vals[k] }); err != nil {
		t.Fatalf(".env.example does not load: %v", err)
	}
}
