package summary

import (
	"strings"
	"testing"

	"github.com/newsdigest/bot/internal/digest/text"
)

func TestExtractFixture(t *testing.T) {
	doc := text.Analyze(loadArticle(t))
	got := ExtractWithTitle(doc, "Harbour city council approves $2.4bn flood defence plan after record storm season", 3)
	if len(got) != 3 {
		t.Fatalf("got %d sentences, want 3", len(got))
	}
	for i, s := range got {
		txt := doc.Text(s.Span)
		t.Logf("%d: %s", i, txt)
		if i > 0 && s.Start <= got[i-1].Start {
			t.Errorf("sentences not in article order")
		}
		if !strings.Contains(doc.Body, txt) || doc.Paragraphs[s.Para].Boilerplate {
			t.Errorf("sentence %q is not a non-boilerplate span of the body", txt)
		}
		if opensWithQuote(txt) {
			t.Errorf("summary sentence opens with a quotation: %q", txt)
		}
	}
	// The lead tells the story; it must be there.
	if lead := doc.Text(got[0].Span); !strings.HasPrefix(lead, "The city council of Port Avalon voted") {
		t.Errorf("first summary sentence = %q, want the lead", lead)
	}
}

func TestExtractEdgeCases(t *testing.T) {
	tests := []struct {
		name string
		doc  *text.Document
		n    int
		want int
	}{
		{"nil document", nil, 3, 0},
		{"zero budget", text.Analyze("The council approved the long awaited flood plan on Tuesday."), 0, 0},
		{"empty body", text.Analyze(""), 3, 0},
		{"fewer sentences than budget", text.Analyze("The council approved the long awaited flood plan on Tuesday. Work starts in March next year."), 5, 2},
		{"fragments skipped", text.Analyze("The council approved the long awaited flood plan on Tuesday. Yes. Really."), 3, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Extract(tt.doc, tt.n); len(got) != tt.want {
				t.Errorf("got %d sentences, want %d", len(got), tt.want)
			}
		})
	}
}

func TestExtractDanglingAndDuplicates(t *testing.T) {
	body := "Storm defences for the harbour district were approved by the city council on Tuesday evening.\n\n" +
		"Other business on the agenda included a new library and changes to parking rules downtown.\n\n" +
		"He said the harbour district flood defences were the most important decision in a generation.\n\n" +
		"Storm defences for the harbour district were approved by the city council on Tuesday evening.\n\n" +
		"However, the harbour district flood defences will cost far more than the council first expected."
	doc := text.Analyze(body)
	for n := 1; n <= 4; n++ {
		got := Extract(doc, n)
		seen := map[string]bool{}
		picked := map[int]bool{}
		for _, s := range got {
			for i, ds := range doc.Sentences {
				if ds == s {
					picked[i] = true
				}
			}
		}
		for i, s := range doc.Sentences {
			if !picked[i] {
				continue
			}
			txt := doc.Text(s.Span)
			if seen[txt] {
				t.Errorf("n=%d: duplicate sentence %q", n, txt)
			}
			seen[txt] = true
			if dangling(txt, "en") && !picked[i-1] {
				t.Errorf("n=%d: dangling sentence picked without its antecedent: %q", n, txt)
			}
		}
	}
}

func TestDangling(t *testing.T) {
	tests := []struct {
		sentence, lang string
		want           bool
	}{
		{"He said the plan was final.", "en", true},
		{"“She is right,” he said.", "en", true},
		{"This is a turning point.", "en", true},
		{"This year the budget doubled.", "en", false},
		{"However, costs rose.", "en", true},
		{"In addition, costs rose.", "en", true},
		{"In March, costs rose.", "en", false},
		{"The council voted.", "en", false},
		{"Sin embargo, el plan siguió adelante.", "es", true},
		{"Él dijo que no.", "es", true},
		{"Pero nadie respondió.", "es", true},
		{"Sinaloa es un estado.", "es", false},
		{"Ella habló ayer.", "es", true},
		{"Esta semana se votó el plan.", "es", false},
	}
	for _, tt := range tests {
		t.Run(tt.sentence, func(t *testing.T) {
			if got := dangling(tt.sentence, tt.lang); got != tt.want {
				t.Errorf("dangling(%q) = %v, want %v", tt.sentence, got, tt.want)
			}
		})
	}
}

func FuzzExtract(f *testing.F) {
	f.Add(loadArticle(f), "Harbour council approves plan", 3)
	f.Add("“Hi.” He left. However, fine. This.", "", 2)
	f.Add("«¿Qué tal? Les pido que estudiemos juntos. Quiero escucharlos', contó Báez ante los estudiantes de la escuela. La gobernadora habló durante una hora.", "Báez habla con estudiantes", 3)
	f.Add("“Me dijo: ‘No puedo. Ya es tarde’, y se fue”, contó la alcaldesa del municipio. ¡Basta ya de promesas! El gobierno respondió por la tarde con un comunicado largo.", "", 2)
	f.Fuzz(func(t *testing.T, body, title string, n int) {
		n %= 8
		doc := text.Analyze(body)
		got := ExtractWithTitle(doc, title, n)
		if len(got) > max(n, 0) {
			t.Fatalf("got %d sentences for n=%d", len(got), n)
		}
		index := make(map[text.Span]int, len(doc.Sentences))
		for i, s := range doc.Sentences {
			index[s.Span] = i
		}
		for i, s := range got {
			if i > 0 && s.Start <= got[i-1].Start {
				t.Fatal("not in article order")
			}
			_ = doc.Text(s.Span)
			// A sentence opening inside a quotation comes only with the
			// sentence before it.
			if k := index[s.Span]; s.InQuote && (i == 0 || k == 0 || got[i-1].Span != doc.Sentences[k-1].Span) {
				t.Fatalf("summary sentence %q opens inside a quotation without the one before it", doc.Text(s.Span))
			}
		}
	})
}
