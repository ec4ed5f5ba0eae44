package config

import (
	"errors"
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/joho/godotenv"
)

func TestParseDotEnv(t *testing.T) {
	text := "# comment\n\nA=1\nexport B = two words # trailing comment\nC='single $HOME # kept'\n" +
		"D=\"line\\nnext \\\"q\\\" end\"  # comment\nE=\nF=\"multi\nline\"\nG=it's\nH=a#b\n"
	got, err := ParseDotEnv(".env", text)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"A": "1", "B": "two words", "C": "single $HOME # kept", "D": "line\nnext \"q\" end", "E": "",
		"F": "multi\nline", "G": "it's", "H": "a#b",
	}
	if !maps.Equal(got, want) {
		t.Fatalf("got %q\nwant %q", got, want)
	}
}

func TestParseDotEnvMistakes(t *testing.T) {
	tests := []struct {
		name, text string
		line       int
		problem    string
	}{
		{"export without =", "A=1\nexport FOO bar\n", 2, `found no "="`},
		{"unmatched double quote", "A=1\nB=2\nSLACK_BOT_TOKEN=\"xoxb-secret-value\n", 3, "SLACK_BOT_TOKEN has an unmatched double quote"},
		{"unmatched single quote", "TOKEN='xoxb-secret-value\n", 1, "unmatched single quote"},
		{"text after quote", "A=\"x\" y\n", 1, "text after its closing double quote"},
		{"space in name", "MY VAR=xoxb-secret-value\n", 1, `"MY …" is not a variable name`},
		{"no name", "=xoxb-secret-value\n", 1, "missing variable name"},
		{"digit first", "1A=x\n", 1, "not a variable name"},
		{"bare word", "A=1\n\nxoxb-secret-value\n", 3, `found no "="`},
		// godotenv takes some of these as a variable with an empty or odd name
		{"export without = at the end", "A=1\nexport FOO bar", 2, `found no "="`},
		{"bare word at the end", "A=1\nxoxb-secret-value", 2, `found no "="`},
		{"no name on line 2", "A=1\n=xoxb-secret-value\n", 2, "missing variable name"},
		{"space in name on line 2", "A=1\nMY VAR=x\n", 2, `"MY …" is not a variable name`},
		{"not ASCII", "B=2\nCAFÉ=x\n", 2, "not a variable name"},
		{"after a multi-line value", "A=\"one\ntwo\"\nB C\n", 3, `found no "="`},
		{"unmatched quote at the end", "A=1\nB='xoxb-secret-value", 2, "B has an unmatched single quote"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vals, err := ParseDotEnv("prod.env", tt.text)
			if err == nil {
				t.Fatalf("accepted: %q", vals)
			}
			if vals != nil {
				t.Errorf("returned variables of a malformed file: %q", vals)
			}
			var de *DotEnvError
			if !errors.As(err, &de) || de.Path != "prod.env" || de.Line != tt.line {
				t.Fatalf("error %q: want prod.env line %d", err, tt.line)
			}
			if !strings.Contains(err.Error(), tt.problem) {
				t.Errorf("error %q lacks %q", err, tt.problem)
			}
			if strings.Contains(err.Error(), "secret-value") {
				t.Errorf("error leaks a value: %q", err)
			}
		})
	}
}

func TestParseDotEnvReportsEveryLine(t *testing.T) {
	_, err := ParseDotEnv(".env", "A B\nC=1\nD E\n")
	if err == nil || !strings.Contains(err.Error(), ".env:1:") || !strings.Contains(err.Error(), ".env:3:") {
		t.Fatalf("want lines 1 and 3 reported, got %v", err)
	}
}

// TestParseDotEnvGodotenvRules pins what reading the file with godotenv
// means for an operator: $NAME expands an earlier variable of the file
// (empty when none) outside single quotes, YAML-style "NAME: value" is
// read, CRLF and a byte-order mark are harmless.
func TestParseDotEnvGodotenvRules(t *testing.T) {
	tests := []struct {
		name, text string
		want       map[string]string
	}{
		{"expansion", "X=1\nY=\"$X-a\"\nZ='$X'\nW=${X}b\nV=$NOPE\n",
			map[string]string{"X": "1", "Y": "1-a", "Z": "$X", "W": "1b", "V": ""}},
		{"yaml style", "A: 1\nB=2\n", map[string]string{"A": "1", "B": "2"}},
		{"crlf and bom", "\ufeffA=1\r\nB='x'\r\n", map[string]string{"A": "1", "B": "x"}},
		{"no final newline", "A=1\nB=2", map[string]string{"A": "1", "B": "2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseDotEnv(".env", tt.text)
			if err != nil {
				t.Fatal(err)
			}
			if !maps.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestParseDotEnvManyBadLines: a file of bad lines (a pasted document) is
// refused quickly with its first lines reported.
func TestParseDotEnvManyBadLines(t *testing.T) {
	text := strings.Repeat("this is not a setting\n", 2000)
	start := time.Now()
	_, err := ParseDotEnv("big.env", text)
	if err == nil || !strings.HasPrefix(err.Error(), "big.env:1: ") || !strings.Contains(err.Error(), "big.env:10: ") || strings.Contains(err.Error(), "big.env:11: ") {
		t.Fatalf("err = %v, want lines 1 to 10 reported", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v", d)
	}
}

func FuzzParseDotEnv(f *testing.F) {
	for _, s := range []string{"A=1\n", "export B='x'\n", "C=\"a\nb\"\n", "D E\n", "=x", "A=\"x\" y", "X=1\nY=$X\n", "A: b\nexport C d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		vals, err := ParseDotEnv("f.env", text)
		if err != nil {
			if vals != nil {
				t.Fatal("variables returned with an error")
			}
			var de *DotEnvError
			if !errors.As(err, &de) || de.Line < 1 || de.Line > strings.Count(text, "\n")+1 {
				t.Fatalf("error without a valid line: %v", err)
			}
			if strings.Contains(err.Error(), "cannot be read as NAME=value lines") {
				t.Fatalf("no bad line found in a refused file: %v", err)
			}
			return
		}
		for k := range vals {
			if !validName(k) {
				t.Fatalf("invalid name %q accepted", k)
			}
		}
		theirs, err := godotenv.Unmarshal(strings.ReplaceAll(strings.TrimPrefix(text, "\ufeff"), "\r\n", "\n"))
		if err != nil || !maps.Equal(vals, theirs) {
			t.Fatalf("values differ from godotenv's: %q, %q (%v)", vals, theirs, err)
		}
	})
}
