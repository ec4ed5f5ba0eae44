package files

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestExpand(t *testing.T) {
	root := t.TempDir()
	for _, p := range []string{"a.txt", "sub/b.html", "sub/deeper/c.xml", ".hidden.txt", ".git/config", "sub/.d.txt"} {
		full := filepath.Join(root, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(root, "sub"), filepath.Join(root, "link")); err != nil {
		t.Fatal(err)
	}
	got, err := Expand(root)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(root, "a.txt"), filepath.Join(root, "sub/b.html"), filepath.Join(root, "sub/deeper/c.xml")}
	if !slices.Equal(got, want) {
		t.Errorf("Expand(folder) = %q, want %q", got, want)
	}
	if got, err := Expand(filepath.Join(root, "a.txt")); err != nil || !slices.Equal(got, []string{filepath.Join(root, "a.txt")}) {
		t.Errorf("Expand(file) = %q, %v", got, err)
	}
	if _, err := Expand(filepath.Join(root, "missing")); err == nil {
		t.Error("Expand(missing) gave no error")
	}
}
