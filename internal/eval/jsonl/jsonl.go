// Package jsonl reads the evaluation data sets, JSON Lines files of
// ../shared/eval: one JSON object a line. It is the one reader of the
// evaluation packages (summaries, quotes, stories).
package jsonl

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"os"
	"path/filepath"
)

// maxLine is the longest line read (a long article with its annotations).
const maxLine = 16 << 20

// Read yields the records of the JSON Lines file at path, each decoded into
// a T, in file order; blank lines are skipped. It yields one error and
// stops when the file cannot be opened or read, a line is not a T (the
// error names the file and the line), or ctx is done. Stopping the loop
// early closes the file.
func Read[T any](ctx context.Context, path string) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		f, err := os.Open(path)
		if err != nil {
			yield(zero, fmt.Errorf("open %s: %w", filepath.Base(path), err))
			return
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 0, 1<<20), maxLine)
		for line := 1; sc.Scan(); line++ {
			if err := ctx.Err(); err != nil {
				yield(zero, err)
				return
			}
			if len(sc.Bytes()) == 0 {
				continue
			}
			var v T
			if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
				yield(zero, fmt.Errorf("parse %s line %d: %w", filepath.Base(path), line, err))
				return
			}
			if !yield(v, nil) {
				return
			}
		}
		if err := sc.Err(); err != nil {
			yield(zero, fmt.Errorf("read %s: %w", filepath.Base(path), err))
		}
	}
}

// Load returns every record of the JSON Lines file at path (see Read).
func Load[T any](path string) ([]T, error) {
	var out []T
	for v, err := range Read[T](context.Background(), path) {
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}
