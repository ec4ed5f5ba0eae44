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

	"github.com/newsdigest/bot/internal/config"
)

const usage = `Usage: bot [-env FILE] [command] [flags]

Commands:
  (none), run          run the bot: Slack and/or Discord when their tokens are set,
                       otherwise a console session on the local store (HEADLESS=true:
                       feeds, scheduler and the operators' listener only)
  digest [-json] PATH... digest each article (text, HTML, folders of them, "-" for
                       standard input); -json: one JSON object a line
  ingest PATH...       import article files (text, HTML, RSS/Atom/JSON Feed), or folders of them, into the store
  news TOPIC|URL       answer /news once and exit
  quote WORDS          answer /quote once and exit
  schedule ARGS        manage the console's daily digests (add|list|remove|now, as /digest)
  feeds                list feed sources with their last success, last error and article count
  feeds add|list|remove  the console's own sources, as /feeds
  samples remove       delete the bundled sample articles (demo data) from the store
  eval [-split test]   print the quality figures (summaries, quotes, stories) on ../shared/eval
  config check         print the effective configuration (secrets masked) and its problems
  prune                delete articles older than RETENTION now (it also runs every 6 hours)
  healthcheck [-ready] ask the running bot's operators' listener (HTTP_ADDR) whether it is healthy
  version              the module version, VCS revision and build date
  help                 this text

Configuration comes from the environment and a .env file (ENV_FILE or -env FILE choose
another; see .env.example). Any secret may be read from a file named by NAME_FILE.
Exit codes: 0 done, 1 failed, 2 usage or configuration mistake.
`

// run is the whole program: it parses args, loads the configuration
// through lookupEnv over a .env file (ENV_FILE or -env choose it), and runs
// the chosen command. It returns the process exit code: 0 done, 1 failed,
// 2 a usage or configuration mistake.
func run(ctx context.Context, args []string, lookupEnv func(string) (string, bool), stdin io.Reader, stdout, stderr io.Writer) int {
	envFile, rest, err := globalFlags(args[1:])
	if err != nil {
		fmt.Fprintf(stderr, "%v\n\n%s", err, usage)
		return 2
	}
	cmd := "run"
	if len(rest) > 0 {
		cmd, rest = rest[0], rest[1:]
	}
	switch cmd {
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		return 0
	case "version", "-version", "--version":
		printVersion(stdout)
		return 0
	}
	env, err := config.NewEnv(config.EnvOptions{Lookup: lookupEnv, File: envFile})
	if err != nil {
		fmt.Fprintf(stderr, "configuration:\n%v\n", err)
		return 2
	}
	cfg, err := config.Load(env.Get)
	if cmd == "config" {
		return configCmd(rest, env, err, stdout, stderr)
	}
	if err != nil {
		fmt.Fprintf(stderr, "configuration:\n%v\n", err)
		return 2
	}
	logger := newLogger(stderr, cfg.LogLevel, cfg.LogFormat)
	a := &app{cfg: cfg, log: logger, stdin: stdin, stdout: stdout, stderr: stderr, getenv: env.Get}
	var runErr error
	switch cmd {
	case "run":
		runErr = a.runCmd(ctx)
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
	case "healthcheck":
		runErr = a.healthcheckCmd(ctx, rest)
	case "prune":
		runErr = a.pruneCmd(ctx, rest)
	default:
		fmt.Fprintf(stderr, "unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	if runErr != nil {
		if errors.Is(runErr, flag.ErrHelp) {
			return 2
		}
		fmt.Fprintf(stderr, "bot %s: %v\n", cmd, runErr)
		if isConfigError(runErr) {
			return 2
		}
		return 1
	}
	return 0
}

func newLogger(w io.Writer, level, format string) *slog.Logger {
	var l slog.Level
	_ = l.UnmarshalText([]byte(level))
	opts := &slog.HandlerOptions{Level: l}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// isTerminal reports whether r is an interactive terminal: a character
// device other than /dev/null.
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0 && !isDevNull(st)
}
