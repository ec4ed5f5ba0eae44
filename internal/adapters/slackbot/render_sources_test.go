package slackbot

import (
	"path/filepath"
	"testing"

	"github.com/newsdigest/bot/internal/digest/digesttest"
	goldenfile "github.com/newsdigest/bot/internal/testutil/golden"
)

// Golden renderings of the answers about sources, filters and first runs.
func TestRenderGoldenSources(t *testing.T) {
	for name, r := range digesttest.SourceReplies() {
		t.Run(name, func(t *testing.T) {
			m := render(r)
			checkLimits(t, m)
			goldenfile.Check(t, filepath.Join("testdata", "sources_"+name+".golden"), marshalMessage(t, m))
		})
	}
}
