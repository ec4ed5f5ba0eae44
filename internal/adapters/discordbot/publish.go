package discordbot

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/logattr"
	"github.com/newsdigest/bot/internal/textclean"
	"github.com/newsdigest/bot/internal/textfit"
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

var _ digest.PostFinder = (*Adapter)(nil)

// runTag is the line that marks the last message of a scheduled digest
// published with key, for Posted: Discord keeps no nonce nor any hidden
// field of a message, so the mark is a line of small print ("-# " is
// Discord's subtext markdown).
func runTag(key string) string { return "-# run " + textclean.OneLine(key) }

// withRunTag adds key's run tag to the last of msgs, or as a message of its
// own when the last one has no room left for it.
func withRunTag(msgs []message, key string) []message {
	tag := runTag(key)
	last := &msgs[len(msgs)-1]
	switch {
	case last.Content == "":
		last.Content = tag
	case textfit.Len(last.Content)+1+textfit.Len(tag) <= maxContent:
		last.Content += "\n" + tag
	default:
		msgs = append(msgs, message{Content: tag})
	}
	return msgs
}

// Publish posts r to channel ch.ChannelID (a scheduled digest), split into
// as many messages as Discord's limits need. Each message carries a nonce
// derived from key with enforce_nonce, so Discord drops a retry of the same
// key within its nonce window (a few minutes) instead of posting it twice,
// and the last one ends with key's run tag, which Posted looks for later.
// Rate limits are waited out by discordgo (Retry-After). It returns the
// first failure; the parts before it stay posted.
func (a *Adapter) Publish(ctx context.Context, ch digest.Channel, r digest.Reply, key string) error {
	if err := checkChannel(ch); err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	endpoint := discordgo.EndpointChannelMessages(ch.ChannelID)
	msgs := render(r)
	if key != "" {
		msgs = withRunTag(msgs, key)
	}
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
			a.log.ErrorContext(ctx, "discord publish failed", logattr.KeyChannel, ch.ChannelID, logattr.KeyPart, n+1, logattr.KeyParts, len(msgs), logattr.KeyError, err)
			return fmt.Errorf("post to discord channel %s: %w", ch.ChannelID, err)
		}
	}
	a.log.InfoContext(ctx, "discord digest published", logattr.KeyChannel, ch.ChannelID, logattr.KeyParts, len(msgs))
	return nil
}

func checkChannel(ch digest.Channel) error {
	if ch.Platform != "" && ch.Platform != Platform {
		return fmt.Errorf("%s channel: %w", ch.Platform, digest.ErrNotFound)
	}
	if ch.ChannelID == "" {
		return fmt.Errorf("empty channel id: %w", digest.ErrNotFound)
	}
	return nil
}

// Bounds of the history Posted reads: messages of the last historyWindow,
// at most historyPages pages of historyLimit (Discord's largest page).
const (
	historyWindow = 48 * time.Hour
	historyLimit  = 100
	historyPages  = 3
)

// Posted reports whether a scheduled digest published with key is in
// channel ch's recent history: a message of the last 48 hours by this bot
// holding key's run tag (only the newest 300 messages are read). It
// implements digest.PostFinder, so a scheduler that crashed between posting
// and recording a digest does not post it again, however long after. It
// needs the Read Message History permission (in the invite link's set).
func (a *Adapter) Posted(ctx context.Context, ch digest.Channel, key string) (bool, error) {
	if err := checkChannel(ch); err != nil {
		return false, fmt.Errorf("discord history: %w", err)
	}
	if key == "" {
		return false, errors.New("discord history: no key")
	}
	tag := runTag(key)
	oldest := a.now().Add(-historyWindow)
	before := ""
	for range historyPages {
		msgs, err := a.s.ChannelMessages(ch.ChannelID, historyLimit, before, "", "", discordgo.WithContext(ctx))
		if err != nil {
			return false, fmt.Errorf("discord history of channel %s: %w", ch.ChannelID, err)
		}
		for _, m := range msgs {
			if a.byThisBot(m) && hasLine(m.Content, tag) {
				return true, nil
			}
		}
		if len(msgs) < historyLimit {
			break
		}
		last := msgs[len(msgs)-1] // newest first
		if last.Timestamp.Before(oldest) {
			break
		}
		before = last.ID
	}
	return false, nil
}

// byThisBot reports whether m was posted by this bot: its user id is the
// application id (or the one the gateway reported).
func (a *Adapter) byThisBot(m *discordgo.Message) bool {
	if m.Author == nil {
		return false
	}
	if m.Author.ID == a.cfg.AppID {
		return true
	}
	if st := a.s.State; st != nil && st.User != nil {
		return m.Author.ID == st.User.ID
	}
	return false
}

// hasLine reports whether text holds line as a whole line.
func hasLine(text, line string) bool {
	for l := range strings.Lines(text) {
		if strings.TrimRight(l, "\r\n") == line {
			return true
		}
	}
	return false
}
