// Package sqlite implements digest.Store on an embedded SQLite database
// through the pure-Go driver modernc.org/sqlite (no cgo).
//
// Articles and quotes are indexed with FTS5 (tokenizer
// "porter unicode61 remove_diacritics 2", bm25 ranking with the title
// weighted above the body). Schedule runs are claimed with a single
// INSERT … ON CONFLICT … RETURNING statement, so a daily digest goes out
// once even when several processes share the file.
//
// The database runs in WAL mode: one single-connection pool serialises
// writes, a separate pool serves concurrent reads. The package imports the
// core (internal/digest) and the driver; it must not import other adapters.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/logattr"
	"github.com/newsdigest/bot/internal/migrations"
	sqlitedriver "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Store is a digest.Store backed by one SQLite file. It is safe for
// concurrent use by many goroutines, and several processes may open the
// same file.
type Store struct {
	w      *sql.DB // writes: one connection, BEGIN IMMEDIATE
	r      *sql.DB // reads: a pool (the same as w for ":memory:")
	logger *slog.Logger

	mu    sync.Mutex
	stmts map[stmtKey]*sql.Stmt // prepared statements of the hot paths

	// rankWindow and allWindow bound the rows one full-text query ranks
	// (see rankedCTE); tests lower them.
	rankWindow, allWindow int

	// The background checkpointer (see checkpoint.go); nil for ":memory:".
	dirty          chan struct{}
	stopCheckpoint context.CancelFunc
	checkpointDone chan struct{}
	ckpt           *sql.DB
}

// The store implements the whole storage contract, and with it each
// consumer's part of it.
var (
	_ digest.Store         = (*Store)(nil)
	_ digest.ServiceStore  = (*Store)(nil)
	_ digest.ScheduleStore = (*Store)(nil)
	_ digest.FeedStore     = (*Store)(nil)
)

// busyTimeout is how long a statement waits for another connection's or
// process's write lock before failing with SQLITE_BUSY.
const busyTimeout = 10 * time.Second

// Open opens (creating it and its parent directory when missing) the SQLite
// database at path, checks it (PRAGMA quick_check within checkBudget) and
// applies pending schema migrations. path ":memory:" gives a private
// in-memory database served by a single connection. A nil logger discards
// logs. The caller must Close the Store.
//
// A store that cannot be opened gives an *OpenError naming the path, the
// cause (damaged, permission denied, read-only, a directory in the way, no
// space) and what to do. A read-only store is refused: the bot records
// feed state, schedules and deliveries as it answers.
func Open(ctx context.Context, path string, logger *slog.Logger) (*Store, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if path == "" {
		return nil, errors.New("open sqlite: empty path")
	}
	memory := path == ":memory:"
	if !memory {
		if dir := filepath.Dir(path); dir != "" {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return nil, &OpenError{Path: path, Problem: "its folder cannot be created: " + reason(err), Remedy: remedyWritable, Err: err}
			}
		}
		if err := checkPath(path); err != nil {
			return nil, err
		}
	}
	s, err := open(ctx, path, memory, logger)
	if err != nil && !memory {
		return nil, describeOpen(path, err)
	}
	return s, err
}

func open(ctx context.Context, path string, memory bool, logger *slog.Logger) (*Store, error) {

	w, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	s := &Store{w: w, r: w, logger: logger, stmts: make(map[stmtKey]*sql.Stmt),
		rankWindow: defaultRankWindow, allWindow: defaultAllWindow}

	// The first connection switches the file to WAL before readers open it.
	// Several processes opening a new file at once can find it locked in
	// the middle of that switch, which SQLite reports at once instead of
	// waiting: retry within the busy timeout.
	if err := retryBusy(ctx, func() error { return w.PingContext(ctx) }); err != nil {
		w.Close()
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	if !memory {
		if err := s.quickCheck(ctx, w, path); err != nil {
			w.Close()
			return nil, err
		}
	}
	if err := s.migrate(ctx); err != nil {
		w.Close()
		return nil, err
	}
	if !memory {
		r, err := sql.Open("sqlite", dsn(path, true))
		if err != nil {
			w.Close()
			return nil, fmt.Errorf("open sqlite readers: %w", err)
		}
		n := max(4, runtime.GOMAXPROCS(0))
		r.SetMaxOpenConns(n)
		r.SetMaxIdleConns(n)
		r.SetConnMaxIdleTime(5 * time.Minute)
		if err := r.PingContext(ctx); err != nil {
			r.Close()
			w.Close()
			return nil, fmt.Errorf("open sqlite readers: %w", err)
		}
		s.r = r
		c, err := sql.Open("sqlite", dsn(path, false))
		if err != nil {
			r.Close()
			w.Close()
			return nil, fmt.Errorf("open sqlite checkpointer: %w", err)
		}
		c.SetMaxOpenConns(1)
		c.SetMaxIdleConns(1)
		c.SetConnMaxIdleTime(0)
		var cctx context.Context
		cctx, s.stopCheckpoint = context.WithCancel(context.Background())
		s.ckpt, s.dirty, s.checkpointDone = c, make(chan struct{}, 1), make(chan struct{})
		go s.checkpointLoop(cctx, c, s.checkpointDone)
	}
	return s, nil
}

// retryBusy runs f until it succeeds, fails with an error other than
// SQLITE_BUSY, or busyTimeout has passed.
func retryBusy(ctx context.Context, f func() error) error {
	deadline := time.Now().Add(busyTimeout)
	wait := 5 * time.Millisecond
	for {
		err := f()
		var se *sqlitedriver.Error
		if err == nil || !errors.As(err, &se) || se.Code()&0xff != sqlite3.SQLITE_BUSY || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
		wait = min(2*wait, 200*time.Millisecond)
	}
}

// dsn builds the driver name for path. Writers begin transactions with
// BEGIN IMMEDIATE so that a transaction never has to upgrade a stale read
// snapshot to a write lock (which fails without waiting in WAL mode).
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	// busy_timeout first: the journal_mode change below may need to wait.
	q.Add("_pragma", "busy_timeout("+strconv.FormatInt(busyTimeout.Milliseconds(), 10)+")")
	if path != ":memory:" && !readOnly {
		// Takes effect in a new store (before its first table), so that
		// Prune can return free pages to the file system step by step.
		q.Add("_pragma", "auto_vacuum(INCREMENTAL)")
		q.Add("_pragma", "journal_mode(WAL)")
	}
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "temp_store(MEMORY)")
	q.Add("_pragma", "cache_size(-16000)") // KiB per connection
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Set("_txlock", "immediate")
		q.Add("_pragma", "wal_autocheckpoint("+strconv.Itoa(backstopPages)+")")
		// After a burst of writes, give the log's disk space back once it
		// has been checkpointed.
		q.Add("_pragma", "journal_size_limit("+strconv.Itoa(journalSizeLimit)+")")
	}
	return path + "?" + q.Encode()
}

// Close releases the database. It runs PRAGMA optimize first so later opens
// get fresh query-planner statistics.
func (s *Store) Close() error {
	var errs []error
	if s.ckpt != nil {
		s.stopCheckpoint()
		<-s.checkpointDone
		errs = append(errs, s.ckpt.Close())
	}
	_, optErr := s.w.Exec("PRAGMA optimize")
	s.mu.Lock()
	for _, st := range s.stmts {
		errs = append(errs, st.Close())
	}
	s.stmts = nil
	s.mu.Unlock()
	if s.r != s.w {
		errs = append(errs, s.r.Close())
	}
	errs = append(errs, s.w.Close())
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("close sqlite: %w", err)
	}
	if optErr = storageError(optErr); errors.Is(optErr, digest.ErrCorrupt) {
		s.logger.Error("sqlite store is damaged", logattr.KeyError, optErr)
	} else if optErr != nil {
		s.logger.Debug("sqlite optimize failed", logattr.KeyError, optErr)
	}
	return nil
}

// query runs a read statement prepared once (see prepare) on the readers.
func (s *Store) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return s.queryOn(ctx, s.r, query, args...)
}

// queryOn runs a read statement prepared once on db (s.r or s.w).
func (s *Store) queryOn(ctx context.Context, db *sql.DB, query string, args ...any) (*sql.Rows, error) {
	st, err := s.prepare(ctx, db, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// prepare returns query prepared on db from a cache: the hot paths use a
// handful of distinct SQL texts, and preparing an FTS query or an insert
// costs a noticeable share of running it. Use the statement in a
// transaction through Tx.StmtContext.
func (s *Store) prepare(ctx context.Context, db *sql.DB, query string) (*sql.Stmt, error) {
	key := stmtKey{write: db == s.w && s.r != s.w, sql: query}
	s.mu.Lock()
	st, ok := s.stmts[key]
	s.mu.Unlock()
	if ok {
		return st, nil
	}
	st, err := db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if prev, ok := s.stmts[key]; ok {
		st.Close()
		return prev, nil
	}
	if s.stmts != nil { // nil once closed
		s.stmts[key] = st
	}
	return st, nil
}

type stmtKey struct {
	write bool
	sql   string
}

// loadMigrations returns the embedded schema files, by version.
func loadMigrations() ([]migrations.Migration, error) {
	return migrations.Load(migrationFS, "migrations")
}

// migrate applies the pending migrations in one BEGIN IMMEDIATE
// transaction, recording each in schema_migrations. A second process
// starting at the same time waits for the lock and then finds nothing to do.
func (s *Store) migrate(ctx context.Context) error {
	ms, err := loadMigrations()
	if err != nil {
		return fmt.Errorf("load migrations: %w", err)
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrate: begin: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		name       TEXT    NOT NULL,
		applied_at INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	var current int
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
		return fmt.Errorf("migrate: read version: %w", err)
	}
	applied, err := migrations.Apply(ms, current, func(m migrations.Migration) error {
		if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
			m.Version, m.Name, time.Now().UnixNano()); err != nil {
			return fmt.Errorf("record: %w", err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migrate: commit: %w", err)
	}
	if len(applied) > 0 {
		s.logger.InfoContext(ctx, "sqlite schema migrated", logattr.KeyMigrations, strings.Join(applied, ","))
	}
	return nil
}

// translate maps driver errors to the core's sentinels: sql.ErrNoRows to
// digest.ErrNotFound, a UNIQUE or PRIMARY KEY violation to
// digest.ErrDuplicate, a FOREIGN KEY violation (a reference to a missing
// row) to digest.ErrNotFound, and storage failures as storageError does.
// Other errors pass through; nil stays nil.
func translate(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return digest.ErrNotFound
	}
	var se *sqlitedriver.Error
	if errors.As(err, &se) {
		switch se.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return fmt.Errorf("%w: %v", digest.ErrDuplicate, err)
		case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return fmt.Errorf("%w: %v", digest.ErrNotFound, err)
		}
	}
	return storageError(err)
}

// storageError wraps err, keeping it, with digest.ErrNoSpace when SQLite
// could not write for lack of space (SQLITE_FULL, ENOSPC) and with
// digest.ErrCorrupt when the file is damaged or not a database
// (SQLITE_CORRUPT, SQLITE_NOTADB). Other errors, and errors already
// classified, pass through; nil stays nil.
func storageError(err error) error {
	if err == nil || errors.Is(err, digest.ErrNoSpace) || errors.Is(err, digest.ErrCorrupt) {
		return err
	}
	if errors.Is(err, syscall.ENOSPC) {
		return fmt.Errorf("%w: %w", digest.ErrNoSpace, err)
	}
	var se *sqlitedriver.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_FULL:
			return fmt.Errorf("%w: %w", digest.ErrNoSpace, err)
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
			return fmt.Errorf("%w: %w", digest.ErrCorrupt, err)
		}
	}
	return err
}

// unixNano stores t as UTC unix nanoseconds; the zero Time is 0.
func unixNano(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

// untilNano is unixNano for the end of a window: the zero time means no
// bound.
func untilNano(t time.Time) int64 {
	if t.IsZero() {
		return math.MaxInt64
	}
	return t.UnixNano()
}

// fromNano is the inverse of unixNano; times come back in UTC.
func fromNano(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}
