// Package urltest checks URLs in tests independently of the code under
// test, which has its own URL checks.
package urltest

import (
	"net/url"
	"strconv"
	"strings"
)

// NotHTTP says why s is not an absolute http(s) URL without surrounding
// white space, "" when it is one. canonical also asks that s be written as
// url.URL.String writes it (URLs a parser rebuilds, as opposed to ones it
// returns as the input spells them).
func NotHTTP(s string, canonical bool) string {
	if strings.TrimSpace(s) != s {
		return "surrounding white space"
	}
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return err.Error()
	case u.Scheme != "http" && u.Scheme != "https":
		return "scheme " + strconv.Quote(u.Scheme)
	case u.Host == "":
		return "no host"
	case canonical && u.String() != s:
		return "not canonical: String() gives " + strconv.Quote(u.String())
	}
	return ""
}
