package digest

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/newsdigest/bot/internal/digest/urls"
)

// Filter narrows the articles a digest or /news draws on. The zero Filter
// lets everything through.
type Filter struct {
	Lang        string   `json:"lang,omitempty"`         // "en" or "es"; "" for any language
	Exclude     []string `json:"exclude,omitempty"`      // words or phrases: a story whose headline or text has one is left out
	Outlets     []string `json:"outlets,omitempty"`      // only these outlets (name or web site), empty for all
	SkipOutlets []string `json:"skip_outlets,omitempty"` // never these outlets
	OwnFeeds    bool     `json:"own_feeds,omitempty"`    // only articles from this workspace's /feeds
}

// Filter limits, so a stored filter stays small.
const (
	maxFilterValues = 20
	maxFilterValue  = 60
)

// IsZero reports whether f lets everything through.
func (f Filter) IsZero() bool {
	return f.Lang == "" && len(f.Exclude) == 0 && len(f.Outlets) == 0 && len(f.SkipOutlets) == 0 && !f.OwnFeeds
}

// Equal reports whether f and g filter alike (lists compared as sets).
func (f Filter) Equal(g Filter) bool {
	set := func(ss []string) string {
		c := slices.Clone(ss)
		slices.Sort(c)
		return strings.Join(slices.Compact(c), "\x00")
	}
	return f.Lang == g.Lang && f.OwnFeeds == g.OwnFeeds && set(f.Exclude) == set(g.Exclude) &&
		set(f.Outlets) == set(g.Outlets) && set(f.SkipOutlets) == set(g.SkipOutlets)
}

// String writes f in the syntax ParseFilter reads: "lang:es
// exclude:football from:reuters skip:"fox news" sources:own"; "" when zero.
func (f Filter) String() string {
	var parts []string
	list := func(key string, vs []string) {
		if len(vs) == 0 {
			return
		}
		q := make([]string, len(vs))
		for i, v := range vs {
			if strings.ContainsAny(v, " ,") {
				v = `"` + v + `"`
			}
			q[i] = v
		}
		parts = append(parts, key+":"+strings.Join(q, ","))
	}
	if f.Lang != "" {
		parts = append(parts, "lang:"+f.Lang)
	}
	list("exclude", f.Exclude)
	list("from", f.Outlets)
	list("skip", f.SkipOutlets)
	if f.OwnFeeds {
		parts = append(parts, "sources:own")
	}
	return strings.Join(parts, " ")
}

// filterKeys are the filter words ParseFilter reads, each with its
// canonical key.
var filterKeys = map[string]string{
	"lang": "lang", "language": "lang", "idioma": "lang",
	"exclude": "exclude", "without": "exclude", "not": "exclude", "sin": "exclude",
	"from": "from", "only": "from", "outlets": "from",
	"skip": "skip", "notfrom": "skip", "not-from": "skip",
	"sources": "sources", "feeds": "sources",
}

// FilterEdit is a parsed filter with the keys the user gave, so that an
// edit changes only those ("lang:any" clears the language, "exclude:"
// clears the excluded words).
type FilterEdit struct {
	Filter Filter
	Keys   map[string]bool // "lang", "exclude", "from", "skip", "sources"
}

// Apply returns f with e's keys set from e.Filter.
func (e FilterEdit) Apply(f Filter) Filter {
	if e.Keys["lang"] {
		f.Lang = e.Filter.Lang
	}
	if e.Keys["exclude"] {
		f.Exclude = e.Filter.Exclude
	}
	if e.Keys["from"] {
		f.Outlets = e.Filter.Outlets
	}
	if e.Keys["skip"] {
		f.SkipOutlets = e.Filter.SkipOutlets
	}
	if e.Keys["sources"] {
		f.OwnFeeds = e.Filter.OwnFeeds
	}
	return f
}

// ParseFilter takes the filters out of text and returns the rest. Filters
// are key:value words (values comma-separated, quoted when they hold
// spaces): lang:es|en|any, exclude:word,"two words", from:outlet,
// skip:outlet, sources:own|all; "lang es" (and en, any) is read too.
// Unknown keys are left in the text; a bad value is a usage error.
func ParseFilter(text string) (rest string, e FilterEdit, err error) {
	e.Keys = map[string]bool{}
	var keep []string
	words := splitFilterWords(text)
	for i := 0; i < len(words); i++ {
		w := words[i]
		k, v, hasColon := strings.Cut(w, ":")
		key, known := filterKeys[strings.ToLower(k)]
		if !hasColon && key == "lang" && i+1 < len(words) && isLangValue(words[i+1]) {
			v, hasColon = words[i+1], true
			i++
		}
		if !known || !hasColon {
			keep = append(keep, w)
			continue
		}
		if e.Keys[key] {
			return "", e, usageError("%s: is given twice.", k)
		}
		e.Keys[key] = true
		if err := e.Filter.set(key, v); err != nil {
			return "", e, err
		}
	}
	return strings.Join(keep, " "), e, nil
}

// splitFilterWords splits text at spaces outside double quotes.
func splitFilterWords(text string) []string {
	var out []string
	var b strings.Builder
	quoted := false
	for _, r := range text {
		switch {
		case r == '"' || r == '“' || r == '”':
			quoted = !quoted
			b.WriteRune('"')
		case unicode.IsSpace(r) && !quoted:
			if b.Len() > 0 {
				out = append(out, b.String())
				b.Reset()
			}
		default:
			b.WriteRune(r)
		}
	}
	if b.Len() > 0 {
		out = append(out, b.String())
	}
	return out
}

func isLangValue(s string) bool {
	_, ok := langValues[strings.ToLower(s)]
	return ok
}

var langValues = map[string]string{
	"en": "en", "english": "en", "inglés": "en", "ingles": "en",
	"es": "es", "spanish": "es", "español": "es", "espanol": "es",
	"any": "", "all": "", "cualquiera": "",
}

// set sets one key of f from its raw value.
func (f *Filter) set(key, v string) error {
	switch key {
	case "lang":
		l, ok := langValues[strings.ToLower(strings.TrimSpace(v))]
		if !ok {
			return usageError("lang:%s is not a language I know; use lang:en, lang:es or lang:any.", v)
		}
		f.Lang = l
	case "sources":
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "own", "ours", "mine", "workspace", "server":
			f.OwnFeeds = true
		case "all", "any", "":
			f.OwnFeeds = false
		default:
			return usageError("sources:%s: use sources:own (only this workspace's /feeds) or sources:all.", v)
		}
	default:
		vals, err := filterValues(key, v)
		if err != nil {
			return err
		}
		switch key {
		case "exclude":
			f.Exclude = vals
		case "from":
			f.Outlets = vals
		case "skip":
			f.SkipOutlets = vals
		}
	}
	return nil
}

// filterValues splits a comma-separated value, unquoted, lower-cased.
func filterValues(key, v string) ([]string, error) {
	var out []string
	for _, p := range strings.Split(v, ",") {
		// Quotation marks only group words; a value holds none.
		p = strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(p, `"`, "")), " "))
		if p == "" || slices.Contains(out, p) {
			continue
		}
		if len(p) > maxFilterValue {
			return nil, usageError("%s: values are at most %d characters.", key, maxFilterValue)
		}
		out = append(out, p)
	}
	if len(out) > maxFilterValues {
		return nil, usageError("%s: at most %d values.", key, maxFilterValues)
	}
	return out, nil
}

// MarshalFilter is f as stored by the stores ("" for the zero Filter).
func MarshalFilter(f Filter) string {
	if f.IsZero() {
		return ""
	}
	b, _ := json.Marshal(f) // a struct of strings and bools always marshals
	return string(b)
}

// UnmarshalFilter reads a stored filter ("" is the zero Filter).
func UnmarshalFilter(s string) (Filter, error) {
	var f Filter
	if s == "" {
		return f, nil
	}
	if err := json.Unmarshal([]byte(s), &f); err != nil {
		return Filter{}, fmt.Errorf("filter: %w", err)
	}
	return f, nil
}

// articleFilter is a Filter ready to test articles.
type articleFilter struct {
	f     Filter
	feeds map[string]bool // the workspace's feed URLs, for OwnFeeds
}

// workspaceFeedLister is what OwnFeeds needs of a store.
type workspaceFeedLister interface {
	WorkspaceFeeds(ctx context.Context, platform, workspace string) ([]WorkspaceFeed, error)
}

// newArticleFilter prepares f for the workspace of ch; st must list
// workspace feeds when f.OwnFeeds is set.
func newArticleFilter(ctx context.Context, st any, f Filter, platform, workspace string) (articleFilter, error) {
	af := articleFilter{f: f}
	if !f.OwnFeeds {
		return af, nil
	}
	l, ok := st.(workspaceFeedLister)
	if !ok {
		return af, fmt.Errorf("filter sources:own: the store keeps no workspace feeds")
	}
	list, err := l.WorkspaceFeeds(ctx, platform, workspace)
	if err != nil {
		return af, fmt.Errorf("filter sources:own: %w", err)
	}
	af.feeds = make(map[string]bool, len(list))
	for _, wf := range list {
		af.feeds[wf.URL] = true
	}
	return af, nil
}

// why returns "" when a passes the filter, else the reason it does not,
// in a few words ("in Spanish", "mentions football", "from Reuters").
func (af articleFilter) why(a Article) string {
	f := af.f
	if f.Lang != "" && a.Language != "" && a.Language != f.Lang {
		return "in " + langName(a.Language)
	}
	if f.OwnFeeds && !af.feeds[a.FeedURL] {
		return "not from this workspace's feeds"
	}
	if len(f.Outlets) > 0 && !slices.ContainsFunc(f.Outlets, func(o string) bool { return outletMatches(a, o) }) {
		return "from " + a.Source + ", not a chosen outlet"
	}
	for _, o := range f.SkipOutlets {
		if outletMatches(a, o) {
			return "from " + a.Source + " (skipped outlet)"
		}
	}
	if len(f.Exclude) > 0 {
		text := " " + foldWords(a.Title+" "+a.Body) + " "
		for _, w := range f.Exclude {
			if strings.Contains(text, " "+foldWords(w)+" ") {
				return "mentions “" + w + "”"
			}
		}
	}
	return ""
}

func langName(code string) string {
	switch code {
	case "en":
		return "English"
	case "es":
		return "Spanish"
	}
	return code
}

// outletMatches reports whether a's outlet is o: its name contains o as
// words, or its web site's host is o or ends in "."+o or starts with o+".".
func outletMatches(a Article, o string) bool {
	if strings.Contains(" "+foldWords(a.Source)+" ", " "+foldWords(o)+" ") {
		return true
	}
	host := strings.TrimPrefix(strings.ToLower(urls.Host(a.URL)), "www.")
	return host != "" && (host == o || strings.HasSuffix(host, "."+o) || strings.HasPrefix(host, o+"."))
}

// foldWords lower-cases s, drops accents of Latin letters and turns every
// run of other characters into one space.
func foldWords(s string) string {
	var b strings.Builder
	space := true
	for _, r := range strings.ToLower(s) {
		if f, ok := accentFold[r]; ok {
			r = f
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			space = false
			continue
		}
		if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSpace(b.String())
}

var accentFold = map[rune]rune{
	'á': 'a', 'à': 'a', 'â': 'a', 'ä': 'a', 'ã': 'a', 'é': 'e', 'è': 'e', 'ê': 'e', 'ë': 'e',
	'í': 'i', 'ì': 'i', 'î': 'i', 'ï': 'i', 'ó': 'o', 'ò': 'o', 'ô': 'o', 'ö': 'o', 'õ': 'o',
	'ú': 'u', 'ù': 'u', 'û': 'u', 'ü': 'u', 'ñ': 'n', 'ç': 'c',
}
