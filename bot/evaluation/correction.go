package evaluation

import (
	"strconv"
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// /koreksi NIP PERIOD: after an evaluation has locked (its objection window
// closed), only an admin may change the result, choosing the new ratings
// with buttons and giving a reason. The change is audited and the person
// and the assessor are told. Before the lock, the assessor (or an
// objection) changes it instead.

// flowCorrection is the session flow of the reason for a correction.
const flowCorrection = "koreksi"

// registerCorrection adds /koreksi, its buttons and the dialogue of its
// reason.
func (f *Feature) registerCorrection(b *bot.Bot) {
	b.Command(bot.CommandSpec{Name: "koreksi", Roles: []kinerja.Role{kinerja.RoleAdmin},
		Help: "corr.cmd", Example: "corr.ex", Handle: f.cmdCorrection})
	b.Button(bot.ButtonSpec{Buttons: correctionButtons, Action: "h", Args: 3, Handle: f.pressCorrectionHasil})
	b.Button(bot.ButtonSpec{Buttons: correctionButtons, Action: "p", Args: 4, Handle: f.pressCorrectionPerilaku})
	b.Flow(bot.FlowSpec{Name: flowCorrection, Handle: f.flowCorrection})
}

// correctable loads a result an admin may correct now.
func (f *Feature) correctable(r *bot.Request, nip, period string) (*kinerja.Evaluation, error) {
	if !r.IsAdmin() {
		return nil, kinerja.Errorf(kinerja.EForbidden, "err.admin_only")
	}
	p, err := parseEvalPeriod(period)
	if err != nil {
		return nil, err
	}
	e, err := r.Tx.Evaluation(r.Ctx, nip, p.String())
	if kinerja.ErrorCode(err) == kinerja.ENotFound || err == nil && e.Status != kinerja.EvalFinal {
		return nil, kinerja.Errorf(kinerja.EInvalid, "err.corr_no_result", nip, bot.PeriodLabel(r.Lang, p))
	} else if err != nil {
		return nil, err
	}
	days := f.cfg.ObjectionDays
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
func (f *Feature) cmdCorrection(r *bot.Request) error {
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
	e, err := f.correctable(r, nip, period)
	if err != nil {
		return err
	}
	r.Reply(r.T("corr.card", nameOf(r, e.NIP), e.NIP, periodLabelOf(r.Lang, e.Period), string(e.Predikat),
		ratingLabel(r.Lang, e.Hasil()), ratingLabel(r.Lang, e.Perilaku())),
		ratingButtons(r.Lang, correctionButtons, "h", e.Hasil(), e.NIP, e.Period))
	return nil
}

// pressCorrectionHasil takes the new work-result rating and asks for the
// behaviour rating: "kor:h:<nip>:<period>:<hasil>".
func (f *Feature) pressCorrectionHasil(r *bot.Request) error {
	e, h, err := f.correctionArgs(r)
	if err != nil {
		return err
	}
	r.ReplyEdit(r.T("corr.choose_perilaku", ratingLabel(r.Lang, h), ratingLabel(r.Lang, e.Perilaku())),
		ratingButtons(r.Lang, correctionButtons, "p", e.Perilaku(), e.NIP, e.Period, int(h)))
	return nil
}

// pressCorrectionPerilaku takes the new behaviour rating and asks for the
// reason: "kor:p:<nip>:<period>:<hasil>:<perilaku>".
func (f *Feature) pressCorrectionPerilaku(r *bot.Request) error {
	e, h, err := f.correctionArgs(r)
	if err != nil {
		return err
	}
	p, err := ratingArg(r.Args[3:])
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

// correctionArgs ends a reason being typed (a press starts over) and reads
// the result and the work-result rating of a correction's button, checking
// again that the result may be corrected.
func (f *Feature) correctionArgs(r *bot.Request) (*kinerja.Evaluation, kinerja.Rating, error) {
	if err := r.EndFlowIf(flowCorrection); err != nil {
		return nil, kinerja.RatingNone, err
	}
	e, err := f.correctable(r, r.Args[0], r.Args[1])
	if err != nil {
		return nil, kinerja.RatingNone, err
	}
	h, err := ratingArg(r.Args[2:3])
	return e, h, err
}

// flowCorrection receives the admin's reason and records the correction.
func (f *Feature) flowCorrection(r *bot.Request) error {
	d := r.Session.Data
	e, err := f.correctable(r, d["nip"], d["period"])
	if err != nil {
		return r.EndFlowWith(err)
	}
	reason, ok, err := typedReason(r)
	if !ok {
		return err
	}
	h, _ := strconv.Atoi(d["h"])
	p, _ := strconv.Atoi(d["p"])
	pred, err := predicateFor(kinerja.Rating(h), kinerja.Rating(p))
	if err != nil {
		return r.EndFlowWith(err)
	}
	before, old := e.AuditJSON(), e.Predikat
	e.RevisedHasil, e.RevisedPerilaku, e.RevisedBy, e.RevisionReason = kinerja.Rating(h), kinerja.Rating(p), r.Staff.NIP, reason
	e.RevisedAt, e.UpdatedAt, e.Predikat = r.Now, r.Now, pred
	if err := r.Tx.PutEvaluation(r.Ctx, e); err != nil {
		return err
	}
	if err := audit(r, "evaluation.correct", "evaluation", e.NIP+"/"+e.Period, before, e.AuditJSON()); err != nil {
		return err
	}
	if err := r.EndFlow(); err != nil {
		return err
	}
	for _, nip := range []string{e.NIP, e.AssessorNIP} {
		if st, err := r.Tx.Staff(r.Ctx, nip); err == nil {
			sendTo(r, st, func(lang kinerja.Lang) (string, [][]bot.Button) {
				return bot.T(lang, "corr.notice", periodLabelOf(lang, e.Period), nameOf(r, e.NIP), string(old), string(pred),
					r.Staff.Name, reason), nil
			})
		}
	}
	if err := f.openFollowUp(r, e); err != nil {
		return err
	}
	if err := f.recheckDistribution(r, e); err != nil {
		return err
	}
	r.Reply(r.T("corr.done", nameOf(r, e.NIP), periodLabelOf(r.Lang, e.Period), string(pred)))
	return nil
}
