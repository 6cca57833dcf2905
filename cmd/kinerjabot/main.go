// Command kinerjabot runs the Kinerja Telegram bot for the performance
// appraisal of civil servants (ASN) in Solok, and the operators' tools
// beside it: roster import, invitations, exports and a demo.
//
// Usage:
//
//	kinerjabot [command] [flags] [--config FILE]
//
// The global flag --config may stand before or after the command.
// With no command (or "run") it runs the bot. "kinerjabot help" lists the
// commands; every command has --help.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}

// Exit statuses.
const (
	exitOK     = 0
	exitFailed = 1 // the command ran and found a problem (bad rows, broken audit chain)
	exitUsage  = 2 // bad flags or configuration
)

// app is what every command gets: configuration, output and a clock.
type app struct {
	cfg    *Config
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	log    *slog.Logger
	now    kinerja.Clock
	getenv func(string) string
}

// subcommand is one of the operator commands.
type subcommand struct {
	summary string
	run     func(ctx context.Context, a *app, args []string) int
}

// commands lists every subcommand by name. Each feature adds its own from
// an init function in its own file.
var commands = map[string]subcommand{}

// Main runs kinerjabot with args (without the program name) and returns the
// exit status. Tests call it directly; ctx ending is the shutdown signal.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	configPath, args, err := globalFlags(args)
	if err != nil {
		fmt.Fprintf(stderr, "kinerjabot: %v\n", err)
		return exitUsage
	}
	global := flag.NewFlagSet("kinerjabot", flag.ContinueOnError)
	global.SetOutput(stderr)
	global.Usage = func() { usage(stderr) }
	if err := global.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	rest := global.Args()
	name := "run"
	if len(rest) > 0 {
		name, rest = rest[0], rest[1:]
	}
	if name == "help" || name == "-h" {
		usage(stdout)
		return exitOK
	}
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "kinerjabot: unknown command %q\n\n", name)
		usage(stderr)
		return exitUsage
	}
	cfg, err := LoadConfig(configPath, getenv)
	if err != nil {
		fmt.Fprintf(stderr, "kinerjabot: %v\n", err)
		return exitUsage
	}
	a := &app{cfg: cfg, stdin: stdin, stdout: stdout, stderr: stderr, now: time.Now, getenv: getenv,
		log: newLogger(stderr, cfg.LogLevel, cfg.Telegram.Token, cfg.Location())}
	return cmd.run(ctx, a, rest)
}

// globalUsage describes the flags every command takes.
const globalUsage = "Global flags (before or after the command):\n" +
	"  --config FILE   configuration (YAML); KINERJA_* variables override it\n"

// globalFlags takes the global flags out of args, wherever they stand
// (before the command or among its flags), so that "invite --config
// kb.yaml --unit X" and "--config kb.yaml invite --unit X" are the same.
// Arguments after "--" are left alone.
func globalFlags(args []string) (configPath string, rest []string, err error) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i:]...)
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "config" {
			rest = append(rest, a)
			continue
		}
		if !hasValue {
			if i+1 >= len(args) {
				return "", nil, errors.New("--config needs a FILE")
			}
			i++
			value = args[i]
		}
		configPath = value
	}
	return configPath, rest, nil
}

// usage lists the commands.
func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: kinerjabot [command] [flags] [--config FILE]")
	fmt.Fprintln(w, "\nCommands (each has --help):")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-16s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nWith no command, kinerjabot runs the bot (the same as \"run\").")
	fmt.Fprint(w, "\n"+globalUsage)
}

// dispatch runs the subcommand of a command with subcommands ("roster
// import", "services list"), or prints usage: exit 0 when help was asked
// for, 2 for a missing or unknown subcommand.
func dispatch(ctx context.Context, a *app, name, usage string, args []string,
	subs map[string]func(context.Context, *app, []string) int) int {
	if len(args) > 0 {
		if run, ok := subs[args[0]]; ok {
			return run(ctx, a, args[1:])
		}
	}
	fmt.Fprintln(a.stderr, usage)
	switch {
	case len(args) == 0:
		return exitUsage
	case args[0] == "-h" || args[0] == "--help" || args[0] == "help":
		return exitOK
	}
	names := make([]string, 0, len(subs))
	for n := range subs {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Fprintf(a.stderr, "kinerjabot %s: unknown subcommand %q (%s)\n", name, args[0], strings.Join(names, " or "))
	return exitUsage
}

// newFlags returns a flag set for a subcommand whose --help prints a usage
// line and the flags.
func newFlags(a *app, name, args, about string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(a.stderr)
	fs.Usage = func() {
		fmt.Fprintf(a.stderr, "Usage: kinerjabot %s %s\n\n%s\n", name, args, about)
		var flags strings.Builder
		fs.SetOutput(&flags)
		fs.PrintDefaults()
		fs.SetOutput(a.stderr)
		if flags.Len() > 0 {
			fmt.Fprintf(a.stderr, "\nFlags:\n%s", flags.String())
		}
		fmt.Fprint(a.stderr, "\n"+globalUsage)
	}
	return fs
}

// parseFlags parses a subcommand's flags; it returns the exit status to use
// and false when the command should stop (help shown or bad flags).
func parseFlags(fs *flag.FlagSet, args []string) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, false
		}
		return exitUsage, false
	}
	return exitOK, true
}

// newLogger writes structured logs to w with every occurrence of the token
// replaced, whatever logged it.
func newLogger(w io.Writer, level, token string, loc *time.Location) *slog.Logger {
	var lv slog.Level
	_ = lv.UnmarshalText([]byte(level))
	if loc == nil {
		loc = time.UTC
	}
	// Log times are in the configured zone, like everything else the
	// operators read (schedules, reports, exports), with the offset shown.
	inZone := func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey && a.Value.Kind() == slog.KindTime {
			a.Value = slog.TimeValue(a.Value.Time().In(loc))
		}
		return a
	}
	return slog.New(slog.NewTextHandler(&redactingWriter{w: w, token: token}, &slog.HandlerOptions{Level: lv, ReplaceAttr: inZone}))
}

// redactingWriter removes the bot token from everything written through it:
// telegram-bot-api's transport errors carry the request URL, token included.
type redactingWriter struct {
	w     io.Writer
	token string
}

func (r *redactingWriter) Write(p []byte) (int, error) {
	if r.token != "" && strings.Contains(string(p), r.token) {
		_, err := io.WriteString(r.w, strings.ReplaceAll(string(p), r.token, "<token>"))
		return len(p), err
	}
	return r.w.Write(p)
}
