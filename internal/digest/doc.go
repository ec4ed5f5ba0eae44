// Package digest is the core of the news-digest bot: the domain types
// (Article, Quote, Story, Digest, Schedule, Command, Reply), the Service that
// answers commands, and the small interfaces it consumes (Store, PageFetcher,
// Publisher, Clock).
//
// The core is pure: it must not import database drivers, network clients or
// platform SDKs, and it does no I/O of its own. Adapters under
// internal/adapters implement its interfaces and render its replies.
package digest
