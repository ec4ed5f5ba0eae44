package pgtest

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

func TestWithSearchPath(t *testing.T) {
	tests := []struct{ base, want string }{
		{"postgres://u@h:5432/db?sslmode=disable", "postgres://u@h:5432/db?search_path=s1&sslmode=disable"},
		{"postgresql://h/db", "postgresql://h/db?search_path=s1"},
		{"host=h dbname=db", "host=h dbname=db search_path=s1"},
	}
	for _, tt := range tests {
		if got := WithSearchPath(t, tt.base, "s1"); got != tt.want {
			t.Errorf("WithSearchPath(%q) = %q, want %q", tt.base, got, tt.want)
		}
	}
}

// TestSchema checks that a connection to Schema's URL creates its tables
// in the new schema.
func TestSchema(t *testing.T) {
	u := Schema(t, ServerURL(t), "newsbot_test_")
	ctx := context.Background()
	if err := Exec(ctx, u, `CREATE TABLE t (x int)`); err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var schema string
	if err := conn.QueryRow(ctx, `SELECT table_schema FROM information_schema.tables WHERE table_name = 't' AND table_schema = current_schema()`).Scan(&schema); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(schema, "newsbot_test_") {
		t.Errorf("table created in schema %q", schema)
	}
}
