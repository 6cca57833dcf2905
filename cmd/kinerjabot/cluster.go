package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/jobs"
	"github.com/bkpsdm-solok/kinerjabot/bot/outbox"
	"github.com/bkpsdm-solok/kinerjabot/bot/telegram"
	"github.com/bkpsdm-solok/kinerjabot/cluster"
	"github.com/bkpsdm-solok/kinerjabot/storage"
)

// lockStore takes the single-process lock of a SQLite database for the
// running bot, or tells the operator which process holds it. On
// PostgreSQL, where replicas are welcome, it takes nothing. Commands that
// read or queue (export, jobs list, jobs run, imports) take no lock and
// keep working beside the bot.
func (a *app) lockStore() (unlock func(), ok bool) {
	lock, err := storage.LockSQLite(a.cfg.Database, a.now())
	if err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", a.userMessage(err))
		return nil, false
	}
	return func() { lock.Unlock() }, true
}

// startBackground starts the scheduled jobs and the outbox sender. On
// SQLite that is robfig/cron and a sender in this one process, as ever; on
// PostgreSQL the jobs are River periodic jobs, inserted by River's elected
// leader and worked by any replica, and the sender runs on one replica at
// a time (package cluster). stopJobs and stopSender wait for work in
// flight, at most until their context ends.
func (a *app) startBackground(ctx context.Context, loc *time.Location, db *storage.DB, client *telegram.Client, scheduled []job) (stopJobs, stopSender func(context.Context), err error) {
	js := jobs.New(a.deps(db), a.jobsConfig())
	marks := a.outboxMarks(ctx, db)
	if db.Engine() != "postgres" {
		if stopJobs, err = startScheduler(ctx, loc, a.log, scheduled); err != nil {
			return nil, nil, err
		}
		return stopJobs, closing(a.startSender(ctx, db, client, js, marks), marks), nil
	}
	var cj []cluster.Job
	for _, j := range scheduled {
		sched, err := cron.ParseStandard(j.spec)
		if err != nil {
			return nil, nil, fmt.Errorf("schedule of job %s (%q): %w", j.name, j.spec, err)
		}
		run := j.run
		cj = append(cj, cluster.Job{Name: j.name, Schedule: zoned{sched, loc},
			Run: func(ctx context.Context, _ time.Time) error { return run(ctx) }})
	}
	// The outbox messages an earlier run of this replica held (killed
	// while sending) go to the sender now, not when their claims lapse.
	id, name := a.replicaID(), a.replicaName()
	if n, err := db.ReleaseOutboxClaims(ctx, func(owner string) bool { return earlierRun(name, id, owner) }); err != nil {
		a.log.Warn("releasing the outbox claims of this replica's previous run failed; they lapse in 30 s", "err", err)
	} else if n > 0 {
		a.log.Info("released outbox messages held by this replica's previous run", "messages", n)
	}
	node, err := cluster.Start(ctx, cluster.Config{DB: db, ID: id, Jobs: cj, Log: a.log, Now: a.now,
		Send: func(ctx context.Context, store *storage.ClaimQueue) {
			if err := a.newSender(store, client, js, marks).Run(ctx); err != nil {
				a.log.Error("outbox sender stopped", "err", err)
			}
		}})
	if err != nil {
		return nil, nil, err
	}
	// River's workers stop with the sender, last, after the bot's replies.
	return func(context.Context) {}, closing(node.Stop, marks), nil
}

// zoned is a cron schedule read in the configured zone, whatever zone
// River hands it the current time in.
type zoned struct {
	cron.Schedule
	loc *time.Location
}

// Next implements cluster.Schedule.
func (z zoned) Next(t time.Time) time.Time { return z.Schedule.Next(t.In(z.loc)) }

// replicaID names this process among the replicas: its replica name
// (KINERJA_REPLICA, else the host name) and pid, and a random tag, since
// containers on one host network may share both.
func (a *app) replicaID() string {
	var tag [2]byte
	_, _ = rand.Read(tag[:])
	return a.replicaName() + "-" + strconv.Itoa(os.Getpid()) + "-" + hex.EncodeToString(tag[:])
}

// earlierRun reports whether id names an earlier run of the replica
// named name (name, a pid and a tag, as replicaID makes them) other than
// self: a process started again under its name means that run is gone.
func earlierRun(name, self, id string) bool {
	rest, ok := strings.CutPrefix(id, name+"-")
	if !ok || id == self {
		return false
	}
	pid, tag, ok := strings.Cut(rest, "-")
	if _, err := strconv.Atoi(pid); err != nil || !ok || len(tag) != 4 {
		return false
	}
	_, err := hex.DecodeString(tag)
	return err == nil
}

// closing is stop followed by closing the log of sent outbox messages.
func closing(stop func(context.Context), marks *bot.FileSentLog) func(context.Context) {
	return func(ctx context.Context) {
		stop(ctx)
		if marks != nil {
			marks.Close()
		}
	}
}

// pacer is the flood-limit pace of every message the bot sends, replies
// and the outbox alike: in this process on SQLite (the one process), and
// shared through the database by the replicas on PostgreSQL, since they
// send with one token.
func pacer(db *storage.DB, log *slog.Logger) *telegram.Throttle {
	if db.Engine() == "postgres" {
		return telegram.NewSharedThrottle(db, log)
	}
	return telegram.NewThrottle()
}

// paced is the outbox's Pacer when the client paces every send itself.
type paced struct{}

func (paced) Wait(context.Context, int64) error { return nil }

// newSender is the outbox sender over store, reporting undelivered
// messages to the admins through js. The client paces its sends (pacer).
func (a *app) newSender(store outbox.Store, client *telegram.Client, js *jobs.Service, marks *bot.FileSentLog) *outbox.Sender {
	if marks != nil {
		store = &outbox.Marked{Store: store, Log: marks}
	}
	return outbox.New(store, client, paced{}, outbox.Options{
		Permanent: telegram.Permanent,
		Log:       a.log,
		OnFailures: func(ctx context.Context) {
			if err := js.ReportFailures(ctx); err != nil {
				a.log.Error("telling the admins about undelivered messages failed", "err", err)
			}
		},
	})
}

// printCluster tells who runs the bot on the configured database: the
// process holding a SQLite file, or on PostgreSQL the live replicas,
// River's leader (which inserts the scheduled jobs) and the outbox sender.
// db may be nil: it is then opened for PostgreSQL, and a SQLite file is
// only looked at, never created.
func printCluster(ctx context.Context, a *app, db *storage.DB) {
	w := a.stdout
	postgres := strings.HasPrefix(a.cfg.Database, "postgres://") || strings.HasPrefix(a.cfg.Database, "postgresql://")
	if postgres && db == nil {
		var err error
		if db, err = a.openExisting(ctx); err != nil {
			fmt.Fprintln(w, "Replicas: unknown:", err)
			return
		}
		defer db.Close()
	}
	if !postgres {
		if holder, ok := storage.SQLiteHolder(a.cfg.Database); ok {
			fmt.Fprintf(w, "Bot: running (%s), the one process on this SQLite file.\n", holder)
		} else {
			fmt.Fprintln(w, "Bot: not running on this SQLite file.")
		}
		return
	}
	now := a.now()
	live, err := db.Replicas(ctx, now.Add(-30*time.Second))
	if err != nil {
		fmt.Fprintln(w, "Replicas: unknown:", err)
		return
	}
	var ids []string
	sender := "none"
	for _, r := range live {
		ids = append(ids, r.ID)
		if r.Role == "sender" {
			sender = r.ID
		}
	}
	if len(ids) == 0 {
		ids = []string{"none running"}
	}
	fmt.Fprintf(w, "Replicas (seen in the last 30 s): %s\n", strings.Join(ids, ", "))
	leader := "none elected (no replica running, or between two terms)"
	if id, until, ok, err := db.RiverLeader(ctx); err != nil {
		leader = "unknown: " + err.Error()
	} else if ok && until.After(now) {
		leader = fmt.Sprintf("%s (term until %s)", id, until.In(a.cfg.Location()).Format("15:04:05 MST"))
	}
	fmt.Fprintf(w, "Leader (inserts the scheduled jobs): %s\n", leader)
	fmt.Fprintf(w, "Outbox sender: %s\n", sender)
}
