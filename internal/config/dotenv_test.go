package config

import (
	"errors"
	"maps"
	"strings"
	"testing"

	"github.com/joho/godotenv"
)

func TestParseDotEnv(t *testing.T) {
	text := "# comment\n\nA=1\nexport B = two words # trailing comment\nC='single $HOME # kept'\n" +
		"D=\"line\\nnext \\\"q\\\"\"  # comment\nE=\nF=\"multi\nline\"\nG=it's\nH=a#b\n"
	got, err := ParseDotEnv(".env", text)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"A": "1", "B": "two words", "C": "single $HOME # kept", "D": "line\nnext \"q\"", "E": "",
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

// TestParseDotEnvAgreesWithGodotenv: on files both accept without
// expansion, the values are the same as the library the project used.
func TestParseDotEnvAgreesWithGodotenv(t *testing.T) {
	for _, text := range []string{
		"A=1\nB=two words\n",
		"export A=1\n# c\nB='x y'\n",
		"A=\"x\\ny\"\nB=\n",
		"A=1 # comment\n",
	} {
		mine, err := ParseDotEnv(".env", text)
		if err != nil {
			t.Fatal(err)
		}
		theirs, err := godotenv.Unmarshal(text)
		if err != nil {
			t.Fatal(err)
		}
		if !maps.Equal(mine, theirs) {
			t.Errorf("%q: ours %q, godotenv %q", text, mine, theirs)
		}
	}
}

func FuzzParseDotEnv(f *testing.F) {
	for _, s := range []string{"A=1\n", "export B='x'\n", "C=\"a\nb\"\n", "D E\n", "=x", "A=\"x\" y"} {
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
			return
		}
		for k := range vals {
			if !validName(k) {
				t.Fatalf("invalid name %q accepted", k)
			}
		}
	})
}
