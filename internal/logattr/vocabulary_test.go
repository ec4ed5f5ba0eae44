package logattr

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// logMethods are the *slog.Logger methods taking key-value pairs, with the
// index of their first key.
var logMethods = map[string]int{
	"Debug": 1, "Info": 1, "Warn": 1, "Error": 1,
	"DebugContext": 2, "InfoContext": 2, "WarnContext": 2, "ErrorContext": 2,
	"Log": 3, "With": 0,
}

// slogAttrFuncs are the slog functions whose first argument is a key.
var slogAttrFuncs = map[string]bool{
	"String": true, "Int": true, "Int64": true, "Uint64": true, "Float64": true, "Bool": true,
	"Time": true, "Duration": true, "Any": true, "Group": true,
}

// aliases are spellings of declared keys that must not come back.
var aliases = []string{"err", "channel", "user", "guild", "team", "uid", "cid"}

var snakeCase = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

// literalKey is a string literal used as a log attribute key.
type literalKey struct {
	key, at string
}

// TestOneVocabulary reads the program's non-test Go files and checks the
// literal keys of their log calls: a key declared here is written with its
// constant, no alias of a declared key is used, every key is snake_case,
// and a key used in more than one place is declared here.
func TestOneVocabulary(t *testing.T) {
	declared := declaredKeys(t)
	if len(declared) < 10 {
		t.Fatalf("found %d declared keys in logattr.go", len(declared))
	}
	var keys []literalKey
	for _, root := range []string{"..", filepath.Join("..", "..", "cmd")} {
		keys = append(keys, literalKeys(t, root)...)
	}
	if len(keys) == 0 {
		t.Fatal("no log call with a literal key found: the scan is broken")
	}
	sites := map[string][]string{}
	for _, k := range keys {
		sites[k.key] = append(sites[k.key], k.at)
		switch {
		case declared[k.key] != "":
			t.Errorf("%s: key %q is declared: write logattr.%s", k.at, k.key, declared[k.key])
		case !snakeCase.MatchString(k.key):
			t.Errorf("%s: key %q is not snake_case", k.at, k.key)
		}
		for _, a := range aliases {
			if k.key == a {
				t.Errorf("%s: key %q is an alias of a declared key", k.at, k.key)
			}
		}
	}
	for key, at := range sites {
		if len(at) > 1 && declared[key] == "" {
			t.Errorf("key %q is used in %d places (%s): declare it in logattr.go", key, len(at), strings.Join(at, ", "))
		}
	}
}

// declaredKeys maps the value of every Key… constant of logattr.go to the
// constant's name.
func declaredKeys(t *testing.T) map[string]string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "logattr.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, spec := range g.Specs {
			vs := spec.(*ast.ValueSpec)
			for i, name := range vs.Names {
				if !strings.HasPrefix(name.Name, "Key") || i >= len(vs.Values) {
					continue
				}
				if v, ok := stringLit(vs.Values[i]); ok {
					out[v] = name.Name
				}
			}
		}
	}
	return out
}

// literalKeys returns the string literals used as keys in the log calls of
// the non-test Go files below root.
func literalKeys(t *testing.T, root string) []literalKey {
	t.Helper()
	fset := token.NewFileSet()
	var out []literalKey
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			return err
		}
		pkgs := map[string]string{} // local name → import path
		for _, imp := range f.Imports {
			ip, _ := strconv.Unquote(imp.Path.Value)
			name := path.Base(ip)
			if imp.Name != nil {
				name = imp.Name.Name
			}
			pkgs[name] = ip
		}
		add := func(e ast.Expr) {
			if v, ok := stringLit(e); ok {
				out = append(out, literalKey{key: v, at: fset.Position(e.Pos()).String()})
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if id, ok := sel.X.(*ast.Ident); ok && pkgs[id.Name] != "" {
				// A package function: slog's attribute constructors only.
				if pkgs[id.Name] == "log/slog" && slogAttrFuncs[sel.Sel.Name] && len(call.Args) > 0 {
					add(call.Args[0])
				}
				return true
			}
			first, ok := logMethods[sel.Sel.Name]
			if !ok {
				return true
			}
			// Arguments come as key and value, or as one slog.Attr built
			// by a call (logattr.Err(err), slog.String(…)).
			for i := first; i < len(call.Args); i++ {
				switch a := call.Args[i].(type) {
				case *ast.CallExpr:
				default:
					add(a)
					i++ // the value
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func stringLit(e ast.Expr) (string, bool) {
	bl, ok := e.(*ast.BasicLit)
	if !ok || bl.Kind != token.STRING {
		return "", false
	}
	v, err := strconv.Unquote(bl.Value)
	return v, err == nil
}
