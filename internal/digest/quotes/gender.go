package quotes

import "strings"

// Grammatical gender, where the language marks it, keeps a pronoun or a
// description from being resolved to the other person of a story: "she"
// and "la mandataria" are not Bell once the article has written "el
// presidente Tom Bell". Gender is learnt only from the article's own
// words next to a full name (a gendered title or role, or a Spanish article
// before the role); a name without such a word has no known gender.

type gender uint8

const (
	genderUnknown gender = iota
	genderMale
	genderFemale
	genderMixed // both seen: treated as unknown
)

// genderWindow bounds how many tokens before a name are read for a
// gendered title, role or article.
const genderWindow = 3

// roleBeforeCommaTokens bounds the role phrase read before a comma and an
// appositive name.
const roleBeforeCommaTokens = 6

// genderedWords are titles and role nouns marked for gender (English and
// Spanish), lower-case keys without trailing period.
var genderedWords = map[string]gender{
	"mr": genderMale, "sr": genderMale, "don": genderMale, "sir": genderMale,
	"lord": genderMale, "king": genderMale, "prince": genderMale,
	"congressman": genderMale, "spokesman": genderMale, "chairman": genderMale,
	"councilman": genderMale, "businessman": genderMale, "actor": genderMale,
	"presidente": genderMale, "alcalde": genderMale, "ministro": genderMale,
	"senador": genderMale, "diputado": genderMale, "gobernador": genderMale,
	"director": genderMale, "secretario": genderMale, "mandatario": genderMale,
	"funcionario": genderMale, "vocero": genderMale, "candidato": genderMale,
	"exmandatario": genderMale, "expresidente": genderMale, "empresario": genderMale,
	"mrs": genderFemale, "ms": genderFemale, "miss": genderFemale, "sra": genderFemale,
	"doña": genderFemale, "dame": genderFemale, "lady": genderFemale,
	"queen": genderFemale, "princess": genderFemale, "congresswoman": genderFemale,
	"spokeswoman": genderFemale, "chairwoman": genderFemale, "councilwoman": genderFemale,
	"businesswoman": genderFemale, "actress": genderFemale, "presidenta": genderFemale,
	"alcaldesa": genderFemale, "ministra": genderFemale, "senadora": genderFemale,
	"diputada": genderFemale, "gobernadora": genderFemale, "directora": genderFemale,
	"secretaria": genderFemale, "mandataria": genderFemale, "funcionaria": genderFemale,
	"vocera": genderFemale, "candidata": genderFemale, "actriz": genderFemale,
	"exmandataria": genderFemale, "expresidenta": genderFemale, "empresaria": genderFemale,
	"jueza": genderFemale, "jefa": genderFemale,
}

// pronounGender returns the gender of a personal pronoun; "" (a Spanish
// null subject) has none.
func pronounGender(p string) gender {
	switch p {
	case "he", "él":
		return genderMale
	case "she", "ella":
		return genderFemale
	}
	return genderUnknown
}

// descGender returns the gender a description marks: its Spanish article
// ("la mandataria") or a gendered role word ("the spokeswoman").
func descGender(words []string) gender {
	g := genderUnknown
	switch strings.ToLower(words[0]) {
	case "el":
		g = genderMale
	case "la":
		g = genderFemale
	}
	if w := getLower(genderedWords, words[len(words)-1]); w != genderUnknown {
		g = w
	}
	return g
}

// noteGender records the gender marked before the full name whose run
// starts at token s (line ln) and whose surname is key.
func (x *extractor) noteGender(s, ns int, ln lineInfo, key string) {
	g := genderUnknown
	for j := max(ln.t0, s-genderWindow); j < ns; j++ {
		if !x.isWord(j) {
			continue
		}
		if v := getLower(genderedWords, strings.TrimSuffix(x.word(j), ".")); v != genderUnknown {
			g = v
		}
	}
	// a role in the phrase before an appositive name: "La secretaria de
	// Energía, Rocío Nahle", "the spokeswoman for the council, Ana Ruiz"
	if g == genderUnknown && s-2 >= ln.t0 && x.isPunct(s-1, ',') {
		for j := s - 2; j >= ln.t0 && j >= s-2-roleBeforeCommaTokens && x.isWord(j); j-- {
			if v := getLower(genderedWords, x.word(j)); v != genderUnknown {
				g = v
			}
		}
	}
	// a Spanish article before a role: "la cantante X", "el tenor X"
	if g == genderUnknown && x.lang == "es" && s-2 >= ln.t0 && x.isWord(s-1) && !x.upper(s-1) && x.isWord(s-2) {
		switch strings.ToLower(x.word(s - 2)) {
		case "el":
			g = genderMale
		case "la":
			g = genderFemale
		}
	}
	if g == genderUnknown {
		return
	}
	if x.gender == nil {
		x.gender = make(map[string]gender)
	}
	switch old := x.gender[key]; {
	case old == genderUnknown:
		x.gender[key] = g
	case old != g:
		x.gender[key] = genderMixed
	}
}

// noteHeadsGender records the gender marked by the role words describing
// a named speaker ("su directora, Elena Villagrasa", "spokeswoman Ana
// Ruiz").
func (x *extractor) noteHeadsGender(p np) {
	g := genderUnknown
	var wb [16]string
	for _, w := range fieldsUpTo(wb[:0], p.heads, -1) { // strings.Fields, on the stack
		if v := genderedWords[w]; v != genderUnknown {
			g = v
			break
		}
	}
	if g == genderUnknown {
		return
	}
	key := strings.ToLower(lastToken(x.fullName(p.name)))
	if x.gender == nil {
		x.gender = make(map[string]gender)
	}
	switch old := x.gender[key]; {
	case old == genderUnknown:
		x.gender[key] = g
	case old != g:
		x.gender[key] = genderMixed
	}
}

// genderOf returns the known gender of a name (by surname).
func (x *extractor) genderOf(name string) gender {
	g := getLower(x.gender, lastToken(x.fullName(name)))
	if g == genderMixed {
		return genderUnknown
	}
	return g
}

// genderOfKey returns the known gender of a lower-case surname.
func (x *extractor) genderOfKey(key string) gender {
	g := x.gender[key]
	if g == genderMixed {
		return genderUnknown
	}
	return g
}

// conflicts reports two known, different genders.
func conflicts(a, b gender) bool {
	return a != genderUnknown && b != genderUnknown && a != b
}
