package quotes

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/newsdigest/bot/internal/digest/text"
)

// pronounReach bounds how far back (bytes) a pronoun looks for its speaker.
const pronounReach = 4000

// attribute finds, propagates and resolves the speaker of every segment.
func (x *extractor) attribute() {
	x.attrs = make([]attr, len(x.segs))
	if x.lang != "" && x.lang != "en" && x.lang != "es" {
		return // no speaker rules for this language: quotes without speakers
	}
	x.scanNames()
	x.scanMentions()
	added := false
	for i, sg := range x.segs {
		ln := x.lines[sg.line]
		var found, pre attribution
		havePre := false // pre holds x.before(sg, ln) once read
		if x.lang != "es" {
			found = x.ownerBefore(sg, ln) // "Bell’s “…” promise"
			if found.speaker.kind == npNone {
				found = x.ownedContent(sg, ln) // "Bell’s claim that the plan was “…”"
			}
			if found.speaker.kind == npNone && sg.open-1 > ln.t0 && x.isWord(sg.open-1) && strings.EqualFold(x.word(sg.open-1), "that") {
				// "Ruiz claimed on Tuesday that “…,” one of the
				// engineers said the cases differ": the quote completes
				// the verb before it, whatever follows
				pre, havePre = x.before(sg, ln), true
				if b := pre; b.hasCue && b.cue.last >= sg.open-1-adjunctTokens {
					if b.speaker = x.repair(b.speaker); x.plausible(b.speaker, sg.line) {
						found = b
					}
				}
			}
		}
		if sg.close >= 0 && found.speaker.kind == npNone {
			found = x.after(sg, ln)
			if x.lang != "es" && found.speaker.kind != npNone && sg.open-1 > ln.t0 && (x.isPunct(sg.open-1, ':') && strings.ContainsRune(".!?", lastSignificant(x.b[x.toks[sg.open].e:x.toks[sg.close].s])) || x.isPunct(sg.open-1, ',') && strings.ContainsRune("!?", lastSignificant(x.b[x.toks[sg.open].e:x.toks[sg.close].s]))) {
				// "Jones told the crowd: “We will win.” The crowd roared.":
				// the cue before the colon introduced the finished quote;
				// a sentence after it is a new one
				if !havePre {
					pre, havePre = x.before(sg, ln), true
				}
				if b := pre; b.hasCue && b.cue.last >= sg.open-1-adjunctTokens {
					if b.speaker = x.repair(b.speaker); x.plausible(b.speaker, sg.line) {
						found = b
					}
				}
			}
		}
		found.speaker = x.repair(found.speaker)
		if !x.plausible(found.speaker, sg.line) {
			if !havePre {
				pre = x.before(sg, ln)
			}
			found = pre
			found.speaker = x.repair(found.speaker)
		}
		// a reporting clause closing the sentence ("Bell “felt …” about
		// climate change, Axelrod said.") governs the quote more surely
		// than the sentence subject read without a cue
		if !x.plausible(found.speaker, sg.line) || !found.hasCue {
			if end := x.sentenceEndCue(sg, ln); x.plausible(x.repair(end.speaker), sg.line) {
				found = end
				found.speaker = x.repair(found.speaker)
			}
		}
		if !x.plausible(found.speaker, sg.line) && sg.open == ln.t0 && sg.line > 0 {
			found = x.introducedAbove(sg.line - 1)
		}
		if !x.plausible(found.speaker, sg.line) && x.lang != "es" {
			found = x.signatureBelow(sg)
		}
		if !x.plausible(found.speaker, sg.line) && x.lang != "es" && sg.close >= 0 {
			found = x.demonstrativeCue(sg, ln)
			found.speaker = x.repair(found.speaker)
		}
		p := found.speaker
		if !x.plausible(p, sg.line) {
			continue
		}
		if x.lang == "es" && found.hasCue && p.kind == npName && !x.isForwardVerb(found.cue.first) && esPlural(strings.ToLower(x.word(found.cue.first))) && !strings.Contains(p.name, " y ") {
			continue // a plural verb ("denunciaron") is not one named person's
		}
		if x.lang != "es" && found.hasCue && p.kind == npName && x.enPluralCue(found.cue.first) && !strings.Contains(p.name, " and ") {
			continue // "Americans say", "Supporters of Hart argue": a group
		}
		a := attr{found: true, kind: p.kind, speaker: p.name, pos: int(x.toks[p.s].s)}
		if found.hasCue {
			a.cue = x.cueText(found.cue.first, found.cue.last)
		}
		if p.kind == npName && !x.mentionAt(a.pos) {
			// a speaker named without a verb ("«…»: alcalde Tomás Gil"), with
			// a verb no list holds ("“…!” beamed Ann Lee") or after a
			// clause ("…, said Tom Bell, a demographer") is a
			// speaker later pronouns and descriptions refer back to
			x.mentions = append(x.mentions, mention{pos: a.pos, name: p.name, kind: npName, heads: p.heads})
			added = true
		}
		x.attrs[i] = a
	}
	if added {
		slices.SortStableFunc(x.mentions, func(a, b mention) int { return a.pos - b.pos })
	}
	x.propagate()
	if x.lang != "es" {
		x.soleSpeaker()
		x.sentenceSpeaker()
	}
	for i := range x.attrs {
		x.resolve(&x.attrs[i])
		x.filter(i)
	}
}

// mentionAt reports a mention recorded at body offset pos (scanMentions
// keeps them in body order).
func (x *extractor) mentionAt(pos int) bool {
	_, ok := slices.BinarySearchFunc(x.mentions, pos, func(m mention, p int) int { return cmp.Compare(m.pos, p) })
	return ok
}

// propagate gives unattributed segments the speaker of the quote they
// continue: the other paragraphs of a multi-paragraph quote, the other parts
// of a split quote in one paragraph ("“A,” she said. “B.”"), and a paragraph
// that is one whole quote right after a paragraph ending with an attributed
// quote.
func (x *extractor) propagate() {
	// multi-paragraph chains
	for i := 0; i < len(x.segs); {
		j := i
		for j+1 < len(x.segs) && x.segs[j].contNext && x.segs[j+1].contPrev {
			j++
		}
		if j > i {
			src := -1
			for k := j; k >= i; k-- { // the cue is usually in the last part
				if x.attrs[k].found {
					src = k
					break
				}
			}
			if src >= 0 {
				for k := i; k <= j; k++ {
					if !x.attrs[k].found {
						x.attrs[k] = x.attrs[src]
					}
				}
			}
		}
		i = j + 1
	}
	// split quotes within a paragraph: forward, then backward
	for i := 1; i < len(x.segs); i++ {
		if !x.attrs[i].found && x.attrs[i-1].found && x.segs[i-1].line == x.segs[i].line && !x.personIn(x.segs[i-1].e, x.segs[i].s, x.attrs[i-1].speaker) {
			x.attrs[i] = x.attrs[i-1]
		}
	}
	for i := len(x.segs) - 2; i >= 0; i-- {
		if !x.attrs[i].found && x.attrs[i+1].found && x.segs[i+1].line == x.segs[i].line && !x.personIn(x.segs[i].e, x.segs[i+1].s, x.attrs[i+1].speaker) && !(x.attrs[i+1].kind == npName && x.attrs[i+1].pos > x.segs[i].e && x.sentenceBetween(x.segs[i], x.segs[i+1])) {
			x.attrs[i] = x.attrs[i+1]
		}
	}
	// a whole-paragraph quote continuing the previous paragraph's speaker
	for i := 1; i < len(x.segs); i++ {
		sg := x.segs[i]
		if x.attrs[i].found || !x.wholeLine(sg) {
			continue
		}
		prev := x.segs[i-1]
		if prev.line == sg.line-1 && x.attrs[i-1].found && (x.endsLine(prev) || x.cueEndsLine(prev, x.attrs[i-1])) {
			x.attrs[i] = x.attrs[i-1]
		}
	}
}

// cueEndsLine reports that sg's named English speaker is named on its
// line and that no other person or quotation follows sg there ("…,” Rosa
// said as she turned around.", "Varga, who calls Bell a “sociopath,”
// said …"): a whole-paragraph quote after it goes on in that voice.
func (x *extractor) cueEndsLine(sg segment, a attr) bool {
	if x.lang == "es" || sg.close < 0 || a.kind != npName && !(a.kind == npPronoun && personalPronoun(a.speaker)) {
		return false
	}
	ln := x.lines[sg.line]
	if a.pos >= ln.e || a.pos < ln.s {
		return false // the speaker is named on another line
	}
	return !x.personIn(int(x.toks[sg.close].e), ln.e, a.speaker) && !x.quoteIn(sg.close+1, ln.t1)
}

// wholeLine reports whether sg is a quote taking its whole line.
func (x *extractor) wholeLine(sg segment) bool {
	ln := x.lines[sg.line]
	return sg.open == ln.t0 && x.endsLine(sg)
}

// endsLine reports whether nothing but punctuation follows sg on its line.
func (x *extractor) endsLine(sg segment) bool {
	ln := x.lines[sg.line]
	if sg.close < 0 {
		return true
	}
	for k := sg.close + 1; k < ln.t1; k++ {
		if x.toks[k].k != tPunct {
			return false
		}
	}
	return true
}

// scanNames records full names ("Claudia Sheinbaum") by lower-cased
// surname, so a later bare surname can be expanded.
func (x *extractor) scanNames() {
	x.full = make(map[string]string)
	x.people = make([]person, 0, len(x.toks)/16)
	for _, ln := range x.lines {
		for i := ln.t0; i < ln.t1; {
			if !x.upper(i) {
				i++
				continue
			}
			e := i
			for e < ln.t1 && (x.upper(e) || x.isPunct(e, '.') && x.isAbbrevDot(e, ln.t0) && e+1 < ln.t1 && x.upper(e+1)) {
				e++
			}
			x.addName(i, e, ln)
			x.addAcronym(i, e, ln)
			i = e + 1
		}
	}
}

// acronymMaxRunes bounds an acronym in parentheses after a name.
const acronymMaxRunes = 6

// addAcronym records "Departamento de Seguridad Nacional (DHS …)" or
// "National Security Council (NSC)": the acronym expands to the name, as a
// surname does.
func (x *extractor) addAcronym(s, e int, ln lineInfo) {
	if e+1 >= ln.t1 || !x.isPunct(e, '(') || !x.isWord(e+1) {
		return
	}
	acr := x.word(e + 1)
	if n := utf8.RuneCountInString(acr); n < 2 || n > acronymMaxRunes || !upperWord(acr) {
		return
	}
	// take in particles linking capitalised runs: "Departamento de Seguridad"
	for s-2 >= ln.t0 && x.isWord(s-1) && isParticle(strings.ToLower(x.word(s-1))) && x.upper(s-2) {
		s -= 2
		for s-1 >= ln.t0 && x.upper(s-1) {
			s--
		}
	}
	for s < e && (x.in(determiners, s) || x.in(leadWords, s)) {
		s++
	}
	words := 0
	for j := s; j < e; j++ {
		if x.upper(j) {
			words++
		}
	}
	key := strings.ToLower(acr)
	if words < 2 || x.full[key] != "" {
		return
	}
	x.full[key] = x.b[x.toks[s].s:x.toks[e-1].e]
}

func (x *extractor) addName(s, e int, ln lineInfo) {
	opens := s == ln.t0 || x.isBoundary(s-1, ln.t0)
	for s < e && x.isWord(s) && x.in(leadWords, s) {
		s++
	}
	ns := s
	for j := s; j < e-1; j++ {
		if x.isWord(j) && x.in(titles, j) {
			ns = j + 1
		}
	}
	words := 0
	for j := ns; j < e; j++ {
		if x.isWord(j) {
			words++
		}
	}
	for ns < e && !x.isWord(ns) {
		ns++
	}
	if words < fullNameMinWords || words > fullNameMaxWords {
		return
	}
	name := trimPossessive(x.b[x.toks[ns].s:x.toks[e-1].e])
	key := strings.ToLower(lastToken(name))
	x.people = append(x.people, person{pos: int(x.toks[ns].s), surname: key, object: x.afterObjectPrep(s), opens: opens})
	x.noteGender(s, ns, ln, key)
	old, seen := x.full[key]
	switch {
	case !seen:
		x.full[key] = name
	case old == "" || old == name:
	case firstToken(old) == firstToken(name):
		// "Tom Bell" and "Tom J. Bell": keep the first
	default:
		x.full[key] = "" // two people share the surname: don't guess
	}
}

func firstToken(s string) string {
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i]
	}
	return s
}

// scanMentions records the subject of every speech verb outside quotes, in
// body order, for pronoun and description resolution.
func (x *extractor) scanMentions() {
	for li, ln := range x.lines {
		for k := ln.t0; k < ln.t1; k++ {
			if !x.isWord(k) || equalFoldASCII(x.word(k), "to") {
				continue
			}
			ok, last := x.speechVerbAt(k, ln.t1)
			if !ok && x.lang == "es" {
				x.invertedSubject(k, ln, li)
			}
			if !ok || x.insideSeg(k) {
				continue
			}
			lo := x.sentenceStart(k, ln)
			p := x.repair(x.verbNP(k, last, ln, lo))
			if p.kind == npName && x.lang != "es" && p.s > lo && x.isPunct(p.s-1, ',') && !x.plausible(p, li) {
				// the end of an appositive ("Ana Ruiz of Aiken, South
				// Carolina says"): the subject opens the sentence
				if q := x.subject(lo, k, li); q.kind == npName && !x.subordinatorIn(q.e, k) {
					p = q
				}
			}
			if p.kind == npNone && x.lang != "es" && x.passiveAt(k, lo) {
				// "Diaz was asked whether she would run": the one asked
				// answers next
				if q := x.repair(x.npBack(k, lo)); q.kind == npName {
					p = q
				} else if q := x.subject(lo, k, li); q.kind == npName {
					p = q // "Rosa Diaz, the mayor, was asked"
				}
			}
			if p.kind == npNone || p.kind == npPronoun || !x.plausible(p, li) {
				continue
			}
			x.mentions = append(x.mentions, mention{pos: int(x.toks[p.s].s), name: p.name, kind: p.kind, heads: p.heads})
			if p.kind == npName {
				x.noteHeadsGender(p)
			}
		}
	}
	// Sentence subjects that are people seen speaking ("Whitfield
	// disagreed.") are antecedents for pronouns too.
	known := make(map[string]bool, len(x.mentions))
	for _, m := range x.mentions {
		if m.kind == npName {
			if s := lastToken(x.fullName(m.name)); !getLower(known, s) {
				known[strings.ToLower(s)] = true
			}
		}
	}
	x.speakers = known
	if len(known) == 0 {
		return
	}
	var subj []mention
	for li, ln := range x.lines {
		start := ln.t0
		for k := ln.t0; k <= ln.t1; k++ {
			if k < ln.t1 && !x.isBoundary(k, ln.t0) {
				continue
			}
			end := k
			hasKnown := false // a known speaker's surname, the only subjects kept
			for j := start; j < k; j++ {
				if x.toks[j].k == tMark {
					end = j
					break
				}
				hasKnown = hasKnown || x.upper(j) && inSet(known, trimPossessive(x.word(j)))
			}
			if !hasKnown {
				start = k + 1
				continue
			}
			if p := x.subject(start, end, li); p.kind == npName && getLower(known, lastToken(p.name)) {
				subj = append(subj, mention{pos: int(x.toks[p.s].s), name: p.name, kind: npName})
			}
			start = k + 1
		}
	}
	if len(subj) > 0 {
		x.mentions = append(x.mentions, subj...)
		slices.SortStableFunc(x.mentions, func(a, b mention) int { return a.pos - b.pos })
	}
}

// fullName expands a bare surname to the full name given earlier.
func (x *extractor) fullName(name string) string {
	if strings.IndexByte(name, ' ') >= 0 {
		return name
	}
	if f := getLower(x.full, name); f != "" {
		return f
	}
	return name
}

// resolve turns a raw attribution into a speaker: full names, pronouns to
// the nearest earlier named speaker, definite descriptions ("the
// spokesperson") to the speaker they refer back to.
func (x *extractor) resolve(a *attr) {
	switch a.kind {
	case npName:
		if l, r, ok := strings.Cut(a.speaker, " and "); ok && x.lang != "es" {
			a.speaker = x.fullName(l) + " and " + x.fullName(r)
			return
		}
		a.speaker = x.fullName(a.speaker)
	case npPronoun:
		switch a.speaker {
		case "he", "she", "él", "ella", "": // "": a Spanish null subject
			g := pronounGender(a.speaker)
			// a dropped Spanish subject continues the last subject: names
			// after prepositions since then don't compete with it
			nullSubj := a.speaker == ""
			a.speaker = ""
			for i := len(x.mentions) - 1; i >= 0; i-- {
				m := x.mentions[i]
				if m.pos >= a.pos {
					continue
				}
				if a.pos-m.pos > pronounReach {
					break
				}
				if m.kind == npDesc {
					// the last speaker was described ("La alcaldesa
					// respondió …"): the pronoun is that person
					d := attr{kind: npDesc, speaker: m.name, pos: m.pos}
					x.resolve(&d)
					if d.kind == npName && !conflicts(g, x.genderOf(d.speaker)) {
						a.speaker, a.kind = d.speaker, npName
					}
					break
				}
				if m.kind == npName && x.lang != "es" && strings.Contains(m.name, " and ") {
					break // "he" after a pair: either of them
				}
				if m.kind == npName && conflicts(g, x.genderOf(m.name)) {
					continue // "she" is not the man named last
				}
				if m.kind == npName {
					if x.otherPersonBetween(m, a.pos, g, nullSubj) {
						break // another person came in between: unsure
					}
					a.speaker, a.kind = x.fullName(m.name), npName
					break
				}
			}
			if a.speaker == "" && x.lang != "es" {
				if p := x.sameSentenceSubject(a.pos, g); p != "" {
					a.speaker, a.kind = x.fullName(p), npName
				}
			}
		default:
			a.speaker = ""
		}
	case npDesc:
		words := strings.Fields(a.speaker)
		if len(words) > descRoleMaxWords || len(words) < descResolveMinWords {
			return
		}
		role := getLower(personRoles.words, words[len(words)-1])
		if len(words) > descResolveMaxWords && (x.lang == "es" || !role) {
			return
		}
		switch strings.ToLower(words[0]) {
		case "the", "this", "el", "la":
		default:
			return
		}
		head := " " + strings.ToLower(words[len(words)-1]) + " "
		for i := len(x.mentions) - 1; i >= 0; i-- {
			m := x.mentions[i]
			if m.pos >= a.pos {
				continue
			}
			if m.kind == npName && strings.Contains(m.heads, head) && namesFit(words[1:len(words)-1], m) {
				a.speaker, a.kind = x.fullName(m.name), npName
				return
			}
			if m.kind == npDesc && m.name != a.speaker && hasWordFold(m.name, head[1:len(head)-1]) {
				a.speaker = m.name
				return
			}
		}
		// "el pontífice", "la mandataria", "the senator": a role word that
		// only a person holds refers back to the last named speaker, unless
		// another speaker was named since (then it stays a description).
		// In English the role may carry adjectives: "the longtime
		// senator", "the Democratic presidential candidate".
		if !role || len(words) != 2 && (x.lang == "es" || !x.adjectivesOnly(words[1:len(words)-1])) {
			return
		}
		g := descGender(words)
		src := "" // the source the sentence cites, who is not its subject
		for i := len(x.mentions) - 1; i >= 0; i-- {
			m := x.mentions[i]
			if m.pos >= a.pos || m.kind != npName || conflicts(g, x.genderOf(m.name)) || x.lang != "es" && strings.Contains(m.name, " and ") {
				continue // (a pair is no "senator")
			}
			if src == "" && x.sourceOfSentence(m.pos, a.pos) {
				src = x.fullName(m.name)
				continue // "Según Reuters, el ministro dijo": the minister is not Reuters
			}
			if src != "" && x.fullName(m.name) == src {
				continue
			}
			if a.pos-m.pos > pronounReach || x.otherPersonBetween(m, a.pos, g, false) {
				return
			}
			if len(words) > 2 && !x.modifiersFit(words[1:len(words)-1], x.fullName(m.name)) {
				return // "the former Florida governor" is not Bell
			}
			a.speaker, a.kind = x.fullName(m.name), npName
			return
		}
	}
}

// modifierWindow bounds how far after a modifier the surname of the
// person it describes is looked for ("Ohio Sen. Tom Bell").
const modifierWindow = 6

// modifiersFit reports whether the adjectives of a role description fit
// the named person: a capitalised one ("Florida", "Republican") must not be
// written only before other people's names ("former Florida Gov. Jeb
// Hart" makes "the former Florida governor" Hart, not Bell); lower-case
// ones ("longtime", "presidential") are not checked, but an ordinal ("the
// second official") refers to no one named.
func (x *extractor) modifiersFit(mods []string, name string) bool {
	sur := strings.ToLower(lastToken(name))
	for _, m := range mods {
		if getLower(ordinalWords, m) {
			return false
		}
		if !startsUpper(m) {
			continue
		}
		fits, other := false, false
		for k := range x.toks {
			if !x.isWord(k) || x.word(k) != m {
				continue
			}
			for j := k + 1; j < len(x.toks) && j <= k+modifierWindow; j++ {
				if !x.isWord(j) || !x.upper(j) {
					continue
				}
				w := strings.ToLower(trimPossessive(x.word(j)))
				if w == sur {
					fits = true
				} else if j+1 < len(x.toks) && !(x.isWord(j+1) && x.upper(j+1)) && x.personSurname(w) {
					other = true // another person's surname, ending its run
				}
			}
		}
		if other && !fits {
			return false
		}
	}
	return true
}

// personSurname reports the lower-case surname of a full name written in
// the article.
func (x *extractor) personSurname(w string) bool {
	for _, p := range x.people {
		if p.surname == w {
			return true
		}
	}
	return false
}

// ordinalWords pick one of several unnamed people ("the second official").
var ordinalWords = map[string]bool{
	"second": true, "third": true, "fourth": true, "fifth": true, "other": true,
	"same": true, "last": true, "first": true,
}

// namesFit reports whether the capitalised words of a description ("the
// Ruiz campaign") are all in the mention it would refer back to (its name
// or the words describing it): "the Ruiz campaign" is not the Bell
// campaign's chairman.
func namesFit(words []string, m mention) bool {
	for _, w := range words {
		if startsUpper(w) && !strings.Contains(m.name, w) && !spacedLowerIn(m.heads, w) {
			return false
		}
	}
	return true
}

// hasWordFold reports whether the lower-case word w is one of the
// space-separated words of s lowered: strings.Contains(" "+
// strings.ToLower(s)+" ", " "+w+" ") without building either string.
func hasWordFold(s, w string) bool {
	for s != "" {
		f, rest, _ := strings.Cut(s, " ")
		if strings.EqualFold(f, w) {
			return true
		}
		s = rest
	}
	return false
}

// spacedLowerIn reports whether " "+strings.ToLower(w)+" " occurs in s,
// lowering w on the stack.
func spacedLowerIn(s, w string) bool {
	var b [48]byte
	k := append(b[:0], ' ')
	k = text.AppendLower(k, w)
	k = append(k, ' ')
	return strings.Contains(s, string(k))
}

// descRoleMaxWords bounds an English definite description ending in a
// person's role that refers back to a speaker ("the Democratic
// presidential candidate").
const descRoleMaxWords = 4

// adjectivesOnly reports words that may modify a role noun: no
// determiner, preposition or function word ("longtime", "Democratic").
func (x *extractor) adjectivesOnly(words []string) bool {
	for _, w := range words {
		if inSet(determiners.words, w) || inSet(prepositions.words, w) || inSet(npStops.words, w) || inSet(leadWords.words, w) {
			return false
		}
	}
	return true
}

// filter marks segments that are clearly not speech: titles of shows and
// works ("on CBS’s “Face the Nation”").
func (x *extractor) filter(i int) {
	sg := x.segs[i]
	// an attribute value inside markup: datetime="2016-09-01"
	if sg.open > 0 && x.isPunct(sg.open-1, '=') {
		x.attrs[i].drop = true
		return
	}
	// Titles ("Face the Nation") are kept, since they are often part of
	// attributed statements, but rank last among key quotes.
	x.attrs[i].title = x.isTitle(sg)
}

// minorWords may stay lower-case inside a title.
var minorWords = wordSet{bit: bitMinorWords, words: map[string]bool{
	"the": true, "of": true, "a": true, "an": true, "and": true, "to": true,
	"in": true, "on": true, "for": true, "at": true, "with": true, "from": true,
	"vs": true, "or": true, "by": true, "de": true, "la": true, "el": true, "y": true,
}}

// isTitle reports a title of a show, book or event ("Face the Nation"): a
// short quote whose words are all capitalised but for minor words, right
// after a possessive, a preposition or a naming verb.
func (x *extractor) isTitle(sg segment) bool {
	if sg.close < 0 || sg.close-sg.open-1 > 8 || sg.close-sg.open-1 < 1 {
		return false
	}
	words, caps := 0, 0
	for k := sg.open + 1; k < sg.close; k++ {
		t := x.toks[k]
		if t.k == tMark {
			return false
		}
		if t.k == tPunct {
			if t.r == ',' || t.r == '?' || t.r == '!' || t.r == ';' {
				return false
			}
			continue
		}
		words++
		if x.upper(k) {
			caps++
		} else if !x.in(minorWords, k) || words == 1 {
			return false
		}
		if x.in(pronouns, k) {
			return false
		}
	}
	return words > 0 && caps > 0
}

// person is a full name as it occurs in the body.
type person struct {
	pos     int
	surname string // lower-case last word
	// object: the name follows a preposition ("cargó contra Ana
	// Ruiz", "empujar a Lucía Prat", "manager for Ana Ruiz"): a
	// complement, never the subject a later dropped subject continues
	object bool
	// opens: the name opens its sentence, as its subject most often
	// ("Lena Park met Rob Hart."): a pronoun after that sentence may be
	// that person even if no quote of theirs came before
	opens bool
}

// objectPrepLookback bounds the determiners and titles read back from a
// name to its preposition ("contra el presidente Bell").
const objectPrepLookback = 3

// afterObjectPrep reports a preposition before the name starting
// at token s, over determiners and titles.
func (x *extractor) afterObjectPrep(s int) bool {
	for j := s - 1; j >= 0 && j >= s-1-objectPrepLookback; j-- {
		if !x.isWord(j) {
			return false
		}
		if x.lang == "es" && inSet(esObjectPreps, x.word(j)) || x.lang != "es" && inSet(enObjectPreps, x.word(j)) {
			return true
		}
		if !x.in(determiners, j) && !x.in(titles, j) && !x.in(personRoles, j) {
			return false
		}
	}
	return false
}

// enObjectPreps and esObjectPreps introduce a complement: the person
// after them is not the sentence subject. The Spanish personal "a" marks a
// person object.
var enObjectPreps = map[string]bool{
	"for": true, "of": true, "to": true, "with": true, "against": true,
	"about": true, "from": true, "toward": true, "towards": true, "in": true,
	"at": true, "on": true, "by": true,
}

var esObjectPreps = map[string]bool{
	"a": true, "al": true, "contra": true, "con": true, "de": true, "del": true,
	"para": true, "por": true, "sobre": true, "entre": true, "hacia": true,
	"ante": true, "sin": true, "tras": true, "en": true, "desde": true, "hasta": true,
}

// otherPersonBetween reports the full name of another speaker of the
// article written after m and before pos, outside quotations (a name
// inside a quotation is talked about, not the one talking after it): in a story of two speakers a
// pronoun or a dropped subject after it may be that other person, so the
// antecedent is not sure.
func (x *extractor) otherPersonBetween(m mention, pos int, g gender, nullSubject bool) bool {
	sur := strings.ToLower(lastToken(x.fullName(m.name)))
	i, _ := slices.BinarySearchFunc(x.people, m.pos+1, func(p person, t int) int { return cmp.Compare(p.pos, t) })
	for ; i < len(x.people) && x.people[i].pos < pos; i++ {
		if p := x.people[i]; p.surname != sur && (x.speakers[p.surname] || p.opens) && !conflicts(g, x.genderOfKey(p.surname)) && !(nullSubject && p.object) && !x.insidePos(p.pos) {
			return true
		}
	}
	return false
}

// invertedSubject records the subject a Spanish preterite verb puts after
// itself ("Y a continuación salió Iker Sanz para …"): a person
// object takes the preposition "a", so a bare full name right after the
// verb is its subject, whom later dropped subjects continue.
func (x *extractor) invertedSubject(k int, ln lineInfo, li int) {
	if k+2 >= ln.t1 || x.upper(k) || !x.upper(k+1) || !x.upper(k+2) || !isPreterite3s(x.word(k)) || x.insideSeg(k) {
		return
	}
	p := x.repair(x.npForward(k+1, ln.t1))
	if p.kind != npName || strings.IndexByte(p.name, ' ') < 0 || !x.plausible(p, li) {
		return
	}
	x.mentions = append(x.mentions, mention{pos: int(x.toks[p.s].s), name: p.name, kind: npName, heads: p.heads})
	x.noteHeadsGender(p)
}

// personIn reports the full name of someone other than speaker written in
// the bytes [s, e) between two quotes: "“A”, concluyó Pons. El debate
// acabó con … Iker Sanz … “B”" — B is not Pons's.
func (x *extractor) personIn(s, e int, speaker string) bool {
	i, _ := slices.BinarySearchFunc(x.people, s, func(p person, t int) int { return cmp.Compare(p.pos, t) })
	if i >= len(x.people) || x.people[i].pos >= e {
		return false // the common case: nobody named between
	}
	sur := strings.ToLower(lastToken(speaker))
	for ; i < len(x.people) && x.people[i].pos < e; i++ {
		if x.people[i].surname != sur && !x.people[i].object {
			return true
		}
	}
	return false
}

// sentenceBetween reports that quote a ends its sentence and words of
// another sentence stand before quote b: a name introduced in that sentence
// speaks there, not in the sentence before ("Ducey called the lines
// “unacceptable.” Mayor Greg Stanton wrote … the “fiasco.”"); a pronoun or
// a description there may continue the earlier speaker.
func (x *extractor) sentenceBetween(a, b segment) bool {
	if a.close < 0 {
		return false
	}
	ln := x.lines[a.line]
	ended := strings.ContainsRune(".!?", lastSignificant(x.b[x.toks[a.open].e:x.toks[a.close].s]))
	for k := a.close + 1; k < b.open; k++ {
		if x.isWord(k) {
			if ended {
				return true
			}
			continue
		}
		ended = ended || x.isBoundary(k, ln.t0)
	}
	return false
}

// enPluralCue reports an English cue verb in the plural present ("say",
// "argue"): its subject is a group, not one named person. A base form after
// a modal or auxiliary ("will say", "did say", "to say") is not one.
func (x *extractor) enPluralCue(k int) bool {
	if !x.isWord(k) || !inSet(enBaseCues, x.word(k)) {
		return false
	}
	return k == 0 || !x.isWord(k-1) || !inSet(enAuxiliaries, x.word(k-1))
}

var enBaseCues = map[string]bool{
	"say": true, "argue": true, "claim": true, "believe": true, "think": true,
	"warn": true, "insist": true, "contend": true, "note": true, "predict": true,
	"agree": true, "write": true, "tell": true, "explain": true, "add": true,
}

var enAuxiliaries = map[string]bool{
	"will": true, "would": true, "did": true, "does": true, "do": true, "to": true,
	"can": true, "could": true, "may": true, "might": true, "must": true,
	"should": true, "shall": true, "not": true, "never": true, "also": true,
	"didn't": true, "doesn't": true, "won't": true, "wouldn't": true, "cannot": true,
}

// sameSentenceSubject returns the named subject of the English sentence
// holding the pronoun at body offset pos, when its gender does not conflict
// with g and nobody else is named between them: "Tom Bell, who puts
// his costs “…,” described the strain as “…,” he said." The pronoun
// of a reporting clause closing a sentence is that sentence's subject even
// when the subject was never seen speaking before. Sentence ends inside
// quotations ("“… . . . It …,” he said") do not end the sentence.
func (x *extractor) sameSentenceSubject(pos int, g gender) string {
	k, ok := slices.BinarySearchFunc(x.toks, pos, func(t tok, p int) int { return cmp.Compare(int(t.s), p) })
	if !ok {
		return ""
	}
	li := x.lineOf(k)
	if li < 0 {
		return ""
	}
	ln := x.lines[li]
	lo := ln.t0
	for j := k - 1; j > ln.t0; j-- {
		if x.isBoundary(j, ln.t0) && !x.insideSeg(j) && x.toks[j+1].k != tMark && !x.insideSeg(j+1) {
			lo = j + 1
			break
		}
	}
	p := x.subject(lo, k, li)
	if p.kind != npName || x.insideSeg(p.s) || conflicts(g, x.genderOf(p.name)) || x.lang != "es" && inSet(usStates, p.name) {
		return "" // a name inside a quotation is talked about; a state is no "he" or "she"
	}
	if x.personIn(int(x.toks[p.e-1].e), pos, p.name) {
		return "" // "Ruiz met Tom Bell, who called it “…,” he said": unsure
	}
	return p.name
}

// soleSpeaker gives an unattributed English quote the one person the
// article quotes by name, when its sentence names that person and its
// paragraph names nobody else: "Ann Lee said …" then "In an interview,
// Lee expressed hope the plan would be “a fresh start.”". With two named
// speakers in the article, or another person on the line, it stays empty.
func (x *extractor) soleSpeaker() {
	var src attr
	last := "" // the speaker's surname as written; compared lowered
	for _, a := range x.attrs {
		if !a.found || a.kind != npName {
			continue
		}
		s := lastToken(x.fullName(a.speaker))
		if last != "" && !sameLower(s, last) {
			return // more than one speaker
		}
		last, src = s, a
	}
	if last == "" {
		return
	}
	sur := strings.ToLower(last)
	for i, sg := range x.segs {
		if x.attrs[i].found {
			continue
		}
		ln := x.lines[sg.line]
		if x.personIn(ln.s, ln.e, src.speaker) {
			continue
		}
		lo, hi := x.segSentence(sg, ln)
		for k := lo; k < hi; k++ {
			if x.isWord(k) && x.upper(k) && !x.insideSeg(k) && strings.EqualFold(trimPossessive(x.word(k)), sur) {
				x.attrs[i] = src
				x.attrs[i].cue = "" // no cue of its own
				break
			}
		}
	}
}

// sentenceMinWords is the least a quote must hold for sentenceSpeaker: a
// word or two in quotation marks is as often someone else's term talked
// about ("the “Washington cartel”").
const sentenceMinWords = 3

// sentenceSpeaker gives an unattributed English quote of a few words the
// one speaker of the article its sentence names: "In an interview, Lee
// also rejected the idea, arguing that “there is room for a deal.”" The
// name must not be possessive ("Lee’s “…” promise" is about Lee) and no
// other speaker of the article or other person may be named in the
// sentence outside quotations.
func (x *extractor) sentenceSpeaker() {
	for i, sg := range x.segs {
		if x.attrs[i].found || countWords(x.b[sg.s:sg.e]) < sentenceMinWords {
			continue
		}
		ln := x.lines[sg.line]
		lo, hi := x.segSentence(sg, ln)
		sur, at := "", -1
		for k := lo; k < hi; k++ {
			if !x.isWord(k) || !x.upper(k) || x.insideSeg(k) {
				continue
			}
			w := strings.ToLower(trimPossessive(x.word(k)))
			if !x.speakers[w] {
				continue
			}
			if sur != "" && w != sur {
				at = -1 // two speakers named
				break
			}
			if sur == "" {
				sur, at = w, k
			}
		}
		if at < 0 || trimPossessive(x.word(at)) != x.word(at) || x.passiveCueIn(lo, hi, ln) {
			continue
		}
		name := x.fullName(x.word(at))
		if x.personIn(int(x.toks[lo].s), int(x.toks[hi-1].e), name) {
			continue
		}
		x.attrs[i] = attr{found: true, kind: npName, speaker: name, pos: int(x.toks[at].s)}
	}
}

// passiveCueIn reports an English speech verb in the passive among tokens
// [i, j) outside quotations: its subject is spoken to ("Diaz was asked
// whether …"), not speaking.
func (x *extractor) passiveCueIn(i, j int, ln lineInfo) bool {
	for k := i; k < j; k++ {
		if x.insideSeg(k) {
			continue
		}
		if ok, _ := x.speechVerbAt(k, ln.t1); ok && x.passiveAt(k, i) {
			return true
		}
	}
	return false
}

// sourceOfSentence reports a name at byte pos that a forward cue ("según",
// "according to") introduces in the same sentence as the byte at later:
// the sentence's own subject, named after it, is someone else.
func (x *extractor) sourceOfSentence(pos, later int) bool {
	k, ok := slices.BinarySearchFunc(x.toks, pos, func(t tok, p int) int { return cmp.Compare(int(t.s), p) })
	if !ok {
		return false
	}
	// the cue's first word up to three words back: "según", "según
	// informó", "de acuerdo con", "according to"
	cue := false
	for j := k - 1; j >= 0 && j >= k-3 && x.isWord(j); j-- {
		if x.isForwardVerb(j) {
			cue = true
			break
		}
	}
	if !cue {
		return false
	}
	for j := k + 1; j < len(x.toks) && int(x.toks[j].s) < later; j++ {
		if x.isBoundary(j, 0) {
			return false
		}
	}
	return true
}

// segSentence returns the tokens [lo, hi) of the sentence holding segment
// sg on line ln: from the sentence's start to the boundary after the quote
// (the line's end for a quote left open).
func (x *extractor) segSentence(sg segment, ln lineInfo) (lo, hi int) {
	lo, hi = x.sentenceStart(sg.open, ln), ln.t1
	if sg.close >= 0 {
		for k := sg.close + 1; k < ln.t1; k++ {
			if x.isBoundary(k, ln.t0) {
				return lo, k
			}
		}
	}
	return lo, hi
}
