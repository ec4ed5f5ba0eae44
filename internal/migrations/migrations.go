// Package migrations reads numbered SQL schema files ("0001_init.sql",
// "0002_feed_leases.sql", …) for the stores, which apply them in their own
// dialect. It does no I/O beyond the fs.FS it is given.
package migrations

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// Migration is one numbered schema file.
type Migration struct {
	Version int
	Name    string // file name, e.g. "0001_init.sql"
	SQL     string
}

// Load returns the migrations in directory dir of fsys, by version. Every
// file must be named NNNN_name.sql with a positive, unique number.
func Load(fsys fs.FS, dir string) ([]Migration, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	ms := make([]Migration, 0, len(entries))
	for _, e := range entries {
		name := e.Name()
		num, _, ok := strings.Cut(name, "_")
		if !ok || !strings.HasSuffix(name, ".sql") {
			return nil, fmt.Errorf("migration %q: want NNNN_name.sql", name)
		}
		v, err := strconv.Atoi(num)
		if err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %q: bad number", name)
		}
		b, err := fs.ReadFile(fsys, path.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("migration %q: %w", name, err)
		}
		ms = append(ms, Migration{Version: v, Name: name, SQL: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Version < ms[j].Version })
	for i := 1; i < len(ms); i++ {
		if ms[i].Version == ms[i-1].Version {
			return nil, fmt.Errorf("migration %q: duplicate number", ms[i].Name)
		}
	}
	return ms, nil
}

// Pending returns the migrations of ms (sorted by version, as Load gives
// them) after version current, the schema version a database records. It
// returns an error when current is newer than the last of ms: the
// database was migrated by a later program.
func Pending(ms []Migration, current int) ([]Migration, error) {
	if len(ms) > 0 {
		if last := ms[len(ms)-1].Version; current > last {
			return nil, fmt.Errorf("database schema version %d is newer than this program's %d", current, last)
		}
	}
	i := sort.Search(len(ms), func(i int) bool { return ms[i].Version > current })
	return ms[i:], nil
}

// Apply runs the migrations of ms after version current (see Pending), in
// order, through run, which executes one migration's SQL and records it in
// the caller's transaction. It returns the names of the migrations run, or
// the first error wrapped with its migration's name ("migrate
// 0002_feed_leases.sql: …"); a database newer than ms is an error too.
func Apply(ms []Migration, current int, run func(Migration) error) ([]string, error) {
	pending, err := Pending(ms, current)
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	var applied []string
	for _, m := range pending {
		if err := run(m); err != nil {
			return nil, fmt.Errorf("migrate %s: %w", m.Name, err)
		}
		applied = append(applied, m.Name)
	}
	return applied, nil
}
