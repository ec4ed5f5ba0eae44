// Package urls turns article links into one canonical form so that the same
// page reached through a feed, a share link or an AMP mirror is stored once.
// It is pure string work: it never resolves names or fetches anything.
package urls

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// ErrScheme is returned (wrapped) by Canonical for a URL whose scheme is
// not http or https.
var ErrScheme = errors.New("not an http or https url")

// Canonical returns the canonical form of an article URL, used as its
// identity for de-duplication:
//
//   - only http and https URLs are accepted (ErrScheme otherwise; other
//     malformed input returns a parse error); user info is dropped;
//   - scheme and host are lowercased, a trailing dot on the host and the
//     default port (80, 443) are dropped, an "amp." host prefix is dropped;
//   - the fragment is dropped;
//   - percent-escapes of unreserved characters are decoded, every other
//     escape is written with upper-case hex, and characters that need an
//     escape get one;
//   - "." and ".." path segments are resolved; AMP variants map to the
//     page itself ("/amp" as first or last path segment, "x.amp.html" →
//     "x.html", "amp=1", "outputType=amp"); a trailing slash is removed
//     except for the root path "/";
//   - tracking parameters (utm_*, fbclid, gclid, mc_cid, ref, …) are
//     dropped and the remaining query parameters are sorted.
//
// Canonical is idempotent: Canonical(Canonical(x)) == Canonical(x) whenever
// the first call succeeds.
func Canonical(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", fmt.Errorf("parse url: %w", err)
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return "", fmt.Errorf("canonical url %q: %w", scheme, ErrScheme)
	}
	if u.Opaque != "" {
		return "", errors.New("canonical url: opaque url has no host")
	}
	host, err := canonicalHost(scheme, u)
	if err != nil {
		return "", err
	}

	var b strings.Builder
	b.Grow(len(raw))
	b.WriteString(scheme)
	b.WriteString("://")
	b.WriteString(host)
	b.WriteString(canonicalPath(u.EscapedPath()))
	if q := canonicalQuery(u.RawQuery); q != "" {
		b.WriteByte('?')
		b.WriteString(q)
	}
	return b.String(), nil
}

// Host returns the lower-case host name of raw without a leading "www.",
// or "" when raw has none. A URL without a scheme ("example.com/x") is
// read as http. It is meant for outlet names when a feed gives none.
func Host(raw string) string {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		u, err = url.Parse("http://" + raw)
		if err != nil {
			return ""
		}
	}
	h := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	return strings.TrimPrefix(h, "www.")
}

func canonicalHost(scheme string, u *url.URL) (string, error) {
	name := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if name == "" {
		return "", errors.New("canonical url: missing host")
	}
	ipv6 := strings.Contains(name, ":")
	for _, r := range name {
		ok := r >= 0x80 || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' ||
			r == '-' || r == '.' || r == '_' || ipv6 && (r == ':' || r == '%')
		if !ok {
			return "", fmt.Errorf("canonical url: invalid character %q in host", r)
		}
	}
	if ipv6 {
		name = "[" + name + "]"
	} else {
		if slices.Contains(strings.Split(name, "."), "") {
			return "", errors.New("canonical url: empty label in host")
		}
		for strings.HasPrefix(name, "amp.") && strings.Count(name, ".") > 1 {
			name = strings.TrimPrefix(name, "amp.")
		}
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n > 65535 {
			return "", fmt.Errorf("canonical url: invalid port %q", p)
		}
		if !(scheme == "http" && n == 80 || scheme == "https" && n == 443) {
			name += ":" + strconv.Itoa(n)
		}
	}
	return name, nil
}

// canonicalPath normalizes an escaped path; the result always starts with "/".
func canonicalPath(p string) string {
	p = normalizeEscapes(p, false)
	segs := strings.Split(strings.TrimPrefix(p, "/"), "/")
	// Resolve dot segments (RFC 3986 §5.2.4).
	out := segs[:0:0]
	for i, s := range segs {
		last := i == len(segs)-1
		switch s {
		case ".":
			if last {
				out = append(out, "")
			}
		case "..":
			if len(out) > 0 {
				out = out[:len(out)-1]
			}
			if last {
				out = append(out, "")
			}
		default:
			out = append(out, s)
		}
	}
	// Trailing slashes and AMP segments, repeated until nothing changes so
	// that the result is a fixed point.
	for {
		n := len(out)
		for len(out) > 0 && out[len(out)-1] == "" {
			out = out[:len(out)-1]
		}
		for len(out) > 0 && strings.EqualFold(out[len(out)-1], "amp") {
			out = out[:len(out)-1]
		}
		for len(out) > 0 && strings.EqualFold(out[0], "amp") {
			out = out[1:]
		}
		if len(out) > 0 {
			last := out[len(out)-1]
			for strings.HasSuffix(strings.ToLower(last), ".amp.html") && len(last) > len(".amp.html") {
				last = last[:len(last)-len(".amp.html")] + ".html"
			}
			out[len(out)-1] = last
		}
		if len(out) == n {
			break
		}
	}
	return "/" + strings.Join(out, "/")
}

// canonicalQuery drops tracking and AMP parameters and sorts the rest.
func canonicalQuery(q string) string {
	if q == "" {
		return ""
	}
	var kept []string
	for _, part := range strings.Split(q, "&") {
		if part == "" {
			continue
		}
		part = normalizeEscapes(part, true)
		key, val, _ := strings.Cut(part, "=")
		k, err := url.QueryUnescape(key)
		if err != nil {
			k = key
		}
		v, err := url.QueryUnescape(val)
		if err != nil {
			v = val
		}
		if k == "" || dropParam(strings.ToLower(k), strings.ToLower(v)) {
			continue
		}
		kept = append(kept, part)
	}
	slices.Sort(kept)
	return strings.Join(kept, "&")
}

// trackingParams are query keys (lower case) that identify a campaign,
// a click or a referrer rather than the page.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "gclsrc": true, "dclid": true, "msclkid": true,
	"yclid": true, "twclid": true, "ttclid": true, "igshid": true, "li_fat_id": true,
	"mc_cid": true, "mc_eid": true, "ocid": true, "cmpid": true, "cmp": true, "smid": true,
	"ref": true, "ref_src": true, "ref_url": true, "referrer": true,
	"_ga": true, "_gl": true, "_hsenc": true, "_hsmi": true, "mkt_tok": true,
	"s_cid": true, "wt.mc_id": true, "wt_mc": true, "ito": true, "sr_share": true,
	"soc_src": true, "soc_trk": true, "at_medium": true, "at_campaign": true,
	"at_custom1": true, "at_custom2": true, "at_custom3": true, "at_custom4": true,
	"ns_campaign": true, "ns_mchannel": true, "ns_source": true, "ns_linkname": true, "ns_fee": true,
	"guccounter": true, "guce_referrer": true, "guce_referrer_sig": true,
	"__twitter_impression": true, "vero_id": true,
}

func dropParam(key, val string) bool {
	switch {
	case strings.HasPrefix(key, "utm_"), trackingParams[key]:
		return true
	case key == "amp":
		return val == "" || val == "1" || val == "true"
	case key == "outputtype":
		return val == "amp"
	}
	return false
}

// normalizeEscapes decodes percent-escapes of unreserved characters,
// upper-cases the hex of the others and escapes bytes that may not appear
// literally. In a query component '+' stays as it is (it means a space).
func normalizeEscapes(s string, query bool) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' {
			if i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				d := unhex(s[i+1])<<4 | unhex(s[i+2])
				if isUnreserved(d) {
					b.WriteByte(d)
				} else {
					writeEscape(&b, d)
				}
				i += 2
				continue
			}
			writeEscape(&b, c)
			continue
		}
		if isUnreserved(c) || isSubDelim(c) || c == ':' || c == '@' || c == '/' || query && c == '?' {
			b.WriteByte(c)
			continue
		}
		writeEscape(&b, c)
	}
	return b.String()
}

func writeEscape(b *strings.Builder, c byte) {
	const hex = "0123456789ABCDEF"
	b.WriteByte('%')
	b.WriteByte(hex[c>>4])
	b.WriteByte(hex[c&15])
}

func isUnreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

func isSubDelim(c byte) bool {
	return strings.IndexByte("!$&'()*+,;=", c) >= 0
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}
