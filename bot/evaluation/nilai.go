package evaluation

import (
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
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

// registerNilai adds /nilai, its buttons and the dialogue of a reason.
func (f *Feature) registerNilai(b *bot.Bot) {
	// An admin may be the top reviewer (evaluation.top_reviewer: an admin on
	// the roster, or every admin for an outside one) without subordinates
	// of their own; cmdNilai refuses the other admins.
	b.Command(bot.CommandSpec{Name: "nilai", Roles: []kinerja.Role{kinerja.RoleAssessor, kinerja.RoleAdmin},
		Help: "eval.cmd_nilai", Example: "eval.ex_nilai", Handle: f.cmdNilai})
	b.Flow(bot.FlowSpec{Name: flowNilai, Expired: "eval.flow_expired", Handle: f.flowNilai})
	b.Button(bot.ButtonSpec{Buttons: nilaiButtons, Action: "o", Args: 1, Handle: f.pressOverview})
	// The buttons of one person's card: "nil:<action>:<nip>:<period>[:…]".
	for _, a := range []struct {
		action string
		extra  int
		handle func(r *bot.Request, st *kinerja.Staff, p kinerja.Period) error
	}{
		{"s", 0, func(r *bot.Request, st *kinerja.Staff, p kinerja.Period) error { return f.showCard(r, st, p, true) }},
		{"ha", 0, func(r *bot.Request, st *kinerja.Staff, p kinerja.Period) error { return f.pressHasil(r, st, p, true) }},
		{"hc", 1, func(r *bot.Request, st *kinerja.Staff, p kinerja.Period) error { return f.pressHasil(r, st, p, false) }},
		{"b", 2, f.pressValue},
		{"pa", 0, func(r *bot.Request, st *kinerja.Staff, p kinerja.Period) error {
			return f.pressPerilaku(r, st, p, true)
		}},
		{"pc", 1, func(r *bot.Request, st *kinerja.Staff, p kinerja.Period) error {
			return f.pressPerilaku(r, st, p, false)
		}},
		{"rb", 0, func(r *bot.Request, st *kinerja.Staff, p kinerja.Period) error {
			return f.pressRestart(r, st, p, false)
		}},
		{"x", 0, func(r *bot.Request, st *kinerja.Staff, p kinerja.Period) error { return f.pressRestart(r, st, p, true) }},
		{"ok", 0, f.confirmEval},
		{"e", 0, f.reopenEval},
	} {
		b.Button(bot.ButtonSpec{Buttons: nilaiButtons, Action: a.action, Args: 2 + a.extra, Handle: f.onSubject(a.handle)})
	}
}

// onSubject wraps the handler of a card's button: any press abandons a
// reason being typed (a later message must not land as the reason for a
// choice the assessor has moved away from), and the person and period in
// the button are checked again before anything is done.
func (f *Feature) onSubject(h func(r *bot.Request, st *kinerja.Staff, p kinerja.Period) error) bot.Handler {
	return func(r *bot.Request) error {
		if r.Staff == nil {
			return r.Stale()
		}
		if err := r.EndFlowIf(flowNilai); err != nil {
			return err
		}
		st, p, err := f.evalSubject(r, r.Args[0], r.Args[1])
		if err != nil {
			return err
		}
		return h(r, st, p)
	}
}

// pressOverview shows the overview of a period: "nil:o:<period>".
func (f *Feature) pressOverview(r *bot.Request) error {
	if r.Staff == nil {
		return r.Stale()
	}
	if err := r.EndFlowIf(flowNilai); err != nil {
		return err
	}
	p, err := parseEvalPeriod(r.Args[0])
	if err != nil {
		return err
	}
	return f.showOverview(r, p, r.ReplyEdit)
}

// defaultPeriod is the period an evaluation is usually for: the last one
// of the configured kind (a month by default, or a quarter) that has ended.
func (f *Feature) defaultPeriod(r *bot.Request) kinerja.Period {
	return kinerja.LastEnded(f.cfg.Period, r.Now, r.Loc())
}

// cmdNilai opens the overview of a period: the one just ended, or the one
// typed after the command.
func (f *Feature) cmdNilai(r *bot.Request) error {
	if !r.HasRole(kinerja.RoleAssessor) {
		if top, err := f.mayAssessFor(r, ""); err != nil {
			return err
		} else if !top {
			r.Reply(r.T("core.not_allowed", "/nilai"))
			return nil
		}
	}
	p := f.defaultPeriod(r)
	if r.Text != "" {
		var err error
		if p, err = parseEvalPeriod(r.Text); err != nil {
			return err
		}
	}
	return f.showOverview(r, p, r.Reply)
}

// showOverview checks that period p has ended and shows the sender's list of
// subordinates for it through reply (a new message, or an edit in place).
func (f *Feature) showOverview(r *bot.Request, p kinerja.Period, reply func(string, ...[]bot.Button)) error {
	if err := checkEnded(r, p); err != nil {
		return err
	}
	text, buttons, err := f.overview(r, p)
	if err != nil {
		return err
	}
	reply(text, buttons...)
	return nil
}

// subordinates returns the people the sender assesses for period p: their
// current subordinates whose assessor at the end of p was the sender, and
// anyone they already evaluated for p.
//
// Someone acting for an assessor (Plt/Plh) also gets that assessor's
// subordinates, and the configured top reviewer the people with no
// superior.
func (f *Feature) subordinates(r *bot.Request, p kinerja.Period) ([]*kinerja.Staff, error) {
	me := r.Staff.NIP
	posts, err := actingPosts(r)
	if err != nil {
		return nil, err
	}
	var cur []*kinerja.Staff
	for _, sup := range append([]string{me}, posts...) {
		subs, err := r.Tx.ListStaff(r.Ctx, kinerja.StaffFilter{SuperiorNIP: sup})
		if err != nil {
			return nil, err
		}
		cur = append(cur, subs...)
	}
	if top, err := f.mayAssessFor(r, ""); err != nil {
		return nil, err
	} else if top {
		all, err := r.Tx.ListStaff(r.Ctx, kinerja.StaffFilter{})
		if err != nil {
			return nil, err
		}
		for _, s := range all {
			if s.SuperiorNIP == "" {
				cur = append(cur, s)
			}
		}
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
		if ok, err := f.mayAssessFor(r, sup); err != nil {
			return nil, err
		} else if ok {
			out = append(out, s)
		}
	}
	return out, nil
}

// assessed returns the sender's subordinates in period p and their
// evaluations of p, by NIP.
func (f *Feature) assessed(r *bot.Request, p kinerja.Period) ([]*kinerja.Staff, map[string]*kinerja.Evaluation, error) {
	subs, err := f.subordinates(r, p)
	if err != nil {
		return nil, nil, err
	}
	evs, err := evalsOf(r, p)
	return subs, evs, err
}

// evalsOf returns the sender's evaluations of period p by NIP.
func evalsOf(r *bot.Request, p kinerja.Period) (map[string]*kinerja.Evaluation, error) {
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
func (f *Feature) overview(r *bot.Request, p kinerja.Period) (string, [][]bot.Button, error) {
	subs, evs, err := f.assessed(r, p)
	if err != nil {
		return "", nil, err
	}
	ps := p.String()
	var sb strings.Builder
	end := p.End(r.Loc())
	deadline := kinerja.Date(end.Year(), end.Month(), f.cfg.DeadlineDay, r.Loc())
	done := 0
	for _, s := range subs {
		if e := evs[s.NIP]; e != nil && e.Status == kinerja.EvalFinal {
			done++
		}
	}
	sb.WriteString(r.T("eval.overview_head", bot.PeriodLabel(r.Lang, p), bot.DateLabel(r.Lang, deadline), done, len(subs)))
	if !r.Now.Before(deadline.AddDate(0, 0, 1)) && done < len(subs) {
		sb.WriteString("\n" + r.T("eval.overview_late"))
	}
	var buttons [][]bot.Button
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
		sb.WriteString("\n" + r.T("eval.overview_line", bot.Raw(icon), s.Name, line))
		buttons = append(buttons, []bot.Button{nilaiButtons.Button(icon+" "+s.Name, "s", s.NIP, ps)})
	}
	parts, partRows, err := f.earlierPartsSection(r, p) // partchat.go
	if err != nil {
		return "", nil, err
	}
	if len(subs) == 0 && parts == "" {
		sb.WriteString("\n\n" + r.T("eval.no_subordinates"))
	}
	if next != nil {
		buttons = append([][]bot.Button{{nilaiButtons.Button(r.T("eval.btn_continue", next.Name), "s", next.NIP, ps)}}, buttons...)
	} else if len(subs) > 0 {
		sb.WriteString("\n\n" + r.T("eval.all_done"))
	}
	if parts != "" {
		sb.WriteString("\n\n" + parts)
		buttons = append(buttons, partRows...)
	}
	nav := []bot.Button{nilaiButtons.Button("◀️ "+bot.PeriodLabel(r.Lang, p.Prev()), "o", p.Prev().String())}
	if !r.Now.Before(p.Next().End(r.Loc())) {
		nav = append(nav, nilaiButtons.Button(bot.PeriodLabel(r.Lang, p.Next())+" ▶️", "o", p.Next().String()))
	}
	buttons = append(buttons, nav)
	sb.WriteString("\n\n" + r.T("eval.overview_other_periods"))
	return sb.String(), buttons, nil
}

// openEval returns the evaluation of st for p, creating a draft when there
// is none. While the work-result rating is undecided the numbers are
// recomputed, so a report approved late still counts; the draft is saved so
// that what the assessor sees is what they decide on.
func (f *Feature) openEval(r *bot.Request, st *kinerja.Staff, p kinerja.Period) (*kinerja.Evaluation, error) {
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
	ev, err := f.gatherEvidence(r.Ctx, r.Tx, st, p)
	if err != nil {
		return nil, err
	}
	f.applyEvidence(e, ev)
	e.AssessorNIP, e.UpdatedAt = r.Staff.NIP, r.Now
	if err := r.Tx.PutEvaluation(r.Ctx, e); err != nil {
		return nil, err
	}
	return e, nil
}

// draftOf loads an evaluation that the assessor is still working on;
// a confirmed one answers with a clear refusal.
func draftOf(r *bot.Request, st *kinerja.Staff, p kinerja.Period) (*kinerja.Evaluation, error) {
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

// showCard shows the card of one subordinate at the stage their evaluation
// has reached; edit replaces the pressed message.
func (f *Feature) showCard(r *bot.Request, st *kinerja.Staff, p kinerja.Period, edit bool) error {
	e, err := f.openEval(r, st, p)
	if err != nil {
		return err
	}
	text, buttons, err := f.card(r, st, p, e, "")
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
func (f *Feature) pressHasil(r *bot.Request, st *kinerja.Staff, p kinerja.Period, accept bool) error {
	e, err := draftOf(r, st, p)
	if err != nil {
		return err
	}
	if e.DecidedHasil.Valid() {
		return f.cardEdit(r, st, p, e, "")
	}
	pick := e.ProposedHasil
	if !accept {
		if pick, err = ratingArg(r.Args[2:]); err != nil {
			return err
		}
	}
	if !pick.Valid() {
		// Accepting when there is no proposal: a forged or stale button.
		return kinerja.Errorf(kinerja.EInvalid, "err.eval_no_proposal")
	}
	if pick != e.ProposedHasil {
		return f.askReason(r, st, p, "hasil", pick, e.ProposedHasil)
	}
	e.DecidedHasil, e.HasilReason, e.UpdatedAt = pick, "", r.Now
	if err := r.Tx.PutEvaluation(r.Ctx, e); err != nil {
		return err
	}
	return f.cardEdit(r, st, p, e, "")
}

// pressValue rates one BerAKHLAK value: "nil:b:<nip>:<p>:<index>:<rating>".
func (f *Feature) pressValue(r *bot.Request, st *kinerja.Staff, p kinerja.Period) error {
	e, err := draftOf(r, st, p)
	if err != nil {
		return err
	}
	i, ok := r.ArgInt(2)
	if !ok || i < 0 || int(i) >= len(kinerja.CoreValues) {
		return r.Stale()
	}
	rt, err := ratingArg(r.Args[3:])
	if err != nil {
		return err
	}
	if !e.DecidedHasil.Valid() {
		return kinerja.Errorf(kinerja.EConflict, "err.eval_hasil_first")
	}
	if e.DecidedPerilaku.Valid() {
		// The behaviour rating was already decided on the seven values.
		return f.cardEdit(r, st, p, e, "")
	}
	if e.Behaviour == nil {
		e.Behaviour = map[kinerja.CoreValue]kinerja.Rating{}
	}
	e.Behaviour[kinerja.CoreValues[i]] = rt
	if len(e.Unrated()) == 0 {
		if e.ProposedPerilaku, err = scoring.BehaviourRating(f.cfg.Behaviour, e.Behaviour); err != nil {
			return err
		}
	}
	e.UpdatedAt = r.Now
	if err := r.Tx.PutEvaluation(r.Ctx, e); err != nil {
		return err
	}
	return f.cardEdit(r, st, p, e, "")
}

// pressPerilaku accepts the proposed behaviour rating or chooses another.
// It is refused until all seven values are rated.
func (f *Feature) pressPerilaku(r *bot.Request, st *kinerja.Staff, p kinerja.Period, accept bool) error {
	e, err := draftOf(r, st, p)
	if err != nil {
		return err
	}
	if n := len(e.Unrated()); n > 0 {
		return kinerja.Errorf(kinerja.EInvalid, "err.eval_values_missing", n)
	}
	if e.DecidedPerilaku.Valid() {
		return f.cardEdit(r, st, p, e, "")
	}
	pick := e.ProposedPerilaku
	if !accept {
		if pick, err = ratingArg(r.Args[2:]); err != nil {
			return err
		}
	}
	if pick != e.ProposedPerilaku {
		return f.askReason(r, st, p, "perilaku", pick, e.ProposedPerilaku)
	}
	e.DecidedPerilaku, e.PerilakuReason, e.UpdatedAt = pick, "", r.Now
	if err := r.Tx.PutEvaluation(r.Ctx, e); err != nil {
		return err
	}
	return f.cardEdit(r, st, p, e, "")
}

// pressRestart clears the decisions of a draft: all of them ("x"), or only
// the behaviour ratings ("rb"). The numbers are recomputed on the next view.
func (f *Feature) pressRestart(r *bot.Request, st *kinerja.Staff, p kinerja.Period, all bool) error {
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
	return f.showCard(r, st, p, true)
}

// cardEdit re-renders the card in place, with an optional notice on top.
func (f *Feature) cardEdit(r *bot.Request, st *kinerja.Staff, p kinerja.Period, e *kinerja.Evaluation, notice string) error {
	text, buttons, err := f.card(r, st, p, e, notice)
	if err != nil {
		return err
	}
	r.ReplyEdit(text, buttons...)
	return nil
}
