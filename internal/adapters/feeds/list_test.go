package feeds

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsdigest/bot/internal/testutil/urltest"
)

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseOPML(t *testing.T) {
	got, err := ParseOPML(bytes.NewReader(readFile(t, "subscriptions.opml")))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"https://courier.example/rss.xml", "https://corvel.example/feed", "https://diario.example/atom.xml"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %v, want %v", got, want)
	}

	bad := map[string]string{
		"not xml":      "feeds, please",
		"not opml":     "<rss><channel/></rss>",
		"unclosed":     "<opml><body><outline xmlUrl='https://a.example/f'>",
		"file url":     `<opml><body><outline xmlUrl="file:///etc/passwd"/></body></opml>`,
		"relative url": `<opml><body><outline xmlUrl="/feed.xml"/></body></opml>`,
	}
	for name, doc := range bad {
		t.Run(name, func(t *testing.T) {
			if _, err := ParseOPML(strings.NewReader(doc)); err == nil {
				t.Error("no error")
			}
		})
	}
}

func TestReadFeedList(t *testing.T) {
	got, err := ReadFeedList(bytes.NewReader(readFile(t, "feeds.txt")))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"https://courier.example/rss.xml", "https://diario.example/atom.xml", "https://www.ledger.example/feed.json"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %v, want %v", got, want)
	}
	_, err = ReadFeedList(strings.NewReader("https://a.example/feed\nftp://b.example/feed\n"))
	if err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("err = %v, want a line-2 error", err)
	}
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

func FuzzParseOPML(f *testing.F) {
	f.Add(readFile(f, "subscriptions.opml"))
	f.Add([]byte(`<opml><body><outline><outline xmlUrl="http://a.example/"/></outline></body></opml>`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		defer watchdog(doc)()
		urls, err := ParseOPML(bytes.NewReader(doc))
		if err != nil {
			return
		}
		for _, u := range urls {
			if msg := urltest.NotHTTP(u, false); msg != "" {
				t.Fatalf("returned URL %q: %s", u, msg)
			}
		}
	})
}
