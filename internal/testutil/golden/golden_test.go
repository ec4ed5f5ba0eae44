package golden

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// recorder records failures instead of failing the test.
type recorder struct {
	testing.TB
	errors []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}
func (r *recorder) Helper() {}

func TestCheck(t *testing.T) {
	if Update() {
		t.Skip("comparison is not checked under -update")
	}
	path := filepath.Join(t.TempDir(), "out.golden")
	if err := os.WriteFile(path, []byte("same\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		got     string
		failing bool
	}{
		{"equal", "same\n", false},
		{"different", "other\n", true},
		{"missing newline", "same", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &recorder{TB: t}
			CheckString(r, path, tt.got)
			if failed := len(r.errors) > 0; failed != tt.failing {
				t.Errorf("failed = %v (%q), want %v", failed, r.errors, tt.failing)
			}
		})
	}
}
