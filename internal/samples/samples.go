// Package samples holds the bundled sample articles for the offline demo.
// They are written by the newsdigest team, marked as samples in their
// titles, sources and Sample flag, and quote only fictional people.
package samples

import (
	"embed"
	"fmt"
	"io/fs"
	"time"

	"github.com/newsdigest/bot/internal/adapters/files"
	"github.com/newsdigest/bot/internal/digest"
)

//go:embed articles/*.txt
var articles embed.FS

// Articles returns the sample articles, published relative to now.
func Articles(now time.Time) ([]digest.Article, error) {
	names, err := fs.Glob(articles, "articles/*.txt")
	if err != nil {
		return nil, fmt.Errorf("samples: %w", err)
	}
	out := make([]digest.Article, 0, len(names))
	for _, name := range names {
		data, err := articles.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("samples: %w", err)
		}
		a, err := files.ParseText(data, now)
		if err != nil {
			return nil, fmt.Errorf("sample %s: %w", name, err)
		}
		if !a.Sample {
			return nil, fmt.Errorf("sample %s is not marked Sample: true", name)
		}
		a.Fetched = now
		out = append(out, a)
	}
	return out, nil
}
