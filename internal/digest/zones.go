package digest

import (
	"regexp"
	"strings"
	"time"
	"unicode"
)

// zoneHints answer the common abbreviations that are not IANA names (so
// would be ambiguous or wrong as zones) with the zone most people mean.
var zoneHints = map[string]string{
	"PST": "America/Los_Angeles", "PDT": "America/Los_Angeles",
	"CDT": "America/Chicago", "CST": "America/Chicago or America/Mexico_City",
	"EDT": "America/New_York", "MDT": "America/Denver",
	"BST": "Europe/London", "IST": "Asia/Kolkata", "CEST": "Europe/Berlin or Europe/Madrid",
	"JST": "Asia/Tokyo", "AEST": "Australia/Sydney", "ART": "America/Argentina/Buenos_Aires",
}

// zoneLower are the words of IANA zone names written in lower case
// (Port-au-Prince, Dar_es_Salaam, Isle_of_Man).
var zoneLower = map[string]bool{"au": true, "es": true, "of": true, "de": true, "del": true}

// ParseTimeZone returns the IANA name of the zone s names, matching letter
// case loosely ("america/mexico_city", "europe/madrid") and accepting the
// abbreviations that are IANA names themselves (UTC, GMT, CET, EET, WET,
// MET, EST, MST, HST, EST5EDT…). Other abbreviations (PST, CST…) and
// unknown names give a usage error saying what to write instead.
func ParseTimeZone(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 || strings.ContainsAny(s, " .\\") || strings.HasPrefix(s, "/") {
		return "", usageError("%q is not a time zone; use an IANA name such as America/Mexico_City, or UTC.", s)
	}
	for _, c := range zoneCandidates(s) {
		if c == "Local" || c == "" {
			continue
		}
		if _, err := time.LoadLocation(c); err == nil {
			return c, nil
		}
	}
	if hint, ok := zoneHints[strings.ToUpper(s)]; ok {
		return "", usageError("%s is not an IANA time zone name; use %s.", s, hint)
	}
	return "", usageError("Unknown time zone %q; use an IANA name such as America/Mexico_City, Europe/Madrid or UTC.", s)
}

// zoneCandidates are the spellings of s to try, in order: as written, all
// upper case (CET, EST5EDT), and each word capitalised (Mexico_City,
// Port-au-Prince) with the area upper-cased too for US/… and NZ.
func zoneCandidates(s string) []string {
	parts := strings.Split(s, "/")
	for i, p := range parts {
		parts[i] = capitalizeZoneWord(p)
	}
	title := strings.Join(parts, "/")
	out := []string{s, strings.ToUpper(s), title}
	if len(parts) > 1 && len(parts[0]) == 2 {
		up := append([]string{strings.ToUpper(parts[0])}, parts[1:]...)
		out = append(out, strings.Join(up, "/"))
	}
	if len(parts) == 2 && strings.EqualFold(parts[0], "etc") {
		out = append(out, "Etc/"+strings.ToUpper(parts[1]))
	}
	return out
}

// capitalizeZoneWord writes one part of a zone name as IANA does: each word
// (between _ and -) capitalised, except the small words of zoneLower.
func capitalizeZoneWord(p string) string {
	var b strings.Builder
	first := true
	for _, w := range splitKeep(p, "_-") {
		if len(w) == 1 && strings.ContainsAny(w, "_-") {
			b.WriteString(w)
			continue
		}
		lw := strings.ToLower(w)
		if zoneLower[lw] && !first {
			b.WriteString(lw)
			continue
		}
		first = false
		for i, r := range lw {
			if i == 0 {
				r = unicode.ToUpper(r)
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// splitKeep splits s before and after each rune of seps, keeping them.
func splitKeep(s, seps string) []string {
	var out []string
	start := 0
	for i, r := range s {
		if strings.ContainsRune(seps, r) {
			if i > start {
				out = append(out, s[start:i])
			}
			out = append(out, string(r))
			start = i + 1
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// bareTimeRe finds a time of day written without "at": "08:00", "8:30pm",
// "7am" (a bare number is not taken for a time).
var bareTimeRe = regexp.MustCompile(`(?i)\s(\d{1,2}:\d{2}\s*(?:am|pm)?|\d{1,2}\s*(?:am|pm))(?:\s|$)`)

// optionalAt returns spec with "at" put before its time of day when the
// user left it out ("/digest add energy 08:00"); spec unchanged otherwise.
func optionalAt(spec string) string {
	if atTimeRe.MatchString(spec) {
		return spec
	}
	m := bareTimeRe.FindStringSubmatchIndex(spec)
	if m == nil {
		return spec
	}
	return spec[:m[2]] + "at " + spec[m[2]:]
}
