package urls

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
)

func TestParseHTTP(t *testing.T) {
	tests := []struct {
		raw  string
		want bool
	}{
		{"https://example.com/a", true},
		{"HTTP://Example.com", true},
		{"http://example.com:8080/x?y=1", true},
		{"ftp://example.com/a", false},
		{"example.com/a", false},
		{"http:///path", false},
		{"http:opaque", false},
		{"/relative", false},
		{"", false},
		{"http://[::1", false},
	}
	for _, tt := range tests {
		if got := IsHTTP(tt.raw); got != tt.want {
			t.Errorf("IsHTTP(%q) = %v, want %v", tt.raw, got, tt.want)
		}
	}
}

func TestRedact(t *testing.T) {
	tests := []struct{ raw, want string }{
		{"https://user:pw@example.com/feed?token=s3cret#frag", "https://example.com/feed"},
		{"https://example.com/feed", "https://example.com/feed"},
		{"http://[::1", "(invalid URL)"},
		{"http://[::1]:80/%zz", "(invalid URL)"},
	}
	for _, tt := range tests {
		if got := Redact(tt.raw); got != tt.want {
			t.Errorf("Redact(%q) = %q, want %q", tt.raw, got, tt.want)
		}
	}
}

func TestRedactError(t *testing.T) {
	cause := errors.New("connection refused")
	err := fmt.Errorf("fetch: %w", &url.Error{Op: "Get", URL: "https://u:pw@example.com/x?key=s3cret", Err: cause})
	got := RedactError(err)
	if strings.Contains(got.Error(), "s3cret") || strings.Contains(got.Error(), "pw") {
		t.Errorf("secret left in %q", got)
	}
	if !errors.Is(got, cause) {
		t.Errorf("%v does not wrap its cause", got)
	}
	plain := errors.New("plain")
	if RedactError(plain) != plain {
		t.Error("an error without a URL changed")
	}
}

func TestHideError(t *testing.T) {
	secret := "https://hooks.example.com/T1/B2/s3cret"
	err := fmt.Errorf("post digest: %w", &url.Error{Op: "Post", URL: secret, Err: context.DeadlineExceeded})
	got := HideError(err)
	if strings.Contains(got.Error(), "s3cret") {
		t.Errorf("secret left in %q", got)
	}
	if want := `post digest: Post "<url>": context deadline exceeded`; got.Error() != want {
		t.Errorf("HideError = %q, want %q", got, want)
	}
	if !errors.Is(got, context.DeadlineExceeded) {
		t.Error("the cause is lost")
	}
	for e := error(got); e != nil; e = errors.Unwrap(e) {
		if strings.Contains(fmt.Sprint(e), "s3cret") {
			t.Errorf("the secret is reachable by unwrapping: %v", e)
		}
	}
}
