package config

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/joho/godotenv"
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

// ReadDotEnv reads a .env file in godotenv's format: NAME=value lines,
// with an optional "export " prefix, blank lines and # comments. A value
// may be unquoted (trimmed; " #" starts a comment), 'single-quoted' (taken
// literally) or "double-quoted" (\n and \r escapes, \" for a quote but
// not as the last character, which godotenv drops); quoted values may span
// lines. In unquoted and double-quoted values $NAME and ${NAME} are
// replaced by an earlier variable of the same file (empty when there is
// none): write a value holding a "$" in single quotes. Names are letters, digits, "_" and ".", not starting with a
// digit.
//
// Every malformed line (up to ten) is reported (as *DotEnvError values
// joined in one error) and none of the file's variables is returned then, so a mistake
// never silently drops settings. A later line overrides an earlier one
// with the same name.
func ReadDotEnv(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseDotEnv(path, string(data))
}

// ParseDotEnv parses the text of a .env file (see ReadDotEnv); path only
// names it in errors.
//
// godotenv does the parsing. Its errors name neither the line nor, safely,
// the problem (they quote the value), and it accepts a line without "="
// at the end of the file or a name with a space as a variable with an odd
// name; so when the file is refused, or yields such a name, the bad lines
// are found by parsing it again in pieces (see badLines).
func ParseDotEnv(path, text string) (map[string]string, error) {
	text = strings.TrimPrefix(text, "\ufeff")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	if vals, ok := parseClean(text); ok {
		return vals, nil
	}
	var errs []error
	for _, b := range badLines(strings.Split(text, "\n")) {
		errs = append(errs, &DotEnvError{Path: path, Line: b.line, Problem: b.problem})
	}
	if len(errs) == 0 { // not reached: a file refused whole has a piece refused
		errs = append(errs, &DotEnvError{Path: path, Line: 1, Problem: "cannot be read as NAME=value lines"})
	}
	return nil, errors.Join(errs...)
}

// maxReported bounds the bad lines reported for one file.
const maxReported = 10

type badLine struct {
	line    int // 1-based
	problem string
}

// badLines finds the lines godotenv refuses, reading lines in pieces that
// each start where the last clean piece ended: a piece grows a line at a
// time until it parses cleanly. A piece of one line that does not parse
// is a bad line, unless it opens a quoted value, which may end on a later
// line; if it never does, the quote is unmatched and the rest of the file
// is inside it, so the search ends there. At most maxReported lines are
// returned.
func badLines(lines []string) []badLine {
	var out []badLine
	start := 0 // first line of the current piece
	for start < len(lines) && len(out) < maxReported {
		end := start + 1
		if !cleanPiece(lines[start:end]) {
			problem, quote := describe(lines[start])
			if !quote {
				out = append(out, badLine{start + 1, problem})
				start = end
				continue
			}
			for end < len(lines) && !cleanPiece(lines[start:end+1]) {
				end++
			}
			if end == len(lines) {
				return append(out, badLine{start + 1, problem})
			}
			end++
		}
		start = end
	}
	return out
}

// cleanPiece reports whether lines parse cleanly on their own.
func cleanPiece(lines []string) bool {
	_, ok := parseClean(strings.Join(lines, "\n") + "\n")
	return ok
}

// parseClean parses text with godotenv and reports whether it was accepted
// with valid names only.
func parseClean(text string) (map[string]string, bool) {
	vals, err := godotenv.Unmarshal(text)
	if err != nil {
		return nil, false
	}
	for k := range vals {
		if !validName(k) {
			return nil, false
		}
	}
	return vals, true
}

// describe says what is wrong with a line the parser refused, without its
// value, and whether the line opens a quoted value that does not close on
// it (which a later line may close).
func describe(line string) (problem string, last bool) {
	line = strings.TrimSpace(line)
	if rest, ok := strings.CutPrefix(line, "export"); ok && rest != "" && (rest[0] == ' ' || rest[0] == '\t') {
		line = strings.TrimSpace(rest)
	}
	i := strings.IndexAny(line, "=:")
	if i < 0 {
		return `expected NAME=value, found no "="`, false
	}
	name, value := strings.TrimSpace(line[:i]), strings.TrimLeft(line[i+1:], " \t")
	switch {
	case name == "":
		return `missing variable name before "="`, false
	case !validName(name):
		return fmt.Sprintf("%q is not a variable name (letters, digits and _, not starting with a digit)", clipName(name)), false
	}
	if value != "" && (value[0] == '"' || value[0] == '\'') {
		q := value[0]
		for j := 1; j < len(value); j++ {
			if value[j] == q && value[j-1] != '\\' {
				return fmt.Sprintf("%s has text after its closing %s quote", name, quoteName(q)), false
			}
		}
		return fmt.Sprintf("%s has an unmatched %s quote", name, quoteName(q)), true
	}
	return "cannot be read as NAME=value", false
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
