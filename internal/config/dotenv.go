package config

import (
	"errors"
	"fmt"
	"os"
	"strings"
)

// DotEnvError is a malformed line of a .env file. It names the file, the
// line and the problem, never the line's value (it may hold a secret).
type DotEnvError struct {
	Path    string
	Line    int
	Problem string
}

func (e *DotEnvError) Error() string {
	return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Problem)
}

// ReadDotEnv reads a .env file: NAME=value lines, with an optional
// "export " prefix, blank lines and # comments. A value may be unquoted
// (trimmed; " #" starts a comment), 'single-quoted' (taken literally) or
// "double-quoted" (\n, \r, \t, \" and \\ escapes); quoted values may span
// lines. Values are not expanded: "$HOME" stays "$HOME". Every malformed
// line is reported (as *DotEnvError values joined in one error) and none of
// the file's variables is returned then, so a mistake never silently drops
// settings. A later line overrides an earlier one with the same name.
func ReadDotEnv(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseDotEnv(path, string(data))
}

// ParseDotEnv parses the text of a .env file; path only names it in errors.
func ParseDotEnv(path, text string) (map[string]string, error) {
	vals := map[string]string{}
	var errs []error
	fail := func(line int, format string, args ...any) {
		errs = append(errs, &DotEnvError{Path: path, Line: line, Problem: fmt.Sprintf(format, args...)})
	}
	text = strings.TrimPrefix(text, "\ufeff")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	lines := strings.Split(text, "\n")
	for i := 0; i < len(lines); i++ {
		n := i + 1
		line := strings.TrimSpace(lines[i])
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if rest, ok := strings.CutPrefix(line, "export"); ok && rest != "" && (rest[0] == ' ' || rest[0] == '\t') {
			line = strings.TrimSpace(rest)
		}
		name, value, ok := strings.Cut(line, "=")
		if !ok {
			fail(n, "expected NAME=value, found no \"=\"")
			continue
		}
		name = strings.TrimSpace(name)
		if !validName(name) {
			if name == "" {
				fail(n, "missing variable name before \"=\"")
			} else {
				fail(n, "%q is not a variable name (letters, digits and _, not starting with a digit)", clipName(name))
			}
			continue
		}
		value = strings.TrimLeft(value, " \t")
		if value == "" {
			vals[name] = ""
			continue
		}
		switch q := value[0]; q {
		case '"', '\'':
			v, end, rest, ok := quoted(value[1:], q, lines[i+1:])
			if !ok {
				fail(n, "%s has an unmatched %s quote", name, quoteName(q))
				i = len(lines) // the rest of the file is inside the quote
				continue
			}
			i += end
			rest = strings.TrimSpace(rest)
			if rest != "" && !strings.HasPrefix(rest, "#") {
				fail(i+1, "%s has text after its closing %s quote", name, quoteName(q))
				continue
			}
			vals[name] = v
		default:
			if j := strings.Index(value, " #"); j >= 0 {
				value = value[:j]
			} else if j := strings.Index(value, "\t#"); j >= 0 {
				value = value[:j]
			}
			vals[name] = strings.TrimSpace(value)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return vals, nil
}

// quoted reads a value opened by quote q: s is the rest of the opening
// line, more the lines after it. It returns the value, how many further
// lines it used, the text after the closing quote, and whether the quote
// was closed.
func quoted(s string, q byte, more []string) (value string, used int, rest string, ok bool) {
	var b strings.Builder
	for {
		for j := 0; j < len(s); j++ {
			c := s[j]
			switch {
			case c == q:
				return b.String(), used, s[j+1:], true
			case c == '\\' && q == '"' && j+1 < len(s):
				j++
				switch s[j] {
				case 'n':
					b.WriteByte('\n')
				case 'r':
					b.WriteByte('\r')
				case 't':
					b.WriteByte('\t')
				case '"', '\\', '$':
					b.WriteByte(s[j])
				default:
					b.WriteByte('\\')
					b.WriteByte(s[j])
				}
			default:
				b.WriteByte(c)
			}
		}
		if used >= len(more) {
			return "", used, "", false
		}
		b.WriteByte('\n')
		s = more[used]
		used++
	}
}

func validName(s string) bool {
	if s == "" || (s[0] >= '0' && s[0] <= '9') {
		return false
	}
	for _, c := range []byte(s) {
		if !(c == '_' || c == '.' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// clipName shortens a would-be name shown in an error: it is text before
// "=", not a value, but a pasted line could still carry one.
func clipName(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		s = f[0] + map[bool]string{true: " …", false: ""}[len(f) > 1]
	}
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return s
}

func quoteName(q byte) string {
	if q == '"' {
		return "double"
	}
	return "single"
}
