package evaluation

import (
	"context"
	"strconv"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/jobs"
)

// The clock of objections and follow-ups: a daily job reminds the reviewer
// of an objection ObjectionReminderDays before its review deadline, tells
// the admins once when the deadline has passed, and reminds the unit head
// of a follow-up on its review day. Each message is queued through the
// outbox with a slot of its own (the objection or follow-up and what is
// said about it), so a run repeated on the same day, or the next day,
// queues nothing twice.

// JobRemindObjections is the daily job of objection deadlines and
// follow-up reviews.
const JobRemindObjections = "remind-objections"

// ObjectionReminderDays is how many days before the review deadline the
// reviewer is reminded (once).
const ObjectionReminderDays = 3

// Jobs implements jobs.Provider: remind-objections, every day at 08:00.
func (f *Feature) Jobs() []jobs.Job {
	return []jobs.Job{{Name: JobRemindObjections, Spec: "0 8 * * *", Slot: "the local day",
		About: "reminds objection reviewers before their deadline (evaluation.objection_review_days), tells the admins once a deadline has passed, and reminds unit heads of follow-ups due for review",
		Run: func(ctx context.Context, at time.Time) (*jobs.Result, error) {
			msgs, err := f.remindObjections(ctx, at)
			// The messages are queued already (a slot of their own each);
			// they are in the result for the operator's "jobs run".
			res := &jobs.Result{Job: JobRemindObjections, Slot: kinerja.DayString(at, f.deps.Location), At: at,
				Queued: len(msgs) > 0, Messages: msgs}
			if len(msgs) == 0 {
				res.Skipped = "no objection near or past its deadline and no follow-up due that was not already told"
			}
			return res, err
		}}}
}

// ReviewDeadline is the last local day on which the reviewer of o is
// expected to decide it: days calendar days after it was filed.
func ReviewDeadline(o *kinerja.Objection, days int, loc *time.Location) time.Time {
	c := o.CreatedAt.In(loc)
	return kinerja.Date(c.Year(), c.Month(), c.Day()+days, loc)
}

// RemindObjections queues, for the local day of at, the reminders and
// notices that are due and were not queued before. It returns how many
// messages it queued.
func (f *Feature) RemindObjections(ctx context.Context, at time.Time) (int, error) {
	msgs, err := f.remindObjections(ctx, at)
	return len(msgs), err
}

// remindObjections is RemindObjections returning the messages queued.
func (f *Feature) remindObjections(ctx context.Context, at time.Time) ([]*kinerja.OutboxMessage, error) {
	var queued []*kinerja.OutboxMessage
	err := f.inTx(ctx, func(tx kinerja.Tx) error {
		queued = nil
		q := &clockRun{f: f, ctx: ctx, tx: tx, at: at}
		if err := q.objections(); err != nil {
			return err
		}
		if err := q.followUps(); err != nil {
			return err
		}
		queued = q.queued
		return nil
	})
	return queued, err
}

// clockRun is one run of the job inside its transaction.
type clockRun struct {
	f      *Feature
	ctx    context.Context
	tx     kinerja.Tx
	at     time.Time
	queued []*kinerja.OutboxMessage
}

func (q *clockRun) loc() *time.Location { return q.f.deps.Location }

// today is the start of the local day of the run.
func (q *clockRun) today() time.Time {
	t := q.at.In(q.loc())
	return kinerja.Date(t.Year(), t.Month(), t.Day(), q.loc())
}

// objections reminds the reviewers and tells the admins about deadlines.
func (q *clockRun) objections() error {
	list, err := q.tx.ListObjections(q.ctx, kinerja.ObjectionFilter{OpenOnly: true})
	if err != nil {
		return err
	}
	today := q.today()
	for _, o := range list {
		if o.Status.Decided() {
			continue
		}
		deadline := ReviewDeadline(o, q.f.cfg.ObjectionReviewDays, q.loc())
		id := strconv.FormatInt(o.ID, 10)
		switch {
		case today.After(deadline):
			admins, err := q.admins()
			if err != nil {
				return err
			}
			if err := q.send("objection-overdue/"+id, admins, func(lang kinerja.Lang) (string, [][]kinerja.OutboxButton) {
				return bot.T(lang, "obj.overdue_admin", q.name(o.NIP), periodLabelOf(lang, o.Period), q.reviewerName(o),
					bot.DateLabel(lang, deadline), bot.DateLabel(lang, o.CreatedAt.In(q.loc()))), nil
			}); err != nil {
				return err
			}
		case !today.Before(deadline.AddDate(0, 0, -ObjectionReminderDays)):
			to, err := q.reviewers(o)
			if err != nil {
				return err
			}
			days := int(deadline.Sub(today).Hours()/24 + 0.5)
			if err := q.send("objection-reminder/"+id, to, func(lang kinerja.Lang) (string, [][]kinerja.OutboxButton) {
				return bot.T(lang, "obj.deadline_reminder", q.name(o.NIP), periodLabelOf(lang, o.Period),
						bot.DateLabel(lang, deadline), days),
					[][]kinerja.OutboxButton{{{Text: bot.T(lang, "obj.btn_open"), Data: objectionButtons.Data("v", o.ID)}}}
			}); err != nil {
				return err
			}
		}
	}
	return nil
}

// reviewers are who decide o now: its reviewer or the one acting for them;
// the admins for an outside top reviewer.
func (q *clockRun) reviewers(o *kinerja.Objection) ([]*kinerja.Staff, error) {
	if o.ReviewerNIP == "" {
		return q.admins()
	}
	nip := o.ReviewerNIP
	if a, err := kinerja.ActingFor(q.ctx, q.tx, nip, q.at, q.loc()); err == nil && a != nil {
		nip = a.ByNIP
	}
	st, err := q.tx.Staff(q.ctx, nip)
	if kinerja.ErrorCode(err) == kinerja.ENotFound {
		return nil, nil
	}
	return []*kinerja.Staff{st}, err
}

// reviewerName names o's reviewer for the admins.
func (q *clockRun) reviewerName(o *kinerja.Objection) string {
	if o.ReviewerNIP == "" {
		return q.f.cfg.TopReviewer.Name
	}
	return q.name(o.ReviewerNIP)
}

// name is a person's name, or the NIP when not on the roster.
func (q *clockRun) name(nip string) string {
	if st, err := q.tx.Staff(q.ctx, nip); err == nil {
		return st.Name
	}
	return nip
}

// admins are the linked admins.
func (q *clockRun) admins() ([]*kinerja.Staff, error) { return linkedAdmins(q.ctx, q.tx) }

// send queues one message to each linked person of to, in their language,
// as the slot of the job named slot. A slot already queued queues nothing;
// nobody to reach leaves the slot open for a later day.
func (q *clockRun) send(slot string, to []*kinerja.Staff, render func(lang kinerja.Lang) (string, [][]kinerja.OutboxButton)) error {
	var msgs []*kinerja.OutboxMessage
	now := q.f.deps.Now()
	for _, st := range to {
		if st == nil || !st.Linked() {
			continue
		}
		lang := q.f.deps.DefaultLang
		if a, err := q.tx.Account(q.ctx, st.TelegramID); err == nil && a.Lang != "" {
			lang = a.Lang
		}
		text, buttons := render(lang)
		msgs = append(msgs, &kinerja.OutboxMessage{ChatID: st.TelegramID, NIP: st.NIP, Label: st.Name, Text: text,
			Buttons: buttons, CreatedAt: now, NotBefore: now})
	}
	if len(msgs) == 0 {
		return nil
	}
	ok, err := q.tx.EnqueueRun(q.ctx, &kinerja.JobRun{Job: JobRemindObjections, Slot: slot, At: q.at}, msgs)
	if ok {
		q.queued = append(q.queued, msgs...)
	}
	return err
}

// recheckDistribution runs the unit's distribution check again after an
// objection or a correction changed e's predikat, and tells the assessor
// and the admins when the unit's predicates now break its limits.
func (f *Feature) recheckDistribution(r *bot.Request, e *kinerja.Evaluation) error {
	st, err := r.Tx.Staff(r.Ctx, e.NIP)
	if err != nil {
		return err
	}
	p, err := parseEvalPeriod(e.Period)
	if err != nil {
		return err
	}
	inUnit := *st
	if e.UnitCode != "" {
		inUnit.UnitCode = e.UnitCode
	}
	d, err := f.distribution(r, &inUnit, p, e.Predikat)
	if err != nil || !d.last || len(d.breaches) == 0 {
		return err
	}
	to, err := admins(r)
	if err != nil {
		return err
	}
	if a, err := r.Tx.Staff(r.Ctx, e.AssessorNIP); err == nil && !a.Admin {
		to = append(to, reaches(r, a))
	}
	for _, st := range to {
		sendTo(r, st, func(lang kinerja.Lang) (string, [][]bot.Button) {
			return bot.T(lang, "eval.dist_recheck", nameOf(r, e.NIP), bot.PeriodLabel(lang, p), string(e.Predikat),
				bot.Raw(d.text(lang))), nil
		})
	}
	return nil
}
