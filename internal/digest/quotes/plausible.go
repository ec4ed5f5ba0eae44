package quotes

import (
	"strings"
	"unicode/utf8"
)

// Plausible speakers. A capitalised run is not a speaker just because it is
// capitalised: a dateline ("WASHINGTON —"), a place used as a place ("in
// Salem, New Hampshire,"), a time word ("Monday") or a sentence-initial
// function word ("Lo", "Con", "Adding") would put words in no one's mouth.
// These rules need no gazetteer: they read how the word is used in the
// article itself.

// shoutedMinRunes: a single all-capitals word this long is a shouted
// headline word or a dateline, not a name (acronyms such as "NSC", "DHS"
// stay shorter).
const shoutedMinRunes = 6

// datelineTokens bounds how far after a line-initial name a dateline's dash
// or agency parenthesis may stand ("Washington (AFP) –").
const datelineTokens = 5

// wordUse records how the words of the article are written, for the
// plausibility rules, computed on demand and cached.
type wordUse struct {
	// capMid caches, per word as written (possessive trimmed), whether it
	// is capitalised somewhere not at a sentence start and not on a
	// title-case line (capitalisedMid).
	capMid map[string]bool
	// titleCase caches per line: 0 not computed, 1 no, 2 title case
	// (headlines, where capitals say nothing about names).
	titleCase []uint8
}

// titleCaseMinWords and titleCaseShare: a line of at least that many words
// with at least that share capitalised is in title case.
const (
	titleCaseMinWords = 4
	titleCaseShare    = 0.6
)

// isTitleCase reports whether line li is written in title case, computed
// once per line when first asked.
func (x *extractor) isTitleCase(li int) bool {
	if x.use.titleCase == nil {
		x.use.titleCase = make([]uint8, len(x.lines))
	}
	if c := x.use.titleCase[li]; c != 0 {
		return c == 2
	}
	ln := x.lines[li]
	words, caps := 0, 0
	for i := ln.t0; i < ln.t1; i++ {
		if x.isWord(i) {
			words++
			if x.upper(i) {
				caps++
			}
		}
	}
	title := words >= titleCaseMinWords && float64(caps) >= titleCaseShare*float64(words)
	x.use.titleCase[li] = 1
	if title {
		x.use.titleCase[li] = 2
	}
	return title
}

// capitalisedMid reports whether w (as written) is capitalised somewhere
// in the article not at a sentence start and not on a title-case line. It
// is asked only for one-word names in doubt, so it scans on demand and
// caches the answer.
func (x *extractor) capitalisedMid(w string) bool {
	if v, ok := x.use.capMid[w]; ok {
		return v
	}
	found := false
	for li := 0; li < len(x.lines) && !found; li++ {
		ln := x.lines[li]
		for i := ln.t0; i < ln.t1; i++ {
			// most tokens differ in their length or first byte: ruled out
			// before the word is sliced
			if t := &x.toks[i]; w != "" && (int(t.e-t.s) < len(w) || x.b[t.s] != w[0]) {
				continue
			}
			if x.isWord(i) && strings.HasPrefix(x.word(i), w) && trimPossessive(x.word(i)) == w && !x.sentenceInitial(i, ln) && !x.isTitleCase(li) {
				found = true
				break
			}
		}
	}
	if x.use.capMid == nil {
		x.use.capMid = make(map[string]bool)
	}
	x.use.capMid[w] = found
	return found
}

// sentenceInitial reports whether token i opens a sentence, a line or a
// quotation: the token before it is sentence punctuation, opening
// punctuation ("¿", "¡") or an opening mark right against it.
func (x *extractor) sentenceInitial(i int, ln lineInfo) bool {
	j := i - 1
	if j < ln.t0 {
		return true
	}
	t := x.toks[j]
	switch t.k {
	case tWord:
		return false
	case tMark:
		// an opening mark against the word, or a closing mark after the
		// end of a quoted sentence ("…good.” Adding, …")
		if t.e == x.toks[i].s {
			return true
		}
		return j-1 >= ln.t0 && x.toks[j-1].k == tPunct && strings.ContainsRune(".!?…", x.toks[j-1].r)
	}
	switch t.r {
	case '.':
		return !x.isAbbrevDot(j, ln.t0)
	case '!', '?', '…', ':', ';', '¿', '¡', '—', '–', '•', '|', '‘', '\'', '"':
		return true
	}
	return false
}

// repair turns a "description" that is a name followed by adverbs
// ("Ana Ruiz immediately", "Varga however") into that name.
func (x *extractor) repair(p np) np {
	if p.kind != npDesc {
		return p
	}
	// "she really", "he’d", "she hadn’t yet": a pronoun and adverbs
	if x.isWord(p.s) && x.pronounStem(p.s) != "" {
		for j := p.s + 1; j < p.e; j++ {
			if !x.isWord(j) || !x.isAdverb(j) && !x.isAuxiliary(j) {
				return p
			}
		}
		return np{s: p.s, e: p.s + 1, kind: npPronoun, name: x.pronounStem(p.s)}
	}
	if !x.upper(p.s) || x.in(determiners, p.s) {
		return p
	}
	r := p.s
	for r < p.e && (x.upper(r) || x.isPunct(r, '.') && x.isAbbrevDot(r, p.s)) {
		r++
	}
	if r == p.s || r == p.e {
		return p
	}
	for j := r; j < p.e; j++ {
		if !x.isWord(j) || !x.isAdverb(j) {
			return p
		}
	}
	if q := x.classify(p.s, r); q.kind == npName {
		return q
	}
	return p
}

// isAdverb reports a word that may stand between a subject and its verb:
// a filler ("also") or an adverb of manner ("gingerly", "claramente").
func (x *extractor) isAdverb(i int) bool {
	if x.in(fillers, i) || x.in(sentenceAdverbs, i) {
		return true
	}
	w := x.word(i)
	return len(w) > 4 && !x.upper(i) && (strings.HasSuffix(w, "ly") || strings.HasSuffix(w, "mente"))
}

// strayWords reports an English "description" that is no noun phrase: a
// verb group ("were hacked", "wouldn’t"), "there", a lone article or
// adverb ("the", "now"), or a time phrase ("two weeks ago").
func (x *extractor) strayWords(p np) bool {
	w := x.word(p.s)
	if x.isAuxiliary(p.s) || inSet(beForms, w) || strings.EqualFold(w, "there") || strings.EqualFold(x.word(p.e-1), "ago") {
		return true
	}
	if p.e-p.s == 1 {
		return inSet(articles, w) || x.isAdverb(p.s) || inSet(possessives, w) // "the", "now", "her"
	}
	if last := p.e - 1; x.isWord(last) && !x.upper(last) && x.in(prepositions, last) && !x.in(determiners, last) {
		return true // "articles from": a phrase cut before its object
	}
	// a noun and the subject of a clause on it: "a charge she denies"
	// (the verb's subject is the pronoun, the noun is its object)
	if x.isWord(p.e-1) && x.in(pronouns, p.e-1) {
		return true
	}
	// a clause, not a noun phrase: "the local press has always" (not "a
	// person who has seen it")
	for j := p.s + 1; j < p.e; j++ {
		if !x.isWord(j) {
			continue
		}
		if x.in(relativePronouns, j) || strings.EqualFold(x.word(j), "that") {
			return false
		}
		if x.isAuxiliary(j) || inSet(beForms, x.word(j)) {
			return true
		}
	}
	return false
}

// articles are determiners that never stand alone ("another", "some" do).
var articles = map[string]bool{"the": true, "a": true, "an": true}

// pronounStem returns the personal pronoun of word i, also when an
// auxiliary is contracted onto it ("he’d", "she’s"), or "".
func (x *extractor) pronounStem(i int) string {
	w := strings.ToLower(x.word(i))
	if j := strings.IndexAny(w, "’'"); j > 0 {
		w = w[:j]
	}
	if w == "he" || w == "she" || w == "él" || w == "ella" {
		return w
	}
	return ""
}

// isAuxiliary reports an English auxiliary, also negated ("hadn’t").
func (x *extractor) isAuxiliary(i int) bool {
	w := x.word(i)
	if len(w) < 2 || len(w) > 10 {
		return false // no auxiliary is shorter or longer ("couldn’t" is 10 bytes)
	}
	return getLower(auxiliaries, w)
}

// auxiliaries are the auxiliaries isAuxiliary knows, with their
// contracted negations ("hadn’t", "wouldn't"), lower-case.
var auxiliaries = func() map[string]bool {
	m := make(map[string]bool)
	for _, w := range []string{"had", "has", "have", "was", "is", "would", "will", "did", "does", "could", "ha"} {
		m[w], m[w+"n’t"], m[w+"n't"] = true, true, true
	}
	return m
}()

// sentenceAdverbs are adverbs without the -ly/-mente ending.
var sentenceAdverbs = wordSet{bit: bitSentenceAdverbs, words: map[string]bool{
	"however": true, "though": true, "too": true, "first": true, "now": true,
	"yet": true, "really": true, "still": true, "never": true, "not": true,
	"sin": true, "embargo": true, "además": true, "ya": true, "luego": true,
	"entonces": true, "después": true, "hoy": true, "ayer": true,
}}

// plausible reports whether the noun phrase p, found on line ln, can be a
// speaker. Pronouns and descriptions are checked where they are resolved.
func (x *extractor) plausible(p np, li int) bool {
	ln := x.lines[li]
	switch p.kind {
	case npNone:
		return false
	case npDesc:
		// A description opens with a determiner or a lower-case word; one
		// opening with a capitalised word is a name run that went wrong
		// ("Hart presumably", "Ana Ruiz fue clara cuando").
		if x.in(timeNouns, p.e-1) || x.in(timeWords, p.e-1) {
			return false // "the past", "el pasado", "this week"
		}
		if x.lang != "es" && x.strayWords(p) {
			return false
		}
		return !x.upper(p.s) || x.in(determiners, p.s)
	case npPronoun:
		return true
	}
	ns := p.nameS
	if ns < p.s || ns >= p.e {
		ns = p.s
	}
	words := 0
	for j := ns; j < p.e; j++ {
		if x.isWord(j) {
			words++
		}
	}
	if (x.in(timeWords, ns) || x.in(months, ns)) && !inFull(x.full, x.word(ns)) {
		return false
	}
	if lw := p.e - 1; lw > ns && x.isWord(lw) && x.in(timeWords, lw) && !upperWord(x.word(lw)) && !getLower(x.speakers, x.word(lw)) {
		return false // "One Sunday", "Early Monday"
	}
	// a dateline: "WASHINGTON —", "Washington (AFP) –", "SALEM, Ore. —"
	if (ns == ln.t0 || p.s == ln.t0 || x.afterDatelinePlace(p.s, ln)) && x.datelineAfter(p.e, ln) && !x.asideAfter(p.e, ln) {
		return false
	}
	// a place used as a place: "in Salem, New Hampshire," "en Madrid"
	if ns > ln.t0 && x.isWord(ns-1) && x.in(placePreps, ns-1) && p.s <= ns {
		return false
	}
	if x.lang != "es" && ns-2 >= ln.t0 && x.isPunct(ns-1, ',') && x.upper(ns-2) && p.s == ns && inSet(usStates, p.name) {
		return false // a US state after its city: "St. Clairsville, Ohio", "Carson, Calif."
	}
	if ns-2 >= ln.t0 && x.isPunct(ns-1, ',') && x.upper(ns-2) && p.s == ns && (p.e < ln.t1 && x.isPunct(p.e, ',') || x.lang != "es" && inSet(usStates, p.name)) {
		// (a state needs no closing comma: "Ana Ruiz of Aiken,
		// South Carolina says")
		// "in Salem, New Hampshire,": the run before the comma is a place
		k := ns - 2
		for k > ln.t0 && x.upper(k-1) {
			k--
		}
		if k > ln.t0 && x.isWord(k-1) && (x.in(placePreps, k-1) || strings.EqualFold(x.word(k-1), "of")) {
			return false
		}
	}
	last := p.e - 1
	for last > ns && !x.isWord(last) {
		last--
	}
	lastWord := trimPossessive(x.word(last))
	if x.onlyInitials(ns, p.e) {
		// initials alone ("J.J", "S.C"): a name cut short or a state
		return false
	}
	known := func() bool { return inFull(x.full, lastWord) || x.capitalisedMid(lastWord) }
	if x.isTitleCase(li) {
		return known() // a headline capitalises every word
	}
	if words > 1 {
		return true
	}
	if x.in(determiners, ns) || x.in(leadWords, ns) || x.in(esClitics, ns) || x.isNPStop(ns) || x.in(pronouns, ns) {
		return false // a function word: "La", "Con", "It"
	}
	if x.in(sentenceAdverbs, ns) && x.sentenceInitial(ns, ln) {
		return false // "First, Bell identified …"
	}
	w := x.word(ns)
	if utf8.RuneCountInString(w) >= shoutedMinRunes && upperWord(w) {
		return false
	}
	// "“… offensive!” Diaz said.": a capitalised word between a closing
	// mark and a speech verb is the speaker's name
	if ns == p.s && ns > ln.t0 && x.toks[ns-1].k == tMark && p.e < ln.t1 {
		if ok, _ := x.speechVerbAt(p.e, ln.t1); ok && !x.isParticiple(p.e) {
			return true
		}
	}
	// "Hayek confirmed …": in English a capitalised word opening a
	// sentence right before a speech verb in the past is its subject
	if x.lang != "es" && ns == p.s && p.e < ln.t1 && x.isWord(p.e) && strings.HasSuffix(x.word(p.e), "ed") && !x.in(pronouns, ns) && !inSet(indefinites, x.word(ns)) {
		if ok, _ := x.speechVerbAt(p.e, ln.t1); ok && !x.isParticiple(p.e) && !x.passiveAt(p.e, ln.t0) {
			return true
		}
	}
	// A word capitalised only because it opens a sentence ("Adding",
	// "Indica", "Lo", "Con") is not a name: a name is capitalised
	// elsewhere too, or is the surname of a full name.
	return !x.sentenceInitial(ns, ln) || known()
}

// asideAfter reports a dash at token j that a second one closes on the
// line: an aside ("Jason Sims — a teacher from Salem — says"), not a
// dateline.
func (x *extractor) asideAfter(j int, ln lineInfo) bool {
	if j >= ln.t1 || !x.isPunct(j, '—') && !x.isPunct(j, '–') {
		return false
	}
	for k := j + 1; k < ln.t1 && k <= j+appositiveCommaTokens; k++ {
		if x.isPunct(k, x.toks[j].r) {
			return true
		}
	}
	return false
}

// afterDatelinePlace reports a line-initial word in capitals and a comma
// before token s: the place of "SALEM, Ore. -".
func (x *extractor) afterDatelinePlace(s int, ln lineInfo) bool {
	if s-2 < ln.t0 || !x.isPunct(s-1, ',') {
		return false
	}
	for j := ln.t0; j < s-1; j++ {
		if !x.isWord(j) || !upperWord(x.word(j)) {
			return false
		}
	}
	return true
}

// datelineAfter reports a dateline's dash (or a spaced hyphen) after a line-initial place name
// ending before token j: the dash, possibly after an agency in parentheses
// ("(AFP)") or a state (", Miss.").
func (x *extractor) datelineAfter(j int, ln lineInfo) bool {
	if j < ln.t1 && x.isPunct(j, '(') {
		k := j + 1
		for k < ln.t1 && k < j+datelineTokens && !x.isPunct(k, ')') {
			k++
		}
		j = k + 1
	} else if j < ln.t1 && x.isPunct(j, ',') {
		k := j + 1
		for k < ln.t1 && k < j+datelineTokens && (x.upper(k) || x.isPunct(k, '.')) {
			k++
		}
		j = k
	}
	if j+1 < ln.t1 && x.isPunct(j, '.') && x.isPunct(j+1, '-') {
		return true // "MADRID (EFE).-"
	}
	return j < ln.t1 && (x.isPunct(j, '—') || x.isPunct(j, '–') || x.spacedHyphen(j))
}

// spacedHyphen reports a hyphen token standing between spaces, written for
// a dateline's dash: after an abbreviation or a word in capitals
// ("SALEM, Ore. - U.S. District Judge …", "WASHINGTON - The …"), not
// after a name opening an aside ("Tom Bell - who …").
func (x *extractor) spacedHyphen(j int) bool {
	t := x.toks[j]
	if !x.isPunct(j, '-') || j == 0 || t.s == 0 || int(t.e) >= len(x.b) || x.b[t.s-1] != ' ' || x.b[t.e] != ' ' {
		return false
	}
	w := x.word(j - 1)
	return x.isPunct(j-1, '.') || x.isWord(j-1) && len(w) > 1 && upperWord(w)
}

// indefinites are pronouns for no one in particular ("Someone called it
// …").
var indefinites = map[string]bool{
	"someone": true, "somebody": true, "nobody": true, "everyone": true,
	"everybody": true, "anyone": true, "anybody": true, "none": true,
}

// timeNouns head descriptions of a time, not of a speaker.
var timeNouns = wordSet{bit: bitTimeNouns, words: map[string]bool{
	"past": true, "week": true, "month": true, "year": true, "day": true, "morning": true,
	"night": true, "time": true, "weekend": true, "decade": true, "moment": true,
	"afternoon": true, "evening": true, "pasado": true, "semana": true, "mes": true,
	"año": true, "día": true, "mañana": true, "noche": true, "tarde": true,
	"momento": true, "fin": true, "década": true,
}}

// placePreps put the capitalised run after them in the place role.
// usStates are the states of the United States, which follow a city
// after a comma ("Columbia, South Carolina").
var usStates = map[string]bool{
	"alabama": true, "alaska": true, "arizona": true, "arkansas": true, "california": true,
	"colorado": true, "connecticut": true, "delaware": true, "florida": true, "georgia": true,
	"hawaii": true, "idaho": true, "illinois": true, "indiana": true, "iowa": true,
	"kansas": true, "kentucky": true, "louisiana": true, "maine": true, "maryland": true,
	"massachusetts": true, "michigan": true, "minnesota": true, "mississippi": true, "missouri": true,
	"montana": true, "nebraska": true, "nevada": true, "new hampshire": true, "new jersey": true,
	"new mexico": true, "new york": true, "north carolina": true, "north dakota": true, "ohio": true,
	"oklahoma": true, "oregon": true, "pennsylvania": true, "rhode island": true, "south carolina": true,
	"south dakota": true, "tennessee": true, "texas": true, "utah": true, "vermont": true,
	"virginia": true, "washington": true, "west virginia": true, "wisconsin": true, "wyoming": true,
	// and their abbreviations in one word
	"ala": true, "ariz": true, "ark": true, "calif": true, "colo": true, "conn": true, "del": true,
	"fla": true, "ga": true, "ill": true, "ind": true, "kan": true, "kans": true, "ky": true,
	"md": true, "mass": true, "mich": true, "minn": true, "miss": true, "mo": true, "mont": true,
	"neb": true, "nev": true, "okla": true, "ore": true, "pa": true, "tenn": true, "tex": true,
	"vt": true, "va": true, "wash": true, "wis": true, "wisc": true, "wyo": true,
}

var placePreps = wordSet{bit: bitPlacePreps, words: map[string]bool{
	"in": true, "at": true, "from": true, "near": true, "outside": true,
	"en": true, "desde": true, "hacia": true, "cerca": true,
}}

// months are time words that are capitalised in English.
var months = wordSet{bit: bitMonths, words: map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true,
	"june": true, "july": true, "august": true, "september": true, "october": true,
	"november": true, "december": true, "enero": true, "febrero": true, "marzo": true,
	"abril": true, "mayo": true, "junio": true, "julio": true, "agosto": true,
	"septiembre": true, "octubre": true, "noviembre": true, "diciembre": true,
}}

// inFull reports whether w (any case) is the surname of a full name,
// without allocating for ASCII words.
func inFull(full map[string]string, w string) bool {
	var buf [24]byte
	if len(w) > len(buf) {
		return full[strings.ToLower(w)] != ""
	}
	for j := 0; j < len(w); j++ {
		c := w[j]
		if c >= 0x80 {
			return full[strings.ToLower(w)] != ""
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[j] = c
	}
	return full[string(buf[:len(w)])] != ""
}

// onlyInitials reports tokens [s, e) holding single letters only.
func (x *extractor) onlyInitials(s, e int) bool {
	for j := s; j < e; j++ {
		if !x.isWord(j) {
			continue
		}
		run := 0 // letters since the last dot
		for _, r := range x.word(j) {
			if r == '.' {
				run = 0
				continue
			}
			if run++; run > 1 {
				return false
			}
		}
	}
	return true
}
