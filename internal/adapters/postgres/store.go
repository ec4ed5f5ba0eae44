// Package postgres implements digest.Store on PostgreSQL through pgx/v5
// (pgxpool), so that several bot processes can share articles, schedules
// and feed state.
//
// Articles and quotes are indexed with PostgreSQL's own text search: a
// generated tsvector column (title weighted 'A', body 'B'; the 'english'
// configuration over text folded by newsbot_fold, which lower-cases it and
// strips Latin diacritics) with a GIN index, ranked by ts_rank_cd. User
// words become an OR of plainto_tsquery terms, so no user syntax reaches
// the query parser; at most the 1,000 newest matches are ranked, which
// bounds the cost of common words. Schedule runs are claimed with a single
// INSERT … ON CONFLICT … DO UPDATE … WHERE … RETURNING statement: exactly
// one caller wins across connections and processes.
//
// Migrations are embedded and applied by Open in one transaction holding
// a transaction-scoped advisory lock, so processes starting together are
// safe. Tables live in the connection's current schema (set search_path in
// the URL to share one database between deployments or tests).
//
// The package imports the core (internal/digest) and pgx; it must not
// import other adapters.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/logattr"
	"github.com/newsdigest/bot/internal/migrations"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Store is a digest.Store backed by a PostgreSQL connection pool. It is
// safe for concurrent use, and any number of processes may share one
// database.
type Store struct {
	pool   *pgxpool.Pool
	logger *slog.Logger

	schemaKey int32           // hash of the current schema, the second key of advisory locks
	connCfg   *pgx.ConnConfig // for the ingest lock's own connection
	lock      ingestLock      // see LockIngest
}

// The store implements the whole storage contract, and with it each
// consumer's part of it.
var (
	_ digest.Store         = (*Store)(nil)
	_ digest.ServiceStore  = (*Store)(nil)
	_ digest.ScheduleStore = (*Store)(nil)
	_ digest.FeedStore     = (*Store)(nil)
)

// Open connects to the PostgreSQL server at url (a postgres:// URL or a
// key=value DSN; pgxpool settings such as pool_max_conns and runtime
// parameters such as search_path are honoured) and applies pending schema
// migrations. Connections plan every statement for its arguments
// (plan_cache_mode=force_custom_plan) unless the URL says otherwise.
// Errors never contain the URL's password. A nil logger discards logs.
// The caller must Close the Store.
func Open(ctx context.Context, url string, logger *slog.Logger) (*Store, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if url == "" {
		return nil, errors.New("open postgres: empty URL")
	}
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		// pgx redacts passwords only on a best-effort basis, and a
		// url.Error quotes the whole input: say nothing of the URL.
		return nil, errors.New("open postgres: cannot parse the connection URL (not shown: it may hold a password)")
	}
	secret := cfg.ConnConfig.Password
	// Searches are prepared statements whose best plan depends on how
	// common the searched words are: a generic plan chosen for a common
	// word would walk the whole table for a rare one.
	if _, ok := cfg.ConnConfig.RuntimeParams["plan_cache_mode"]; !ok {
		cfg.ConnConfig.RuntimeParams["plan_cache_mode"] = "force_custom_plan"
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", redact(err, secret))
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open postgres: %w", redact(err, secret))
	}
	s := &Store{pool: pool, logger: logger, connCfg: cfg.ConnConfig.Copy()}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, redact(err, secret)
	}
	logger.Debug("postgres store opened", logattr.KeyHost, cfg.ConnConfig.Host, "database", cfg.ConnConfig.Database,
		"max_conns", cfg.MaxConns)
	return s, nil
}

// redact returns err, or when its text holds secret (as is or
// URL-escaped) a new error with the same text and secret masked. The
// masked error does not wrap err, so the secret cannot leak through
// errors.Unwrap.
func redact(err error, secret string) error {
	if err == nil || secret == "" {
		return err
	}
	msg := err.Error()
	masked := msg
	for _, s := range []string{secret, url.QueryEscape(secret), url.PathEscape(secret)} {
		if s != "" {
			masked = strings.ReplaceAll(masked, s, "xxxxx")
		}
	}
	if masked == msg {
		return err
	}
	return errors.New(masked)
}

// Close waits for queries in progress and closes every connection.
func (s *Store) Close() error {
	s.closeIngestLock()
	s.pool.Close()
	return nil
}

// loadMigrations returns the embedded schema files, by version.
func loadMigrations() ([]migrations.Migration, error) {
	return migrations.Load(migrationFS, "migrations")
}

// migrationLockClass is the first key of the advisory lock taken while
// migrating; the second is a hash of the current schema, so deployments
// in different schemas of one database do not wait for each other.
const migrationLockClass int32 = 0x6e657773 // "news"

// migrate applies the pending migrations in one transaction that first
// takes pg_advisory_xact_lock: a second process starting at the same time
// waits for the first to commit, then finds nothing to do. Each applied
// file is recorded in schema_migrations.
func (s *Store) migrate(ctx context.Context) error {
	ms, err := loadMigrations()
	if err != nil {
		return fmt.Errorf("load migrations: %w", err)
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("migrate: begin: %w", err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck // a no-op after Commit

	var schema *string
	if err := tx.QueryRow(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
		return fmt.Errorf("migrate: current schema: %w", err)
	}
	if schema == nil {
		return errors.New("migrate: no current schema: the search_path names no existing schema")
	}
	h := fnv.New32a()
	h.Write([]byte(*schema))
	s.schemaKey = int32(h.Sum32())
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1, $2)`, migrationLockClass, s.schemaKey); err != nil {
		return fmt.Errorf("migrate: lock: %w", err)
	}
	if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    integer     PRIMARY KEY,
		name       text        NOT NULL,
		applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	var current int
	if err := tx.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
		return fmt.Errorf("migrate: read version: %w", err)
	}
	applied, err := migrations.Apply(ms, current, func(m migrations.Migration) error {
		// No arguments: the simple protocol runs the file's statements.
		if _, err := tx.Exec(ctx, m.SQL); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, name) VALUES ($1, $2)`,
			m.Version, m.Name); err != nil {
			return fmt.Errorf("record: %w", err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("migrate: commit: %w", err)
	}
	if len(applied) > 0 {
		s.logger.InfoContext(ctx, "postgres schema migrated", "schema", *schema, logattr.KeyMigrations, strings.Join(applied, ","))
	}
	return nil
}

// PostgreSQL error codes translate looks at.
const (
	codeUniqueViolation     = "23505"
	codeForeignKeyViolation = "23503"
	codeDiskFull            = "53100"
	codeDataCorrupted       = "XX001"
	codeIndexCorrupted      = "XX002"
)

// translate maps driver errors to the core's sentinels: pgx.ErrNoRows to
// digest.ErrNotFound, a unique violation to digest.ErrDuplicate, a foreign
// key violation (a reference to a missing row) to digest.ErrNotFound.
// Other errors pass through; nil stays nil.
func translate(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return digest.ErrNotFound
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case codeUniqueViolation:
			return fmt.Errorf("%w: %s (%s)", digest.ErrDuplicate, pe.Message, pe.ConstraintName)
		case codeForeignKeyViolation:
			return fmt.Errorf("%w: %s (%s)", digest.ErrNotFound, pe.Message, pe.ConstraintName)
		}
	}
	return storageError(err)
}

// storageError wraps err, keeping it, with digest.ErrNoSpace for the
// server's disk_full (53100) and with digest.ErrCorrupt for
// data_corrupted and index_corrupted (XX001, XX002). Other errors, and
// errors already classified, pass through; nil stays nil.
func storageError(err error) error {
	if err == nil || errors.Is(err, digest.ErrNoSpace) || errors.Is(err, digest.ErrCorrupt) {
		return err
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case codeDiskFull:
			return fmt.Errorf("%w: %w", digest.ErrNoSpace, err)
		case codeDataCorrupted, codeIndexCorrupted:
			return fmt.Errorf("%w: %w", digest.ErrCorrupt, err)
		}
	}
	return err
}

// untilTime is t as the end of a window: the zero time means no bound,
// given to queries as 9999-12-31 (sqlite's counterpart is untilNano).
func untilTime(t time.Time) time.Time {
	if t.IsZero() {
		return time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
	}
	return t
}

// utc returns t from the database in UTC; the stored zero time comes back
// as the zero Time.
func utc(t time.Time) time.Time {
	t = t.UTC()
	if t.IsZero() {
		return time.Time{}
	}
	return t
}
