package evaluation

import (
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

// /skor: a person sees why their result is what it is, the whole chain:
// approved reports → realisation → capaian → proposal → the assessor's
// decision and reason → matrix → predikat, and any objection or revision.

// registerSkor adds /skor and its button.
func (f *Feature) registerSkor(b *bot.Bot) {
	b.Command(bot.CommandSpec{Name: "skor", Roles: []kinerja.Role{kinerja.RoleStaff},
		Help: "skor.cmd", Example: "skor.ex", Handle: f.cmdSkor})
	b.Button(bot.ButtonSpec{Buttons: skorButtons, Action: "v", Args: 1, Handle: f.pressSkor})
}

// cmdSkor shows the sender's latest confirmed result, or that of the period
// typed. An admin, the person's assessor or the reviewer of their objection
// may add a NIP to see someone else's.
func (f *Feature) cmdSkor(r *bot.Request) error {
	nip, period := r.Staff.NIP, ""
	for _, f := range strings.Fields(r.Text) {
		if kinerja.ValidNIP(f) {
			nip = f
		} else {
			period = f
		}
	}
	var e *kinerja.Evaluation
	var err error
	if period == "" {
		e, err = latestResult(r, nip)
	} else {
		p, perr := parseEvalPeriod(period)
		if perr != nil {
			return perr
		}
		e, err = r.Tx.Evaluation(r.Ctx, nip, p.String())
		if kinerja.ErrorCode(err) == kinerja.ENotFound {
			err = nil
		}
	}
	if err != nil {
		return err
	}
	if nip != r.Staff.NIP {
		if ok, err := mayView(r, nip, e); err != nil {
			return err
		} else if !ok {
			return kinerja.Errorf(kinerja.EForbidden, "err.skor_forbidden")
		}
	}
	return f.showChain(r, nip, e)
}

// pressSkor handles "skor:v:<period>" from a result notification: always
// the presser's own result.
func (f *Feature) pressSkor(r *bot.Request) error {
	if r.Staff == nil {
		return r.Stale()
	}
	p, err := parseEvalPeriod(r.Args[0])
	if err != nil {
		return err
	}
	e, err := r.Tx.Evaluation(r.Ctx, r.Staff.NIP, p.String())
	if kinerja.ErrorCode(err) == kinerja.ENotFound {
		e, err = nil, nil
	}
	if err != nil {
		return err
	}
	return f.showChain(r, r.Staff.NIP, e)
}

// latestResult returns the person's most recently confirmed evaluation, or nil.
func latestResult(r *bot.Request, nip string) (*kinerja.Evaluation, error) {
	evs, err := r.Tx.ListEvaluations(r.Ctx, kinerja.EvaluationFilter{NIP: nip, Status: kinerja.EvalFinal})
	if err != nil {
		return nil, err
	}
	var latest *kinerja.Evaluation
	for _, e := range evs {
		if latest == nil || e.DecidedAt.After(latest.DecidedAt) {
			latest = e
		}
	}
	return latest, nil
}

// mayView reports whether the sender may see someone else's result: an
// admin, the evaluation's assessor, or the reviewer of an objection to it.
func mayView(r *bot.Request, nip string, e *kinerja.Evaluation) (bool, error) {
	if r.IsAdmin() {
		return true, nil
	}
	if e == nil {
		// Say nothing about whether someone else has a result.
		return false, nil
	}
	if e.AssessorNIP == r.Staff.NIP {
		return true, nil
	}
	o, err := r.Tx.ObjectionFor(r.Ctx, nip, e.Period)
	switch kinerja.ErrorCode(err) {
	case "":
		if o.ReviewerNIP == "" {
			return false, nil // an outside reviewer's objections are the admins', seen above
		}
		return actsAs(r, o.ReviewerNIP)
	case kinerja.ENotFound:
		return false, nil
	}
	return false, err
}

// showChain replies with the chain of a confirmed evaluation. A draft is
// not a result yet and is shown to nobody but its assessor (in /nilai).
func (f *Feature) showChain(r *bot.Request, nip string, e *kinerja.Evaluation) error {
	if e == nil || e.Status != kinerja.EvalFinal {
		r.Reply(r.T("skor.none"))
		return nil
	}
	st, err := r.Tx.Staff(r.Ctx, nip)
	if err != nil {
		return err
	}
	var sb strings.Builder
	sb.WriteString(r.T("skor.head", periodLabelOf(r.Lang, e.Period), st.Name, st.Position, st.NIP, nameOf(r, e.AssessorNIP)))
	sb.WriteString("\n\n" + r.T("skor.step_numbers") + "\n" + f.numbers(r.Lang, e))
	sb.WriteString("\n\n" + r.T("skor.step_proposal") + "\n" + f.proposalText(r.Lang, e))
	sb.WriteString("\n\n" + r.T("skor.step_decision") + "\n" + hasilLine(r.Lang, e))
	sb.WriteString("\n\n" + r.T("skor.step_behaviour") + valuesList(r.Lang, e, false))
	sb.WriteString("\n" + r.T("skor.behaviour_proposal", ratingLabel(r.Lang, e.ProposedPerilaku), policyLabel(r.Lang, f.cfg.Behaviour)))
	sb.WriteString("\n" + perilakuLine(r.Lang, e))
	sb.WriteString("\n\n" + r.T("skor.step_matrix") + "\n" + r.T("eval.matrix",
		ratingLabel(r.Lang, e.DecidedHasil), ratingLabel(r.Lang, e.DecidedPerilaku), string(matrixCell(e))))
	if e.RevisedHasil.Valid() {
		sb.WriteString("\n\n" + r.T("skor.step_revision") + "\n" + r.T("eval.revised", ratingLabel(r.Lang, e.RevisedHasil),
			ratingLabel(r.Lang, e.RevisedPerilaku), nameOf(r, e.RevisedBy), e.RevisionReason))
	}
	sb.WriteString("\n\n" + r.T("skor.final", string(e.Predikat)))
	var buttons [][]bot.Button
	o, err := r.Tx.ObjectionFor(r.Ctx, nip, e.Period)
	switch {
	case err == nil:
		sb.WriteString("\n" + r.T("skor.objection", objectionStatusLabel(r.Lang, o.Status)))
		if o.Status.Decided() {
			sb.WriteString("\n" + r.T("skor.objection_reason", o.DecisionReason))
		}
	case kinerja.ErrorCode(err) != kinerja.ENotFound:
		return err
	default:
		deadline := e.ObjectionDeadline(f.cfg.ObjectionDays, r.Loc())
		if r.Now.Before(deadline) {
			sb.WriteString("\n" + r.T("skor.can_object", lastDay(r.Lang, deadline)))
			if nip == r.Staff.NIP {
				buttons = append(buttons, []bot.Button{objectionButtons.Button(r.T("obj.btn_object"), "new", nip, e.Period)})
			}
		} else {
			sb.WriteString("\n" + r.T("skor.locked", lastDay(r.Lang, deadline)))
		}
	}
	r.Reply(sb.String(), buttons...)
	return nil
}

// matrixCell is the predikat of the assessor's own decision, before any
// revision: the matrix step of the chain.
func matrixCell(e *kinerja.Evaluation) kinerja.Predikat {
	if !e.RevisedHasil.Valid() {
		return e.Predikat
	}
	p, err := scoring.Predicate(e.DecidedHasil, e.DecidedPerilaku)
	if err != nil {
		return e.Predikat
	}
	return p
}
