// Package pgtest gives tests and benchmarks a scratch PostgreSQL: the
// server named by URLEnv and, on it, an empty schema of their own.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// URLEnv names the environment variable that gives the tests and
// benchmarks that need PostgreSQL a server URL, e.g.
// postgres://postgres@127.0.0.1:5432/test?sslmode=disable. Tests skip when
// it is unset, and fail when CI=true.
const URLEnv = "NEWSBOT_TEST_POSTGRES_URL"

// ServerURL returns the test server's URL from URLEnv. Without it tb is
// skipped, or fails when CI=true (CI must provide a server).
func ServerURL(tb testing.TB) string {
	tb.Helper()
	if u := os.Getenv(URLEnv); u != "" {
		return u
	}
	msg := URLEnv + " is not set: no PostgreSQL server to test against " +
		"(e.g. " + URLEnv + "=postgres://postgres@127.0.0.1:5432/test?sslmode=disable)"
	if os.Getenv("CI") == "true" {
		tb.Fatal(msg)
	}
	tb.Skip(msg)
	return ""
}

// Exec runs one statement on a fresh connection to base.
func Exec(ctx context.Context, base, sql string) error {
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, sql)
	return err
}

// WithSearchPath returns base (a URL or a key=value DSN) with the runtime
// parameter search_path set to schema.
func WithSearchPath(tb testing.TB, base, schema string) string {
	tb.Helper()
	if strings.HasPrefix(base, "postgres://") || strings.HasPrefix(base, "postgresql://") {
		u, err := url.Parse(base)
		if err != nil {
			tb.Fatalf("%s: not a valid URL", URLEnv)
		}
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		return u.String()
	}
	return base + " search_path=" + schema
}

// Schema creates on base an empty schema named prefix and a random
// suffix, dropped (with everything in it) when tb ends, and returns base
// with search_path set to it. Each test gets its own tables, so tests of
// several packages and processes can share the server at once.
func Schema(tb testing.TB, base, prefix string) string {
	tb.Helper()
	b := make([]byte, 8)
	rand.Read(b)
	schema := prefix + hex.EncodeToString(b)
	exec := func(sql string) error {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		return Exec(ctx, base, sql)
	}
	if err := exec(`CREATE SCHEMA ` + schema); err != nil {
		tb.Fatalf("create test schema: %v", err)
	}
	tb.Cleanup(func() {
		if err := exec(`DROP SCHEMA ` + schema + ` CASCADE`); err != nil {
			tb.Errorf("drop test schema %s: %v", schema, err)
		}
	})
	return WithSearchPath(tb, base, schema)
}
