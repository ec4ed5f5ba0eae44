package htmlextract

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/textclean"
)

// TestExtractPagePatterns extracts hand-made pages, one per page
// pattern that must never reach a summary, a quote or a speaker, and
// compares each body with its golden file (go test -update rewrites them).
func TestExtractPagePatterns(t *testing.T) {
	tests := []struct {
		page string
		junk []string // text that must not be in the body
		keep []string // text that must be, exactly
	}{
		{"hovercard", []string{"Dana Marie Whitfield", "Governor of the Northern Province", "head of the farmers' union", "Hidden note", "Icon label", "opens in a new window", "Mayor of the river town"},
			[]string{"Mayor Paul Okafor called the law", "Governor Dana Whitfield signed", "said Omar Castell, who", "earlier draft in April.", "too little power. Supporters", "fell by a fifth"}},
		{"captions", []string{"Cars cross", "Photo:", "Example Agency", "Workers finish the railings"},
			[]string{"The new bridge over the harbour", "chief engineer Lena Hoffmann told"}},
		{"linklists", []string{"More:", "Board delays vote", "DON'T MISS", "Ten parks", "Read more", "Library use doubled", "Related", "Budget talks"},
			[]string{"The school board voted", "has figures on visits from each school"}},
		{"navmenu", []string{"Home", "Sport", "Opinion", "Transport", "About us", "Privacy"},
			[]string{"A national rail strike", "union secretary Ruth Ambrose said"}},
		{"notices", []string{"cookies", "Aceptar", "reproducido", "may not be published", "boletín", "Recibe las noticias"},
			[]string{"El ayuntamiento aprobó", "dijo la concejala de Comercio, Marta Ibarra"}},
	}
	for _, tt := range tests {
		t.Run(tt.page, func(t *testing.T) {
			a, err := ExtractReader(bytes.NewReader(readFile(t, "pages/"+tt.page+".html")), "https://gazette.example/"+tt.page)
			if err != nil {
				t.Fatalf("ExtractReader: %v", err)
			}
			for _, j := range tt.junk {
				if strings.Contains(a.Body, j) {
					t.Errorf("body keeps %q", j)
				}
			}
			for _, k := range tt.keep {
				if !strings.Contains(a.Body, k) {
					t.Errorf("body lacks %q", k)
				}
			}
			golden(t, "pages/"+tt.page+".body.golden", a.Body)
			d := digest.Build(a, digest.BuildOptions{})
			var shown []string
			shown = append(shown, d.Summary...)
			for _, q := range d.Quotes {
				shown = append(shown, q.Text, q.Speaker)
			}
			for _, j := range tt.junk {
				for _, s := range shown {
					if strings.Contains(s, j) {
						t.Errorf("digest shows %q in %q", j, s)
					}
				}
			}
		})
	}
}

func TestHinted(t *testing.T) {
	tests := map[string]bool{
		"hover-card":            true,
		"HoverCard__name":       true,
		"article-caption":       true,
		"cookie_banner":         true,
		"ad":                    true,
		"story-body":            false,
		"header shadow":         false,
		"readMoreLink":          true,
		"lead paragraph":        false,
		"adventure":             false,
		"c-related-stories":     true,
		"article share-enabled": true,
		"sr-only":               true,
		"visually-hidden":       true,
		"u-hidden":              true,
	}
	for class, want := range tests {
		if got := hinted(class); got != want {
			t.Errorf("hinted(%q) = %v, want %v", class, got, want)
		}
	}
}

// TestCleanPageKeepsArticleWithHintedClass checks that a long article
// container is kept even when its class carries a hint word.
func TestCleanPageKeepsArticleWithHintedClass(t *testing.T) {
	para := "<p>" + strings.Repeat("The council met on Monday to discuss the harbour plan and its cost. ", 6) + "</p>"
	doc, err := html.Parse(strings.NewReader(`<html><body><div class="story share-enabled">` + para + para + `</div></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	cleanPage(doc)
	if all, _ := textLengths(doc); all < 500 {
		t.Errorf("article removed: %d bytes of text left", all)
	}
}

// TestCleanPageRules checks single rules on small pages: what is left of
// the body's text after cleanPage.
func TestCleanPageRules(t *testing.T) {
	const story = "<p>The council approved the plan on Monday after a long debate about its cost.</p>"
	tests := []struct {
		name, body, want string
	}{
		{"lines of links with line breaks", `<div><a href=/a>One headline</a><br><a href=/b>Two headline</a><br><a href=/c>Three</a></div>`, ""},
		{"popover", `<div popover id=p1>Card text</div>`, ""},
		{"link in prose kept", `<p>The report, <a href=/r>published on Monday</a>, said costs would rise sharply next year.</p>`,
			"The report, published on Monday, said costs would rise sharply next year."},
		{"subheading before prose kept", `<h3>Reaction</h3><p>Residents said they were relieved by the decision.</p>`,
			"Reaction Residents said they were relieved by the decision."},
		{"label and link list", `<h4>Most read</h4><ul><li><a href=/x>First</a></li><li><a href=/y>Second</a></li></ul>`, ""},
		{"hidden popup keeps no link", `<p>Text <span class="newsletter-popup" hidden><a href="/subscribe">Subscribe to our newsletter</a> now</span> more text.</p>`, "Text more text."},
		{"hidden hover card keeps no link", `<p>Text <span class="hover-card" aria-hidden="true"><a href="/p">Card link</a><span>Card</span></span> more text.</p>`, "Text more text."},
		{"blocks inside a link spaced", `<a href=/p><span>Ana Ruiz</span><div>Mayor</div></a>`, "Ana Ruiz Mayor"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader("<html><body>" + story + tt.body + "</body></html>"))
			if err != nil {
				t.Fatal(err)
			}
			cleanPage(doc)
			got := strings.TrimSpace(strings.TrimPrefix(textclean.Space(rawText(doc)), "The council approved the plan on Monday after a long debate about its cost."))
			if got != tt.want {
				t.Errorf("left %q, want %q", got, tt.want)
			}
		})
	}
}

// rawText is the text of n's text nodes, concatenated as they are.
func rawText(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(rawText(c))
	}
	return b.String()
}
