package similar

import (
	_ "embed"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Cross-language evidence. Two reports of one event in English and in
// Spanish share almost no terms (different words, different stems), but
// they share what does not depend on the language: the names of people,
// places and organisations (accents folded: "México" is "mexico"), numbers
// with what they count ("nine dead", "nueve muertos") and a few news words
// whose translation a small bilingual list gives ("flood", "inundaciones").
// CrossKeys extracts these from a headline and lead as keys:
//
//	n:<name>        a name ("n:jakarta" for "Jakarta" and "Yakarta")
//	c:<concept>     a news word of the list ("c:dead" for "killed", "muertos")
//	q:<n>:<concept> a number with what it counts ("q:9:dead")
//
// Documents of different languages are compared by their keys alone (see
// crossScore).

//go:embed lexicon_en_es.txt
var lexiconText string

type lexEntry struct {
	kind byte // 'n', 'c' or 'q'
	key  string
}

type lexicon struct {
	words   map[string]lexEntry // folded word or phrase → entry
	exact   map[string]lexEntry // acronym as written ("UN") → entry
	longest int                 // words in the longest phrase
	opens   map[string]bool     // first words of the phrases
}

var loadLexicon = sync.OnceValue(func() *lexicon {
	lx := &lexicon{words: make(map[string]lexEntry), exact: make(map[string]lexEntry), opens: make(map[string]bool)}
	for _, line := range strings.Split(lexiconText, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' || len(line) < 3 || line[1] != ' ' {
			continue
		}
		head, rest, ok := strings.Cut(line[2:], ":")
		if !ok {
			continue
		}
		e := lexEntry{kind: line[0], key: strings.TrimSpace(head)}
		for _, v := range append([]string{e.key}, strings.Split(rest, ",")...) {
			// "=UN": an acronym matched only as written, since its
			// folded form is a common word ("un", "who").
			if a, ok := strings.CutPrefix(strings.TrimSpace(v), "="); ok {
				if a != "" {
					lx.exact[a] = e
				}
				continue
			}
			v = strings.Join(strings.Fields(fold(v)), " ")
			if v == "" || e.kind == 'q' && v == e.key {
				continue
			}
			lx.words[v] = e
			if first, _, ok := strings.Cut(v, " "); ok {
				lx.opens[first] = true
				lx.longest = max(lx.longest, strings.Count(v, " ")+1)
			}
		}
	}
	return lx
})

// fold lower-cases s and takes the accents off its Latin letters.
func fold(s string) string {
	ascii, lower := true, true
	for i := 0; i < len(s); i++ {
		c := s[i]
		ascii = ascii && c < utf8.RuneSelf
		lower = lower && !('A' <= c && c <= 'Z')
	}
	switch {
	case ascii && lower:
		return s
	case ascii:
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		r = unicode.ToLower(r)
		switch r {
		case 'á', 'à', 'â', 'ä', 'ã':
			r = 'a'
		case 'é', 'è', 'ê', 'ë':
			r = 'e'
		case 'í', 'ì', 'î', 'ï':
			r = 'i'
		case 'ó', 'ò', 'ô', 'ö', 'õ':
			r = 'o'
		case 'ú', 'ù', 'û', 'ü':
			r = 'u'
		case 'ñ':
			r = 'n'
		case 'ç':
			r = 'c'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// crossWord is one word of a headline or lead.
type crossWord struct {
	w       string // folded
	raw     string // as written
	capital bool   // written with a capital
	start   bool   // opens a sentence (or the headline)
	number  bool   // digits
}

// CrossKeys returns the language-independent keys of an article (see the
// comment above): of its headline and of the first LeadSentences
// sentences of its body, sorted and distinct. A headline in title case
// gives no names (its capitals say nothing).
func CrossKeys(title, body string) []string {
	lx := loadLexicon()
	tw, bw := crossWords(title, 1), crossWords(crossLead(title, body), LeadSentences)
	// A capital opening a sentence makes a name only when the word is
	// also written with a capital inside a sentence ("Fuertes lluvias…"
	// is no name).
	inner := make(map[string]bool)
	for _, ws := range [][]crossWord{tw, bw} {
		for _, w := range ws {
			if w.capital && !w.start {
				inner[w.w] = true
			}
		}
	}
	var keys []string
	keys = appendCrossKeys(keys, lx, tw, !titleCase(title), inner)
	keys = appendCrossKeys(keys, lx, bw, true, inner)
	return sortedDistinct(keys)
}

// crossLead returns body from its lead on: without the copies of the
// headline that scraped bodies often open with (the lead sentences would
// otherwise be the headline again) and without an opening byline ("By Ann
// Lee and Bo Wu", "Por Ana Ruiz"), whose names are the reporters', not the
// event's.
func crossLead(title, body string) string {
	title = strings.TrimSpace(title)
	for {
		body = strings.TrimLeft(body, " \t\r\n")
		switch {
		case title != "" && len(body) >= len(title) && strings.EqualFold(body[:len(title)], title) && !wordGoesOn(body[len(title):]):
			body = body[len(title):]
		case isByline(body):
			_, body, _ = strings.Cut(body, "\n")
		default:
			return body
		}
	}
}

// wordGoesOn reports whether s opens with a letter or digit, so that what
// precedes it ends mid-word.
func wordGoesOn(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return s != "" && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// maxBylineBytes bounds the first line isByline takes for a byline.
const maxBylineBytes = 80

// isByline reports whether the first line of s is a byline: short, with
// no sentence end, opening with "By" or "Por" and a capitalised name.
func isByline(s string) bool {
	line, _, _ := strings.Cut(s, "\n")
	line = strings.TrimSpace(line)
	if len(line) > maxBylineBytes || strings.ContainsAny(line, ".!?:") {
		return false
	}
	first, rest, ok := strings.Cut(line, " ")
	if !ok || !strings.EqualFold(first, "by") && !strings.EqualFold(first, "por") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsUpper(r)
}

// sortedDistinct sorts s and drops repeats and keys longer than
// MaxTermBytes, keeping at most maxSignatureEntities (so that a signature
// keeps them all).
func sortedDistinct(s []string) []string {
	s = slices.DeleteFunc(s, func(k string) bool { return len(k) > MaxTermBytes })
	if len(s) == 0 {
		return nil
	}
	slices.Sort(s)
	s = slices.Compact(s)
	return s[:min(len(s), maxSignatureEntities)]
}

// crossWords splits the first n sentences of s (at most maxLeadBytes) into
// words.
func crossWords(s string, n int) []crossWord {
	if len(s) > maxLeadBytes {
		s = s[:maxLeadBytes]
	}
	out := make([]crossWord, 0, len(s)/8+1)
	start, sentences := true, 0
	for i := 0; i < len(s) && sentences < n; {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i + size
			for j < len(s) {
				q, qs := utf8.DecodeRuneInString(s[j:])
				if unicode.IsLetter(q) || unicode.IsDigit(q) {
					j += qs
					continue
				}
				// "9.5", "19,000": one number.
				if (q == '.' || q == ',') && unicode.IsDigit(r) && j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9' {
					j += qs
					continue
				}
				break
			}
			w := s[i:j]
			out = append(out, crossWord{w: fold(w), raw: w, capital: unicode.IsUpper(r), start: start, number: unicode.IsDigit(r)})
			start = false
			i = j
		case r == '.' || r == '!' || r == '?':
			if r == '.' && i >= 1 && (isInitial(s[:i]) || inInitialism(s, i)) {
				i += size
				continue
			}
			sentences++
			start = true
			i += size
		case r == '\n':
			if i+1 < len(s) && s[i+1] == '\n' && !start {
				sentences++
			}
			start = true
			i += size
		case r == ':' || r == '¿' || r == '¡' || r == '—' || r == '|':
			start = true
			i += size
		default:
			i += size
		}
	}
	return out
}

// inInitialism reports whether the '.' at s[i] is inside a dotted
// initialism such as "EE.UU." (see dottedCapitals).
func inInitialism(s string, i int) bool {
	k := strings.LastIndexAny(s[:i], " \n\t(\"“")
	j := i + 1
	for j < len(s) && (s[j] == '.' || 'A' <= s[j] && s[j] <= 'Z') {
		j++
	}
	return dottedCapitals(strings.TrimRight(s[k+1:j], "."))
}

// appendCrossKeys appends the keys of words; names only when names is set.
func appendCrossKeys(keys []string, lx *lexicon, words []crossWord, names bool, inner map[string]bool) []string {
	var pendingNum string // a number waiting for what it counts
	pendingLeft := 0      // words it may still wait
	pendingEnd := -1      // the word after it
	for i := 0; i < len(words); {
		e, n := lx.match(words, i)
		w := words[i]
		switch {
		case n > 0 && e.kind == 'q':
			// "19 mil", "3.5 million": one number.
			if m, ok := scaled(pendingNum, e.key); ok && pendingEnd == i {
				pendingNum = m
			} else {
				pendingNum = e.key
			}
			pendingLeft, pendingEnd = 2, i+n
			i += n
			continue
		case n > 0 && e.kind == 'c':
			keys = append(keys, "c:"+e.key)
			if n == 1 && names && w.capital && !w.start && !crossCommon(w.w) && !institution(w.w) && !nextToCapital(words, i) {
				// "Victoria", "Rio de Janeiro": a name too. In a name
				// of capitals ("Times Square", "South Wales") the word
				// is the part a translation translates.
				keys = append(keys, "n:"+w.w)
			}
			if pendingNum != "" {
				keys = append(keys, "q:"+pendingNum+":"+e.key)
				pendingNum = ""
			}
		case n > 0 && e.kind == 'n' && (w.capital || len(w.w) > 3):
			keys = append(keys, "n:"+e.key)
		case w.number:
			if v := crossNumber(w.w); !isYear(v) {
				pendingNum, pendingLeft, pendingEnd = v, 2, i+1
				i++
				continue
			}
		case names && w.capital && (!w.start || inner[w.w]) && len(w.w) > 1 && !crossCommon(w.w) && !commonStart(w.w):
			keys = append(keys, "n:"+w.w)
		}
		if n == 0 {
			n = 1
		}
		i += n
		if pendingLeft--; pendingLeft <= 0 {
			pendingNum = ""
		}
	}
	return keys
}

// nextToCapital reports whether words[i] is part of a longer name in its
// sentence: a word next to it, or one past a joining word ("Rio de
// Janeiro", "State of Disaster", "New Year's Day"), is written with a
// capital.
func nextToCapital(words []crossWord, i int) bool {
	// same reports whether words[k] is in the sentence of words[i].
	same := func(k int) bool {
		if k < 0 || k >= len(words) {
			return false
		}
		for j := min(k, i) + 1; j <= max(k, i); j++ {
			if words[j].start {
				return false
			}
		}
		return true
	}
	for _, d := range []int{-1, 1} {
		k := i + d
		if !same(k) {
			continue
		}
		if words[k].capital || joiningWord(words[k].w) && same(k+d) && words[k+d].capital {
			return true
		}
	}
	return false
}

// joiningWord reports the short words that join the parts of a name
// ("of", "de", "del", the "s" of "Year's").
func joiningWord(w string) bool {
	switch w {
	case "of", "the", "s", "de", "del", "la", "las", "los", "el", "da", "do", "dos", "au":
		return true
	}
	return false
}

// institution reports news words capitalised as the name of an
// institution or a title ("el Gobierno", "the Army", "the Premier"), which
// a translation translates: never names alone.
func institution(w string) bool {
	switch w {
	case "government", "gobierno", "state", "estado", "congress", "congreso", "parliament", "parlamento",
		"senate", "senado", "army", "ejercito", "police", "policia", "navy", "armada", "ministry", "ministerio",
		"minister", "ministro", "ministra", "president", "presidente", "presidenta", "premier", "court", "corte",
		"tribunal", "university", "universidad", "church", "iglesia", "city", "ciudad", "council", "consejo",
		"day", "dia", "republic", "republica", "kingdom", "reino", "party", "partido", "justice", "justicia":
		return true
	}
	return false
}

// crossNumber returns the number w in one form for both languages:
// thousands grouped by ',' or '.' ("4,000", "4.000") ungrouped ("4000"),
// a decimal comma ("9,5") a decimal point ("9.5"). Anything else is
// returned as is ("131st", "9.5").
func crossNumber(w string) string {
	groups := strings.FieldsFunc(w, func(r rune) bool { return r == '.' || r == ',' })
	if len(groups) < 2 || !allDigits(w[:len(groups[0])]) {
		return w
	}
	thousands := true
	for _, g := range groups[1:] {
		if !allDigits(g) {
			return w
		}
		thousands = thousands && len(g) == 3
	}
	switch {
	case thousands:
		return strings.Join(groups, "")
	case len(groups) == 2:
		return groups[0] + "." + groups[1]
	}
	return w
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// scaled returns the number n times the multiplier m ("1000",
// "1000000", ...) and true, or false when either is no plain number or m
// is no power of a thousand.
func scaled(n, m string) (string, bool) {
	switch m {
	case "1000", "1000000", "1000000000":
	default:
		return "", false
	}
	x, err := strconv.ParseFloat(n, 64)
	if err != nil || n == "" || !allDigits(n[:1]) {
		return "", false
	}
	y, _ := strconv.ParseFloat(m, 64)
	return strconv.FormatFloat(x*y, 'f', -1, 64), true
}

// match returns the lexicon entry of the longest phrase starting at
// words[i] and its length in words, or 0. An acronym written as the
// lexicon lists it ("UN") matches first.
func (lx *lexicon) match(words []crossWord, i int) (lexEntry, int) {
	if e, ok := lx.exact[words[i].raw]; ok {
		return e, 1
	}
	if !lx.opens[words[i].w] {
		e, ok := lx.words[words[i].w]
		if !ok {
			return lx.inflected(words[i])
		}
		return e, 1
	}
	for n := min(lx.longest, len(words)-i); n >= 1; n-- {
		var b strings.Builder
		for k := i; k < i+n; k++ {
			if k > i {
				b.WriteByte(' ')
			}
			b.WriteString(words[k].w)
		}
		if e, ok := lx.words[b.String()]; ok {
			return e, n
		}
	}
	return lexEntry{}, 0
}

// inflected returns the entry of a single-word concept w is an inflection
// of, or 0: the list holds the usual forms of each word, and a
// plural or a gender the list leaves out ("localidades", "refugiadas") is
// found by its singular or its other gender. Names (capitalised words:
// "Civil", "Plazas") and short words are left alone.
func (lx *lexicon) inflected(w crossWord) (lexEntry, int) {
	if w.capital || w.number || len(w.w) < minInflected || len(w.w) > maxInflected {
		return lexEntry{}, 0
	}
	var forms [4][2]string // stem and ending of each form to look up
	n := 0
	if s, ok := strings.CutSuffix(w.w, "s"); ok {
		forms[n], n = [2]string{s, ""}, n+1 // the singular
		if s2, ok := strings.CutSuffix(s, "e"); ok {
			forms[n], n = [2]string{s2, ""}, n+1
		}
	} else {
		forms[n], forms[n+1], n = [2]string{w.w, "s"}, [2]string{w.w, "es"}, n+2 // the plural
	}
	// The other gender, singular and plural: -o for -a, -as for -os.
	base := strings.TrimSuffix(w.w, "s")
	if k := len(base) - 1; base[k] == 'a' && n <= 2 {
		forms[n], forms[n+1], n = [2]string{base[:k], "o"}, [2]string{base[:k], "os"}, n+2
	} else if base[k] == 'o' && n <= 2 {
		forms[n], forms[n+1], n = [2]string{base[:k], "a"}, [2]string{base[:k], "as"}, n+2
	}
	var buf [maxInflected + 2]byte
	for _, f := range forms[:n] {
		b := append(append(buf[:0], f[0]...), f[1]...)
		if e, ok := lx.words[string(b)]; ok && e.kind == 'c' {
			return e, 1
		}
	}
	return lexEntry{}, 0
}

// minInflected and maxInflected bound the words inflected looks up.
const minInflected, maxInflected = 5, 30

// crossCommon reports capitalised words that name nothing in either
// language: weekdays, months, honorifics, and Spanish function words that
// open sentences.
func crossCommon(w string) bool {
	if commonCapital(w) {
		return true
	}
	switch w {
	case "january", "february", "march", "april", "may", "june", "july", "august", "september",
		"october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
		"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
		"ene", "abr", "ago", "dic", "lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo",
		"el", "la", "los", "las", "un", "una", "en", "por", "para", "con", "del", "de", "al", "este", "esta",
		"segun", "tras", "ante", "sin", "sobre", "entre", "desde", "hasta", "que", "se", "su", "sus", "y", "o",
		"sr", "sra", "don", "dona", "watch", "live", "video", "fotos", "ap", "afp", "efe", "ani", "notimex", "cnn":
		return true
	}
	return false
}

// Cross-language matching: documents of different languages join when
// they share at least minCrossNames names (who or where) and one news word
// that says what happened or a number with what it counts (not only
// setting words, see settingConcept), do not name two different kinds of
// event (see kindOf), and the weight of the keys they share over the
// weight of all their keys (names and numbers with what they count weigh
// crossNameWeight, news words 1) reaches crossThreshold. Tuned on
// en-es-pairs-dev (internal/eval/stories).
const (
	minCrossNames   = 1
	crossNameWeight = 2
	crossThreshold  = 0.2
)

func crossWeight(k string) float64 {
	if strings.HasPrefix(k, "c:") {
		return 1
	}
	return crossNameWeight
}

// settingConcept reports the news words of the list that set the scene
// of an event rather than say what happened: offices and groups of people
// (who), kinds of places (where), times, occasions and units (when, how
// much). Two different events with the same people, in the same place or
// on the same day share these; two reports of one event share at least
// one other word of the list or a number with what it counts.
func settingConcept(c string) bool { return loadConceptSets().setting[c] }

// settingConcepts lists the setting concepts, by their canonical forms in
// lexicon_en_es.txt.
const settingConcepts = "president,government,minister,commissioner,leader,spokesman,authorities,prime minister," +
	"chancellor,governor,king,queen,prince,princess,ambassador,diplomats,police,judge," +
	"prosecutor,lawyer,opposition,party,parliament,congress,senate,people,men,women,children," +
	"family,mother,father,daughter,wife,husband,students,teachers,workers,civilians,voters," +
	"farmers,doctors,nurses,players,team,coach,actor,singer,writer,company,capital,city,town," +
	"region,province,country,neighbourhood,north,south,street,square,beach,river,mountain,sea," +
	"ocean,lake,island,coast,park,hotel,building,today,yesterday,week,month,year,day,night," +
	"hours,minutes,new year,christmas,easter,holidays,january,february,march,april,june,july," +
	"august,september,october,november,december,monday,tuesday,wednesday,thursday,friday," +
	"saturday,sunday,percent,km,metres,tonnes,litres,degrees,dollars,euros,announced,rise,fall," +
	"bank,court,embassy,hospital,school,university,airport,port,church,mosque,temple,cathedral," +
	"stadium,museum,prison"

// eventKind is a set of kinds of event a document's keys name (see
// kindOf).
type eventKind uint8

const (
	kindWater    eventKind = 1 << iota // floods, storms, landslides
	kindQuake                          // earthquakes, tsunamis, volcanoes
	kindFire                           // fires, heat, drought
	kindCrash                          // crashes and collapses
	kindViolence                       // shootings, attacks, bombs
	kindDisease                        // outbreaks
	kindVote                           // elections
)

// kindOf returns the kinds of event a key of the list names. Two reports
// of one event that both name a kind name one kind in common: an
// earthquake and a flood in one town on one day are two events.
func kindOf(k string) eventKind {
	c, ok := strings.CutPrefix(k, "c:")
	if !ok {
		return 0
	}
	return loadConceptSets().kind[c]
}

// eventKinds lists the concepts (canonical forms in lexicon_en_es.txt)
// that name each kind of event; a concept may name several.
func eventKinds() map[eventKind]string {
	return map[eventKind]string{
		kindWater:                           "flood,storm,hurricane,rain,landslide,tornado,snow,avalanche",
		kindWater | kindQuake:               "tsunami",
		kindQuake:                           "earthquake,volcano,aftershock,magnitude,epicentre",
		kindFire:                            "fire,heat wave,drought,firefighters,hectares,forest",
		kindFire | kindViolence | kindCrash: "explosion",
		kindCrash:                           "crash,derailment,shipwreck,collapse",
		kindViolence:                        "shooting,attack,bomb,murder,terrorism,airstrike,kidnapping,hostages",
		kindDisease:                         "virus,outbreak,epidemic,pandemic,infections,disease,flu,cholera,measles,vaccine",
		kindVote:                            "election,referendum,polls,candidate,campaign,voters",
	}
}

type conceptSets struct {
	setting map[string]bool
	kind    map[string]eventKind
}

var loadConceptSets = sync.OnceValue(func() conceptSets {
	cs := conceptSets{setting: make(map[string]bool), kind: make(map[string]eventKind)}
	for _, c := range strings.Split(settingConcepts, ",") {
		cs.setting[c] = true
	}
	for k, list := range eventKinds() {
		for _, c := range strings.Split(list, ",") {
			cs.kind[c] |= k
		}
	}
	return cs
})

// crossScore returns the similarity of two documents of different
// languages from their keys, in [0, 1], and 0 when they share fewer than
// minCrossNames names, share only setting words, or name different kinds
// of event.
func crossScore(a, b []string) float64 {
	var sa, sb, sh float64
	names, what := 0, 0
	var ka, kb eventKind
	for _, k := range a {
		sa += crossWeight(k)
		ka |= kindOf(k)
	}
	for _, k := range b {
		sb += crossWeight(k)
		kb |= kindOf(k)
	}
	if ka != 0 && kb != 0 && ka&kb == 0 {
		return 0 // a flood and an earthquake: two events
	}
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch c := strings.Compare(a[i], b[j]); {
		case c < 0:
			i++
		case c > 0:
			j++
		default:
			sh += crossWeight(a[i])
			switch k := a[i]; {
			case strings.HasPrefix(k, "n:"):
				names++
			case strings.HasPrefix(k, "q:") || !settingConcept(k[2:]):
				what++
			}
			i++
			j++
		}
	}
	if names < minCrossNames || what < 1 || sa+sb-sh <= 0 {
		return 0
	}
	return sh / (sa + sb - sh)
}

// StoryIndexKeys is how many of its cross-language keys (see IndexKeys) an
// article is indexed and looked up under, next to its key terms, so that a
// report in another language finds it.
const StoryIndexKeys = 4

// IndexKeys returns up to n of d's name and number keys ("n:", "q:"),
// longest first (the rarer ones), ties in byte order.
func IndexKeys(d Doc, n int) []string {
	var out []string
	for _, k := range d.Keys {
		if strings.HasPrefix(k, "n:") || strings.HasPrefix(k, "q:") {
			out = append(out, k)
		}
	}
	slices.SortStableFunc(out, func(a, b string) int { return len(b) - len(a) })
	return out[:min(len(out), n)]
}

// IndexTerms returns the terms under which the story index keeps d: its
// StoryIndexTerms key terms and its StoryIndexKeys index keys.
func IndexTerms(d Doc) []string {
	return append(KeyTerms(d, StoryIndexTerms), IndexKeys(d, StoryIndexKeys)...)
}

// QueryTerms returns the terms under which story candidates for d are
// looked up: its StoryQueryTerms key terms and its StoryIndexKeys index
// keys.
func QueryTerms(d Doc) []string {
	return append(KeyTerms(d, StoryQueryTerms), IndexKeys(d, StoryIndexKeys)...)
}

// StoryKeyCandidates is how many candidates the index keys add to those
// of the key terms (see RankStoryCandidates).
const StoryKeyCandidates = 5

// RankStoryCandidates ranks the matches of a story-term lookup for
// QueryTerms(d): matches holds one list per query term, the last keys of
// them for d's index keys. The best StoryCandidates of the key terms come
// first, then up to StoryKeyCandidates more found by the index keys alone:
// ids[byTerms:]. Those are for reports in another language, which share
// names but no words; KeepKeyCandidate tells which to compare.
func RankStoryCandidates(matches [][]int64, keys int) (ids []int64, byTerms int) {
	keys = min(max(keys, 0), len(matches))
	split := len(matches) - keys
	ids = RankCandidates(matches[:split], StoryCandidates)
	byTerms = len(ids)
	if keys == 0 {
		return ids, byTerms
	}
	seen := make(map[int64]bool, len(ids))
	for _, id := range ids {
		seen[id] = true
	}
	added := 0
	for _, id := range RankCandidates(matches[split:], StoryKeyCandidates+len(ids)) {
		if !seen[id] && added < StoryKeyCandidates {
			ids = append(ids, id)
			added++
		}
	}
	return ids, byTerms
}

// KeepKeyCandidate reports whether the candidate with signature sig,
// found by d's index keys alone (see RankStoryCandidates), is to be
// compared with d: only when the two are of different languages, so that
// the candidates of a document in one language are those of its key
// terms. It reads the signature's language alone (SignatureLang), so
// that a candidate left out is never parsed.
func KeepKeyCandidate(d Doc, sig []byte) bool {
	return crossLanguage(d, Doc{Lang: SignatureLang(sig)})
}
