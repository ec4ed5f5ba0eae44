package digest

import (
	"context"
	"time"
)

// PruneStats counts what one Prune removed.
type PruneStats struct {
	Articles  int64 // articles deleted, with their index entries and story signatures
	Quotes    int64 // their quotes, deleted with them
	Delivered int64 // delivery records of stories that have no article left
	Reclaimed int64 // bytes returned to the file system (SQLite); 0 where the server manages space
}

// Pruner is implemented by stores that forget old articles (RETENTION).
type Pruner interface {
	// Prune deletes the articles published before before, with their
	// quotes, full-text and story-index entries, except every article of a
	// story delivered in a digest at or after before: a digest posted
	// within the retention period keeps its stories and their quotes. It
	// deletes at most batch articles per transaction (batch <= 0: a store
	// default) so commands and ingest are never blocked for long, stops
	// between batches when ctx ends, and then returns the space it can to
	// the file system.
	Prune(ctx context.Context, before time.Time, batch int) (PruneStats, error)
}
