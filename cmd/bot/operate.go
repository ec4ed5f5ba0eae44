package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"text/tabwriter"
	"time"

	"golang.org/x/net/http/httpproxy"

	"github.com/newsdigest/bot/internal/adapters/discordbot"
	"github.com/newsdigest/bot/internal/adapters/slackbot"
	"github.com/newsdigest/bot/internal/config"
	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/logattr"
	"github.com/newsdigest/bot/internal/metrics"
	"github.com/newsdigest/bot/internal/retention"
)

// configError marks a failure the operator fixes in the configuration: run
// exits with code 2 for it.
type configError struct{ err error }

func (e *configError) Error() string { return e.err.Error() }
func (e *configError) Unwrap() error { return e.err }

func isConfigError(err error) bool {
	var ce *configError
	return errors.As(err, &ce)
}

// errNoPlatform: no Slack or Discord token, no HEADLESS, and nothing to read
// on standard input (a service's /dev/null or a closed pipe), so the bot
// would start, do nothing and look healthy.
var errNoPlatform = errors.New("no platform is configured: set SLACK_BOT_TOKEN or DISCORD_TOKEN, " +
	"pipe commands into standard input, or set HEADLESS=true to run only feeds, the scheduler and the operators' listener")

// globalFlags reads the flags given before the command: -env FILE (also
// --env, -env=FILE) and --version.
func globalFlags(args []string) (envFile string, rest []string, err error) {
	for len(args) > 0 {
		a := args[0]
		switch {
		case a == "-env" || a == "--env":
			if len(args) < 2 || args[1] == "" {
				return "", nil, errors.New("-env needs a file name")
			}
			envFile, args = args[1], args[2:]
		case strings.HasPrefix(a, "-env=") || strings.HasPrefix(a, "--env="):
			_, envFile, _ = strings.Cut(a, "=")
			if envFile == "" {
				return "", nil, errors.New("-env needs a file name")
			}
			args = args[1:]
		default:
			return envFile, args, nil
		}
	}
	return envFile, args, nil
}

// buildVersion, buildRevision and buildDate may be set at link time
// (-ldflags "-X main.buildDate=…", as the Dockerfile does); otherwise the
// module version and the VCS stamp of the build information are shown.
var buildVersion, buildRevision, buildDate string

// printVersion prints the module version, VCS revision and build date from
// the binary's build information.
func printVersion(w io.Writer) {
	version, revision, when, modified := "(devel)", "unknown", "", false
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Version != "" {
			version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				revision = s.Value
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	for _, o := range []struct {
		dst *string
		v   string
	}{{&version, buildVersion}, {&revision, buildRevision}, {&when, buildDate}} {
		if o.v != "" {
			*o.dst = o.v
		}
	}
	if when == "" {
		when = "unknown"
	}
	if modified {
		revision += " (modified)"
	}
	fmt.Fprintf(w, "newsdigest bot %s\nrevision: %s\nbuilt: %s\ngo: %s %s/%s\n", version, revision, when,
		runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

// configCmd is `bot config check`: the effective configuration, secrets
// masked, then its problems. It exits 2 when there are problems.
func configCmd(args []string, env *config.Env, loadErr error, stdout, stderr io.Writer) int {
	if len(args) != 1 || args[0] != "check" {
		fmt.Fprint(stderr, "usage: bot [-env FILE] config check\n")
		return 2
	}
	if p := env.Path(); p != "" {
		fmt.Fprintf(stdout, "env file: %s\n", p)
	} else {
		fmt.Fprintln(stdout, "env file: none")
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	for _, s := range config.Effective(env) {
		fmt.Fprintf(tw, "%s=%s\t# %s\n", s.Name, s.Value, s.Source)
	}
	tw.Flush()
	if loadErr != nil {
		fmt.Fprintf(stderr, "configuration:\n%v\n", loadErr)
		return 2
	}
	fmt.Fprintln(stdout, "configuration ok")
	return 0
}

// runCmd runs the bot, refusing to start a console that has nothing to
// read: with no platform and no HEADLESS, standard input must be a terminal
// or carry commands.
func (a *app) runCmd(ctx context.Context) error {
	a.obs = metrics.New()
	cutoff, stop := startCutoff(ctx, a.cfg.DrainTimeout)
	defer stop()
	a.cutoff = cutoff
	if a.cfg.Slack() || a.cfg.Discord() || a.cfg.Headless {
		return a.runBot(ctx)
	}
	if emptyInput(a.stdin) {
		return &configError{errNoPlatform}
	}
	in := &inputProbe{r: a.stdin}
	a.stdin = in
	err := a.runBot(ctx)
	if err == nil && in.n == 0 && in.eof && ctx.Err() == nil && !isTerminal(in.r) {
		return &configError{errNoPlatform}
	}
	return err
}

// emptyInput reports whether r can be seen to hold nothing without reading
// it: /dev/null, or an empty regular file.
func emptyInput(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	if err != nil {
		return false
	}
	return isDevNull(st) || (st.Mode().IsRegular() && st.Size() == 0)
}

func isDevNull(st os.FileInfo) bool {
	null, err := os.Stat(os.DevNull)
	return err == nil && os.SameFile(st, null)
}

// inputProbe counts what the console reads, so that a pipe closed before
// any command can be told from a session that ended.
type inputProbe struct {
	r   io.Reader
	n   int64
	eof bool
}

func (p *inputProbe) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.n += int64(n)
	if errors.Is(err, io.EOF) {
		p.eof = true
	}
	return n, err
}

// healthcheckCmd asks the operators' listener of a running bot (HTTP_ADDR)
// for /healthz, or /readyz with -ready: for container images without curl.
func (a *app) healthcheckCmd(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("healthcheck", flag.ContinueOnError)
	fs.SetOutput(a.stderr)
	ready := fs.Bool("ready", false, "ask /readyz (store, platforms, scheduler) instead of /healthz")
	addr := fs.String("addr", a.cfg.HTTPAddr, "the listener's address (default HTTP_ADDR)")
	timeout := fs.Duration("timeout", 3*time.Second, "give up after this long")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *addr == "" {
		return &configError{errors.New("HTTP_ADDR is not set: the operators' listener is off")}
	}
	host, port, err := net.SplitHostPort(*addr)
	if err != nil {
		return &configError{fmt.Errorf("HTTP_ADDR %q: %w", *addr, err)}
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "127.0.0.1"
	}
	path := "/healthz"
	if *ready {
		path = "/readyz"
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+net.JoinHostPort(host, port)+path, nil)
	if err != nil {
		return err
	}
	resp, err := (&http.Transport{}).RoundTrip(req) // never through a proxy
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	fmt.Fprint(a.stdout, string(body))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %s", path, resp.Status)
	}
	return nil
}

// tokenCheckTimeout bounds the start-up token check of each platform.
const tokenCheckTimeout = 10 * time.Second

// checkToken runs a platform's start-up token check: a rejected token is a
// configuration error (exit 2); a platform that cannot be asked is logged
// and the bot goes on (its connection loop retries).
func (a *app) checkToken(ctx context.Context, platform string, check func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(ctx, tokenCheckTimeout)
	defer cancel()
	err := check(ctx)
	if errors.Is(err, slackbot.ErrTokenRejected) || errors.Is(err, discordbot.ErrTokenRejected) {
		return &configError{err}
	}
	if err != nil {
		a.log.WarnContext(ctx, "could not check the token at start; going on", logattr.Platform(platform), logattr.Err(err))
	}
	return nil
}

// egressProxy is the operator's proxy for feeds and pages (HTTPS_PROXY,
// HTTP_PROXY, NO_PROXY), or nil for direct connections.
func (a *app) egressProxy() *httpproxy.Config {
	if a.cfg.HTTPSProxy == "" && a.cfg.HTTPProxy == "" {
		return nil
	}
	return &httpproxy.Config{HTTPSProxy: a.cfg.HTTPSProxy, HTTPProxy: a.cfg.HTTPProxy, NoProxy: a.cfg.NoProxy}
}

// pruneCmd is `bot prune`: one retention pass now (RETENTION), with what
// it removed and the store's size before and after.
func (a *app) pruneCmd(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return &configError{errors.New("usage: bot prune (uses RETENTION)")}
	}
	if a.cfg.Retention <= 0 {
		return &configError{errors.New("RETENTION is 0: nothing is pruned")}
	}
	st, err := a.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	pr, ok := st.(digest.Pruner)
	if !ok {
		return errors.New("this store cannot prune")
	}
	before := storeSize(ctx, st)
	start := time.Now()
	res, err := (&retention.Runner{Store: pr, Keep: a.cfg.Retention, Log: a.log}).Once(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "pruned %d articles and %d quotes older than %s (%d delivery records) in %s; store %s → %s\n",
		res.Articles, res.Quotes, a.cfg.Retention, res.Delivered, time.Since(start).Round(time.Millisecond), before, storeSize(ctx, st))
	return nil
}

// storeSize is the store's size for people ("460.2 MB"), or "unknown".
func storeSize(ctx context.Context, st digest.Store) string {
	sh, ok := st.(storeHealth)
	if !ok {
		return "unknown"
	}
	n, err := sh.Size(ctx)
	if err != nil {
		return "unknown"
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}
