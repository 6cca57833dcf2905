package bot

import (
	"strconv"
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// /koreksi NIP PERIOD: after an evaluation has locked (its objection window
// closed), only an admin may change the result, choosing the new ratings
// with buttons and giving a reason. The change is audited and the person
// and the assessor are told. Before the lock, the assessor (or an
// objection) changes it instead.

// correctable loads a result an admin may correct now.
func (b *Bot) correctable(r *Request, nip, period string) (*kinerja.Evaluation, error) {
	if !r.IsAdmin() {
		return nil, kinerja.Errorf(kinerja.EForbidden, "err.admin_only")
	}
	p, err := parseEvalPeriod(period)
	if err != nil {
		return nil, err
	}
	e, err := r.Tx.Evaluation(r.Ctx, nip, p.String())
	if kinerja.ErrorCode(err) == kinerja.ENotFound || err == nil && e.Status != kinerja.EvalFinal {
		return nil, kinerja.Errorf(kinerja.EInvalid, "err.corr_no_result", nip, periodLabel(r.Lang, p))
	} else if err != nil {
		return nil, err
	}
	days := b.cfg.Evaluation.ObjectionDays
	if !e.Locked(r.Now, days, r.Loc()) {
		return nil, kinerja.Errorf(kinerja.EConflict, "err.corr_not_locked", lastDay(r.Lang, e.ObjectionDeadline(days, r.Loc())))
	}
	if o, err := r.Tx.ObjectionFor(r.Ctx, nip, e.Period); err == nil && !o.Status.Decided() {
		return nil, kinerja.Errorf(kinerja.EConflict, "err.corr_open_objection")
	} else if err != nil && kinerja.ErrorCode(err) != kinerja.ENotFound {
		return nil, err
	}
	return e, nil
}

// cmdCorrection shows the locked result and the work-result choices.
func (b *Bot) cmdCorrection(r *Request) error {
	nip, period := "", ""
	for _, f := range strings.Fields(r.Text) {
		if kinerja.ValidNIP(f) {
			nip = f
		} else {
			period = f
		}
	}
	if nip == "" || period == "" {
		r.Reply(r.T("corr.usage"))
		return nil
	}
	e, err := b.correctable(r, nip, period)
	if err != nil {
		return err
	}
	key := e.NIP + ":" + e.Period
	r.Reply(r.T("corr.card", nameOf(r, e.NIP), e.NIP, periodLabelOf(r.Lang, e.Period), string(e.Predikat),
		ratingLabel(r.Lang, e.Hasil()), ratingLabel(r.Lang, e.Perilaku())),
		ratingButtons(r.Lang, "kor:h:"+key+":", e.Hasil()))
	return nil
}

// cbCorrection handles "kor:h:<nip>:<period>:<hasil>" and
// "kor:p:<nip>:<period>:<hasil>:<perilaku>".
func (b *Bot) cbCorrection(r *Request) error {
	args := callbackArgs(r.Callback.Data)
	if err := endFlow(r, flowCorrection); err != nil {
		return err
	}
	if len(args) < 4 {
		r.Answer(r.T("core.stale_button"))
		return nil
	}
	e, err := b.correctable(r, args[1], args[2])
	if err != nil {
		return err
	}
	h, err := ratingArg(args[3:4])
	if err != nil {
		return err
	}
	key := e.NIP + ":" + e.Period
	switch {
	case args[0] == "h" && len(args) == 4:
		r.ReplyEdit(r.T("corr.choose_perilaku", ratingLabel(r.Lang, h), ratingLabel(r.Lang, e.Perilaku())),
			ratingButtons(r.Lang, "kor:p:"+key+":"+args[3]+":", e.Perilaku()))
		return nil
	case args[0] == "p" && len(args) == 5:
		p, err := ratingArg(args[4:])
		if err != nil {
			return err
		}
		if h == e.Hasil() && p == e.Perilaku() {
			return kinerja.Errorf(kinerja.EInvalid, "err.obj_same_result")
		}
		pred, err := predicateFor(h, p)
		if err != nil {
			return err
		}
		r.StartFlow(flowCorrection, "reason", map[string]string{"nip": e.NIP, "period": e.Period,
			"h": strconv.Itoa(int(h)), "p": strconv.Itoa(int(p))})
		if err := r.SaveSession(); err != nil {
			return err
		}
		r.ReplyEdit(r.T("corr.ask_reason", ratingLabel(r.Lang, h), ratingLabel(r.Lang, p), string(pred),
			string(e.Predikat), reasonMin, reasonMax))
		return nil
	}
	r.Answer(r.T("core.stale_button"))
	return nil
}

// flowCorrection receives the admin's reason and records the correction.
func (b *Bot) flowCorrection(r *Request) error {
	d := r.Session.Data
	e, err := b.correctable(r, d["nip"], d["period"])
	if err != nil {
		return endFlowWith(r, err)
	}
	if r.Kind != KindText {
		r.Reply(r.T("eval.reason_text_only"))
		return nil
	}
	reason, err := checkReason(r.Text)
	if err != nil {
		key, args := kinerja.ErrorKey(err)
		r.Reply(r.T(key, args...))
		return nil
	}
	h, _ := strconv.Atoi(d["h"])
	p, _ := strconv.Atoi(d["p"])
	pred, err := predicateFor(kinerja.Rating(h), kinerja.Rating(p))
	if err != nil {
		return endFlowWith(r, err)
	}
	before, old := e.AuditJSON(), e.Predikat
	e.RevisedHasil, e.RevisedPerilaku, e.RevisedBy, e.RevisionReason = kinerja.Rating(h), kinerja.Rating(p), r.Staff.NIP, reason
	e.RevisedAt, e.UpdatedAt, e.Predikat = r.Now, r.Now, pred
	if err := r.Tx.PutEvaluation(r.Ctx, e); err != nil {
		return err
	}
	if err := b.audit(r, "evaluation.correct", "evaluation", e.NIP+"/"+e.Period, before, e.AuditJSON()); err != nil {
		return err
	}
	if err := r.EndFlow(); err != nil {
		return err
	}
	for _, nip := range []string{e.NIP, e.AssessorNIP} {
		if st, err := r.Tx.Staff(r.Ctx, nip); err == nil {
			b.sendTo(r, st, func(lang kinerja.Lang) (string, [][]Button) {
				return T(lang, "corr.notice", periodLabelOf(lang, e.Period), nameOf(r, e.NIP), string(old), string(pred),
					r.Staff.Name, reason), nil
			})
		}
	}
	r.Reply(r.T("corr.done", nameOf(r, e.NIP), periodLabelOf(r.Lang, e.Period), string(pred)))
	return nil
}
