package sqlite

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
)

// sqliteHeader opens every SQLite database file.
const sqliteHeader = "SQLite format 3\x00"

// Ping reports whether the store can serve: the database file is still
// there and readable as SQLite (open connections would hide a file that was
// removed or made unreadable), and a read query answers. It is cheap
// enough for a readiness probe.
func (s *Store) Ping(ctx context.Context) error {
	var file string
	if err := s.r.QueryRowContext(ctx, "SELECT file FROM pragma_database_list WHERE name = 'main'").Scan(&file); err != nil {
		return fmt.Errorf("sqlite ping: %w", err)
	}
	if file != "" { // "" for an in-memory database
		f, err := os.Open(file)
		if err != nil {
			return fmt.Errorf("sqlite ping: %w", err)
		}
		defer f.Close()
		head := make([]byte, len(sqliteHeader))
		if _, err := io.ReadFull(f, head); err != nil {
			return fmt.Errorf("sqlite ping: read %s: %w", file, err)
		}
		if !bytes.Equal(head, []byte(sqliteHeader)) {
			return fmt.Errorf("sqlite ping: %s is not an SQLite database", file)
		}
	}
	var n int
	if err := s.r.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&n); err != nil {
		return fmt.Errorf("sqlite ping: %w", err)
	}
	return nil
}

// Size returns the bytes the database takes: its pages, free pages
// included (Prune's incremental vacuum returns those to the file system).
func (s *Store) Size(ctx context.Context) (int64, error) {
	var n int64
	err := s.r.QueryRowContext(ctx, "SELECT p.page_count * s.page_size FROM pragma_page_count() p, pragma_page_size() s").Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("sqlite size: %w", err)
	}
	return n, nil
}
