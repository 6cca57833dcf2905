package evaluation

import (
	"strconv"
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// Keberatan: within the window after the notification, the evaluated person
// (and nobody else) may object with a written reason. The objection goes to
// the assessor's own superior, who may ask either side for an explanation
// (relayed as text) and then upholds or changes the result with a reason;
// that decision is final (PP 30/2019) and notified to both. Every step is
// audited.

// flowObjection is the session flow of the texts typed in an objection:
// the reason ("reason"), a question ("question"), an answer ("answer") and
// the reviewer's reason for the decision ("decide").
const flowObjection = "keberatan"

// registerObjection adds /keberatan, its buttons and the dialogue of its
// texts.
func (f *Feature) registerObjection(b *bot.Bot) {
	b.Command(bot.CommandSpec{Name: "keberatan", Roles: []kinerja.Role{kinerja.RoleStaff},
		Help: "obj.cmd", Example: "obj.ex", Handle: f.cmdObjection})
	b.Flow(bot.FlowSpec{Name: flowObjection, Expired: "obj.flow_expired", Handle: f.flowObjection})
	for _, a := range []struct {
		action string
		args   int
		handle bot.Handler
	}{
		{"new", 2, func(r *bot.Request) error { return f.startObjection(r, r.Args[0], r.Args[1]) }},
		{"x", 0, func(r *bot.Request) error { r.ReplyEdit(r.T("core.cancelled")); return nil }},
		{"ans", 1, f.askAnswer},
		// The reviewer's buttons: "kbr:<action>:<id>[:…]".
		{"v", 1, f.onReview(f.pressReview)},
		{"ask", 2, f.onReview(f.pressAsk)},
		{"up", 1, f.onReview(func(r *bot.Request, o *kinerja.Objection, e *kinerja.Evaluation) error {
			return f.askDecisionReason(r, o, e, kinerja.RatingNone, kinerja.RatingNone)
		})},
		{"ch", 1, f.onReview(f.pressChange)},
		{"h", 2, f.onReview(f.pressChangeHasil)},
		{"p", 3, f.onReview(f.pressChangePerilaku)},
	} {
		b.Button(bot.ButtonSpec{Buttons: objectionButtons, Action: a.action, Args: a.args, Handle: onObjection(a.handle)})
	}
}

// onObjection wraps the handler of an objection's button: only a linked
// person presses them, and any press abandons a text being typed (it
// restarts where needed).
func onObjection(h bot.Handler) bot.Handler {
	return func(r *bot.Request) error {
		if r.Staff == nil {
			return r.Stale()
		}
		if err := r.EndFlowIf(flowObjection); err != nil {
			return err
		}
		return h(r)
	}
}

// onReview wraps the handler of a reviewer's button, which loads the
// undecided objection of its first argument that the sender must decide.
func (f *Feature) onReview(h func(r *bot.Request, o *kinerja.Objection, e *kinerja.Evaluation) error) bot.Handler {
	return func(r *bot.Request) error {
		o, e, err := f.reviewing(r, r.Args[0])
		if err != nil {
			return err
		}
		return h(r, o, e)
	}
}

// cmdObjection starts an objection to the period typed, or lists the
// sender's results still open to objection and the objections waiting for
// the sender's decision. A NIP other than the sender's is refused: nobody
// objects on another person's behalf.
func (f *Feature) cmdObjection(r *bot.Request) error {
	period := ""
	for _, f := range strings.Fields(r.Text) {
		if kinerja.ValidNIP(f) {
			if f != r.Staff.NIP {
				return kinerja.Errorf(kinerja.EForbidden, "err.obj_not_own")
			}
			continue
		}
		period = f
	}
	if period != "" {
		return f.startObjection(r, r.Staff.NIP, period)
	}
	var sb strings.Builder
	var buttons [][]bot.Button
	own, err := r.Tx.ListEvaluations(r.Ctx, kinerja.EvaluationFilter{NIP: r.Staff.NIP, Status: kinerja.EvalFinal})
	if err != nil {
		return err
	}
	for _, e := range own {
		deadline := e.ObjectionDeadline(f.cfg.ObjectionDays, r.Loc())
		if !r.Now.Before(deadline) {
			continue
		}
		o, err := r.Tx.ObjectionFor(r.Ctx, e.NIP, e.Period)
		switch {
		case err == nil:
			sb.WriteString("\n" + r.T("obj.list_own_filed", periodLabelOf(r.Lang, e.Period), objectionStatusLabel(r.Lang, o.Status)))
		case kinerja.ErrorCode(err) == kinerja.ENotFound:
			sb.WriteString("\n" + r.T("obj.list_own_open", periodLabelOf(r.Lang, e.Period), string(e.Predikat), lastDay(r.Lang, deadline)))
			buttons = append(buttons, []bot.Button{objectionButtons.Button(r.T("obj.btn_object_for", periodLabelOf(r.Lang, e.Period)), "new", e.NIP, e.Period)})
		default:
			return err
		}
	}
	waiting, err := f.waitingFor(r)
	if err != nil {
		return err
	}
	for _, o := range waiting {
		name := nameOf(r, o.NIP)
		sb.WriteString("\n" + r.T("obj.list_review", name, periodLabelOf(r.Lang, o.Period), objectionStatusLabel(r.Lang, o.Status)))
		buttons = append(buttons, []bot.Button{objectionButtons.Button(r.T("obj.btn_review", name), "v", strconv.FormatInt(o.ID, 10))})
	}
	if sb.Len() == 0 {
		r.Reply(r.T("obj.nothing", f.cfg.ObjectionDays))
		return nil
	}
	r.Reply(r.T("obj.list_head")+sb.String(), buttons...)
	return nil
}

// objectable checks that nip may object to their result of period now: it
// is their own, confirmed, inside the window, not yet objected to, and
// someone can decide it. It returns the evaluation and the reviewer.
func (f *Feature) objectable(r *bot.Request, nip, period string) (*kinerja.Evaluation, *kinerja.Staff, error) {
	if r.Staff == nil || nip != r.Staff.NIP {
		return nil, nil, kinerja.Errorf(kinerja.EForbidden, "err.obj_not_own")
	}
	p, err := parseEvalPeriod(period)
	if err != nil {
		return nil, nil, err
	}
	e, err := r.Tx.Evaluation(r.Ctx, nip, p.String())
	if kinerja.ErrorCode(err) == kinerja.ENotFound || err == nil && e.Status != kinerja.EvalFinal {
		return nil, nil, kinerja.Errorf(kinerja.EInvalid, "err.obj_no_result", bot.PeriodLabel(r.Lang, p))
	} else if err != nil {
		return nil, nil, err
	}
	deadline := e.ObjectionDeadline(f.cfg.ObjectionDays, r.Loc())
	if !r.Now.Before(deadline) {
		return nil, nil, kinerja.Errorf(kinerja.EForbidden, "err.obj_window_closed", lastDay(r.Lang, deadline))
	}
	if o, err := r.Tx.ObjectionFor(r.Ctx, nip, e.Period); err == nil {
		return nil, nil, kinerja.Errorf(kinerja.EConflict, "err.obj_exists", objectionStatusLabel(r.Lang, o.Status))
	} else if kinerja.ErrorCode(err) != kinerja.ENotFound {
		return nil, nil, err
	}
	rev, _, err := f.reviewerFor(r, e)
	if err != nil {
		return nil, nil, err
	}
	return e, rev, nil
}

// startObjection asks for the written reason.
func (f *Feature) startObjection(r *bot.Request, nip, period string) error {
	e, rev, err := f.objectable(r, nip, period)
	if err != nil {
		return err
	}
	r.StartFlow(flowObjection, "reason", map[string]string{"period": e.Period})
	if err := r.SaveSession(); err != nil {
		return err
	}
	// A top's own evaluation is reviewed by the top reviewer, who may have
	// decided it too: no "your assessor's superior" then.
	ask := "obj.ask_reason"
	if _, same, err := f.reviewerFor(r, e); err != nil {
		return err
	} else if same {
		ask = "obj.ask_reason_top"
	}
	r.Reply(r.T(ask, periodLabelOf(r.Lang, e.Period), string(e.Predikat), rev.Name, reasonMin, reasonMax),
		[]bot.Button{objectionButtons.Button(r.T("obj.btn_cancel"), "x")})
	return nil
}

// fileObjection stores the objection and tells the reviewer and the assessor.
func (f *Feature) fileObjection(r *bot.Request, reason string) error {
	e, rev, err := f.objectable(r, r.Staff.NIP, r.Session.Data["period"])
	if err != nil {
		return r.EndFlowWith(err)
	}
	o := &kinerja.Objection{NIP: e.NIP, Period: e.Period, AssessorNIP: e.AssessorNIP, ReviewerNIP: rev.NIP,
		Reason: reason, Status: kinerja.ObjectionOpen, CreatedAt: r.Now, OldPredikat: e.Predikat}
	if err := r.Tx.CreateObjection(r.Ctx, o); err != nil {
		return err
	}
	if err := audit(r, "objection.create", "objection", strconv.FormatInt(o.ID, 10), "", o.AuditJSON()); err != nil {
		return err
	}
	if err := r.EndFlow(); err != nil {
		return err
	}
	reached := false
	if rev.NIP == "" { // an outside top reviewer: the admins record the decision
		list, err := admins(r)
		if err != nil {
			return err
		}
		for _, a := range list {
			reached = sendTo(r, a, func(lang kinerja.Lang) (string, [][]bot.Button) {
				return f.reviewCard(r, lang, o, e)
			}) || reached
		}
	} else {
		reached = sendTo(r, reaches(r, rev), func(lang kinerja.Lang) (string, [][]bot.Button) {
			return f.reviewCard(r, lang, o, e)
		})
	}
	if !reached {
		if err := f.tellAdminsUnreachable(r, o, rev); err != nil {
			return err
		}
	}
	if as, err := r.Tx.Staff(r.Ctx, e.AssessorNIP); err == nil {
		sendTo(r, as, func(lang kinerja.Lang) (string, [][]bot.Button) {
			return bot.T(lang, "obj.assessor_informed", r.Staff.Name, periodLabelOf(lang, o.Period), rev.Name), nil
		})
	}
	r.Reply(r.T("obj.filed", rev.Name))
	return nil
}

// tellAdminsUnreachable tells the admins that a reviewer cannot be reached
// through the bot, so that they can bring the objection to them.
func (f *Feature) tellAdminsUnreachable(r *bot.Request, o *kinerja.Objection, rev *kinerja.Staff) error {
	list, err := admins(r)
	if err != nil {
		return err
	}
	for _, a := range list {
		sendTo(r, a, func(lang kinerja.Lang) (string, [][]bot.Button) {
			return bot.T(lang, "obj.admin_reviewer_unlinked", rev.Name, rev.NIP, nameOf(r, o.NIP), periodLabelOf(lang, o.Period)), nil
		})
	}
	return nil
}

// reviewCard is what the reviewer sees of an objection, with its buttons.
func (f *Feature) reviewCard(r *bot.Request, lang kinerja.Lang, o *kinerja.Objection, e *kinerja.Evaluation) (string, [][]bot.Button) {
	var sb strings.Builder
	st, _ := r.Tx.Staff(r.Ctx, o.NIP)
	name, pos := o.NIP, ""
	if st != nil {
		name, pos = st.Name, st.Position
	}
	sb.WriteString(bot.T(lang, "obj.review_head", name, pos, o.NIP, periodLabelOf(lang, o.Period), nameOf(r, o.AssessorNIP)))
	sb.WriteString("\n" + bot.T(lang, "obj.review_result", string(e.Predikat), ratingLabel(lang, e.Hasil()), ratingLabel(lang, e.Perilaku())))
	sb.WriteString("\n" + hasilLine(lang, e) + "\n" + perilakuLine(lang, e))
	sb.WriteString("\n\n" + bot.T(lang, "obj.review_reason", o.Reason))
	for _, m := range o.Messages {
		sb.WriteString("\n" + bot.T(lang, "obj.msg_line", partyLabel(lang, m.From), partyLabel(lang, m.To), m.Text))
	}
	sb.WriteString("\n\n" + bot.T(lang, "obj.review_status", objectionStatusLabel(lang, o.Status)))
	for _, p := range o.Awaiting() {
		sb.WriteString("\n" + bot.T(lang, "obj.awaiting", partyLabel(lang, p)))
	}
	sb.WriteString("\n" + bot.T(lang, "obj.review_chain", o.NIP, o.Period))
	if o.Status.Decided() {
		return sb.String(), nil
	}
	id := strconv.FormatInt(o.ID, 10)
	return sb.String(), [][]bot.Button{
		{objectionButtons.Button(bot.T(lang, "obj.btn_ask_staff"), "ask", id, "s"), objectionButtons.Button(bot.T(lang, "obj.btn_ask_assessor"), "ask", id, "a")},
		{objectionButtons.Button(bot.T(lang, "obj.btn_uphold"), "up", id), objectionButtons.Button(bot.T(lang, "obj.btn_change"), "ch", id)},
	}
}

// reviewing loads an undecided objection that the sender must decide.
func (f *Feature) reviewing(r *bot.Request, idArg string) (*kinerja.Objection, *kinerja.Evaluation, error) {
	id, err := strconv.ParseInt(idArg, 10, 64)
	if err != nil || r.Staff == nil {
		return nil, nil, kinerja.Errorf(kinerja.EForbidden, "err.obj_not_reviewer")
	}
	o, err := r.Tx.Objection(r.Ctx, id)
	if kinerja.ErrorCode(err) == kinerja.ENotFound {
		return nil, nil, kinerja.Errorf(kinerja.EForbidden, "err.obj_not_reviewer")
	} else if err != nil {
		return nil, nil, err
	}
	if ok, err := f.mayReview(r, o); err != nil {
		return nil, nil, err
	} else if !ok {
		return nil, nil, kinerja.Errorf(kinerja.EForbidden, "err.obj_not_reviewer")
	}
	if o.Status.Decided() {
		return nil, nil, kinerja.Errorf(kinerja.EConflict, "err.obj_decided", objectionStatusLabel(r.Lang, o.Status))
	}
	e, err := r.Tx.Evaluation(r.Ctx, o.NIP, o.Period)
	if err != nil {
		return nil, nil, err
	}
	return o, e, nil
}

// partyOf returns the person who is party p of an objection.
func partyOf(r *bot.Request, o *kinerja.Objection, p string) (*kinerja.Staff, error) {
	nip := o.NIP
	if p == kinerja.PartyAssessor {
		nip = o.AssessorNIP
	}
	return r.Tx.Staff(r.Ctx, nip)
}

// pressReview shows the reviewer the objection: "kbr:v:<id>".
func (f *Feature) pressReview(r *bot.Request, o *kinerja.Objection, e *kinerja.Evaluation) error {
	text, buttons := f.reviewCard(r, r.Lang, o, e)
	r.ReplyEdit(text, buttons...)
	return nil
}

// pressAsk asks the reviewer for a question to one party: "kbr:ask:<id>:s"
// (the staff member) or "kbr:ask:<id>:a" (the assessor).
func (f *Feature) pressAsk(r *bot.Request, o *kinerja.Objection, _ *kinerja.Evaluation) error {
	party, ok := map[string]string{"s": kinerja.PartyStaff, "a": kinerja.PartyAssessor}[r.Args[1]]
	if !ok {
		return r.Stale()
	}
	who, err := partyOf(r, o, party)
	if err != nil {
		return err
	}
	if !who.Linked() {
		return kinerja.Errorf(kinerja.EInvalid, "err.obj_party_unlinked", who.Name)
	}
	r.StartFlow(flowObjection, "question", map[string]string{"id": strconv.FormatInt(o.ID, 10), "to": party})
	if err := r.SaveSession(); err != nil {
		return err
	}
	r.Reply(r.T("obj.ask_question", who.Name), []bot.Button{objectionButtons.Button(r.T("obj.btn_cancel"), "x")})
	return nil
}

// pressChange offers the new work-result rating: "kbr:ch:<id>".
func (f *Feature) pressChange(r *bot.Request, o *kinerja.Objection, e *kinerja.Evaluation) error {
	r.ReplyEdit(r.T("obj.choose_hasil", ratingLabel(r.Lang, e.Hasil())),
		ratingButtons(r.Lang, objectionButtons, "h", e.Hasil(), o.ID),
		[]bot.Button{objectionButtons.Button(r.T("eval.btn_back"), "v", o.ID)})
	return nil
}

// pressChangeHasil takes the new work-result rating and offers the
// behaviour rating: "kbr:h:<id>:<hasil>".
func (f *Feature) pressChangeHasil(r *bot.Request, o *kinerja.Objection, e *kinerja.Evaluation) error {
	h, err := ratingArg(r.Args[1:2])
	if err != nil {
		return err
	}
	r.ReplyEdit(r.T("obj.choose_perilaku", ratingLabel(r.Lang, h), ratingLabel(r.Lang, e.Perilaku())),
		ratingButtons(r.Lang, objectionButtons, "p", e.Perilaku(), o.ID, int(h)),
		[]bot.Button{objectionButtons.Button(r.T("eval.btn_back"), "v", o.ID)})
	return nil
}

// pressChangePerilaku takes both new ratings and asks for the reason of
// the change: "kbr:p:<id>:<hasil>:<perilaku>".
func (f *Feature) pressChangePerilaku(r *bot.Request, o *kinerja.Objection, e *kinerja.Evaluation) error {
	h, err := ratingArg(r.Args[1:2])
	if err != nil {
		return err
	}
	pr, err := ratingArg(r.Args[2:3])
	if err != nil {
		return err
	}
	if h == e.Hasil() && pr == e.Perilaku() {
		return kinerja.Errorf(kinerja.EInvalid, "err.obj_same_result")
	}
	return f.askDecisionReason(r, o, e, h, pr)
}

// askAnswer lets the party a question was put to type their answer:
// "kbr:ans:<id>".
func (f *Feature) askAnswer(r *bot.Request) error {
	idArg := r.Args[0]
	id, ok := r.ArgInt(0)
	if !ok {
		return r.Stale()
	}
	o, err := r.Tx.Objection(r.Ctx, id)
	if err != nil && kinerja.ErrorCode(err) != kinerja.ENotFound {
		return err
	}
	party := ""
	if err == nil {
		for _, p := range o.Awaiting() {
			if who, perr := partyOf(r, o, p); perr == nil && who.NIP == r.Staff.NIP {
				party = p
			}
		}
	}
	if party == "" || o.Status.Decided() {
		return kinerja.Errorf(kinerja.EForbidden, "err.obj_no_question")
	}
	r.StartFlow(flowObjection, "answer", map[string]string{"id": idArg, "party": party})
	if err := r.SaveSession(); err != nil {
		return err
	}
	r.Reply(r.T("obj.ask_answer", reasonMin, reasonMax), []bot.Button{objectionButtons.Button(r.T("obj.btn_cancel"), "x")})
	return nil
}

// askDecisionReason asks the reviewer why they uphold (h and p unset) or
// change the result to h and p.
func (f *Feature) askDecisionReason(r *bot.Request, o *kinerja.Objection, e *kinerja.Evaluation, h, p kinerja.Rating) error {
	data := map[string]string{"id": strconv.FormatInt(o.ID, 10), "h": strconv.Itoa(int(h)), "p": strconv.Itoa(int(p))}
	r.StartFlow(flowObjection, "decide", data)
	if err := r.SaveSession(); err != nil {
		return err
	}
	back := []bot.Button{objectionButtons.Button(r.T("eval.btn_back"), "v", data["id"])}
	if !h.Valid() {
		r.ReplyEdit(r.T("obj.ask_uphold_reason", string(e.Predikat), reasonMin, reasonMax), back)
		return nil
	}
	pred, err := predicateFor(h, p)
	if err != nil {
		return err
	}
	r.ReplyEdit(r.T("obj.ask_change_reason", ratingLabel(r.Lang, h), ratingLabel(r.Lang, p), string(pred),
		string(e.Predikat), reasonMin, reasonMax), back)
	return nil
}
