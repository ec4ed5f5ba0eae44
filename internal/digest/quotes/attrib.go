package quotes

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsdigest/bot/internal/digest/text"
)

// Attribution windows, in tokens unless marked. They bound how far the
// attribution rules look from a quotation mark or a cue verb, so that a
// speaker is taken from the quote's own clause and the work per quote is
// constant. Set by hand and checked on PolNeAR train (speaker accuracy) and
// the package tests.
const (
	// npMaxWords bounds a noun phrase read backwards or forwards from a cue.
	npMaxWords = 12
	// npParenTokens bounds a parenthetical skipped inside a speaker mention
	// ("Richard Blumenthal (D-Conn.) said").
	npParenTokens = 8
	// cueParenTokens bounds a parenthetical skipped between a speaker and
	// its verb ("…,” Sen. Tom Bell (R-Ohio) said") or inside a subject.
	cueParenTokens = 12
	// appositiveTokens bounds the appositive read after a name ("Megan
	// Greene, chief economist at …, said").
	appositiveTokens = 10
	// appositiveCommaTokens bounds the search for the comma closing (after a
	// name) or opening (before a verb) an appositive.
	appositiveCommaTokens = 25
	// nameMaxWords keeps at most the last words of a capitalised run as the
	// name; fullNameMinWords..fullNameMaxWords words make a full name that
	// a bare surname expands to (resolve.go).
	nameMaxWords     = 4
	fullNameMinWords = 2
	fullNameMaxWords = 4
	// descMaxTokens bounds a description ("a spokesperson for the …").
	descMaxTokens = 14
	// descResolveMinWords..descResolveMaxWords words make a definite
	// description that refers back to a speaker ("the spokesperson").
	descResolveMinWords = 2
	descResolveMaxWords = 3
	// initialMaxBytes: a capitalised word this short may be an initial
	// inside a name ("J").
	initialMaxBytes = 2
	// cueAfterNPTokens bounds the distance from a noun phrase after a
	// closing mark to its verb ("…,” the former first lady said").
	cueAfterNPTokens = 10
	// introPhraseTokens bounds an introductory phrase before a subject
	// ("Hours later, Bell told …"); subjectTokens bounds the subject.
	introPhraseTokens = 20
	subjectTokens     = 10
	// maxIntroPhrases bounds the comma-separated introductory phrases
	// skipped before a subject.
	maxIntroPhrases = 3
	// cueBeforeTokens bounds the search for a cue verb before an opening
	// mark; prevSentenceCueTokens the search at the end of the previous
	// sentence ("…, X said in a statement. “…").
	cueBeforeTokens       = 45
	prevSentenceCueTokens = 8
	// maxSentenceTokens bounds the backward search for a sentence start.
	maxSentenceTokens = 80
)

// tokWindow is the tokens [first, last] of a cue, both inclusive.
type tokWindow struct{ first, last int }

// attribution is what the rules found for one quote: the speaker mention
// and, when a verb or phrase introduced it, the cue's tokens. The zero value
// (speaker.kind == npNone) means nothing was found.
type attribution struct {
	speaker np
	cue     tokWindow
	hasCue  bool
}

// cued is an attribution with a cue at tokens [first, last].
func cued(p np, first, last int) attribution {
	return attribution{speaker: p, cue: tokWindow{first, last}, hasCue: true}
}

// uncued is an attribution with no cue ("X: “…”", "“…” ― X").
func uncued(p np) attribution { return attribution{speaker: p} }

// np is a noun phrase over tokens [s, e) and its classification.
type np struct {
	s, e  int
	nameS int // first token of the name itself (npName), after titles
	kind  npKind
	name  string // cleaned text: a name, a pronoun or a description
	heads string // describing nouns of a name ("spokesman")
}

// npBack reads a noun phrase ending just before token k (exclusive), not
// before token lo.
func (x *extractor) npBack(k, lo int) np {
	j := k - 1
	for j >= lo && x.isWord(j) && (x.in(fillers, j) || x.lang == "es" && x.in(esClitics, j) || x.mannerAdverb(j)) {
		j--
	}
	if j >= lo && x.isWord(j) && x.in(pronouns, j) {
		return x.classify(j, j+1)
	}
	e := j + 1
	words := 0
	for j >= lo && words < npMaxWords {
		t := x.toks[j]
		if t.k == tWord {
			if x.isNPStop(j) && !x.upper(j) || x.in(speechVerbs, j) && !x.upper(j) || x.in(backStops, j) {
				break
			}
			words++
			// a Spanish description opens at its determiner unless a
			// preposition links it to more ("el director de la campaña")
			if x.lang == "es" && x.in(determiners, j) && (j == lo || !x.isWord(j-1) || !x.in(prepositions, j-1)) {
				j--
				break
			}
			j--
			continue
		}
		if t.k == tPunct {
			if t.r == '.' && x.isAbbrevDot(j, lo) {
				j--
				continue
			}
			if t.r == ')' {
				// skip a parenthetical "(D-Conn.)"
				d := j - 1
				for d >= lo && !x.isPunct(d, '(') && j-d < npParenTokens {
					d--
				}
				if d >= lo && x.isPunct(d, '(') {
					if words == 0 {
						e = d
					}
					j = d - 1
					continue
				}
			}
			if (t.r == '-' && !x.spacedHyphen(j)) || t.r == '\'' || t.r == '’' {
				j--
				continue // ("HEADLINE - Ann Lee:": a spaced hyphen is a dash)
			}
		}
		break
	}
	s := j + 1
	for s < e && !x.isWord(s) {
		s++
	}
	for e > s && !x.isWord(e-1) {
		e--
	}
	return x.classify(s, e)
}

// npForward reads a noun phrase starting at token i (after a verb), up to
// token hi (exclusive).
func (x *extractor) npForward(i, hi int) np {
	if i >= hi || !x.isWord(i) {
		return np{kind: npNone}
	}
	// a lower-case title before a name: "alcalde Tomás Gil", "presidente Bell"
	if !x.upper(i) && i+1 < hi && x.upper(i+1) && (x.in(titles, i) || x.in(personRoles, i)) {
		p := x.npForward(i+1, hi)
		if p.kind == npName {
			p.s = i
		}
		return p
	}
	// lower-case nouns describing the full name after them: "said
	// resident Kim Sato", "said retired teacher Kim Sato": English
	// puts a bare description before a name only as its title, so the
	// name (two capitalised words at least) is the noun phrase
	if x.lang == "en" && !x.upper(i) {
		if p, ok := x.describedName(i, hi); ok {
			return p
		}
	}
	// a lower-case modifier before a capitalised title: "state Sen. Ana
	// Ruiz", "then-Gov. Tom Bell"
	if x.lang != "es" && !x.upper(i) && i+2 < hi && x.upper(i+1) && x.in(titles, i+1) && !x.in(determiners, i) && !x.isNPStop(i) && !x.in(timeWords, i) && !x.in(speechVerbs, i) {
		p := x.npForward(i+1, hi)
		if p.kind == npName {
			p.s = i
		}
		return p
	}
	if x.in(timeWords, i) || x.isNPStop(i) || !x.upper(i) && !x.in(determiners, i) {
		return np{kind: npNone}
	}
	e := i
	if x.upper(i) && !x.in(determiners, i) {
		// a name: the capitalised run, with abbreviation dots and particles
		for e < hi {
			if x.upper(e) && !x.in(speechVerbs, e) {
				e++
				continue
			}
			if x.isPunct(e, '.') && x.isAbbrevDot(e, i) && e+1 < hi && x.upper(e+1) {
				e++
				continue
			}
			if x.isWord(e) && isParticle(x.word(e)) && e+1 < hi && x.upper(e+1) {
				e++
				continue
			}
			// a role between an organisation and a name: "Marquette
			// pollster Tom Bell", "Ruiz campaign manager Rob Hart"
			if k := x.roleWords(e, hi); k > e && k < hi && x.upper(k) && !x.in(speechVerbs, k) {
				e = k
				continue
			}
			break
		}
		// a possessive, a role and the name in commas: "Bell’s spokesman,
		// Rob Hart,"
		r := e // the role after the possessive ("Jones’ spokesman": after the apostrophe)
		if x.lang != "es" && e > i && e+1 < hi && x.isWord(e-1) && strings.HasSuffix(x.word(e-1), "s") && (x.isPunct(e, '’') || x.isPunct(e, '\'')) && x.toks[e].s == x.toks[e-1].e {
			r = e + 1
		}
		if x.lang != "es" && e > i && x.isWord(e-1) && (r > e || trimPossessive(x.word(e-1)) != x.word(e-1)) {
			if k := x.roleWords(r, hi); k > r && k+1 < hi && x.isPunct(k, ',') && x.upper(k+1) {
				n := k + 1
				for n < hi && (x.upper(n) && !x.in(speechVerbs, n) || x.isPunct(n, '.') && x.isAbbrevDot(n, k+1) && n+1 < hi && x.upper(n+1)) {
					n++
				}
				if n < hi && x.isPunct(n, ',') {
					if q := x.classify(k+1, n); q.kind == npName {
						q.s = i
						q.heads = " " + strings.ToLower(x.b[x.toks[r].s:x.toks[k-1].e]) + " "
						return q
					}
				}
			}
		}
		p := x.classify(i, e)
		// appositive: "Ana Ruiz, chief economist at …"
		if p.kind == npName && e+1 < hi && x.isPunct(e, ',') {
			var rb [64]byte
			role := rb[:0] // lowered as strings.ToLower lowers, on the stack
			for j := e + 1; j < hi && j < e+appositiveTokens && x.isWord(j); j++ {
				if x.in(prepositions, j) && !x.in(determiners, j) || x.isNPStop(j) {
					break // the role ends where its complement starts ("aliado al papa")
				}
				if !x.upper(j) && x.in(speechVerbs, j) {
					role = role[:0] // no appositive but the next clause's subject: "Según Reuters, el ministro dijo"
					break
				}
				if !x.upper(j) && !x.in(determiners, j) {
					role = append(role, ' ')
					role = text.AppendLower(role, x.word(j))
				}
			}
			if len(role) > 0 {
				p.heads += string(append(role, ' '))
			}
		}
		return p
	}
	words := 0
	for e < hi && words < npMaxWords {
		t := x.toks[e]
		if t.k == tWord {
			if e > i && (x.isNPStop(e) && !x.upper(e) || x.in(speechVerbs, e)) {
				break
			}
			words++
			e++
			continue
		}
		if t.k == tPunct && (t.r == '.' && x.isAbbrevDot(e, i) || t.r == '-' || t.r == '’' || t.r == '\'') {
			e++
			continue
		}
		break
	}
	for e > i && !x.isWord(e-1) {
		e--
	}
	p := x.classify(i, e)
	// a description then the name: "el director de prensa de la
	// campaña, Tomás Gil," / "su directora, Lucía Prat"
	// A determiner and a lower-case role make the phrase a description
	// even when its complement is a capitalised organisation: "el vocero
	// de la Fiscalía, Raúl Ibarra," speaks as Ibarra, not as the Fiscalía.
	desc := p.kind == npDesc || p.kind == npName && e-i > 2 && x.in(determiners, i) && !x.upper(i+1) && x.in(personRoles, i+1)
	if desc && e+1 < hi && x.isPunct(e, ',') && x.upper(e+1) {
		n := e + 1
		for n < hi && (x.upper(n) || x.isPunct(n, '.') && x.isAbbrevDot(n, e+1) || x.isWord(n) && isParticle(x.word(n)) && n+1 < hi && x.upper(n+1)) {
			n++
		}
		if n >= hi || x.toks[n].k != tWord {
			if q := x.classify(e+1, n); q.kind == npName {
				q.s = i
				q.heads = " " + strings.ToLower(p.name) + " "
				return q
			}
		}
	}
	return p
}

// opensWithPrep reports a preposition at token i, whatever its case: a
// capitalised run that opens with one ("Desde Palacio Nacional", "From
// Salem") is a complement, not a name.
func (x *extractor) opensWithPrep(i int) bool {
	return x.isWord(i) && (x.in(prepositions, i) && !x.in(determiners, i) || x.in(placePreps, i) || x.isNPStop(i) || inSet(openingPreps, x.word(i)))
}

// openingPreps open a phrase that may start a sentence before its
// subject ("Across Europe, leaders …", "Tras la reunión, …").
var openingPreps = map[string]bool{
	"across": true, "throughout": true, "inside": true, "outside": true,
	"around": true, "beyond": true, "within": true, "among": true, "against": true,
	"toward": true, "towards": true, "upon": true, "behind": true, "along": true,
	"between": true, "until": true, "into": true, "near": true, "under": true,
	"over": true, "despite": true, "amid": true, "like": true, "unlike": true,
	"after": true, "before": true, "during": true, "since": true, "without": true,
	"desde": true, "en": true, "ante": true, "tras": true, "bajo": true,
	"sobre": true, "hacia": true, "entre": true, "durante": true, "para": true,
	"con": true, "contra": true, "mediante": true, "hasta": true, "sin": true,
	"según": true, "according": true,
}

// skipRecipient skips a Spanish recipient after a cue verb ("dijo a la
// radio su madre", "le dijo a Ana Ruiz de la agencia"): "a"/"al", a determiner and
// a capitalised run, with "de" and another run. It returns j when there is
// none.
func (x *extractor) skipRecipient(j, hi int) int {
	if j >= hi || !x.isWord(j) || !strings.EqualFold(x.word(j), "a") && !strings.EqualFold(x.word(j), "al") {
		return j
	}
	k := j + 1
	if k < hi && x.in(determiners, k) && !x.upper(k) {
		k++
		// a recipient that is no person, then the subject: "declaró a
		// la prensa Elena Campos", "explicó a este medio …"; after a
		// role ("a la ministra Elena Campos") the name is the recipient
		n := k
		for n < hi && n < k+recipientNouns && x.isWord(n) && !x.upper(n) && !x.in(determiners, n) && !x.in(prepositions, n) && !x.isNPStop(n) && !x.in(personRoles, n) && !x.in(titles, n) {
			n++
		}
		if n > k && n+1 < hi && x.upper(n) && x.upper(n+1) {
			return n
		}
	}
	if k >= hi || !x.upper(k) {
		return j
	}
	for k < hi && (x.upper(k) || x.isWord(k) && (strings.EqualFold(x.word(k), "de") || strings.EqualFold(x.word(k), "del")) && k+1 < hi && x.upper(k+1)) {
		k++
	}
	return k
}

// recipientNouns bounds the lower-case words of a recipient that is no
// person ("a la prensa", "a este medio").
const recipientNouns = 2

// adverbialMaxTokens bounds a prepositional phrase between a Spanish cue
// verb and its subject ("anunció en un comunicado la Secretaría …").
const adverbialMaxTokens = 6

// skipAdverbial skips a prepositional phrase after a Spanish cue verb when
// a subject (a determiner or a capitalised word after a comma or a
// determiner) follows it; it returns j otherwise.
func (x *extractor) skipAdverbial(j, hi int) int {
	if j >= hi || !x.isWord(j) || !x.in(adverbialPreps, j) {
		return j
	}
	for k := j + 1; k < hi && k <= j+adverbialMaxTokens; k++ {
		if !x.isWord(k) {
			return j
		}
		if x.in(determiners, k) && !x.upper(k) && k+1 < hi && x.isWord(k+1) && !x.in(prepositions, k-1) && !x.in(adverbialPreps, k-1) {
			return k
		}
	}
	return j
}

// adverbialPreps open a Spanish adverbial phrase after a cue verb.
var adverbialPreps = wordSet{bit: bitAdverbialPreps, words: map[string]bool{
	"en": true, "durante": true, "tras": true, "desde": true, "ante": true, "mediante": true,
}}

// hasTimeWord reports a noun phrase holding a time word ("el martes").
func (x *extractor) hasTimeWord(p np) bool {
	for j := p.s; j < p.e; j++ {
		if x.isWord(j) && (x.in(timeWords, j) || x.in(months, j)) && !x.upper(j) {
			return true
		}
	}
	return false
}

// nullSubject is the unexpressed subject of the Spanish cue verb at token
// i ("«…», dijo."): resolved like a personal pronoun when the verb is
// singular; a plural verb ("avisaban") has a group for subject, which no
// single named speaker is.
func (x *extractor) nullSubject(i int) np {
	name := ""
	if esPlural(strings.ToLower(x.word(i))) {
		name = "ellos"
	}
	return np{s: i, e: i + 1, kind: npPronoun, name: name}
}

// roleWords returns the token after up to roleMaxWords lower-case role
// nouns starting at j ("pollster", "campaign manager"), or j when there
// are none.
func (x *extractor) roleWords(j, hi int) int {
	k := j
	for k < hi && k < j+roleMaxWords && x.isWord(k) && !x.upper(k) {
		if x.isNPStop(k) || x.in(determiners, k) || x.in(prepositions, k) || x.in(speechVerbs, k) ||
			x.in(fillers, k) || looksFinite(x.word(k)) || isParticle(x.word(k)) {
			return j
		}
		k++
	}
	return k
}

// roleMaxWords bounds the role nouns between an organisation and a name.
const roleMaxWords = 3

// looksFinite reports an English word shaped like a finite verb ("accuses",
// "praised"), which ends a name run rather than describing the person.
func looksFinite(w string) bool {
	n := len(w)
	if n < 4 {
		return n == 3 && irregularPasts[w] // "met", "led", "won"
	}
	return strings.HasSuffix(w, "ed") || w[n-1] == 's' && w[n-2] != 's' && w[n-2] != 'u' && w[n-2] != 'i' || irregularPasts[w]
}

// irregularPasts are English past tenses without "-ed" that take a
// person as their object ("Ana Ruiz met Tom Bell"): read after a name,
// they end it, so the object is not taken for the subject. Forms that
// are as often nouns or adjectives ("set", "cut", "hit", "read") are left
// out.
var irregularPasts = map[string]bool{
	"met": true, "told": true, "saw": true, "took": true, "gave": true,
	"left": true, "beat": true, "led": true, "made": true, "sent": true,
	"chose": true, "sought": true, "thought": true, "brought": true,
	"taught": true, "caught": true, "fought": true, "bought": true, "kept": true,
	"held": true, "found": true, "lost": true, "paid": true, "struck": true,
	"wrote": true, "spoke": true, "drove": true, "began": true, "came": true,
	"went": true, "heard": true, "felt": true, "knew": true, "threw": true,
	"drew": true, "stood": true, "forgave": true, "overtook": true, "withdrew": true,
	"became": true, "overcame": true, "upheld": true, "mistook": true,
	"shook": true, "swore": true, "won": true, "rang": true, "sang": true,
	"fled": true, "fed": true, "hid": true, "bit": true, "built": true,
	"meant": true, "sold": true, "spent": true, "understood": true,
}

func isParticle(w string) bool {
	switch w {
	case "de", "del", "la", "van", "von", "der", "bin", "al", "da", "di", "le", "du", "dos", "y":
		return true
	}
	return false
}

// pronounForms maps every pronoun to itself: the lowered name of a
// pronoun subject without a lowered copy of its own.
var pronounForms = func() map[string]string {
	m := make(map[string]string, len(pronouns.words))
	for w := range pronouns.words {
		m[w] = w
	}
	return m
}()

// pronounName returns strings.ToLower(w) for a pronoun w.
func pronounName(w string) string {
	if n := getLower(pronounForms, w); n != "" {
		return n
	}
	return strings.ToLower(w)
}

// classify decides whether tokens [s, e) name a person, are a pronoun or
// describe the speaker.
func (x *extractor) classify(s, e int) np {
	for s < e && x.isWord(s) && x.upper(s) && (x.in(leadWords, s) || x.contractedLead(s)) && !x.in(pronouns, s) {
		s++
	}
	for s < e && !x.isWord(s) {
		s++
	}
	if s >= e {
		return np{kind: npNone}
	}
	if e-s == 1 && x.in(pronouns, s) {
		return np{s: s, e: e, kind: npPronoun, name: pronounName(x.word(s))}
	}
	if e-s == 1 && x.lang != "es" && x.upper(s) && x.contracted(s) {
		if st := x.pronounStem(s); st != "" {
			return np{s: s, e: e, kind: npPronoun, name: st} // "He’s predicting"
		}
	}
	// trailing capitalised run
	r := e
	for r > s {
		j := r - 1
		if x.upper(j) || x.isPunct(j, '.') || x.isWord(j) && isParticle(x.word(j)) && r < e || x.isWord(j) && isInitialLike(x.word(j)) {
			r = j
			continue
		}
		break
	}
	for r < e && !x.upper(r) {
		r++
	}
	// an owner before the name is not part of it: "the station’s Rosa Diaz" names
	// the person ("The Gazette’s Ana Ruiz" stays a description: read as
	// a name it would stand as a subject and antecedent it never was)
	// (a person's full name: one word after an owner is as often a thing,
	// "Hart’s Facebook")
	if x.lang != "es" && r < e && !x.in(determiners, r) {
		for j := r; j+2 < e; j++ {
			if x.isWord(j) && x.upper(j+1) && trimPossessive(x.word(j)) != x.word(j) {
				r = j + 1
			}
		}
	}
	if r < e && x.upper(e-1) {
		pre := r - 1
		isName := true
		office := false
		if pre >= s && x.isWord(pre) && x.in(prepositions, pre) {
			isName = false
			// an office then the name: "Secretary of State Ana Ruiz",
			// "Speaker of the House Rep. Tom Bell"
			office = x.lang != "es" && x.officeOf(pre, s)
			isName = office
		}
		if x.in(determiners, r) && x.in(prepositions, r) { // "The New York Post"
			isName = false
		}
		// "one senior Democrat", "another Republican": a quantifier before
		// one capitalised word that names no one of the article makes a
		// description ("a calm-looking Varga" stays Varga)
		if x.lang != "es" && r == e-1 && s < r && x.isWord(s) && !x.upper(s) && x.in(determiners, s) && !inSet(possessives, x.word(s)) && getLower(x.full, trimPossessive(x.word(r))) == "" {
			isName = false
		}
		if isName {
			ns := r
			titled := false
			for j := r; j < e-1; j++ { // the last word is the name ("Mr. King")
				if x.isWord(j) && x.in(titles, j) {
					ns = j + 1
					titled = true
				}
				if x.isWord(j) && x.in(leadWords, j) && j == ns {
					ns = j + 1
				}
			}
			if office && !titled {
				ns = x.afterOffice(r, e)
			}
			for ns < e && !x.isWord(ns) {
				ns++
			}
			// a sentence-opening word glued after an initial: "Alfonso S. No"
			for e-1 > ns && x.isWord(e-1) && x.isPunct(e-2, '.') && (x.in(leadWords, e-1) || x.in(determiners, e-1) || x.in(esClitics, e-1)) {
				e--
				for e-1 > ns && !x.isWord(e-1) && !x.isPunct(e-1, '.') {
					e--
				}
			}
			if ns < e {
				var hb [64]byte
				heads := hb[:0] // lowered as strings.ToLower lowers, on the stack
				for j := s; j < ns; j++ {
					if x.isWord(j) && !x.in(determiners, j) && !x.in(prepositions, j) {
						heads = append(heads, ' ')
						heads = text.AppendLower(heads, x.word(j))
					}
				}
				h := ""
				if len(heads) > 0 {
					h = string(append(heads, ' '))
				}
				// keep at most the last nameMaxWords words of a long run
				words := 0
				for j := e - 1; j >= ns; j-- {
					if x.isWord(j) {
						words++
						if words > nameMaxWords {
							ns = j + 1
							break
						}
					}
				}
				name := trimPossessive(x.b[x.toks[ns].s:x.toks[e-1].e])
				return np{s: s, e: e, nameS: ns, kind: npName, name: name, heads: h}
			}
		}
	}
	// a name with its origin or affiliation: "Archbishop Aris Shirvanian of
	// the Lutheran Church", "Rep. Tom Bell of Oklahoma", "House
	// Speaker Tom D. Bell of Ohio"
	if x.lang != "es" {
		for j := s + 2; j < e-1; j++ {
			if x.isWord(j) && (strings.EqualFold(x.word(j), "of") || strings.EqualFold(x.word(j), "from")) {
				if x.upper(j-1) && (x.upper(j-2) || x.isPunct(j-2, '.') && x.isAbbrevDot(j-2, s)) && !x.in(titles, j-1) && !x.in(personRoles, j-1) {
					if p := x.classify(s, j); p.kind == npName && strings.IndexByte(p.name, ' ') > 0 {
						return p
					}
				}
				break
			}
		}
	}
	// a description
	if e-s > descMaxTokens {
		return np{kind: npNone}
	}
	d := x.b[x.toks[s].s:x.toks[e-1].e]
	if x.in(determiners, s) {
		d = lowerFirst(d)
	}
	return np{s: s, e: e, kind: npDesc, name: d}
}

// contracted reports an English word with a contracted "’s" or "'s"
// ("He’s", "Here’s", "It’s").
func (x *extractor) contracted(i int) bool {
	w := x.word(i)
	return x.lang != "es" && trimPossessive(w) != w && (strings.HasSuffix(w, "s") || strings.HasSuffix(w, "S"))
}

// contractedLead reports a function word with "’s" contracted onto it
// ("Here’s Ruiz in 1992:", "It’s"): no part of a name. A pronoun
// ("He’s") is read by classify.
func (x *extractor) contractedLead(i int) bool {
	return x.contracted(i) && x.pronounStem(i) == "" && inSet(leadWords.words, trimPossessive(x.word(i)))
}

// officeOf reports an English office before the capitalised run after
// token pre: "of" or "of the" right after a title word ("Secretary of",
// "Speaker of the"), not before s.
func (x *extractor) officeOf(pre, s int) bool {
	of := pre
	if strings.EqualFold(x.word(of), "the") {
		of--
	}
	return of > s && x.isWord(of) && strings.EqualFold(x.word(of), "of") && x.isWord(of-1) && inSet(officeTitles, x.word(of-1))
}

// officeTitles head an office named after "of" and followed by its
// holder's name ("Secretary of State", "Minister of Finance", "Chief of
// Staff"); "president of" or "CEO of" name an organisation instead.
var officeTitles = map[string]bool{"secretary": true, "speaker": true, "minister": true, "chief": true}

// afterOffice returns the first token of the name closing the capitalised
// run [r, e) that follows an office ("State John F. Kerry" → "John F.
// Kerry"): its last two words, initials aside, or the last word of a run
// of two ("State Kerry").
func (x *extractor) afterOffice(r, e int) int {
	words := 0
	for j := e - 1; j > r; j-- {
		if x.isWord(j) && !isInitialLike(x.word(j)) {
			words++
			if words == 2 {
				return j
			}
		}
	}
	return e - 1
}

func isInitialLike(w string) bool {
	return len(w) <= initialMaxBytes && w != "" && w[0] >= 'A' && w[0] <= 'Z'
}

func trimPossessive(s string) string {
	if s == "" {
		return s
	}
	switch s[len(s)-1] {
	case 's', '\'', 0x99: // 0x99: the last byte of "’"
	default:
		return s // most words: no suffix to try
	}
	for _, suf := range []string{"’s", "'s", "’", "'"} {
		if strings.HasSuffix(s, suf) {
			return s[:len(s)-len(suf)]
		}
	}
	return s
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// sentenceStart returns the first token of the sentence holding token i.
func (x *extractor) sentenceStart(i int, ln lineInfo) int {
	for j := i - 1; j >= ln.t0; j-- {
		if i-j > maxSentenceTokens {
			return j + 1
		}
		if x.isBoundary(j, ln.t0) {
			return j + 1
		}
		// a closing mark after sentence punctuation: “… over.” Next
		if x.toks[j].k == tMark && j > ln.t0 && x.toks[j-1].k == tPunct && strings.ContainsRune(".!?", x.toks[j-1].r) && j+1 < i && x.upper(j+1) {
			return j + 1
		}
	}
	return ln.t0
}

// verbNP finds the speaker of the cue at token k (a speech verb ending at
// last): the subject before it, a name before an appositive ("Amy Pope,
// deputy adviser, said"), or the name after it ("“…,” said X", "according
// to X"). Participles and infinitives have no subject of their own.
func (x *extractor) verbNP(k, last int, ln lineInfo, lo int) np {
	if x.isForwardVerb(k) || x.isForwardVerb(last) {
		return x.npForward(last+1, ln.t1)
	}
	if x.isParticiple(k) && x.lang != "es" {
		// "…, with Sen. Tom Bell calling it …": "with" gives the
		// participle a subject of its own
		p := x.npBack(k, lo)
		if p.kind == npDesc && p.e-p.s > 1 && strings.EqualFold(x.word(p.s), "with") {
			if q := x.classify(p.s+1, p.e); q.kind == npName {
				return q
			}
		}
		// and an absolute construction: "– Ryan saying he was …, and
		// Bell calling it …"
		if p.kind == npName && p.s-1 >= lo && (x.isWord(p.s-1) && (strings.EqualFold(x.word(p.s-1), "with") || strings.EqualFold(x.word(p.s-1), "and")) || x.isPunct(p.s-1, '—') || x.isPunct(p.s-1, '–')) {
			return p
		}
	}
	if x.isParticiple(k) || k > lo && strings.EqualFold(x.word(k-1), "to") {
		return np{}
	}
	if x.lang != "es" && x.passiveAt(k, lo) {
		// "Bell was asked by moderator Rosa Diaz whether …": the
		// subject is spoken to; the speaker is the agent after "by", if any
		if last+2 < ln.t1 && x.isWord(last+1) && strings.EqualFold(x.word(last+1), "by") {
			if p := x.npForward(last+2, ln.t1); p.kind == npName {
				return p
			}
		}
		return np{}
	}
	// a verb coordinated with an earlier one shares the sentence subject:
	// "Ruiz confirmed she had gone and said, “…”"
	if x.lang != "es" {
		// adverbs after the conjunction: "…, but now said", "and then told"
		co := k - 1
		for co > lo && x.isWord(co) && !x.upper(co) && x.isAdverb(co) {
			co--
		}
		if co < k-1 && co > lo && x.isWord(co) && (strings.EqualFold(x.word(co), "and") || strings.EqualFold(x.word(co), "but")) {
			if p := x.subject(lo, co, x.lineOf(k)); p.kind == npName {
				return p
			}
			return np{}
		}
	}
	if k-1 > lo && x.isWord(k-1) && (strings.EqualFold(x.word(k-1), "and") || x.lang == "es" && x.in(esSubordinators, k-1)) {
		// inside a reported clause the verb shares that clause's subject:
		// "explicó que Ana Ruiz fue clara cuando dijo …"
		if x.lang == "es" {
			for j := k - 2; j > lo; j-- {
				if x.isWord(j) && strings.EqualFold(x.word(j), "que") {
					if p := x.subjectAt(j+1, k-1); p.kind != npNone {
						if p.kind == npName && x.plausible(p, x.lineOf(k)) {
							return p
						}
						return np{}
					}
					break
				}
			}
		}
		if p := x.subject(lo, k-1, x.lineOf(k)); p.kind == npName {
			return p
		}
		if x.lang == "es" && (x.opensWithPreterite(lo, k-1) || x.afterLeadWords(lo, k)) {
			// "Arremetió contra … y subrayó que", "Y añadió que …"
			return x.nullSubject(k)
		}
		return np{}
	}
	// a relative clause: "Lucía Prat, quien dice …", "Bell, who said"
	if k-2 > lo && x.isPunct(k-2, ',') && x.isWord(k-1) && x.in(relativePronouns, k-1) {
		if q := x.npBack(k-2, lo); q.kind == npName {
			return q
		}
		return np{}
	}
	if p := x.jointBack(x.npBack(k, lo), lo); p.kind != npNone {
		// "Rob Hart, the press director for the party, said"
		// but not a phrase opening the sentence with a preposition:
		// "Desde Palacio Nacional, la mandataria aseguró" is a place
		if p.kind == npDesc && p.s-1 > lo && x.isPunct(p.s-1, ',') {
			q := x.npBack(p.s-1, lo)
			if q.kind == npName && !x.opensWithPrep(q.s) && (q.s-1 < lo || !x.opensWithPrep(q.s-1)) {
				return q
			}
		}
		// "Rob Hart, the pollster who runs the site posted",
		// "an aide who asked not to be named to talk about plans said": the
		// words read back are a relative clause; its antecedent speaks
		if p.kind == npDesc && x.lang != "es" && !x.in(determiners, p.s) && p.s-1 > lo && x.isWord(p.s-1) && (x.in(relativePronouns, p.s-1) || strings.EqualFold(x.word(p.s-1), "to")) {
			for r := p.s - 1; r > lo && r >= p.s-1-relativeClauseTokens && x.isWord(r); r-- {
				if !x.in(relativePronouns, r) {
					continue
				}
				q := x.npBack(r, lo)
				if q.kind == npDesc && q.s-1 > lo && x.isPunct(q.s-1, ',') {
					if n := x.npBack(q.s-1, lo); n.kind == npName {
						return n
					}
				}
				if q.kind != npNone && q.e == r {
					return q
				}
				break
			}
		}
		// "Ann Lee, president of the Restaurant Association said": an
		// appositive left without its closing comma; the name before its
		// opening comma speaks, not the organisation after "of"
		if x.lang != "es" && x.unclosedAppositive(p, lo) {
			if q := x.npBack(x.prevComma(p.s-1, lo), lo); q.kind == npName {
				return q
			}
		}
		// "Bell in his budget speech called …": a phrase between
		// the subject and its verb
		if p.kind == npDesc && x.lang != "es" && p.s-1 > lo && x.isWord(p.s-1) && !x.upper(p.s-1) && inSet(adjunctPreps, x.word(p.s-1)) {
			if q := x.npBack(p.s-1, lo); q.kind == npName && q.e == p.s-1 && trimPossessive(x.word(q.e-1)) == x.word(q.e-1) {
				return q
			}
		}
		return p
	}
	if x.lang != "es" && k-1 > lo && (x.isPunct(k-1, '—') || x.isPunct(k-1, '–')) {
		// an aside in dashes: "Jason Sims — a teacher from Salem — says"
		for d := k - 2; d > lo && d >= k-appositiveCommaTokens; d-- {
			if x.isPunct(d, x.toks[k-1].r) {
				if q := x.npBack(d, lo); q.kind == npName && q.e == d {
					return q
				}
				break
			}
			if x.toks[d].k == tMark {
				break
			}
		}
	}
	// adverbs between the appositive and the verb: "Tom Bell, who
	// coined the phrase, once said"
	kc := k
	for x.lang != "es" && kc-1 > lo && x.isWord(kc-1) && !x.upper(kc-1) && (x.in(fillers, kc-1) || x.mannerAdverb(kc-1)) {
		kc--
	}
	if kc-1 >= lo && x.isPunct(kc-1, ',') {
		// "El candidato a la alcaldía, Iker Sanz, señaló"
		if c := x.prevComma(kc-2, lo); c >= 0 && c+1 < kc-1 && x.upper(c+1) {
			// a one-word appositive is as often a place ("the state
			// capital, Sacramento,") as a person: only a known full name
			if q := x.classify(c+1, kc-1); q.kind == npName && q.s == c+1 && (strings.IndexByte(q.name, ' ') > 0 || inFull(x.full, q.name)) {
				return q
			}
		}
		if c := x.prevComma(kc-2, lo); c >= 0 {
			if q := x.npBack(c, lo); q.kind == npName {
				var hb [64]byte
				heads := append(hb[:0], q.heads...) // on the stack until the copy below
				for j := c + 1; j < kc-1; j++ {
					if x.isWord(j) && (x.in(prepositions, j) && !x.in(determiners, j) || x.isNPStop(j)) {
						break // the role ends where its complement starts
					}
					if x.isWord(j) && !x.upper(j) && !x.in(determiners, j) {
						heads = append(heads, ' ')
						heads = text.AppendLower(heads, x.word(j))
					}
				}
				q.heads = string(append(heads, ' '))
				return q
			}
		}
	}
	if k == ln.t0 || x.toks[k-1].k == tMark || x.isPunct(k-1, ',') && k-2 >= ln.t0 && x.toks[k-2].k == tMark {
		if x.lang != "es" && inSet(objectCues, x.word(k)) {
			return np{} // "…,” called the vote “…”": its object follows, not its subject
		}
		if p := x.npForward(last+1, ln.t1); p.kind != npNone || x.lang != "es" {
			return p
		}
	}
	// Spanish puts the subject after the verb as readily as before it:
	// "…, afirma su directora, Lucía Prat, que …", with a recipient or
	// an adverbial phrase between them ("anunció en un comunicado la
	// Departamento …")
	if x.lang == "es" {
		j := x.skipAdverbial(x.skipRecipient(last+1, ln.t1), ln.t1)
		if p := x.npForward(j, ln.t1); p.kind != npNone && !x.hasTimeWord(p) {
			return p
		}
	}
	// Spanish drops a known subject: "Indicó que …", "…, y subrayó que …";
	// a verb coordinated with an earlier one shares the sentence's subject
	// ("Sanz dejó claro que … y señaló que …").
	if x.lang == "es" && (k == lo || x.sentenceInitial(k, ln) || x.afterLeadWords(lo, k) || x.isWord(k-1) && (strings.EqualFold(x.word(k-1), "y") || x.in(esClitics, k-1))) {
		if k > lo && strings.EqualFold(x.word(k-1), "se") {
			return np{} // impersonal: "Se señala que …"
		}
		if k > lo {
			if p := x.subject(lo, k, x.lineOf(k)); p.kind == npName {
				return p
			}
			if x.opensWithPreterite(lo, k) {
				// "Cargó contra Ana Ruiz y subrayó que …": the
				// sentence's own subject is dropped too
				return x.nullSubject(k)
			}
			if !x.sentenceInitial(k, ln) && !x.afterLeadWords(lo, k) || x.isPunct(k-1, ':') {
				// a coordinated verb whose sentence subject we cannot
				// read: the subject is not the last speaker, so none
				return np{}
			}
		}
		return x.nullSubject(k)
	}
	return np{}
}

// passiveAt reports an English speech verb at token k in the passive: a
// past participle after a form of "be" ("was asked", "were told", "is
// being quoted"), adverbs aside ("was repeatedly asked"), not before lo,
// and not raising its subject ("is said to have …").
func (x *extractor) passiveAt(k, lo int) bool {
	w := x.word(k)
	if !strings.HasSuffix(w, "ed") && !strings.EqualFold(w, "told") && !strings.EqualFold(w, "written") {
		return false
	}
	if k+1 < len(x.toks) && x.isWord(k+1) && strings.EqualFold(x.word(k+1), "to") {
		return false // "is said to have called": the subject spoke
	}
	for j := k - 1; j >= lo && j >= k-3 && x.isWord(j); j-- {
		if inSet(beForms, x.word(j)) {
			return true
		}
		if !x.isAdverb(j) {
			return false
		}
	}
	return false
}

// beForms are the forms of "be" that make a participle passive.
var beForms = map[string]bool{
	"is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "being": true,
}

// prevComma returns the comma at or before token j (not before lo) that
// opens an appositive, or -1.
func (x *extractor) prevComma(j, lo int) int {
	for n := 0; j >= lo && n < appositiveCommaTokens; j, n = j-1, n+1 {
		switch {
		case x.isPunct(j, ','):
			return j
		case x.toks[j].k == tMark:
			// a phrase quoted inside the appositive ("Rob Hart,
			// wearing “Vote Ruiz” pins, said"): read on before it
			o := x.segClosedAt(j)
			if x.lang == "es" || o < 0 || x.segs[o].open < lo {
				return -1
			}
			n += j - x.segs[o].open
			j = x.segs[o].open
		case x.isBoundary(j, lo):
			return -1
		}
	}
	return -1
}

// segClosedAt returns the segment whose closing mark is token k, or -1.
func (x *extractor) segClosedAt(k int) int {
	i, _ := slices.BinarySearchFunc(x.segs, k, func(sg segment, t int) int { return cmp.Compare(sg.open, t) })
	if i > 0 && x.segs[i-1].close == k {
		return i - 1
	}
	return -1
}

// skipParen returns the token after a parenthetical starting at j, or j.
func (x *extractor) skipParen(j, hi int) int {
	if j < hi && x.isPunct(j, '(') {
		for k := j + 1; k < hi && k < j+cueParenTokens; k++ {
			if x.isPunct(k, ')') {
				return k + 1
			}
		}
	}
	return j
}

// after looks for "…,” X said" / "…,” said X" right after a closing mark.
func (x *extractor) after(sg segment, ln lineInfo) attribution {
	if sg.close+1 >= ln.t1 {
		return attribution{}
	}
	// did the quoted sentence end inside the marks?
	endedInside := lastSignificant(x.b[x.toks[sg.open].e:x.toks[sg.close].s]) == '.'
	found := x.cueClause(sg.close+1, ln, endedInside)
	if found.speaker.kind == npNone && x.lang != "es" {
		if a := x.passiveAgent(sg, ln); a.speaker.kind != npNone {
			return a
		}
		if a := x.reportingClause(sg, ln); a.speaker.kind != npNone {
			return a
		}
	}
	if !found.hasCue && found.speaker.kind != npNone && sg.open > ln.t0 && !x.sentenceInitial(sg.open, ln) {
		// a name after a dash signs a quotation standing on its own
		// ("“Vote early.” ― Lena Ortiz"), not one inside a sentence
		// ("… was “still the top party.”--Rosa Diaz", a byline)
		return attribution{}
	}
	return found
}

// haveForms make an active perfect; passiveLinks may stand between a
// passive participle and the quotation it names.
var (
	haveForms    = map[string]bool{"has": true, "have": true, "had": true}
	passiveLinks = map[string]bool{"as": true, "a": true, "an": true, "the": true}
)

// objectCues are English speech verbs taking an object other than the
// quotation: after a quotation they never invert with their subject
// ("…,” called Bell" is no English), so a noun phrase after them is
// their object ("…,” described the toll as …").
var objectCues = map[string]bool{
	"called": true, "calls": true, "described": true, "describes": true,
	"dubbed": true, "labeled": true, "labelled": true, "branded": true,
	"accused": true, "praised": true, "slammed": true, "blasted": true,
	"criticized": true, "criticised": true, "attacked": true, "mocked": true,
	"hailed": true, "denied": true, "denies": true, "urged": true, "urges": true,
	"questioned": true, "told": true, "tells": true, "confirmed": true,
	"revealed": true, "promised": true, "pledged": true,
}

// reportingClause reads the clause after an English quotation that opens
// its sentence and leaves it open (a comma, "!" or "?" inside the marks):
// what follows reports it, whatever its past-tense verb ("“This is
// fantastic!” beamed Ann Lee", "“…,” Hart started.", "“…,” Diaz
// assured the crowd"). The speech verbs are read by cueClause; this takes
// the verbs no list holds, so it asks for a name or a pronoun right
// against the verb.
func (x *extractor) reportingClause(sg segment, ln lineInfo) attribution {
	if sg.open > ln.t0 && !x.sentenceInitial(sg.open, ln) {
		return attribution{}
	}
	if !strings.ContainsRune(",!?", lastSignificant(x.b[x.toks[sg.open].e:x.toks[sg.close].s])) {
		return attribution{}
	}
	next := sg.close + 1
	if next < ln.t1 && x.isPunct(next, ',') {
		next++
	}
	if next+1 >= ln.t1 || !x.isWord(next) {
		return attribution{}
	}
	pastVerb := func(i int) bool {
		return i < ln.t1 && x.isWord(i) && !x.upper(i) && strings.HasSuffix(x.word(i), "ed") && len(x.word(i)) > 4 && !x.in(speechVerbs, i)
	}
	if pastVerb(next) { // "beamed Ann Lee"
		// not "exhorted Ruiz’s introducer, …": a possessive names
		// someone else
		if p := x.npForward(next+1, ln.t1); p.kind == npName && trimPossessive(x.word(p.e-1)) == x.word(p.e-1) {
			return cued(p, next, next)
		}
		return attribution{}
	}
	var p np
	if x.in(pronouns, next) {
		p = x.classify(next, next+1)
	} else if x.upper(next) {
		p = x.npForward(next, ln.t1)
	}
	if p.kind != npName && p.kind != npPronoun {
		return attribution{}
	}
	v := p.e
	if p.kind == npPronoun {
		v = next + 1
	}
	if pastVerb(v) {
		return cued(p, v, v)
	}
	return attribution{}
}

// demonstrativeTokens bounds the sentence read after a quotation for a cue
// that points back at it.
const demonstrativeTokens = 12

// demonstrativeCue reads an English cue in the sentence after a quotation
// that points back at it: "“It’s a disgrace.” That’s how Ana Ruiz
// described the plan.", "This is what Tom Bell told reporters."
func (x *extractor) demonstrativeCue(sg segment, ln lineInfo) attribution {
	next := sg.close + 1
	if x.endsLine(sg) && sg.line+1 < len(x.lines) {
		// the quote closes its paragraph: the next one may point back
		ln = x.lines[sg.line+1]
		next = ln.t0
	}
	if next+2 >= ln.t1 || !x.isWord(next) || !x.upper(next) || !inSet(demonstratives, x.word(next)) {
		return attribution{}
	}
	if !strings.ContainsRune(".!?", lastSignificant(x.b[x.toks[sg.open].e:x.toks[sg.close].s])) {
		return attribution{}
	}
	wh := false // "That’s how …", "This is what …"
	for k := next + 1; k < ln.t1 && k <= next+demonstrativeTokens; k++ {
		if x.toks[k].k == tMark || x.isBoundary(k, ln.t0) {
			break
		}
		if x.isWord(k) && (strings.EqualFold(x.word(k), "how") || strings.EqualFold(x.word(k), "what")) {
			wh = true
			continue
		}
		if ok, last := x.speechVerbAt(k, ln.t1); ok && wh && !x.isForwardVerb(k) && !x.isParticiple(k) {
			if p := x.verbNP(k, last, ln, next+1); p.kind == npName {
				return cued(p, k, last)
			}
			break
		}
	}
	return attribution{}
}

// demonstratives point back at what was just said.
var demonstratives = map[string]bool{"that": true, "that’s": true, "that's": true, "this": true, "those": true}

// passiveAgentTokens bounds the words between a passive speech verb and the
// quotation it names ("labeled as a “…” by X").
const passiveAgentTokens = 3

// passiveAgent reads the agent of a passive speech verb naming the quote:
// "often labeled as a “fishing trip” by Republicans", "“…,” said by X".
func (x *extractor) passiveAgent(sg segment, ln lineInfo) attribution {
	by := sg.close + 1
	if by < ln.t1 && x.isPunct(by, ',') {
		by++
	}
	if by+1 >= ln.t1 || !x.isWord(by) || !strings.EqualFold(x.word(by), "by") {
		return attribution{}
	}
	for k := sg.open - 1; k > ln.t0 && k >= sg.open-1-passiveAgentTokens; k-- {
		if !x.isWord(k) {
			break
		}
		if ok, last := x.speechVerbAt(k, ln.t1); ok && strings.HasSuffix(x.word(k), "ed") && last < sg.open {
			// a participle, not an active perfect ("He has declared")
			if x.isWord(k-1) && inSet(haveForms, x.word(k-1)) {
				break
			}
			if p := x.npForward(by+1, ln.t1); p.kind == npName {
				return cued(p, k, last)
			}
			break
		}
		if !inSet(passiveLinks, x.word(k)) {
			break // "labeled as a “…”" only: "declared Diaz to be “…” by God" is not
		}
	}
	return attribution{}
}

// sentenceEndCueTokens bounds how far after a quote the end of its sentence
// is looked for, and clauseCueTokens the final clause read there.
const (
	sentenceEndCueTokens = 60
	clauseCueTokens      = 12
	// appositiveTokensEnd bounds a final clause or an appositive closing
	// the sentence ("…, said Ann Lee, director of the union, a group that
	// broke away from the federation last year."), maxAppositiveHops how
	// many appositives are read over
	appositiveTokensEnd = 20
	maxAppositiveHops   = 2
)

// sentenceEndCue looks for the cue closing the sentence that a quote opens
// or continues: "“…” than that of the agency, Ruiz said.", "«…» por
// ahora, dijo el ministro."
func (x *extractor) sentenceEndCue(sg segment, ln lineInfo) attribution {
	if sg.close < 0 || x.lang != "es" && strings.ContainsRune(".!?", lastSignificant(x.b[x.toks[sg.open].e:x.toks[sg.close].s])) {
		return attribution{} // the quoted sentence ended inside the marks
	}
	end := -1
	from := sg.close + 1 // the words since the last quotation
	for k := sg.close + 1; k < ln.t1 && k <= sg.close+sentenceEndCueTokens; k++ {
		if x.toks[k].k == tMark {
			if x.lang == "es" {
				return attribution{} // another quotation first: its own cue
			}
			// a fragment quoted in the same clause, no cue before it
			// ("will bring “real money” and give candidates the
			// “reach” they need, Bell said."): read on
			if o := x.segOpenedAt(k); o >= 0 && x.segs[o].close > k && !x.cueIn(from, k, ln) {
				k = x.segs[o].close
				from = k + 1
				continue
			}
			// another quotation with a cue of its own ("…, Hollande said
			// Tuesday, noting the nominee “makes you …”"): the clause
			// before its comma may close ours
			// (not "…, he said, “…”": that cue is the next quotation's)
			for c := k - 1; c > sg.close+1; c-- {
				if x.isPunct(c, ',') {
					if c < k-1 {
						end = c
					}
					break
				}
			}
			break
		}
		if x.isBoundary(k, ln.t0) || k == ln.t1-1 && x.isPunct(k, '.') {
			end = k
			break
		}
	}
	if end < 0 {
		return attribution{}
	}
	for c, lo, hops := end-1, end-appositiveTokensEnd, 0; c > sg.close+1 && c >= lo; c-- {
		if x.isPunct(c, ',') && x.lang != "es" && c+2 <= end && x.upper(c+1) && (c+2 == end || x.isPunct(c+2, '.') && x.isAbbrevDot(c+2, ln.t0)) {
			continue // a place's state: "in Alexandria, Va."
		}
		if x.isPunct(c, ',') {
			found := x.cueClause(c, ln, false)
			if found.hasCue && found.cue.last < end && x.onlyAdjuncts(max(found.cue.last+1, found.speaker.e), end) {
				return found
			}
			// an appositive closing the sentence ("…, said Alan
			// Bell, a demographer at Salem University."): the cue
			// is in the clause before it
			if found.hasCue || hops == maxAppositiveHops || !x.appositiveAt(c+1) {
				return attribution{}
			}
			hops++
			lo = c - appositiveTokensEnd
		}
	}
	return attribution{}
}

// segOpenedAt returns the segment whose opening mark is token k, or -1.
func (x *extractor) segOpenedAt(k int) int {
	i, _ := slices.BinarySearchFunc(x.segs, k, func(sg segment, t int) int { return cmp.Compare(sg.open, t) })
	if i < len(x.segs) && x.segs[i].open == k {
		return i
	}
	return -1
}

// cueIn reports a speech verb among tokens [i, j) of line ln.
func (x *extractor) cueIn(i, j int, ln lineInfo) bool {
	for k := i; k < j; k++ {
		if ok, _ := x.speechVerbAt(k, ln.t1); ok {
			return true
		}
	}
	return false
}

// appositiveAt reports a noun phrase describing a person at token i: a
// determiner or a lower-case role word, with no verb ("a demographer at
// Emory University", "executive director of …").
func (x *extractor) appositiveAt(i int) bool {
	return i < len(x.toks) && x.isWord(i) && !x.upper(i) && !x.in(speechVerbs, i) && (x.in(determiners, i) || !x.isNPStop(i) && !x.in(prepositions, i))
}

// onlyAdjuncts reports whether tokens [i, end) after a cue hold nothing
// but time words, the speaker's name read already, or a short
// prepositional phrase ("Monday", "in a statement", "after the attacks").
func (x *extractor) onlyAdjuncts(i, end int) bool {
	if i >= end {
		return true
	}
	return x.in(timeWords, i) || x.in(prepositions, i) || x.isNPStop(i) || x.isPunct(i, '(') || x.toks[i].k == tWord && x.upper(i) ||
		x.isPunct(i, ',') && x.appositiveAt(i+1)
}

// cueClause reads a cue clause starting at token next (after a closing
// mark, or after a comma ending a sentence): "said X", "X said", "X, a
// spokesman, said". endedInside tells that the quoted sentence ended inside
// the marks, so a subject and verb after them may start a new sentence.
func (x *extractor) cueClause(next int, ln lineInfo, endedInside bool) attribution {
	dash := false
	for next < ln.t1 && (x.isPunct(next, ',') || x.isPunct(next, '—') || x.isPunct(next, '–') || x.isPunct(next, '―') || x.isPunct(next, '-') || x.isPunct(next, ':')) {
		dash = dash || !x.isPunct(next, ',') // "“…” ― Jane Doe", "“…”: alcalde Tomás Gil"
		next++
	}
	if next >= ln.t1 || !x.isWord(next) {
		return attribution{}
	}
	if x.lang != "es" && next+2 < ln.t1 && strings.EqualFold(x.word(next), "as") && x.isWord(next+1) && (x.upper(next+1) || x.in(pronouns, next+1)) {
		next++ // "…,” as Diaz said on Monday"
	}
	if x.lang == "es" {
		// clitics and the auxiliary before the verb: "le dijo", "ha explicado"
		for next+1 < ln.t1 && x.isWord(next) && (x.in(esClitics, next) || x.in(esHaber, next)) && x.isWord(next+1) {
			next++
		}
	}
	// "«…», ironizó el ministro.": in Spanish a preterite right after the
	// quotation and its comma reports it, whatever the verb, when its
	// subject follows as a name or a person's role, or is dropped
	if x.lang == "es" && next > 0 && x.isPunct(next-1, ',') && !x.upper(next) && isPreterite3s(x.word(next)) && !x.in(speechVerbs, next) {
		if p := x.npForward(next+1, ln.t1); p.kind == npName && x.plausible(p, x.lineOf(next)) || p.kind == npDesc && p.e-p.s == 2 && x.in(personRoles, p.s+1) {
			return cued(p, next, next)
		}
		if next+1 < ln.t1 && x.isPunct(next+1, '.') {
			return cued(x.nullSubject(next), next, next)
		}
	}
	// verb first: "…,” said X"
	if ok, cueLast := x.speechVerbAt(next, ln.t1); ok {
		if x.isParticiple(next) || x.lang != "es" && (inSet(objectCues, x.word(next)) || endedInside && x.upper(next)) {
			// ("…” According to the Gazette, …": a new sentence)
			// "…,” described the impact as …": the verb's object follows
			return attribution{}
		}
		subj := cueLast + 1
		if x.lang == "es" {
			subj = x.skipRecipient(subj, ln.t1)
			subj = x.skipAdverbial(subj, ln.t1)
		}
		speaker := x.npForward(subj, ln.t1)
		if speaker.kind == npNone || x.lang == "es" && x.hasTimeWord(speaker) {
			if x.lang == "es" {
				return cued(x.nullSubject(next), next, cueLast)
			}
			return attribution{}
		}
		return cued(speaker, next, cueLast)
	}
	newSentenceOK := func(cueLast int) bool {
		// "…over.” He said Ruiz would…" is a new sentence, not a cue
		// ("…” Varga called the statement “…”": an object, a new sentence)
		if endedInside && cueLast+2 < ln.t1 && (x.isPunct(cueLast+1, ',') || x.isPunct(cueLast+1, ':')) && x.toks[cueLast+2].k == tMark {
			return false // "“A.” He added, “B.”": the cue introduces B
		}
		if x.lang != "es" && cueLast+2 < ln.t1 && x.isPunct(cueLast+1, ':') && x.toks[cueLast+2].k == tMark {
			return false // "… at “smaller schools,” Bell said: “B”": a colon introduces B
		}
		if endedInside && x.lang != "es" && x.markInSentence(cueLast+1, ln) {
			return false // "…” Diaz fired back, attacking Bell for “…”": the cue is the next quote's
		}
		if !endedInside || cueLast+1 >= ln.t1 || x.toks[cueLast+1].k == tPunct {
			return true
		}
		if !x.in(timeWords, cueLast+1) && !(x.in(prepositions, cueLast+1) && !x.in(determiners, cueLast+1)) {
			return false
		}
		// "…” he said Monday in a statement." ends there; "…” Josh Hendler
		// warned Saturday that the move …" reports something new
		for k := cueLast + 1; k < ln.t1 && k <= cueLast+adjunctTokens; k++ {
			if x.toks[k].k != tWord {
				return true
			}
			if inSet(complementizers, x.word(k)) || x.in(pronouns, k) {
				return false // "said Wednesday that …", "said Wednesday she …"
			}
		}
		return true
	}
	// NP first: a pronoun, a name (with appositive) or a description
	var speaker np
	if x.in(pronouns, next) {
		speaker = x.classify(next, next+1)
	} else {
		speaker = x.npForward(next, ln.t1)
	}
	if speaker.kind != npNone && (speaker.kind != npDesc || x.in(determiners, next)) {
		verb := speaker.e // where the cue verb should stand
		if speaker.kind == npPronoun {
			verb = next + 1
		}
		verb = x.skipParen(verb, ln.t1)
		if speaker.kind == npName && verb < ln.t1 && x.isPunct(verb, ',') {
			// skip an appositive: "…,” Tom Bell, a spokesman for the council, said
			// a list inside the appositive ("assistant secretary for
			// housing, transport, and parks, said"): the verb follows
			// one of its commas
			first := -1
			for k := verb + 1; k < ln.t1 && k < verb+appositiveCommaTokens; k++ {
				if x.lang != "es" && x.toks[k].k == tMark {
					// a title or a phrase quoted inside the appositive
					// ("Rob Hart, wearing “Vote Ruiz” pins, said"),
					// its comma inside the marks at times ("speaking
					// on “Meet the Press,” said")
					o := x.segOpenedAt(k)
					if o < 0 || x.segs[o].close <= k || x.segs[o].close >= verb+appositiveCommaTokens {
						break
					}
					k = x.segs[o].close
					if lastSignificant(x.b[x.toks[x.segs[o].open].e:x.toks[k].s]) == ',' {
						if first < 0 {
							first = k + 1
						}
						if k+1 < ln.t1 && x.isWord(k+1) {
							if ok, _ := x.speechVerbAt(k+1, ln.t1); ok {
								first = k + 1
								break
							}
						}
					}
					continue
				}
				if x.isPunct(k, ',') {
					if first < 0 {
						first = k + 1
					}
					if ok, _ := x.speechVerbAt(k+1, ln.t1); ok && k+1 < ln.t1 {
						first = k + 1
						break
					}
				}
				if x.toks[k].k == tMark || x.isBoundary(k, ln.t0) {
					break
				}
			}
			if first >= 0 {
				verb = first
			} else if ok, _ := x.speechVerbAt(verb+1, ln.t1); ok && verb+1 < ln.t1 {
				verb++ // the comma closing "Bell’s spokesman, Rob Hart, said"
			}
		}
		if dash && speaker.kind == npName && (verb >= ln.t1 || x.toks[verb].k == tPunct || x.in(months, verb)) {
			return uncued(speaker) // “…” ― Jane Doe, “…” — Jane Doe (@jdoe) June 5, 2016
		}
		for verb < ln.t1 && x.isWord(verb) && (x.in(fillers, verb) || x.mannerAdverb(verb) || x.reflexive(verb)) {
			verb++
		}
		if verb < ln.t1 {
			if ok, cueLast := x.speechVerbAt(verb, ln.t1); ok && !x.isForwardVerb(verb) && !x.isParticiple(verb) {
				if x.lang != "es" && x.passiveAt(verb, next) {
					// "…,” Ruiz was told by Tom Bell": the agent speaks
					if cueLast+2 < ln.t1 && x.isWord(cueLast+1) && strings.EqualFold(x.word(cueLast+1), "by") {
						if p := x.npForward(cueLast+2, ln.t1); p.kind == npName {
							return cued(p, verb, cueLast)
						}
					}
					return attribution{}
				}
				if newSentenceOK(cueLast) {
					return cued(speaker, verb, cueLast)
				}
				return attribution{}
			}
		}
	}
	// a longer subject: "…,” the former secretary of state said
	for verb := next + 1; verb < ln.t1 && verb <= next+cueAfterNPTokens; verb++ {
		if x.toks[verb].k != tWord {
			if x.isPunct(verb, '.') && x.isAbbrevDot(verb, ln.t0) || x.isPunct(verb, '-') {
				continue
			}
			return attribution{}
		}
		if ok, cueLast := x.speechVerbAt(verb, ln.t1); ok && !x.isForwardVerb(verb) && !x.isParticiple(verb) {
			speaker := x.npBack(verb, next)
			if !endedInside {
				speaker = x.jointBack(speaker, next) // "…,” Bell and Ruiz said"
			}
			if speaker.kind == npNone || speaker.kind == npDesc && !x.in(determiners, speaker.s) {
				return attribution{}
			}
			if speaker.s != next { // the cue clause must follow the quote
				return attribution{}
			}
			if !newSentenceOK(cueLast) {
				return attribution{}
			}
			return cued(speaker, verb, cueLast)
		}
	}
	return attribution{}
}

// subject returns the subject of the sentence [lo, o) of line li when it
// is a plausible name or a pronoun: "Ohio Sen. Tom Bell, who …, named
// “…”", "Hours later, Bell told …", "Speaking in Salem, New Hampshire,
// Bell went after Ruiz, calling her “…”".
func (x *extractor) subject(lo, o, li int) np {
	j := x.skipDateline(lo, o, x.lines[li])
	for j < o && !x.isWord(j) {
		j++
	}
	for j+1 < o && x.isWord(j) && x.isWord(j+1) {
		if inSet(coordinators, x.word(j)) {
			j++
		} else if strings.EqualFold(x.word(j), "mientras") && strings.EqualFold(x.word(j+1), "que") {
			j += 2
		} else {
			break
		}
	}
	// Introductory phrases end at commas; the subject follows the last one,
	// unless a name itself comes before a comma ("Hart, who …,").
	for range maxIntroPhrases {
		comma := -1
		for k := j + 1; k < o && k < j+introPhraseTokens; k++ {
			if x.isPunct(k, ',') {
				comma = k
				break
			}
			if x.toks[k].k == tMark {
				break
			}
		}
		if comma < 0 || x.lang == "es" && x.holdsPreterite(j, comma) {
			break // a clause with its own verb is no introductory phrase
		}
		p := x.subjectAt(j, comma)
		if p.kind != npNone && x.lang != "es" && p.s > j && x.isWord(p.s-1) && (inSet(introPreps, x.word(p.s-1)) || getLower(subordinators, x.word(p.s-1)) && x.skipParen(p.e, o) < comma && x.upper(comma+1) && !x.in(pronouns, comma+1) && !x.in(leadWords, comma+1)) && trimPossessive(x.word(p.e-1)) == x.word(p.e-1) && !x.isPunct(p.e, '\'') && !x.isPunct(p.e, '’') {
			// "Like Varga, Diaz …": the name is the object of a
			// preposition (not "In Bell’s column, …": an author); "When
			// Hart died in 1998, Mayor Ruiz …": the subject of
			// a clause of its own (not "When Hart was asked, he said":
			// the pronoun is that subject)
			j = comma + 1
			continue
		}
		if p.kind != npNone && x.plausible(p, li) {
			if x.skipParen(p.e, o) >= comma {
				return p // "Hart, who …,"
			}
			break // not an introductory phrase: its subject is read below
		}
		j = comma + 1
	}
	for j < o && (!x.isWord(j) || x.in(leadWords, j) && !x.in(pronouns, j)) {
		j++
	}
	if p := x.subjectAt(j, o); x.plausible(p, li) {
		return p
	}
	return np{}
}

// introPreps open an English introductory phrase whose name is their
// object, not the sentence subject ("Like Varga, Diaz …"); "to" and
// "for" are left out, as they name whose view the sentence gives ("To
// Sharp, Bell is the “…” man").
var introPreps = map[string]bool{
	"like": true, "unlike": true, "after": true, "before": true, "with": true,
	"from": true, "by": true, "of": true, "in": true,
	"on": true, "at": true, "during": true, "per": true, "via": true, "under": true,
	"over": true, "about": true, "despite": true, "amid": true, "following": true,
	"against": true, "besides": true, "than": true,
}

// datelineMaxTokens bounds a dateline opening a line ("Washington (AFP)
// –", "SALEM, Ore. -").
const datelineMaxTokens = 8

// skipDateline returns the token after a dateline opening line ln at token
// lo (capitalised words, commas, abbreviations and an agency in
// parentheses, then a dash), or lo.
func (x *extractor) skipDateline(lo, o int, ln lineInfo) int {
	if lo != ln.t0 || !x.upper(lo) {
		return lo
	}
	// a dateline shows itself by an agency, a word in capitals or an
	// abbreviated state; "Jason Sims — a teacher —" is a name and an aside
	paren, marked := false, false
	for k := lo; k < o && k <= lo+datelineMaxTokens; k++ {
		switch {
		case x.isPunct(k, '—') || x.isPunct(k, '–') || x.spacedHyphen(k):
			if marked && k+1 < o && x.isWord(k+1) {
				return k + 1
			}
			return lo
		case x.isPunct(k, '('):
			paren, marked = true, true
		case x.isPunct(k, ')'):
			paren = false
		case paren, x.isPunct(k, ','):
		case x.isPunct(k, '.') && x.isAbbrevDot(k, lo):
			marked = true
		case x.upper(k):
			w := x.word(k)
			marked = marked || len(w) > 1 && upperWord(w)
		default:
			return lo
		}
	}
	return lo
}

// subjectAt reads a subject starting at token j: a pronoun, or a name run
// possibly preceded by a short description ("presidential candidate").
func (x *extractor) subjectAt(j, o int) np {
	if j >= o || !x.isWord(j) {
		return np{}
	}
	if x.in(pronouns, j) {
		return x.classify(j, j+1)
	}
	runEnd := -1
	for e := j; e < o && e < j+subjectTokens; e++ {
		switch {
		case e > j && x.upper(e) && x.in(speechVerbs, e) && x.isTitleCase(x.lineOf(e)):
			// a headline capitalises its verb too: "Bell Says Ruiz Is …"
		case x.upper(e):
			runEnd = e + 1
			continue
		case x.isPunct(e, '.') && x.isAbbrevDot(e, j) && e+1 < o && x.upper(e+1):
			continue
		case runEnd >= 0 && x.lang != "es" && x.isWord(e) && !x.upper(e) && strings.HasSuffix(x.word(e), "s") && len(x.word(e)) > 4 && !x.isAuxiliary(e) && !inSet(beForms, x.word(e)) && !x.in(speechVerbs, e) && !x.in(fillers, e) && e+1 < o && x.isWord(e+1) && !x.upper(e+1) &&
			(strings.HasSuffix(x.word(e+1), "ed") || x.isAuxiliary(e+1) || inSet(beForms, x.word(e+1))):
			return np{} // "Ruiz supporters responded": a group named after the person
		case runEnd >= 0 && x.isWord(e) && looksFinite(x.word(e)):
			// a verb after the name: "Ana Ruiz accuses Rob Hart"
		case runEnd >= 0 && x.lang != "es" && x.isWord(e) && x.verbAfterName(e, o):
			// "Diaz is praising Rob Hart", "Varga met with Bell": the
			// name is the subject, what follows its predicate
		case x.isWord(e) && !x.in(determiners, e) && !x.isNPStop(e) && !x.in(backStops, e) && !x.in(speechVerbs, e) &&
			(e+1 < o && x.upper(e+1) || e+2 < o && x.isWord(e+1) && !x.isNPStop(e+1) && x.upper(e+2)):
			continue // "presidential candidate" before a name
		case x.isPunct(e, '-'):
			continue
		}
		break
	}
	if runEnd < 0 || !x.upper(j) && !x.upper(runEnd-1) {
		return np{}
	}
	if p := x.classify(j, runEnd); p.kind == npName {
		return p
	}
	return np{}
}

// jointBack extends the English name p, read back from a verb, to the pair
// it closes ("Bell and Ryan issued", "Tom Bell and Ana Ruiz:"): both
// speak, and neither alone.
func (x *extractor) jointBack(p np, lo int) np {
	if x.lang == "es" || p.kind != npName || p.s-2 < lo || !x.upper(p.s) || !x.isWord(p.s-1) || !strings.EqualFold(x.word(p.s-1), "and") || !x.upper(p.s-2) {
		return p // ("author and business speaker Rob Hart": one person)
	}
	q := x.npBack(p.s-1, lo)
	if q.kind != npName || q.e != p.s-1 || trimPossessive(x.word(q.e-1)) != x.word(q.e-1) {
		return p
	}
	return np{s: q.s, e: p.e, nameS: q.nameS, kind: npName, name: q.name + " and " + p.name}
}

// jointForward extends the English name p, a subject, to the pair it
// opens ("Bell and Ruiz put out a note").
func (x *extractor) jointForward(p np, o int) np {
	if x.lang == "es" || p.e+1 >= o || !x.isWord(p.e) || !strings.EqualFold(x.word(p.e), "and") || !x.upper(p.e+1) || x.in(leadWords, p.e+1) {
		return p
	}
	r := p.e + 1
	for r < o && (x.upper(r) || x.isPunct(r, '.') && x.isAbbrevDot(r, p.e+1) && r+1 < o && x.upper(r+1)) {
		r++
	}
	q := x.classify(p.e+1, r)
	if q.kind != npName || q.s != p.e+1 && !x.in(titles, p.e+1) {
		return p
	}
	return np{s: p.s, e: r, nameS: p.nameS, kind: npName, name: p.name + " and " + q.name}
}

// markInSentence reports a quotation mark from token i to the end of its
// sentence on line ln.
func (x *extractor) markInSentence(i int, ln lineInfo) bool {
	for k := i; k < ln.t1; k++ {
		if x.toks[k].k == tMark {
			return true
		}
		if x.isBoundary(k, ln.t0) {
			return false
		}
	}
	return false
}

// leadSubject returns the subject of the sentence [lo, o) of line li when
// it is a person the quote after it may go on from: a speaker of the
// article or a full name, opening the sentence (after an introductory
// phrase at most) and followed by its verb ("Ruiz touted her record.",
// "In an interview, Rosa Diaz was defiant.").
func (x *extractor) leadSubject(lo, o, li int) np {
	p := x.subject(lo, o, li)
	if p.kind != npName || p.e >= o || !x.finiteAfterSubject(p) && !x.predicateAdjective(p, o) {
		return np{}
	}
	if p.s != lo && !(x.isPunct(p.s-1, ',') && x.introPhrase(lo, p.s-1)) {
		return np{}
	}
	if x.in(determiners, p.s) || strings.IndexByte(p.name, ' ') < 0 && !getLower(x.speakers, lastToken(x.fullName(p.name))) {
		return np{} // "Two Americans were killed"
	}
	return p
}

// finiteAfterSubject reports a subject name, not possessive, followed by
// a lower-case word shaped like a finite verb ("Ruiz touted"); an
// auxiliary ("Varga has been taking heat") leads as often to someone
// else's words.
func (x *extractor) finiteAfterSubject(p np) bool {
	last := x.word(p.e - 1)
	if p.e >= len(x.toks) || trimPossessive(last) != last || !x.isWord(p.e) || x.upper(p.e) {
		return false
	}
	return looksFinite(x.word(p.e))
}

// predicateAdjective reports an English sentence [p.s, o) that only says
// how its subject p stands: a form of "be" or a linking verb, adverbs, and
// one adjective closing it ("Bell was blunt.", "Ruiz is not so sure.");
// a quote after it gives the subject's words. A participle ("was
// arrested") is no such adjective.
func (x *extractor) predicateAdjective(p np, o int) bool {
	j := p.e
	if j >= o || !x.isWord(j) || !inSet(linkingVerbs, x.word(j)) {
		return false
	}
	j++
	for j < o-1 && x.isWord(j) && (x.isAdverb(j) || inSet(degreeWords, x.word(j))) {
		j++
	}
	if j != o-1 || !x.isWord(j) || x.upper(j) || strings.HasSuffix(x.word(j), "ed") || x.in(determiners, j) {
		return false
	}
	return true
}

// linkingVerbs join a subject to an adjective; degreeWords grade it.
var (
	linkingVerbs = map[string]bool{
		"is": true, "was": true, "isn’t": true, "wasn’t": true, "isn't": true, "wasn't": true,
		"seemed": true, "sounded": true, "remained": true, "seems": true, "sounds": true, "remains": true,
	}
	degreeWords = map[string]bool{"more": true, "less": true, "so": true, "very": true, "even": true, "much": true}
)

// topicPreps put a name before a colon in the topic role: "Bell on
// Ruiz: “…”", "a message for Bell:".
var topicPreps = map[string]bool{"on": true, "for": true, "over": true, "with": true, "of": true}

// possessives open a description of a thing someone owns ("its
// analysis", "their report").
var possessives = map[string]bool{"its": true, "his": true, "her": true, "their": true, "our": true}

// subordinatorIn reports an English subordinator among tokens [i, j).
func (x *extractor) subordinatorIn(i, j int) bool {
	for k := i; k < j; k++ {
		if x.isWord(k) && getLower(subordinators, x.word(k)) {
			return true
		}
	}
	return false
}

// subordinateSubject reports a subordinate clause with a capitalised
// subject among tokens [i, j): "when Ruiz ended …".
func (x *extractor) subordinateSubject(i, j int) bool {
	for k := i; k+1 < j; k++ {
		if x.isWord(k) && getLower(subordinators, x.word(k)) && x.upper(k+1) && !x.in(pronouns, k+1) {
			return true
		}
	}
	return false
}

// verbAfterName reports lower-case word e after a name run as the start of
// a predicate rather than a role before another name: an auxiliary, a form
// of "be", a word in -ing, a preposition, or a word followed by a
// preposition ("met with").
func (x *extractor) verbAfterName(e, o int) bool {
	w := x.word(e)
	if x.upper(e) {
		return false
	}
	if x.isAuxiliary(e) || inSet(beForms, w) || strings.HasSuffix(w, "ing") || inSet(predicatePreps, w) {
		return true
	}
	return e+1 < o && x.isWord(e+1) && inSet(predicatePreps, x.word(e+1))
}

// predicatePreps open a verb's complement after a name; "of", "for" and
// "in" are left out, as they link an office or an organisation to its name
// ("Secretary of State Ana Ruiz", "Club for Growth").
var predicatePreps = map[string]bool{
	"with": true, "to": true, "at": true, "on": true,
	"by": true, "from": true, "about": true, "against": true, "into": true,
}

func lastSignificant(s string) rune {
	for len(s) > 0 {
		r, n := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-n]
		if unicode.IsSpace(r) || r == '’' || r == '\'' || r == ')' {
			continue
		}
		return r
	}
	return 0
}

// before looks for a cue in the sentence before the opening mark: "X said:
// “…", "According to X, “…", or a fragment "X said he had “…”".
func (x *extractor) before(sg segment, ln lineInfo) attribution {
	open := sg.open
	lo := x.sentenceStart(open, ln)
	participle := -1       // the nearest participle cue left without a subject
	var source attribution // "according to its analysis": kept if no one speaks
	for verb := open - 1; verb >= lo && verb >= open-cueBeforeTokens; verb-- {
		if !x.isWord(verb) || strings.EqualFold(x.word(verb), "to") {
			continue // "according to" is found at "according"
		}
		ok, cueLast := x.speechVerbAt(verb, ln.t1)
		if !ok && participle < 0 && x.lang != "es" && verb > lo && x.isPunct(verb-1, ',') && !x.upper(verb) && strings.HasSuffix(x.word(verb), "ing") {
			participle = verb // "…, remarking, “…”": a participle no list holds
		}
		if !ok || x.insideSeg(verb) {
			continue
		}
		cueLast = min(cueLast, open-1)
		if x.lang != "es" && x.namingParticiple(verb, open) {
			continue // "a class called “Perception”": a name, not speech
		}
		speaker := x.verbNP(verb, cueLast, ln, lo)
		if x.lang != "es" && speaker.kind == npDesc && (x.in(timeNouns, speaker.e-1) || x.in(timeWords, speaker.e-1)) {
			continue // "who has before described …": no subject here
		}
		if speaker.kind == npNone && x.lang != "es" && x.passiveAt(verb, lo) {
			return attribution{} // "X was asked whether “…”": X is spoken to
		}
		if speaker.kind == npNone && participle < 0 && x.lang != "es" && x.isParticiple(verb) {
			participle = verb
		}
		if speaker.kind != npNone && x.lang != "es" {
			// "Varga attacked Bell’s claim that “…”": the words are the
			// owner's
			if p, ok := x.ownedSpeech(cueLast+1, open, sg.line); ok {
				return uncued(p)
			}
		}
		if speaker.kind != npNone && participle > cueLast+1 && x.lang != "es" && x.gerundOfObject(cueLast+1, participle) {
			// "Varga scolded Diaz for suggesting … “…”": the one
			// scolded suggested it, not the subject
			return attribution{}
		}
		if speaker.kind != npNone && participle > verb && x.subordinateSubject(verb+1, participle) {
			// "He wrote when Ruiz ended the debate …, remarking,
			// “…”": the participle may hang on either clause
			return attribution{}
		}
		if speaker.kind != npNone {
			if speaker.kind == npName && speaker.s > lo && (x.isPunct(speaker.s-1, ',') || x.lang != "es" && x.isWord(speaker.s-1) && x.in(placePreps, speaker.s-1)) && !x.plausible(x.repair(speaker), sg.line) {
				// the end of an appositive ("Dean Johnson, a salesman
				// from Aiken, South Carolina, says", "Ruiz, at a
				// forum in Salem, Oregon, said"): the subject opens the
				// sentence
				// (not across a subordinate clause: "Bell is assuring
				// voters … after a woman in Salem, Oregon, told
				// him": the verb has a subject of its own)
				if p := x.subject(lo, verb, sg.line); p.kind == npName && (x.lang == "es" || !x.subordinatorIn(p.e, verb)) {
					return cued(p, verb, cueLast)
				}
			}
			if x.lang != "es" && speaker.kind == npDesc && x.isForwardVerb(verb) && inSet(possessives, x.word(speaker.s)) {
				// "X said that according to its count, …": a
				// document, not the speaker a verb before names
				if source.speaker.kind == npNone {
					source = cued(speaker, verb, cueLast)
				}
				continue
			}
			if x.lang != "es" {
				if p := x.laterSubject(cueLast, open, sg.line); p.kind == npName {
					// "a video that Judge Ruiz called “crude,”
					// Bell voiced a wish to “…”": the cue has its
					// quote; a new clause names ours
					return uncued(p)
				}
			}
			if x.lang != "es" && speaker.kind != npPronoun && !x.isForwardVerb(verb) {
				if outer := x.reportingSpeaker(speaker.s, lo, ln); outer.hasCue {
					return outer // "Bell said Ruiz called on members to stay “…”"
				}
			}
			return cued(speaker, verb, cueLast)
		}
	}
	if source.speaker.kind != npNone {
		return source
	}
	// "X: “…”" with no verb, or the sentence subject for a quote inside it
	if open-1 >= ln.t0 && x.isPunct(open-1, ':') {
		// "a short reply for Ruiz:": the addressee did not speak
		addressee := func(k int) bool {
			return x.lang != "es" && k > lo && x.isWord(k-1) && (inSet(objectPreps, x.word(k-1)) || inSet(topicPreps, x.word(k-1)))
		}
		if speaker := x.jointBack(x.npBack(open-1, lo), lo); speaker.kind == npName && !addressee(speaker.s) {
			return uncued(speaker)
		}
		for k := lo; k < open; k++ {
			if addressee(k) {
				continue
			}
			if x.upper(k) && !x.in(leadWords, k) {
				if speaker := x.classify(k, k+1); speaker.kind == npName && x.isPerson(speaker.name) {
					return uncued(speaker)
				}
			}
		}
	}
	if x.lang != "es" && open > lo {
		if p := x.clauseSubject(lo, open, sg.line); p.kind == npName {
			return uncued(p)
		}
	}
	if open > lo {
		if speaker := x.subject(lo, open, sg.line); speaker.kind != npNone {
			return uncued(speaker)
		}
	}
	// "…, X said in a note. “…”": the cue ends the previous sentence
	if open == lo && open-1 > ln.t0 && x.toks[open-1].k == tPunct {
		prevLo := x.sentenceStart(open-1, ln)
		for verb := open - 2; verb >= prevLo && verb >= open-prevSentenceCueTokens; verb-- {
			if ok, cueLast := x.speechVerbAt(verb, ln.t1); ok && !x.insideSeg(verb) {
				if speaker := x.verbNP(verb, cueLast, ln, prevLo); speaker.kind != npNone {
					return cued(speaker, verb, cueLast)
				}
			}
		}
		// "Lynch announced on Monday the lawsuit against … . “We are
		// seeking …”": the previous sentence opens with a named speaker's
		// speech verb and holds no quotation of its own
		if !x.quoteIn(prevLo, open-1) {
			reach := prevSubjectTokens
			if x.lang != "es" {
				reach = introPhraseTokens + prevSubjectTokens
			}
			for verb := prevLo + 1; verb < open-1 && verb <= prevLo+reach; verb++ {
				if ok, cueLast := x.speechVerbAt(verb, ln.t1); ok {
					speaker := x.verbNP(verb, cueLast, ln, prevLo)
					opens := speaker.s == prevLo || x.lang != "es" && speaker.s > prevLo+1 && x.isPunct(speaker.s-1, ',') && x.introPhrase(prevLo, speaker.s-1)
					if (speaker.kind == npName || x.lang != "es" && speaker.kind == npPronoun && personalPronoun(speaker.name)) && opens {
						return cued(speaker, verb, cueLast)
					}
					break
				}
			}
			// "Ruiz touted her credentials as a co-sponsor. “We need
			// …”": in English a quoted sentence goes on from a sentence
			// whose subject is a speaker of the article
			if x.lang != "es" && x.upper(open+1) {
				if p := x.leadSubject(prevLo, open-1, sg.line); p.kind == npName {
					return uncued(p)
				}
			}
		}
	}
	return attribution{}
}

// introducedAbove reads the speaker of a paragraph-opening quote from the
// line above when that line ends with a colon: "Bell called them out:"
// then “…” as the next paragraph.
func (x *extractor) introducedAbove(li int) attribution {
	ln := x.lines[li]
	colon := ln.t1 - 1
	if colon > ln.t0 && x.isPunct(colon, '.') {
		// "Lynch announced the lawsuit on Monday." then “…” as the next
		// paragraph: the last sentence above opens with a named speaker's
		// speech verb and quotes nothing itself
		lo := x.sentenceStart(colon, ln)
		if x.quoteIn(lo, colon) {
			return attribution{}
		}
		// (in English also after an introductory phrase: "In a call with
		// analysts Monday, Acme chief executive Ana Ruiz said …")
		reach := prevSubjectTokens
		if x.lang != "es" {
			reach = introPhraseTokens + prevSubjectTokens
		}
		for verb := lo + 1; verb < colon && verb <= lo+reach; verb++ {
			if ok, cueLast := x.speechVerbAt(verb, ln.t1); ok {
				p := x.repair(x.verbNP(verb, cueLast, ln, lo))
				opens := p.s == lo || x.lang != "es" && p.s > lo+1 && x.isPunct(p.s-1, ',') && x.introPhrase(lo, p.s-1)
				// (in English a pronoun too: "He added that …." then “…”)
				if (p.kind == npName || x.lang != "es" && p.kind == npPronoun && personalPronoun(p.name)) && opens && x.plausible(p, li) {
					return cued(p, verb, cueLast)
				}
				break
			}
		}
		// "The plan is dead, Tom Bell said on Monday." then “…” as the
		// next paragraph: the last sentence closes with a named cue
		if x.lang != "es" {
			for c := colon - 1; c > lo && c >= colon-clauseCueTokens; c-- {
				if !x.isPunct(c, ',') {
					continue
				}
				found := x.cueClause(c, ln, false)
				if found.hasCue && found.speaker.kind == npName && found.cue.last < colon && x.onlyAdjuncts(max(found.cue.last+1, found.speaker.e), colon) {
					if p := x.repair(found.speaker); x.plausible(p, li) {
						found.speaker = p
						return found
					}
				}
				break
			}
		}
		// "Ruiz touted her record." then “We need …” as the next
		// paragraph: a speaker of the article opens the last sentence
		if x.lang != "es" {
			if p := x.leadSubject(lo, colon, li); p.kind == npName {
				return uncued(p)
			}
		}
		return attribution{}
	}
	if colon <= ln.t0 || !x.isPunct(colon, ':') {
		return attribution{}
	}
	lo := x.sentenceStart(colon, ln)
	for verb := colon - 1; verb >= lo && verb >= colon-cueBeforeTokens; verb-- {
		if !x.isWord(verb) || x.insideSeg(verb) {
			continue
		}
		if ok, cueLast := x.speechVerbAt(verb, ln.t1); ok {
			cueLast = min(cueLast, colon-1)
			if p := x.repair(x.verbNP(verb, cueLast, ln, lo)); x.plausible(p, li) {
				return cued(p, verb, cueLast)
			}
		}
	}
	if p := x.subject(lo, colon, li); p.kind == npName {
		return uncued(p)
	}
	return attribution{}
}

// signatureBelow reads the English signature line under a paragraph that
// is one whole quotation: a dash, then the speaker's name, alone or before
// a comma and a description ("“…”" then "— Jane Doe, speaking in Ohio.").
func (x *extractor) signatureBelow(sg segment) attribution {
	if !x.wholeLine(sg) || sg.line+1 >= len(x.lines) {
		return attribution{}
	}
	li := sg.line + 1
	ln := x.lines[li]
	k := ln.t0
	for k < ln.t1 && (x.isPunct(k, '—') || x.isPunct(k, '–') || x.isPunct(k, '―') || x.isPunct(k, '-')) {
		k++
	}
	if k == ln.t0 || k >= ln.t1 {
		return attribution{}
	}
	p := x.repair(x.npForward(k, ln.t1))
	if p.kind != npName || p.s != k || !x.plausible(p, li) {
		return attribution{}
	}
	if e := p.e; e < ln.t1 && !x.isPunct(e, ',') && !x.isPunct(e, '(') && !(e == ln.t1-1 && x.isPunct(e, '.')) {
		return attribution{} // "— Jane Doe said …" is a sentence, not a signature
	}
	return uncued(p)
}

// gerundOfObject reports a gerund at token g after "for" or "of" whose
// subject is a person named as the object before it, from token i on
// ("scolded Diaz for suggesting", "accused Bell of saying").
func (x *extractor) gerundOfObject(i, g int) bool {
	if g-2 < i || !x.isWord(g-1) || !strings.EqualFold(x.word(g-1), "for") && !strings.EqualFold(x.word(g-1), "of") {
		return false
	}
	for k := i; k < g-1; k++ {
		if x.upper(k) || x.isWord(k) && x.in(pronouns, k) {
			return true
		}
	}
	return false
}

// ownedSpeech reads the English words between a cue ending before token i
// and the quote at token open for someone else's speech: a name owning a
// speech noun whose content the quote is ("Bell’s claim that “…”").
func (x *extractor) ownedSpeech(i, open, li int) (np, bool) {
	k := open - 1
	that := false // the quote is the noun's content ("claim that “…”"), not said of it ("comments “show bias”")
	for k > i && x.isWord(k) && (strings.EqualFold(x.word(k), "that") || x.in(timeWords, k)) {
		that = that || strings.EqualFold(x.word(k), "that")
		k--
	}
	if !that && k-1 > i && x.isWord(k) && inSet(articles, x.word(k)) && (strings.EqualFold(x.word(k-1), "of") || strings.EqualFold(x.word(k-1), "for")) {
		k, that = k-2, true // "Ruiz’s assertion of a “right to build”", "Bell’s call for a “…”"
	}
	if that && k > i && x.isWord(k) && inSet(speechNouns, x.word(k)) {
		o := k - 1
		if o >= i && (x.isPunct(o, '’') || x.isPunct(o, '\'')) {
			o-- // "Jones’ claim"
		}
		if o >= i && x.isWord(o) && x.upper(o) {
			p := x.repair(x.npBack(o+1, i))
			if p.kind == npName && (trimPossessive(x.word(o)) != x.word(o) || o < k-1) && x.plausible(p, li) {
				return p, true
			}
		}
	}
	return np{}, false
}

// ownerBefore reads the English owner of a quote that names someone's
// words: a possessive name right before it and a speech noun right after
// it ("Ruiz’s “no tolls, ever” promise").
func (x *extractor) ownerBefore(sg segment, ln lineInfo) attribution {
	if sg.close < 0 || sg.close+1 >= ln.t1 || sg.open-1 < ln.t0 || !x.isWord(sg.close+1) || !inSet(speechNouns, x.word(sg.close+1)) {
		return attribution{}
	}
	k := sg.open - 1
	// adjectives between the owner and the quote: "Diaz’s infamous “47
	// percent” comment"
	for n := 0; n < 2 && k > ln.t0 && x.isWord(k) && !x.upper(k) && !x.in(determiners, k) && !x.in(prepositions, k) && !x.isNPStop(k) && !x.in(speechVerbs, k); n++ {
		k--
	}
	if x.isPunct(k, '’') || x.isPunct(k, '\'') {
		k-- // "Hart’ “…” pledge"
	} else if !x.isWord(k) || trimPossessive(x.word(k)) == x.word(k) {
		return attribution{}
	}
	if k < ln.t0 || !x.upper(k) {
		return attribution{}
	}
	r := k // the capitalised run of the name
	for r-1 >= ln.t0 && (x.upper(r-1) && !x.in(leadWords, r-1) || x.isPunct(r-1, '.') && x.isAbbrevDot(r-1, ln.t0)) {
		r--
	}
	p := x.classify(r, k+1)
	if p.kind != npName || p.e != k+1 || !x.plausible(p, sg.line) {
		return attribution{}
	}
	return uncued(p)
}

// ownedClauseTokens bounds the words between a speech noun and the quote
// that completes it ("claim that the plan was “…”").
const ownedClauseTokens = 8

// ownedContent reads the English owner of a quote inside what a
// possessive name's speech noun says: "Bell’s claim that the plan was
// “…”", "Bell’s description of the plan as “…”". The words from the noun
// to the quote are lower-case words of one clause (no punctuation), and
// the noun takes its content with "that", or "of … as" for a
// description; the owner spoke the words, whoever reports the claim.
func (x *extractor) ownedContent(sg segment, ln lineInfo) attribution {
	lo := max(ln.t0, sg.open-ownedClauseTokens-1)
	as := sg.open-1 >= ln.t0 && x.isWord(sg.open-1) && strings.EqualFold(x.word(sg.open-1), "as")
	for k := sg.open - 1; k > lo; k-- {
		if !x.isWord(k) || x.upper(k) {
			return attribution{}
		}
		if !inSet(speechNouns, x.word(k)) || k+1 >= sg.open {
			continue
		}
		next := x.word(k + 1)
		if !strings.EqualFold(next, "that") && !(strings.EqualFold(next, "of") && as) {
			return attribution{}
		}
		o := k - 1
		if o >= ln.t0 && (x.isPunct(o, '’') || x.isPunct(o, '\'')) {
			o-- // "Jones’ claim"
		}
		if o < ln.t0 || !x.isWord(o) || !x.upper(o) || trimPossessive(x.word(o)) == x.word(o) && !x.isPunct(o+1, '’') && !x.isPunct(o+1, '\'') {
			return attribution{}
		}
		r := o // the capitalised run of the name
		for r-1 >= ln.t0 && (x.upper(r-1) && !x.in(leadWords, r-1) || x.isPunct(r-1, '.') && x.isAbbrevDot(r-1, ln.t0)) {
			r--
		}
		p := x.repair(x.classify(r, o+1))
		if p.kind != npName || !x.plausible(p, sg.line) {
			return attribution{}
		}
		return uncued(p)
	}
	return attribution{}
}

// speechNouns name what someone said ("his claim that …", "Bell’s remark",
// "her assertion of a “…”").
var speechNouns = map[string]bool{
	"claim": true, "claims": true, "comment": true, "comments": true, "remark": true,
	"remarks": true, "statement": true, "assertion": true, "words": true, "promise": true,
	"pledge": true, "vow": true, "charge": true, "accusation": true, "suggestion": true,
	"insistence": true, "argument": true, "warning": true, "boast": true, "quip": true,
	"tweet": true, "declaration": true, "prediction": true, "threat": true, "contention": true,
	"admission": true, "complaint": true, "retort": true, "description": true, "characterization": true,
	"line": true, "phrase": true, "slogan": true, "mantra": true, "catchphrase": true, "refrain": true,
	"call": true, "demand": true, "plea": true, "appeal": true,
}

// unclosedAppositive reports a noun phrase p read back from a verb that
// ends an appositive left without its closing comma ("Ann Lee, president
// and CEO of the Restaurant Association said"): a role with its
// organisation, after lower-case role words back to the opening comma.
func (x *extractor) unclosedAppositive(p np, lo int) bool {
	if p.kind == npNone || p.kind == npPronoun {
		return false
	}
	of := false // the organisation after "of", "for" or "at"
	for j := p.s; j < p.e && !of; j++ {
		if w := x.word(j); len(w) <= 3 && x.isWord(j) && !x.upper(j) {
			of = roleLinks[w] // lower-case already
		}
	}
	if !of {
		return false
	}
	c := x.prevComma(p.s-1, lo)
	if c <= lo || !x.appositiveAt(c+1) {
		return false
	}
	for j := c + 1; j < p.s; j++ {
		if !x.isWord(j) || x.upper(j) || looksFinite(x.word(j)) {
			return false
		}
	}
	return true
}

// roleLinks join a role to the organisation after it ("president of",
// "spokeswoman for", "professor at").
var roleLinks = map[string]bool{"of": true, "for": true, "at": true}

// relativeClauseTokens bounds a relative clause read back from a verb to
// its pronoun ("who asked not to be named to talk about plans").
const relativeClauseTokens = 10

// adjunctPreps open a phrase that may stand between an English subject and
// its verb ("Bell in his speech called", "Bell on Twitter said").
var adjunctPreps = map[string]bool{
	"in": true, "during": true, "on": true, "at": true, "after": true,
	"before": true, "via": true, "through": true, "over": true,
}

// mannerAdverb reports an English adverb in -ly that may stand between a
// speaker and the verb ("Ruiz tersely replied"); nouns in -ly are not
// ("the family said").
func (x *extractor) mannerAdverb(i int) bool {
	if x.lang == "es" || x.upper(i) {
		return false
	}
	w := x.word(i)
	return len(w) > 4 && strings.HasSuffix(w, "ly") && !inSet(lyNouns, w)
}

// reflexive reports an English reflexive pronoun standing between a
// speaker and the verb for emphasis ("Ruiz herself said").
func (x *extractor) reflexive(i int) bool {
	if x.lang == "es" || x.upper(i) {
		return false
	}
	switch x.word(i) {
	case "himself", "herself", "themselves", "itself":
		return true
	}
	return false
}

// lyNouns are English nouns and adjectives in -ly that are no manner
// adverb.
var lyNouns = map[string]bool{
	"family": true, "rally": true, "ally": true, "assembly": true, "supply": true,
	"anomaly": true, "monopoly": true, "belly": true, "bully": true, "folly": true,
	"tally": true, "homily": true, "lily": true, "jelly": true, "early": true,
	"likely": true, "unlikely": true, "daily": true, "weekly": true, "monthly": true,
	"yearly": true, "elderly": true, "friendly": true, "lonely": true, "lovely": true,
	"ugly": true, "costly": true, "deadly": true, "holy": true, "only": true,
	"silly": true, "jolly": true, "hourly": true, "quarterly": true, "nightly": true,
}

// namingParticiple reports "called", "dubbed" or "labeled" right after a
// lower-case noun and right before the quotation at token open: a reduced
// relative naming a thing ("a class called “Perception”"), not a cue.
func (x *extractor) namingParticiple(verb, open int) bool {
	if verb+1 != open || verb == 0 || !x.isWord(verb-1) || x.upper(verb-1) || x.in(pronouns, verb-1) || x.isAuxiliary(verb-1) || inSet(beForms, x.word(verb-1)) {
		return false
	}
	switch strings.ToLower(x.word(verb)) {
	case "called", "dubbed", "labeled", "labelled", "named", "titled", "branded":
		return !x.in(fillers, verb-1) && !x.in(speechVerbs, verb-1)
	}
	return false
}

// reportingSpeaker finds the English speech verb whose reported clause
// opens at token s, the subject of a cue nearer the quote: "Rep. Steve
// Bell said Ruiz called on members to stay “…”", "Ruiz said she
// expected that voters will say “no”". The quote is part of what the
// outer speaker says, so it is theirs. Only "that" or a time word may stand
// between the outer verb and the clause; the outer speaker must be named
// and open the sentence.
func (x *extractor) reportingSpeaker(s, lo int, ln lineInfo) attribution {
	j := s - 1
	for j > lo && x.isWord(j) && (strings.EqualFold(x.word(j), "that") || x.in(timeWords, j)) {
		j--
	}
	if j <= lo || !x.isWord(j) {
		return attribution{}
	}
	ok, last := x.speechVerbAt(j, ln.t1)
	if !ok || last != j || x.isForwardVerb(j) || x.isParticiple(j) || getLower(recipientVerbs, x.word(j)) || inSet(objectCues, x.word(j)) {
		return attribution{} // ("Varga criticized Bell, who …": an object, no reported clause)
	}
	p := x.repair(x.verbNP(j, last, ln, lo))
	if p.kind != npName || p.s != lo && !(x.isPunct(p.s-1, ',') && x.introPhrase(lo, p.s-1)) {
		return attribution{}
	}
	return cued(p, j, last)
}

// laterSubject returns the named subject of a clause that opens after the
// quotation a cue ending at cueLast introduces and before the quotation at
// open: the cue's own quote comes first, a new subject and its verb then
// say ours.
func (x *extractor) laterSubject(cueLast, open, li int) np {
	k := cueLast + 1
	for k < open && x.toks[k].k == tPunct {
		k++
	}
	o := x.segOpenedAt(k)
	if o < 0 || x.segs[o].close < 0 || x.segs[o].close >= open {
		return np{}
	}
	j := x.segs[o].close + 1
	for j < open && x.isPunct(j, ',') {
		j++
	}
	p := x.subjectAt(j, open)
	if p.kind != npName || p.s != j || !x.finiteAfterSubject(p) || !x.plausible(p, li) {
		return np{}
	}
	return p
}

// clauseJoiners open a second clause with a subject of its own: "Jindal
// signed an order, while Mike Huckabee proposed “…”".
var clauseJoiners = map[string]bool{"while": true, "whereas": true, "but": true}

// clauseSubject returns the named subject of the last English clause
// opened by a joiner ("while", "whereas", "but") in [lo, open), when the
// quote at open lies in that clause: its subject, an appositive at most,
// then its verb.
func (x *extractor) clauseSubject(lo, open, li int) np {
	for k := open - 2; k > lo; k-- {
		if x.toks[k].k == tMark {
			return np{}
		}
		if !x.isWord(k) || !getLower(clauseJoiners, x.word(k)) || x.upper(k) {
			continue
		}
		p := x.subjectAt(k+1, open)
		if p.kind != npName || p.s != k+1 || !x.plausible(p, li) {
			return np{}
		}
		if strings.IndexByte(p.name, ' ') < 0 && !inFull(x.full, p.name) && !getLower(x.speakers, p.name) {
			return np{} // "but Muslim refugees …": no person's name
		}
		if x.finiteAfterSubject(p) {
			return p
		}
		if p.e < open && x.isPunct(p.e, ',') { // "while Tom Bell, the former governor, proposed"
			for c := p.e + 1; c < open && c <= p.e+appositiveCommaTokens; c++ {
				if x.isPunct(c, ',') {
					if c+1 < open && x.isWord(c+1) && !x.upper(c+1) && looksFinite(x.word(c+1)) {
						return p
					}
					break
				}
			}
		}
		return np{}
	}
	return np{}
}

// personalPronoun reports "he" or "she": a pronoun for one person.
func personalPronoun(p string) bool { return p == "he" || p == "she" }

// introPhrase reports tokens [i, j) as an English introductory phrase
// before a subject: it opens with a preposition or a time word and holds
// no comma and no quotation ("In a call with analysts on Monday").
func (x *extractor) introPhrase(i, j int) bool {
	if i >= j || !x.isWord(i) || !x.in(leadWords, i) && !x.in(timeWords, i) {
		return false
	}
	for k := i; k < j; k++ {
		if x.toks[k].k == tMark || x.isPunct(k, ',') {
			return false
		}
	}
	return true
}

// insideSeg reports whether token k lies inside a quoted segment of line ln.
func (x *extractor) insideSeg(k int) bool {
	return x.insidePos(int(x.toks[k].s))
}

// insidePos reports whether body offset p lies inside a quoted segment.
func (x *extractor) insidePos(p int) bool {
	lo, hi := 0, len(x.segs)
	for lo < hi { // first segment ending after p
		m := (lo + hi) / 2
		if x.segs[m].e <= p {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo < len(x.segs) && x.segs[lo].s <= p
}

// isPerson reports whether name was seen as a speaker or as a titled name.
func (x *extractor) isPerson(name string) bool {
	last := lastToken(name)
	for _, m := range x.mentions {
		if m.kind == npName && strings.EqualFold(lastToken(m.name), last) {
			return true
		}
	}
	return false
}

func lastToken(s string) string {
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		return s[i+1:]
	}
	return s
}

// opensWithPreterite reports a Spanish sentence [lo, k) opening with a verb
// in the third person singular preterite ("Arremetió contra …", "Insistió
// en …"): its subject is dropped, so a verb coordinated with it shares
// that dropped subject.
func (x *extractor) opensWithPreterite(lo, k int) bool {
	j := lo
	for j < k && !x.isWord(j) {
		j++
	}
	return j < k-1 && x.upper(j) && isPreterite3s(x.word(j))
}

// isPreterite3s reports a word shaped like a Spanish third person singular
// preterite: more than four letters ending in a stressed "ó" ("subrayó",
// "arremetió"); nouns in "-ón" and names ending in "o" don't qualify.
func isPreterite3s(w string) bool {
	return strings.HasSuffix(w, "ó") && utf8.RuneCountInString(w) > 4 || strongPreterites[w]
}

// strongPreterites are the third-person singular preterites of Spanish's
// irregular verbs, which end in an unstressed "-o" ("intervino",
// "propuso", "sostuvo"), and the short "fue", "dio", "vio" and "hubo".
var strongPreterites = map[string]bool{
	"dijo": true, "predijo": true, "contradijo": true, "hizo": true, "rehízo": true,
	"deshizo": true, "satisfizo": true, "puso": true, "propuso": true, "expuso": true,
	"dispuso": true, "supuso": true, "impuso": true, "repuso": true, "compuso": true,
	"vino": true, "intervino": true, "convino": true, "previno": true, "sobrevino": true,
	"tuvo": true, "mantuvo": true, "sostuvo": true, "obtuvo": true, "contuvo": true,
	"retuvo": true, "detuvo": true, "estuvo": true, "anduvo": true, "quiso": true,
	"supo": true, "pudo": true, "cupo": true, "trajo": true, "atrajo": true,
	"contrajo": true, "condujo": true, "produjo": true, "redujo": true,
	"tradujo": true, "introdujo": true, "fue": true, "dio": true, "vio": true,
	"hubo": true,
}

// afterLeadWords reports a verb at token k preceded in its sentence
// [lo, k) by connectors and adverbs only ("También explicó que …",
// "Además, señaló …"): the verb opens the sentence, with its subject
// dropped.
func (x *extractor) afterLeadWords(lo, k int) bool {
	seen := false
	for j := lo; j < k; j++ {
		switch {
		case x.isWord(j) && x.in(leadWords, j) && !x.in(pronouns, j):
			seen = true
		case x.isPunct(j, ','):
		default:
			return false
		}
	}
	return seen
}

// holdsPreterite reports a lower-case Spanish preterite among tokens
// [i, j) ("El debate acabó con …,").
func (x *extractor) holdsPreterite(i, j int) bool {
	for k := i; k < j; k++ {
		if x.isWord(k) && !x.upper(k) && isPreterite3s(x.word(k)) {
			return true
		}
	}
	return false
}

// prevSubjectTokens bounds the subject opening the sentence before a
// quotation ("Attorney General Ana Ruiz announced …").
const prevSubjectTokens = 6

// quoteIn reports a quotation mark among tokens [i, j).
func (x *extractor) quoteIn(i, j int) bool {
	for k := i; k < j; k++ {
		if x.toks[k].k == tMark {
			return true
		}
	}
	return false
}

// adjunctTokens bounds the time or place words read after a cue for a
// complement clause.
const adjunctTokens = 6

// complementizers open a reported clause: a cue followed by one reports
// that clause, not the quotation before it.
var complementizers = map[string]bool{"that": true, "que": true}

// describedNameWords bounds the lower-case words read before a name
// ("longtime resident").
const describedNameWords = 2

// describedName reads lower-case descriptive words from token i and the
// full name after them, up to token hi: "resident Kim Sato", "retired
// teacher Kim Sato". The words must be content words (no determiner,
// preposition, pronoun, conjunction, time word, speech verb or adverb in
// -ly) and the name at least two capitalised words.
func (x *extractor) describedName(i, hi int) (np, bool) {
	j := i
	for j < hi && j < i+describedNameWords && x.isWord(j) && !x.upper(j) {
		if x.in(determiners, j) || x.in(prepositions, j) || x.isNPStop(j) || x.in(pronouns, j) ||
			x.in(timeWords, j) || x.in(speechVerbs, j) || x.in(leadWords, j) || x.mannerAdverb(j) {
			return np{}, false
		}
		j++
	}
	if j == i || j+1 >= hi || !x.upper(j) || !x.upper(j+1) {
		return np{}, false
	}
	p := x.npForward(j, hi)
	if p.kind != npName || strings.IndexByte(p.name, ' ') < 0 {
		return np{}, false
	}
	p.s = i
	return p, true
}
