package files

import (
	"errors"
	"strings"
	"testing"
	"time"
)

var now = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

func TestParseText(t *testing.T) {
	tests := []struct {
		name, in           string
		title, url, source string
		sample             bool
		published          time.Time
		body               string
		wantErr            string
	}{
		{name: "plain body kept byte for byte", in: "\nFirst paragraph.\nSecond: with a colon.\n",
			body: "\nFirst paragraph.\nSecond: with a colon.\n"},
		{name: "header", in: "# comment\nTitle: A title\nSource: Test Wire\nURL: https://t.example/a\nAge: 2h\nSample: true\n\nBody text.",
			title: "A title", url: "https://t.example/a", source: "Test Wire", sample: true, published: now.Add(-2 * time.Hour), body: "Body text."},
		{name: "published", in: "Title: T\nPublished: 2026-11-01T08:00:00Z\n\nBody.", title: "T", published: time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC), body: "Body."},
		{name: "first block is prose, not a header", in: "Mexico City: the mayor spoke.\nMore text.\n\nNext paragraph.",
			body: "Mexico City: the mayor spoke.\nMore text.\n\nNext paragraph."},
		{name: "crlf normalised", in: "Line one.\r\nLine two.\r\n", body: "Line one.\nLine two.\n"},
		{name: "bom dropped", in: "\xef\xbb\xbfText.", body: "Text."},
		{name: "bad published", in: "Title: T\nPublished: yesterday\n\nBody.", wantErr: "RFC 3339"},
		{name: "binary", in: "ELF\x00\x01", wantErr: "binary"},
		{name: "latin-1", in: "Se\xf1or", wantErr: "not UTF-8"},
		{name: "empty", in: " \n\n ", wantErr: "no text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ParseText([]byte(tt.in), now)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if a.Title != tt.title || a.URL != tt.url || a.Source != tt.source || a.Sample != tt.sample ||
				!a.Published.Equal(tt.published) || a.Body != tt.body {
				t.Fatalf("got %+v", a)
			}
		})
	}
	if _, err := ParseText([]byte("ELF\x00"), now); !errors.Is(err, ErrBinary) {
		t.Fatalf("binary input: %v, want ErrBinary", err)
	}
}

func TestLoadFormats(t *testing.T) {
	page, err := Load("testdata/page.html", now)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(page.Title, "Harbour ferry") || !strings.Contains(page.Body, "night service") ||
		strings.Contains(page.Body, "newsletter") || !strings.HasPrefix(page.URL, "file://") {
		t.Fatalf("html page: %+v", page)
	}
	items, err := LoadAll("testdata/feed.xml", now)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 2 || items[0].URL != "https://wire.example/a" || items[1].Title != "Second sample item" {
		t.Fatalf("feed items: %+v", items)
	}
	if _, err := Load("testdata", now); err == nil || !strings.Contains(err.Error(), "directory") {
		t.Fatalf("directory: %v", err)
	}
}

func TestRead(t *testing.T) {
	a, err := Read(strings.NewReader("From standard input."), "stdin", now)
	if err != nil || a.Body != "From standard input." || a.URL != "stdin:" {
		t.Fatalf("Read = %+v, %v", a, err)
	}
	if _, err := Read(strings.NewReader(strings.Repeat("a", MaxFileBytes+1)), "stdin", now); err == nil {
		t.Fatal("oversized input accepted")
	}
}

func FuzzParseText(f *testing.F) {
	for _, s := range []string{"Title: T\nAge: 1h\n\nBody.", "\nplain\n", "Published: x\n\n", "\x00", "# c\n\nb"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := ParseText(data, now)
		if err != nil {
			return
		}
		if strings.TrimSpace(a.Body) == "" {
			t.Fatal("accepted an empty body")
		}
		if strings.Contains(a.Body, "\r") {
			t.Fatal("carriage return left in body")
		}
	})
}
