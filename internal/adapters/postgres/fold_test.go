package postgres

import (
	"context"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
)

// TestFoldMatchesFirstDefinition checks that newsbot_fold as migration
// 0004 defines it gives, character for character, what migration 0001's
// definition gives: the tsvectors stored before 0004 stay valid only so.
func TestFoldMatchesFirstDefinition(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	first, err := migrationFS.ReadFile("migrations/0001_init.sql")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?s)CREATE FUNCTION newsbot_fold\(t text\)(.*?\$\$.*?\$\$);`).FindSubmatch(first)
	if m == nil {
		t.Fatal("no newsbot_fold in 0001_init.sql")
	}
	if _, err := s.pool.Exec(ctx, `CREATE FUNCTION fold_0001(t text)`+string(m[1])); err != nil {
		t.Fatal(err)
	}
	list := regexp.MustCompile(`translate\(lower\(t\),\s*'([^']*)'`).FindSubmatch(first)
	if list == nil {
		t.Fatal("no translate list in 0001's newsbot_fold")
	}
	letters := []rune(string(list[1]))

	inputs := []string{"", " ", "plain ascii text", "México Ñandú Łódź Øre İstanbul ơ ǻ",
		"ÉLECTIONS À PARÍS", "tab\tnew\nline  two  spaces", "nbsp\u00a0é\u2003é", "trailing é ",
		" leading é", "é", "éé é", "“curly” — dash … café", string(list[1]), strings.ToUpper(string(list[1])),
		strings.Repeat("Báez dijo que el peaje del puente seguirá así. ", 50), "日本語 テキスト é"}
	for _, r := range letters {
		inputs = append(inputs, string(r), "x"+string(r)+"y", " "+string(r)+" ")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := append([]rune("abcXYZ019 \t\n.,'\"-\u00a0ßœæ"), letters...)
	for range 300 {
		var b strings.Builder
		for range rng.IntN(60) {
			b.WriteRune(alphabet[rng.IntN(len(alphabet))])
		}
		inputs = append(inputs, b.String())
	}
	rows, err := s.pool.Query(ctx, `SELECT x, newsbot_fold(x), fold_0001(x) FROM unnest($1::text[]) AS x`, inputs)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var in, got, want string
		if err := rows.Scan(&in, &got, &want); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("newsbot_fold(%q) = %q, 0001's definition gives %q", in, got, want)
		}
		n++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n != len(inputs) {
		t.Fatalf("compared %d inputs, want %d", n, len(inputs))
	}
}
