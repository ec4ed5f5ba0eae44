package htmlextract

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	goldenfile "github.com/newsdigest/bot/internal/testutil/golden"
)

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestExtractArticle(t *testing.T) {
	a, err := ExtractReader(bytes.NewReader(readFile(t, "article.html")), "https://courier.example/news/ferry-line")
	if err != nil {
		t.Fatalf("ExtractReader: %v", err)
	}
	checks := []struct {
		name, got, want string
	}{
		{"title", a.Title, "Harbor council approves new ferry line"},
		{"source", a.Source, "The Lakeside Courier"},
		{"author", a.Author, "Marta Velloso"},
		{"language", a.Language, "en"},
		{"url", a.URL, "https://courier.example/news/ferry-line"},
		{"published", a.Published.Format(time.RFC3339), "2024-05-14T09:30:00Z"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	for _, junk := range []string{"Subscribe", "Copyright", "Most read", "Cookie", "Home"} {
		if strings.Contains(a.Body, junk) {
			t.Errorf("body keeps boilerplate %q", junk)
		}
	}
	paras := strings.Split(a.Body, "\n\n")
	if len(paras) != 5 {
		t.Errorf("got %d paragraphs, want 5:\n%s", len(paras), a.Body)
	}
	for i, p := range paras {
		if p == "" || strings.Contains(p, "\n") || strings.TrimSpace(p) != p {
			t.Errorf("paragraph %d badly formed: %q", i, p)
		}
	}
	golden(t, "article.body.golden", a.Body)
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	goldenfile.CheckString(t, filepath.Join("testdata", name), got)
}

func TestExtractFallbacks(t *testing.T) {
	body := strings.Repeat("<p>Mayor Lucía Ferrandiz opened the new library on Friday, saying the building would stay open late for students.</p>\n", 4)
	page := "<html><head><title>Library opens</title></head><body><article>" + body + "</article></body></html>"
	a, err := ExtractReader(strings.NewReader(page), "https://www.tribune.example/library")
	if err != nil {
		t.Fatal(err)
	}
	if a.Source != "tribune.example" {
		t.Errorf("Source = %q, want the host name", a.Source)
	}
	if a.Title != "Library opens" {
		t.Errorf("Title = %q", a.Title)
	}
	if !a.Published.IsZero() {
		t.Errorf("Published = %v, want zero", a.Published)
	}
}

func TestExtractCharsets(t *testing.T) {
	const text = "El alcalde Tomás Ibáñez dijo que la feria de México abrirá en otoño, según la señora Núñez."
	latin1, err := charmap.ISO8859_1.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	para := strings.Repeat("<p>"+text+"</p>", 4)
	cases := []struct {
		name string
		page string
	}{
		{"utf-8 without declaration", "<html><body><article>" + para + "</article></body></html>"},
		{"latin-1 meta charset", `<html><head><meta charset="iso-8859-1"></head><body><article>` + strings.Repeat("<p>"+latin1+"</p>", 4) + "</article></body></html>"},
		{"latin-1 http-equiv", `<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head><body><article>` + strings.Repeat("<p>"+latin1+"</p>", 4) + "</article></body></html>"},
		{"latin-1 undeclared", "<html><body><article>" + strings.Repeat("<p>"+latin1+"</p>", 4) + "</article></body></html>"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, err := ExtractReader(strings.NewReader(c.page), "https://diario.example/feria")
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(a.Body, "Tomás Ibáñez") || !strings.Contains(a.Body, "México") {
				t.Errorf("body not decoded to UTF-8: %q", a.Body)
			}
			if a.Language != "es" {
				t.Errorf("Language = %q, want es", a.Language)
			}
		})
	}
}

// TestExtractContentTypeCharset checks that the charset named by the
// content type decodes a page that declares none itself, and that a nil
// page URL leaves URL and Source empty.
func TestExtractContentTypeCharset(t *testing.T) {
	para := "<p>El concejal Ram\xf3n Ib\xe1\xf1ez present\xf3 el plan de transporte del valle ante los vecinos reunidos en la plaza.</p>"
	page := []byte("<html><body><article>" + strings.Repeat(para, 4) + "</article></body></html>")
	a, err := Extract(page, "text/html; charset=ISO-8859-1", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Body, "Ramón Ibáñez presentó") {
		t.Errorf("body not decoded with the content type's charset: %q", a.Body)
	}
	if a.URL != "" || a.Source != "" {
		t.Errorf("URL, Source = %q, %q; want both empty", a.URL, a.Source)
	}
}

func TestExtractRefusesEmpty(t *testing.T) {
	cases := map[string]string{
		"empty":       "",
		"no text":     "<html><body><nav><a href=/>Home</a></nav></body></html>",
		"only script": "<html><body><script>var x = 1;</script></body></html>",
	}
	for name, page := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := ExtractReader(strings.NewReader(page), "https://courier.example/x")
			if !errors.Is(err, ErrNoContent) {
				t.Fatalf("err = %v, want ErrNoContent", err)
			}
		})
	}
}

func FuzzExtract(f *testing.F) {
	f.Add(string(readFile(f, "article.html")))
	for _, page := range []string{"hovercard", "captions", "linklists", "navmenu", "notices"} {
		f.Add(string(readFile(f, "pages/"+page+".html")))
	}
	f.Add(`<p>A<span class="hover-card"><div>B</div></span><a>C</a>: <a>D</a></p><ul><li><a>E</a></ul><figure><img>F</figure>`)
	f.Add(`<div aria-hidden=true><p style="display:none">x</p></div><span role=tooltip>y</span><p>More: <a>z</a></p>`)
	f.Add("<html><body><p>Hello</p></body></html>")
	f.Add("<table><tr><td><p>x</td></tr></table><br><br>")
	f.Add("\xef\xbb\xbf<meta charset=shift_jis><p>\x82\xa0</p>")
	f.Add("")
	f.Fuzz(func(t *testing.T, page string) {
		done := make(chan struct{})
		go func() {
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				panic(fmt.Sprintf("HANG on %q", page))
			}
		}()
		defer close(done)
		a, err := ExtractReader(strings.NewReader(page), "https://fuzz.example/p")
		if err != nil {
			return
		}
		if strings.TrimSpace(a.Body) == "" {
			t.Fatal("success with an empty body")
		}
		if strings.Contains(a.Body, "\n\n\n") {
			t.Fatalf("body has empty paragraphs: %q", a.Body)
		}
	})
}

// longPage returns an article page of about words words, with boilerplate.
func longPage(words int) string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Valley farmers count the cost of the long drought</title>
<meta property="og:site_name" content="The Valley Ledger"><meta name="author" content="Ana Petrov">
<meta property="article:published_time" content="2024-08-02T07:15:00Z"></head><body>
<nav><a href="/">Home</a> <a href="/farming">Farming</a> <a href="/markets">Markets</a></nav><article><h1>Valley farmers count the cost of the long drought</h1>`)
	sentences := []string{
		"Farmers across the northern valley said on Thursday that the dry season had cut their harvest by almost a third.",
		`"We have never seen the river this low in August," said Tobias Erling, who grows barley near the old mill.`,
		"The regional water board has asked households to limit garden watering to two evenings a week.",
		"Officials expect the restrictions to last until the autumn rains return, according to a statement.",
		`"Every week without rain costs us more than we can recover," cooperative director Helena Saari told the Ledger.`,
		"Grain prices at the district market rose for the fifth week in a row.",
	}
	n := 0
	for p := 0; n < words; p++ {
		b.WriteString("<p>")
		for i := 0; i < 4; i++ {
			s := sentences[(p+i)%len(sentences)]
			fmt.Fprintf(&b, "%s ", s)
			n += len(strings.Fields(s))
		}
		b.WriteString("</p>\n")
	}
	b.WriteString(`</article><aside><h3>Most read</h3><ul><li><a href="/a">Fair postponed</a></li></ul></aside><footer>© The Valley Ledger</footer></body></html>`)
	return b.String()
}

func BenchmarkExtract(b *testing.B) {
	page := longPage(1000)
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		a, err := ExtractReader(strings.NewReader(page), "https://ledger.example/drought")
		if err != nil || len(a.Body) == 0 {
			b.Fatal(err)
		}
	}
}
