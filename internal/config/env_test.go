package config

import (
	"io/fs"
	"strings"
	"testing"
)

// files is a fake file system for NewEnv.
func files(m map[string]string) func(string) ([]byte, error) {
	return func(p string) ([]byte, error) {
		if v, ok := m[p]; ok {
			return []byte(v), nil
		}
		return nil, &fs.PathError{Op: "open", Path: p, Err: fs.ErrNotExist}
	}
}

func lookup(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func TestEnvLayers(t *testing.T) {
	fsys := files(map[string]string{
		".env":        "FEEDS=https://a.example/rss\nTIME_ZONE=Europe/Madrid\nLOG_LEVEL=debug\n",
		"prod.env":    "TIME_ZONE=America/Mexico_City\n",
		"/run/tok":    "xoxb-from-file\n",
		"/run/dburl":  "postgres://bot:hunter2@db/news",
		"/run/broken": "",
	})
	tests := []struct {
		name   string
		env    map[string]string
		file   string
		want   map[string]string
		source map[string]string
	}{
		{"env file under environment", map[string]string{"LOG_LEVEL": "warn"}, "",
			map[string]string{"FEEDS": "https://a.example/rss", "LOG_LEVEL": "warn", "TIME_ZONE": "Europe/Madrid"},
			map[string]string{"FEEDS": ".env", "LOG_LEVEL": "environment", "DATA_DIR": "default"}},
		{"empty variable overrides the file", map[string]string{"FEEDS": ""}, "",
			map[string]string{"FEEDS": ""},
			map[string]string{"FEEDS": "environment (empty: default)"}},
		{"ENV_FILE chooses the file", map[string]string{"ENV_FILE": "prod.env"}, "",
			map[string]string{"TIME_ZONE": "America/Mexico_City", "FEEDS": ""},
			map[string]string{"TIME_ZONE": "prod.env"}},
		{"-env wins over ENV_FILE", map[string]string{"ENV_FILE": ".env"}, "prod.env",
			map[string]string{"TIME_ZONE": "America/Mexico_City"}, nil},
		{"secrets from files", map[string]string{"SLACK_BOT_TOKEN_FILE": "/run/tok", "DATABASE_URL_FILE": "/run/dburl"}, "",
			map[string]string{"SLACK_BOT_TOKEN": "xoxb-from-file", "DATABASE_URL": "postgres://bot:hunter2@db/news"},
			map[string]string{"SLACK_BOT_TOKEN": "file /run/tok"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := NewEnv(EnvOptions{Lookup: lookup(tt.env), File: tt.file, ReadFile: fsys})
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range tt.want {
				if got := e.Get(k); got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
			for k, v := range tt.source {
				if got := e.Source(k); got != v {
					t.Errorf("source of %s = %q, want %q", k, got, v)
				}
			}
		})
	}
}

func TestEnvMistakes(t *testing.T) {
	fsys := files(map[string]string{".env": "A=1\nexport SLACK_BOT_TOKEN xoxb-secret-value\n", "/run/tok": "xoxb-secret-value"})
	tests := []struct {
		name string
		env  map[string]string
		file string
		want string
	}{
		{"malformed default file", nil, "", ".env:2: expected NAME=value"},
		{"missing -env file", nil, "nope.env", "env file: open nope.env"},
		{"missing ENV_FILE", map[string]string{"ENV_FILE": "gone.env"}, "", "env file: open gone.env"},
		{"secret twice", map[string]string{"ENV_FILE": "/run/tok.env", "SLACK_BOT_TOKEN": "xoxb-secret-value", "SLACK_BOT_TOKEN_FILE": "/run/tok"}, "",
			"SLACK_BOT_TOKEN and SLACK_BOT_TOKEN_FILE are both set"},
		{"secret file missing", map[string]string{"ENV_FILE": "/run/tok.env", "DISCORD_TOKEN_FILE": "/run/none"}, "", "DISCORD_TOKEN_FILE: open /run/none"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs2 := fsys
			if tt.env["ENV_FILE"] == "/run/tok.env" {
				fs2 = files(map[string]string{"/run/tok.env": "", "/run/tok": "xoxb-secret-value"})
			}
			_, err := NewEnv(EnvOptions{Lookup: lookup(tt.env), File: tt.file, ReadFile: fs2})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "secret-value") {
				t.Fatalf("error leaks a secret: %v", err)
			}
		})
	}
}

func TestMask(t *testing.T) {
	for in, want := range map[string]string{
		"":                                "",
		"xoxb-123":                        "********",
		"postgres://bot:hunter2@db/news":  "postgres://bot:xxxxx@db/news",
		"http://proxy.internal:3128":      "http://proxy.internal:3128",
		"http://tok@proxy.internal:3128/": "http://proxy.internal:3128/ (credentials hidden)",
	} {
		if got := Mask(in); got != want {
			t.Errorf("Mask(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseRetention(t *testing.T) {
	for in, want := range map[string]string{"90d": "2160h0m0s", "0": "0s", "off": "0s", "36h": "36h0m0s"} {
		d, err := ParseRetention(in)
		if err != nil || d.String() != want {
			t.Errorf("ParseRetention(%q) = %v, %v; want %s", in, d, err, want)
		}
	}
	for _, bad := range []string{"soon", "-3d", "10m", "9x"} {
		if _, err := ParseRetention(bad); err == nil {
			t.Errorf("ParseRetention(%q) accepted", bad)
		}
	}
}
