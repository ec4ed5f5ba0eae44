package sqlite

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestMatchExpr(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"empty", "", ""},
		{"punctuation only", `"() * : ^`, ""},
		{"one word", "Mexico", `("mexico")`},
		{"words or-ed", "mexico energy", `("mexico" OR "energy")`},
		{"stop words dropped", "who is the president of Mexico?", `("president" OR "mexico")`},
		{"only stop words kept", "the who", `("the" OR "who")`},
		{"duplicates removed", "Oil oil OIL prices", `("oil" OR "prices")`},
		{"accents kept for the tokenizer", "México", `("méxico")`},
		{"fts keywords become words", "NEAR AND OR NOT", `("near")`},
		{"column filter syntax", "title:mexico {body}", `("title" OR "mexico" OR "body")`},
		{"prefix and boost syntax", "^mex* +city -rain", `("mex" OR "city" OR "rain")`},
		{"unbalanced quotes", `"mexico city`, `("mexico" OR "city")`},
		{"sql injection", `'; DROP TABLE articles; --`, `("drop" OR "table" OR "articles")`},
		{"digits", "G20 summit 2025", `("g20" OR "summit" OR "2025")`},
		{"invalid utf8", "\xffmexico\xfe", `("mexico")`},
		{"nul", "foo\x00bar", `("foo" OR "bar")`},
		{"capped terms", "w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 w13 w14",
			`("w1" OR "w2" OR "w3" OR "w4" OR "w5" OR "w6" OR "w7" OR "w8" OR "w9" OR "w10" OR "w11" OR "w12")`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := articleQuery(tc.text).any; got != tc.want {
				t.Errorf("articleQuery(%q).any = %s, want %s", tc.text, got, tc.want)
			}
		})
	}
}

func TestAllWordsForm(t *testing.T) {
	tests := []struct {
		name, text, speaker string
		article, quote      string
	}{
		{"one word", "mexico", "", "", ""},
		{"two words", "mexico energy", "", `("mexico" AND "energy")`, `{text} : ("mexico" AND "energy")`},
		{"quote words and speaker", "tolls", "Rosa Delgado", `("tolls")`,
			`{text} : ("tolls") AND {speaker} : ("rosa" AND "delgado")`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.speaker == "" {
				if got := articleQuery(tc.text).all; got != tc.article {
					t.Errorf("articleQuery(%q).all = %s, want %s", tc.text, got, tc.article)
				}
			}
			if got := quoteQuery(tc.text, tc.speaker).all; got != tc.quote {
				t.Errorf("quoteQuery(%q, %q).all = %s, want %s", tc.text, tc.speaker, got, tc.quote)
			}
		})
	}
}

func TestQuoteMatchExpr(t *testing.T) {
	tests := []struct {
		name, text, speaker, want string
	}{
		{"nothing", "", "", ""},
		{"text", "not for tolls", "", `{text} : ("tolls")`},
		{"speaker", "", "Rosa Delgado", `{speaker} : ("rosa" OR "delgado")`},
		{"both", "tolls", "Whitfield", `{text} : ("tolls") AND {speaker} : ("whitfield")`},
		{"hostile speaker", "tolls", `") OR {text}: (*`, `{text} : ("tolls") AND {speaker} : ("text")`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := quoteQuery(tc.text, tc.speaker).any; got != tc.want {
				t.Errorf("quoteQuery(%q, %q).any = %s, want %s", tc.text, tc.speaker, got, tc.want)
			}
		})
	}
}

// FuzzMatchExpr checks that any user text becomes either nothing or an
// expression FTS5 accepts, built only from quoted words.
func FuzzMatchExpr(f *testing.F) {
	for _, s := range []string{"mexico", `"`, "NEAR(a b)", "a* OR b", "{title}: x", "(((", "é\u0301", "\xff", "a\"b", "x:y"} {
		f.Add(s, "")
		f.Add("", s)
	}
	s, err := Open(context.Background(), ":memory:", nil)
	if err != nil {
		f.Fatal(err)
	}
	defer s.Close()
	f.Fuzz(func(t *testing.T, text, speaker string) {
		for _, w := range terms(text) {
			if w == "" || strings.ContainsAny(w, `"(){}*^:+-`) || !utf8.ValidString(w) {
				t.Fatalf("terms(%q) gave unsafe word %q", text, w)
			}
		}
		aq, qq := articleQuery(text), quoteQuery(text, speaker)
		for _, c := range []struct{ table, expr string }{
			{"articles_fts", aq.any}, {"articles_fts", aq.all}, {"quotes_fts", qq.any}, {"quotes_fts", qq.all},
		} {
			if c.expr == "" {
				continue
			}
			var n int
			if err := s.r.QueryRow(`SELECT count(*) FROM `+c.table+` WHERE `+c.table+` MATCH ?`, c.expr).Scan(&n); err != nil {
				t.Fatalf("text %q speaker %q: %s MATCH %s: %v", text, speaker, c.table, c.expr, err)
			}
		}
	})
}
