package digest

import (
	"errors"
	"fmt"
)

// Sentinel errors shared by the core and its adapters. Adapters translate
// their own errors (sql.ErrNoRows, HTTP statuses) into these at their boundary.
var (
	ErrNotFound  = errors.New("not found")
	ErrDuplicate = errors.New("duplicate")
	ErrForbidden = errors.New("forbidden")
)

// Error is an error whose Message is safe to show to a chat user. The cause,
// which may hold internal detail, is only logged.
type Error struct {
	Code    string // "usage", "not_found", "forbidden", "unavailable", "internal"
	Message string // safe for users
	Err     error  // cause, for logs
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %v", e.Message, e.Err)
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// UserMessage returns the text to show a user for err: the Message of an
// *Error anywhere in the chain, or a generic apology.
func UserMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "Sorry, something went wrong on our side. Please try again in a moment."
}

func usageError(format string, args ...any) error {
	return &Error{Code: "usage", Message: fmt.Sprintf(format, args...)}
}
