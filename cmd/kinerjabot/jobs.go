package main

import (
	"context"
	"errors"
	"fmt"
	"html"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/robfig/cron/v3"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/jobs"
	"github.com/bkpsdm-solok/kinerjabot/bot/telegram"
	"github.com/bkpsdm-solok/kinerjabot/storage"
)

func init() {
	commands["jobs"] = subcommand{"list the scheduled jobs, or run one now as if at an instant (jobs list | jobs run NAME)", runJobs}
}

// coreJobs are the chat core's housekeeping. They need the running bot:
// with b nil ("jobs list", "jobs run") they are listed but cannot run.
func coreJobs(b *bot.Bot) []jobs.Job {
	core := []jobs.Job{
		{Name: "expire-sessions", Spec: "@every 1m", About: "ends dialogues left idle and tells the users"},
		{Name: "prune-updates", Spec: "@every 1h", About: "forgets handled Telegram update ids after 48 hours"},
		{Name: jobHeartbeat, Spec: "@every 1m", About: "records that the running bot can write to its database (kinerjabot health reads it)"},
	}
	if b != nil {
		heartbeat := func(ctx context.Context) error {
			return b.Store().PutSetting(ctx, settingHeartbeat, strconv.FormatInt(b.Now().UnixMilli(), 10))
		}
		for i, run := range []func(context.Context) error{b.ExpireSessions, b.PruneUpdates, heartbeat} {
			name := core[i].Name
			core[i].Run = func(ctx context.Context, at time.Time) (*jobs.Result, error) {
				return &jobs.Result{Job: name, At: at}, run(ctx)
			}
		}
	}
	return core
}

// jobList is a fixed list of jobs as a jobs.Provider.
type jobList []jobs.Job

// Jobs implements jobs.Provider.
func (l jobList) Jobs() []jobs.Job { return l }

// registry is the one registry of scheduled jobs: the core's housekeeping
// (runnable only with the bot b), then every feature's jobs, with the
// configured schedules. A schedule for a job that is not registered is a
// configuration error.
func (a *app) registry(b *bot.Bot, db kinerja.Store) (*jobs.Registry, error) {
	fs, _, err := a.features(a.deps(db))
	if err != nil {
		return nil, err
	}
	providers := append([]any{jobList(coreJobs(b))}, anySlice(fs)...)
	reg, err := jobs.NewRegistry(providers...)
	if err != nil {
		return nil, err
	}
	if err := reg.Schedule(a.cfg.Schedules); err != nil {
		var unknown *jobs.UnknownJobError
		if errors.As(err, &unknown) {
			return nil, &ConfigError{Key: "schedules." + unknown.Name, Msg: err.Error()}
		}
		return nil, err
	}
	return reg, nil
}

// jobNames are the names of the registered jobs, for usage texts.
func (a *app) jobNames() []string {
	reg, err := a.registry(nil, nil)
	if err != nil {
		return nil
	}
	return reg.Names()
}

// startSender drains the outbox through the client until ctx ends. The
// returned stop waits for the sends in flight, at most until wait ends.
func (a *app) startSender(ctx context.Context, db *storage.DB, client *telegram.Client, j *jobs.Service, marks *bot.FileSentLog) (stop func(wait context.Context)) {
	s := a.newSender(db, client, j, marks)
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := s.Run(ctx); err != nil {
			a.log.Error("outbox sender stopped", "err", err)
		}
	}()
	return func(wait context.Context) {
		select {
		case <-done:
		case <-wait.Done():
			a.log.Warn("shutdown: outbox sends still in flight; they resume after restart")
		}
	}
}

// runJobs is "jobs list" and "jobs run".
func runJobs(ctx context.Context, a *app, args []string) int {
	if len(args) == 0 || (args[0] != "list" && args[0] != "run") {
		fmt.Fprintln(a.stderr, "Usage: kinerjabot jobs list\n       kinerjabot jobs run NAME [--at RFC3339]")
		fmt.Fprintln(a.stderr, "\nJobs: "+strings.Join(a.jobNames(), ", "))
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
			return exitOK
		}
		return exitUsage
	}
	if args[0] == "list" {
		return listJobs(ctx, a, args[1:])
	}
	return runJobNow(ctx, a, args[1:])
}

// listJobs prints each job, its schedule and its next three runs in the
// configured zone.
func listJobs(ctx context.Context, a *app, args []string) int {
	fs := newFlags(a, "jobs list", "", "Lists the scheduled jobs with their schedule and next three run times, in the configured time zone.")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	reg, err := a.registry(nil, nil)
	if err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", err)
		return exitUsage
	}
	loc := a.cfg.Location()
	now := a.now().In(loc)
	fmt.Fprintf(a.stdout, "Scheduled jobs (times in %s, now %s):\n\n", loc, now.Format("Mon 2006-01-02 15:04 MST"))
	for _, j := range reg.Jobs() {
		if !j.On() {
			fmt.Fprintf(a.stdout, "%-20s %-14s (switched off in the configuration)\n", j.Name, jobs.Off)
			continue
		}
		sched, err := cron.ParseStandard(j.Spec)
		if err != nil {
			fmt.Fprintf(a.stdout, "%-20s %-14s invalid: %v\n", j.Name, j.Spec, err)
			continue
		}
		var next []string
		t := now
		for range 3 {
			t = sched.Next(t)
			next = append(next, t.Format("Mon 2006-01-02 15:04 MST"))
		}
		fmt.Fprintf(a.stdout, "%-20s %-14s %s\n", j.Name, j.Spec, strings.Join(next, " | "))
	}
	fmt.Fprintln(a.stdout, "\nWhat they do (a job with a slot queues at most once per slot, however often it is started):")
	for _, j := range reg.Jobs() {
		slot := ""
		if j.Slot != "" {
			slot = "; slot: " + j.Slot
		}
		fmt.Fprintf(a.stdout, "  %-18s %s%s\n", j.Name, j.About, slot)
	}
	cal := kinerja.NewCalendar(loc, a.cfg.holidays)
	switch {
	case a.cfg.HolidaysFile == "":
		fmt.Fprintln(a.stdout, "\nNo holidays_file configured: reminders skip weekends only.")
	case !cal.Knows(now.Year()):
		fmt.Fprintf(a.stdout, "\nWarning: %s has no holidays for %d; reminders will go out on holidays. Add this year's SKB list.\n",
			a.cfg.HolidaysFile, now.Year())
	default:
		fmt.Fprintf(a.stdout, "\nHolidays from %s (years %v).\n", a.cfg.HolidaysFile, cal.Years())
	}
	fmt.Fprintln(a.stdout)
	printCluster(ctx, a, nil) // who runs them (cluster.go)
	return exitOK
}

// runJobNow runs one job as if at an instant and prints what it queued.
func runJobNow(ctx context.Context, a *app, args []string) int {
	fs := newFlags(a, "jobs run", "NAME [--at RFC3339]",
		"Runs one job now, as if at the given instant, and prints what it queued in the outbox.\n"+
			"The running bot sends the queue within a second; a slot (the day for reminders, the week or\n"+
			"month summarised for summaries) is queued only once, whoever starts it.\n"+
			"Jobs: "+strings.Join(a.jobNames(), ", "))
	atText := fs.String("at", "", "the `INSTANT` to run as, RFC3339 (2026-11-10T08:00:00+07:00) or local 2026-11-10T08:00; default now")
	dry := fs.Bool("dry-run", false, "print what would be sent, to whom, and queue and record nothing")
	// Accept the job name before or after the flags.
	var name string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args = args[0], args[1:]
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if name == "" && fs.NArg() > 0 {
		name = fs.Arg(0)
	}
	if name == "" {
		fs.Usage()
		return exitUsage
	}
	reg, err := a.registry(nil, nil)
	if err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", err)
		return exitUsage
	}
	if _, known := reg.Get(name); !known {
		fmt.Fprintf(a.stderr, "kinerjabot jobs run: no job named %q; the jobs are %s\n", name, strings.Join(reg.Names(), ", "))
		return exitUsage
	}
	loc := a.cfg.Location()
	at := a.now().In(loc)
	if *atText != "" {
		t, err := time.Parse(time.RFC3339, *atText)
		if err != nil {
			t, err = time.ParseInLocation("2006-01-02T15:04", *atText, loc)
		}
		if err != nil {
			fmt.Fprintf(a.stderr, "kinerjabot jobs run: --at %q: use RFC3339 such as 2026-11-10T08:00:00+07:00, or 2026-11-10T08:00 in %s\n", *atText, loc)
			return exitUsage
		}
		at = t.In(loc)
	}
	db, err := a.openExisting(ctx)
	if err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", err)
		return exitFailed
	}
	defer db.Close()
	// The same registry as the running bot's, without a bot: the job reads
	// the database and queues its messages in the outbox.
	if reg, err = a.registry(nil, db); err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", err)
		return exitFailed
	}
	run := reg.Run
	if *dry {
		run = reg.DryRun
	}
	res, err := run(ctx, name, at)
	if err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", a.userMessage(err))
		return exitFailed
	}
	printJobResult(a, res)
	if len(res.Messages) > 0 {
		printCluster(ctx, a, db) // who will send them (cluster.go)
	}
	return exitOK
}

// printJobResult tells an operator what a run did.
func printJobResult(a *app, res *jobs.Result) {
	w := a.stdout
	if res.Slot == "" {
		fmt.Fprintf(w, "%s ran (as of %s).\n", res.Job, res.At.Format("Mon 2006-01-02 15:04 MST"))
		return
	}
	fmt.Fprintf(w, "%s, slot %s (as of %s):\n", res.Job, res.Slot, res.At.Format("Mon 2006-01-02 15:04 MST"))
	switch {
	case res.Previous != nil:
		fmt.Fprintf(w, "  nothing queued: this slot already ran (as of %s, %d messages).\n",
			res.Previous.At.In(a.cfg.Location()).Format("Mon 2006-01-02 15:04 MST"), res.Previous.Messages)
		return
	case res.Skipped != "":
		fmt.Fprintf(w, "  nothing queued: %s.\n", res.Skipped)
		return
	}
	switch {
	case res.DryRun:
		fmt.Fprintf(w, "  dry run: would queue %d message(s); nothing was queued or recorded, the slot stays open:\n", len(res.Messages))
	default:
		fmt.Fprintf(w, "  queued %d message(s):\n", len(res.Messages))
	}
	for _, m := range res.Messages {
		kind := ""
		if m.Photo != nil {
			kind = fmt.Sprintf(" [picture %s, %d bytes]", m.FileName, len(m.Photo))
		}
		who := m.Label
		if m.NIP != "" {
			who += " (" + m.NIP + ")"
		}
		fmt.Fprintf(w, "  → chat %d, %s%s: %s\n", m.ChatID, who, kind, firstLine(m.Text))
	}
	if len(res.Left) > 0 {
		fmt.Fprintln(w, "  left out:")
		reasons := make([]string, 0, len(res.Left))
		for r := range res.Left {
			reasons = append(reasons, r)
		}
		sort.Strings(reasons)
		for _, r := range reasons {
			fmt.Fprintf(w, "    %s: %s\n", r, strings.Join(res.Left[r], ", "))
		}
	}
	if len(res.Messages) > 0 {
		fmt.Fprintln(w, "  The running bot sends them within a second; until then they wait in the outbox.")
	}
}

// firstLine is a message's text without HTML, its lines joined, cut short.
func firstLine(s string) string {
	s = html.UnescapeString(tagPattern.ReplaceAllString(s, ""))
	s = strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ")), " ")
	if r := []rune(s); len(r) > 110 {
		s = string(r[:110]) + "…"
	}
	return s
}
