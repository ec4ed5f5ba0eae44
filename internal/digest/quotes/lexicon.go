package quotes

import "strings"

// The word lists below drive attribution. They are read-only after package
// initialisation (composite literals, and participleVerbs derived from
// speechVerbs) and hold lower-case keys.

// speechVerbs are attribution cues in English and Spanish.
var speechVerbs = wordSet{bit: bitSpeechVerbs, words: map[string]bool{
	// English
	"said": true, "says": true, "say": true, "saying": true,
	"added": true, "adds": true, "adding": true,
	"told": true, "tells": true, "telling": true,
	"noted": true, "notes": true, "noting": true,
	"warned": true, "warns": true, "warning": true,
	"recounted": true, "recalled": true, "recalls": true,
	"wrote": true, "writes": true, "writing": true,
	"tweeted": true, "tweets": true, "posted": true,
	"asked": true, "asks": true, "asking": true,
	"explained": true, "explains": true, "explaining": true,
	"continued": true, "continues": true,
	"declared": true, "declares": true, "stated": true, "states": true,
	"insisted": true, "insists": true, "argued": true, "argues": true, "arguing": true,
	"claimed": true, "claims": true, "claiming": true,
	"replied": true, "replies": true, "responded": true, "responds": true,
	"answered": true, "acknowledged": true, "admitted": true, "admits": true,
	"announced": true, "announces": true, "remarked": true, "observed": true,
	"concluded": true, "concludes": true, "suggested": true, "suggests": true,
	"predicted": true, "cautioned": true, "urged": true, "urges": true,
	"stressed": true, "emphasized": true, "emphasised": true, "contended": true,
	"joked": true, "quipped": true, "complained": true, "countered": true,
	"conceded": true, "agreed": true, "described": true, "describing": true,
	"reported": true, "reports": true, "testified": true, "vowed": true,
	"promised": true, "pledged": true, "boasted": true, "bragged": true,
	"charged": true, "mused": true, "shouted": true, "yelled": true,
	"screamed": true, "exclaimed": true, "whispered": true, "thundered": true,
	"tweeting": true, "wondered": true, "maintained": true, "maintains": true,
	"believes": true, "thinks": true, "predicts": true, "warn": true,
	"called": true, "calling": true, "calls": true,
	"dubbed": true, "labeled": true, "labelled": true, "branded": true,
	"accused": true, "accusing": true, "praised": true, "slammed": true,
	"blasted": true, "criticized": true, "criticised": true, "attacked": true,
	"mocked": true, "hailed": true, "denied": true, "denies": true,
	"confirmed": true, "confirms": true, "revealed": true, "reiterated": true,
	"recounts": true, "explain": true, "tell": true, "write": true,
	"pointed": true, "points": true, "interjected": true, "barked": true,
	"emailed": true, "texted": true, "retorted": true, "snapped": true,
	"scoffed": true, "lamented": true, "opined": true, "interrupted": true,
	"repeated": true, "repeats": true, "asserted": true, "asserts": true,
	"proclaimed": true, "proclaims": true, "agrees": true, "reacted": true,
	"questioned": true,
	"yelling":    true, "shouting": true, "insisting": true, "suggesting": true,
	"declaring": true, "joking": true, "vowing": true, "urging": true,
	"promising": true, "predicting": true, "complaining": true, "quipping": true,
	"responding": true, "replying": true, "praising": true, "blasting": true,
	// further forms of the reporting verbs above, and the rest of the
	// closed class (a linguist's list, not the eval files)
	"acknowledges": true, "acknowledging": true, "concedes": true, "conceding": true,
	"recalling": true, "announcing": true, "complains": true, "laments": true,
	"lamenting": true, "observes": true, "contends": true, "contending": true,
	"admitting": true, "reiterates": true, "reiterating": true,
	"emphasizes": true, "emphasises": true, "emphasizing": true, "emphasising": true,
	"stresses": true, "stressing": true, "boasts": true, "boasting": true,
	"confirming": true, "denying": true, "stating": true, "testifies": true,
	"testifying": true, "asserting": true, "cautions": true, "cautioning": true,
	"describes": true, "recounting": true, "muses": true, "musing": true,
	"scoffs": true, "retorts": true, "interjects": true, "proclaiming": true,
	"exclaims": true, "concluding": true, "remarking": true, "countering": true,
	"pledging":  true,
	"mentioned": true, "mentions": true, "fumed": true, "fumes": true, "fuming": true,
	"cried": true, "whispers": true, "reasoned": true,
	"alleges": true, "alleging": true, "affirmed": true, "pleaded": true,
	"demanded": true, "grumbled": true, "muttered": true, "murmured": true,
	"hinted": true, "speculated": true, "confided": true,
	"elaborated": true, "clarified": true,
	"reckoned": true, "fretted": true, "griped": true, "gushed": true, "crowed": true,
	"chided": true, "scolded": true, "teased": true, "bellowed": true, "roared": true,
	"ventured": true, "volunteered": true, "implored": true,
	"begged": true, "sniped": true, "snarled": true, "growled": true,
	"blurted": true, "posited": true,
	"went": true, "goes": true, "chimed": true, "chimes": true, "put": true, "puts": true,
	// Spanish
	"dijo": true, "dice": true, "afirmó": true, "afirma": true,
	"señaló": true, "señala": true, "aseguró": true, "asegura": true,
	"explicó": true, "añadió": true, "agregó": true, "indicó": true,
	"declaró": true, "sostuvo": true, "advirtió": true, "manifestó": true,
	"expresó": true, "comentó": true, "destacó": true, "subrayó": true,
	"apuntó": true, "respondió": true, "preguntó": true, "escribió": true,
	"insistió": true, "reconoció": true, "recordó": true, "relató": true,
	"detalló": true, "enfatizó": true, "sentenció": true, "puntualizó": true,
	"dijeron": true, "afirmaron": true, "señalaron": true,
}}

// phrasalParticles are the particles that make these speechVerbs a cue
// ("went on", "chimed in", "as Bell put it"); without it the verb is none.
var phrasalParticles = map[string]string{"went": "on", "goes": "on", "chimed": "in", "chimes": "in", "put": "it", "puts": "it"}

// retortVerbs are speech verbs with "back" ("Bell shot back").
var retortVerbs = map[string]bool{"shot": true, "fired": true, "hit": true, "hits": true, "fires": true, "shoots": true}

// recipientVerbs take a recipient worth keeping in the cue ("told Reuters").
var recipientVerbs = map[string]bool{"told": true, "tells": true, "telling": true, "tell": true}

// participleVerbs head a participle clause ("…, adding that …") whose subject
// is the subject of the main clause, not the words before them: the -ing
// forms among speechVerbs.
var participleVerbs = wordSet{bit: bitParticipleVerbs, words: ingForms(speechVerbs.words)}

// ingForms returns the words of set ending in "-ing".
func ingForms(set map[string]bool) map[string]bool {
	out := make(map[string]bool)
	for w := range set {
		if strings.HasSuffix(w, "ing") {
			out[w] = true
		}
	}
	return out
}

// pronouns that stand for a speaker.
var pronouns = wordSet{bit: bitPronouns, words: map[string]bool{
	"he": true, "she": true, "they": true, "i": true, "we": true, "it": true,
	"él": true, "ella": true, "ellos": true, "ellas": true,
}}

// determiners open a description ("the spokesperson", "a source").
var determiners = wordSet{bit: bitDeterminers, words: map[string]bool{
	"the": true, "a": true, "an": true, "one": true, "another": true, "some": true,
	"his": true, "her": true, "their": true, "its": true, "this": true, "that": true,
	"these": true, "those": true, "two": true, "three": true, "several": true,
	"many": true, "other": true, "both": true, "most": true, "each": true,
	"el": true, "la": true, "los": true, "las": true, "un": true, "una": true,
	"unos": true, "unas": true, "su": true, "sus": true, "otro": true, "otra": true,
	"otros": true, "otras": true, "uno": true, "alguno": true, "alguna": true,
	"algunos": true, "algunas": true, "varios": true, "varias": true, "ambos": true,
	"muchos": true, "muchas": true, "este": true, "esta": true, "ese": true, "esa": true,
}}

// npStops end a noun phrase read backwards from a verb or forwards after it.
var npStops = wordSet{bit: bitNpStops, words: map[string]bool{
	"that": true, "and": true, "but": true, "while": true, "because": true,
	"who": true, "which": true, "when": true, "as": true, "after": true,
	"before": true, "if": true, "so": true, "where": true, "whom": true,
	"although": true, "though": true, "since": true, "then": true, "than": true,
	"in": true, "on": true, "at": true, "during": true, "via": true, "through": true,
	"about": true, "into": true, "over": true, "under": true, "by": true,
	"que": true, "y": true, "pero": true, "en": true, "durante": true,
}}

// esNPStops end a Spanish noun phrase besides npStops: prepositions and
// conjunctions that start a complement of the verb rather than the speaker
// ("la mandataria ante estudiantes universitarios").
var esNPStops = wordSet{bit: bitEsNPStops, words: map[string]bool{
	"ante": true, "a": true, "al": true, "con": true, "desde": true, "tras": true,
	"sobre": true, "por": true, "para": true, "hasta": true, "entre": true,
	"según": true, "cuando": true, "quien": true, "quienes": true, "donde": true,
	"como": true, "mientras": true, "aunque": true, "porque": true, "si": true,
	"o": true, "ni": true, "este": true, "esta": true, "ese": true, "esa": true,
	"luego": true, "después": true, "antes": true, "hoy": true, "ayer": true,
	"frente": true, "sin": true, "contra": true, "mediante": true, "cuyo": true, "cuya": true,
}}

// backStops end a noun phrase read backwards from a verb.
var backStops = wordSet{bit: bitBackStops, words: map[string]bool{
	"to": true, "what": true, "how": true, "why": true, "whether": true,
	"without": true, "like": true, "not": true, "does": true, "did": true,
	"do": true, "would": true, "could": true, "should": true, "might": true,
	"may": true, "can": true, "will": true, "must": true, "never": true,
}}

// fillers sit between a speaker and its verb and are skipped ("Ruiz also
// told", "she has said").
var fillers = wordSet{bit: bitFillers, words: map[string]bool{
	"also": true, "later": true, "then": true, "previously": true, "again": true,
	"recently": true, "simply": true, "once": true, "quickly": true, "has": true,
	"had": true, "have": true, "would": true, "will": true, "is": true, "was": true,
	"further": true, "flatly": true, "bluntly": true, "only": true,
	"often": true, "repeatedly": true, "just": true, "publicly": true,
	"privately": true, "earlier": true, "frequently": true, "even": true,
	"reportedly": true, "allegedly": true, "pointedly": true, "angrily": true,
	"sharply": true, "firmly": true, "famously": true, "once-again": true,
	"out": true, "having": true, "been": true, "did": true, "long": true, "already": true,
	"not": true, "never": true, "still": true, "ha": true, "también": true,
	"week": true, "month": true, "year": true, "night": true, "morning": true,
	"afternoon": true, "evening": true, "last": true, "this": true, "today": true,
	"yesterday": true, "monday": true, "tuesday": true, "wednesday": true,
	"thursday": true, "friday": true, "saturday": true, "sunday": true,
}}

// prepositions before a capitalised run make it a complement of a
// description ("a spokesperson for the National Security Council").
var prepositions = wordSet{bit: bitPrepositions, words: map[string]bool{
	"for": true, "of": true, "at": true, "to": true, "from": true, "with": true,
	"in": true, "on": true, "by": true, "de": true, "del": true, "para": true,
	"the": true, "a": true, "an": true,
}}

// titles precede a name and are dropped from it ("Mexican President
// Claudia Sheinbaum" → "Claudia Sheinbaum"). Keys without trailing period.
var titles = wordSet{bit: bitTitles, words: map[string]bool{
	"president": true, "vice": true, "sen": true, "senator": true, "rep": true,
	"representative": true, "gov": true, "governor": true, "dr": true, "mr": true,
	"mrs": true, "ms": true, "miss": true, "secretary": true, "gen": true,
	"general": true, "mayor": true, "judge": true, "justice": true, "minister": true,
	"chancellor": true, "king": true, "queen": true, "prince": true, "princess": true,
	"pope": true, "rev": true, "reverend": true, "prof": true, "professor": true,
	"chairman": true, "chairwoman": true, "chair": true, "speaker": true,
	"leader": true, "former": true, "ambassador": true, "moderator": true,
	"archbishop": true, "bishop": true, "cardinal": true, "chief": true,
	"officer": true, "ceo": true, "director": true, "spokesman": true,
	"spokeswoman": true, "spokesperson": true, "candidate": true, "nominee": true,
	"host": true, "anchor": true, "commissioner": true, "attorney": true,
	"lt": true, "col": true, "capt": true, "sgt": true, "adm": true, "sir": true,
	"dame": true, "lord": true, "lady": true, "sheriff": true, "coach": true,
	"presidente": true, "presidenta": true, "sr": true, "sra": true, "don": true,
	"doña": true, "canciller": true, "ministro": true, "ministra": true,
	"senador": true, "senadora": true, "diputado": true, "diputada": true,
	"gobernador": true, "gobernadora": true, "alcalde": true, "alcaldesa": true,
	"founder": true, "executive": true, "economist": true, "analyst": true,
	"strategist": true, "adviser": true, "advisor": true, "manager": true,
	"aide": true, "councilman": true, "councilwoman": true, "congressman": true,
	"congresswoman": true, "delegate": true, "del": true, "prosecutor": true,
}}

// leadWords are capitalised function words that begin sentences and are not
// part of a name ("But Ruiz said").
var leadWords = wordSet{bit: bitLeadWords, words: map[string]bool{
	"but": true, "and": true, "so": true, "yet": true, "then": true, "now": true,
	"also": true, "meanwhile": true, "however": true, "later": true, "still": true,
	"speaking": true, "asked": true, "in": true, "on": true, "at": true, "while": true,
	"during": true, "after": true, "before": true, "when": true, "as": true,
	"according": true, "if": true, "although": true, "since": true, "because": true,
	"with": true, "for": true, "from": true, "to": true, "by": true, "of": true,
	"instead": true, "indeed": true, "here": true, "there": true, "this": true,
	"that": true, "these": true, "those": true, "it": true, "he": true, "she": true,
	"they": true, "we": true, "i": true, "his": true, "her": true, "their": true,
	"its": true, "our": true, "my": true, "your": true, "what": true, "who": true,
	"why": true, "how": true, "where": true, "yes": true, "no": true, "not": true,
	"like": true, "unlike": true, "even": true, "only": true, "perhaps": true,
	"pero": true, "según": true, "sin": true, "embargo": true, "además": true,
	"per": true, "via": true, "under": true, "over": true, "about": true, "read": true,
	"given": true, "despite": true, "amid": true, "following": true,
	"both": true, "either": true, "neither": true,
	// Spanish connectors opening a sentence before its subject ("Y luego
	// el ministro …")
	"y": true, "e": true, "también": true, "luego": true, "entonces": true,
	"asimismo": true, "incluso": true, "finalmente": true, "ahora": true,
}}

// coordinators open a sentence as a whole clause, never an introductory
// phrase of their own: "And Hart, who …, said", "Mientras que Darío
// Pons, quien …, aseguró" ("mientras" alone subordinates and is not one).
var coordinators = map[string]bool{
	"and": true, "but": true, "y": true, "e": true, "pero": true,
}

// timeWords follow verbs without being speakers ("said Tuesday").
var timeWords = wordSet{bit: bitTimeWords, words: map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true,
	"friday": true, "saturday": true, "sunday": true, "today": true,
	"yesterday": true, "tonight": true, "later": true, "earlier": true,
	"recently": true, "last": true, "this": true, "on": true, "in": true,
	"at": true, "during": true, "after": true, "before": true, "afterward": true,
	"afterwards": true, "then": true, "repeatedly": true, "again": true, "once": true,
	"lunes": true, "martes": true, "miércoles": true, "jueves": true, "viernes": true,
	"sábado": true, "domingo": true, "hoy": true, "ayer": true, "este": true,
	"in a statement": true,
}}

// abbreviations end with a period that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "sen": true, "rep": true,
	"gov": true, "gen": true, "st": true, "jr": true, "sr": true, "lt": true,
	"col": true, "capt": true, "sgt": true, "prof": true, "rev": true, "vs": true,
	"no": true, "inc": true, "corp": true, "co": true, "ltd": true, "mt": true,
	"ft": true, "adm": true, "sra": true, "dept": true, "gov't": true, "jan": true,
	"feb": true, "aug": true, "sept": true, "sep": true, "oct": true, "nov": true,
	"dec": true, "u.s": true, "u.n": true, "u.k": true, "d.c": true, "e.u": true,
	"calif": true, "conn": true, "mass": true, "fla": true, "ky": true, "wis": true,
	"va": true, "vt": true, "pa": true, "ill": true, "ariz": true, "tenn": true,
	"del": true, "n.y": true, "n.j": true, "s.c": true, "n.c": true, "a.m": true, "p.m": true,
}

// relativePronouns open a relative clause whose subject is the noun phrase
// before the comma ("Wood, quien dice …").
var relativePronouns = wordSet{bit: bitRelativePronouns, words: map[string]bool{"who": true, "quien": true, "quienes": true}}

// personRoles are role nouns that only a person holds, so that "el
// pontífice" or "the senator" can refer back to the named speaker (English
// and Spanish, both genders).
var personRoles = wordSet{bit: bitPersonRoles, words: map[string]bool{
	"mandatario": true, "mandataria": true, "funcionario": true, "funcionaria": true,
	"vocero": true, "vocera": true, "portavoz": true, "pontífice": true, "papa": true,
	"presidente": true, "presidenta": true, "ministro": true, "ministra": true,
	"alcalde": true, "alcaldesa": true, "gobernador": true, "gobernadora": true,
	"senador": true, "senadora": true, "diputado": true, "diputada": true,
	"canciller": true, "legislador": true, "legisladora": true, "dirigente": true,
	"líder": true, "titular": true, "jefe": true, "jefa": true, "cardenal": true,
	"arzobispo": true, "obispo": true, "juez": true, "jueza": true, "fiscal": true,
	"directora": true, "director": true, "académico": true, "académica": true,
	"exmandatario": true, "exmandataria": true, "expresidente": true, "expresidenta": true,
	"official": true, "spokesman": true, "spokeswoman": true, "spokesperson": true,
	"president": true, "senator": true, "governor": true, "mayor": true,
	"minister": true, "candidate": true, "nominee": true, "congressman": true,
	"congresswoman": true, "lawmaker": true, "chairman": true, "chairwoman": true,
	"pope": true, "cardinal": true, "archbishop": true, "judge": true, "prosecutor": true,
	"businessman": true, "businesswoman": true, "billionaire": true, "mogul": true,
	"secretary": true, "ambassador": true, "commissioner": true, "pastor": true,
	"activist": true, "lawyer": true, "attorney": true, "strategist": true,
	"pollster": true, "economist": true, "actor": true, "actress": true,
	"adviser": true, "advisor": true,
}}
