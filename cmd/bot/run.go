package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/joho/godotenv"

	"github.com/newsdigest/bot/internal/config"
)

const usage = `Usage: bot [command] [flags]

Commands:
  (none), run          run the bot: Slack and/or Discord when their tokens are set,
                       otherwise a console session on the local store
  digest [-json] PATH  digest one article (text, HTML or "-" for standard input)
  ingest PATH...       import article files (text, HTML, RSS/Atom/JSON Feed), or folders of them, into the store
  news TOPIC|URL       answer /news once and exit
  quote WORDS          answer /quote once and exit
  schedule ARGS        manage the console's daily digests (add|list|remove|now, as /digest)
  feeds                list feed sources with their last success, last error and article count
  feeds add|list|remove  the console's own sources, as /feeds
  samples remove       delete the bundled sample articles (demo data) from the store
  eval [-split test]   print the quality figures (summaries, quotes, stories) on ../shared/eval
  help                 this text

Configuration comes from the environment and a .env file (see .env.example).
`

// run is the whole program: it parses args, loads the configuration through
// getenv (and ./.env when present), and runs the chosen command. It returns
// the process exit code.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd, rest := "run", []string(nil)
	if len(args) > 1 {
		cmd, rest = args[1], args[2:]
	}
	if cmd == "help" || cmd == "-h" || cmd == "--help" || cmd == "-help" {
		fmt.Fprint(stdout, usage)
		return 0
	}
	getenv = withDotEnv(getenv, ".env")
	cfg, err := config.Load(getenv)
	if err != nil {
		fmt.Fprintf(stderr, "configuration:\n%v\n", err)
		return 2
	}
	logger := newLogger(stderr, cfg.LogLevel)
	a := &app{cfg: cfg, log: logger, stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv}
	var runErr error
	switch cmd {
	case "run":
		runErr = a.runBot(ctx)
	case "digest":
		runErr = a.digestCmd(ctx, rest)
	case "ingest":
		runErr = a.ingestCmd(ctx, rest)
	case "news", "quote":
		runErr = a.oneShot(ctx, "/"+cmd+" "+strings.Join(rest, " "))
	case "schedule":
		runErr = a.oneShot(ctx, "/digest "+strings.Join(rest, " "))
	case "feeds":
		runErr = a.feedsCmd(ctx, rest)
	case "samples":
		runErr = a.samplesCmd(ctx, rest)
	case "eval":
		runErr = a.evalCmd(ctx, rest)
	default:
		fmt.Fprintf(stderr, "unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	if runErr != nil {
		if errors.Is(runErr, flag.ErrHelp) {
			return 2
		}
		fmt.Fprintf(stderr, "bot %s: %v\n", cmd, runErr)
		return 1
	}
	return 0
}

// withDotEnv layers the variables of a .env file (when present) under the
// real environment: a variable set in the environment wins.
func withDotEnv(getenv func(string) string, path string) func(string) string {
	vals, err := godotenv.Read(path)
	if err != nil {
		return getenv
	}
	return func(k string) string {
		if v := getenv(k); v != "" {
			return v
		}
		return vals[k]
	}
}

func newLogger(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	_ = l.UnmarshalText([]byte(level))
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l}))
}

// isTerminal reports whether r is an interactive terminal.
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
