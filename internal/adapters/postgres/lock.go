package postgres

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/logattr"
)

// ingestLockClass is the first key of the advisory lock LockIngest takes;
// the second is the schema's hash, as for migrations.
const ingestLockClass int32 = 0x696e6773 // "ings"

var _ digest.IngestLocker = (*Store)(nil)

// ingestLock is the connection LockIngest holds its session lock on,
// opened on first use. It is not taken from the pool, so that a pool of
// one connection can still run the queries made under the lock.
type ingestLock struct {
	mu   sync.Mutex // held from LockIngest to its unlock
	conn *pgx.Conn
	// held is true from LockIngest to its unlock, and pid is then the
	// backend process of conn, whose session holds the lock: PutArticle
	// checks that it still does (see lockLost).
	held atomic.Bool
	pid  atomic.Uint32
}

// lockAttempts is how many connections LockIngest tries: a lock
// connection found dead (killed by an administrator, a restarted server or
// proxy) is replaced once at once.
const lockAttempts = 2

// LockIngest implements digest.IngestLocker with a session advisory lock
// keyed by the schema: every process on the schema waits for it, so story
// matching and storing run one article at a time across processes. A
// process that dies releases it with its session. The lock lives on a
// connection of its own; one found dead is replaced. If it dies while the
// lock is held, the next PutArticle fails with digest.ErrLockLost, storing
// nothing, and the Service takes the lock again.
func (s *Store) LockIngest(ctx context.Context) (func(), error) {
	l := &s.lock
	l.mu.Lock()
	for attempt := 1; ; attempt++ {
		err := s.lockOnce(ctx)
		if err == nil {
			break
		}
		if ctx.Err() != nil || attempt == lockAttempts {
			l.mu.Unlock()
			return nil, err
		}
		s.logger.Warn("ingest lock connection lost; reconnecting", logattr.KeyError, err)
	}
	l.held.Store(true)
	return func() {
		l.held.Store(false)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if _, err := l.conn.Exec(ctx, `SELECT pg_advisory_unlock($1, $2)`, ingestLockClass, s.schemaKey); err != nil {
			// Ending the session releases the lock.
			s.logger.WarnContext(ctx, "ingest unlock failed; closing its connection", logattr.KeyError, err)
			s.dropLockConn()
		}
		l.mu.Unlock()
	}, nil
}

// lockOnce takes the lock on the lock connection, connecting first when
// there is none; a failure closes the connection. The caller holds
// s.lock.mu.
func (s *Store) lockOnce(ctx context.Context) error {
	l := &s.lock
	if l.conn == nil || l.conn.IsClosed() {
		c, err := pgx.ConnectConfig(ctx, s.connCfg)
		if err != nil {
			return fmt.Errorf("ingest lock: connect: %w", redact(err, s.connCfg.Password))
		}
		l.conn = c
	}
	if _, err := l.conn.Exec(ctx, `SELECT pg_advisory_lock($1, $2)`, ingestLockClass, s.schemaKey); err != nil {
		s.dropLockConn()
		return fmt.Errorf("ingest lock: %w", err)
	}
	l.pid.Store(l.conn.PgConn().PID())
	return nil
}

// lockLost reports whether this store's ingest lock is held by a caller
// and yet its session no longer holds it (its connection died): the story
// matching done under it may have missed an article another process
// stored meanwhile.
func (s *Store) lockLost(ctx context.Context) (bool, error) {
	if !s.lock.held.Load() {
		return false, nil
	}
	var held bool
	err := s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_locks
		WHERE locktype = 'advisory' AND pid = $1 AND classid = $2::int8::oid AND objid = $3::int8::oid
			AND objsubid = 2 AND granted)`,
		int32(s.lock.pid.Load()), int64(uint32(ingestLockClass)), int64(uint32(s.schemaKey))).Scan(&held)
	if err != nil {
		return false, fmt.Errorf("check ingest lock: %w", err)
	}
	return !held, nil
}

// dropLockConn closes the lock connection; the caller holds s.lock.mu.
func (s *Store) dropLockConn() {
	if s.lock.conn != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = s.lock.conn.Close(ctx) // the session, and any lock, ends either way
		s.lock.conn = nil
	}
}

func (s *Store) closeIngestLock() {
	s.lock.mu.Lock()
	defer s.lock.mu.Unlock()
	s.dropLockConn()
}
