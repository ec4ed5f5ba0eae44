package digest

// ErrRestarting answers a command the bot could not finish because it is
// shutting down: the user is asked to try again, not left without an
// answer. Adapters show it like any other error (UserMessage).
var ErrRestarting error = &Error{Code: CodeUnavailable, Message: "The bot is restarting, please try again in a minute."}
