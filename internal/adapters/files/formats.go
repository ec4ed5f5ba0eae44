package files

import (
	"bytes"
	"fmt"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/feedparse"
	"github.com/newsdigest/bot/internal/htmlextract"
)

func extractHTML(data []byte, src string) (digest.Article, error) {
	a, err := htmlextract.ExtractReader(bytes.NewReader(data), src)
	if err != nil {
		return a, fmt.Errorf("extract html: %w", err)
	}
	return a, nil
}

func parseFeed(data []byte, src string) ([]digest.Article, error) {
	f, err := feedparse.Parse(bytes.NewReader(data), src)
	if err != nil {
		return nil, fmt.Errorf("parse feed: %w", err)
	}
	out := make([]digest.Article, 0, len(f.Items))
	for _, it := range f.Items {
		out = append(out, it.Article)
	}
	return out, nil
}
