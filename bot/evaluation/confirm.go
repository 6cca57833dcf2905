package evaluation

import (
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

// Confirming an evaluation: the predikat from the matrix, the distribution
// check of the unit when this is its last evaluation, the notification of
// the person, and reopening a confirmed evaluation before it locks.

// confirmEval confirms a complete draft. Every rule is checked again here,
// whatever the buttons said: both ratings decided, all seven values rated,
// a reason for every departure from a proposal.
func (f *Feature) confirmEval(r *bot.Request, st *kinerja.Staff, p kinerja.Period) error {
	e, err := draftOf(r, st, p)
	if err != nil {
		return err
	}
	switch {
	case !e.DecidedHasil.Valid():
		return kinerja.Errorf(kinerja.EInvalid, "err.eval_hasil_first")
	case len(e.Unrated()) > 0:
		return kinerja.Errorf(kinerja.EInvalid, "err.eval_values_missing", len(e.Unrated()))
	case !e.DecidedPerilaku.Valid():
		return kinerja.Errorf(kinerja.EInvalid, "err.eval_perilaku_first")
	case e.DecidedHasil != e.ProposedHasil && e.HasilReason == "",
		e.DecidedPerilaku != e.ProposedPerilaku && e.PerilakuReason == "":
		return kinerja.Errorf(kinerja.EInvalid, "err.eval_reason_missing")
	}
	pred, err := scoring.Predicate(e.DecidedHasil, e.DecidedPerilaku)
	if err != nil {
		return err
	}
	dist, err := f.distribution(r, st, p, pred)
	if err != nil {
		return err
	}
	before := e.AuditJSON()
	e.Predikat, e.Status, e.AssessorNIP = pred, kinerja.EvalFinal, r.Staff.NIP
	e.DecidedAt, e.NotifiedAt, e.UpdatedAt = r.Now, r.Now, r.Now
	if err := r.Tx.PutEvaluation(r.Ctx, e); err != nil {
		return err
	}
	if err := audit(r, "evaluation.confirm", "evaluation", e.NIP+"/"+e.Period, before, e.AuditJSON()); err != nil {
		return err
	}
	sup, err := assessorAt(r, st.NIP, p)
	if err != nil {
		return err
	}
	if err := f.auditOnBehalf(r, "evaluation", e.NIP+"/"+e.Period, sup); err != nil {
		return err
	}
	if err := f.openFollowUp(r, e); err != nil {
		return err
	}
	by, err := f.deciderLabel(r, sup)
	if err != nil {
		return err
	}
	reached := f.notifyResult(r, st, e, by)
	var sb strings.Builder
	sb.WriteString(r.T("eval.confirmed", st.Name, string(pred), bot.PeriodLabel(r.Lang, p)))
	if reached {
		sb.WriteString("\n" + r.T("eval.notified"))
	} else {
		sb.WriteString("\n" + r.T("eval.not_reachable", st.Name))
	}
	if dist.last {
		sb.WriteString("\n\n" + dist.text(r.Lang))
		if len(dist.breaches) > 0 {
			if err := f.reportBreaches(r, st, p, dist); err != nil {
				return err
			}
		}
	}
	next, err := f.nextPending(r, p, st.NIP)
	if err != nil {
		return err
	}
	var buttons [][]bot.Button
	if next != nil {
		buttons = append(buttons, []bot.Button{nilaiButtons.Button(r.T("eval.btn_next", next.Name), "s", next.NIP, p.String())})
	} else {
		sb.WriteString("\n\n" + r.T("eval.all_done"))
	}
	buttons = append(buttons, []bot.Button{nilaiButtons.Button(r.T("eval.btn_list"), "o", p.String())})
	r.ReplyEdit(sb.String(), buttons...)
	return nil
}

// nextPending returns the next subordinate of p without a confirmed
// evaluation, other than skip, or nil.
func (f *Feature) nextPending(r *bot.Request, p kinerja.Period, skip string) (*kinerja.Staff, error) {
	subs, evs, err := f.assessed(r, p)
	if err != nil {
		return nil, err
	}
	for _, s := range subs {
		if e := evs[s.NIP]; s.NIP != skip && (e == nil || e.Status != kinerja.EvalFinal) {
			return s, nil
		}
	}
	return nil, nil
}

// deciderLabel names the sender as the one who decided what belongs to
// superior sup ("" for a top): their name, and when they decided in
// another's place, on whose behalf (the absent assessor they act for, or
// the outside top reviewer by name and position), in each language.
func (f *Feature) deciderLabel(r *bot.Request, sup string) (func(kinerja.Lang) bot.Raw, error) {
	me := r.Staff.Name
	plain := func(kinerja.Lang) bot.Raw { return bot.Raw(bot.Esc(me)) }
	switch {
	case sup == "" && f.cfg.TopReviewer.outside():
		tr := f.cfg.TopReviewer
		return func(lang kinerja.Lang) bot.Raw {
			return bot.Raw(bot.T(lang, "eval.on_behalf_outside", me, tr.Name, tr.Position))
		}, nil
	case sup == "" || sup == r.Staff.NIP:
		return plain, nil
	}
	a, err := kinerja.ActingFor(r.Ctx, r.Tx, sup, r.Now, r.Loc())
	if err != nil || a == nil || a.ByNIP != r.Staff.NIP {
		return plain, err
	}
	absent := nameOf(r, sup)
	return func(lang kinerja.Lang) bot.Raw { return bot.Raw(bot.T(lang, "eval.on_behalf", me, absent)) }, nil
}

// notifyResult tells the person their predikat, who decided it (by, in
// the person's language), with the way to the whole chain and to an
// objection. It reports whether they could be reached.
func (f *Feature) notifyResult(r *bot.Request, st *kinerja.Staff, e *kinerja.Evaluation, by func(kinerja.Lang) bot.Raw) bool {
	deadline := e.ObjectionDeadline(f.cfg.ObjectionDays, r.Loc())
	return sendTo(r, st, func(lang kinerja.Lang) (string, [][]bot.Button) {
		text := bot.T(lang, "eval.notify", periodLabelOf(lang, e.Period), by(lang), string(e.Predikat),
			bot.Raw(hasilLine(lang, e)), bot.Raw(perilakuLine(lang, e)), lastDay(lang, deadline))
		return text, [][]bot.Button{
			{skorButtons.Button(bot.T(lang, "skor.btn_view"), "v", e.Period)},
			{objectionButtons.Button(bot.T(lang, "obj.btn_object"), "new", e.NIP, e.Period)},
		}
	})
}

// distResult is the outcome of the distribution check of a unit.
type distResult struct {
	last     bool // the evaluation is the unit's last one for the period
	unit     string
	org      kinerja.OrgPredikat // "" when the admin has not set it
	breaches []scoring.Breach
	total    int // confirmed results counted
}

// text explains the check to the assessor or an admin.
func (d distResult) text(lang kinerja.Lang) string {
	switch {
	case d.org == "":
		return bot.T(lang, "eval.dist_unset", d.unit)
	case len(d.breaches) == 0:
		return bot.T(lang, "eval.dist_ok", d.unit, string(d.org))
	}
	return bot.T(lang, "eval.dist_breach", d.unit, string(d.org), bot.Raw(breachLines(lang, d.breaches)))
}

// breachLines lists breaches as bullet lines.
func breachLines(lang kinerja.Lang, bs []scoring.Breach) string {
	var sb strings.Builder
	for _, br := range bs {
		sb.WriteString("\n• " + bot.T(lang, br.Key(), br.Args()...))
	}
	return sb.String()
}

// distribution runs the SE MenPANRB 3/2023 check when st's evaluation is
// the last one of their unit for p still to be confirmed, counting pred for
// st. It never changes a predicate: the result is only shown and reported.
func (f *Feature) distribution(r *bot.Request, st *kinerja.Staff, p kinerja.Period, pred kinerja.Predikat) (distResult, error) {
	d := distResult{unit: st.UnitCode}
	if u, err := r.Tx.Unit(r.Ctx, st.UnitCode); err == nil {
		d.unit = u.Name
	}
	staff, err := r.Tx.ListStaff(r.Ctx, kinerja.StaffFilter{UnitCode: st.UnitCode})
	if err != nil {
		return d, err
	}
	finals, err := r.Tx.ListEvaluations(r.Ctx, kinerja.EvaluationFilter{Period: p.String(), UnitCode: st.UnitCode, Status: kinerja.EvalFinal})
	if err != nil {
		return d, err
	}
	counts := map[kinerja.Predikat]int{pred: 1}
	final := map[string]bool{}
	for _, e := range finals {
		if e.NIP != st.NIP {
			final[e.NIP] = true
			counts[e.Predikat]++
		}
	}
	for _, s := range staff {
		if s.NIP != st.NIP && !final[s.NIP] {
			return d, nil // someone else is still to be evaluated
		}
	}
	d.last = true
	up, err := r.Tx.UnitPredicate(r.Ctx, st.UnitCode, p.String())
	switch {
	case kinerja.ErrorCode(err) == kinerja.ENotFound:
		return d, nil
	case err != nil:
		return d, err
	}
	d.org = up.Predikat
	d.breaches = scoring.CheckDistribution(up.Predikat, counts)
	return d, nil
}

// distributionPreview is the check shown on the confirmation card, before
// the assessor confirms the last evaluation of a unit; "" otherwise.
func (f *Feature) distributionPreview(r *bot.Request, st *kinerja.Staff, p kinerja.Period, pred kinerja.Predikat) (string, error) {
	d, err := f.distribution(r, st, p, pred)
	if err != nil || !d.last {
		return "", err
	}
	text := d.text(r.Lang)
	if len(d.breaches) > 0 {
		text += "\n" + r.T("eval.dist_still_confirm")
	}
	return text, nil
}

// reportBreaches tells every linked admin about a unit whose predicates
// break the distribution limits. Nothing is changed.
func (f *Feature) reportBreaches(r *bot.Request, st *kinerja.Staff, p kinerja.Period, d distResult) error {
	list, err := admins(r)
	if err != nil {
		return err
	}
	for _, a := range list {
		sendTo(r, a, func(lang kinerja.Lang) (string, [][]bot.Button) {
			return bot.T(lang, "eval.dist_admin", bot.Raw(d.text(lang)), bot.PeriodLabel(lang, p), r.Staff.Name), nil
		})
	}
	return nil
}

// reopenEval puts a confirmed evaluation back to draft so its assessor can
// correct it: only before the lock and while nobody has objected. The
// person is told; the new result is notified again on confirmation.
func (f *Feature) reopenEval(r *bot.Request, st *kinerja.Staff, p kinerja.Period) error {
	e, err := r.Tx.Evaluation(r.Ctx, st.NIP, p.String())
	if err != nil {
		return err
	}
	if e.Status != kinerja.EvalFinal {
		return f.showCard(r, st, p, true)
	}
	if e.Locked(r.Now, f.cfg.ObjectionDays, r.Loc()) {
		return kinerja.Errorf(kinerja.EForbidden, "err.eval_locked",
			lastDay(r.Lang, e.ObjectionDeadline(f.cfg.ObjectionDays, r.Loc())))
	}
	if ok, err := f.canReopen(r, e); err != nil {
		return err
	} else if !ok {
		return kinerja.Errorf(kinerja.EConflict, "err.eval_has_objection")
	}
	before := e.AuditJSON()
	// A fresh start: the numbers are recomputed and every decision is made again.
	e.Status, e.Predikat, e.Behaviour = kinerja.EvalDraft, "", map[kinerja.CoreValue]kinerja.Rating{}
	e.DecidedHasil, e.HasilReason, e.DecidedPerilaku, e.PerilakuReason = kinerja.RatingNone, "", kinerja.RatingNone, ""
	e.ProposedPerilaku = kinerja.RatingNone
	e.DecidedAt, e.NotifiedAt, e.UpdatedAt = time.Time{}, time.Time{}, r.Now
	if err := r.Tx.PutEvaluation(r.Ctx, e); err != nil {
		return err
	}
	if err := audit(r, "evaluation.reopen", "evaluation", e.NIP+"/"+e.Period, before, e.AuditJSON()); err != nil {
		return err
	}
	sendTo(r, st, func(lang kinerja.Lang) (string, [][]bot.Button) {
		return bot.T(lang, "eval.reopened_notice", bot.PeriodLabel(lang, p), r.Staff.Name), nil
	})
	return f.showCard(r, st, p, true)
}
