package slackbot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"

	"github.com/newsdigest/bot/internal/backoff"
	"github.com/newsdigest/bot/internal/logattr"
)

// runSocket keeps a Socket Mode connection up until ctx ends: slack-go
// reconnects after dropped connections and disconnect requests; when its
// loop gives up, runSocket starts it again after a growing pause, except
// when Slack refuses the tokens.
func (a *Adapter) runSocket(ctx context.Context) error {
	client := socketmode.New(a.api, socketmode.OptionPingInterval(a.cfg.PingInterval))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-ctx.Done():
				return
			case evt := <-client.Events:
				a.handleSocketEvent(ctx, client, evt)
			}
		}
	}()
	defer func() { cancel(); <-done }()

	for failures := 1; ; failures++ {
		err := client.RunContext(ctx)
		if ctx.Err() != nil {
			return nil
		}
		pause := backoff.Exponential(time.Second, time.Minute, failures)
		if fatalAuth(err) {
			return fmt.Errorf("slack socket mode: %w (check SLACK_APP_TOKEN and SLACK_BOT_TOKEN)", err)
		}
		a.log.WarnContext(ctx, "slack: socket mode stopped; reconnecting", logattr.KeyError, err, "pause", pause.String())
		t := time.NewTimer(pause)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		}
	}
}

// fatalAuth reports errors that retrying cannot fix.
func fatalAuth(err error) bool {
	if err == nil {
		return false
	}
	var se slack.SlackErrorResponse
	if errors.As(err, &se) {
		switch se.Err {
		case "invalid_auth", "not_authed", "token_revoked", "account_inactive", "not_allowed_token_type":
			return true
		}
	}
	switch err.Error() {
	case "invalid_auth", "not_authed", "token_revoked", "account_inactive", "not_allowed_token_type":
		return true
	}
	return false
}

// handleSocketEvent acknowledges a Socket Mode request first, then handles it.
func (a *Adapter) handleSocketEvent(ctx context.Context, client *socketmode.Client, evt socketmode.Event) {
	switch evt.Type {
	case socketmode.EventTypeConnecting:
		a.log.DebugContext(ctx, "slack: socket mode connecting")
	case socketmode.EventTypeConnected:
		n := 0
		if ce, ok := evt.Data.(*socketmode.ConnectedEvent); ok {
			n = ce.ConnectionCount
		}
		a.log.InfoContext(ctx, "slack: socket mode connected", "connection_count", n)
	case socketmode.EventTypeConnectionError:
		if ce, ok := evt.Data.(*slack.ConnectionErrorEvent); ok {
			a.log.WarnContext(ctx, "slack: socket mode connection failed", logattr.KeyAttempt, ce.Attempt,
				"backoff", ce.Backoff.String(), logattr.KeyError, ce.ErrorObj)
		}
	case socketmode.EventTypeInvalidAuth:
		a.log.ErrorContext(ctx, "slack: socket mode refused the app token")
	case socketmode.EventTypeDisconnect:
		a.log.InfoContext(ctx, "slack: socket mode disconnect requested; reconnecting")
	case socketmode.EventTypeErrorBadMessage:
		// An envelope slack-go cannot parse (e.g. an event type we do not
		// handle): acknowledge it anyway so Slack does not redeliver it.
		if bm, ok := evt.Data.(*socketmode.ErrorBadMessage); ok {
			var env struct {
				EnvelopeID string `json:"envelope_id"`
			}
			if json.Unmarshal(bm.Message, &env) == nil && env.EnvelopeID != "" {
				a.ack(ctx, client, env.EnvelopeID, nil)
			}
			a.log.DebugContext(ctx, "slack: unparsed socket mode message", logattr.KeyError, bm.Cause)
		}
	case socketmode.EventTypeSlashCommand:
		sc, ok := evt.Data.(slack.SlashCommand)
		if !ok || evt.Request == nil {
			return
		}
		a.ack(ctx, client, evt.Request.EnvelopeID, a.startSlash(sc))
	case socketmode.EventTypeEventsAPI:
		if evt.Request == nil {
			return
		}
		a.ack(ctx, client, evt.Request.EnvelopeID, nil)
		ev, ok := evt.Data.(slackevents.EventsAPIEvent)
		if !ok {
			return
		}
		if cb, ok := ev.Data.(*slackevents.EventsAPICallbackEvent); ok && cb.EventID != "" {
			if !a.events.Add(cb.EventID) {
				a.log.DebugContext(ctx, "slack: duplicate event ignored", logattr.KeyEvent, cb.EventID,
					logattr.KeyAttempt, evt.Request.RetryAttempt)
				return
			}
		}
		a.handleCallback(ev)
	case socketmode.EventTypeInteractive:
		if evt.Request != nil {
			a.ack(ctx, client, evt.Request.EnvelopeID, nil)
		}
	}
}

// ack acknowledges envelope id with payload (nil for none).
func (a *Adapter) ack(ctx context.Context, client *socketmode.Client, id string, payload any) {
	if err := client.AckCtx(ctx, id, payload); err != nil {
		a.log.WarnContext(ctx, "slack: socket mode ack failed", logattr.KeyEvent, id, logattr.KeyError, err)
	}
}
