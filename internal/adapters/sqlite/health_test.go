package sqlite

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/digest"
)

// fillStore writes n articles to a new store at path and closes it.
func fillStore(t *testing.T, path string, n int) {
	t.Helper()
	s, err := Open(context.Background(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		a := digest.Article{URL: fmt.Sprintf("https://news.example/%d", i), Title: fmt.Sprintf("Story %d", i),
			Body: strings.Repeat(fmt.Sprintf("Paragraph about event %d. ", i), 40), Source: "Example",
			Published: time.Date(2026, 1, 1, 0, i, 0, 0, time.UTC)}
		if err := s.PutArticle(context.Background(), &a); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestOpenRefusesDamagedStore checks that a store with damaged pages, or a
// file that is not a store, is refused when opened, with the path, the
// cause and the way to recover, instead of failing every command later.
func TestOpenRefusesDamagedStore(t *testing.T) {
	tests := []struct {
		name   string
		damage func(t *testing.T, path string)
	}{
		{"pages overwritten", func(t *testing.T, path string) {
			fillStore(t, path, 200)
			f, err := os.OpenFile(path, os.O_RDWR, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			fi, _ := f.Stat()
			junk := []byte(strings.Repeat("\xde\xad\xbe\xef", 1024))
			for off := int64(8192); off+int64(len(junk)) < fi.Size(); off += 5 * 4096 {
				if _, err := f.WriteAt(junk, off); err != nil {
					t.Fatal(err)
				}
			}
		}},
		{"not a database", func(t *testing.T, path string) {
			if err := os.WriteFile(path, []byte(strings.Repeat("these are not the pages you are looking for\n", 200)), 0o600); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "news.db")
			tt.damage(t, path)
			s, err := Open(context.Background(), path, nil)
			if err == nil {
				s.Close()
				t.Fatal("a damaged store opened")
			}
			var oe *OpenError
			if !errors.As(err, &oe) || !errors.Is(err, digest.ErrCorrupt) {
				t.Fatalf("error %v is not an *OpenError wrapping ErrCorrupt", err)
			}
			for _, want := range []string{path, "damaged", "restore the file from a backup", "rebuilds the articles from the feeds"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error lacks %q: %v", want, err)
				}
			}
		})
	}
}

// TestOpenSaysWhy checks the errors of a store path that cannot be used:
// each names the path and the cause.
func TestOpenSaysWhy(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "plain-file")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	inTheWay := filepath.Join(dir, "news.db")
	if err := os.Mkdir(inTheWay, 0o750); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path string
		want       []string
	}{
		{"directory in the way", inTheWay, []string{inTheWay, "a directory is in the way"}},
		{"folder is a file", filepath.Join(file, "data", "news.db"), []string{"its folder cannot be created", "not a directory"}},
	}
	if os.Geteuid() != 0 { // root writes anywhere
		ro := filepath.Join(dir, "ro")
		if err := os.Mkdir(ro, 0o750); err != nil {
			t.Fatal(err)
		}
		fillStore(t, filepath.Join(ro, "news.db"), 1)
		if err := os.Chmod(filepath.Join(ro, "news.db"), 0o400); err != nil {
			t.Fatal(err)
		}
		tests = append(tests, struct {
			name, path string
			want       []string
		}{"read-only file", filepath.Join(ro, "news.db"), []string{"cannot be opened for writing: permission denied", "writable"}})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Open(context.Background(), tt.path, nil)
			if err == nil {
				s.Close()
				t.Fatal("opened")
			}
			var oe *OpenError
			if !errors.As(err, &oe) {
				t.Errorf("error %v is not an *OpenError", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q: %v", w, err)
				}
			}
		})
	}
}

// TestDescribeReadOnly checks the message for SQLite's read-only and
// cannot-open errors, which name neither the file nor the cause, on a
// folder that refuses new files (simulated: root ignores permissions).
func TestDescribeReadOnly(t *testing.T) {
	dir := t.TempDir()
	notDir := filepath.Join(dir, "file")
	if err := os.WriteFile(notDir, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if got := probeWritable(filepath.Join(notDir, "news.db")); !strings.Contains(got, "not a directory") && !strings.Contains(got, "is not a folder") {
		t.Errorf("probe of a store under a file: %q", got)
	}
	if got := probeWritable(filepath.Join(dir, "news.db")); got != "" {
		t.Errorf("probe of a writable folder: %q", got)
	}
	// Errors of the file system, as Open meets them creating the folder or
	// SQLite's files (a read-only mount cannot be made in a test).
	path := filepath.Join(dir, "news.db")
	for _, tc := range []struct {
		err  error
		want string
	}{
		{&fs.PathError{Op: "open", Path: path, Err: syscall.EROFS}, "the file system is read-only"},
		{&fs.PathError{Op: "open", Path: path, Err: syscall.EACCES}, "permission denied"},
		{&fs.PathError{Op: "write", Path: path, Err: syscall.ENOSPC}, "no space left on its disk"},
	} {
		err := describeOpen(path, tc.err)
		var oe *OpenError
		if !errors.As(err, &oe) || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), path) {
			t.Errorf("describeOpen(%v) = %v, want an *OpenError naming the path and %q", tc.err, err, tc.want)
		}
	}
}

// TestPutArticleDiskFull checks that a write failing for lack of space
// (SQLITE_FULL, simulated with max_page_count) wraps digest.ErrNoSpace,
// which stops `bot ingest` at the first failure.
func TestPutArticleDiskFull(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	var pages int
	if err := s.w.QueryRowContext(ctx, `PRAGMA page_count`).Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := s.w.ExecContext(ctx, fmt.Sprintf(`PRAGMA max_page_count = %d`, pages+2)); err != nil {
		t.Fatal(err)
	}
	var err error
	for i := 0; i < 100 && err == nil; i++ {
		a := digest.Article{URL: fmt.Sprintf("https://full.example/%d", i), Title: "Full", Source: "x",
			Body: strings.Repeat(fmt.Sprintf("Words that take room %d. ", i), 200), Published: time.Now()}
		err = s.PutArticle(ctx, &a)
	}
	if !errors.Is(err, digest.ErrNoSpace) {
		t.Fatalf("PutArticle on a full store: %v, want ErrNoSpace", err)
	}
}
