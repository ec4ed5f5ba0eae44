package quotes

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsdigest/bot/internal/digest/text"
)

type want struct{ text, speaker, cue string }

func checkQuotes(t *testing.T, got []Quote, body string, wants []want) {
	t.Helper()
	for _, q := range got {
		if body[q.Start:q.End] != q.Text {
			t.Errorf("Body[%d:%d] = %q, Text = %q", q.Start, q.End, body[q.Start:q.End], q.Text)
		}
	}
	if len(got) != len(wants) {
		for _, q := range got {
			t.Logf("got %q by %q (%q)", q.Text, q.Speaker, q.Cue)
		}
		t.Fatalf("got %d quotes, want %d", len(got), len(wants))
	}
	for i, w := range wants {
		q := got[i]
		if !strings.HasPrefix(q.Text, w.text) || q.Speaker != w.speaker || q.Cue != w.cue {
			t.Errorf("quote %d = %q by %q (%q), want %q… by %q (%q)", i, q.Text, q.Speaker, q.Cue, w.text, w.speaker, w.cue)
		}
	}
}

func TestExtract(t *testing.T) {
	tests := []struct {
		name  string
		body  string
		wants []want
	}{
		{"said after", "“We will rebuild the bridge,” Mayor Ana Ruiz said.",
			[]want{{"We will rebuild the bridge", "Ana Ruiz", "said"}}},
		{"said before name", "“It is done,” said Dr. Paul Kerr, the county health officer.",
			[]want{{"It is done", "Paul Kerr", "said"}}},
		{"told recipient", "\"Nobody wants that,\" Ana Ruiz told the Gazette.",
			[]want{{"Nobody wants that", "Ana Ruiz", "told the Gazette"}}},
		{"put it", "“The bridge is finished,” as Mayor Ana Ruiz put it.",
			[]want{{"The bridge is finished", "Ana Ruiz", "put it"}}},
		{"put it before", "As Mayor Ana Ruiz put it, “the bridge is finished.”",
			[]want{{"the bridge is finished.", "Ana Ruiz", "put it"}}},
		{"owner before name", "“The vote is on Friday,” said KXRV’s Rosa Diaz.",
			[]want{{"The vote is on Friday", "Rosa Diaz", "said"}}},
		{"signature line", "“We will rebuild the bridge.”\n\n— Mayor Ana Ruiz, speaking in Salem.",
			[]want{{"We will rebuild the bridge.", "Ana Ruiz", ""}}},
		{"dash sentence is no signature", "“We will rebuild the bridge.”\n\n— Ana Ruiz said the vote was close.",
			[]want{{"We will rebuild the bridge.", "", ""}}},
		{"manner adverb", "Mayor Ana Ruiz, who chairs the board, tersely replied, “No vote today.”",
			[]want{{"No vote today.", "Ana Ruiz", "replied"}}},
		{"gerund of the object", "Ana Ruiz scolded Tom Bell for suggesting that the bridge should “fall down.”",
			[]want{{"fall down.", "", ""}}},
		{"appositive in a while clause", "Tom Bell signed the order, while Ana Ruiz, the former mayor, proposed they “start over.”",
			[]want{{"start over.", "Ana Ruiz", ""}}},
		{"name in an introductory phrase", "Senator Rob Hart spoke first.\n\nLike Tom Bell, Hart rejected the plan, arguing that there is “no money left.”",
			[]want{{"no money left.", "Rob Hart", ""}}},
		{"object cue after a closing mark", "Senator Ana Ruiz, speaking on “Meet the Press,” called the vote “a disgrace.”",
			[]want{{"Meet the Press", "Ana Ruiz", ""}, {"a disgrace.", "Ana Ruiz", ""}}},
		{"quoted phrase in an appositive", "“We had better days,” Tom Bell, wearing a hat and “Vote Ruiz” pins, said.",
			[]want{{"We had better days", "Tom Bell", "said"}, {"Vote Ruiz", "", ""}}},
		{"owner of a claim", "Tom Bell attacked Ana Ruiz’s claim that “the bridge is safe.”",
			[]want{{"the bridge is safe.", "Ana Ruiz", ""}}},
		{"object of a criticism", "Tom Bell criticized Ana Ruiz, who repeated her claim that “the bridge is safe.”",
			[]want{{"the bridge is safe.", "Ana Ruiz", "repeated"}}},
		{"phrase between subject and verb", "Mayor Ana Ruiz in her budget speech called the plan “a disgrace.”",
			[]want{{"a disgrace.", "Ana Ruiz", "called"}}},
		{"long appositive closing the sentence", "“We are pleased” with the vote, said Ana Ruiz, director of the River Trust, a charity set up by anglers and boat clubs in the valley two decades ago.",
			[]want{{"We are pleased", "Ana Ruiz", "said"}}},
		{"joint speakers", "“The bridge stays open,” Mayor Ana Ruiz and Tom Bell said in a joint statement.",
			[]want{{"The bridge stays open", "Ana Ruiz and Tom Bell", "said"}}},
		{"joint speakers before", "Ana Ruiz and Tom Bell have slammed the council for dropping the word “bridge.”",
			[]want{{"bridge.", "Ana Ruiz and Tom Bell", "slammed"}}},
		{"pronoun after a pair", "Ana Ruiz and Tom Bell said the talks were over.\n\n“We start Monday,” he said.",
			[]want{{"We start Monday", "", "said"}}},
		{"plural noun after a preposition", "Mayor Ana Ruiz said the talks were over. In a series of tweets, Ruiz lashed out at the “disgusting” press.",
			[]want{{"disgusting", "Ana Ruiz", ""}}},
		{"stray words are no speaker", "The council, in a letter that was leaked, said the files that were taken showed the intruders wanted “trade secrets.”",
			[]want{{"trade secrets.", "", ""}}},
		{"adverb after but", "Mayor Ana Ruiz used to back the plan, but now said it was “a waste of money.”",
			[]want{{"a waste of money.", "Ana Ruiz", "said"}}},
		{"relative clause before the verb", "“The bridge stays,” Ana Ruiz, the engineer who designed the bridge tweeted on Monday.",
			[]want{{"The bridge stays", "Ana Ruiz", ""}}},
		{"decomposed letters and Latin-1 mojibake stay in the name", "“We will not pay,” said Enrique Pen\u0303a Nieto. “We will not pay,” said Marc TrÃ©vidic.",
			[]want{{"We will not pay", "Enrique Pen\u0303a Nieto", "said"}, {"We will not pay", "Marc TrÃ©vidic", "said"}}},
		{"city and state before the verb", "Ana Ruiz of Aiken, South Carolina says she thinks the mayor will keep “doing what he does.”",
			[]want{{"doing what he does.", "Ana Ruiz", "thinks"}}},
		{"subordinate clause before the subject", "When Tom Bell died in 1998, Mayor Ana Ruiz put out this note:\n\n“We mourn a friend of the city.”",
			[]want{{"We mourn a friend of the city.", "Ana Ruiz", ""}}},
		{"owner of a quoted promise", "Unions still feel the pull of Mayor Ana Ruiz’s “no bridge tolls, ever” promise.",
			[]want{{"no bridge tolls, ever", "Ana Ruiz", ""}}},
		{"spaced hyphen after a headline", "BRIDGE STAYS OPEN - Ana Ruiz and Tom Bell: “The vote was clear.”",
			[]want{{"The vote was clear.", "Ana Ruiz and Tom Bell", ""}}},
		{"complement of the verb before", "Even as Mayor Ana Ruiz claimed on Tuesday that “the bridge is safe,” one of the engineers said the cases differ.",
			[]want{{"the bridge is safe", "Ana Ruiz", "claimed"}}},
		{"subject and adjective before a quote paragraph", "Mayor Ana Ruiz was blunt.\n\n“The bridge stays.”\n\nTom Bell was arrested.\n\n“He broke the law.”",
			[]want{{"The bridge stays.", "Ana Ruiz", ""}, {"He broke the law.", "", ""}}},
		{"apostrophe possessive before a role", "“We tried,” Mayor Ana Jones’ spokesman, Tom Bell, said.",
			[]want{{"We tried", "Tom Bell", "said"}}},
		{"colon cue before a finished quote", "Mayor Ana Ruiz told the crowd: “The bridge stays.” The crowd roared.",
			[]want{{"The bridge stays.", "Ana Ruiz", "told"}}},
		{"contracted pronoun is no name", "Mayor Tom Bell said the vote was close. He’s betting he will come out “far ahead.”",
			[]want{{"far ahead.", "", ""}}}, // not "He"
		{"contracted function word", "Here’s Mayor Tom Bell in 1992: “The bridge stays.”",
			[]want{{"The bridge stays.", "Tom Bell", ""}}},
		{"a state is no she", "Mayor Ana Ruiz spoke first. Then there was November. Florida is a swing state, and Ruiz aimed her speech at Tom Bell. “There is a lot left to do,” she told the crowd.",
			[]want{{"There is a lot left to do", "Ana Ruiz", "told"}}},
		{"a state after its city is a place", "At a rally in Mount Vernon, Ohio, 58-year-old Ana Ruiz spoke out against the plan. “It has to go,” she said.",
			[]want{{"It has to go", "Ana Ruiz", "said"}}},
		{"a quantifier before a party is a description", "“The campaign has been slow,” one senior Democrat said.",
			[]want{{"The campaign has been slow", "one senior Democrat", "said"}}},
		{"comma cue before a question", "Mayor Ana Ruiz spoke to Tom Bell.\n\nRuiz responds to Bell with, “Why now?” Bell then writes back, “Because.”",
			[]want{{"Why now?", "Ana Ruiz", "responds"}, {"Because.", "Tom Bell", "writes"}}},
		{"reflexive after the speaker", "“The bridge stays,” Mayor Ana Ruiz herself said.",
			[]want{{"The bridge stays", "Ana Ruiz", "said"}}},
		{"content of an owner's assertion", "Tom Bell called Ana Ruiz’s assertion of a “right to the bridge” absurd.",
			[]want{{"right to the bridge", "Ana Ruiz", ""}}},
		{"adjective between owner and quote", "Voters still recall Mayor Ana Ruiz’s infamous “no new bridges” remark.",
			[]want{{"no new bridges", "Ana Ruiz", ""}}},
		{"colon cue", "Ana Ruiz told reporters: “The vote is on Friday.”",
			[]want{{"The vote is on Friday.", "Ana Ruiz", "told reporters"}}},
		{"according to", "According to Ana Ruiz, “the plan is ready.”",
			[]want{{"the plan is ready.", "Ana Ruiz", "according to"}}},
		{"appositive", "“We tried,” Tom Bell, a spokesman for the council, said.",
			[]want{{"We tried", "Tom Bell", "said"}}},
		{"split quote", "“We can wait,” Ana Ruiz said. “But not forever.”",
			[]want{{"We can wait", "Ana Ruiz", "said"}, {"But not forever.", "Ana Ruiz", "said"}}},
		{"pronoun resolved", "Mayor Ana Ruiz said the plan was ready.\n\n“We start Monday,” she said.",
			[]want{{"We start Monday", "Ana Ruiz", "said"}}},
		{"description resolved", "A spokesperson for the River Trust said the talks were over. “There is nothing left to discuss,” the spokesperson added.",
			[]want{{"There is nothing left", "a spokesperson for the River Trust", "added"}}},
		{"fragment in indirect speech", "Ana Ruiz said the offer was “not serious” and left.",
			[]want{{"not serious", "Ana Ruiz", "said"}}},
		{"nested single quotes kept", "“He asked me, ‘Can we help?’ and I said no,” Ana Ruiz recounted.",
			[]want{{"He asked me, ‘Can we help?’ and I said no", "Ana Ruiz", "recounted"}}},
		{"dash attribution", "“Vote early.” ― Lena Ortiz",
			[]want{{"Vote early.", "Lena Ortiz", ""}}},
		{"spanish dijo", "“No vamos a aceptar”, dijo la alcaldesa Ana Ruiz.",
			[]want{{"No vamos a aceptar", "Ana Ruiz", "dijo"}}},
		{"spanish según guillemets", "Según Ana Ruiz, «el puente estará listo en mayo».",
			[]want{{"el puente estará listo en mayo", "Ana Ruiz", "según"}}},
		{"low-high german marks", "„Wir bauen“, sagte Ana Ruiz.",
			[]want{{"Wir bauen", "", ""}}},
		{"unattributed", "The “smart city” plan stalled.",
			[]want{{"smart city", "", ""}}},
		{"one-word term dropped", "The plan, nicknamed «Memo», stalled.", nil},
		{"one-word attributed kept", "The plan was “dead,” Ana Ruiz said.",
			[]want{{"dead", "Ana Ruiz", "said"}}},
		{"multi-paragraph quote", "“The opening part of my story,” Ana Ruiz said. “It goes on\n\n“and it ends here.”",
			[]want{{"The opening part", "Ana Ruiz", "said"}, {"It goes on", "Ana Ruiz", "said"}, {"and it ends here.", "Ana Ruiz", "said"}}},
		{"unclosed quote dropped", "“This never closes and the paragraph ends.\n\nThe next paragraph is plain.",
			nil},
		{"markup attribute skipped", `<tweet author="@x" datetime="2016-09-01">Hello</tweet>`,
			nil},
		{"empty quotes", "He said “” and left.", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkQuotes(t, Extract(lineDoc(tc.body)), tc.body, tc.wants)
		})
	}
}

// TestSpeakersRightOrEmpty checks the plausibility rules: no dateline,
// place, time word or sentence-initial function word is a speaker, and
// Spanish cues (by lemma, before, inside and after the quote) attribute.
func TestSpeakersRightOrEmpty(t *testing.T) {
	tests := []struct {
		name, lang, body string
		wants            []want
	}{
		{"dateline", "en", "WASHINGTON — “We will not yield,” the senator added.\n\nMore text.",
			[]want{{"We will not yield", "the senator", "added"}}},
		{"place after comma", "en", "Speaking in Dover, New Hampshire, Bell went after Ruiz, calling her “a tired act.”",
			[]want{{"a tired act.", "Bell", ""}}},
		{"sentence-initial word", "en", "Adding, “It was never that bad,” and leaving.",
			[]want{{"It was never that bad", "", ""}}},
		{"role between organisation and name", "en", "“Turnout decides it,” said Riverside pollster Tom Bell.",
			[]want{{"Turnout decides it", "Tom Bell", "said"}}},
		{"verb after name is not a title", "en", "Ana Ruiz accuses Tom Bell of a “cheap trick” today.",
			[]want{{"cheap trick", "Ana Ruiz", ""}}},
		{"spanish lemma cue after", "es", "«No vamos a ceder», puntualizó la alcaldesa Ana Ruiz.",
			[]want{{"No vamos a ceder", "Ana Ruiz", "puntualizó"}}},
		{"spanish null subject", "es", "La ministra Ana Ruiz dijo que no renunciará.\n\n«Hay que resistir», manifestó tras un acto.",
			[]want{{"Hay que resistir", "Ana Ruiz", "manifestó"}}},
		{"spanish description then name", "es", "El director de la campaña, Tomás Gil, dijo: «Son sus palabras».",
			[]want{{"Son sus palabras", "Tomás Gil", "dijo"}}},
		{"spanish de acuerdo con", "es", "De acuerdo con Ana Ruiz, «el puente estará listo».",
			[]want{{"el puente estará listo", "Ana Ruiz", "de acuerdo con"}}},
		{"spanish sentence-initial Lo", "es", "Lo afirmó sin dudar: «no habrá más recortes».",
			[]want{{"no habrá más recortes", "", ""}}},
		{"gender keeps the other person out", "en", "Mayor Ana Ruiz said on Monday that Mr. Tom Bell had called her. Bell told reporters the talks went well.\n\n“We will never give in,” she said.",
			[]want{{"We will never give in", "Ana Ruiz", "said"}}},
		{"two-person story without gender: empty", "en", "Tom Bell told reporters the plan was dead. Ana Ruiz said the talks had failed and blamed Tom Bell for the delay.\n\n“We will try again,” she said.",
			[]want{{"We will try again", "", "said"}}},
		{"pronoun closing the subject's own sentence", "en", "The analyst sued.\n\nTom Bell, who puts his costs “in the millions,” described the strain as “awful. . . . It hurts,” he said.",
			[]want{{"in the millions", "Tom Bell", ""}, {"awful", "Tom Bell", "said"}}},
		{"pronoun after another person in the sentence: empty", "en", "The analyst sued.\n\nTom Bell, who met Ana Ruiz, rated it “awful,” he said.",
			[]want{{"awful", "", "said"}}},
		{"the article's one speaker named in the quote's sentence", "en", "“We are ready,” Mayor Ana Ruiz said.\n\nThe mayor spoke on the radio, in which Ruiz voiced confidence the work would not be “a burden.”",
			[]want{{"We are ready", "Ana Ruiz", "said"}, {"a burden.", "Ana Ruiz", ""}}},
		{"two quoted speakers in the article: empty", "en", "“We are ready,” Mayor Ana Ruiz said. “We are not,” Tom Bell said.\n\nThe mayor spoke on the radio, in which Ruiz voiced confidence the work would not be “a burden.”",
			[]want{{"We are ready", "Ana Ruiz", "said"}, {"We are not", "Tom Bell", "said"}, {"a burden.", "", ""}}},
		{"another person on the line: empty", "en", "“We are ready,” Mayor Ana Ruiz said.\n\nTom Bell was not there. The mayor spoke on the radio, in which Ruiz voiced confidence the work would not be “a burden.”",
			[]want{{"We are ready", "Ana Ruiz", "said"}, {"a burden.", "", ""}}},
		{"a phrasal cue closing its clause", "en", "Tom Bell said the bill was weak. Bell went on, “We will not sign it.”",
			[]want{{"We will not sign it.", "Tom Bell", "went on"}}},
		{"a phrasal cue before a speech verb", "en", "Ana Ruiz said little. Ruiz went on to say that “the plan is dead.”",
			[]want{{"the plan is dead.", "Ana Ruiz", "went on to say"}}},
		{"the one speaker named in the quote's sentence", "en", "Sen. Tom Bell said the bill was weak. Ana Ruiz said it was fine.\n\nThe debate went on for hours, and Bell in the end rejected the idea, arguing that “there is room for a deal” in the text.",
			[]want{{"there is room for a deal", "Tom Bell", ""}}},
		{"a short term in the one speaker's sentence: empty", "en", "Sen. Tom Bell said the bill was weak. Ana Ruiz said it was fine.\n\nThe debate went on for hours, and Bell in the end rejected the idea, arguing that it was a “bad deal” in the text.",
			[]want{{"bad deal", "", ""}}},
		{"two speakers named in the quote's sentence: empty", "en", "Sen. Tom Bell said the bill was weak. Ana Ruiz said it was fine.\n\nThe debate went on for hours, and Bell in the end rejected the idea of Ruiz, arguing that “there is room for a deal” in the text.",
			[]want{{"there is room for a deal", "", ""}}},
		{"spanish gendered description", "es", "La presidenta Claudia Sheinbaum dijo que no cederá. El presidente Donald Trump dijo que insistirá.\n\n«Nunca lo aceptaremos», afirmó la mandataria ante estudiantes universitarios.",
			[]want{{"Nunca lo aceptaremos", "Claudia Sheinbaum", "afirmó"}}},
		{"time description", "en", "“We are ready,” the past week said.",
			[]want{{"We are ready", "", ""}}},
		{"spanish dateline", "es", "MADRID (EFE).- «Habrá acuerdo», afirmó el ministro.",
			[]want{{"Habrá acuerdo", "el ministro", "afirmó"}}},
		{"introduced by the paragraph above", "en", "When the panel jeered, Tom Bell called them out:\n\n“The questions tonight show why voters tune out the press.”",
			[]want{{"The questions tonight", "Tom Bell", "called"}}},
		{"cue at the end of the sentence", "en", "“The evidence is strong” than that of the agency, Ana Ruiz said.",
			[]want{{"The evidence is strong", "Ana Ruiz", "said"}}},
		{"spanish cue at the end of the sentence", "es", "«Habrá acuerdo» antes del verano, aseguró el ministro Tomás Gil.",
			[]want{{"Habrá acuerdo", "Tomás Gil", "aseguró"}}},
		{"spanish inverted subject after an adverbial phrase", "es", "Las escuelas abrirán el lunes, anunció en un comunicado la Secretaría de Educación Local.\n\nSeñaló que «ningún alumno perderá el curso».",
			[]want{{"ningún alumno perderá", "Secretaría de Educación Local", "Señaló"}}},
		{"coordinator before the subject", "es", "Laura Gil, quien dirige la comisión, habló primero.\n\nMientras que Darío Pons, quien fue alcalde, expuso sus dudas y aseguró que votará.\n\n«Habrá justicia», señaló.",
			[]want{{"Habrá justicia", "Darío Pons", "señaló"}}},
		{"spanish person object does not compete", "es", "Lucía Prat dijo que hubo amenazas.\n\nMarcos Vidal afirmó haber visto al actor empujar a Lucía Prat.\n\n«Es un peligro», escribió en Twitter.",
			[]want{{"Es un peligro", "Marcos Vidal", "escribió"}}},
		{"spanish subject after a preterite", "es", "Ana Ruiz dijo que votará en contra.\n\nY luego intervino Iker Sanz para responder. Cargó contra Ana Ruiz y subrayó que «no hay nada que esconder».",
			[]want{{"no hay nada que esconder", "Iker Sanz", "subrayó"}}},
		{"spanish description refers to a speaker named without a verb", "es", "«Los puentes no se venden»: alcalde Tomás Gil\n\nEl alcalde sostuvo que «nunca se venden».",
			[]want{{"Los puentes no se venden", "Tomás Gil", ""}, {"nunca se venden", "Tomás Gil", "sostuvo"}}},
		{"spanish connector then a dropped subject", "es", "La ministra Ana Ruiz dijo que votará.\n\nY añadió que «no habrá recortes».\n\nTambién explicó que «el plan sigue».",
			[]want{{"no habrá recortes", "Ana Ruiz", "añadió"}, {"el plan sigue", "Ana Ruiz", "explicó"}}},
		{"spanish subject of the reported clause", "es", "El rector Tomás Gil habló el lunes.\n\nTambién explicó que Ana Ruiz fue clara cuando dijo «este es mi plan».",
			[]want{{"este es mi plan", "Ana Ruiz", "dijo"}}},
		{"quote after another person's sentence is not propagated", "es", "“¡Arriba el campo!”, concluyó Darío Pons. La sesión terminó con una alusión al portavoz del grupo, Iker Sanz, que intentó responder a la etiqueta de “radical sin remedio”.",
			[]want{{"¡Arriba el campo!", "Darío Pons", "concluyó"}, {"radical sin remedio", "", ""}}},
		{"person in a complement does not stop propagation", "en", "“We lost,” said Rob Hart, deputy campaign manager for Ana Ruiz. “The math never worked.”",
			[]want{{"We lost", "Rob Hart", "said"}, {"The math never worked.", "Rob Hart", "said"}}},
		{"spanish noun after a determiner is no cue", "es", "Ana Ruiz presentó una denuncia por “las conductas incívicas” del grupo.",
			[]want{{"las conductas incívicas", "Ana Ruiz", ""}}},
		{"closing reporting clause beats the sentence subject", "en", "Ana Ruiz said she would act.\n\nRuiz “saw a duty” to act on the floods, Hart said.",
			[]want{{"saw a duty", "Hart", "said"}}},
		{"byline after a quote inside a sentence", "en", "Tom Bell insisted that his group was “still the top party in the county.”--Rosa Diaz.",
			[]want{{"still the top party", "Tom Bell", "insisted"}}},
		{"initials alone are no speaker", "en", "At a rally in Rock Hill, S.C., the senator spoke up for the “Group of Five” plan.",
			[]want{{"Group of Five", "", ""}}},
		{"a name introduced in the next sentence does not reach back", "en", "Bell called the ruling “unfair.” Rob Hart, a party strategist, warned that the step was “very costly.”",
			[]want{{"unfair.", "Bell", "called"}, {"very costly.", "Rob Hart", "warned"}}},
		{"an indefinite pronoun is no name", "en", "Someone called it a “slow earthquake.”",
			[]want{{"slow earthquake.", "", ""}}},
		{"a verb with an object after a finished quote starts a new sentence", "en", "Ana Ruiz called Bell “reckless.” Sen. Rosa Diaz called the remark “hurtful.”",
			[]want{{"reckless.", "Ana Ruiz", "called"}, {"hurtful.", "Rosa Diaz", "called"}}},
		{"retort with back", "en", "“They only came for the snacks,” Tom Bell shot back with a grin.",
			[]want{{"They only came", "Tom Bell", "shot back"}}},
		{"cue before an appositive closing the sentence", "en", "The pledge to “bring the jobs home” appeals to older voters, said Tom Bell, a demographer at Salem University.",
			[]want{{"bring the jobs home", "Tom Bell", "said"}}},
		{"subject before an appositive ending in a place", "en", "Rob Hart, a 61-year-old farmer from Aiken, South Carolina, says Bell will “win this state easily.”",
			[]want{{"win this state easily.", "Rob Hart", "says"}}},
		{"speaker opening the sentence before", "en", "Ana Ruiz announced on Monday a suit against the county of Marion and its sheriff. “We want a judge to stop this.”",
			[]want{{"We want a judge to stop this.", "Ana Ruiz", "announced"}}},
		{"speaker opening the paragraph above", "en", "Ana Ruiz announced on Monday a suit against the county of Marion.\n\n“We want a judge to stop this.”",
			[]want{{"We want a judge to stop this.", "Ana Ruiz", "announced"}}},
		{"spanish en palabras de", "es", "En palabras de la ministra Ana Ruiz, «el puente estará listo en mayo».",
			[]want{{"el puente estará listo", "Ana Ruiz", "En palabras de"}}},
		{"spanish a decir de", "es", "El plan, a decir de Tomás Gil, «no tiene futuro».",
			[]want{{"no tiene futuro", "Tomás Gil", "a decir de"}}},
		{"spanish role before an appositive name gives its gender", "es", "La secretaria de Energía, Lucía Prat, sostuvo que «la planta estará lista».\n\n«Es un tema cerrado», señaló el funcionario.",
			[]want{{"la planta estará lista", "Lucía Prat", "sostuvo"}, {"Es un tema cerrado", "el funcionario", "señaló"}}},
		{"a surname that is also a function word", "en", "“We won those races,” said Lou From, who helped start the club.",
			[]want{{"We won those races", "Lou From", "said"}}},
		{"a cue reporting a new clause after a finished quote", "en", "Tom Bell called the ruling “unfair.” Rob Hart, a party strategist, warned Saturday that the step could hurt the group.",
			[]want{{"unfair.", "Tom Bell", "called"}}},
		{"one-word name between a closing mark and a speech verb", "en", "“We are done being lectured on this!” Bell said.",
			[]want{{"We are done being lectured", "Bell", "said"}}},
		{"a plural cue has a group for subject", "en", "Senate Republicans say the deal is a “wrong track” for the country.",
			[]want{{"wrong track", "", ""}}},
		{"a name with its affiliation", "en", "Bishop Tomas Varga of the Lutheran Church of Salem told the AP, “We have lived through the same.” He added, “The city should have acted first.”",
			[]want{{"We have lived through", "Tomas Varga", "told the AP"}, {"The city should have", "Tomas Varga", "added"}}},
		{"initials written as one token", "en", "“None of this would have happened,” says J.R. Colter, an expert on militias.",
			[]want{{"None of this would have happened", "J.R. Colter", "says"}}},
		{"appositive holding a list", "en", "“These are useful first moves,” Ana Ruiz, assistant director for housing, transport, and parks, said on the call.",
			[]want{{"These are useful", "Ana Ruiz", "said"}}},
		{"spanish preterite after the quote reports it", "es", "«No hay más que hablar», zanjó el ministro Tomás Gil.",
			[]want{{"No hay más que hablar", "Tomás Gil", "zanjó"}}},
		{"a participle after a possessive is an adjective", "en", "Ruiz also decried Tom Bell’s repeated calls to close the border, noting he has “given up nothing” for the town.",
			[]want{{"given up nothing", "", ""}}},
		{"a cue reporting a new clause with its own subject", "en", "Ana Ruiz asserted that “faith in the council is gone.” Rosa Diaz said Wednesday she, too, wants a review.",
			[]want{{"faith in the council is gone.", "Ana Ruiz", "asserted"}}},
		{"a name only after a preposition did not speak", "en", "The mayor of Salem had a sharp word for Tom Bell: “Stop the attacks and do your work.”",
			[]want{{"Stop the attacks", "", ""}}},
		{"a name after a sentence-initial preposition did not speak", "en", "Like Tom Bell, Ana Ruiz rejected the claim, arguing there is “room for a deal” in the text.",
			[]want{{"room for a deal", "Ana Ruiz", ""}}}, // the subject after the phrase argues
		{"hearsay source before: empty", "en", "According to the Gazette, Tom Bell called the plan “a waste of money.”",
			[]want{{"a waste of money.", "", "called"}}},
		{"hearsay source after: empty", "en", "“We will win the vote,” Tom Bell said, according to Ana Ruiz.",
			[]want{{"We will win the vote", "", "said"}}},
		{"according to names the speaker", "en", "“We will win the vote,” according to Tom Bell.",
			[]want{{"We will win the vote", "Tom Bell", "according to"}}},
		{"two names joined by and: empty", "en", "Tom Bell and Ana Ruiz put out a note calling the vote “a real step toward peace.”",
			[]want{{"a real step toward peace.", "", ""}}},
		{"a name joined only inside an appositive still speaks", "en", "Ana Bell, 35, the daughter of Tom Bell and Rosa Ruiz, said on Monday, “We are very grateful.”",
			[]want{{"We are very grateful.", "Ana Bell", ""}}},
		{"the object of a verb did not speak", "en", "Ruiz is praising Tom Bell, who left the race on Friday, as “a man who never went low” and a friend.",
			[]want{{"a man who never went low", "", ""}}},
		{"an object that acts in an infinitive speaks", "en", "That prompted Tom Bell to call the plan “very flexible” on Monday.",
			[]want{{"very flexible", "Tom Bell", ""}}},
		{"a speaker in a later subordinate clause: empty", "en", "Sims says he was “sort of sitting it out” until Ruiz said she would support the senator.",
			[]want{{"sort of sitting it out", "", "said"}}},
		{"a speaker inside the quote's subordinate clause speaks", "en", "While Ana Ruiz calls the deal “a terrific piece of work,” her aides are less sure.",
			[]want{{"a terrific piece of work", "Ana Ruiz", "calls"}}},
		{"an office then its holder", "en", "Former Secretary of State Ana Ruiz urged voters to turn out, saying, “Every vote counts.” Speaker of the House Rep. Tom Bell (R-WI) said “the vote is on Friday.”",
			[]want{{"Every vote counts.", "Ana Ruiz", "urged"}, {"the vote is on Friday.", "Tom Bell", "said"}}},
		{"an office of an organisation is no name", "en", "Ana Ruiz, president and CEO of Riverside Restaurant Association stated, “It is a math problem.”",
			[]want{{"It is a math problem.", "Ana Ruiz", "stated"}}}, // the appositive lacks its closing comma: the name before it states
		{"the subject of a passive cue is spoken to", "en", "Tom Bell was asked by moderator Ana Ruiz whether the plan would risk “adding another program.” Rosa Diaz was asked whether it was “a real plan.”",
			[]want{{"adding another program.", "Ana Ruiz", "asked"}, {"a real plan.", "", ""}}},
		{"the agent of a passive cue after the quote", "en", "The audit, often labeled a “fishing trip” by Republicans, goes on.",
			[]want{{"fishing trip", "Republicans", "labeled"}}},
		{"a reporting clause with any past-tense verb", "en", "“This is fantastic!” beamed Ana Ruiz of Salem. “Not a chance,” she assured the crowd.\n\n“Could it be changed?” Tom Bell pressed.",
			[]want{{"This is fantastic!", "Ana Ruiz", "beamed"}, {"Not a chance", "Ana Ruiz", "assured"}, {"Could it be changed?", "Tom Bell", "pressed"}}},
		{"a possessive after the verb names someone else", "en", "“It is about time,” exhorted Ruiz’s introducer, the actress Rosa Diaz.",
			[]want{{"It is about time", "", ""}}},
		{"an active perfect is no passive", "en", "He has declared Tom Bell to be “chosen” by fate.",
			[]want{{"chosen", "", "declared"}}},
		{"as the speaker said after the quote", "en", "The fact that the vote “is too close to call,” as Ana Ruiz said on the radio on Monday, matters.",
			[]want{{"is too close to call", "Ana Ruiz", "said"}}},
		{"a verb with an object after the quote does not invert", "en", "Tom Bell, who puts his losses “well over a million,” described the toll as grave.",
			[]want{{"well over a million", "Tom Bell", ""}}},
		{"with gives a participle its own subject", "en", "Democrats were annoyed by the thin detail, with Sen. Tom Bell calling it a “lunch menu.”",
			[]want{{"lunch menu.", "Tom Bell", "calling"}}},
		{"the addressee before a colon did not speak", "en", "Senate leader Tom Bell, R-Ky., had a short reply for Ana Ruiz: “It is time to focus.”",
			[]want{{"It is time to focus.", "Tom Bell", ""}}},
		{"a dateline with a spaced hyphen", "en", "SALEM, Ore. - The county board issued an order against the “new-media” plan.\n\nRiver Board member Tom Bell - who said he would “fight it” - spoke later.",
			[]want{{"new-media", "", ""}, {"fight it", "Tom Bell", ""}}},
		{"a closing cue after another fragment of the clause", "en", "Its backing will bring “real money” and give candidates the “reach” they need, group spokesman Tom Bell said.",
			[]want{{"real money", "Tom Bell", "said"}, {"reach", "Tom Bell", "said"}}},
		{"a closing cue before a participle introducing another quote", "en", "Ana Ruiz’s “habits” are troubling, Tom Bell said Tuesday in Lyon, noting the nominee “makes you want to leave the room.”",
			[]want{{"habits", "Tom Bell", "said"}, {"makes you want to leave the room.", "Tom Bell", "said"}}},
		{"the predicate after a subject name is no role", "en", "Ana Ruiz is praising Tom Bell, who left the race on Friday, as “a man who never went low.” Rosa Diaz met with Tom Bell in May and declared in a podcast that she found him “very pleasant.”",
			[]want{{"a man who never went low.", "Ana Ruiz", ""}, {"very pleasant.", "Rosa Diaz", "declared"}}},
		{"a cue before a colon introduces the next quote", "en", "After Ana Ruiz said that pupils might do better at “smaller schools,” Tom Bell said: “I don’t like what she said.”",
			[]want{{"smaller schools", "Ana Ruiz", "said"}, {"I don’t like what she said.", "Tom Bell", "said"}}},
		{"a name inside the quote does not compete with the pronoun after it", "en", "Tom Bell said the plan was late.\n\nAsked about it, Rosa Diaz said “I know nothing about Tom Bell and the plan,” she said.",
			[]want{{"I know nothing about Tom Bell", "Rosa Diaz", "said"}}},
		{"a participle after a subordinate clause with its own subject: empty", "en", "Tom Bell wrote a note when Ana Ruiz ended the debate last night, remarking, “Good luck to all of you.”",
			[]want{{"Good luck to all of you.", "", ""}}},
		{"a quote paragraph continues the speaker of the reporting clause above", "en", "“We did all we could,” Ana Ruiz said as she walked off.\n\n“But we will be back!”\n\n“It was a long night,” Tom Bell said as Rosa Diaz left.\n\n“Nobody slept.”",
			[]want{{"We did all we could", "Ana Ruiz", "said"}, {"But we will be back!", "Ana Ruiz", "said"}, {"It was a long night", "Tom Bell", "said"}, {"Nobody slept.", "", ""}}},
		{"a possessive and a role before the name in commas", "en", "“We are on track,” Bell’s campaign manager, Rob Hart, said in an interview.",
			[]want{{"We are on track", "Rob Hart", "said"}}},
		{"a passive cue after the quote", "en", "“We will win,” Ruiz was told by Tom Bell.\n\n“We will see,” Rosa Diaz was told.",
			[]want{{"We will win", "Tom Bell", "told"}, {"We will see", "", ""}}},
		{"a cue after a finished quote introducing a later quote", "en", "Early on, Tom Bell attacked Ana Ruiz, calling her “a weak candidate.” Ruiz fired back in April, mocking Bell for “the boasting and the spending.”",
			[]want{{"a weak candidate.", "Tom Bell", "attacked"}, {"the boasting and the spending.", "Ana Ruiz", "fired back"}}},
		{"a sentence adverb is no name", "en", "The Salem First rally was loud. First, Tom Bell identified the clerk as “French,” which is wrong.",
			[]want{{"French", "Tom Bell", ""}}},
		{"a place before the verb: the subject opening the sentence speaks", "en", "Ana Ruiz, at a public forum in Salem, Oregon, said she was “ready to close the mill.”\n\nTom Bell is assuring voters he is tough after a woman in Salem, Oregon, told him he is “too soft” to win.",
			[]want{{"ready to close the mill.", "Ana Ruiz", "said"}, {"too soft", "", ""}}},
		{"a closing cue after a place with its state", "en", "“Candidates struggle to find donors” but not ads, says Tom Bell, a media consultant with Bell Media in Alexandria, Va.",
			[]want{{"Candidates struggle", "Tom Bell", "says"}}},
		{"according to a possessed document is no speaker and relays no one", "en", "Tom Bell said on Tuesday that according to its count, the party has won but “the count is not finished.”",
			[]want{{"the count is not finished.", "Tom Bell", "said"}}},
		{"according to a document does not relay the speaker", "en", "According to a transcript, Tom Bell said the plan was “a disaster.” According to the Gazette, Ana Ruiz called it “a waste.”",
			[]want{{"a disaster.", "Tom Bell", "said"}, {"a waste.", "", "called"}}},
		{"a description with another name does not refer back", "en", "Bell campaign chairman Rob Hart said “the numbers are good.” The Ruiz campaign called the ad “false.”",
			[]want{{"the numbers are good.", "Rob Hart", "said"}, {"false.", "the Ruiz campaign", "called"}}},
		{"a name with initials and its origin", "en", "House Speaker Tom D. Bell of Ohio lamented the “gloomy” mood of the race.",
			[]want{{"gloomy", "Tom D. Bell", "lamented"}}},
		{"the subject after a dateline", "en", "Salem (AFP) – Democrat Ana Ruiz has hit out at her rival, saying that “loud insults” do harm.\n\nRosa Diaz — a teacher from Salem — says the backing was “a huge help.”",
			[]want{{"loud insults", "Democrat Ana Ruiz", ""}, {"a huge help.", "Rosa Diaz", "says"}}},
		{"speaker of the paragraph above after an introductory phrase", "en", "In a call with analysts on Monday, Acme chief executive Ana Ruiz said the board had weighed the risks.\n\n“We think this merger is good value for our owners.”",
			[]want{{"We think this merger", "Ana Ruiz", "said"}}},
		{"an adverb between an appositive and its verb", "en", "Tom Bell, who coined the phrase, once said, “It kept coming back.”",
			[]want{{"It kept coming back.", "Tom Bell", "said"}}},
		{"a role with adjectives refers back to the speaker", "en", "Sen. Tom Bell said the vote was close.\n\n“We will win it,” the longtime senator said.",
			[]want{{"We will win it", "Tom Bell", "said"}}},
		{"a role whose adjective names someone else stays a description", "en", "Former Ohio Gov. Ana Ruiz left the race. Sen. Tom Bell said the vote was close.\n\n“We will win it,” the former Ohio governor said.",
			[]want{{"We will win it", "the former Ohio governor", "said"}}},
		{"a speaker named after a closing clause is a pronoun's antecedent", "en", "The pledge to “bring the jobs home” appeals to older voters, said Tom Bell, a demographer at Salem University.\n\n“He is speaking to a sense of loss,” he said.",
			[]want{{"bring the jobs home", "Tom Bell", "said"}, {"He is speaking to", "Tom Bell", "said"}}},
		{"a quoted sentence after a sentence opened by a speaker", "en", "Ana Ruiz said the bill was hers.\n\nRuiz touted her record as a sponsor of the bill. “We need to protect workers.” Tom Bell disagreed.",
			[]want{{"We need to protect workers.", "Ana Ruiz", ""}}},
		{"a quote paragraph after a paragraph opened by a speaker", "en", "Tom Bell said the party could switch.\n\nBell reflected in an essay that delegates might change their minds.\n\n“A win in May would change the race.”\n\nRuiz’s remarks came later that week.\n\n“He keeps insulting me.”",
			[]want{{"A win in May would change the race.", "Tom Bell", ""}, {"He keeps insulting me.", "", ""}}},
		{"the subject of a passive cue is an antecedent", "en", "Ana Ruiz said the vote was close.\n\nRosa Diaz, the mayor, was asked by reporters whether she would run. “I will not,” she said.",
			[]want{{"I will not", "Rosa Diaz", "said"}}},
		{"a quote paragraph after a speaker opening the sentence above after an introductory phrase", "en", "Tom Bell said the men were dangerous.\n\nIn a video on Thursday, Bell figured that the men could be part of a gang.\n\n“They are being caught at the border.”\n\nTwo guards were hurt at each site.\n\n“I called you twice last night.”",
			[]want{{"They are being caught at the border.", "Tom Bell", ""}, {"I called you twice last night.", "", ""}}},
		{"a cue in the next sentence pointing back at the quote", "en", "“It’s a disgrace.” That’s how Ana Ruiz described the plan on Monday.\n\nOn Monday, Tom Bell wrote, “The bill is dead.” This sort of opining, the Gazette claimed, breaks its code.",
			[]want{{"It’s a disgrace.", "Ana Ruiz", "described"}, {"The bill is dead.", "Tom Bell", "wrote"}}},
		{"a time word closing a capitalised run is no name", "en", "Ruiz showed hints. One Friday in early 1998, according to “Almost There,” the deal was off.",
			[]want{{"Almost There", "", ""}}},
		{"a tweet signed after a dash", "en", "“Crooked Ana is done.” — Tom Bell (@tombell) June 5, 2016",
			[]want{{"Crooked Ana is done.", "Tom Bell", ""}}},
		{"a quote paragraph after a paragraph closing with a named cue", "en", "The plan is dead and the board knows it, Tom Bell said in a statement late Monday.\n\n“We will look for a better offer.”",
			[]want{{"We will look", "Tom Bell", "said"}}},
		{"a headline capitalises its verb", "en", "Tom Bell said the race was over.\n\nBell Says Ruiz Is “Unfit” For Office",
			[]want{{"Unfit", "Tom Bell", ""}}},
		{"a single name opening a sentence before a past speech verb", "en", "Ruiz confirmed she had gone and said, “We face a real crisis.”",
			[]want{{"We face a real crisis.", "Ruiz", "said"}}},
		{"adverbs between an appositive and its verb", "en", "Tom Bell, the party’s nominee, has long insisted the plan is “dead.”",
			[]want{{"dead.", "Tom Bell", "insisted"}}},
		{"a naming participle is no cue", "en", "Later on Sunday, Tom Bell shared a reading list for a course called “Memory” on his page, writing “Here is the list.”",
			[]want{{"Memory", "Tom Bell", ""}, {"Here is the list.", "Tom Bell", ""}}},
		{"a time phrase before a verb is no subject", "en", "Tom Bell, who has in the past described Ruiz as “a fraud,” clearly wanted the crowd to “look away” from her.",
			[]want{{"a fraud", "Tom Bell", ""}, {"look away", "Tom Bell", ""}}},
		{"a group named after a person is no speaker", "en", "Ana Ruiz spoke first.\n\nRuiz supporters answered with chants of “Four more years” until Ruiz herself spoke up.",
			[]want{{"Four more years", "", ""}}},
		{"a quote inside what another speaker reports is theirs", "en", "Rep. Tom Bell (D-N.Y.) said Ruiz called on members to stay “tightly in step.”",
			[]want{{"tightly in step.", "Tom Bell", "said"}}},
		{"absolute constructions give participles their subjects", "en", "Both released a note – Tom Bell saying he was “quite hopeful” and Ana Ruiz calling it a “useful talk.”",
			[]want{{"quite hopeful", "Tom Bell", "saying"}, {"useful talk.", "Ana Ruiz", "calling"}}},
		{"a headline's topic before a colon did not speak", "en", "Bell on Ruiz: “She is unfit”\nTom Bell said on Monday that Ana Ruiz was wrong.",
			[]want{{"She is unfit", "Tom Bell", ""}}},
		{"a lower-case modifier before a title", "en", "“It was a sham,” said state Sen. Ana Ruiz, D-Salem.",
			[]want{{"It was a sham", "Ana Ruiz", "said"}}},
		{"a quote paragraph after a named speaker's quote mid-paragraph", "en", "Tom Bell, who calls Ruiz a “fraud,” said he does not need a plan.\n\n“As far as I know, nobody important is involved.”",
			[]want{{"fraud", "Tom Bell", "calls"}, {"As far as I know", "Tom Bell", "calls"}}},
		{"a quote in a second clause with a subject of its own", "en", "Tom Bell said the talks were over.\n\nAna Ruiz refers to the candidate as “Mr. Bell,” while Bell refers to the mayor as “Ana.”",
			[]want{{"Mr. Bell", "Ana Ruiz", ""}, {"Ana.", "Tom Bell", ""}}},
		{"a new clause after a cue's own quote names the next quote's speaker", "en", "Tom Bell spoke for an hour. And, in a video that Judge Ana Ruiz called “crude,” Bell voiced a wish to “fire them all.”",
			[]want{{"crude", "Ana Ruiz", "called"}, {"fire them all.", "Tom Bell", ""}}},
		{"more person roles refer back", "en", "Tom Bell said he would run.\n\n“We will win,” the billionaire told People. “I can guarantee it,” said pollster Rob Hart.",
			[]want{{"We will win", "Tom Bell", "told People"}, {"I can guarantee it", "Rob Hart", "said"}}},
		{"the next paragraph pointing back at a quote paragraph", "en", "“It’s a disgrace.”\n\nThat’s how Ana Ruiz described the plan on Monday.",
			[]want{{"It’s a disgrace.", "Ana Ruiz", "described"}}},
		{"lower-case words describing the name after an inverted cue", "en", "“I was shocked,” said retired teacher Kim Sato, 34. “Nobody warned us,” said voter Rob Hart.",
			[]want{{"I was shocked", "Kim Sato", "said"}, {"Nobody warned us", "Rob Hart", "said"}}},
		{"spanish según a role of an organisation then the name", "es", "Según el vocero de la Fiscalía, Raúl Ibarra, «la investigación sigue abierta».",
			[]want{{"la investigación sigue abierta", "Raúl Ibarra", "según"}}},
		{"spanish place phrase opening the sentence is no name", "es", "La presidenta Lucía Méndez habló el martes.\n\nDesde Palacio Nacional, la mandataria aseguró que «no hay crisis».",
			[]want{{"no hay crisis", "la mandataria", "aseguró"}}},
		{"spanish recipient that is no person before the subject", "es", "«Faltan datos», declaró a la prensa Elena Campos. «Hay que medir», dijo a la ministra Lucía Prat.",
			[]want{{"Faltan datos", "Elena Campos", "declaró"}, {"Hay que medir", "Elena Campos", "dijo"}}},
		{"spanish a juicio de, en opinión de", "es", "A juicio de Jorge Luna, «el acuerdo es frágil». En opinión de la investigadora Elena Campos, «faltan datos».",
			[]want{{"el acuerdo es frágil", "Jorge Luna", "A juicio de"}, {"faltan datos", "Elena Campos", "En opinión de"}}},
		{"a place phrase opening the sentence is no name before a group", "en", "Across Europe, leaders called the deal “historic.”",
			[]want{{"historic.", "leaders", "called"}}},
		{"an irregular past tense ends the subject's name", "en", "Ana Ruiz beat Tom Bell in the primary. Ruiz said it was “a clean race.” “We earned it,” she added.",
			[]want{{"a clean race.", "Ana Ruiz", "said"}, {"We earned it", "Ana Ruiz", "added"}}},
		{"a short irregular past tense ends the subject's name", "en", "Ana Ruiz met Tom Bell on Friday and called the talks “useful.”\n\nLena Park met Rob Hart on Monday. “It was useful,” she said.",
			[]want{{"useful.", "Ana Ruiz", "called"}, {"It was useful", "", "said"}}},
		{"spanish source of the sentence is not its subject's description", "es", "Según informó Reuters, el ministro dijo que «no habrá recortes». De acuerdo con Reuters, la ministra afirmó que «habrá fondos».",
			[]want{{"no habrá recortes", "el ministro", "dijo"}, {"habrá fondos", "la ministra", "afirmó"}}},
		{"the source of the sentence is not its subject's description", "en", "According to Reuters, the minister said there would be “no cuts.”",
			[]want{{"no cuts.", "the minister", "said"}}},
		{"spanish dialogue dashes (horizontal bar)", "es", "―No es barato ―afirmó Inés Báez―, pero es necesario.",
			[]want{{"No es barato", "Inés Báez", "afirmó"}}},
		{"a description ending in -ly before the name", "en", "“We lost a friend,” said family friend Kim Sato.",
			[]want{{"We lost a friend", "Kim Sato", "said"}}},
		{"spanish dialogue dashes", "es", "—No es barato —afirmó Inés Báez—, pero es necesario.\n\n—¿Cuándo empiezan las obras? —preguntó un vecino.\n\n—Una lista de cosas\n\nEl plan —dijo Báez— es bueno.",
			[]want{{"No es barato", "Inés Báez", "afirmó"}, {"¿Cuándo empiezan las obras?", "un vecino", "preguntó"}}},
		{"english dashes are no quotes", "en", "—We will win —said Tom Bell.",
			nil},
		{"a noun with a clause of its own after the quote is no speaker", "en", "Sen. Ana Ruiz and Gov. Tom Bell met on Monday.\n\nBell has repeatedly called Ruiz “a liar,” a charge she denies.",
			[]want{{"a liar", "Tom Bell", "called"}}},
		{"neither … nor gives no speaker", "en", "Sen. Ana Ruiz and Gov. Tom Bell met on Monday.\n\nNeither Ruiz nor Bell would call the plan “dead.”",
			[]want{{"dead.", "", ""}}},
		{"a quote inside what a possessive name's speech noun says", "en", "Sen. Ana Ruiz and Gov. Tom Bell met on Monday.\n\nRuiz said Bell’s claim that the plan was “a disaster” was wrong. Ruiz pushed back on Bell’s description of the plan as “a mess.”",
			[]want{{"a disaster", "Tom Bell", ""}, {"a mess.", "Tom Bell", ""}}},
		{"other language: no speakers", "pt", "“Vamos vencer”, disse Ana Ruiz.",
			[]want{{"Vamos vencer", "", ""}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := lineDoc(tc.body)
			doc.Lang = tc.lang
			checkQuotes(t, Extract(doc), tc.body, tc.wants)
		})
	}
}

func TestExtractNil(t *testing.T) {
	if got := Extract(nil); got != nil {
		t.Errorf("Extract(nil) = %v", got)
	}
	if got := Extract(&text.Document{}); got != nil {
		t.Errorf("Extract(empty) = %v", got)
	}
}

func TestExtractSkipsBoilerplate(t *testing.T) {
	body := "“Kept,” Ana Ruiz said.\nSHARE THIS: “Dropped,” Ana Ruiz said."
	doc := lineDoc(body)
	doc.Paragraphs[1].Boilerplate = true
	got := Extract(doc)
	if len(got) != 1 || got[0].Text != "Kept" {
		t.Errorf("got %+v, want only the quote of the first paragraph", got)
	}
}

func TestExtractWithoutParagraphs(t *testing.T) {
	body := "“One,” Ana Ruiz said.\n\n“Two,” she said."
	got := Extract(&text.Document{Body: body, Lang: "en"})
	if len(got) != 2 || got[1].Speaker != "Ana Ruiz" {
		t.Errorf("got %+v, want two quotes by Ana Ruiz", got)
	}
}

// TestGarbledMarksBounded checks that an unbalanced mark does not swallow a
// long paragraph.
func TestGarbledMarksBounded(t *testing.T) {
	body := "Intro \"" + strings.Repeat("word ", 1000) + "\" end."
	for _, q := range Extract(lineDoc(body)) {
		if q.End-q.Start > maxQuoteBytes {
			t.Errorf("quote of %d bytes exceeds the bound %d", q.End-q.Start, maxQuoteBytes)
		}
	}
}

func TestRidgefield(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "ridgefield.txt"))
	if err != nil {
		t.Fatal(err)
	}
	body := string(b)
	got := Extract(lineDoc(body))
	checkQuotes(t, got, body, []want{
		{"In one of the calls, he said to me, ‘How can we help you fix the plant?", "Elena Marquez", "recounted"},
		{"And you know what I told him?", "Elena Marquez", "recounted"},
		{"We will never hand the plant", "Elena Marquez", ""},
		{"crystal clear", "a spokesperson for the Northern Valley Water Board", "told the Courier"},
		{"already close cooperation", "a spokesperson for the Northern Valley Water Board", "added"},
		{"We have offered our engineers", "Tomas Whitfield", "said"},
		{"We can work together", "Elena Marquez", "said"},
		{"But you can do it on your side", "Elena Marquez", "said"},
		{"The plant has failed three inspections", "Tomas Whitfield", "told reporters"},
		{"Nobody wants to take anything", "Tomas Whitfield", "told reporters"},
		{"We want the water to be safe", "Tomas Whitfield", "told reporters"},
		{"I trust the mayor", "Rosa Delgado", "said"},
	})
	key := Key(got, 5)
	for _, q := range key {
		if q.Text == "crystal clear" || q.Text == "already close cooperation" {
			t.Errorf("fragment %q among the key quotes", q.Text)
		}
		if q.Speaker == "" {
			t.Errorf("unattributed %q among the key quotes", q.Text)
		}
	}
}

// TestSeedArticle runs the project's seed article (../shared/seeds).
func TestSeedArticle(t *testing.T) {
	path := filepath.Join(sharedDir(t), "seeds", "000_2023e0b41bc0d7dc.txt")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read seed: %v", err)
	}
	body := string(b)
	got := Extract(lineDoc(body))
	readMore := strings.Index(body, "READ MORE")
	var nested, crystal bool
	for _, q := range got {
		if readMore >= 0 && q.Start > readMore {
			t.Errorf("quote %q from the READ MORE block", q.Text)
		}
		if strings.Contains(q.Text, "‘How can we help you") {
			nested = strings.HasPrefix(q.Text, "In one of the calls")
		}
		if q.Text == "crystal clear" {
			crystal = true
		}
		if strings.HasPrefix(q.Text, "We ") || strings.HasPrefix(q.Text, "In one") || strings.HasPrefix(q.Text, "And you know") || strings.HasPrefix(q.Text, "But you can") {
			if q.Speaker != "Claudia Sheinbaum" && q.Speaker != "Sheinbaum" {
				t.Errorf("quote %q attributed to %q, want Sheinbaum", q.Text, q.Speaker)
			}
		}
	}
	if !nested {
		t.Error("the nested ‘How can we help you…’ is not kept inside its outer quote")
	}
	if !crystal {
		t.Error("“crystal clear” not extracted")
	}
	key := Key(got, len(got))
	if len(key) == 0 || key[len(key)-1].Text != "crystal clear" && key[len(key)-2].Text != "crystal clear" {
		t.Errorf("“crystal clear” should rank among the last two, ranking: %v", texts(key))
	}
	if key[0].Speaker != "Claudia Sheinbaum" {
		t.Errorf("top key quote by %q, want Claudia Sheinbaum", key[0].Speaker)
	}
	// The strongest statement is among the first key quotes; the quote
	// that is mostly Trump's nested words (and ends in ",’") is not.
	top := Key(got, 3)
	var never bool
	for _, q := range top {
		never = never || strings.HasPrefix(q.Text, "We will never accept")
		if strings.HasSuffix(q.Text, ",’") {
			t.Errorf("dangling key quote %q", q.Text)
		}
	}
	if !never {
		t.Errorf("“We will never accept …” not among the first key quotes: %q", texts(top))
	}
}

func TestScoreNestedAndDangling(t *testing.T) {
	own := Quote{Text: "We will keep the border open to trade and closed to troops.", Speaker: "Ana Ruiz"}
	nested := Quote{Text: "He told me, ‘We will send the army to your country tomorrow morning,’", Speaker: "Ana Ruiz"}
	connective := Quote{Text: "But we will keep the border open to trade and closed to troops.", Speaker: "Ana Ruiz"}
	if score(nested, npName) >= score(own, npName) {
		t.Errorf("nested quote scores %.2f, not below the speaker's own words %.2f", score(nested, npName), score(own, npName))
	}
	if score(connective, npName) >= score(own, npName) {
		t.Errorf("quote opening with a connective scores %.2f, not below %.2f", score(connective, npName), score(own, npName))
	}
	if n := nestedBytes("It’s a ‘deal’ we don’t like"); n != len("deal") {
		t.Errorf("nestedBytes counted %d bytes, want %d (apostrophes are not marks)", n, len("deal"))
	}
}

func texts(qs []Quote) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.Text
	}
	return out
}

func TestKey(t *testing.T) {
	qs := []Quote{
		{Text: "short", Start: 0, Score: -1},
		{Text: "A complete statement by a named speaker.", Start: 10, Score: 4},
		{Text: "Another complete statement, equally good.", Start: 20, Score: 4},
		{Text: "A complete statement by a named speaker.", Start: 30, Score: 4}, // repeat
		{Text: "unattributed words here", Start: 40, Score: 0.5},
	}
	got := Key(qs, 3)
	want := []int{10, 20, 40}
	if len(got) != len(want) {
		t.Fatalf("Key returned %d quotes, want %d", len(got), len(want))
	}
	for i, w := range want {
		if got[i].Start != w {
			t.Errorf("Key[%d].Start = %d, want %d", i, got[i].Start, w)
		}
	}
	if qs[0].Text != "short" {
		t.Error("Key modified its input")
	}
	if Key(qs, 0) != nil || Key(nil, 3) != nil {
		t.Error("Key with n=0 or no quotes should be nil")
	}
}

func TestScorePrefersNamedCompleteStatements(t *testing.T) {
	body := "“We will rebuild every road in the county this year,” Ana Ruiz said. The plan is “crystal clear,” a memo said. “Some unattributed words that go on for a while.”"
	got := Key(Extract(lineDoc(body)), 3)
	if len(got) != 3 || got[0].Speaker != "Ana Ruiz" || got[2].Text != "crystal clear" {
		t.Errorf("ranking = %v", texts(got))
	}
}

func FuzzExtract(f *testing.F) {
	f.Add("“Hello,” she said.")
	f.Add("\"a\" \"b\n\n\"c\" «d» „e“ ”f” “g")
	f.Add("X: “" + strings.Repeat("y ", 50))
	f.Add("“\xff\xfe,” said \xe2\x80")
	f.Add("According to , “” said said said Mr. . “x” ― ")
	// Spanish paths: guillemets with nested marks, ¿? ¡!, null subjects,
	// "según", "de acuerdo con", appositives, clitics.
	f.Add("«¿Vamos a aceptar “eso”?», dijo. «¡No!», añadió la alcaldesa, Ana Ruiz.")
	f.Add("Según , «» De acuerdo con «x» le dijo a ha dicho que «‘y’»")
	f.Add("Indicó que «a». El director de la campaña, Tomás Gil, dijo: «b»")
	f.Add("WASHINGTON — «c», afirmó. Lo dijo: «d» Con , «e», señaló Lo")
	f.Add("—No es barato —afirmó Báez—, pero sí necesario.\n—Sin cierre —\n— —dijo —")
	f.Add("“We will win,” Rob Hart, wearing “Vote Ruiz,”")
	f.Add("“We will win,” Rob Hart, of “Meet the Press,”")
	f.Add("―No es barato ―afirmó Inés Báez―, pero sí necesario.")
	f.Fuzz(func(t *testing.T, body string) {
		docs := []*text.Document{lineDoc(body), {Body: body}, {Body: body, Paragraphs: []text.Paragraph{{Span: text.Span{Start: -3, End: len(body) + 5}}, {Span: text.Span{Start: 1, End: 0}}}}}
		es := lineDoc(body)
		es.Lang = "es"
		docs = append(docs, es, &text.Document{Body: body, Lang: "es"})
		for _, doc := range docs {
			for _, q := range Extract(doc) {
				if q.Start < 0 || q.End > len(body) || q.Start >= q.End {
					t.Fatalf("bad offsets %d:%d for body of %d bytes", q.Start, q.End, len(body))
				}
				if body[q.Start:q.End] != q.Text {
					t.Fatalf("Body[%d:%d] != Text", q.Start, q.End)
				}
				if !utf8.RuneStart(body[q.Start]) || q.End < len(body) && !utf8.RuneStart(body[q.End]) {
					t.Fatalf("offsets %d:%d not on rune boundaries", q.Start, q.End)
				}
			}
			Key(Extract(doc), 3)
		}
	})
}

// sharedDir locates ../shared next to the module root (override with
// NEWSBOT_SHARED_DIR); it skips when absent, or fails when CI=true.
func sharedDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("NEWSBOT_SHARED_DIR")
	if dir == "" {
		wd, err := os.Getwd()
		if err != nil {
			t.Fatal(err)
		}
		for d := wd; filepath.Dir(d) != d; d = filepath.Dir(d) {
			if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
				dir = filepath.Join(filepath.Dir(d), "shared")
				break
			}
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "seeds")); dir == "" || err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("shared data not found (dir %q); set NEWSBOT_SHARED_DIR", dir)
		}
		t.Skipf("shared data not found (dir %q); set NEWSBOT_SHARED_DIR to run", dir)
	}
	return dir
}

func TestKeyOneVoiceAtATime(t *testing.T) {
	qs := []Quote{
		{Text: "A", Speaker: "Tom Bell", Start: 0, Score: 5},
		{Text: "B", Speaker: "Tom Bell", Start: 10, Score: 4.8},
		{Text: "C", Speaker: "Ana Ruiz", Start: 20, Score: 4},
		{Text: "D", Speaker: "Ana Ruiz", Start: 30, Score: 1}, // a fragment
		{Text: "E", Speaker: "", Start: 40, Score: 3.6},
	}
	got := texts(Key(qs, 4))
	want := []string{"A", "C", "B", "E"}
	if !slices.Equal(got, want) {
		t.Errorf("Key = %v, want %v", got, want)
	}
}

func TestProminence(t *testing.T) {
	body := "Sen. Lena Park spoke. Park said no. Park left. Park returned. Park again. Rob Hart watched the Harts' boat from Hartford."
	var seen map[string]float64
	if got := prominence(body, "Lena Park", &seen); got != prominenceMax {
		t.Errorf("prominence of a speaker named five times = %v, want %v", got, prominenceMax)
	}
	if got := prominence(body, "Rob Hart", &seen); got != 0 {
		t.Errorf("prominence of a speaker named once = %v, want 0", got)
	}
}
