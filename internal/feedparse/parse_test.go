package feedparse

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/newsdigest/bot/internal/testutil/urltest"

	goldenfile "github.com/newsdigest/bot/internal/testutil/golden"
)

var parseNow = time.Date(2024, 6, 2, 12, 0, 0, 0, time.UTC)

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), got)
}

// TestParseGolden maps each fixture to articles and compares with the
// golden JSON (go test -run TestParseGolden -update to rewrite).
func TestParseGolden(t *testing.T) {
	cases := []struct {
		fixture, feedURL string
	}{
		{"rss.xml", "https://courier.example/rss.xml"},
		{"atom.xml", "https://diario.example/atom.xml"},
		{"feed.json", "https://www.ledger.example/feed.json"},
	}
	for _, c := range cases {
		t.Run(c.fixture, func(t *testing.T) {
			feed, err := parse(bytes.NewReader(readFile(t, c.fixture)), c.feedURL, parseNow)
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(feed, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden(t, c.fixture+".golden.json", append(got, '\n'))
		})
	}
}

func TestParseMapping(t *testing.T) {
	feed, err := parse(bytes.NewReader(readFile(t, "rss.xml")), "https://courier.example/rss.xml", parseNow)
	if err != nil {
		t.Fatal(err)
	}
	if feed.Title != "The Lakeside Courier" || feed.Language != "en" {
		t.Errorf("feed = %q / %q", feed.Title, feed.Language)
	}
	if len(feed.Items) != 3 {
		t.Fatalf("got %d items, want 3 (the link-less item skipped)", len(feed.Items))
	}
	full, storm, bakery := feed.Items[0], feed.Items[1], feed.Items[2]

	t.Run("full content item", func(t *testing.T) {
		if full.URL != "https://courier.example/news/ferry-line?utm_source=rss" {
			t.Errorf("URL = %q (fragment should go)", full.URL)
		}
		if full.GUID != "courier-1001" || full.Author != "Marta Velloso" || full.Source != "The Lakeside Courier" {
			t.Errorf("GUID/Author/Source = %q/%q/%q", full.GUID, full.Author, full.Source)
		}
		if want := time.Date(2024, 5, 14, 9, 30, 0, 0, time.UTC); !full.Published.Equal(want) {
			t.Errorf("Published = %v", full.Published)
		}
		if full.Snippet {
			t.Error("a full content:encoded body flagged as a snippet")
		}
		if strings.Contains(full.Body, "trackRead") || strings.Contains(full.Body, "<") {
			t.Errorf("body keeps markup or script: %q", full.Body)
		}
		paras := strings.Split(full.Body, "\n\n")
		if len(paras) != 4 { // the <br> splits the second paragraph
			t.Errorf("got %d paragraphs: %q", len(paras), full.Body)
		}
		if !strings.HasPrefix(paras[1], "\u201cThis line") {
			t.Errorf("entities not decoded: %q", paras[1])
		}
		if full.FeedURL != "https://courier.example/rss.xml" || !full.Fetched.Equal(parseNow) {
			t.Errorf("FeedURL/Fetched = %q/%v", full.FeedURL, full.Fetched)
		}
	})
	t.Run("relative link and snippet", func(t *testing.T) {
		if storm.URL != "https://courier.example/news/storm-road" {
			t.Errorf("URL = %q", storm.URL)
		}
		if storm.Title != "Storm closes coastal road & ferry pier" {
			t.Errorf("Title = %q", storm.Title)
		}
		if !storm.Snippet {
			t.Error("a one-sentence description not flagged as a snippet")
		}
	})
	t.Run("guid permalink, plain text, no date", func(t *testing.T) {
		if bakery.URL != "https://courier.example/news/bakery-prize" {
			t.Errorf("URL = %q", bakery.URL)
		}
		if !bakery.Published.Equal(parseNow) || !bakery.Undated {
			t.Errorf("Published = %v Undated = %v, want the fetch time", bakery.Published, bakery.Undated)
		}
		if want := "A family bakery in Corvel won first prize for its rye bread.\n\nOwner Sigrid Lund said the recipe came from her grandmother."; bakery.Body != want {
			t.Errorf("Body = %q", bakery.Body)
		}
	})
}

func TestParseFallbacks(t *testing.T) {
	atom, err := parse(bytes.NewReader(readFile(t, "atom.xml")), "https://diario.example/atom.xml", parseNow)
	if err != nil {
		t.Fatal(err)
	}
	if got := atom.Items[0].Published; !got.Equal(time.Date(2024, 6, 1, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("updated-only entry: Published = %v, want the update time", got)
	}
	if got := atom.Items[1].Published; !got.Equal(time.Date(2024, 5, 31, 6, 0, 0, 0, time.UTC)) {
		t.Errorf("Published = %v, want the published time in UTC", got)
	}
	if atom.Items[1].Title != "Nuevo horario del tren regional" || atom.Items[1].URL != "https://diario.example/transporte/horario" {
		t.Errorf("item = %q %q", atom.Items[1].Title, atom.Items[1].URL)
	}
	if atom.Language != "es" || atom.Items[0].Language != "es" {
		t.Errorf("language = %q", atom.Language)
	}

	js, err := parse(bytes.NewReader(readFile(t, "feed.json")), "https://www.ledger.example/feed.json", parseNow)
	if err != nil {
		t.Fatal(err)
	}
	if js.Items[0].Source != "ledger.example" {
		t.Errorf("Source = %q, want the host when the feed has no title", js.Items[0].Source)
	}
}

func TestParseMalformed(t *testing.T) {
	cases := map[string]string{
		"truncated xml": string(readFile(t, "malformed.xml")),
		"html page":     "<!DOCTYPE html><html><body><p>Not a feed</p></body></html>",
		"empty":         "",
		"broken json":   `{"version": "https://jsonfeed.org/version/1.1", "items": [`,
		"binary":        "\x00\x01\x02\xff",
	}
	for name, doc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(doc), "https://courier.example/rss.xml")
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("err = %v, want ErrMalformed", err)
			}
			t.Log(err)
		})
	}
}

// TestParseRepairsBadBytes checks that stray bytes in one item of a UTF-8
// XML feed (a Latin-1 letter, a Windows-1252 quote, a control character)
// are repaired and counted instead of costing the whole feed, and that
// feeds in another declared encoding are read as declared.
func TestParseRepairsBadBytes(t *testing.T) {
	rss := func(decl, title string) string {
		return decl + `<rss version="2.0"><channel><title>Diario</title>
<item><title>` + title + `</title><link>https://diario.example/1</link><description>Texto uno.</description></item>
<item><title>Valid item</title><link>https://diario.example/2</link><description>Texto dos.</description></item>
</channel></rss>`
	}
	cases := []struct {
		name, doc, wantTitle string
		wantRepaired         int
	}{
		{"latin-1 letter", rss(`<?xml version="1.0" encoding="UTF-8"?>`, "Caf\xe9 con leche"), "Café con leche", 1},
		{"cp1252 quotes, no declaration", rss("", "\x93Quoted\x94 and \x01 bell"), "“Quoted” and bell", 3},
		{"truncated sequence", rss(`<?xml version='1.0' encoding='utf-8'?>`, "A\xc3 B"), "AÃ B", 1},
		{"valid", rss(`<?xml version="1.0" encoding="UTF-8"?>`, "Año nuevo"), "Año nuevo", 0},
		{"declared latin-1", rss(`<?xml version="1.0" encoding="ISO-8859-1"?>`, "A\xf1o nuevo"), "Año nuevo", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			feed, err := Parse(strings.NewReader(c.doc), "https://diario.example/rss.xml")
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if len(feed.Items) != 2 {
				t.Fatalf("%d items, want both", len(feed.Items))
			}
			if got := feed.Items[0].Title; got != c.wantTitle {
				t.Errorf("title %q, want %q", got, c.wantTitle)
			}
			if feed.Repaired != c.wantRepaired {
				t.Errorf("Repaired = %d, want %d", feed.Repaired, c.wantRepaired)
			}
		})
	}
}

func TestHTMLToText(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"plain", "One line.", "One line."},
		{"plain paragraphs", "First\nstill first.\n\n\nSecond.", "First still first.\n\nSecond."},
		{"entities in plain text", "Fish &amp; chips", "Fish & chips"},
		{"paragraphs", "<p>A  b</p><p>c</p>", "A b\n\nc"},
		{"br and inline", "<div>x <b>bold</b><br/>y</div>", "x bold\n\ny"},
		{"script and style dropped", "<p>a</p><script>var s = '<p>';</script><style>p{}</style><p>b</p>", "a\n\nb"},
		{"list", "<ul><li>one</li><li>two</li></ul>", "one\n\ntwo"},
		{"nbsp", "<p>a&nbsp;&nbsp;b</p>", "a b"},
		{"zero-width space separates", "<p>Ciudad&#8203;de&#8203; México</p>", "Ciudad de México"},
		{"empty", "", ""},
		{"only tags", "<p></p><br>", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := htmlToText(c.in); got != c.want {
				t.Errorf("htmlToText(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	for _, name := range []string{"rss.xml", "atom.xml", "feed.json", "malformed.xml"} {
		f.Add(readFile(f, name))
	}
	f.Add([]byte(`<rss><channel><item><link>javascript:alert(1)</link><title>x</title></item></channel></rss>`))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[{"id":" HTTP://guid.example/a b ","title":"x"}]}`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		defer watchdog(doc)()
		feed, err := Parse(bytes.NewReader(doc), "https://fuzz.example/feed")
		if err != nil {
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("error does not wrap ErrMalformed: %v", err)
			}
			return
		}
		for _, it := range feed.Items {
			if msg := urltest.NotHTTP(it.URL, true); msg != "" {
				t.Fatalf("item URL %q: %s", it.URL, msg)
			}
			if it.Published.IsZero() {
				t.Fatal("item without a date")
			}
		}
	})
}

// watchdog panics, failing the fuzz run with the input, when the returned
// stop function is not called within 10 s: a parser must not hang.
func watchdog(doc []byte) (stop func()) {
	done := make(chan struct{})
	go func() {
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			panic(fmt.Sprintf("parser hung on %q", doc))
		}
	}()
	return func() { close(done) }
}

// feedWithItems returns an RSS document of n items with ~120-word bodies.
func feedWithItems(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>The Valley Ledger</title><link>https://ledger.example/</link><language>en</language>`)
	para := "<p>Farmers across the northern valley said on Thursday that the dry season had cut their harvest by almost a third, and the water board asked households to limit garden watering to two evenings a week.</p>"
	for i := range n {
		fmt.Fprintf(&b, `<item><title>Story number %d about the valley</title><link>https://ledger.example/news/%d</link><guid>ledger-%d</guid><pubDate>Fri, 02 Aug 2024 07:%02d:00 +0000</pubDate><description>Short summary %d.</description><content:encoded><![CDATA[%s%s%s%s]]></content:encoded></item>`,
			i, i, i, i%60, i, para, para, para, para)
	}
	b.WriteString(`</channel></rss>`)
	return b.Bytes()
}

func BenchmarkParse(b *testing.B) {
	doc := feedWithItems(100)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	for b.Loop() {
		feed, err := Parse(bytes.NewReader(doc), "https://ledger.example/rss.xml")
		if err != nil || len(feed.Items) != 100 {
			b.Fatal(err)
		}
	}
}

// FuzzRepairXML checks that a repaired UTF-8 XML document is valid UTF-8
// without forbidden control characters, needs no second repair, and that
// a document needing none comes back as it was.
func FuzzRepairXML(f *testing.F) {
	f.Add([]byte("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss>Caf\xe9 \x01</rss>"))
	f.Add([]byte("<rss>\x93q\x94 \xc3</rss>"))
	f.Add([]byte(`<?xml version="1.0" encoding="ISO-8859-1"?><rss>A\xf1o</rss>`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		out, n := repairXML(doc)
		if n == 0 {
			if !bytes.Equal(out, doc) {
				t.Fatal("changed a document while counting no repair")
			}
			return
		}
		if !utf8.Valid(out) {
			t.Fatalf("repaired document is not UTF-8: %q", out)
		}
		for _, r := range string(out) {
			if r < 0x20 && r != '\t' && r != '\n' && r != '\r' {
				t.Fatalf("control character %U kept", r)
			}
		}
		if again, m := repairXML(out); m != 0 || !bytes.Equal(again, out) {
			t.Fatalf("second repair changed %d bytes", m)
		}
	})
}
