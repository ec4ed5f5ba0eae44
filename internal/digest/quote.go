package digest

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// quoteSearchLimit is how many stored quotes /quote reads per search (the
// words, then the speaker) before merging the same words.
const quoteSearchLimit = 50

// Quote answers /quote and "who said …?": the best matching quotes, the
// same words carried by several outlets merged into one answer.
func (s *Service) Quote(ctx context.Context, words string) (Reply, error) {
	words = strings.TrimSpace(words)
	if words == "" {
		return Reply{}, usageError("Usage: /quote <words>, e.g. /quote a wetter century")
	}
	hits, err := s.store.SearchQuotes(ctx, QuoteQuery{Text: words, Limit: quoteSearchLimit})
	if err != nil {
		return Reply{}, fmt.Errorf("quote %q: %w", words, err)
	}
	if len(hits) == 0 {
		// Maybe the words are a speaker's name.
		hits, err = s.store.SearchQuotes(ctx, QuoteQuery{Speaker: words, Limit: quoteSearchLimit})
		if err != nil {
			return Reply{}, fmt.Errorf("quote by %q: %w", words, err)
		}
	}
	if s.samplesHidden(ctx) {
		hits = slices.DeleteFunc(hits, func(h QuoteHit) bool { return h.Sample })
	}
	merged := mergeQuotes(hits, words)
	if len(merged) == 0 {
		return Reply{Kind: ReplyText, Query: words, Text: fmt.Sprintf("I found no quote matching %q.", words)}, nil
	}
	if len(merged) > s.cfg.MaxQuoteHits {
		merged = merged[:s.cfg.MaxQuoteHits]
	}
	return Reply{Kind: ReplyQuotes, Query: words, Quotes: merged}, nil
}

// mergeQuotes folds hits with the same normalised words into one (the
// earliest report, with the number of outlets), best first. Quotes that
// contain the query as a phrase come first.
func mergeQuotes(hits []QuoteHit, query string) []QuoteHit {
	phrase := normQuote(query)
	type group struct {
		hit     QuoteHit
		outlets map[string]bool
		order   int
		phrase  bool
	}
	groups := map[string]*group{}
	var keys []string
	for i, h := range hits {
		k := normQuote(h.Quote.Text)
		g := groups[k]
		if g == nil {
			g = &group{hit: h, outlets: map[string]bool{}, order: i, phrase: strings.Contains(k, phrase)}
			groups[k] = g
			keys = append(keys, k)
		}
		g.outlets[h.Source] = true
		if h.Published.Before(g.hit.Published) || (g.hit.Quote.Speaker == "" && h.Quote.Speaker != "") {
			speaker := g.hit.Quote.Speaker
			g.hit = h
			if g.hit.Quote.Speaker == "" {
				g.hit.Quote.Speaker = speaker
			}
		}
	}
	out := make([]QuoteHit, 0, len(keys))
	slices.SortStableFunc(keys, func(a, b string) int {
		ga, gb := groups[a], groups[b]
		if ga.phrase != gb.phrase {
			if ga.phrase {
				return -1
			}
			return 1
		}
		return ga.order - gb.order
	})
	for _, k := range keys {
		g := groups[k]
		g.hit.Outlets = len(g.outlets)
		out = append(out, g.hit)
	}
	return out
}

func normQuote(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r == '\'' || r == '’' || r == '‘':
			continue
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 && !strings.ContainsRune("“”«»„—–…", r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		default:
			space = true
		}
	}
	return b.String()
}
