package discordbot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsdigest/bot/internal/logattr"
)

// Limits of the HTTP interactions endpoint.
const (
	maxInteractionBody = 1 << 20
	maxClockSkew       = 5 * time.Minute
)

// HTTPHandler is the HTTP interactions endpoint (the application's
// "Interactions Endpoint URL"). It answers 401 to any request whose
// Ed25519 signature does not verify against the public key or whose
// timestamp is more than 5 minutes off, PONG to PING, autocomplete at
// once, and a deferred response to commands, whose answer is then edited
// in over REST. It needs Config.PublicKey.
func (a *Adapter) HTTPHandler() http.Handler {
	return http.HandlerFunc(a.serveInteraction)
}

func (a *Adapter) serveInteraction(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if len(a.pubKey) == 0 || !a.fresh(r.Header.Get("X-Signature-Timestamp")) {
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return
	}
	if r.ContentLength > maxInteractionBody {
		http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxInteractionBody))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	if !discordgo.VerifyInteraction(r, a.pubKey) {
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return
	}
	i, err := decodeInteraction(body)
	if err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	var resp *discordgo.InteractionResponse
	var after func(context.Context)
	var base context.Context
	if !a.jobs.Do("interaction", func(ctx context.Context) { base = ctx; resp, after = a.prepare(ctx, i) }) {
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	if resp == nil {
		http.Error(w, "unsupported interaction type", http.StatusBadRequest)
		return
	}
	out, err := json.Marshal(resp)
	if err != nil {
		a.log.Error("encode discord interaction response", logattr.KeyError, err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	if _, err := w.Write(out); err != nil {
		a.log.Warn("write discord interaction response", logattr.KeyInteraction, i.ID, logattr.KeyError, err)
		return
	}
	// The answer edits the deferred response, so it starts only once that
	// response is on its way.
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
	if after != nil {
		a.later(base, i, after)
	}
}

// fresh reports whether the unix-seconds timestamp ts is within 5 minutes
// of now.
func (a *Adapter) fresh(ts string) bool {
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return false
	}
	d := a.now().Sub(time.Unix(sec, 0))
	return d <= maxClockSkew && d >= -maxClockSkew
}

// decodeInteraction parses an interaction payload.
func decodeInteraction(body []byte) (*discordgo.Interaction, error) {
	var i discordgo.Interaction
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&i); err != nil {
		return nil, err
	}
	return &i, nil
}
