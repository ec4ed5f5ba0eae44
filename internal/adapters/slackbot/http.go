package slackbot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"github.com/newsdigest/bot/internal/logattr"
)

// maxBodyBytes bounds a request from Slack; real ones are a few KB.
const maxBodyBytes = 1 << 20

// HTTPHandler serves Slack's HTTP requests: POST /slack/commands (slash
// commands), /slack/events (Events API) and /slack/interactivity. Every
// request must carry a valid signature made with the signing secret over
// its raw body and a timestamp within five minutes; any other request is
// answered 401 and has no effect. A command or interaction whose body is
// not a form is answered 400; one served before (a replay of its signed
// request) 409, with no effect. Events are answered once per event id.
func (a *Adapter) HTTPHandler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("POST /slack/commands", a.verified(a.serveCommand))
	mux.Handle("POST /slack/events", a.verified(a.serveEvents))
	mux.Handle("POST /slack/interactivity", a.verified(a.serveInteractivity))
	return mux
}

// verified checks the request signature before next sees the request. The
// raw body is read once, verified, and put back for parsing.
func (a *Adapter) verified(next func(w http.ResponseWriter, r *http.Request, body []byte)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
		if err != nil {
			http.Error(w, "request body too large or unreadable", http.StatusRequestEntityTooLarge)
			return
		}
		if err := a.verify(r.Header, body); err != nil {
			a.badRequest.Do(func() {
				a.log.WarnContext(r.Context(), "slack: rejected unsigned or invalid request", logattr.KeyRequestPath, r.URL.Path,
					logattr.KeyRemote, r.RemoteAddr, logattr.KeyReason, err.Error())
			})
			http.Error(w, "invalid signature", http.StatusUnauthorized)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next(w, r, body)
	})
}

// verify checks Slack's v0 signature over body and the timestamp window.
// The returned error names the reason and never holds the secret.
func (a *Adapter) verify(h http.Header, body []byte) error {
	if a.cfg.SigningSecret == "" {
		return errors.New("no signing secret configured")
	}
	sv, err := slack.NewSecretsVerifier(h, a.cfg.SigningSecret)
	if err != nil {
		return fmt.Errorf("signature headers: %w", err)
	}
	if _, err := sv.Write(body); err != nil {
		return fmt.Errorf("signature: %w", err)
	}
	if err := sv.Ensure(); err != nil {
		return fmt.Errorf("signature: %w", err)
	}
	return nil
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	if err := json.NewEncoder(w).Encode(v); err != nil {
		// The client went away; nothing useful to do.
		return
	}
}

// serveCommand acknowledges a slash command at once and answers it later
// through its response URL.
func (a *Adapter) serveCommand(w http.ResponseWriter, r *http.Request, _ []byte) {
	if !a.formOnce(w, r) {
		return
	}
	sc, err := slack.SlashCommandParse(r)
	if err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	writeJSON(w, a.startSlash(sc))
}

// serveEvents answers Events API requests: the url_verification challenge,
// and event callbacks, each event id handled once however often Slack
// retries it.
func (a *Adapter) serveEvents(w http.ResponseWriter, _ *http.Request, body []byte) {
	var outer struct {
		Type      string `json:"type"`
		Challenge string `json:"challenge"`
		EventID   string `json:"event_id"`
	}
	if err := json.Unmarshal(body, &outer); err != nil {
		http.Error(w, "bad json", http.StatusBadRequest)
		return
	}
	switch outer.Type {
	case slackevents.URLVerification:
		w.Header().Set("Content-Type", "text/plain")
		_, _ = io.WriteString(w, outer.Challenge)
		return
	case slackevents.CallbackEvent:
	default:
		w.WriteHeader(http.StatusOK)
		return
	}
	if outer.EventID != "" && !a.events.Add(outer.EventID) {
		a.log.Debug("slack: duplicate event ignored", logattr.KeyEvent, outer.EventID)
		w.WriteHeader(http.StatusOK)
		return
	}
	ev, err := slackevents.ParseEvent(json.RawMessage(body), slackevents.OptionNoVerifyToken())
	if err != nil {
		// An event type we did not subscribe to: acknowledge so Slack does
		// not retry it.
		a.log.Debug("slack: unhandled event", logattr.KeyEvent, outer.EventID, logattr.KeyError, err)
		w.WriteHeader(http.StatusOK)
		return
	}
	w.WriteHeader(http.StatusOK)
	a.handleCallback(ev)
}

// serveInteractivity acknowledges interactive payloads (the bot's messages
// hold only links, so there is nothing to do).
func (a *Adapter) serveInteractivity(w http.ResponseWriter, r *http.Request, _ []byte) {
	if !a.formOnce(w, r) {
		return
	}
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	var cb slack.InteractionCallback
	if err := json.Unmarshal([]byte(r.PostForm.Get("payload")), &cb); err == nil {
		a.log.DebugContext(r.Context(), "slack: interaction acknowledged", "type", string(cb.Type))
	}
	w.WriteHeader(http.StatusOK)
}

// runHTTP serves HTTPHandler on ListenAddr until ctx ends.
func (a *Adapter) runHTTP(ctx context.Context) error {
	if a.cfg.ListenAddr == "" {
		a.log.InfoContext(ctx, "slack: http mode without listen address; serve HTTPHandler elsewhere")
		<-ctx.Done()
		return nil
	}
	ln, err := net.Listen("tcp", a.cfg.ListenAddr)
	if err != nil {
		return fmt.Errorf("slack listen: %w", err)
	}
	srv := &http.Server{
		Handler:           a.HTTPHandler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	a.log.InfoContext(ctx, "slack: serving http", logattr.KeyAddr, ln.Addr().String())
	select {
	case err := <-errc:
		return fmt.Errorf("slack serve: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("slack http shutdown: %w", err)
	}
	return nil
}
