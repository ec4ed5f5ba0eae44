package slackbot

import (
	"context"
	"mime"
	"net/http"
	"time"

	"github.com/newsdigest/bot/internal/logattr"
)

// ReplayGuard remembers the signatures of the signed requests already
// served, so that a captured request replayed within Slack's five-minute
// signature window runs nothing. The SQLite and PostgreSQL stores
// implement it, which makes it span every process sharing the store.
type ReplayGuard interface {
	// FirstUse records key until expires and reports whether it was new:
	// not recorded, or recorded with an expiry at or before now. Safe
	// across processes.
	FirstUse(ctx context.Context, key string, now, expires time.Time) (bool, error)
}

// replayTTL is how long a request signature is remembered: Slack's
// five-minute window on either side of the request's timestamp, with a
// margin for clock skew.
const replayTTL = 11 * time.Minute

// replayed reports whether the signed request r was served before (its
// signature is recorded). Without Config.Replays, or when the guard
// fails, signatures are remembered by this process only.
func (a *Adapter) replayed(r *http.Request) bool {
	sig := r.Header.Get("X-Slack-Signature")
	if sig == "" {
		return false
	}
	if a.cfg.Replays != nil {
		now := a.cfg.Now()
		ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
		defer cancel()
		first, err := a.cfg.Replays.FirstUse(ctx, "slack:"+sig, now, now.Add(replayTTL))
		if err == nil {
			return !first
		}
		a.log.WarnContext(ctx, "slack: replay guard failed; checking this process only", logattr.KeyError, err)
	}
	return !a.signatures.Add(sig)
}

// isForm reports whether r declares a URL-encoded form body, the only
// kind Slack sends to the slash-command and interactivity endpoints.
func isForm(r *http.Request) bool {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && mt == "application/x-www-form-urlencoded"
}

// formOnce answers 400 to a request whose body is not a form and 409 to a
// replayed one, and reports whether r may be served.
func (a *Adapter) formOnce(w http.ResponseWriter, r *http.Request) bool {
	if !isForm(r) {
		http.Error(w, "want application/x-www-form-urlencoded", http.StatusBadRequest)
		return false
	}
	if a.replayed(r) {
		a.badRequest.Do(func() {
			a.log.WarnContext(r.Context(), "slack: rejected replayed request", logattr.KeyRequestPath, r.URL.Path, logattr.KeyRemote, r.RemoteAddr)
		})
		http.Error(w, "request already served", http.StatusConflict)
		return false
	}
	return true
}
