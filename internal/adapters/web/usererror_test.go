package web

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"testing"

	"github.com/newsdigest/bot/internal/digest"
)

func TestUserError(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"blocked", &BlockedAddressError{Addr: netip.MustParseAddrPort("127.0.0.1:80"), Reason: errors.New("loopback")}, "not allowed"},
		{"scheme", &SchemeError{Scheme: "file"}, "only http and https"},
		{"too large", &TooLargeError{Limit: 5 << 20}, "larger than 5 MB"},
		{"status", &StatusError{Code: 404, URL: "https://example.com/x"}, "HTTP 404"},
		{"content type", &ContentTypeError{ContentType: "application/pdf"}, "not an HTML page"},
		{"redirects", ErrTooManyRedirects, "redirects too many times"},
		{"empty", ErrNoContent, "no article text"},
		{"timeout", context.DeadlineExceeded, "too long"},
		{"other", errors.New("tls: handshake failure with secret-token"), "could not be fetched"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := userError(fmt.Errorf("fetch page: %w", tt.err))
			var e *digest.Error
			if !errors.As(err, &e) || !strings.Contains(e.Message, tt.want) {
				t.Fatalf("userError = %v, want a *digest.Error saying %q", err, tt.want)
			}
			if strings.Contains(e.Message, "secret-token") || strings.Contains(e.Message, "example.com") {
				t.Fatalf("message leaks detail: %q", e.Message)
			}
			if !errors.Is(err, tt.err) {
				t.Fatal("cause not kept for the logs")
			}
		})
	}
}
