// Package adapters_test holds the rule every adapter keeps: it depends
// inward (the core, shared helpers, its own libraries), never on another
// adapter. What two adapters share lives in a neutral package
// (internal/feedparse, internal/htmlextract).
package adapters_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const adaptersPath = "github.com/newsdigest/bot/internal/adapters/"

func TestAdaptersImportNoOtherAdapter(t *testing.T) {
	dirs, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		files, err := filepath.Glob(filepath.Join(d.Name(), "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			file, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			checked++
			for _, imp := range file.Imports {
				path, err := strconv.Unquote(imp.Path.Value)
				if err != nil {
					t.Fatal(err)
				}
				if other, ok := strings.CutPrefix(path, adaptersPath); ok && other != d.Name() {
					t.Errorf("%s imports the %s adapter", f, other)
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no adapter source files found")
	}
}
