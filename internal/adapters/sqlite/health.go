package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/logattr"
	sqlitedriver "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// checkBudget bounds the integrity check Open runs (PRAGMA quick_check,
// which reads every page): on the 460 MB store of 100,000 articles of the
// benchmarks it takes 1.65 s of CPU (4.6 s of wall time on a loaded
// 2-core machine; the sqlite3 shell needs 0.2 s), so larger stores, or a
// busy machine, get a check cut short. Damage the check does not reach is
// still caught when read: storageError classifies SQLITE_CORRUPT as
// digest.ErrCorrupt, and the adapters log it at ERROR with its cause.
const checkBudget = 3 * time.Second

// OpenError says why the store at Path could not be opened, and what to do
// about it. Err is the cause (errors.Is finds digest.ErrCorrupt for a
// damaged file).
type OpenError struct {
	Path    string
	Problem string // what is wrong, e.g. "the file is damaged"
	Remedy  string // what the operator can do
	Err     error
}

func (e *OpenError) Error() string {
	msg := "open sqlite store " + e.Path + ": " + e.Problem
	if e.Err != nil {
		msg += " (" + e.Err.Error() + ")"
	}
	if e.Remedy != "" {
		msg += ". " + e.Remedy
	}
	return msg
}

func (e *OpenError) Unwrap() error { return e.Err }

// Remedies, shared by the causes that call for them.
const (
	remedyRecover = "To recover: stop every bot process using it, then restore the file from a backup; " +
		"or move it (and its -wal and -shm files) aside and start the bot again, which rebuilds the articles " +
		"from the feeds (schedules and feed state are not in the feeds: restore them or add them again)"
	remedyWritable = "The bot writes articles, feed state and schedules: make the file and its folder " +
		"writable by the user the bot runs as, or set DATA_DIR to a writable folder"
)

// checkPath refuses, before SQLite sees it, a store path that cannot be a
// database file: a directory, or a folder that is not one.
func checkPath(path string) error {
	fi, err := os.Stat(path)
	switch {
	case err == nil && fi.IsDir():
		return &OpenError{Path: path, Problem: "a directory is in the way of the store file",
			Remedy: "Move the directory away, or set DATA_DIR to another folder"}
	case err == nil && !fi.Mode().IsRegular():
		return &OpenError{Path: path, Problem: "it is not a regular file",
			Remedy: "Set DATA_DIR to a folder holding the store, or an empty one"}
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return describeOpen(path, err)
	}
	return nil
}

// describeOpen turns a failure to open, migrate or check the store at path
// into an *OpenError naming the cause: damage, permissions, a read-only
// file or folder, a full disk. Other errors get the path and pass through.
func describeOpen(path string, err error) error {
	var oe *OpenError
	if errors.As(err, &oe) {
		return err
	}
	err = storageError(err)
	switch {
	case errors.Is(err, digest.ErrCorrupt):
		return &OpenError{Path: path, Problem: "the file is damaged or is not a store", Remedy: remedyRecover, Err: err}
	case errors.Is(err, digest.ErrNoSpace):
		return &OpenError{Path: path, Problem: "no space left on its disk", Remedy: "Free space and start the bot again", Err: err}
	case errors.Is(err, syscall.EROFS):
		return &OpenError{Path: path, Problem: "the file system is read-only", Remedy: remedyWritable, Err: err}
	case errors.Is(err, fs.ErrPermission):
		return &OpenError{Path: path, Problem: "permission denied", Remedy: remedyWritable, Err: err}
	}
	var se *sqlitedriver.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH:
			// SQLite does not say which file or why: probe.
			if problem := probeWritable(path); problem != "" {
				return &OpenError{Path: path, Problem: problem, Remedy: remedyWritable, Err: err}
			}
			return &OpenError{Path: path, Problem: "SQLite cannot open it", Remedy: remedyWritable, Err: err}
		}
	}
	return fmt.Errorf("open sqlite store %s: %w", path, err)
}

// probeWritable says why the bot cannot write the store at path or create
// the journal files beside it, or "" when it finds nothing wrong.
func probeWritable(path string) string {
	dir := filepath.Dir(path)
	if fi, err := os.Stat(dir); err != nil {
		return "its folder " + dir + " cannot be read: " + reason(err)
	} else if !fi.IsDir() {
		return dir + " is not a folder"
	}
	if f, err := os.OpenFile(path, os.O_RDWR, 0); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "the file cannot be opened for writing: " + reason(err)
	} else if err == nil {
		f.Close()
	}
	f, err := os.CreateTemp(dir, ".newsbot-write-check-*")
	if err != nil {
		return "no file can be created in its folder " + dir + " (SQLite keeps its -wal and -shm files there): " + reason(err)
	}
	name := f.Name()
	f.Close()
	os.Remove(name)
	return ""
}

// reason is the short cause of a file-system error.
func reason(err error) string {
	switch {
	case errors.Is(err, syscall.EROFS):
		return "read-only file system"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	case errors.Is(err, syscall.ENOSPC):
		return "no space left"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// quickCheck runs PRAGMA quick_check(1) on db within checkBudget. A
// damaged store fails with an error wrapping digest.ErrCorrupt; a check
// cut short by the budget is logged and passes.
func (s *Store) quickCheck(ctx context.Context, db *sql.DB, path string) error {
	cctx, cancel := context.WithTimeout(ctx, checkBudget)
	defer cancel()
	start := time.Now()
	var res string
	err := db.QueryRowContext(cctx, `PRAGMA quick_check(1)`).Scan(&res)
	switch {
	case err != nil && ctx.Err() == nil && cctx.Err() != nil:
		s.logger.Warn("sqlite store check cut short; damage it did not reach is found when read",
			logattr.KeyPath, path, logattr.KeyDuration, checkBudget)
		return nil
	case err != nil:
		return err
	case res != "ok":
		return fmt.Errorf("%w: quick_check: %s", digest.ErrCorrupt, res)
	}
	s.logger.Debug("sqlite store checked", logattr.KeyPath, path, logattr.KeyDuration, time.Since(start))
	return nil
}
