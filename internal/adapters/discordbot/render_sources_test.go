package discordbot

import (
	"path/filepath"
	"testing"

	"github.com/newsdigest/bot/internal/digest/digesttest"
)

// Golden renderings of the answers about sources, filters and first runs.
func TestRenderGoldenSources(t *testing.T) {
	for name, r := range digesttest.SourceReplies() {
		t.Run(name, func(t *testing.T) {
			msgs := render(r)
			assertWithinLimits(t, msgs)
			golden(t, filepath.Join("testdata", "render", "sources_"+name+".json"), indentJSON(t, msgs))
		})
	}
}
