// Package console is the terminal adapter: it reads commands from standard
// input with the same grammar as Slack and Discord, answers them through
// the core, and prints scheduled digests for the "console" channel. It is
// the default when no platform token is configured.
package console

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"

	"github.com/newsdigest/bot/internal/digest"
	"github.com/newsdigest/bot/internal/logattr"
)

// Platform and ChannelID address the console in schedules.
const (
	Platform  = logattr.Console
	ChannelID = "console"
)

// Handler answers commands (the core's *digest.Service).
type Handler interface {
	Handle(ctx context.Context, cmd digest.Command) (digest.Reply, error)
}

// Adapter is one console session.
type Adapter struct {
	h      Handler
	in     io.Reader
	log    *slog.Logger
	mu     sync.Mutex // guards out
	out    io.Writer
	prompt bool
}

var _ digest.Publisher = (*Adapter)(nil)

// New returns a console session reading in and writing out. With prompt
// set it prints a "> " prompt (for interactive terminals). A nil logger
// discards logs.
func New(h Handler, in io.Reader, out io.Writer, prompt bool, logger *slog.Logger) *Adapter {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Adapter{h: h, in: in, out: out, prompt: prompt, log: logger.With(logattr.Platform(Platform))}
}

// MaxLineBytes bounds one line of input. A longer line is refused with a
// message and skipped; the session goes on.
const MaxLineBytes = 1 << 20

// inputLine is one line read, or a refused one.
type inputLine struct {
	text    string
	tooLong bool
}

// Run reads commands until end of input, "/quit" or ctx is cancelled.
func (a *Adapter) Run(ctx context.Context) error {
	lines := make(chan inputLine)
	errc := make(chan error, 1)
	// The reader touches nothing but a.in and these channels; a blocked
	// read cannot be interrupted, so it ends at the next line or at end of
	// input once ctx is done, after Run has returned.
	go func() {
		r := bufio.NewReaderSize(a.in, 64<<10)
		for {
			text, err := readLine(r, MaxLineBytes)
			line := inputLine{text: text, tooLong: errors.Is(err, errLineTooLong)}
			if line.tooLong {
				err = nil
			}
			if err != nil {
				if errors.Is(err, io.EOF) {
					err = nil
				}
				errc <- err
				close(lines)
				return
			}
			select {
			case lines <- line:
			case <-ctx.Done():
				return
			}
		}
	}()
	a.write("News digest bot — console. Type /help for commands, /quit to leave.\n")
	for {
		a.showPrompt()
		select {
		case <-ctx.Done():
			return nil
		case in, ok := <-lines:
			if !ok {
				if err := <-errc; err != nil {
					return fmt.Errorf("console input: %w", err)
				}
				return nil
			}
			if in.tooLong {
				a.log.InfoContext(ctx, "console line refused", logattr.KeyCount, MaxLineBytes)
				a.write(fmt.Sprintf("That line is too long (over %d bytes); it was ignored.\n", MaxLineBytes))
				continue
			}
			line := strings.TrimSpace(in.text)
			if line == "" {
				continue
			}
			if line == "/quit" || line == "/exit" || line == "quit" {
				return nil
			}
			a.handleLine(ctx, line)
		}
	}
}

var errLineTooLong = errors.New("line too long")

// readLine returns the next line of r without its end of line. A line of
// more than limit bytes is read to its end and dropped: readLine then
// returns errLineTooLong, and the next call reads the following line. The
// last line may lack its newline; io.EOF comes after it.
func readLine(r *bufio.Reader, limit int) (string, error) {
	var buf []byte
	tooLong := false
	for {
		chunk, err := r.ReadSlice('\n')
		if !tooLong {
			if len(buf)+len(chunk) > limit+2 { // room for "\r\n"
				tooLong, buf = true, nil
			} else {
				buf = append(buf, chunk...)
			}
		}
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err != nil && (len(buf) == 0 && !tooLong || !errors.Is(err, io.EOF)):
			return "", err
		}
		if tooLong {
			return "", errLineTooLong
		}
		line := strings.TrimRight(string(buf), "\r\n")
		if len(line) > limit {
			return "", errLineTooLong
		}
		return line, nil
	}
}

func (a *Adapter) handleLine(ctx context.Context, line string) {
	cmd, err := digest.ParseCommand(line)
	if err == nil {
		cmd.Platform, cmd.ChannelID, cmd.UserID, cmd.CanManage = Platform, ChannelID, "console", true
		var reply digest.Reply
		reply, err = a.h.Handle(ctx, cmd)
		if err == nil {
			a.mu.Lock()
			err = Render(a.out, reply)
			a.mu.Unlock()
			if err == nil {
				a.write("\n")
				return
			}
		}
	}
	if !digest.IsUserError(err) { // a user error is shown on this terminal; nothing more to log
		a.log.Log(ctx, digest.LogLevel(err), "console command failed", logattr.KeyError, err)
	}
	a.write(digest.UserMessage(err) + "\n")
}

func (a *Adapter) showPrompt() {
	if a.prompt {
		a.write("> ")
	}
}

func (a *Adapter) write(s string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	_, _ = io.WriteString(a.out, s)
}

// Publish prints a scheduled digest for the console channel.
func (a *Adapter) Publish(ctx context.Context, ch digest.Channel, r digest.Reply, key string) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if _, err := fmt.Fprintf(a.out, "\n[scheduled digest %s]\n", key); err != nil {
		return fmt.Errorf("console publish: %w", err)
	}
	if err := Render(a.out, r); err != nil {
		return fmt.Errorf("console publish: %w", err)
	}
	return nil
}
