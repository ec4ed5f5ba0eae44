// Command bot is the news-digest chat bot: it reads news feeds, keeps a
// store of articles and quotes, and answers /news, /quote and /digest in
// Slack, Discord or the terminal. main only wires; see run.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // time zones for /digest on machines without zoneinfo
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args, os.LookupEnv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
