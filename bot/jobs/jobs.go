package jobs

import (
	"context"
	"fmt"
	"sort"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// Names of the jobs of this package, as used in the configuration
// (schedules:) and on the command line (kinerjabot jobs run NAME).
const (
	RemindApprovals  = "remind-approvals"
	RemindEvaluation = "remind-evaluation"
	RemindReporting  = "remind-reporting"
	SummaryWeekly    = "summary-weekly"
	SummaryMonthly   = "summary-monthly"
	// ReportUndelivered tells the admins about undelivered messages; the
	// sender does it at once, the schedule catches a stop in between.
	ReportUndelivered = "report-undelivered"
	// PruneOutbox deletes settled messages after outboxKeep.
	PruneOutbox = "prune-outbox"
)

// outboxKeep is how long settled messages are kept for operators; the
// record of job runs is kept for ever.
const outboxKeep = 90 * 24 * time.Hour

// Config is what the scheduled jobs need to know.
type Config struct {
	// Calendar has the holidays; weekends and holidays get no reminders.
	Calendar *kinerja.Calendar
	// EvaluationDeadline is the day of the month by which assessors must
	// have evaluated the previous month (evaluation.deadline_day); 0 takes 5.
	EvaluationDeadline int
	// EvaluationPeriod is what evaluations are run by: kinerja.Monthly
	// (the default), Quarterly or Semester. The reminders run in the month
	// after a period ends, to its deadline day.
	EvaluationPeriod kinerja.PeriodKind
	// ReportingDays is N of "no report in the last N working days" (5).
	ReportingDays int
	// UnitGroups maps unit codes to group chat ids, overriding the roster's.
	UnitGroups map[string]int64
	// PublicChannel, when not 0, also gets the monthly summary.
	PublicChannel int64
	// SiteURL is the public results site's address (http.public_url,
	// without a trailing slash); when set, the monthly summary links each
	// unit's group to its unit page and the channel to the list.
	SiteURL string
	// Sources provide the data of the jobs that depend on other features.
	Sources Sources
}

// Service runs the reminders and summaries and the outbox's housekeeping.
// Each job reads what it needs and queues its messages in the outbox in one
// transaction, together with the record of its run for its slot, so
// running a job twice for the same slot queues nothing the second time. A
// Sender delivers the outbox. As a bot.Feature it adds the reminders'
// "remind me later" and "open" buttons.
type Service struct {
	deps bot.Deps
	cfg  Config
}

// New returns the scheduled jobs over deps.
func New(deps bot.Deps, cfg Config) *Service {
	deps = deps.WithDefaults()
	if cfg.EvaluationDeadline <= 0 || cfg.EvaluationDeadline > 28 {
		cfg.EvaluationDeadline = 5
	}
	if cfg.EvaluationPeriod == "" {
		cfg.EvaluationPeriod = kinerja.Monthly
	}
	if cfg.ReportingDays <= 0 {
		cfg.ReportingDays = 5
	}
	if cfg.Calendar == nil {
		cfg.Calendar = kinerja.NewCalendar(deps.Location, nil)
	}
	return &Service{deps: deps, cfg: cfg}
}

// jobDef is one job of the service: how it is listed, its slot and its
// messages.
type jobDef struct {
	spec, about, slotAbout string
	slot                   func(s *Service, at time.Time) string
	build                  func(s *Service, r *jobRun) ([]*kinerja.OutboxMessage, error)
}

// defs are the service's reminders and summaries, in listing order.
var defs = []struct {
	name string
	def  jobDef
}{
	{RemindApprovals, jobDef{"0 8 * * 1-5", "each assessor with pending reports gets one digest", "the local day", daySlot, (*Service).remindApprovals}},
	{RemindEvaluation, jobDef{"0 9 * * *", "assessors with unfinished evaluations of the period just ended (month, or quarter when so configured), from the 1st to the deadline", "the local day", daySlot, (*Service).remindEvaluation}},
	{RemindReporting, jobDef{"0 14 * * 5", "staff with no report in the last N working days", "the local day", daySlot, (*Service).remindReporting}},
	{SummaryWeekly, jobDef{"30 7 * * 1", "reports and survey of the previous week to each unit's group", "the ISO week summarised", weekSlot, (*Service).summaryWeekly}},
	{SummaryMonthly, jobDef{"0 8 1 * *", "IKM and mutu of the previous month with a chart, and predikat counts of the latest month evaluated, to unit groups and the public channel", "the month summarised", monthSlot, (*Service).summaryMonthly}},
}

// Jobs implements Provider: the reminders and summaries, then the outbox's
// housekeeping.
func (s *Service) Jobs() []Job {
	var out []Job
	for _, d := range defs {
		name := d.name
		out = append(out, Job{Name: name, Spec: d.def.spec, About: d.def.about, Slot: d.def.slotAbout,
			Run:    func(ctx context.Context, at time.Time) (*Result, error) { return s.RunAt(ctx, name, at) },
			DryRun: func(ctx context.Context, at time.Time) (*Result, error) { return s.DryRun(ctx, name, at) }})
	}
	return append(out,
		Job{Name: ReportUndelivered, Spec: "*/15 * * * *", About: "tells the admins, in one digest, about messages that could not be delivered",
			Run: func(ctx context.Context, at time.Time) (*Result, error) {
				return &Result{Job: ReportUndelivered, At: at}, s.ReportFailures(ctx)
			}},
		Job{Name: PruneOutbox, Spec: "20 3 * * *", About: "deletes settled outbox messages older than 90 days (the record of runs stays)",
			Run: func(ctx context.Context, at time.Time) (*Result, error) {
				_, err := s.deps.Store.PruneOutbox(ctx, at.Add(-outboxKeep))
				return &Result{Job: PruneOutbox, At: at}, err
			}},
	)
}

// jobRun is one job being built: what it needs while it reads and queues.
type jobRun struct {
	ctx    context.Context
	tx     kinerja.Tx
	at     time.Time
	res    *Result
	leaves map[string][]*kinerja.Leave
}

// leave records that a person was left out, and why.
func (r *jobRun) leave(reason, who string) {
	if r.res.Left == nil {
		r.res.Left = map[string][]string{}
	}
	r.res.Left[reason] = append(r.res.Left[reason], who)
}

// skip ends a run with nothing to do and no record, so that the slot can
// still run once the reason is gone (a data source that lands later).
func (r *jobRun) skip(format string, args ...any) ([]*kinerja.OutboxMessage, error) {
	r.res.Skipped = fmt.Sprintf(format, args...)
	return nil, errSkip
}

// errSkip tells RunAt that the build chose not to run.
var errSkip = fmt.Errorf("skipped")

// daySlot is the local day of the run: a reminder goes out once a day,
// however often cron or an operator starts it.
func daySlot(s *Service, at time.Time) string { return kinerja.DayString(at, s.loc()) }

// weekSlot is the ISO week summarised: the week before the one containing at.
func weekSlot(s *Service, at time.Time) string {
	y, w := s.summaryWeek(at).ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

// monthSlot is the month summarised: the one before at's.
func monthSlot(s *Service, at time.Time) string {
	return kinerja.MonthOf(at, s.loc()).Prev().String()
}

func (s *Service) loc() *time.Location { return s.deps.Location }

// Run runs the named job as of now (the service's clock).
func (s *Service) Run(ctx context.Context, name string) (*Result, error) {
	return s.RunAt(ctx, name, s.deps.Now())
}

// RunAt runs the named reminder or summary as if at instant at: it reads
// the data, builds the messages and queues them, with the run's record for
// the slot of at, in one transaction. A slot that already ran queues
// nothing; a run with nobody to send to (no group configured yet, nobody
// with work outstanding) records nothing either, so the slot can still run
// once there is. The messages are due at once (by the service's clock),
// not at at.
//
// The data is read before that transaction, outside the database's write
// lock, so that a job over the whole city does not hold up conversations;
// the record of the slot, not the reading, is what keeps a run single.
func (s *Service) RunAt(ctx context.Context, name string, at time.Time) (*Result, error) {
	return s.run(ctx, name, at, false)
}

// DryRun builds what RunAt would queue for the slot of at, to whom, and
// records and queues nothing.
func (s *Service) DryRun(ctx context.Context, name string, at time.Time) (*Result, error) {
	return s.run(ctx, name, at, true)
}

func (s *Service) run(ctx context.Context, name string, at time.Time, dry bool) (*Result, error) {
	var def *jobDef
	for i := range defs {
		if defs[i].name == name {
			def = &defs[i].def
		}
	}
	if def == nil {
		return nil, fmt.Errorf("no job named %q", name)
	}
	at = at.In(s.loc())
	res := &Result{Job: name, Slot: def.slot(s, at), At: at}
	fail := func(err error) (*Result, error) {
		return nil, fmt.Errorf("job %s (slot %s): %w", name, res.Slot, err)
	}
	store := s.deps.Store
	prev, err := store.JobRun(ctx, name, res.Slot)
	if err == nil {
		res.Previous = prev
		return res, nil
	} else if kinerja.ErrorCode(err) != kinerja.ENotFound {
		return fail(err)
	}
	r := &jobRun{ctx: ctx, tx: store, at: at, res: res}
	if r.leaves, err = s.leavesOn(ctx, store, at); err != nil {
		return fail(err)
	}
	msgs, err := def.build(s, r)
	if err == errSkip {
		return res, nil
	} else if err != nil {
		return fail(err)
	}
	// The messages are due now, whatever instant the run is for: an
	// operator's "jobs run --at" of a coming morning sends at once.
	now := s.deps.Now()
	for _, m := range msgs {
		m.CreatedAt, m.NotBefore = now, now
	}
	if dry {
		res.DryRun, res.Messages = true, msgs
		return res, nil
	}
	if len(msgs) == 0 {
		res.Skipped = "nobody to send to; the slot stays open"
		return res, nil
	}
	var queued bool
	err = store.InTx(ctx, func(tx kinerja.Tx) error {
		queued, err = tx.EnqueueRun(ctx, &kinerja.JobRun{Job: name, Slot: res.Slot, At: at}, msgs)
		if err != nil || queued {
			return err
		}
		// Another run recorded the slot between our check and now.
		res.Previous, err = tx.JobRun(ctx, name, res.Slot)
		return err
	})
	if err != nil {
		return fail(err)
	}
	if !queued {
		res.Left = nil
		return res, nil
	}
	res.Queued, res.Messages = true, msgs
	for _, who := range res.Left {
		sort.Strings(who)
	}
	return res, nil
}
