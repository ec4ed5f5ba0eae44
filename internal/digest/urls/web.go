package urls

import (
	"errors"
	"net/url"
	"strings"
)

// ParseHTTP parses raw and reports whether it is an absolute http or https
// URL with a host: the one check for links the program follows or shows.
// raw is not trimmed.
func ParseHTTP(raw string) (*url.URL, bool) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, false
	}
	return u, true
}

// IsHTTP reports whether raw is an absolute http or https URL with a host
// (see ParseHTTP).
func IsHTTP(raw string) bool {
	_, ok := ParseHTTP(raw)
	return ok
}

// Redact returns raw without user info, query and fragment, safe for
// errors and logs; an unparseable URL gives "(invalid URL)".
func Redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(invalid URL)"
	}
	u.User = nil
	u.RawQuery, u.ForceQuery = "", false
	u.Fragment, u.RawFragment = "", ""
	return u.String()
}

// RedactError returns err with the URL of the first *url.Error in its
// chain redacted (see Redact), so no credential or query token reaches a
// message. The result is that *url.Error, rebuilt: text wrapped around it
// is dropped. Any other error is returned as it is.
func RedactError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return &url.Error{Op: ue.Op, URL: Redact(ue.URL), Err: ue.Err}
	}
	return err
}

// Scrub removes rawURL's user info and query from msg wherever they
// appear (the whole URL, or its password, user name or query alone), for
// messages from libraries that quote the URL they were given.
func Scrub(msg, rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return msg
	}
	msg = strings.ReplaceAll(msg, rawURL, Redact(rawURL))
	if u.User != nil {
		if pw, ok := u.User.Password(); ok && pw != "" {
			msg = strings.ReplaceAll(msg, pw, "[redacted]")
		}
		if name := u.User.Username(); name != "" {
			msg = strings.ReplaceAll(msg, name+"@", "")
		}
	}
	if u.RawQuery != "" {
		msg = strings.ReplaceAll(msg, u.RawQuery, "[redacted]")
	}
	return msg
}

// Hidden is what HideError writes instead of a secret URL.
const Hidden = "<url>"

// HideError returns err with the whole URL of every *url.Error in its
// chain replaced by Hidden: for URLs that are secrets in full (a Slack
// response URL, a webhook). The result keeps err's text otherwise and
// unwraps to the cause of the innermost *url.Error, which holds no URL;
// an error without a *url.Error is returned as it is.
func HideError(err error) error {
	var ue *url.Error
	if !errors.As(err, &ue) {
		return err
	}
	msg := err.Error()
	var cause error
	for e := err; errors.As(e, &ue); e = ue.Err {
		if ue.URL != "" {
			msg = strings.ReplaceAll(msg, ue.URL, Hidden)
		}
		cause = ue.Err
		if ue.Err == nil {
			break
		}
	}
	return &hiddenError{msg: msg, cause: cause}
}

type hiddenError struct {
	msg   string
	cause error
}

func (e *hiddenError) Error() string { return e.msg }
func (e *hiddenError) Unwrap() error { return e.cause }
