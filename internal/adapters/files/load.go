package files

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/newsdigest/bot/internal/digest"
)

// Load reads one article from path: HTML pages are extracted, anything else
// is read as text (see ParseText).
func Load(path string, now time.Time) (digest.Article, error) {
	data, err := readFile(path)
	if err != nil {
		return digest.Article{}, err
	}
	return parseOne(data, "file://"+absPath(path), now)
}

// Read reads one article from r (name is used in errors and as its URL).
func Read(r io.Reader, name string, now time.Time) (digest.Article, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileBytes+1))
	if err != nil {
		return digest.Article{}, fmt.Errorf("read %s: %w", name, err)
	}
	return parseOne(data, "stdin:", now)
}

func parseOne(data []byte, src string, now time.Time) (digest.Article, error) {
	if len(data) > MaxFileBytes {
		return digest.Article{}, fmt.Errorf("input is over the %d-byte limit", MaxFileBytes)
	}
	var a digest.Article
	var err error
	if kindOf(data) == kindHTML {
		a, err = extractHTML(data, src)
	} else {
		a, err = ParseText(data, now)
	}
	if err != nil {
		return a, err
	}
	if a.URL == "" {
		a.URL = src
	}
	return a, nil
}

// LoadAll reads every article in path: one for a text or HTML file, every
// item for a feed document.
func LoadAll(path string, now time.Time) ([]digest.Article, error) {
	data, err := readFile(path)
	if err != nil {
		return nil, err
	}
	if kindOf(data) == kindFeed {
		return parseFeed(data, "file://"+absPath(path))
	}
	a, err := parseOne(data, "file://"+absPath(path), now)
	if err != nil {
		return nil, err
	}
	return []digest.Article{a}, nil
}

func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open article: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("open article: %w", err)
	}
	if st.IsDir() {
		return nil, fmt.Errorf("%s is a directory", path)
	}
	if st.Size() > MaxFileBytes {
		return nil, fmt.Errorf("%s is %d bytes, over the %d-byte limit", path, st.Size(), MaxFileBytes)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read article: %w", err)
	}
	return data, nil
}

func absPath(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		return filepath.ToSlash(abs)
	}
	return p
}

type kind int

const (
	kindText kind = iota
	kindHTML
	kindFeed
)

// kindOf sniffs the start of data.
func kindOf(data []byte) kind {
	head := bytes.ToLower(bytes.TrimSpace(data[:min(len(data), 1024)]))
	switch {
	case bytes.HasPrefix(head, []byte("<!doctype html")), bytes.HasPrefix(head, []byte("<html")),
		bytes.Contains(head, []byte("<body")), bytes.Contains(head, []byte("<head")):
		return kindHTML
	case bytes.HasPrefix(head, []byte("<?xml")) && (bytes.Contains(head, []byte("<rss")) || bytes.Contains(head, []byte("<feed")) || bytes.Contains(head, []byte("<rdf"))),
		bytes.HasPrefix(head, []byte("<rss")), bytes.HasPrefix(head, []byte("<feed")),
		bytes.HasPrefix(head, []byte("{")) && bytes.Contains(head, []byte("jsonfeed.org")):
		return kindFeed
	}
	return kindText
}

// Expand returns path when it names a file, and the files under it, in
// lexical order, when it names a directory: every regular file at any
// depth whose name does not start with a dot (hidden files and folders
// are skipped; symbolic links to folders are not followed).
func Expand(path string) ([]string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("open article: %w", err)
	}
	if !st.IsDir() {
		return []string{path}, nil
	}
	var out []string
	err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != path && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		return out, fmt.Errorf("read folder %s: %w", path, err)
	}
	return out, nil
}
