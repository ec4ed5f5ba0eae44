package slackbot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/digest/urls"
	"github.com/newsdigest/bot/internal/logattr"
)

// Scheduled digests carry Slack message metadata so that Posted can find
// them in the channel's history: event type MetadataEventType and payload
// {MetadataKey: key}.
const (
	MetadataEventType = "newsdigest_scheduled_digest"
	MetadataKey       = "key"
)

// historyWindow is how far back Posted looks: a run is retried within its
// grace period, well inside two days.
const historyWindow = 48 * time.Hour

// HistoryConfig bounds the conversations.history reads of Posted. Slack
// allows commercially distributed apps that are not in the Marketplace one
// conversations.history call a minute, of at most 15 messages; the zero
// value keeps to that. Internal and Marketplace apps may raise Limit (up to
// 200 messages a call) and Pages and shorten Interval: HistoryFor gives the
// bounds of each kind of app.
type HistoryConfig struct {
	Limit    int           // messages a call; default 15
	Pages    int           // calls per lookup; default 1
	Interval time.Duration // least time between two calls; default 1 minute
}

// How a Slack app is distributed, which sets Slack's limits on its
// conversations.history calls (HistoryFor). The operator says which with
// SLACK_APP_DISTRIBUTION.
const (
	// DistributionCommercial: installed in other workspaces without being
	// in the Slack Marketplace: one call a minute, 15 messages a call
	// (since 2025). The default.
	DistributionCommercial = "commercial"
	// DistributionMarketplace: approved for the Slack Marketplace.
	DistributionMarketplace = "marketplace"
	// DistributionInternal: built by a workspace for itself.
	DistributionInternal = "internal"
)

// Bounds of the lookups of apps Slack does not restrict (Marketplace and
// internal apps): the method's Tier 3 rate (about 50 calls a minute) and
// 200 messages a call, up to 1,000 messages a lookup.
const (
	wideHistoryLimit    = 200
	wideHistoryPages    = 5
	wideHistoryInterval = time.Minute / 50
)

// HistoryFor returns the conversations.history bounds of an app distributed
// as distribution (one of the Distribution constants, in any case; ""
// means DistributionCommercial). An unknown value is an error naming
// SLACK_APP_DISTRIBUTION.
func HistoryFor(distribution string) (HistoryConfig, error) {
	switch strings.ToLower(strings.TrimSpace(distribution)) {
	case "", DistributionCommercial:
		return HistoryConfig{}.withDefaults(), nil
	case DistributionMarketplace, DistributionInternal:
		return HistoryConfig{Limit: wideHistoryLimit, Pages: wideHistoryPages, Interval: wideHistoryInterval}, nil
	}
	return HistoryConfig{}, fmt.Errorf("SLACK_APP_DISTRIBUTION: %q is not %s, %s or %s",
		distribution, DistributionCommercial, DistributionMarketplace, DistributionInternal)
}

func (h HistoryConfig) withDefaults() HistoryConfig {
	if h.Limit <= 0 {
		h.Limit = 15
	}
	h.Limit = min(h.Limit, 200)
	if h.Pages <= 0 {
		h.Pages = 1
	}
	if h.Interval <= 0 {
		h.Interval = time.Minute
	}
	return h
}

var _ digest.PostFinder = (*Adapter)(nil)

// Publish posts r to channel ch.ChannelID with chat.postMessage (scheduled
// digests). A user id (U…/W…) is first turned into a DM channel. With a
// key, the message carries it as metadata (see MetadataEventType) for
// Posted, and a key already published successfully by this process is a
// no-op. Rate limits are waited out (bounded); the returned error names the
// channel and never holds a token, so it may be stored as the schedule's
// last error.
func (a *Adapter) Publish(ctx context.Context, ch digest.Channel, r digest.Reply, key string) error {
	if err := checkChannel(ch); err != nil {
		return fmt.Errorf("slack publish: %w", err)
	}
	if key != "" && a.published.Has(key) {
		a.log.InfoContext(ctx, "slack: digest already published", logattr.KeyChannel, ch.ChannelID, logattr.KeyRun, key)
		return nil
	}
	var extra []slack.MsgOption
	if key != "" {
		extra = append(extra, slack.MsgOptionMetadata(slack.SlackMetadata{
			EventType:    MetadataEventType,
			EventPayload: map[string]any{MetadataKey: key},
		}))
	}
	if err := a.post(ctx, ch.ChannelID, render(r), "", extra...); err != nil {
		a.log.ErrorContext(ctx, "slack: publish failed", logattr.KeyChannel, ch.ChannelID, logattr.KeyRun, key, logattr.KeyError, err)
		return fmt.Errorf("slack publish to %s: %w", ch.ChannelID, err)
	}
	if key != "" {
		a.published.Add(key)
	}
	return nil
}

// Posted reports whether a scheduled digest published with key is in
// channel ch's recent history: a message of the last 48 hours carrying the
// metadata Publish sets, among the newest Config.History.Limit messages of
// each of at most Config.History.Pages calls. It implements
// digest.PostFinder, so a scheduler that crashed between posting and
// recording a digest does not post it twice. A key this process already
// published is found without a call. Calls are spaced by
// Config.History.Interval (waiting within ctx). It reads
// conversations.history, which needs the channels:history, groups:history
// or im:history scope for the channel's kind. A public channel is joined
// first (channels:join): the bot may post there through chat:write.public
// without being a member, and only members read. A channel the bot cannot
// read is an error.
func (a *Adapter) Posted(ctx context.Context, ch digest.Channel, key string) (bool, error) {
	if err := checkChannel(ch); err != nil {
		return false, fmt.Errorf("slack history: %w", err)
	}
	if key == "" {
		return false, errors.New("slack history: no key")
	}
	if a.published.Has(key) {
		return true, nil
	}
	channel, err := a.conversation(ctx, ch.ChannelID)
	if err != nil {
		return false, fmt.Errorf("slack history of %s: %w", ch.ChannelID, err)
	}
	hc := a.cfg.History
	params := &slack.GetConversationHistoryParameters{
		ChannelID:          channel,
		Limit:              hc.Limit,
		Oldest:             fmt.Sprintf("%d.000000", a.cfg.Now().Add(-historyWindow).Unix()),
		IncludeAllMetadata: true,
	}
	if strings.HasPrefix(channel, "C") {
		// A public channel the bot may post to without being a member
		// (chat:write.public) can be read only once it joins. Joining a
		// channel it is in, or a private one, changes nothing; whatever
		// fails here shows in the read below.
		if err := a.join(ctx, channel); err != nil {
			a.log.DebugContext(ctx, "slack: join before reading history", logattr.KeyChannel, channel, logattr.KeyError, err)
		}
	}
	for page := 0; page < hc.Pages; page++ {
		resp, err := a.readHistory(ctx, params)
		if err != nil {
			return false, fmt.Errorf("slack history of %s: conversations.history: %w", ch.ChannelID, explain(err))
		}
		for _, m := range resp.Messages {
			if hasKey(m.Metadata, key) {
				a.published.Add(key)
				return true, nil
			}
		}
		if !resp.HasMore || resp.ResponseMetaData.NextCursor == "" {
			break
		}
		params.Cursor = resp.ResponseMetaData.NextCursor
	}
	return false, nil
}

// readHistory makes one conversations.history call, no sooner than
// Config.History.Interval after the previous one.
func (a *Adapter) readHistory(ctx context.Context, params *slack.GetConversationHistoryParameters) (*slack.GetConversationHistoryResponse, error) {
	if err := a.history.Wait(ctx); err != nil {
		return nil, fmt.Errorf("waiting for the history rate limit: %w", err)
	}
	var resp *slack.GetConversationHistoryResponse
	err := a.withRetry(ctx, func() error {
		var err error
		resp, err = a.api.GetConversationHistoryContext(ctx, params)
		return err
	})
	return resp, err
}

// hasKey reports whether md is the metadata of a scheduled digest keyed key.
func hasKey(md slack.SlackMetadata, key string) bool {
	if md.EventType != MetadataEventType {
		return false
	}
	k, ok := md.EventPayload[MetadataKey].(string)
	return ok && k == key
}

// checkChannel rejects a channel that is not a Slack channel id.
func checkChannel(ch digest.Channel) error {
	if ch.Platform != "" && ch.Platform != Platform {
		return fmt.Errorf("channel is on platform %q", ch.Platform)
	}
	if ch.ChannelID == "" {
		return errors.New("no channel id")
	}
	return nil
}

// conversation returns the channel to post to for channel: a user id
// (U…/W…) becomes the id of the DM with that user (conversations.open),
// anything else is returned as is.
func (a *Adapter) conversation(ctx context.Context, channel string) (string, error) {
	if !strings.HasPrefix(channel, "U") && !strings.HasPrefix(channel, "W") {
		return channel, nil
	}
	var ch *slack.Channel
	err := a.withRetry(ctx, func() error {
		var err error
		ch, _, _, err = a.api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{channel}, ReturnIM: true})
		return err
	})
	if err != nil {
		return "", fmt.Errorf("open dm: %w", explain(err))
	}
	return ch.ID, nil
}

// post sends msg with chat.postMessage, threaded under threadTS when set,
// with extra options (metadata) last.
func (a *Adapter) post(ctx context.Context, channel string, msg message, threadTS string, extra ...slack.MsgOption) error {
	if channel == "" {
		return errors.New("no channel to post to")
	}
	channel, err := a.conversation(ctx, channel)
	if err != nil {
		return err
	}
	opts := []slack.MsgOption{
		slack.MsgOptionText(msg.Text, false),
		slack.MsgOptionBlocks(msg.Blocks...),
		slack.MsgOptionDisableLinkUnfurl(),
	}
	if threadTS != "" {
		opts = append(opts, slack.MsgOptionTS(threadTS))
	}
	opts = append(opts, extra...)
	err = a.withRetry(ctx, func() error {
		_, _, err := a.api.PostMessageContext(ctx, channel, opts...)
		return err
	})
	if err != nil {
		return fmt.Errorf("chat.postMessage: %w", explain(err))
	}
	return nil
}

// respond posts msg to a slash command's response URL.
func (a *Adapter) respond(ctx context.Context, responseURL string, msg message, ephemeral bool) error {
	rt := slack.ResponseTypeInChannel
	if ephemeral {
		rt = slack.ResponseTypeEphemeral
	}
	noUnfurl := false
	wm := &slack.WebhookMessage{
		Text:         msg.Text,
		Blocks:       &slack.Blocks{BlockSet: msg.Blocks},
		ResponseType: rt,
		UnfurlLinks:  &noUnfurl,
		UnfurlMedia:  &noUnfurl,
	}
	err := a.withRetry(ctx, func() error {
		return slack.PostWebhookCustomHTTPContext(ctx, responseURL, a.cfg.HTTPClient, wm)
	})
	if err != nil {
		return fmt.Errorf("response url: %w", urls.HideError(err))
	}
	return nil
}

// withRetry runs call, waiting out Slack rate limits: a *slack.RateLimitedError
// is retried after its RetryAfter (at least one second), at most MaxRetries
// times, and only when the wait is at most MaxRetryWait. It stops when ctx ends.
func (a *Adapter) withRetry(ctx context.Context, call func() error) error {
	for attempt := 0; ; attempt++ {
		err := call()
		var rl *slack.RateLimitedError
		if err == nil || !errors.As(err, &rl) || attempt >= a.cfg.MaxRetries {
			return err
		}
		wait := max(rl.RetryAfter, time.Second)
		if wait > a.cfg.MaxRetryWait {
			return fmt.Errorf("rate limited for %s: %w", wait, err)
		}
		a.log.InfoContext(ctx, "slack: rate limited, waiting", logattr.KeyRetryAfter, wait.String(), logattr.KeyAttempt, attempt+1)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("waiting out rate limit: %w", ctx.Err())
		case <-t.C:
		}
	}
}

// explain adds a hint to the Slack errors an operator can fix.
func explain(err error) error {
	err = urls.HideError(err) // a response URL is a credential for a channel
	var se slack.SlackErrorResponse
	msg := err.Error()
	if errors.As(err, &se) {
		msg = se.Err
	}
	switch msg {
	case "not_in_channel", "channel_not_found":
		return fmt.Errorf("%w (invite the bot to the channel with /invite)", err)
	case "invalid_auth", "not_authed", "token_revoked", "account_inactive":
		return fmt.Errorf("%w (check SLACK_BOT_TOKEN)", err)
	case "missing_scope":
		return fmt.Errorf("%w (reinstall the app with the manifest's scopes)", err)
	}
	return err
}
