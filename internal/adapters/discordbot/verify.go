package discordbot

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/bwmarrin/discordgo"

	"github.com/newsdigest/bot/internal/logattr"
)

// ErrTokenRejected is returned by CheckToken when Discord refuses the bot
// token: the operator must fix the configuration.
var ErrTokenRejected = errors.New("Discord rejected DISCORD_TOKEN")

// CheckToken asks Discord who the token belongs to (GET /users/@me), so
// that a wrong token stops the bot at start instead of at its first reply.
// It returns an error wrapping ErrTokenRejected on 401, another error when
// Discord cannot be asked (the caller may go on), and never includes the
// token.
func (a *Adapter) CheckToken(ctx context.Context) error {
	u, err := a.s.User("@me", discordgo.WithContext(ctx))
	if err != nil {
		var re *discordgo.RESTError
		if errors.As(err, &re) && re.Response != nil && re.Response.StatusCode == http.StatusUnauthorized {
			return fmt.Errorf("%w (401 Unauthorized): copy the token again from the Developer Portal's Bot page", ErrTokenRejected)
		}
		if errors.As(err, &re) && re.Response != nil {
			return fmt.Errorf("discord users/@me: %s", re.Response.Status)
		}
		return fmt.Errorf("discord users/@me: %w", err)
	}
	a.log.InfoContext(ctx, "discord: token accepted", logattr.KeyUser, u.ID)
	return nil
}

// Connected reports whether the gateway session is up (READY received and
// not since lost), for the operators' readiness check.
func (a *Adapter) Connected() bool {
	a.s.RLock()
	defer a.s.RUnlock()
	return a.s.DataReady
}
