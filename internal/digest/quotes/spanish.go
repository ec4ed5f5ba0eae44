package quotes

import "strings"

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
var esHaber = map[string]bool{"ha": true, "han": true, "había": true, "habían": true, "habría": true}

// esCueForm classifies a lower-case Spanish word: a finite cue verb, a
// participle or a gerund of one.
func esCueForm(w string) (finite, participle, gerund bool) {
	if esIrregular[w] {
		return true, false, false
	}
	if esIrregularParticiples[w] {
		return false, true, false
	}
	if esIrregularGerunds[w] {
		return false, false, true
	}
	for i := len(w) - 1; i >= 3; i-- {
		conj, ok := esCueStems[w[:i]]
		if !ok {
			continue
		}
		end := w[i:]
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

// esCueAt reports a Spanish cue verb at token i (a finite form, or a
// participle after a form of "haber").
func (x *extractor) esCueAt(i int) bool {
	w := strings.ToLower(x.word(i))
	finite, participle, _ := esCueForm(w)
	if finite {
		return true
	}
	return participle && i > 0 && x.isWord(i-1) && esHaber[strings.ToLower(x.word(i-1))]
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
	_, _, gerund := esCueForm(strings.ToLower(x.word(i)))
	return gerund
}

// esSubordinators join a verb without a subject of its own to the
// sentence subject ("Jesús fue clarísimo cuando dijo …", "… y señaló …").
var esSubordinators = map[string]bool{
	"y": true, "e": true, "cuando": true, "mientras": true, "porque": true, "aunque": true,
}

// esClitics are unstressed pronouns between a subject and its verb ("le
// dijo", "se lo explicó"); they are not subjects.
var esClitics = map[string]bool{
	"le": true, "les": true, "lo": true, "la": true, "los": true, "las": true,
	"se": true, "me": true, "te": true, "nos": true, "no": true, "ya": true,
}

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
