// Package jobs is the one registry of scheduled work: every job, its
// default schedule, what it does and what one slot of it is. Features
// provide their jobs (Provider); cmd schedules exactly the registered ones
// with cron and "jobs list" and "jobs run" read the same registry.
package jobs

import (
	"context"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// Job is one scheduled job. Run is a plain function of an instant, tested
// with a pinned clock; the schedule is wiring.
type Job struct {
	Name  string // as in the configuration (schedules:) and "jobs run NAME"
	Spec  string // default schedule: five-field cron in the configured zone, or @every
	About string // what it does, for operators
	Slot  string // what one slot is ("the local day"); "" for housekeeping run every time
	// Enabled reports whether the configuration switched the job on; nil
	// means always. A job switched off is listed as off and never runs.
	Enabled func() bool
	// Run does the work of the slot that contains at.
	Run func(ctx context.Context, at time.Time) (*Result, error)
	// DryRun, when set, builds what Run would queue for the slot of at and
	// records nothing, so the slot stays runnable.
	DryRun func(ctx context.Context, at time.Time) (*Result, error)
}

// On reports whether the job is switched on.
func (j Job) On() bool { return j.Enabled == nil || j.Enabled() }

// Provider is a feature that has scheduled jobs.
type Provider interface {
	Jobs() []Job
}

// Result is what one run of a job did.
type Result struct {
	Job  string
	Slot string
	At   time.Time
	// Queued is true when this run was recorded and its messages queued.
	Queued bool
	// DryRun is true when Messages are what a run would queue: nothing was
	// recorded or queued.
	DryRun   bool
	Messages []*kinerja.OutboxMessage
	// Previous is the earlier run of the same slot, when there was one.
	Previous *kinerja.JobRun
	// Skipped says, for operators, why the job had nothing to do (a
	// holiday, outside its window, no data source yet); "" otherwise.
	Skipped string
	// Left lists the people left out, by reason (on leave, unreachable…),
	// so an operator can check that only the right people were reminded.
	Left map[string][]string
}
