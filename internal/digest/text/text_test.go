package text

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func sentenceTexts(d *Document) []string {
	out := make([]string, len(d.Sentences))
	for i, s := range d.Sentences {
		out[i] = d.Text(s.Span)
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string
	}{
		{"plain", "The vote passed. It was close.", []string{"The vote passed.", "It was close."}},
		{"us abbreviation before name", "Former U.S. President Dana Whitfield spoke.", []string{"Former U.S. President Dana Whitfield spoke."}},
		{"us abbreviation ends sentence", "The firm moved to the U.S. It now employs 500 people.",
			[]string{"The firm moved to the U.S.", "It now employs 500 people."}},
		{"titles", "Mr. Smith met Mrs. Jones and Dr. Brown. Gen. Lee and Sen. Warren agreed with Gov. Hale.",
			[]string{"Mr. Smith met Mrs. Jones and Dr. Brown.", "Gen. Lee and Sen. Warren agreed with Gov. Hale."}},
		{"months", "It happened on Jan. 5 and again on Feb. 12. Nobody noticed.",
			[]string{"It happened on Jan. 5 and again on Feb. 12.", "Nobody noticed."}},
		{"spanish titles", "El Sr. López y la Sra. García viajaron a EE.UU. ayer. Volverán el lunes.",
			[]string{"El Sr. López y la Sra. García viajaron a EE.UU. ayer.", "Volverán el lunes."}},
		{"spanish abbreviation ends sentence", "La empresa se mudó a EE.UU. El traslado costó mucho.",
			[]string{"La empresa se mudó a EE.UU.", "El traslado costó mucho."}},
		{"initials", "The books by J. K. Rowling sold well. Sales rose.", []string{"The books by J. K. Rowling sold well.", "Sales rose."}},
		{"decimals and money", "Profits rose 2.5% to $1.13bn. The shares fell.", []string{"Profits rose 2.5% to $1.13bn.", "The shares fell."}},
		{"ellipsis mid sentence", "He paused... and then left. Nobody followed.", []string{"He paused... and then left.", "Nobody followed."}},
		{"ellipsis ends sentence", "We waited… Then the doors opened.", []string{"We waited…", "Then the doors opened."}},
		{"quote closed then lowercase", "“The river is sacred.” she said. Talks went on.",
			[]string{"“The river is sacred.” she said.", "Talks went on."}},
		{"quote comma attribution", "“We can share the load,” she said. “But not here.”",
			[]string{"“We can share the load,” she said.", "“But not here.”"}},
		{"multi-sentence quote", "“The river is sacred. Our water is not for sale,” Ibarra said. Talks went on.",
			[]string{"“The river is sacred.", "Our water is not for sale,” Ibarra said.", "Talks went on."}},
		{"question in quote then named speaker", "\"Why now?\" Senator Warren asked. The room went quiet.",
			[]string{"\"Why now?\" Senator Warren asked.", "The room went quiet."}},
		{"quote ends then pronoun sentence", "He called it \"a great day.\" She said the city could wait no longer.",
			[]string{"He called it \"a great day.\"", "She said the city could wait no longer."}},
		{"quote ends then new sentence", "He said: \"We won.\" The crowd cheered.", []string{"He said: \"We won.\"", "The crowd cheered."}},
		{"unclosed quote spanning paragraphs", "“We will stay. We will fight.\n\n“We will never give up,” he said.",
			[]string{"“We will stay.", "We will fight.", "“We will never give up,” he said."}},
		{"no final punctuation", "Breaking news tonight", []string{"Breaking news tonight"}},
		{"exclamation", "Stop! Please listen.", []string{"Stop!", "Please listen."}},
		{"parenthesis", "Sales rose (a lot.) Costs fell.", []string{"Sales rose (a lot.)", "Costs fell."}},
		{"company abbreviation", "Coastline Analytics Inc. said prices rose. Others disagreed.",
			[]string{"Coastline Analytics Inc. said prices rose.", "Others disagreed."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sentenceTexts(Analyze(tt.body))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("sentences:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestParagraphs(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string
	}{
		{"one per line", "First paragraph here.\nSecond paragraph here.\n", []string{"First paragraph here.", "Second paragraph here."}},
		{"blank lines", "First.\n\n  Second.  \n\n\nThird.", []string{"First.", "Second.", "Third."}},
		{"hard wrapped", "The council voted on Tuesday to approve a flood defence\nprogramme after three years of debate over how to\nprotect the harbour district.\n\nConstruction starts in March.",
			[]string{"The council voted on Tuesday to approve a flood defence\nprogramme after three years of debate over how to\nprotect the harbour district.", "Construction starts in March."}},
		{"crlf", "One line.\r\nAnother line.\r\n", []string{"One line.", "Another line."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Analyze(tt.body)
			var got []string
			for _, p := range d.Paragraphs {
				got = append(got, d.Text(p.Span))
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("paragraphs:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestBoilerplate(t *testing.T) {
	tests := []struct {
		name string
		para string
		want bool
	}{
		{"read more", "READ MORE", true},
		{"read more inline", "Read more: Mayor reveals plan", true},
		{"related", "Related Articles", true},
		{"advertisement", "Advertisement", true},
		{"newsletter", "Sign up for our newsletter", true},
		{"share", "Share this article", true},
		{"follow", "Follow us on Twitter", true},
		{"click", "Click here to read the full report", true},
		{"read the rest", "Read the rest here", true},
		{"photo prefix", "Photo: Reuters", true},
		{"ap photo", "Inés Báez speaks in Monterrey. (AP Photo/Ana Ortiz)", true},
		{"getty", "Tomas Whitfield at the state house. Getty Images", true},
		{"byline", "By Jane Doe", true},
		{"reporting by", "Reporting by Tom Ellery; Editing by Rosa Finch", true},
		{"copyright", "© 2024 Reuters. All rights reserved.", true},
		{"spanish byline", "Por María López", true},
		{"reprint notice", "This material may not be published, broadcast, rewritten or redistributed.", true},
		{"republished", "This article was originally published by the Harbour Review and is republished with permission.", true},
		{"cookie notice", "We use cookies to improve your experience. By continuing you agree to our cookie policy.", true},
		{"spanish reprint notice", "Queda prohibida la reproducción total o parcial de este contenido sin autorización.", true},
		{"spanish cookie notice", "Utilizamos cookies propias y de terceros. Si continúas navegando, aceptas su uso.", true},
		{"contribution credit", "The Associated Press contributed to this report.", true},
		{"contributed reporting", "Rosa Finch in Salem contributed reporting.", true},
		{"spanish collaboration in prose", "El ejército colaboró en esta operación de rescate en la sierra.", false},
		{"spanish information in prose", "La empresa contribuyó con información a la investigación de la fiscalía.", false},
		{"contributed reporting in prose", "Neighbours contributed reporting of damage to the council hotline after the storm.", false},
		{"contribution in prose", "Farmers contributed to this year's record harvest despite the drought, the ministry said in its annual review of the sector.", false},
		{"cookies in prose", "The bakery sold more cookies this winter than in any year since it opened in 1998, its owner said.", false},
		{"article prose", "The council voted 9-2 on Tuesday to approve the plan.", false},
		{"sentence starting with by", "By the end of the year, sales had doubled across the region.", false},
		{"related in prose", "Related charges were filed against two other men on Friday.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := "The first paragraph of the story is ordinary prose that explains what happened.\n\n" + tt.para
			d := Analyze(body)
			if n := len(d.Paragraphs); n != 2 {
				t.Fatalf("got %d paragraphs, want 2", n)
			}
			if got := d.Paragraphs[1].Boilerplate; got != tt.want {
				t.Errorf("Boilerplate(%q) = %v, want %v", tt.para, got, tt.want)
			}
			if d.Paragraphs[0].Boilerplate {
				t.Error("first paragraph flagged")
			}
		})
	}
}

func TestBoilerplateBlocks(t *testing.T) {
	body := "Story sentence one is here and it is long enough.\n" +
		"- Celebrity chef unveils wild plan to open a diner on a lighthouse\n" +
		"- Former coach’s stunning claim about next season leaves fans reeling\n" +
		"Another real sentence of the story follows the list.\n" +
		"READ MORE\n" +
		"Short teaser line\n" +
		"- Some other headline"
	d := Analyze(body)
	want := []bool{false, true, true, false, true, true, true}
	var got []bool
	for _, p := range d.Paragraphs {
		got = append(got, p.Boilerplate)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("boilerplate flags = %v, want %v", got, want)
	}
	for _, s := range d.Sentences {
		if d.Paragraphs[s.Para].Boilerplate {
			t.Errorf("sentence %q from a boilerplate paragraph", d.Text(s.Span))
		}
	}
}

// TestSeed checks the project's seed article: nothing of its READ MORE
// block may survive as a sentence.
func TestSeed(t *testing.T) {
	path := seedPath(t)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d := Analyze(string(b))
	if d.Lang != "en" {
		t.Errorf("Lang = %q, want en", d.Lang)
	}
	// The teaser headlines are read from the file: the "- " lines after
	// its READ MORE line.
	_, block, ok := strings.Cut(string(b), "READ MORE")
	if !ok {
		t.Fatal("the seed article has no READ MORE block")
	}
	var teasers []string
	for _, line := range strings.Split(block, "\n") {
		if h, ok := strings.CutPrefix(strings.TrimSpace(line), "- "); ok {
			teasers = append(teasers, h)
		}
	}
	if len(teasers) == 0 {
		t.Fatal("no teaser headlines after READ MORE")
	}
	for _, s := range d.Sentences {
		txt := d.Text(s.Span)
		if strings.Contains(txt, "READ MORE") {
			t.Errorf("boilerplate survived: %q", txt)
		}
		for _, h := range teasers {
			if strings.Contains(txt, h) || strings.Contains(h, txt) {
				t.Errorf("teaser headline survived: %q", txt)
			}
		}
	}
	if len(d.Sentences) < 20 {
		t.Errorf("only %d sentences", len(d.Sentences))
	}
}

func seedPath(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("NEWSBOT_SHARED_DIR")
	if dir == "" {
		wd, _ := os.Getwd()
		for d := wd; filepath.Dir(d) != d; d = filepath.Dir(d) {
			if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
				dir = filepath.Join(d, "..", "shared")
				break
			}
		}
	}
	p := filepath.Join(dir, "seeds", "000_2023e0b41bc0d7dc.txt")
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("seed article not found at %s", p)
		}
		t.Skipf("seed article not found at %s; set NEWSBOT_SHARED_DIR", p)
	}
	return p
}

func TestFixture(t *testing.T) {
	d := Analyze(loadArticle(t))
	checkInvariants(t, d)
	for _, s := range d.Sentences {
		txt := d.Text(s.Span)
		for _, bad := range []string{"By Marta", "READ MORE", "Insurers pull out", "AP Photo"} {
			if strings.Contains(txt, bad) {
				t.Errorf("boilerplate survived: %q", txt)
			}
		}
	}
	if got := d.Text(d.Sentences[1].Span); !strings.HasPrefix(got, "The city council of Port Avalon") {
		t.Errorf("second sentence = %q", got)
	}
}

func TestDetectLanguage(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"english", "The president said on Monday that the country would not accept the plan.", "en"},
		{"spanish", "La presidenta dijo el lunes que el país no aceptará el proyecto de la empresa minera en su territorio.", "es"},
		{"empty", "", "en"},
		{"spanish with quotes", "“Nuestro río es sagrado”, afirmó Ibarra durante una conferencia en la que también habló del agua potable.", "es"},
		{"portuguese", "O presidente disse que o governo não vai aceitar a proposta e que a decisão foi tomada pelo conselho com o apoio dos ministros.", "pt"},
		{"french", "Le président a déclaré lundi que le pays n'accepterait pas le plan et que la décision est prise dans l'intérêt des citoyens.", "fr"},
		{"german", "Der Präsident sagte am Montag, dass das Land den Plan nicht akzeptieren werde und die Entscheidung auch für die Bürger gilt.", "de"},
		{"italian", "Il presidente ha detto lunedì che il paese non accetterà il piano e che la decisione è stata presa per il bene dei cittadini.", "it"},
		{"russian", "Президент заявил в понедельник, что страна не примет этот план и что решение окончательное.", "ru"},
		{"ukrainian", "Президент заявив у понеділок, що країна не прийме цей план і що рішення остаточне.", "uk"},
		{"greek", "Ο πρόεδρος δήλωσε τη Δευτέρα ότι η χώρα δεν θα δεχτεί το σχέδιο.", "el"},
		{"japanese", "大統領は月曜日、国はその計画を受け入れないと述べた。", "ja"},
		{"english with a foreign name", "Oleg Voronin (Олег Воронин) said on Monday that the talks would go on.", "en"},
		{"too few words", "Lunes 5", "en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DetectLanguage(tt.text); got != tt.want {
				t.Errorf("DetectLanguage = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTokens(t *testing.T) {
	tests := []struct {
		name, text, lang string
		want             []string
	}{
		{"english", "The councils were voting on flood defences", "en", []string{"council", "vote", "flood", "defenc"}},
		{"numbers kept", "Profits rose 76% to $1.13bn and 11,000 jobs", "en", []string{"profit", "rose", "76", "1.13bn", "11,000", "job"}},
		{"possessive", "Mexico's sovereignty", "en", []string{"mexico", "sovereignti"}},
		{"spanish", "Las tropas de los países vecinos", "es", []string{"trop", "pais", "vecin"}},
		{"accents", "Tomás Echeverría said", "en", []string{"tomá", "echeverría"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Tokens(tt.text, tt.lang); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Tokens = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestWords(t *testing.T) {
	got := Words("Mexico's GDP grew 2.5%, “fast”")
	want := []string{"mexico", "s", "gdp", "grew", "2", "5", "fast"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Words = %q, want %q", got, want)
	}
}

func TestPlain(t *testing.T) {
	d := Analyze("A wrapped line that is long enough to\n  continue on the next line.")
	if got := d.Plain(d.Sentences[0].Span); got != "A wrapped line that is long enough to continue on the next line." {
		t.Errorf("Plain = %q", got)
	}
}

// checkInvariants verifies the structural contract of a Document.
func checkInvariants(t *testing.T, d *Document) {
	t.Helper()
	body := d.Body
	// Boundaries are where decoding rune by rune stops (for valid UTF-8,
	// the rune starts; an invalid byte counts as a one-byte rune).
	boundary := make([]bool, len(body)+1)
	for i := 0; i < len(body); {
		boundary[i] = true
		_, size := utf8.DecodeRuneInString(body[i:])
		i += size
	}
	boundary[len(body)] = true
	onBoundary := func(i int) bool { return boundary[i] }
	prevEnd := -1
	for i, p := range d.Paragraphs {
		if p.Start < 0 || p.End > len(body) || p.Start >= p.End {
			t.Fatalf("paragraph %d span %v out of range", i, p.Span)
		}
		if p.Start < prevEnd {
			t.Fatalf("paragraph %d overlaps the previous one", i)
		}
		if !onBoundary(p.Start) || !onBoundary(p.End) {
			t.Fatalf("paragraph %d span %v not on UTF-8 boundaries", i, p.Span)
		}
		prevEnd = p.End
	}
	prevEnd = -1
	for i, s := range d.Sentences {
		if s.Para < 0 || s.Para >= len(d.Paragraphs) {
			t.Fatalf("sentence %d has paragraph %d", i, s.Para)
		}
		p := d.Paragraphs[s.Para]
		if p.Boilerplate {
			t.Fatalf("sentence %d in a boilerplate paragraph", i)
		}
		if s.Start < p.Start || s.End > p.End || s.Start >= s.End {
			t.Fatalf("sentence %d span %v outside paragraph %v", i, s.Span, p.Span)
		}
		if s.Start < prevEnd {
			t.Fatalf("sentence %d overlaps or goes back", i)
		}
		if !onBoundary(s.Start) || !onBoundary(s.End) {
			t.Fatalf("sentence %d span %v not on UTF-8 boundaries", i, s.Span)
		}
		prevEnd = s.End
	}
	if !knownLang[d.Lang] {
		t.Fatalf("Lang = %q", d.Lang)
	}
}

// knownLang holds every code DetectLanguage may return.
var knownLang = map[string]bool{
	"en": true, "es": true, "pt": true, "fr": true, "de": true, "it": true, "ru": true, "uk": true,
	"el": true, "ar": true, "he": true, "zh": true, "ja": true, "ko": true, "hi": true, "und": true,
}

func FuzzAnalyze(f *testing.F) {
	f.Add(loadArticle(f))
	for _, s := range []string{
		"", "\n\n", "U.S. A. B.", "“Hi.” she said. “Bye!” Smith said.", "...\n- a\n- b\nREAD MORE\nx",
		"\xff\xfe. A", "EE.UU. El", "Mr.", "a.\u00a0B", "“‘¿Qué?’”", "word… word", "\r\n\r\n. .",
		"«¿Cómo estás? Te propongo que trabajemos juntos. Quiero ayudarte', relató Ibarra. La reunión siguió.",
		"“Me dijo: ‘No puedo. Ya es tarde’, y se fue”, contó. ¡Basta! ¿Y ahora? Nada.",
		"\"'¿Me dejas? Sí', le dijo\", relató. Mis palabras se leyeron fuera de lugar», dijo Ledesma.",
		"«Uno. «Dos. »Tres» cuatro». ‘a’ ’b‘ \"c\" \"d. 'e' f'. ¡¿Qué?! ¿¡No!?",
		"O governo anunciou. \"Não vamos recuar\", disse o ministro. Президент заявил. 大統領は述べた。",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		d := Analyze(body)
		checkInvariants(t, d)
		// A sentence opens inside a quotation only after a sentence of its
		// paragraph that left one open, or when it closes one that no mark
		// opened.
		for i, s := range d.Sentences {
			if !s.InQuote {
				continue
			}
			prevOpen := i > 0 && d.Sentences[i-1].Para == s.Para && d.Sentences[i-1].OpenQuote
			if txt := d.Text(s.Span); !prevOpen && !strings.ContainsAny(txt, "»”") {
				t.Fatalf("sentence %q opens inside a quotation that no earlier sentence left open", txt)
			}
		}
		tk := NewTokenizer(d.Lang)
		for _, s := range d.Sentences {
			tk.Append(nil, d.Text(s.Span))
			_ = d.Plain(s.Span)
		}
	})
}

func TestQueryTerms(t *testing.T) {
	tests := []struct {
		name, in string
		max      int
		want     string
	}{
		{"stop words dropped", "the election in México", 12, "election|méxico"},
		{"only stop words kept", "the of and", 12, "the|of|and"},
		{"syntax removed", `"NEAR(x* OR b)" -c ^d:f`, 12, "near|x|b|c|d|f"},
		{"duplicates and cap", "Water water WATER plan deal vote", 2, "water|plan"},
		{"nul and invalid utf-8", "abc\x00def\xffghi", 12, "abc|def|ghi"},
		{"spanish stop words", "la sequía no se acaba", 12, "sequía|acaba"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := strings.Join(QueryTerms(tt.in, tt.max), "|"); got != tt.want {
				t.Fatalf("QueryTerms(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestHasRules(t *testing.T) {
	for lang, want := range map[string]bool{"en": true, "es": true, "pt": false, "ru": false, "und": false, "": false} {
		if got := HasRules(lang); got != want {
			t.Errorf("HasRules(%q) = %v, want %v", lang, got, want)
		}
	}
}

// TestSentenceQuotations checks the quotation state of each sentence:
// which open inside a quotation (InQuote) and which leave one open.
func TestSentenceQuotations(t *testing.T) {
	type sent struct {
		text            string
		inQuote, isOpen bool
	}
	tests := []struct {
		name string
		body string
		want []sent
	}{
		{"spanish question inside guillemets",
			"«¿Cómo estás? Te propongo que trabajemos juntos», relató Ibarra. La reunión duró una hora.",
			[]sent{{"«¿Cómo estás?", false, true}, {"Te propongo que trabajemos juntos», relató Ibarra.", true, false}, {"La reunión duró una hora.", false, false}}},
		{"nested single quotes",
			"“Me dijo: ‘No puedo. Ya es tarde’, y se fue”, contó la alcaldesa. Nadie respondió.",
			[]sent{{"“Me dijo: ‘No puedo.", false, true}, {"Ya es tarde’, y se fue”, contó la alcaldesa.", true, false}, {"Nadie respondió.", false, false}}},
		{"straight single quotes",
			"\"'¿Me dejas ayudarte? Te propongo que lo hagamos juntos', le dijo\", relató Ibarra. Luego se fue.",
			[]sent{{"\"'¿Me dejas ayudarte?", false, true}, {"Te propongo que lo hagamos juntos', le dijo\", relató Ibarra.", true, false}, {"Luego se fue.", false, false}}},
		{"exclamation",
			"¡Basta! Eso dijo el ministro. «¡Basta ya!», gritó.",
			[]sent{{"¡Basta!", false, false}, {"Eso dijo el ministro.", false, false}, {"«¡Basta ya!», gritó.", false, false}}},
		{"apostrophes do not open or close",
			"The firm's chief said it didn’t matter. 'Things change,' he said. The '90s were different.",
			[]sent{{"The firm's chief said it didn’t matter.", false, false}, {"'Things change,' he said.", false, false}, {"The '90s were different.", false, false}}},
		{"unclosed quotation restarted",
			"\"Sales were slow. \"The warning signs are there.\" The bank said nothing.",
			[]sent{{"\"Sales were slow.", false, true}, {"\"The warning signs are there.\"", false, false}, {"The bank said nothing.", false, false}}},
		{"closing mark without an opening one",
			"Nunca he apoyado a ningún partido. Mis palabras se leyeron fuera de lugar», dijo Ledesma. El anuncio sigue.",
			[]sent{{"Nunca he apoyado a ningún partido.", false, false}, {"Mis palabras se leyeron fuera de lugar», dijo Ledesma.", true, false}, {"El anuncio sigue.", false, false}}},
		{"state ends with the paragraph",
			"«No vamos a parar.\n\nEl gobierno respondió.",
			[]sent{{"«No vamos a parar.", false, true}, {"El gobierno respondió.", false, false}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Analyze(tt.body)
			var got []sent
			for _, s := range d.Sentences {
				got = append(got, sent{d.Text(s.Span), s.InQuote, s.OpenQuote})
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("sentences:\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestAnalyzeOtherLanguage(t *testing.T) {
	body := "O governo anunciou ontem um novo plano. A decisão foi tomada pelo conselho com o apoio dos ministros.\n\n\"Não vamos recuar\", disse o ministro. O plano começa em março."
	d := Analyze(body)
	if d.Lang != "pt" || HasRules(d.Lang) {
		t.Fatalf("Lang = %q, want pt (no rules)", d.Lang)
	}
	want := []string{"O governo anunciou ontem um novo plano.", "A decisão foi tomada pelo conselho com o apoio dos ministros.",
		"\"Não vamos recuar\", disse o ministro.", "O plano começa em março."}
	if got := sentenceTexts(d); !reflect.DeepEqual(got, want) {
		t.Errorf("sentences:\n got %q\nwant %q", got, want)
	}
}

// TestAppendLower checks that the boilerplate rules lower a paragraph the
// way strings.ToLower does, invalid UTF-8 and length-changing mappings
// included, and that a cut prefix is the lowered cut.
func TestAppendLower(t *testing.T) {
	for _, s := range []string{
		"", "Read More", "PHOTO: AP", "\u212aELVIN", "\u0130stanbul", "bad \xff byte", "\ufffd",
		"Lee TAMBIÉN", "© 2024 Reuters", strings.Repeat("Ñandú ", 30),
	} {
		if got, want := string(AppendLower(nil, s)), strings.ToLower(s); got != want {
			t.Errorf("AppendLower(%q) = %q, want %q", s, got, want)
		}
		n := 120
		cut := s
		if len(cut) > n {
			for n > 0 && !utf8.RuneStart(cut[n]) {
				n--
			}
			cut = cut[:n]
		}
		if got, want := string(appendLowerPrefix(nil, s, 120)), strings.ToLower(cut); got != want {
			t.Errorf("appendLowerPrefix(%q) = %q, want %q", s, got, want)
		}
	}
}
