package console

import (
	"bytes"
	"testing"

	"github.com/newsdigest/bot/internal/digest/digesttest"
)

// Golden renderings of the answers about sources, filters and first runs.
func TestRenderGoldenSources(t *testing.T) {
	for name, r := range digesttest.SourceReplies() {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := Render(&b, r); err != nil {
				t.Fatal(err)
			}
			golden(t, "sources_"+name, b.String())
		})
	}
}
