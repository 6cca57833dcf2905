package bot

import (
	"strconv"
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

// /nilai: the assessor evaluates each subordinate of a period in turn. The
// draft evaluation in the database is the state (so the work survives a
// restart, an expired dialogue or a week's pause); buttons carry the NIP
// and period they act on, and every press is checked again. The dialogue
// session only holds a reason being typed.

// flowNilai is the session flow of a reason being typed for a departure
// from a proposal.
const flowNilai = "nilai"

// registerEvaluation adds period evaluation, results, objections and the
// admin's tools.
func (b *Bot) registerEvaluation() {
	b.cfg.Evaluation = b.cfg.Evaluation.withDefaults()
	b.Command(CommandSpec{Name: "nilai", Roles: []kinerja.Role{kinerja.RoleAssessor},
		Help: "eval.cmd_nilai", Example: "eval.ex_nilai", Handle: b.cmdNilai})
	b.onCallback("nil", b.cbNilai)
	b.onFlow(flowNilai, b.flowNilai)
	b.flowExpiry[flowNilai] = "eval.flow_expired"
	b.registerSkor()
	b.registerObjection()
	b.registerEvalAdmin()
}

// defaultPeriod is the period an evaluation is usually for: the month that
// has just ended.
func defaultPeriod(r *Request) kinerja.Period { return kinerja.MonthOf(r.Now, r.Loc()).Prev() }

// cmdNilai opens the overview of a period: the one just ended, or the one
// typed after the command.
func (b *Bot) cmdNilai(r *Request) error {
	p := defaultPeriod(r)
	if r.Text != "" {
		var err error
		if p, err = parseEvalPeriod(r.Text); err != nil {
			return err
		}
	}
	return b.showOverview(r, p, r.Reply)
}

// showOverview checks that period p has ended and shows the sender's list of
// subordinates for it through reply (a new message, or an edit in place).
func (b *Bot) showOverview(r *Request, p kinerja.Period, reply func(string, ...[]Button)) error {
	if err := checkEnded(r, p); err != nil {
		return err
	}
	text, buttons, err := b.overview(r, p)
	if err != nil {
		return err
	}
	reply(text, buttons...)
	return nil
}

// subordinates returns the people the sender assesses for period p: their
// current subordinates whose assessor at the end of p was the sender, and
// anyone they already evaluated for p.
func subordinates(r *Request, p kinerja.Period) ([]*kinerja.Staff, error) {
	me := r.Staff.NIP
	cur, err := r.Tx.ListStaff(r.Ctx, kinerja.StaffFilter{SuperiorNIP: me})
	if err != nil {
		return nil, err
	}
	evs, err := r.Tx.ListEvaluations(r.Ctx, kinerja.EvaluationFilter{AssessorNIP: me, Period: p.String()})
	if err != nil {
		return nil, err
	}
	for _, e := range evs {
		if st, err := r.Tx.Staff(r.Ctx, e.NIP); err == nil {
			cur = append(cur, st)
		}
	}
	seen := map[string]bool{}
	var out []*kinerja.Staff
	for _, s := range cur {
		if seen[s.NIP] || s.NIP == me {
			continue
		}
		seen[s.NIP] = true
		sup, err := assessorAt(r, s.NIP, p)
		if err != nil {
			return nil, err
		}
		if sup == me {
			out = append(out, s)
		}
	}
	return out, nil
}

// evalsOf returns the sender's evaluations of period p by NIP.
func evalsOf(r *Request, p kinerja.Period) (map[string]*kinerja.Evaluation, error) {
	evs, err := r.Tx.ListEvaluations(r.Ctx, kinerja.EvaluationFilter{AssessorNIP: r.Staff.NIP, Period: p.String()})
	if err != nil {
		return nil, err
	}
	out := map[string]*kinerja.Evaluation{}
	for _, e := range evs {
		out[e.NIP] = e
	}
	return out, nil
}

// overview lists the subordinates of a period with where each stands, a
// button to continue with the next one, and the neighbouring periods.
func (b *Bot) overview(r *Request, p kinerja.Period) (string, [][]Button, error) {
	subs, err := subordinates(r, p)
	if err != nil {
		return "", nil, err
	}
	evs, err := evalsOf(r, p)
	if err != nil {
		return "", nil, err
	}
	ps := p.String()
	var sb strings.Builder
	end := p.End(r.Loc())
	deadline := kinerja.Date(end.Year(), end.Month(), b.cfg.Evaluation.DeadlineDay, r.Loc())
	done := 0
	for _, s := range subs {
		if e := evs[s.NIP]; e != nil && e.Status == kinerja.EvalFinal {
			done++
		}
	}
	sb.WriteString(r.T("eval.overview_head", periodLabel(r.Lang, p), dateLabel(r.Lang, deadline), done, len(subs)))
	if !r.Now.Before(deadline.AddDate(0, 0, 1)) && done < len(subs) {
		sb.WriteString("\n" + r.T("eval.overview_late"))
	}
	var buttons [][]Button
	var next *kinerja.Staff
	for _, s := range subs {
		e := evs[s.NIP]
		var line, icon string
		switch {
		case e == nil:
			icon, line = "⬜", r.T("eval.st_none")
		case e.Status == kinerja.EvalFinal:
			icon, line = "✅", string(e.Predikat)
		default:
			icon, line = "✏️", r.T("eval.st_draft")
		}
		if next == nil && (e == nil || e.Status != kinerja.EvalFinal) {
			next = s
		}
		sb.WriteString("\n" + r.T("eval.overview_line", Raw(icon), s.Name, line))
		buttons = append(buttons, []Button{{Text: icon + " " + s.Name, Data: "nil:s:" + s.NIP + ":" + ps}})
	}
	if len(subs) == 0 {
		sb.WriteString("\n\n" + r.T("eval.no_subordinates"))
	}
	if next != nil {
		buttons = append([][]Button{{{Text: r.T("eval.btn_continue", next.Name), Data: "nil:s:" + next.NIP + ":" + ps}}}, buttons...)
	} else if len(subs) > 0 {
		sb.WriteString("\n\n" + r.T("eval.all_done"))
	}
	nav := []Button{{Text: "◀️ " + periodLabel(r.Lang, p.Prev()), Data: "nil:o:" + p.Prev().String()}}
	if !r.Now.Before(p.Next().End(r.Loc())) {
		nav = append(nav, Button{Text: periodLabel(r.Lang, p.Next()) + " ▶️", Data: "nil:o:" + p.Next().String()})
	}
	buttons = append(buttons, nav)
	sb.WriteString("\n\n" + r.T("eval.overview_other_periods"))
	return sb.String(), buttons, nil
}

// openEval returns the evaluation of st for p, creating a draft when there
// is none. While the work-result rating is undecided the numbers are
// recomputed, so a report approved late still counts; the draft is saved so
// that what the assessor sees is what they decide on.
func (b *Bot) openEval(r *Request, st *kinerja.Staff, p kinerja.Period) (*kinerja.Evaluation, error) {
	e, err := r.Tx.Evaluation(r.Ctx, st.NIP, p.String())
	switch {
	case kinerja.ErrorCode(err) == kinerja.ENotFound:
		e = &kinerja.Evaluation{NIP: st.NIP, Period: p.String(), AssessorNIP: r.Staff.NIP, UnitCode: st.UnitCode,
			Status: kinerja.EvalDraft, Behaviour: map[kinerja.CoreValue]kinerja.Rating{}, CreatedAt: r.Now}
	case err != nil:
		return nil, err
	case e.Status == kinerja.EvalFinal || e.DecidedHasil.Valid():
		return e, nil
	}
	ev, err := b.gatherEvidence(r.Ctx, r.Tx, st, p)
	if err != nil {
		return nil, err
	}
	b.applyEvidence(e, ev)
	e.AssessorNIP, e.UpdatedAt = r.Staff.NIP, r.Now
	if err := r.Tx.PutEvaluation(r.Ctx, e); err != nil {
		return nil, err
	}
	return e, nil
}

// draftOf loads an evaluation that the assessor is still working on;
// a confirmed one answers with a clear refusal.
func draftOf(r *Request, st *kinerja.Staff, p kinerja.Period) (*kinerja.Evaluation, error) {
	e, err := r.Tx.Evaluation(r.Ctx, st.NIP, p.String())
	if kinerja.ErrorCode(err) == kinerja.ENotFound {
		return nil, kinerja.Errorf(kinerja.EConflict, "err.eval_not_started")
	} else if err != nil {
		return nil, err
	}
	if e.Status != kinerja.EvalDraft {
		return nil, kinerja.Errorf(kinerja.EConflict, "err.eval_already_final", st.Name)
	}
	return e, nil
}

// cbNilai handles the buttons of /nilai: "nil:<op>:<nip>:<period>[:…]",
// or "nil:o:<period>" / "nil:n:<period>" for the overview and the next
// person.
func (b *Bot) cbNilai(r *Request) error {
	args := callbackArgs(r.Callback.Data)
	if len(args) == 0 || r.Staff == nil {
		r.Answer(r.T("core.stale_button"))
		return nil
	}
	// Any press abandons a reason being typed: a later message must not
	// land as the reason for a choice the assessor has moved away from.
	if err := endFlow(r, flowNilai); err != nil {
		return err
	}
	if args[0] == "o" && len(args) == 2 {
		p, err := parseEvalPeriod(args[1])
		if err != nil {
			return err
		}
		return b.showOverview(r, p, r.ReplyEdit)
	}
	if len(args) < 3 {
		r.Answer(r.T("core.stale_button"))
		return nil
	}
	st, p, err := evalSubject(r, args[1], args[2])
	if err != nil {
		return err
	}
	extra := args[3:]
	switch args[0] {
	case "s":
		return b.showCard(r, st, p, true)
	case "ha", "hc":
		return b.pressHasil(r, st, p, args[0] == "ha", extra)
	case "b":
		return b.pressValue(r, st, p, extra)
	case "pa", "pc":
		return b.pressPerilaku(r, st, p, args[0] == "pa", extra)
	case "rb", "x":
		return b.pressRestart(r, st, p, args[0] == "x")
	case "ok":
		return b.confirmEval(r, st, p)
	case "e":
		return b.reopenEval(r, st, p)
	}
	r.Answer(r.T("core.stale_button"))
	return nil
}

// showCard shows the card of one subordinate at the stage their evaluation
// has reached; edit replaces the pressed message.
func (b *Bot) showCard(r *Request, st *kinerja.Staff, p kinerja.Period, edit bool) error {
	e, err := b.openEval(r, st, p)
	if err != nil {
		return err
	}
	text, buttons, err := b.card(r, st, p, e, "")
	if err != nil {
		return err
	}
	if edit {
		r.ReplyEdit(text, buttons...)
	} else {
		r.Reply(text, buttons...)
	}
	return nil
}

// pressHasil accepts the proposed work-result rating, or chooses another,
// which asks for a reason before anything is stored.
func (b *Bot) pressHasil(r *Request, st *kinerja.Staff, p kinerja.Period, accept bool, extra []string) error {
	e, err := draftOf(r, st, p)
	if err != nil {
		return err
	}
	if e.DecidedHasil.Valid() {
		return b.cardEdit(r, st, p, e, "")
	}
	pick := e.ProposedHasil
	if !accept {
		if pick, err = ratingArg(extra); err != nil {
			return err
		}
	}
	if !pick.Valid() {
		// Accepting when there is no proposal: a forged or stale button.
		return kinerja.Errorf(kinerja.EInvalid, "err.eval_no_proposal")
	}
	if pick != e.ProposedHasil {
		return b.askReason(r, st, p, "hasil", pick, e.ProposedHasil)
	}
	e.DecidedHasil, e.HasilReason, e.UpdatedAt = pick, "", r.Now
	if err := r.Tx.PutEvaluation(r.Ctx, e); err != nil {
		return err
	}
	return b.cardEdit(r, st, p, e, "")
}

// pressValue rates one BerAKHLAK value: "nil:b:<nip>:<p>:<index>:<rating>".
func (b *Bot) pressValue(r *Request, st *kinerja.Staff, p kinerja.Period, extra []string) error {
	e, err := draftOf(r, st, p)
	if err != nil {
		return err
	}
	if len(extra) != 2 {
		r.Answer(r.T("core.stale_button"))
		return nil
	}
	i, err := strconv.Atoi(extra[0])
	if err != nil || i < 0 || i >= len(kinerja.CoreValues) {
		r.Answer(r.T("core.stale_button"))
		return nil
	}
	rt, err := ratingArg(extra[1:])
	if err != nil {
		return err
	}
	if !e.DecidedHasil.Valid() {
		return kinerja.Errorf(kinerja.EConflict, "err.eval_hasil_first")
	}
	if e.DecidedPerilaku.Valid() {
		// The behaviour rating was already decided on the seven values.
		return b.cardEdit(r, st, p, e, "")
	}
	if e.Behaviour == nil {
		e.Behaviour = map[kinerja.CoreValue]kinerja.Rating{}
	}
	e.Behaviour[kinerja.CoreValues[i]] = rt
	if len(e.Unrated()) == 0 {
		if e.ProposedPerilaku, err = scoring.BehaviourRating(b.cfg.Evaluation.Behaviour, e.Behaviour); err != nil {
			return err
		}
	}
	e.UpdatedAt = r.Now
	if err := r.Tx.PutEvaluation(r.Ctx, e); err != nil {
		return err
	}
	return b.cardEdit(r, st, p, e, "")
}

// pressPerilaku accepts the proposed behaviour rating or chooses another.
// It is refused until all seven values are rated.
func (b *Bot) pressPerilaku(r *Request, st *kinerja.Staff, p kinerja.Period, accept bool, extra []string) error {
	e, err := draftOf(r, st, p)
	if err != nil {
		return err
	}
	if n := len(e.Unrated()); n > 0 {
		return kinerja.Errorf(kinerja.EInvalid, "err.eval_values_missing", n)
	}
	if e.DecidedPerilaku.Valid() {
		return b.cardEdit(r, st, p, e, "")
	}
	pick := e.ProposedPerilaku
	if !accept {
		if pick, err = ratingArg(extra); err != nil {
			return err
		}
	}
	if pick != e.ProposedPerilaku {
		return b.askReason(r, st, p, "perilaku", pick, e.ProposedPerilaku)
	}
	e.DecidedPerilaku, e.PerilakuReason, e.UpdatedAt = pick, "", r.Now
	if err := r.Tx.PutEvaluation(r.Ctx, e); err != nil {
		return err
	}
	return b.cardEdit(r, st, p, e, "")
}

// pressRestart clears the decisions of a draft: all of them ("x"), or only
// the behaviour ratings ("rb"). The numbers are recomputed on the next view.
func (b *Bot) pressRestart(r *Request, st *kinerja.Staff, p kinerja.Period, all bool) error {
	e, err := draftOf(r, st, p)
	if err != nil {
		return err
	}
	e.Behaviour = map[kinerja.CoreValue]kinerja.Rating{}
	e.ProposedPerilaku, e.DecidedPerilaku, e.PerilakuReason = kinerja.RatingNone, kinerja.RatingNone, ""
	if all {
		e.DecidedHasil, e.HasilReason = kinerja.RatingNone, ""
	}
	e.Predikat, e.UpdatedAt = "", r.Now
	if err := r.Tx.PutEvaluation(r.Ctx, e); err != nil {
		return err
	}
	return b.showCard(r, st, p, true)
}

// cardEdit re-renders the card in place, with an optional notice on top.
func (b *Bot) cardEdit(r *Request, st *kinerja.Staff, p kinerja.Period, e *kinerja.Evaluation, notice string) error {
	text, buttons, err := b.card(r, st, p, e, notice)
	if err != nil {
		return err
	}
	r.ReplyEdit(text, buttons...)
	return nil
}

// endFlow ends the chat's dialogue if it is of the given flow.
func endFlow(r *Request, flow string) error {
	if r.Session != nil && r.Session.Flow == flow {
		return r.EndFlow()
	}
	return nil
}
