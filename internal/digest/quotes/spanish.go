package quotes

import (
	"strings"

	"github.com/newsdigest/bot/internal/digest/text"
)

// Spanish attribution cues are recognised by lemma, not by a list of
// written forms: a cue is a stem of esCueStems with a third-person ending
// of its conjugation (present, preterite, imperfect; singular and plural)
// or, after a form of "haber", its participle ("ha señalado"). Gerunds
// ("afirmando") head a clause whose subject is the main clause's.

// esConj is a verb's conjugation: 'a' for -ar verbs, 'e' for -er and 'i'
// for -ir verbs.
type esConj byte

// esCueStems maps the stem of a verb of saying to its conjugation.
var esCueStems = map[string]esConj{
	"afirm": 'a', "señal": 'a', "asegur": 'a', "indic": 'a', "explic": 'a',
	"agreg": 'a', "declar": 'a', "expres": 'a', "subray": 'a', "destac": 'a',
	"manifest": 'a', "coment": 'a', "precis": 'a', "puntualiz": 'a', "relat": 'a',
	"apunt": 'a', "pregunt": 'a', "recalc": 'a', "denunci": 'a', "reiter": 'a',
	"enfatiz": 'a', "sentenci": 'a', "detall": 'a', "exclam": 'a', "cuestion": 'a',
	"lament": 'a', "anunci": 'a', "confirm": 'a', "asever": 'a', "mencion": 'a',
	"resalt": 'a', "inform": 'a', "narr": 'a', "alert": 'a', "aclar": 'a',
	"argument": 'a', "proclam": 'a', "replic": 'a', "matiz": 'a', "apostill": 'a',
	"espet": 'a', "brome": 'a', "opin": 'a', "calific": 'a', "critic": 'a',
	"insist": 'i', "añad": 'i', "admit": 'i', "escrib": 'i', "respond": 'e',
	"advert": 'i', "reconoc": 'e', "conclu": 'i', "defend": 'e', "sosten": 'e',
	"record": 'a', "remarc": 'a', "public": 'a', "apel": 'a', "avis": 'a', "recrimin": 'a', "conden": 'a', "reclam": 'a', "tuit": 'a', "plante": 'a',
}

// esEndings are the third-person endings accepted after a stem, by
// conjugation.
var esEndings = map[esConj][]string{
	'a': {"ó", "aron", "a", "an", "aba", "aban"},
	'e': {"ió", "ieron", "e", "en", "ía", "ían"},
	'i': {"ió", "ieron", "e", "en", "ía", "ían"},
}

// esParticiples are the participle endings, accepted after "ha", "han", "había".
var esParticiples = map[esConj]string{'a': "ado", 'e': "ido", 'i': "ido"}

// esGerunds are the gerund endings.
var esGerunds = map[esConj]string{'a': "ando", 'e': "iendo", 'i': "iendo"}

// esIrregular are the irregular third-person forms of the cue verbs.
var esIrregular = map[string]bool{
	"dijo": true, "dijeron": true, "dice": true, "dicen": true, "decía": true,
	"decían": true, "advirtió": true, "advierte": true, "advirtieron": true,
	"sostuvo": true, "sostiene": true, "sostuvieron": true, "recuerda": true,
	"concluyó": true, "concluye": true, "defiende": true, "reconoce": true,
	"reconoció": true, "reconocieron": true, "pidió": true, "pide": true,
	"pidieron": true, "piden": true,
}

// esIrregularParticiples are irregular participles of cue verbs.
var esIrregularParticiples = map[string]bool{"dicho": true, "escrito": true, "sostenido": true}

// esIrregularGerunds are irregular gerunds of cue verbs.
var esIrregularGerunds = map[string]bool{"diciendo": true, "advirtiendo": true, "sosteniendo": true}

// esHaber are the auxiliary forms before a participle.
var esHaber = wordSet{bit: bitEsHaber, words: map[string]bool{"ha": true, "han": true, "había": true, "habían": true, "habría": true}}

// esCueForm classifies a lower-case Spanish word: a finite cue verb, a
// participle or a gerund of one.
func esCueForm(w []byte) (finite, participle, gerund bool) {
	if esIrregular[string(w)] {
		return true, false, false
	}
	if esIrregularParticiples[string(w)] {
		return false, true, false
	}
	if esIrregularGerunds[string(w)] {
		return false, false, true
	}
	// try only the stems left by a known ending: a few lookups a word
	for _, end := range esAllEndings {
		if len(w) < len(end)+3 || string(w[len(w)-len(end):]) != end {
			continue
		}
		conj, ok := esCueStems[string(w[:len(w)-len(end)])]
		if !ok {
			continue
		}
		for _, e := range esEndings[conj] {
			if end == e {
				return true, false, false
			}
		}
		switch end {
		case esParticiples[conj]:
			return false, true, false
		case esGerunds[conj]:
			return false, false, true
		}
	}
	return false, false, false
}

// esAllEndings are every ending of esEndings, esParticiples and esGerunds.
var esAllEndings = []string{
	"ó", "ió", "aron", "ieron", "a", "an", "e", "en", "aba", "aban", "ía", "ían",
	"ado", "ido", "ando", "iendo",
}

// esCueAt reports a Spanish cue verb at token i (a finite form, or a
// participle after a form of "haber").
func (x *extractor) esCueAt(i int) bool {
	f := x.esForm(i)
	if f&esFinite != 0 {
		// after a determiner that is never a clitic pronoun the form is a
		// noun: "la denuncia" may be "denounces her", "una denuncia" not
		return i == 0 || !x.isWord(i-1) || !inSet(esNounDeterminers, x.word(i-1))
	}
	return f&esParticiple != 0 && i > 0 && x.isWord(i-1) && inSet(esHaber.words, x.word(i-1))
}

// Cue forms of a token, cached per token (esForm).
const (
	esKnown      = 1 << iota // classified
	esFinite                 // a finite cue verb
	esParticiple             // a participle of one
	esGerund                 // a gerund of one
)

// esMinCueBytes: no form of a cue verb is shorter ("dijo", "dice").
const esMinCueBytes = 4

// esForm classifies token i once (esCueForm) and caches the result.
func (x *extractor) esForm(i int) uint8 {
	if x.esForms == nil {
		x.esForms = make([]uint8, len(x.toks))
	}
	if f := x.esForms[i]; f != 0 {
		return f
	}
	if len(x.word(i)) < esMinCueBytes {
		x.esForms[i] = esKnown // "de", "la", "que": no cue verb is this short
		return esKnown
	}
	var buf [64]byte
	finite, participle, gerund := esCueForm(text.AppendLower(buf[:0], x.word(i)))
	f := uint8(esKnown)
	if finite {
		f |= esFinite
	}
	if participle {
		f |= esParticiple
	}
	if gerund {
		f |= esGerund
	}
	x.esForms[i] = f
	return f
}

// isParticiple reports a cue that heads a participle clause ("…, adding",
// "…, afirmando"): its subject is the main clause's.
func (x *extractor) isParticiple(i int) bool {
	if x.in(participleVerbs, i) {
		return true
	}
	if x.lang != "es" {
		return false
	}
	return x.esForm(i)&esGerund != 0
}

// esSubordinators join a verb without a subject of its own to the
// sentence subject ("Ana Ruiz fue clara cuando dijo …", "… y señaló …").
var esSubordinators = wordSet{bit: bitEsSubordinators, words: map[string]bool{
	"y": true, "e": true, "cuando": true, "mientras": true, "porque": true, "aunque": true,
}}

// esClitics are unstressed pronouns between a subject and its verb ("le
// dijo", "se lo explicó"); they are not subjects.
var esClitics = wordSet{bit: bitEsClitics, words: map[string]bool{
	"le": true, "les": true, "lo": true, "la": true, "los": true, "las": true,
	"se": true, "me": true, "te": true, "nos": true, "no": true, "ya": true,
}}

// esPlural reports a third-person plural form of a verb ("dijeron",
// "avisaban", "señalan").
func esPlural(w string) bool {
	for _, suf := range []string{"aron", "ieron", "eron", "aban", "ían", "an", "en"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// esNounDeterminers only ever precede a noun (unlike "la", "lo", "los",
// "las", which are also object pronouns before a verb).
var esNounDeterminers = map[string]bool{
	"el": true, "un": true, "una": true, "unos": true, "unas": true, "su": true,
	"sus": true, "este": true, "esta": true, "estos": true, "estas": true,
	"ese": true, "esa": true, "esos": true, "esas": true, "del": true, "al": true,
	"cada": true, "nuestra": true, "nuestro": true, "otra": true, "otro": true,
}
