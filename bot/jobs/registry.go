package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// Registry is the one list of scheduled jobs: what "jobs list" shows,
// what "jobs run" runs and what cmd schedules.
type Registry struct {
	jobs []Job
}

// NewRegistry collects the Jobs of every value that implements Provider,
// in order; other values are ignored, so cmd can pass all its features. A
// job name taken twice, or a job without a name or schedule, is refused.
func NewRegistry(providers ...any) (*Registry, error) {
	r := &Registry{}
	for _, p := range providers {
		if jp, ok := p.(Provider); ok {
			if err := r.Add(jp.Jobs()...); err != nil {
				return nil, err
			}
		}
	}
	return r, nil
}

// Add registers jobs (the core's housekeeping, which cmd declares).
func (r *Registry) Add(jobs ...Job) error {
	for _, j := range jobs {
		if j.Name == "" || j.Spec == "" {
			return fmt.Errorf("jobs: a job needs a name and a schedule (%q, %q)", j.Name, j.Spec)
		}
		if _, dup := r.Get(j.Name); dup {
			return fmt.Errorf("jobs: job %s registered twice", j.Name)
		}
		r.jobs = append(r.jobs, j)
	}
	return nil
}

// Jobs returns every registered job, in registration order.
func (r *Registry) Jobs() []Job { return append([]Job(nil), r.jobs...) }

// Names returns the names of the registered jobs, in order.
func (r *Registry) Names() []string {
	out := make([]string, len(r.jobs))
	for i, j := range r.jobs {
		out[i] = j.Name
	}
	return out
}

// Get returns the named job.
func (r *Registry) Get(name string) (Job, bool) {
	for _, j := range r.jobs {
		if j.Name == name {
			return j, true
		}
	}
	return Job{}, false
}

// Off is the schedule that switches a job off in the configuration.
const Off = "off"

// UnknownJobError is a schedule given for a job that is not registered.
type UnknownJobError struct {
	Name  string
	Known []string
}

func (e *UnknownJobError) Error() string {
	return fmt.Sprintf("no job has this name; the jobs are %s", strings.Join(e.Known, ", "))
}

// Schedule overrides the default schedules (the configuration's
// schedules:); "off" switches a job off. The specs are checked by cmd,
// which knows cron; the names are checked here against the registry.
func (r *Registry) Schedule(specs map[string]string) error {
	for name := range specs {
		if _, ok := r.Get(name); !ok {
			return &UnknownJobError{Name: name, Known: r.Names()}
		}
	}
	for i, j := range r.jobs {
		spec, ok := specs[j.Name]
		if !ok {
			continue
		}
		if spec = strings.TrimSpace(spec); spec == Off {
			r.jobs[i].Enabled = func() bool { return false }
			continue
		}
		r.jobs[i].Spec = spec
	}
	return nil
}

// Run runs the named job as if at instant at. A job switched off runs
// too, when an operator asks for it by name.
func (r *Registry) Run(ctx context.Context, name string, at time.Time) (*Result, error) {
	j, ok := r.Get(name)
	if !ok {
		return nil, fmt.Errorf("no job named %q; the jobs are %s", name, strings.Join(r.Names(), ", "))
	}
	if j.Run == nil {
		return nil, fmt.Errorf("job %s runs only inside the running bot (kinerjabot run)", name)
	}
	return j.Run(ctx, at)
}

// DryRun builds what the named job would send as if at instant at, and
// records nothing.
func (r *Registry) DryRun(ctx context.Context, name string, at time.Time) (*Result, error) {
	j, ok := r.Get(name)
	if !ok {
		return nil, fmt.Errorf("no job named %q; the jobs are %s", name, strings.Join(r.Names(), ", "))
	}
	if j.DryRun == nil {
		return nil, fmt.Errorf("job %s has no dry run: it queues no messages for a slot", name)
	}
	return j.DryRun(ctx, at)
}

// Func returns a job as a plain func(ctx) error for the scheduler, run as
// of now: the run's outcome is logged, and only a failure is returned.
func (j Job) Func(now kinerja.Clock, log *slog.Logger) func(ctx context.Context) error {
	return func(ctx context.Context) error {
		res, err := j.Run(ctx, now())
		switch {
		case err != nil:
			return err
		case res == nil || res.Slot == "":
			// housekeeping: nothing to tell every minute
		case res.Previous != nil:
			log.Info("job slot already ran", "job", j.Name, "slot", res.Slot, "at", res.Previous.At)
		case res.Skipped != "":
			log.Info("job had nothing to do", "job", j.Name, "slot", res.Slot, "why", res.Skipped)
		default:
			log.Info("job queued messages", "job", j.Name, "slot", res.Slot, "messages", len(res.Messages))
		}
		return nil
	}
}
