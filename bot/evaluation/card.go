package evaluation

import (
	"strconv"
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/report"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

// The card of one subordinate in /nilai, at the stage their evaluation has
// reached: the numbers, then the work-result rating, the seven values, the
// behaviour rating, the predikat and the confirmation.

// card renders the card of st's evaluation e for period p.
func (f *Feature) card(r *bot.Request, st *kinerja.Staff, p kinerja.Period, e *kinerja.Evaluation, notice string) (string, [][]bot.Button, error) {
	subs, evs, err := f.assessed(r, p)
	if err != nil {
		return "", nil, err
	}
	idx, done := 0, 0
	var next *kinerja.Staff
	for i, s := range subs {
		if s.NIP == st.NIP {
			idx = i + 1
		}
		if ev := evs[s.NIP]; ev != nil && ev.Status == kinerja.EvalFinal {
			done++
		} else if next == nil && s.NIP != st.NIP {
			next = s
		}
	}
	var sb strings.Builder
	if notice != "" {
		sb.WriteString(notice + "\n\n")
	}
	sb.WriteString(r.T("eval.card_head", bot.PeriodLabel(r.Lang, p), idx, len(subs), done))
	sb.WriteString("\n" + r.T("eval.card_person", st.Name, st.Position, st.NIP))
	if sup, err := assessorAt(r, st.NIP, p); err != nil {
		return "", nil, err
	} else if whom, err := f.onBehalfOf(r, sup); err != nil {
		return "", nil, err
	} else if whom != "" {
		sb.WriteString("\n" + r.T("eval.card_on_behalf", whom))
	}
	// The numbers are shown where a decision rests on them; while the seven
	// values are rated the card stays short (it is edited in place on a
	// phone), keeping the citizen survey, which is evidence of service.
	rating := e.Status == kinerja.EvalDraft && e.DecidedHasil.Valid() && !e.DecidedPerilaku.Valid()
	if !rating {
		sb.WriteString("\n\n" + f.numbers(r.Lang, e))
		prev, err := f.previousApprovals(r, st.NIP, p) // transfer.go
		if err != nil {
			return "", nil, err
		}
		if prev != "" {
			sb.WriteString("\n" + prev)
		}
	}
	if line, err := f.surveyLine(r, st.NIP, p); err != nil {
		return "", nil, err
	} else if line != "" {
		sb.WriteString("\n")
		if rating {
			sb.WriteString("\n")
		}
		sb.WriteString(line)
	}
	list := []bot.Button{nilaiButtons.Button(r.T("eval.btn_list"), "o", p.String())}
	restart := []bot.Button{nilaiButtons.Button(r.T("eval.btn_restart"), "x", st.NIP, p)}
	var buttons [][]bot.Button
	sb.WriteString("\n\n")
	switch {
	case e.Status == kinerja.EvalFinal:
		f.finalPart(r, &sb, e)
		if ok, err := f.canReopen(r, e); err != nil {
			return "", nil, err
		} else if ok {
			buttons = append(buttons, []bot.Button{nilaiButtons.Button(r.T("eval.btn_reopen"), "e", st.NIP, p)})
		}
		if next != nil {
			buttons = append(buttons, []bot.Button{nilaiButtons.Button(r.T("eval.btn_next", next.Name), "s", next.NIP, p.String())})
		}
	case !e.DecidedHasil.Valid():
		if open := f.reportsStillOpen(r, p); open != "" {
			sb.WriteString(r.T("eval.reports_open", open) + "\n")
		}
		sb.WriteString(f.proposalText(r.Lang, e) + "\n\n")
		if e.ProposedHasil.Valid() {
			sb.WriteString(r.T("eval.hasil_choose"))
		} else {
			sb.WriteString(r.T("eval.hasil_choose_none"))
		}
		if e.ProposedHasil.Valid() {
			buttons = append(buttons, []bot.Button{nilaiButtons.Button(r.T("eval.btn_accept", ratingLabel(r.Lang, e.ProposedHasil)), "ha", st.NIP, p)})
		}
		buttons = append(buttons, ratingButtons(r.Lang, nilaiButtons, "hc", e.ProposedHasil, st.NIP, p))
	case len(e.Unrated()) > 0:
		sb.WriteString(hasilLine(r.Lang, e) + "\n\n")
		v := e.Unrated()[0]
		i := valueIndex(v)
		sb.WriteString(r.T("eval.value_ask", len(kinerja.CoreValues)-len(e.Unrated())+1, len(kinerja.CoreValues),
			valueLabel(r.Lang, v), bot.T(r.Lang, "value_desc."+string(v))))
		if rated := valuesList(r.Lang, e, true); rated != "" {
			sb.WriteString("\n\n" + r.T("eval.values_so_far") + rated)
		}
		buttons = append(buttons, ratingButtons(r.Lang, nilaiButtons, "b", kinerja.RatingNone, st.NIP, p, i))
		buttons = append(buttons, restart)
	case !e.DecidedPerilaku.Valid():
		sb.WriteString(hasilLine(r.Lang, e) + "\n\n" + r.T("eval.values_head") + valuesList(r.Lang, e, false))
		sb.WriteString("\n\n" + r.T("eval.perilaku_proposal", ratingLabel(r.Lang, e.ProposedPerilaku), policyLabel(r.Lang, f.cfg.Behaviour)))
		buttons = append(buttons, []bot.Button{nilaiButtons.Button(r.T("eval.btn_accept", ratingLabel(r.Lang, e.ProposedPerilaku)), "pa", st.NIP, p)})
		buttons = append(buttons, ratingButtons(r.Lang, nilaiButtons, "pc", e.ProposedPerilaku, st.NIP, p))
		buttons = append(buttons, []bot.Button{nilaiButtons.Button(r.T("eval.btn_redo_values"), "rb", st.NIP, p)})
	default:
		pred, err := scoring.Predicate(e.DecidedHasil, e.DecidedPerilaku)
		if err != nil {
			return "", nil, err
		}
		sb.WriteString(hasilLine(r.Lang, e) + "\n" + perilakuLine(r.Lang, e) + "\n\n")
		sb.WriteString(r.T("eval.matrix", ratingLabel(r.Lang, e.DecidedHasil), ratingLabel(r.Lang, e.DecidedPerilaku), string(pred)))
		check, err := f.distributionPreview(r, st, p, pred)
		if err != nil {
			return "", nil, err
		}
		if check != "" {
			sb.WriteString("\n\n" + check)
		}
		sb.WriteString("\n\n" + r.T("eval.confirm_ask", st.Name))
		buttons = append(buttons, []bot.Button{nilaiButtons.Button(r.T("eval.btn_confirm"), "ok", st.NIP, p)})
		buttons = append(buttons, restart)
	}
	buttons = append(buttons, list)
	return sb.String(), buttons, nil
}

// ratingButtons is a row of the three ratings, the proposal marked: each
// presses action of k with args and then the rating.
func ratingButtons(lang kinerja.Lang, k bot.Buttons, action string, proposed kinerja.Rating, args ...any) []bot.Button {
	row := make([]bot.Button, 0, 3)
	for _, rt := range []kinerja.Rating{kinerja.RatingBelow, kinerja.RatingMeets, kinerja.RatingAbove} {
		label := ratingShort(lang, rt)
		if rt == proposed {
			label = "• " + label
		}
		row = append(row, k.Button(label, action, append(args[:len(args):len(args)], int(rt))...))
	}
	return row
}

// valueIndex is the position of a value in the official order.
func valueIndex(v kinerja.CoreValue) int {
	for i, c := range kinerja.CoreValues {
		if c == v {
			return i
		}
	}
	return -1
}

// valuesList lists the seven values with their ratings, one per line;
// onlyRated leaves out the values not rated yet.
func valuesList(lang kinerja.Lang, e *kinerja.Evaluation, onlyRated bool) string {
	var sb strings.Builder
	for _, v := range kinerja.CoreValues {
		rt := e.Behaviour[v]
		if onlyRated && !rt.Valid() {
			continue
		}
		sb.WriteString("\n" + bot.T(lang, "eval.value_line", valueLabel(lang, v), ratingLabel(lang, rt)))
	}
	return sb.String()
}

// policyLabel names the behaviour rule in use.
func policyLabel(lang kinerja.Lang, p scoring.BehaviourPolicy) string {
	return bot.T(lang, "eval.policy_"+string(p))
}

// numbers writes the evidence of an evaluation: approved reports, each
// indicator's realisation, target and capaian, the weighted capaian, and
// what the proposal is based on.
func (f *Feature) numbers(lang kinerja.Lang, e *kinerja.Evaluation) string {
	var sb strings.Builder
	sb.WriteString(bot.T(lang, "eval.reports", e.ApprovedReports))
	if len(e.Indicators) == 0 {
		sb.WriteString("\n" + bot.T(lang, "eval.no_indicators"))
	} else {
		sb.WriteString("\n" + bot.T(lang, "eval.indicators_head"))
	}
	for _, in := range e.Indicators {
		sb.WriteString("\n" + indicatorLine(lang, in))
	}
	switch {
	case len(e.Parts) > 0:
		// The combined capaian of the parts is written with them below.
		if e.HasilBasis == kinerja.BasisUnitFallback {
			sb.WriteString("\n" + bot.T(lang, "eval.unit_fallback"))
		}
	case e.HasilBasis == kinerja.BasisOwn:
		sb.WriteString("\n" + bot.T(lang, "eval.capaian", percent(lang, e.CapaianPct)))
	case e.HasilBasis == kinerja.BasisUnit:
		sb.WriteString("\n" + bot.T(lang, "eval.capaian_unit", percent(lang, e.CapaianPct)))
	case e.HasilBasis == kinerja.BasisUnitFallback:
		sb.WriteString("\n" + bot.T(lang, "eval.capaian", percent(lang, e.CapaianPct)))
		sb.WriteString("\n" + bot.T(lang, "eval.unit_fallback"))
	case e.HasilBasis == kinerja.BasisPeriods:
		sb.WriteString("\n" + bot.T(lang, "eval.capaian_periods", percent(lang, e.CapaianPct)))
	case e.HasilBasis == kinerja.BasisUnitPredicate:
		sb.WriteString(unitPredicateCapaian(lang, e))
	}
	if parts := f.partsText(lang, e); parts != "" {
		sb.WriteString("\n" + parts) // split.go
	}
	return sb.String()
}

// indicatorLine writes one indicator: realisation against target, capaian.
func indicatorLine(lang kinerja.Lang, in kinerja.IndicatorResult) string {
	if line, ok := unitIndicatorLine(lang, in); ok {
		return line
	}
	switch in.Source {
	case sourcePeriod:
		return periodLine(lang, in)
	case sourceIKMMissing:
		return bot.T(lang, "eval.indicator_ikm_missing", in.Name, number(lang, in.Target))
	case sourceIKMProvisional:
		return bot.T(lang, "eval.indicator_ikm_provisional", in.Name, number(lang, in.Realisasi), number(lang, in.Target),
			percent(lang, in.Capaian))
	case sourceNoResult:
		return bot.T(lang, "eval.indicator_no_result", in.Name, report.TargetText(lang, in), in.Unit) + basisLine(lang, in)
	}
	key := "eval.indicator"
	if in.Direction == kinerja.LowerIsBetter {
		key = "eval.indicator_lower"
	}
	line := bot.T(lang, key, in.Name, number(lang, in.Realisasi), report.TargetText(lang, in), in.Unit, percent(lang, in.Capaian))
	if c := report.CapText(lang, in); c != "" {
		line += " " + c
	}
	if in.Source == sourceIKM {
		line += bot.T(lang, "eval.indicator_from_ikm")
	}
	return line + basisLine(lang, in)
}

// basisLine says which target was used and how it was derived (the
// lineage of the number), on a line of its own; "" for snapshots taken
// before targets were derived.
func basisLine(lang kinerja.Lang, in kinerja.IndicatorResult) string {
	if in.Source == sourceIKM {
		return ""
	}
	if b := report.TargetBasisText(lang, in); b != "" {
		return "\n   " + bot.T(lang, "tgt.line", b)
	}
	return ""
}

// proposalText explains the proposed work-result rating and its rule.
func (f *Feature) proposalText(lang kinerja.Lang, e *kinerja.Evaluation) string {
	if !e.ProposedHasil.Valid() {
		return bot.T(lang, "eval.no_proposal")
	}
	if e.HasilBasis == kinerja.BasisUnitPredicate {
		return bot.T(lang, "eval.hasil_proposal_unitpred", ratingLabel(lang, e.ProposedHasil))
	}
	if _, mean, ok := partsProposal(e.Parts); ok {
		return bot.T(lang, "part.hasil_proposal", ratingLabel(lang, e.ProposedHasil), decimal(lang, strconv.FormatFloat(mean, 'f', 2, 64)))
	}
	th := f.cfg.Thresholds
	return bot.T(lang, "eval.hasil_proposal", ratingLabel(lang, e.ProposedHasil),
		number(lang, th.Above), number(lang, th.Meets), number(lang, th.Meets))
}

// hasilLine states the decided work-result rating against the proposal.
func hasilLine(lang kinerja.Lang, e *kinerja.Evaluation) string {
	return decisionLine(lang, "eval.hasil_line", e.DecidedHasil, e.ProposedHasil, e.HasilReason)
}

// perilakuLine states the decided behaviour rating against the proposal.
func perilakuLine(lang kinerja.Lang, e *kinerja.Evaluation) string {
	return decisionLine(lang, "eval.perilaku_line", e.DecidedPerilaku, e.ProposedPerilaku, e.PerilakuReason)
}

// decisionLine writes "X: decided (proposal accepted)" or "X: decided
// (proposal Y; reason …)".
func decisionLine(lang kinerja.Lang, key string, decided, proposed kinerja.Rating, reason string) string {
	var how string
	switch {
	case decided == proposed:
		how = bot.T(lang, "eval.as_proposed")
	case !proposed.Valid():
		how = bot.T(lang, "eval.without_proposal", reason)
	default:
		how = bot.T(lang, "eval.departed", ratingLabel(lang, proposed), reason)
	}
	return bot.T(lang, key, ratingLabel(lang, decided), bot.Raw(how))
}

// finalPart describes a confirmed evaluation: the decisions, the predikat,
// the objection window and any objection or revision.
func (f *Feature) finalPart(r *bot.Request, sb *strings.Builder, e *kinerja.Evaluation) {
	sb.WriteString(hasilLine(r.Lang, e) + "\n" + perilakuLine(r.Lang, e) + "\n")
	if e.RevisedHasil.Valid() {
		sb.WriteString(r.T("eval.revised", ratingLabel(r.Lang, e.RevisedHasil), ratingLabel(r.Lang, e.RevisedPerilaku),
			nameOf(r, e.RevisedBy), e.RevisionReason) + "\n")
	}
	sb.WriteString(r.T("eval.final_predikat", string(e.Predikat)))
	deadline := e.ObjectionDeadline(f.cfg.ObjectionDays, r.Loc())
	if e.Locked(r.Now, f.cfg.ObjectionDays, r.Loc()) {
		sb.WriteString("\n" + r.T("eval.locked_since", lastDay(r.Lang, deadline)))
	} else {
		sb.WriteString("\n" + r.T("eval.window_until", bot.DateLabel(r.Lang, e.DecidedAt.In(r.Loc())), lastDay(r.Lang, deadline)))
	}
	if o, err := r.Tx.ObjectionFor(r.Ctx, e.NIP, e.Period); err == nil {
		sb.WriteString("\n" + r.T("eval.objection_status", objectionStatusLabel(r.Lang, o.Status)))
	}
}

// canReopen reports whether the assessor may still change a confirmed
// evaluation: before the lock and while nobody objected.
func (f *Feature) canReopen(r *bot.Request, e *kinerja.Evaluation) (bool, error) {
	if e.Status != kinerja.EvalFinal || e.Locked(r.Now, f.cfg.ObjectionDays, r.Loc()) {
		return false, nil
	}
	_, err := r.Tx.ObjectionFor(r.Ctx, e.NIP, e.Period)
	switch kinerja.ErrorCode(err) {
	case kinerja.ENotFound:
		return true, nil
	case "":
		return false, nil
	}
	return false, err
}

// surveyLine is the officer's citizen-survey aggregate for the period, or
// a note that there are too few responses to show one (anonymity).
func (f *Feature) surveyLine(r *bot.Request, nip string, p kinerja.Period) (string, error) {
	res, ok, err := f.officerSurvey(r.Ctx, r.Tx, nip, p)
	if err != nil {
		return "", err
	}
	if !ok {
		return r.T("eval.survey_few", f.cfg.Survey.OfficerMinResponses()), nil
	}
	return r.T("eval.survey", decimal(r.Lang, strconv.FormatFloat(res.IKM, 'f', 2, 64)), string(res.Mutu),
		kinerjaLabel(r.Lang, res.Mutu), res.Respondents), nil
}

// kinerjaLabel names a survey grade's unit performance in lang.
func kinerjaLabel(lang kinerja.Lang, m scoring.Mutu) string {
	if lang == kinerja.LangEN {
		return m.KinerjaEN()
	}
	return m.Kinerja()
}

// reportsStillOpen returns the last day work of p may still be reported
// (the reports' grace days after the month), or "" when reporting is
// closed: the numbers of an evaluation made earlier may still grow.
func (f *Feature) reportsStillOpen(r *bot.Request, p kinerja.Period) string {
	months := p.Months()
	last := months[len(months)-1]
	if f.cfg.Reports.MonthLocked(last, r.Now) {
		return ""
	}
	return bot.DateLabel(r.Lang, f.cfg.Reports.LastOpenDay(last))
}

// onBehalfOf names whom the sender stands in for when deciding what
// belongs to superior sup ("" for a top): the absent assessor they act for,
// or the outside top reviewer by name and position; "" when they decide as
// themselves.
func (f *Feature) onBehalfOf(r *bot.Request, sup string) (string, error) {
	tr := f.cfg.TopReviewer
	switch {
	case sup == "" && tr.outside():
		return tr.Name + " (" + tr.Position + ")", nil
	case sup == "" || sup == r.Staff.NIP:
		return "", nil
	}
	a, err := kinerja.ActingFor(r.Ctx, r.Tx, sup, r.Now, r.Loc())
	if err != nil || a == nil || a.ByNIP != r.Staff.NIP {
		return "", err
	}
	return nameOf(r, sup), nil
}
