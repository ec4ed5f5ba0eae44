package similar

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func langDoc(lang, title, body string) Doc {
	d := NewDocText(title, body, toks(title), toks(body), time.Time{})
	d.Lang = lang
	return d
}

func TestCrossKeys(t *testing.T) {
	got := CrossKeys("Nueve muertos por inundaciones en Yakarta",
		"Las lluvias torrenciales dejaron nueve muertos en la capital de Indonesia, informó la agencia Bnpb.")
	for _, want := range []string{"n:jakarta", "n:indonesia", "c:flood", "c:dead", "q:9:dead"} {
		if !slices.Contains(got, want) {
			t.Errorf("CrossKeys = %q, want %q among them", got, want)
		}
	}
	for _, bad := range []string{"n:las", "n:nueve", "n:2020"} {
		if slices.Contains(got, bad) {
			t.Errorf("CrossKeys = %q: %q is no key", got, bad)
		}
	}
}

// TestCrossLanguage checks that an English and a Spanish report of one
// event join, while two different events that share a country do not.
func TestCrossLanguage(t *testing.T) {
	en := langDoc("en", "Nine dead as floods hit Jakarta",
		"At least nine people died after torrential rain flooded Jakarta, the capital of Indonesia, officials said on Wednesday.")
	es := langDoc("es", "Nueve muertos por inundaciones en Yakarta",
		"Las lluvias torrenciales dejaron nueve muertos en la capital de Indonesia, informaron las autoridades el miércoles.")
	other := langDoc("es", "Indonesia firma un acuerdo comercial con Japón",
		"El presidente de Indonesia, Joko Widodo, firmó en Tokio un acuerdo comercial con el gobierno de Japón.")
	if !SameStory(en, es) {
		t.Errorf("SameStory(en, es) = false, want the same event; keys %q / %q", en.Keys, es.Keys)
	}
	if SameStory(en, other) {
		t.Errorf("SameStory(en, other) = true: a country in common is not one event")
	}
	if got := MatchStory(es, []Doc{withStory(en, 1)}); got != 0 {
		t.Errorf("MatchStory(es, [en]) = %d, want 0", got)
	}
	if got := MatchStory(other, []Doc{withStory(en, 1)}); got != -1 {
		t.Errorf("MatchStory(other, [en]) = %d, want -1", got)
	}
	// Without languages (signatures of version 1) nothing is compared
	// across languages.
	en.Lang, es.Lang = "", ""
	if SameStory(en, es) {
		t.Error("SameStory without languages = true")
	}
}

func BenchmarkCrossKeys(b *testing.B) {
	body := strings.Repeat(quakeA1+"\n\n", 10)
	b.ReportAllocs()
	for b.Loop() {
		CrossKeys("Quake kills 3 in northern Chile", body)
	}
}

func TestSignatureLang(t *testing.T) {
	for _, lang := range []string{"", "en", "es"} {
		d := langDoc(lang, "Quake kills 3", quakeA1)
		if got := SignatureLang(d.AppendSignature(nil)); got != lang {
			t.Errorf("SignatureLang = %q, want %q", got, lang)
		}
	}
	for _, bad := range [][]byte{nil, {2}, {2, 0, 0, 0, 0, 0, 0, 0, 0, 9, 'e'}} {
		if got := SignatureLang(bad); got != "" {
			t.Errorf("SignatureLang(%x) = %q, want \"\"", bad, got)
		}
	}
}
