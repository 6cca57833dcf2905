package budget

import (
	"strconv"
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// /anggaran: the finance officer picks the unit (when they keep several)
// and the month with buttons, types the pagu (or keeps the last one with a
// button) and the month's realisasi, sees the absorption it gives, and
// saves. /cancel or "Batal" stops without saving.

// cmdBudget shows the sender's unit, or their units as buttons.
func (f *Feature) cmdBudget(r *bot.Request) error {
	units := f.unitsOf(r.Staff.NIP)
	switch len(units) {
	case 0:
		r.Reply(r.T("ang.not_finance"))
		return nil
	case 1:
		return f.showUnit(r, units[0], false)
	}
	var rows [][]bot.Button
	for _, code := range units {
		name := code
		if u, err := r.Tx.Unit(r.Ctx, code); err == nil {
			name = u.Name
		}
		rows = append(rows, []bot.Button{buttons.Button(name, "u", code)})
	}
	r.Reply(r.T("ang.choose_unit"), rows...)
	return nil
}

// pressUnit shows one unit's card: "ang:u:<unit>".
func (f *Feature) pressUnit(r *bot.Request) error {
	if !f.isFinance(r.Staff.NIP, r.Args[0]) {
		return kinerja.Errorf(kinerja.EForbidden, "ang.not_finance_of")
	}
	return f.showUnit(r, strings.ToUpper(r.Args[0]), true)
}

// showUnit tells where the unit's budget stands this year and offers the
// months that may be reported: the previous one and the current one.
func (f *Feature) showUnit(r *bot.Request, code string, edit bool) error {
	u, err := r.Tx.Unit(r.Ctx, code)
	if err != nil {
		return err
	}
	cur := kinerja.MonthOf(r.Now, r.Loc())
	rows, err := r.Tx.Budgets(r.Ctx, kinerja.BudgetFilter{UnitCode: code, Year: cur.Year})
	if err != nil {
		return err
	}
	var sb strings.Builder
	sb.WriteString(r.T("ang.head", u.Name, strconv.Itoa(cur.Year)))
	if len(rows) == 0 {
		sb.WriteString("\n" + r.T("ang.none_yet"))
	} else {
		last := rows[len(rows)-1].MonthPeriod()
		if a, ok := f.absorption(rows, last.Index); ok {
			sb.WriteString("\n" + absorptionText(r.Lang, last, a))
		}
	}
	sb.WriteString("\n\n" + r.T("ang.choose_month"))
	prev := cur.Prev()
	months := []bot.Button{buttons.Button(bot.MonthLabel(r.Lang, prev), "m", code, prev.String()),
		buttons.Button(bot.MonthLabel(r.Lang, cur), "m", code, cur.String())}
	if edit {
		r.ReplyEdit(sb.String(), months)
	} else {
		r.Reply(sb.String(), months)
	}
	return nil
}

// absorptionText is one line: absorption to a month against the plan.
func absorptionText(lang kinerja.Lang, month kinerja.Period, a Absorption) string {
	return bot.T(lang, "ang.absorption", bot.MonthLabel(lang, month), kinerja.FormatRupiah(a.Cumulative),
		kinerja.FormatRupiah(a.Pagu), pct(lang, a.Pct), pct(lang, a.Plan), pct(lang, a.Lo), pct(lang, a.Hi), pct(lang, a.Capaian))
}

// pressMonth starts the dialogue for "ang:m:<unit>:<month>"; only the
// previous and the current month may be reported in the chat (older
// months by import).
func (f *Feature) pressMonth(r *bot.Request) error {
	code := strings.ToUpper(r.Args[0])
	if !f.isFinance(r.Staff.NIP, code) {
		return kinerja.Errorf(kinerja.EForbidden, "ang.not_finance_of")
	}
	cur := kinerja.MonthOf(r.Now, r.Loc())
	m, err := kinerja.ParsePeriod(r.Args[1])
	if err != nil || m.Kind != kinerja.Monthly || (m != cur && m != cur.Prev()) {
		return r.Stale()
	}
	r.StartFlow(flow, "pagu", map[string]string{"unit": code, "month": m.String()})
	pagu, err := f.lastPagu(r, code, m)
	if err != nil {
		return err
	}
	var row []bot.Button
	if pagu > 0 {
		r.Session.Data["last"] = strconv.FormatFloat(pagu, 'f', -1, 64)
		row = append(row, buttons.Button(r.T("ang.btn_same", kinerja.FormatRupiah(pagu)), "same"))
	}
	r.Reply(r.T("ang.ask_pagu", bot.MonthLabel(r.Lang, m)), row)
	return r.SaveSession()
}

// lastPagu is the pagu in force for month m: the month's own, else the
// latest before it in the year; 0 when none.
func (f *Feature) lastPagu(r *bot.Request, code string, m kinerja.Period) (float64, error) {
	rows, err := r.Tx.Budgets(r.Ctx, kinerja.BudgetFilter{UnitCode: code, Year: m.Year})
	if err != nil {
		return 0, err
	}
	pagu := 0.0
	for _, b := range rows {
		if b.MonthPeriod().Index <= m.Index && b.Pagu > 0 {
			pagu = b.Pagu
		}
	}
	return pagu, nil
}

// pressSame keeps the pagu in force.
func (f *Feature) pressSame(r *bot.Request) error {
	s := r.Session
	if s == nil || s.Flow != flow || s.Step != "pagu" || s.Data["last"] == "" {
		return r.Stale()
	}
	return f.takePagu(r, s.Data["last"])
}

// typed takes a typed amount at the current step.
func (f *Feature) typed(r *bot.Request) error {
	s := r.Session
	if r.Kind != bot.KindText {
		r.Reply(r.T("ang.type_amount"))
		return nil
	}
	v, ok := kinerja.ParseRupiah(r.Text)
	if !ok {
		r.Reply(r.T("ang.bad_amount", strings.TrimSpace(r.Text)))
		return nil
	}
	switch s.Step {
	case "pagu":
		if v <= 0 {
			r.Reply(r.T("ang.pagu_zero"))
			return nil
		}
		return f.takePagu(r, strconv.FormatFloat(v, 'f', -1, 64))
	case "real":
		s.Data["real"], s.Step = strconv.FormatFloat(v, 'f', -1, 64), "confirm"
		if err := r.SaveSession(); err != nil {
			return err
		}
		return f.confirmCard(r)
	}
	r.Reply(r.T("ang.use_buttons"))
	return nil
}

// takePagu records the pagu and asks for the month's realisasi.
func (f *Feature) takePagu(r *bot.Request, pagu string) error {
	s := r.Session
	s.Data["pagu"], s.Step = pagu, "real"
	m, _ := kinerja.ParsePeriod(s.Data["month"])
	r.Reply(r.T("ang.ask_real", bot.MonthLabel(r.Lang, m)))
	return r.SaveSession()
}

// pending is the month the dialogue holds, as it would be saved.
func (f *Feature) pending(r *bot.Request) *kinerja.Budget {
	d := r.Session.Data
	pagu, _ := strconv.ParseFloat(d["pagu"], 64)
	real, _ := strconv.ParseFloat(d["real"], 64)
	return &kinerja.Budget{UnitCode: d["unit"], Month: d["month"], Pagu: pagu, Realisasi: real,
		Source: kinerja.BudgetReported, ReportedBy: r.Staff.NIP, UpdatedAt: r.Now}
}

// withMonth returns the unit's rows of the year with b in place of its month.
func (f *Feature) withMonth(r *bot.Request, b *kinerja.Budget) ([]*kinerja.Budget, *kinerja.Budget, error) {
	rows, err := r.Tx.Budgets(r.Ctx, kinerja.BudgetFilter{UnitCode: b.UnitCode, Year: b.MonthPeriod().Year})
	if err != nil {
		return nil, nil, err
	}
	var out []*kinerja.Budget
	var old *kinerja.Budget
	for _, x := range rows {
		if x.Month == b.Month {
			old = x
			continue
		}
		out = append(out, x)
	}
	return append(out, b), old, nil
}

// confirmCard shows what will be saved and the absorption it gives.
func (f *Feature) confirmCard(r *bot.Request) error {
	b := f.pending(r)
	rows, old, err := f.withMonth(r, b)
	if err != nil {
		return err
	}
	u, err := r.Tx.Unit(r.Ctx, b.UnitCode)
	if err != nil {
		return err
	}
	m := b.MonthPeriod()
	var sb strings.Builder
	sb.WriteString(r.T("ang.confirm", u.Name, bot.MonthLabel(r.Lang, m), kinerja.FormatRupiah(b.Pagu), kinerja.FormatRupiah(b.Realisasi)))
	if old != nil {
		sb.WriteString("\n" + r.T("ang.replaces", kinerja.FormatRupiah(old.Pagu), kinerja.FormatRupiah(old.Realisasi)))
	}
	if a, ok := f.absorption(rows, m.Index); ok {
		sb.WriteString("\n" + absorptionText(r.Lang, m, a))
		if a.Pct > 100 {
			sb.WriteString("\n" + r.T("ang.over_pagu"))
		}
	}
	r.Reply(sb.String(), []bot.Button{buttons.Button(r.T("ang.btn_save"), "ok"), buttons.Button(r.T("ang.btn_cancel"), "no")})
	return nil
}

// pressSave saves the month, audited, checking again that the sender is
// the unit's finance officer.
func (f *Feature) pressSave(r *bot.Request) error {
	s := r.Session
	if s == nil || s.Flow != flow || s.Step != "confirm" {
		return r.Stale()
	}
	b := f.pending(r)
	if !f.isFinance(r.Staff.NIP, b.UnitCode) {
		if err := r.EndFlow(); err != nil {
			return err
		}
		return kinerja.Errorf(kinerja.EForbidden, "ang.not_finance_of")
	}
	rows, old, err := f.withMonth(r, b)
	if err != nil {
		return err
	}
	changed, err := r.Tx.PutBudget(r.Ctx, b)
	if err != nil {
		return err
	}
	if changed {
		action, before := "budget.create", ""
		if old != nil {
			action, before = "budget.update", old.AuditJSON()
		}
		if err := r.Tx.AppendAudit(r.Ctx, &kinerja.AuditEntry{At: r.Now, ActorNIP: r.Staff.NIP, Action: action,
			Entity: "budget", EntityID: b.String(), Before: before, After: b.AuditJSON()}); err != nil {
			return err
		}
	}
	if err := r.EndFlow(); err != nil {
		return err
	}
	m := b.MonthPeriod()
	text := r.T("ang.saved", bot.MonthLabel(r.Lang, m))
	if a, ok := f.absorption(rows, m.Index); ok {
		text += "\n" + absorptionText(r.Lang, m, a)
	}
	r.ReplyEdit(text)
	return nil
}

// pressCancel ends the dialogue without saving.
func (f *Feature) pressCancel(r *bot.Request) error {
	if err := r.EndFlowIf(flow); err != nil {
		return err
	}
	r.ReplyEdit(r.T("ang.cancelled"))
	return nil
}

// pct writes a percentage with two decimals, a comma in Indonesian.
func pct(lang kinerja.Lang, x float64) string {
	s := strconv.FormatFloat(x, 'f', 2, 64)
	if lang == kinerja.LangEN {
		return s
	}
	return strings.Replace(s, ".", ",", 1)
}
