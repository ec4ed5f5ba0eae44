package sqlite

import (
	"context"
	"os"
	"runtime"
	"testing"
	"time"
)

func TestZZExplore(t *testing.T) {
	path := os.Getenv("EXPLORE_DB")
	if path == "" {
		t.Skip()
	}
	s, err := Open(context.Background(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	runtime.LockOSThread()
	run := func(name, q string, args ...any) {
		best, bestCPU := time.Hour, time.Hour
		n := 0
		for range 3 {
			t0, c0 := time.Now(), threadCPU()
			rows, err := s.r.Query(q, args...)
			if err != nil {
				t.Fatal(name, err)
			}
			n = 0
			for rows.Next() {
				n++
			}
			rows.Close()
			best = min(best, time.Since(t0))
			bestCPU = min(bestCPU, threadCPU()-c0)
		}
		t.Logf("%-40s rows=%4d wall=%v cpu=%v", name, n, best, bestCPU)
	}
	for _, e := range []string{`("president")`, `("president" AND "mexico")`, `("president" OR "mexico")`} {
		run("capped+join "+e, `SELECT id, s FROM (SELECT articles_fts.rowid id, bm25(articles_fts, 5, 1) s FROM articles_fts JOIN articles f ON f.id = articles_fts.rowid WHERE articles_fts MATCH ? AND f.published >= ? AND articles_fts.rowid >= ? ORDER BY articles_fts.rowid DESC LIMIT 5000) ORDER BY s LIMIT 20`, e, 0, 90000)
		run("capped+join nobound "+e, `SELECT id, s FROM (SELECT articles_fts.rowid id, bm25(articles_fts, 5, 1) s FROM articles_fts JOIN articles f ON f.id = articles_fts.rowid WHERE articles_fts MATCH ? AND f.published >= ? ORDER BY articles_fts.rowid DESC LIMIT 5000) ORDER BY s LIMIT 20`, e, int64(1735689600)*1e9+int64(1e9)*3600*24*300)
	}
	run("window", `SELECT min(id), max(id) FROM articles WHERE published >= ? AND published < ?`, int64(1735689600)*1e9, int64(1735689600)*1e9+int64(1e9)*3600*24*365)
	run("quotes sheinbaum", `SELECT rowid, bm25(quotes_fts) s FROM quotes_fts WHERE quotes_fts MATCH '{speaker}: ("sheinbaum")' ORDER BY s LIMIT 20`)
	run("quotes count sheinbaum", `SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH '{speaker}: ("sheinbaum")'`)
	run("quotes president", `SELECT rowid, bm25(quotes_fts) s FROM quotes_fts WHERE quotes_fts MATCH '{text}: ("president" OR "mexico")' ORDER BY s LIMIT 20`)
	run("quotes count president", `SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH '{text}: ("president" OR "mexico")'`)
	rows, err := s.r.Query(`EXPLAIN QUERY PLAN SELECT id, s FROM (SELECT rowid id, bm25(articles_fts, 5, 1) s FROM articles_fts JOIN articles f ON f.id = articles_fts.rowid WHERE articles_fts MATCH ? AND f.published > 0 AND articles_fts.rowid >= 5 ORDER BY articles_fts.rowid DESC LIMIT ?) ORDER BY s LIMIT 20`, `("x")`, 10)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var a, b, c int
		var d string
		rows.Scan(&a, &b, &c, &d)
		t.Log(d)
	}
	rows.Close()
}
