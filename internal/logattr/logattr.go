// Package logattr is the program's one vocabulary of structured log keys.
//
// Every package logs through a *slog.Logger it is given and names its
// attributes with the keys below (snake_case), so operators' tools can read
// every line the same way: the error is always "error", a channel is always
// "channel_id", the platform is always "platform". Helpers build the common
// attributes so a call site cannot misspell a key. Secrets (tokens, signing
// secrets, webhook URLs, passwords in database URLs) never become attributes.
//
// It imports only the standard library, so the core may use it too.
package logattr

import (
	"log/slog"
	"time"
)

// Keys of structured log attributes. Add a key here before logging it.
const (
	KeyError       = "error"        // the error of a failed step
	KeyPlatform    = "platform"     // "slack", "discord" or "console"
	KeyCommand     = "command"      // the command's verb: "news", "quote", "digest add", …
	KeyChannel     = "channel_id"   // a platform channel id
	KeyUser        = "user_id"      // a platform user id
	KeyWorkspace   = "workspace_id" // a Slack team id or a Discord guild id
	KeySchedule    = "schedule_id"  // a stored schedule's id
	KeyRun         = "run"          // a scheduled run's key (schedule and local date)
	KeyFeed        = "feed"         // a feed URL, redacted
	KeyURL         = "url"          // a page URL, redacted
	KeyHost        = "host"         // a host name
	KeyArticle     = "article_id"   // a stored article's id
	KeyStory       = "story_id"     // a stored story's id
	KeyOwner       = "owner"        // this process's owner id for leases and claims
	KeyEvent       = "event_id"     // a platform event or envelope id
	KeyInteraction = "interaction_id"
	KeyDuration    = "duration" // how long a step took
	KeyRetryAfter  = "retry_after"
	KeyAttempt     = "attempt"
	KeyCount       = "count"
	KeyPath        = "path" // a local file path
	KeyAddr        = "addr" // a listening address
	KeyPanic       = "panic"
	KeyStack       = "stack"        // a goroutine's stack trace, after a panic
	KeyMessage     = "message_id"   // a platform message id
	KeyLocalDate   = "local_date"   // a schedule's date in its own time zone
	KeyDue         = "due"          // when a scheduled run was due
	KeyRequestPath = "request_path" // the path of an HTTP request received
	KeyShard       = "shard"        // a Discord gateway shard id
	KeyJob         = "job"          // what a background job does: a command verb, "dm", "interaction"
	KeySubsystem   = "subsystem"    // the part of the program that logs: "feeds", "scheduler", "store", …
	KeyStatus      = "status"       // an HTTP status code
	KeyRemote      = "remote"       // the remote address of an HTTP request received
	KeyReason      = "reason"       // why a step was refused or failed, in words
	KeyAttempts    = "attempts"     // how many attempts were made so far
	KeyFailures    = "failures"     // how many times in a row a step has failed
	KeyLate        = "late"         // how late a scheduled run is
	KeyGrace       = "grace"        // how late a scheduled run may still be delivered
	KeyPart        = "part"         // which message of a reply split in several, from 1
	KeyParts       = "parts"        // how many messages a reply was split into
	KeyShardCount  = "shard_count"  // how many Discord gateway shards there are
	KeyMigrations  = "migrations"   // the schema migrations applied, comma-separated
	KeyFeeds       = "feeds"        // a number of feeds
	KeyArticles    = "articles"     // a number of articles
	KeyStories     = "stories"      // a number of stories
	KeyQuotes      = "quotes"       // a number of quotes
	KeyRetryIn     = "retry_in"     // when a failed step is tried again
	KeySuppressed  = "suppressed"   // how many repeated log lines were left out since the last one
)

// Platform names used as the value of KeyPlatform.
const (
	Slack   = "slack"
	Discord = "discord"
	Console = "console"
)

// Err is the attribute of a failed step's error. A nil error gives an empty
// attribute, which slog drops.
func Err(err error) slog.Attr {
	if err == nil {
		return slog.Attr{}
	}
	return slog.String(KeyError, err.Error())
}

// Platform names the chat platform.
func Platform(name string) slog.Attr { return slog.String(KeyPlatform, name) }

// Channel is a platform channel id.
func Channel(id string) slog.Attr { return slog.String(KeyChannel, id) }

// Duration is how long a step took.
func Duration(d time.Duration) slog.Attr { return slog.Duration(KeyDuration, d) }
