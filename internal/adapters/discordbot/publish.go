package discordbot

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"fmt"

	"github.com/bwmarrin/discordgo"

	"github.com/newsdigest/bot/internal/digest"
)

// maxNonce is the longest nonce Discord accepts.
const maxNonce = 25

// sendWithNonce is discordgo.MessageSend plus the nonce fields it lacks in
// v0.29.0.
type sendWithNonce struct {
	*discordgo.MessageSend
	Nonce        string `json:"nonce,omitempty"`
	EnforceNonce bool   `json:"enforce_nonce,omitempty"`
}

// nonce derives the nonce of part n of the run key: Discord keeps nonces
// of at most 25 characters, so long keys are hashed.
func nonce(key string, n int) string {
	if key == "" {
		return ""
	}
	sum := sha256.Sum256(fmt.Appendf(nil, "%s\x00%d", key, n))
	return base64.RawURLEncoding.EncodeToString(sum[:])[:maxNonce]
}

// Publish posts r to channel ch.ChannelID (a scheduled digest), split into
// as many messages as Discord's limits need. Each message carries a nonce
// derived from key with enforce_nonce, so Discord drops a retry of the same
// key within its nonce window (a few minutes) instead of posting it twice.
// Rate limits are waited out by discordgo (Retry-After). It returns the
// first failure; the parts before it stay posted.
func (a *Adapter) Publish(ctx context.Context, ch digest.Channel, r digest.Reply, key string) error {
	if ch.Platform != "" && ch.Platform != Platform {
		return fmt.Errorf("publish to %s channel: %w", ch.Platform, digest.ErrNotFound)
	}
	if ch.ChannelID == "" {
		return fmt.Errorf("publish: empty channel id: %w", digest.ErrNotFound)
	}
	endpoint := discordgo.EndpointChannelMessages(ch.ChannelID)
	msgs := render(r)
	for n, m := range msgs {
		body := sendWithNonce{
			MessageSend:  &discordgo.MessageSend{Content: m.Content, Embeds: m.Embeds, AllowedMentions: noMentions()},
			Nonce:        nonce(key, n),
			EnforceNonce: key != "",
		}
		if body.Embeds == nil {
			body.Embeds = []*discordgo.MessageEmbed{}
		}
		if _, err := a.s.RequestWithBucketID("POST", endpoint, body, endpoint, discordgo.WithContext(ctx)); err != nil {
			a.log.Error("discord publish failed", "channel_id", ch.ChannelID, "part", n+1, "parts", len(msgs), "error", err)
			return fmt.Errorf("post to discord channel %s: %w", ch.ChannelID, err)
		}
	}
	a.log.Info("discord digest published", "channel_id", ch.ChannelID, "parts", len(msgs))
	return nil
}
