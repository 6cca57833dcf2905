// Package cluster runs the scheduled jobs and the outbox sender of several
// bot processes ("replicas") on one PostgreSQL database, so that every
// scheduled job runs once per slot and every message goes out once.
//
// The scheduled jobs are River periodic jobs: every replica registers them,
// River's elected leader alone inserts them when due, with a unique key per
// job and slot (the minute they were due), and any replica's River worker
// runs them. The storage's job-run record (ON CONFLICT (job, slot)) keeps a
// slot's messages queued once even if a job were started twice.
//
// The outbox sender runs on one replica at a time: the one holding a
// PostgreSQL session advisory lock on a connection of its own. One sender
// means one pacer, so Telegram's flood limits hold across replicas; its
// claims with leases (storage.ClaimQueue) make sure that even a sender that
// lost its lock without noticing never takes a message another one holds.
// When the sender's process dies its session ends, the lock is free, and
// another replica takes over within Poll; the claims of the dead sender
// lapse after Lease.
//
// This is the only package that imports River. On SQLite the bot does not
// use it: one process runs robfig/cron and the sender, as it always did.
package cluster

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/bkpsdm-solok/kinerjabot/storage"
)

// Lock keys of the PostgreSQL advisory locks this package takes.
const (
	senderLockKey  = 7302 // held by the replica that sends the outbox
	migrateLockKey = 7303 // held while River's schema is migrated
)

// A new leader starts its schedules from the present (River keeps them in
// memory only), so a slot that came due while no replica led (a killed
// leader's term runs out after about 15 s) would be lost: at the start of
// each term every job is also inserted for its last slot due within
// catchUp, which the unique key drops when the slot already ran.
// enqueueMargin covers River inserting a job up to 100 ms before it is due.
const (
	catchUp       = 2 * time.Minute
	enqueueMargin = 200 * time.Millisecond
)

// lastDue is the latest instant not after at when s was due, looking back
// at most window; zero when there is none.
func lastDue(s Schedule, at time.Time, window time.Duration) time.Time {
	var last time.Time
	for t := s.Next(at.Add(-window)); !t.IsZero() && !t.After(at); t = s.Next(t) {
		last = t
	}
	return last
}

// Schedule says when a job is next due after an instant: robfig/cron's
// Schedule fits (in the configured zone), and so does River's.
type Schedule interface {
	Next(time.Time) time.Time
}

// Job is one scheduled job.
type Job struct {
	Name     string
	Schedule Schedule
	// Run does the job's work. slot is the instant it was due.
	Run func(ctx context.Context, slot time.Time) error
	// Slot is the granularity of the job's unique key: River inserts the
	// job at most once per job and Slot-long bin of the due instant (a
	// minute, cron's granularity, when zero).
	Slot time.Duration
}

// Config configures a replica.
type Config struct {
	DB *storage.DB
	// ID names the replica, unique among them: host and pid.
	ID   string
	Jobs []Job
	// Send drains the outbox through store until ctx ends. It runs only
	// while this replica is the sender.
	Send func(ctx context.Context, store *storage.ClaimQueue)
	Log  *slog.Logger
	Now  func() time.Time
	// Poll is how often a replica that is not the sender tries to become
	// it, and the sender checks it still is (2 s).
	Poll time.Duration
	// Lease is how long a claimed message is held for its sender (30 s).
	Lease time.Duration
}

// Node is this process as one replica.
type Node struct {
	cfg    Config
	river  interface{ Stop(context.Context) error }
	pool   interface{ Close() }
	cancel context.CancelFunc
	done   chan struct{} // closed when the sender loop has returned
	start  time.Time

	stopOnce sync.Once
	mu       sync.Mutex
	sending  bool
	crash    bool // tests: end without releasing, as a killed process
}

// scheduledArgs is the River job of one scheduled job's slot.
type scheduledArgs struct {
	Job string `json:"job"`
}

// Kind implements river.JobArgs.
func (scheduledArgs) Kind() string { return "kinerja_scheduled" }

// Start migrates River's schema, starts this replica's River client (with
// the periodic jobs, run by the leader) and its sender loop.
func Start(ctx context.Context, cfg Config) (*Node, error) {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Poll <= 0 {
		cfg.Poll = 2 * time.Second
	}
	if cfg.Lease <= 0 {
		cfg.Lease = 30 * time.Second
	}
	pool, err := cfg.DB.PgxPool(ctx)
	if err != nil {
		return nil, err
	}
	n := &Node{cfg: cfg, pool: pool, done: make(chan struct{}), start: cfg.Now()}
	if err := n.startRiver(ctx, riverpgxv5.New(pool)); err != nil {
		pool.Close()
		return nil, err
	}
	loop, cancel := context.WithCancel(context.WithoutCancel(ctx))
	n.cancel = cancel
	go n.senderLoop(loop)
	return n, nil
}

// startRiver migrates River's tables and starts its client.
func (n *Node) startRiver(ctx context.Context, driver *riverpgxv5.Driver) error {
	riverLog := slog.New(quiet{n.cfg.Log.Handler()})
	migrator, err := rivermigrate.New(driver, &rivermigrate.Config{Logger: riverLog})
	if err != nil {
		return fmt.Errorf("river: %w", err)
	}
	if err := n.cfg.DB.Serialized(ctx, migrateLockKey, func() error {
		_, err := migrator.Migrate(ctx, rivermigrate.DirectionUp, nil)
		return err
	}); err != nil {
		return fmt.Errorf("river: migrating its tables: %w", err)
	}
	jobs := map[string]Job{}
	var periodic []*river.PeriodicJob
	for _, j := range n.cfg.Jobs {
		jobs[j.Name] = j
		args := scheduledArgs{Job: j.Name}
		slot := j.Slot
		if slot <= 0 {
			slot = time.Minute
		}
		periodic = append(periodic, river.NewPeriodicJob(j.Schedule, func() (river.JobArgs, *river.InsertOpts) {
			// River's clock, not cfg.Now: River decided it is due.
			due := lastDue(j.Schedule, time.Now().Add(enqueueMargin), catchUp)
			if due.IsZero() {
				return nil, nil // started as leader with no slot due lately
			}
			// Unique per job and slot: River bins ScheduledAt (the instant
			// the job was due) by the slot's length. One attempt, as with
			// cron: a failed run is logged and the next slot tries again.
			return args, &river.InsertOpts{MaxAttempts: 1, ScheduledAt: due,
				UniqueOpts: river.UniqueOpts{ByArgs: true, ByPeriod: slot}}
		}, &river.PeriodicJobOpts{ID: j.Name, RunOnStart: true}))
	}
	workers := river.NewWorkers()
	river.AddWorker(workers, river.WorkFunc(func(ctx context.Context, job *river.Job[scheduledArgs]) error {
		j, ok := jobs[job.Args.Job]
		if !ok {
			return fmt.Errorf("no job %q in this replica's configuration", job.Args.Job)
		}
		if err := j.Run(ctx, job.ScheduledAt); err != nil {
			n.cfg.Log.Error("job failed", "job", j.Name, "err", err)
			return err
		}
		return nil
	}))
	client, err := river.NewClient(driver, &river.Config{
		ID:           n.cfg.ID,
		Logger:       riverLog,
		JobTimeout:   15 * time.Minute,
		PeriodicJobs: periodic,
		Queues:       map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: 4}},
		Workers:      workers,
	})
	if err != nil {
		return fmt.Errorf("river: %w", err)
	}
	// The client outlives ctx: Stop ends it gracefully, handing the
	// leadership over at once instead of letting it expire.
	if err := client.Start(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("river: start: %w", err)
	}
	n.river = client
	return nil
}

// Sending reports whether this replica is the outbox sender now.
func (n *Node) Sending() bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.sending
}

// Stop ends the sender loop (releasing the sender's lock for another
// replica), stops River (resigning its leadership, letting running jobs
// finish) and says goodbye in the replicas table, all at most until wait
// ends.
func (n *Node) Stop(wait context.Context) {
	n.stopOnce.Do(func() { n.stop(wait) })
}

func (n *Node) stop(wait context.Context) {
	n.cancel()
	select {
	case <-n.done:
	case <-wait.Done():
		n.cfg.Log.Warn("shutdown: outbox sends still in flight; they resume on the next sender")
	}
	if err := n.river.Stop(wait); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		n.cfg.Log.Warn("shutdown: stopping River", "err", err)
	}
	if !n.crashed() {
		if err := n.cfg.DB.LeaveReplicas(context.WithoutCancel(wait), n.cfg.ID, n.cfg.Now().Add(-time.Hour)); err != nil {
			n.cfg.Log.Warn("shutdown: leaving the replicas table", "err", err)
		}
	}
	n.pool.Close()
}

func (n *Node) crashed() bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.crash
}
