package similar

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func langDoc(lang, title, body string) Doc {
	d := NewDocText(title, body, toks(title), toks(body), time.Time{})
	d.Lang = lang
	return d
}

func TestCrossKeys(t *testing.T) {
	got := CrossKeys("Siete muertos por inundaciones en Lisboa",
		"Las riadas causaron siete muertos en la capital de Portugal tras dos días de tormenta, según la agencia Anepc.")
	for _, want := range []string{"n:lisbon", "n:portugal", "c:flood", "c:dead", "q:7:dead"} {
		if !slices.Contains(got, want) {
			t.Errorf("CrossKeys = %q, want %q among them", got, want)
		}
	}
	for _, bad := range []string{"n:las", "n:siete", "n:2020"} {
		if slices.Contains(got, bad) {
			t.Errorf("CrossKeys = %q: %q is no key", got, bad)
		}
	}
}

// TestCrossLanguage checks that an English and a Spanish report of one
// event join, while two different events that share a country do not.
func TestCrossLanguage(t *testing.T) {
	en := langDoc("en", "Seven dead as floods hit Lisbon",
		"Two days of storms flooded Lisbon, the capital of Portugal, and seven people were killed, officials said on Wednesday.")
	es := langDoc("es", "Siete muertos por inundaciones en Lisboa",
		"Dos días de tormentas inundaron Lisboa, la capital de Portugal, y causaron siete muertos, dijeron las autoridades el miércoles.")
	other := langDoc("es", "Portugal firma un acuerdo comercial con Japón",
		"La ministra de Economía de Portugal, Inês Valadares, firmó en Tokio un acuerdo comercial con el gobierno de Japón.")
	if !SameStory(en, es) {
		t.Errorf("SameStory(en, es) = false, want the same event; keys %q / %q", en.Keys, es.Keys)
	}
	if SameStory(en, other) {
		t.Errorf("SameStory(en, other) = true: a country in common is not one event")
	}
	if got := MatchStory(es, []Doc{withStory(en, 1)}); got != 0 {
		t.Errorf("MatchStory(es, [en]) = %d, want 0", got)
	}
	if got := MatchStory(other, []Doc{withStory(en, 1)}); got != -1 {
		t.Errorf("MatchStory(other, [en]) = %d, want -1", got)
	}
	// A headline and a line compared with whole stories: across languages,
	// as per article.
	if !ShortDoc(es) {
		t.Fatal("es is not a short document")
	}
	if got := (Matcher{}).MatchStoryGroups(es, []Doc{withStory(en, 1)}, nil); got != 0 {
		t.Errorf("MatchStoryGroups(es, [en], nil) = %d, want 0", got)
	}
	if got := (Matcher{}).MatchStoryGroups(other, []Doc{withStory(en, 1)}, nil); got != -1 {
		t.Errorf("MatchStoryGroups(other, [en], nil) = %d, want -1", got)
	}
	// Without languages (signatures of version 1) nothing is compared
	// across languages.
	en.Lang, es.Lang = "", ""
	if SameStory(en, es) {
		t.Error("SameStory without languages = true")
	}
}

func BenchmarkCrossKeys(b *testing.B) {
	body := strings.Repeat(quakeA1+"\n\n", 10)
	b.ReportAllocs()
	for b.Loop() {
		CrossKeys("Quake kills 3 in northern Chile", body)
	}
}

func TestSignatureLang(t *testing.T) {
	for _, lang := range []string{"", "en", "es"} {
		d := langDoc(lang, "Quake kills 3", quakeA1)
		if got := SignatureLang(d.AppendSignature(nil)); got != lang {
			t.Errorf("SignatureLang = %q, want %q", got, lang)
		}
	}
	for _, bad := range [][]byte{nil, {2}, {2, 0, 0, 0, 0, 0, 0, 0, 0, 9, 'e'}} {
		if got := SignatureLang(bad); got != "" {
			t.Errorf("SignatureLang(%x) = %q, want \"\"", bad, got)
		}
	}
}

// TestCrossKeysLexicon checks general entries of the list: the same
// thing said in English and in Spanish gives the same keys, and a Spanish
// article opening a sentence is no name.
func TestCrossKeysLexicon(t *testing.T) {
	for _, tc := range []struct{ en, es string }{
		{"Flooding in the Gaza Strip", "Inundaciones en la Franja de Gaza"},
		{"Prices increased 5 percent", "Los precios subieron 5 por ciento"},
		{"Ten kilometres north of the capital", "A 10 kilómetros al norte de la capital"},
		{"Five million people", "Cinco millones de personas"},
		{"Officials from the U.S. meet at the U.N.", "Funcionarios de EEUU se reúnen en la ONU"},
		{"The IMF warns of a recession in Europe", "El FMI advierte de una recesión en Europa"},
		{"Kidnapping in Istanbul on Monday", "Secuestro en Estambul el lunes"},
		{"Three Ukrainian soldiers wounded in Kharkiv", "Tres soldados ucranianos heridos en Járkov"},
	} {
		en, es := CrossKeys(tc.en, ""), CrossKeys(tc.es, "")
		if !slices.Equal(en, es) {
			t.Errorf("CrossKeys(%q) = %q, CrossKeys(%q) = %q, want the same", tc.en, en, tc.es, es)
		}
	}
	for _, es := range []string{"Un terremoto sacude Chile", "Una tormenta en Chile"} {
		if got := CrossKeys(es, ""); slices.Contains(got, "n:united nations") {
			t.Errorf("CrossKeys(%q) = %q: an article is not the UN", es, got)
		}
	}
}

// TestCrossKeysAcronyms checks that acronyms whose lower case is a common
// word match only in capitals, in both directions: "UN" is the ONU, "un"
// and "Un" (Spanish articles) and "us" (a pronoun) are nothing.
func TestCrossKeysAcronyms(t *testing.T) {
	for _, tc := range []struct{ en, es, key string }{
		{"UN envoy visits Gaza", "Enviado de la ONU visita Gaza", "n:united nations"},
		{"Gaza aid: the UN warns", "Gaza: la ONU advierte", "n:united nations"},
		{"WHO declares an emergency in Congo", "La OMS declara una emergencia en Congo", "n:world health organization"},
		{"US sanctions on Iran", "Sanciones de EEUU a Irán", "n:united states"},
		{"US sanctions on Iran", "Sanciones de EE.UU. a Irán", "n:united states"},
		{"EU summit in Brussels", "Cumbre de la UE en Bruselas", "n:european union"},
		{"NATO meets in Brussels", "La OTAN se reúne en Bruselas", "n:nato"},
		{"IMF loan for Greece", "Préstamo del FMI a Grecia", "n:international monetary fund"},
	} {
		en, es := CrossKeys(tc.en, ""), CrossKeys(tc.es, "")
		if !slices.Contains(en, tc.key) || !slices.Contains(es, tc.key) {
			t.Errorf("CrossKeys(%q) = %q, CrossKeys(%q) = %q, want %q in both", tc.en, en, tc.es, es, tc.key)
		}
		if !slices.Equal(en, es) {
			t.Errorf("CrossKeys(%q) = %q, CrossKeys(%q) = %q, want the same", tc.en, en, tc.es, es)
		}
	}
	for _, tc := range []struct{ text, key string }{
		{"Un terremoto sacude Chile y deja un muerto", "n:united nations"},
		{"Chile: un terremoto deja un muerto", "n:united nations"},
		{"Un Chile distinto", "n:united nations"},
		{"Who won in Chile? Voters tell us", "n:world health organization"},
		{"Who won in Chile? Voters tell us", "n:united states"},
		{"Us and Them tour opens in Chile", "n:united states"},
	} {
		if got := CrossKeys(tc.text, ""); slices.Contains(got, tc.key) {
			t.Errorf("CrossKeys(%q) = %q: %q is no acronym", tc.text, got, tc.key)
		}
	}
}

// TestLexiconWellFormed checks the rules stated in the header of
// lexicon_en_es.txt: every line of data is "kind canonical: variants" with
// kind n, c or q, variants are folded, phrases have at most three words,
// and no variant belongs to two concepts (the loader would keep the last
// one silently).
func TestLexiconWellFormed(t *testing.T) {
	owner := make(map[string]string) // variant → line that holds it
	for i, line := range strings.Split(lexiconText, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		head, rest, ok := strings.Cut(line, ":")
		if len(line) < 3 || line[1] != ' ' || !strings.ContainsRune("ncq", rune(line[0])) || !ok {
			t.Errorf("line %d %q: want \"kind canonical: variant, ...\" with kind n, c or q", i+1, line)
			continue
		}
		key := strings.TrimSpace(head[2:])
		vs := strings.Split(rest, ",")
		if line[0] != 'q' {
			vs = append(vs, key)
		}
		for _, v := range vs {
			v = strings.Join(strings.Fields(v), " ")
			if v == "" {
				continue
			}
			if a, ok := strings.CutPrefix(v, "="); ok {
				if a == "" || strings.ToUpper(a) != a || strings.ContainsAny(a, " .") {
					t.Errorf("line %d: acronym %q: want one word in capitals", i+1, v)
				}
				if prev, ok := owner[v]; ok && prev != line {
					t.Errorf("acronym %q on two lines: %q and %q", v, prev, line)
				}
				owner[v] = line
				continue
			}
			if v != fold(v) {
				t.Errorf("line %d: variant %q is not folded (want %q)", i+1, v, fold(v))
			}
			if n := strings.Count(v, " ") + 1; n > 3 {
				t.Errorf("line %d: variant %q has %d words, at most 3 match", i+1, v, n)
			}
			if prev, ok := owner[v]; ok && prev != line {
				t.Errorf("variant %q on two lines: %q and %q", v, prev, line)
			}
			owner[v] = line
		}
	}
	if len(owner) < 1000 {
		t.Errorf("lexicon has %d variants, want the general list (at least 1000)", len(owner))
	}
}

// TestCrossLead checks that the keys of a body come from its lead: a body
// opening with its headline (once or more) or with a byline gives the keys
// of the sentences after them.
func TestCrossLead(t *testing.T) {
	const title = "Storm hits the coast"
	lead := "Heavy rain flooded Lisbon and Porto on Monday. Two people died in Braga. Ferries stopped in Faro."
	want := CrossKeys(title, lead)
	for _, body := range []string{
		title + "\n\n" + lead,
		title + "\n\n" + title + "\n\n" + lead,
		title + " " + lead,
		"By Ann Lee and Bo Wu\n\n" + lead,
		"Por Ana Ruiz y Luis Gil\n" + lead,
		title + "\n\nBY ANN LEE\n\n" + lead,
	} {
		if got := CrossKeys(title, body); !slices.Equal(got, want) {
			t.Errorf("CrossKeys(%q) = %q, want %q", body, got, want)
		}
	}
	// Neither a copy of the headline nor a byline: the body is kept whole.
	for _, body := range []string{
		"Storm hits the coastline of Portugal.",
		"By Monday, Lisbon was flooded.\nPorto was next.",
		"Por la tarde llegaron a Lisboa.\nOporto fue la siguiente.",
		"By the sea in Lisbon\nPorto was next",
	} {
		if got := crossLead(title, body); got != body {
			t.Errorf("crossLead(%q) = %q, want the body whole", body, got)
		}
	}
}

// TestCrossKeysNumbers checks that a number written either way gives one
// key: thousands grouped by ',' or '.', a decimal comma, and a number
// times a spelled-out thousand or million.
func TestCrossKeysNumbers(t *testing.T) {
	for _, tc := range []struct{ en, es, key string }{
		{"4,000 people fled", "4.000 personas huyeron", "q:4000:people"},
		{"19,000 people fled", "19 mil personas huyeron", "q:19000:people"},
		{"3 million people fled", "3 millones de personas huyeron", "q:3000000:people"},
		{"1.5 million people fled", "1,5 millones de personas huyeron", "q:1500000:people"},
		{"9.5 percent", "9,5 por ciento", "q:9.5:percent"},
	} {
		en, es := CrossKeys(tc.en, ""), CrossKeys(tc.es, "")
		if !slices.Contains(en, tc.key) || !slices.Contains(es, tc.key) {
			t.Errorf("CrossKeys(%q) = %q, CrossKeys(%q) = %q, want %q in both", tc.en, en, tc.es, es, tc.key)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"4,000", "4000"}, {"4.000", "4000"}, {"1,234,567", "1234567"}, {"9,5", "9.5"},
		{"9.5", "9.5"}, {"131st", "131st"}, {"12", "12"}, {"1.2.3", "1.2.3"},
	} {
		if got := crossNumber(tc.in); got != tc.want {
			t.Errorf("crossNumber(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestCrossKeysInflected checks that a plural or gender the list leaves
// out is found by the form it lists, and that short words are not.
func TestCrossKeysInflected(t *testing.T) {
	for _, tc := range []struct{ text, key string }{
		{"Cerraron varias localidades", "c:town"},
		{"Las familias refugiadas esperan", "c:refugees"},
		{"Heavy rain in several neighborhoods", "c:neighbourhood"},
	} {
		if got := CrossKeys(tc.text, ""); !slices.Contains(got, tc.key) {
			t.Errorf("CrossKeys(%q) = %q, want %q", tc.text, got, tc.key)
		}
	}
}

// TestCrossKeysCapitalConcept checks that a news word of the list written
// with a capital alone inside a sentence is also a name ("Victoria" the
// state, not a victory), while inside a name of capitals it is the part
// a translation translates ("Times Square", "la plaza").
func TestCrossKeysCapitalConcept(t *testing.T) {
	got := CrossKeys("Fires in the south", "Fires burned across Victoria on Monday.")
	if !slices.Contains(got, "n:victoria") {
		t.Errorf("CrossKeys = %q, want n:victoria", got)
	}
	got = CrossKeys("Crowds in New York", "Crowds filled Times Square at midnight.")
	if !slices.Contains(got, "c:square") || slices.Contains(got, "n:square") {
		t.Errorf("CrossKeys = %q, want c:square and no n:square", got)
	}
	got = CrossKeys("Incendios en el sur", "El fuego avanza por Australia Meridional y Victoria.")
	if !slices.Contains(got, "n:victoria") {
		t.Errorf("CrossKeys = %q, want n:victoria (names in a list stay apart)", got)
	}
	for _, tc := range []struct{ text, bad string }{
		{"El fuego alcanzó la victoria de los bomberos.", "n:victoria"},       // lower case: a victory
		{"Officials put the region under a State of Disaster.", "n:disaster"}, // a part of a name
		{"Thousands marched through the city on New Year's Day.", "n:day"},
		{"La Oficina de Gestión de Desastres dio el aviso.", "n:desastres"},
		{"Según el Gobierno, la cifra subirá.", "n:gobierno"}, // an institution
	} {
		if got := CrossKeys("Fuegos en el sur", tc.text); slices.Contains(got, tc.bad) {
			t.Errorf("CrossKeys(%q) = %q: %q is no name", tc.text, got, tc.bad)
		}
	}
}

// TestCrossLanguageDifferentEvents checks that two events sharing their
// people, or their place and toll, do not join: the same leaders on two
// occasions, the same player in a match and in a contract, an earthquake
// and a flood in one town.
func TestCrossLanguageDifferentEvents(t *testing.T) {
	for _, tc := range []struct{ en, enBody, es, esBody string }{
		{"Biden meets Zelensky in Kyiv, pledges $500 million in new military aid",
			"President Joe Biden made a surprise visit to Kyiv on Monday, meeting Ukrainian President Volodymyr Zelensky and announcing half a billion dollars in new military aid. Air raid sirens sounded as the two leaders walked through the city.",
			"Zelenski y Biden hablan por teléfono sobre las sanciones a Rusia",
			"El presidente de Ucrania, Volodímir Zelenski, conversó por teléfono con el presidente de Estados Unidos, Joe Biden, sobre nuevas sanciones contra Rusia y el suministro de gas a Europa. Ambos líderes acordaron reunirse en la cumbre de la OTAN en julio."},
		{"Messi scores twice as Barcelona beat Real Madrid 3-1",
			"Lionel Messi scored twice as Barcelona beat Real Madrid 3-1 at the Camp Nou on Sunday, moving five points clear at the top of La Liga.",
			"Messi renueva con el Barcelona hasta 2025",
			"Lionel Messi firmó este miércoles la renovación de su contrato con el Barcelona hasta junio de 2025, informó el club en un comunicado. El argentino cobrará un salario menor."},
		{"Earthquake of magnitude 6.1 kills 3 in northern Chile",
			"A magnitude 6.1 earthquake struck northern Chile on Tuesday, killing three people and damaging homes in Antofagasta, officials said.",
			"Inundaciones dejan tres muertos en el norte de Chile",
			"Las lluvias torrenciales provocaron inundaciones en el norte de Chile y dejaron tres muertos en Antofagasta, informaron las autoridades el martes."},
	} {
		en, es := langDoc("en", tc.en, tc.enBody), langDoc("es", tc.es, tc.esBody)
		if SameStory(en, es) {
			t.Errorf("SameStory(%q, %q) = true, want two events; keys %q / %q", tc.en, tc.es, en.Keys, es.Keys)
		}
	}
}

// TestCrossConceptsListed checks that the news words of settingConcepts
// and eventKinds are concepts of the list (a word missing from it would
// never be a key).
func TestCrossConceptsListed(t *testing.T) {
	listed := make(map[string]bool)
	for _, e := range loadLexicon().words {
		if e.kind == 'c' {
			listed[e.key] = true
		}
	}
	lists := []string{settingConcepts}
	for _, l := range eventKinds() {
		lists = append(lists, l)
	}
	for _, l := range lists {
		for _, c := range strings.Split(l, ",") {
			if !listed[c] {
				t.Errorf("%q is no concept of lexicon_en_es.txt", c)
			}
		}
	}
}
