package postgres

import (
	"context"
	"fmt"
	"sync"
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
}

// LockIngest implements digest.IngestLocker with a session advisory lock
// keyed by the schema: every process on the schema waits for it, so story
// matching and storing run one article at a time across processes. A
// process that dies releases it with its session.
func (s *Store) LockIngest(ctx context.Context) (func(), error) {
	l := &s.lock
	l.mu.Lock()
	if l.conn == nil || l.conn.IsClosed() {
		c, err := pgx.ConnectConfig(ctx, s.connCfg)
		if err != nil {
			l.mu.Unlock()
			return nil, fmt.Errorf("ingest lock: connect: %w", redact(err, s.connCfg.Password))
		}
		l.conn = c
	}
	if _, err := l.conn.Exec(ctx, `SELECT pg_advisory_lock($1, $2)`, ingestLockClass, s.schemaKey); err != nil {
		s.dropLockConn()
		l.mu.Unlock()
		return nil, fmt.Errorf("ingest lock: %w", err)
	}
	return func() {
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
