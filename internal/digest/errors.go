package digest

import (
	"errors"
	"fmt"
	"log/slog"
)

// Sentinel errors shared by the core and its adapters. Adapters translate
// their own errors (sql.ErrNoRows, HTTP statuses) into these at their boundary.
var (
	ErrNotFound  = errors.New("not found")
	ErrDuplicate = errors.New("duplicate")
	ErrForbidden = errors.New("forbidden")
	// ErrLimit: a store refused to add a row past a limit (see
	// MaxChannelSchedules).
	ErrLimit = errors.New("limit reached")
	// ErrNoSpace: a store write failed for lack of disk space (SQLite
	// SQLITE_FULL, ENOSPC, PostgreSQL 53100). Writing more will fail too:
	// stop, say so once, and let the operator free space.
	ErrNoSpace = errors.New("no space left for the store")
	// ErrCorrupt: the store's data is damaged (SQLite "database disk image
	// is malformed"). Only a restore or a rebuild helps.
	ErrCorrupt = errors.New("store is damaged")
	// ErrLockLost: a store's IngestLocker lock was lost while held (its
	// connection died), so PutArticle stored nothing; the caller takes
	// the lock again and matches the article's story again.
	ErrLockLost = errors.New("ingest lock lost")
)

// ErrorCode classifies an application error. It decides what a user is told
// and at which level the error is logged; see ErrorCodeOf and LogLevel.
type ErrorCode string

// Error codes. A user error (usage, not found, forbidden) is the user's to
// fix and is logged at INFO; unavailable is an outside system failing and is
// logged at WARN; internal, and any error that is not an *Error, is a bug or
// an unexpected failure of ours and is logged at ERROR.
const (
	CodeUsage       ErrorCode = "usage"       // the command or its input is wrong
	CodeNotFound    ErrorCode = "not_found"   // what the user named does not exist
	CodeForbidden   ErrorCode = "forbidden"   // the user may not do this here
	CodeUnavailable ErrorCode = "unavailable" // an outside system (a site, a feature) is unavailable
	CodeInternal    ErrorCode = "internal"    // anything else
)

// Error is an error whose Message is safe to show to a chat user. The cause,
// which may hold internal detail, is only logged.
type Error struct {
	Code    ErrorCode
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

// ErrorCodeOf returns the code of the first *Error in err's chain, or
// CodeInternal for any other non-nil error, or "" for nil.
func ErrorCodeOf(err error) ErrorCode {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) && e.Code != "" {
		return e.Code
	}
	return CodeInternal
}

// IsUserError reports whether err is the user's to fix (a usage, not-found
// or forbidden error): the answer says what to do and nothing is wrong with
// the bot.
func IsUserError(err error) bool {
	switch ErrorCodeOf(err) {
	case CodeUsage, CodeNotFound, CodeForbidden:
		return true
	}
	return false
}

// LogLevel is the one rule for the level at which every adapter logs a
// failed command: INFO for user errors, WARN for unavailable outside
// systems, ERROR for everything else.
func LogLevel(err error) slog.Level {
	switch code := ErrorCodeOf(err); {
	case IsUserError(err):
		return slog.LevelInfo
	case code == CodeUnavailable:
		return slog.LevelWarn
	default:
		return slog.LevelError
	}
}

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
	return &Error{Code: CodeUsage, Message: fmt.Sprintf(format, args...)}
}
