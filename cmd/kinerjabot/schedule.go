package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/robfig/cron/v3"
)

// job is one scheduled task: a plain method, tested by calling it.
type job struct {
	name string
	spec string // five-field cron spec in the configured zone, or @every
	run  func(ctx context.Context) error
}

// cronLogger adapts slog to cron's logger so panics and skips are logged.
type cronLogger struct{ log *slog.Logger }

func (l cronLogger) Info(msg string, kv ...any) { l.log.Debug("cron: "+msg, kv...) }
func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append(kv, "err", err)...)
}

// startScheduler runs the jobs in loc. robfig/cron v3 does not recover
// panics by default: every job is wrapped in Recover and SkipIfStillRunning,
// so one failing job cannot crash the bot or pile up on itself. The
// returned stop waits for running jobs (at most until ctx ends).
func startScheduler(ctx context.Context, loc *time.Location, log *slog.Logger, jobs []job) (stop func(context.Context), err error) {
	cl := cronLogger{log}
	c := cron.New(cron.WithLocation(loc), cron.WithLogger(cl),
		cron.WithChain(cron.Recover(cl), cron.SkipIfStillRunning(cl)))
	for _, j := range jobs {
		if _, err := c.AddFunc(j.spec, func() {
			if err := j.run(ctx); err != nil {
				log.Error("job failed", "job", j.name, "err", err)
			}
		}); err != nil {
			return nil, fmt.Errorf("schedule of job %s (%q): %w", j.name, j.spec, err)
		}
	}
	c.Start()
	return func(wait context.Context) {
		done := c.Stop().Done()
		select {
		case <-done:
		case <-wait.Done():
		}
	}, nil
}
