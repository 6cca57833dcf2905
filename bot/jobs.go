package bot

import (
	"context"
	"fmt"
	"sort"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// Names of the scheduled jobs, as used in the configuration (schedules:)
// and on the command line (kinerjabot jobs run NAME).
const (
	JobRemindApprovals  = "remind-approvals"
	JobRemindEvaluation = "remind-evaluation"
	JobRemindReporting  = "remind-reporting"
	JobSummaryWeekly    = "summary-weekly"
	JobSummaryMonthly   = "summary-monthly"
)

// JobInfo describes a scheduled job for the configuration and operators.
type JobInfo struct {
	Name  string
	Spec  string // default five-field cron spec, in the configured zone
	About string
	Slot  string // what one slot is, for operators
}

// JobList lists the scheduled jobs with their default schedules.
var JobList = []JobInfo{
	{JobRemindApprovals, "0 8 * * 1-5", "each assessor with pending reports gets one digest", "the local day"},
	{JobRemindEvaluation, "0 9 * * *", "assessors with unfinished evaluations of the previous month, from the 1st to the deadline", "the local day"},
	{JobRemindReporting, "0 14 * * 5", "staff with no report in the last N working days", "the local day"},
	{JobSummaryWeekly, "30 7 * * 1", "reports and survey of the previous week to each unit's group", "the ISO week summarised"},
	{JobSummaryMonthly, "0 8 1 * *", "IKM and mutu of the previous month with a chart, and predikat counts of the latest month evaluated, to unit groups and the public channel", "the month summarised"},
}

// JobsConfig is what the scheduled jobs need to know.
type JobsConfig struct {
	// Calendar has the holidays; weekends and holidays get no reminders.
	Calendar *kinerja.Calendar
	// EvaluationDeadline is the day of the month by which assessors must
	// have evaluated the previous month; 0 takes the evaluation feature's
	// (Config.Evaluation.DeadlineDay, 5 by default).
	EvaluationDeadline int
	// ReportingDays is N of "no report in the last N working days" (5).
	ReportingDays int
	// UnitGroups maps unit codes to group chat ids, overriding the roster's.
	UnitGroups map[string]int64
	// PublicChannel, when not 0, also gets the monthly summary.
	PublicChannel int64
	// Sources provide the data of the jobs that depend on other features.
	Sources Sources
}

// Jobs runs the scheduled jobs of a Bot. Each job reads what it needs and
// queues its messages in the outbox in one transaction, together with the
// record of its run for its slot, so running a job twice for the same slot
// queues nothing the second time. A Sender delivers the outbox.
type Jobs struct {
	b   *Bot
	cfg JobsConfig
}

// NewJobs returns the scheduled jobs of b.
func NewJobs(b *Bot, cfg JobsConfig) *Jobs {
	if cfg.EvaluationDeadline <= 0 || cfg.EvaluationDeadline > 28 {
		cfg.EvaluationDeadline = 5 // the evaluation's default DeadlineDay
	}
	if cfg.ReportingDays <= 0 {
		cfg.ReportingDays = 5
	}
	if cfg.Calendar == nil {
		cfg.Calendar = kinerja.NewCalendar(b.cfg.Location, nil)
	}
	return &Jobs{b: b, cfg: cfg}
}

// JobResult is what one run of a job did.
type JobResult struct {
	Job  string
	Slot string
	At   time.Time
	// Queued is true when this run was recorded and its messages queued.
	Queued   bool
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

// jobRun is one job being built: what it needs while it reads and queues.
type jobRun struct {
	ctx    context.Context
	tx     kinerja.Tx
	at     time.Time
	res    *JobResult
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
	return nil, errJobSkip
}

// errJobSkip tells Run that the build chose not to run.
var errJobSkip = fmt.Errorf("skipped")

// jobDef is how a job is built: its slot and its messages.
type jobDef struct {
	slot  func(j *Jobs, at time.Time) string
	build func(j *Jobs, r *jobRun) ([]*kinerja.OutboxMessage, error)
}

// jobDefs maps job names to their definitions.
var jobDefs = map[string]jobDef{
	JobRemindApprovals:  {daySlot, (*Jobs).remindApprovals},
	JobRemindEvaluation: {daySlot, (*Jobs).remindEvaluation},
	JobRemindReporting:  {daySlot, (*Jobs).remindReporting},
	JobSummaryWeekly:    {weekSlot, (*Jobs).summaryWeekly},
	JobSummaryMonthly:   {monthSlot, (*Jobs).summaryMonthly},
}

// daySlot is the local day of the run: a reminder goes out once a day,
// however often cron or an operator starts it.
func daySlot(j *Jobs, at time.Time) string { return kinerja.DayString(at, j.loc()) }

// weekSlot is the ISO week summarised: the week before the one containing at.
func weekSlot(j *Jobs, at time.Time) string {
	y, w := j.summaryWeek(at).ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

// monthSlot is the month summarised: the one before at's.
func monthSlot(j *Jobs, at time.Time) string {
	return kinerja.MonthOf(at, j.loc()).Prev().String()
}

func (j *Jobs) loc() *time.Location { return j.b.cfg.Location }

// Run runs the named job as of now (the bot's clock).
func (j *Jobs) Run(ctx context.Context, name string) (*JobResult, error) {
	return j.RunAt(ctx, name, j.b.now())
}

// RunAt runs the named job as if at instant at: it reads the data, builds
// the messages and queues them, with the run's record for the slot of at,
// in one transaction. A slot that already ran queues nothing. The messages
// are due at once (by the bot's clock), not at at.
//
// The data is read before that transaction, outside the database's write
// lock, so that a job over the whole city does not hold up conversations;
// the record of the slot, not the reading, is what keeps a run single.
func (j *Jobs) RunAt(ctx context.Context, name string, at time.Time) (*JobResult, error) {
	def, ok := jobDefs[name]
	if !ok {
		return nil, fmt.Errorf("no job named %q", name)
	}
	at = at.In(j.loc())
	res := &JobResult{Job: name, Slot: def.slot(j, at), At: at}
	fail := func(err error) (*JobResult, error) {
		return nil, fmt.Errorf("job %s (slot %s): %w", name, res.Slot, err)
	}
	store := j.b.store
	prev, err := store.JobRun(ctx, name, res.Slot)
	if err == nil {
		res.Previous = prev
		return res, nil
	} else if kinerja.ErrorCode(err) != kinerja.ENotFound {
		return fail(err)
	}
	r := &jobRun{ctx: ctx, tx: store, at: at, res: res}
	if r.leaves, err = j.leavesOn(ctx, store, at); err != nil {
		return fail(err)
	}
	msgs, err := def.build(j, r)
	if err == errJobSkip {
		return res, nil
	} else if err != nil {
		return fail(err)
	}
	// The messages are due now, whatever instant the run is for: an
	// operator's "jobs run --at" of a coming morning sends at once.
	now := j.b.now()
	for _, m := range msgs {
		m.CreatedAt, m.NotBefore = now, now
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

// Func returns the named job as a plain func(ctx) error for the scheduler:
// the run's outcome is logged, and only a failure is returned.
func (j *Jobs) Func(name string) func(ctx context.Context) error {
	return func(ctx context.Context) error {
		res, err := j.Run(ctx, name)
		switch {
		case err != nil:
			return err
		case res.Previous != nil:
			j.b.log.Info("job slot already ran", "job", name, "slot", res.Slot, "at", res.Previous.At)
		case res.Skipped != "":
			j.b.log.Info("job had nothing to do", "job", name, "slot", res.Slot, "why", res.Skipped)
		default:
			j.b.log.Info("job queued messages", "job", name, "slot", res.Slot, "messages", len(res.Messages))
		}
		return nil
	}
}

// RemindApprovals is the remind-approvals job as of now.
func (j *Jobs) RemindApprovals(ctx context.Context) error { return j.Func(JobRemindApprovals)(ctx) }

// RemindEvaluation is the remind-evaluation job as of now.
func (j *Jobs) RemindEvaluation(ctx context.Context) error { return j.Func(JobRemindEvaluation)(ctx) }

// RemindReporting is the remind-reporting job as of now.
func (j *Jobs) RemindReporting(ctx context.Context) error { return j.Func(JobRemindReporting)(ctx) }

// SummaryWeekly is the summary-weekly job as of now.
func (j *Jobs) SummaryWeekly(ctx context.Context) error { return j.Func(JobSummaryWeekly)(ctx) }

// SummaryMonthly is the summary-monthly job as of now.
func (j *Jobs) SummaryMonthly(ctx context.Context) error { return j.Func(JobSummaryMonthly)(ctx) }

// leavesOn returns the leave spans that cover or follow the day of at, by NIP.
func (j *Jobs) leavesOn(ctx context.Context, tx kinerja.Tx, at time.Time) (map[string][]*kinerja.Leave, error) {
	// A year back, so a reporting window that skips leave days can see them.
	list, err := tx.Leaves(ctx, "", kinerja.DayString(at.AddDate(-1, 0, 0), j.loc()))
	if err != nil {
		return nil, err
	}
	out := map[string][]*kinerja.Leave{}
	for _, l := range list {
		out[l.NIP] = append(out[l.NIP], l)
	}
	return out, nil
}

// onLeave reports whether nip is on leave on the day of t.
func (j *Jobs) onLeave(r *jobRun, nip string, t time.Time) bool {
	day := kinerja.DayString(t, j.loc())
	for _, l := range r.leaves[nip] {
		if l.Covers(day) {
			return true
		}
	}
	return false
}

// unreachableRetry is how long a person who blocked the bot gets no
// reminders before the bot tries again.
const unreachableRetry = 7 * 24 * time.Hour

// Reasons a person gets no reminder, as shown to operators.
const (
	leftNotLinked   = "not linked to Telegram"
	leftOnLeave     = "on leave"
	leftUnreachable = "unreachable (blocked the bot)"
	leftNotOnRoster = "not on the roster"
)

// recipient returns a person who may get a reminder today and their
// language; when they may not (not on the roster, not linked, on leave,
// unreachable) it records and returns the reason instead.
func (j *Jobs) recipient(r *jobRun, nip string) (st *kinerja.Staff, lang kinerja.Lang, reason string, err error) {
	st, err = r.tx.Staff(r.ctx, nip)
	if kinerja.ErrorCode(err) == kinerja.ENotFound {
		r.leave(leftNotOnRoster, nip)
		return nil, "", leftNotOnRoster, nil
	} else if err != nil {
		return nil, "", "", err
	}
	lang, reason, err = j.reachable(r, st)
	return st, lang, reason, err
}

// reachable checks a roster entry as recipient (see recipient).
func (j *Jobs) reachable(r *jobRun, st *kinerja.Staff) (kinerja.Lang, string, error) {
	left := func(reason string) (kinerja.Lang, string, error) {
		r.leave(reason, st.Name+" ("+st.NIP+")")
		return "", reason, nil
	}
	if !st.Linked() {
		return left(leftNotLinked)
	}
	if j.onLeave(r, st.NIP, r.at) {
		return left(leftOnLeave)
	}
	lang := j.b.cfg.DefaultLang
	a, err := r.tx.Account(r.ctx, st.TelegramID)
	switch {
	case err == nil:
		// A person who blocked the bot is skipped for a week, then tried
		// again: nothing tells the bot when they unblock it, and one refused
		// message a week (the admins hear of it) beats silence for ever.
		if a.Unreachable && r.at.Sub(a.UpdatedAt) < unreachableRetry {
			return left(leftUnreachable)
		}
		if a.Lang != "" {
			lang = a.Lang
		}
	case kinerja.ErrorCode(err) != kinerja.ENotFound:
		return "", "", err
	}
	return lang, "", nil
}

// jobMessage builds a message to a person.
func jobMessage(st *kinerja.Staff, text string, buttons ...[]kinerja.OutboxButton) *kinerja.OutboxMessage {
	return &kinerja.OutboxMessage{ChatID: st.TelegramID, NIP: st.NIP, Label: st.Name, Text: text, Buttons: jobButtons(buttons)}
}

// jobButtons drops empty button rows.
func jobButtons(rows [][]kinerja.OutboxButton) [][]kinerja.OutboxButton {
	var out [][]kinerja.OutboxButton
	for _, r := range rows {
		if len(r) > 0 {
			out = append(out, r)
		}
	}
	return out
}

// snoozeRow is the "remind me later" row of a reminder. {id} becomes the
// message's own ID when it is sent.
func snoozeRow(lang kinerja.Lang) []kinerja.OutboxButton {
	return []kinerja.OutboxButton{
		{Text: T(lang, "jobs.snooze_hour"), Data: snoozePrefix + ":{id}:" + snoozeHour},
		{Text: T(lang, "jobs.snooze_morning"), Data: snoozePrefix + ":{id}:" + snoozeMorning},
	}
}

// commandRow is a button that opens a command, or no row when no feature
// registered that command in this build.
func (j *Jobs) commandRow(lang kinerja.Lang, command, key string) []kinerja.OutboxButton {
	if _, ok := j.b.commands[command]; !ok {
		return nil
	}
	return []kinerja.OutboxButton{{Text: T(lang, key), Data: runPrefix + ":" + command}}
}

// admins returns the linked admins who may get a copy today, with their
// languages.
func (j *Jobs) admins(r *jobRun) ([]*kinerja.Staff, []kinerja.Lang, error) {
	all, err := r.tx.ListStaff(r.ctx, kinerja.StaffFilter{LinkedOnly: true})
	if err != nil {
		return nil, nil, err
	}
	var out []*kinerja.Staff
	var langs []kinerja.Lang
	for _, st := range all {
		if !st.Admin {
			continue
		}
		lang, reason, err := j.reachable(r, st)
		if err != nil {
			return nil, nil, err
		}
		if reason == "" {
			out = append(out, st)
			langs = append(langs, lang)
		}
	}
	return out, langs, nil
}

// notWorking explains, for operators, why the day of at is no working day.
func (j *Jobs) notWorking(at time.Time) string {
	if h, ok := j.cfg.Calendar.Holiday(at); ok {
		return fmt.Sprintf("%s is a holiday (%s): no reminders", kinerja.DayString(at, j.loc()), h.Name)
	}
	return fmt.Sprintf("%s is a %s: no reminders", kinerja.DayString(at, j.loc()), at.In(j.loc()).Weekday())
}
