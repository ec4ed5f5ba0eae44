package sqlite

import (
	"context"
	"database/sql"
	"time"

	"github.com/newsdigest/bot/internal/logattr"
)

// Checkpoints. In WAL mode SQLite copies the log back into the database
// file (a checkpoint, with an fsync) inside whichever commit takes the log
// past wal_autocheckpoint pages, so that commit, normally well under a
// millisecond, takes tens. The store runs PASSIVE checkpoints from a
// connection of its own instead, checkpointInterval after a write, so that
// writers never wait for one; a PASSIVE checkpoint waits for nobody either
// (it copies what no reader still needs). The writer keeps a high
// wal_autocheckpoint as a backstop should the background checkpoints fall
// behind.
const (
	checkpointInterval = 250 * time.Millisecond
	backstopPages      = 20000    // about 80 MB of log at 4 KiB pages
	journalSizeLimit   = 64 << 20 // bytes of log file kept after a reset
)

// wrote notes a committed write for the checkpointer.
func (s *Store) wrote() {
	if s.dirty != nil {
		select {
		case s.dirty <- struct{}{}:
		default:
		}
	}
}

// checkpointLoop runs until ctx is done, checkpointing through c after
// writes, at most once per checkpointInterval.
func (s *Store) checkpointLoop(ctx context.Context, c *sql.DB, done chan<- struct{}) {
	defer close(done)
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.dirty:
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(checkpointInterval):
		}
		if _, err := c.ExecContext(ctx, "PRAGMA wal_checkpoint(PASSIVE)"); err != nil && ctx.Err() == nil {
			s.logger.WarnContext(ctx, "sqlite checkpoint failed", logattr.KeyError, err)
		}
	}
}
