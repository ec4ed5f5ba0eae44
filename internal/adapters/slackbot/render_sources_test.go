package slackbot

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/newsdigest/bot/internal/digest/digesttest"
)

// Golden renderings of the answers about sources, filters and first runs.
func TestRenderGoldenSources(t *testing.T) {
	for name, r := range digesttest.SourceReplies() {
		t.Run(name, func(t *testing.T) {
			m := render(r)
			checkLimits(t, m)
			got := marshalMessage(t, m)
			path := filepath.Join("testdata", "sources_"+name+".golden")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("read golden (run with -update): %v", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("render(%s) differs from %s (run go test -update to accept):\n%s", name, path, got)
			}
		})
	}
}
