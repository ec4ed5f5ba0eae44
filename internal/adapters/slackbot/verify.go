package slackbot

import (
	"context"
	"errors"
	"fmt"

	"github.com/newsdigest/bot/internal/digest/urls"
	"github.com/newsdigest/bot/internal/logattr"
	"github.com/slack-go/slack"
)

// ErrTokenRejected is returned by CheckToken when Slack refuses the bot
// token: the operator must fix the configuration.
var ErrTokenRejected = errors.New("Slack rejected SLACK_BOT_TOKEN")

// tokenErrors are auth.test answers that mean the token itself is wrong.
var tokenErrors = map[string]bool{
	"invalid_auth": true, "not_authed": true, "account_inactive": true, "token_revoked": true,
	"token_expired": true, "not_allowed_token_type": true, "invalid_token": true,
}

// CheckToken asks Slack whom the bot token belongs to (auth.test), so that
// a wrong token stops the bot at start instead of at its first reply. It
// returns an error wrapping ErrTokenRejected when Slack refuses the token,
// another error when Slack cannot be asked (the caller may go on), and
// never includes the token.
func (a *Adapter) CheckToken(ctx context.Context) error {
	resp, err := a.api.AuthTestContext(ctx)
	if err != nil {
		var se slack.SlackErrorResponse
		if errors.As(err, &se) && tokenErrors[se.Err] {
			return fmt.Errorf("%w (%s): check the token in the app's OAuth & Permissions page", ErrTokenRejected, se.Err)
		}
		return fmt.Errorf("slack auth.test: %w", urls.RedactError(err))
	}
	if resp != nil {
		a.log.InfoContext(ctx, "slack: token accepted", logattr.KeyWorkspace, resp.TeamID, logattr.KeyUser, resp.UserID)
	}
	return nil
}
