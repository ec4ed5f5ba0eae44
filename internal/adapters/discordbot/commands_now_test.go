package discordbot

import (
	"strings"
	"testing"
)

// TestDigestNowTopicsOptionNamesFilters checks that the /digest now topics
// option tells Discord users that filters go there too, as the parser
// accepts ("/digest now mexico lang:es").
func TestDigestNowTopicsOptionNamesFilters(t *testing.T) {
	for _, c := range commands(true) {
		if c.Name != "digest" {
			continue
		}
		for _, sub := range c.Options {
			if sub.Name != "now" {
				continue
			}
			for _, o := range sub.Options {
				if o.Name == "topics" {
					if !strings.Contains(o.Description, "lang:es") || len([]rune(o.Description)) > 100 {
						t.Errorf("topics description = %q, want filters named, at most 100 characters", o.Description)
					}
					return
				}
			}
		}
	}
	t.Fatal("no /digest now topics option")
}
