package jsonl

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

type rec struct {
	ID   int    `json:"id"`
	Text string `json:"text"`
}

func write(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "set.jsonl")
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoad(t *testing.T) {
	got, err := Load[rec](write(t, `{"id":1,"text":"a"}`+"\n\n"+`{"id":2,"text":"b"}`))
	if err != nil || !slices.Equal(got, []rec{{1, "a"}, {2, "b"}}) {
		t.Fatalf("Load = %v, %v", got, err)
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name, content, want string
		path                string
	}{
		{"bad line", `{"id":1}` + "\n" + `{"id":"x"}` + "\n", "parse set.jsonl line 2:", ""},
		{"missing file", "", "open none.jsonl:", "none.jsonl"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := write(t, tt.content)
			if tt.path != "" {
				p = filepath.Join(filepath.Dir(p), tt.path)
			}
			var seen int
			var last error
			for _, err := range Read[rec](context.Background(), p) {
				if err != nil {
					last = err
					continue
				}
				seen++
			}
			if last == nil || !strings.HasPrefix(last.Error(), tt.want) {
				t.Errorf("error %v, want one starting %q", last, tt.want)
			}
			if tt.name == "bad line" && seen != 1 {
				t.Errorf("%d records before the error, want 1", seen)
			}
		})
	}
}

func TestReadStopsWhenCancelled(t *testing.T) {
	p := write(t, strings.Repeat(`{"id":1}`+"\n", 10))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	n := 0
	var last error
	for _, err := range Read[rec](ctx, p) {
		if err != nil {
			last = err
			break
		}
		if n++; n == 3 {
			cancel()
		}
	}
	if n != 3 || !errors.Is(last, context.Canceled) {
		t.Errorf("read %d records, error %v; want 3 and context.Canceled", n, last)
	}
}
