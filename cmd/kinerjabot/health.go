package main

import (
	"context"
	"fmt"
	"strconv"
	"time"
)

// The running bot's heartbeat: a core job writes the instant every minute,
// so "kinerjabot health" (the container's HEALTHCHECK) can tell that the
// process is alive, its scheduler runs and its database takes writes.
const (
	jobHeartbeat     = "heartbeat"
	settingHeartbeat = "bot.heartbeat"
)

func init() {
	commands["health"] = subcommand{"exit 0 if the running bot wrote its heartbeat recently (for a container HEALTHCHECK)", runHealth}
}

// runHealth checks the heartbeat the running bot writes every minute.
func runHealth(ctx context.Context, a *app, args []string) int {
	fs := newFlags(a, "health", "[--max-age DURATION]",
		"Exits 0 when the running bot recorded its heartbeat (written every minute by its scheduler,\n"+
			"which needs a working database) within --max-age, and 1 otherwise, saying why.")
	maxAge := fs.Duration("max-age", 3*time.Minute, "how old the last heartbeat may be")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	// A check must not create the database it checks.
	db, err := a.openExisting(ctx)
	if err != nil {
		fmt.Fprintln(a.stderr, "unhealthy: database:", a.userMessage(err))
		return exitFailed
	}
	defer db.Close()
	v, ok, err := db.Setting(ctx, settingHeartbeat)
	ms, perr := strconv.ParseInt(v, 10, 64)
	switch {
	case err != nil:
		fmt.Fprintln(a.stderr, "unhealthy: reading the heartbeat:", err)
		return exitFailed
	case !ok || perr != nil:
		fmt.Fprintln(a.stderr, "unhealthy: the bot has not recorded a heartbeat yet (is it running?)")
		return exitFailed
	}
	last := time.UnixMilli(ms).In(a.cfg.Location())
	if age := a.now().Sub(last); age > *maxAge {
		fmt.Fprintf(a.stderr, "unhealthy: last heartbeat %s, %s ago (more than %s)\n", last.Format("2006-01-02 15:04:05 MST"), age.Round(time.Second), *maxAge)
		return exitFailed
	}
	fmt.Fprintf(a.stdout, "ok: last heartbeat %s\n", last.Format("2006-01-02 15:04:05 MST"))
	return exitOK
}
