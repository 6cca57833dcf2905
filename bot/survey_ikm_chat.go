package bot

import (
	"strconv"
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

// /ikm: a unit's IKM for this month and the previous three, for admins
// (every unit) and unit heads (their unit); per-officer aggregates for
// assessors (their staff, only at or above the anonymity threshold).

// registerIKM adds /ikm and its buttons.
func (b *Bot) registerIKM() {
	b.Command(CommandSpec{Name: "ikm", Roles: []kinerja.Role{kinerja.RoleAdmin, kinerja.RoleAssessor},
		Help: "svy.cmd_ikm", Example: "svy.ex_ikm", Handle: b.cmdIKM})
	b.onCallback("ikm", b.cbIKM)
}

// ikmMonths is how many months /ikm shows: this one and the three before.
const ikmMonths = 4

// ikmUnits returns the units whose IKM the sender may see: all for an
// admin, those they head otherwise.
func (b *Bot) ikmUnits(r *Request) ([]*kinerja.Unit, error) {
	if r.Staff == nil {
		return nil, nil
	}
	units, err := r.Tx.ListUnits(r.Ctx)
	if err != nil || r.IsAdmin() {
		return units, err
	}
	var own []*kinerja.Unit
	for _, u := range units {
		if u.HeadNIP == r.Staff.NIP {
			own = append(own, u)
		}
	}
	return own, nil
}

// cmdIKM shows the one unit the sender heads, or a unit picker.
func (b *Bot) cmdIKM(r *Request) error {
	units, err := b.ikmUnits(r)
	if err != nil {
		return err
	}
	switch {
	case len(units) == 0 && !r.IsAssessor():
		r.Reply(r.T("svy.ikm_nothing"))
	case len(units) == 0:
		text, buttons, err := b.officerReport(r)
		if err != nil {
			return err
		}
		r.Reply(text, buttons...)
	case len(units) == 1 && !r.IsAdmin():
		text, buttons, err := b.unitReport(r, units[0], false)
		if err != nil {
			return err
		}
		r.Reply(text, buttons...)
	default:
		r.Reply(r.T("svy.ikm_choose_unit"), b.ikmPicker(r, units, 0)...)
	}
	return nil
}

// ikmPicker is the unit picker with, for an assessor, the officer button.
func (b *Bot) ikmPicker(r *Request, units []*kinerja.Unit, page int) [][]Button {
	rows := unitButtons(r, units, "ikm", page)
	if r.IsAssessor() {
		rows = append(rows, []Button{{Text: r.T("svy.ikm_officers_btn"), Data: "ikm:o"}})
	}
	return rows
}

// cbIKM handles "ikm:u:<code>", "ikm:o" and "ikm:pg:<page>". Permission is
// checked again on every press.
func (b *Bot) cbIKM(r *Request) error {
	args := callbackArgs(r.Callback.Data)
	if len(args) == 0 || r.Staff == nil {
		r.Answer(r.T("core.stale_button"))
		return nil
	}
	units, err := b.ikmUnits(r)
	if err != nil {
		return err
	}
	switch {
	case args[0] == "u" && len(args) == 2:
		for _, u := range units {
			if u.Code == args[1] {
				text, buttons, err := b.unitReport(r, u, len(units) > 1)
				if err != nil {
					return err
				}
				r.ReplyEdit(text, buttons...)
				return nil
			}
		}
	case args[0] == "o" && len(args) == 1 && r.IsAssessor():
		text, buttons, err := b.officerReport(r)
		if err != nil {
			return err
		}
		if len(units) > 0 {
			buttons = append(buttons, []Button{{Text: r.T("svy.ikm_units_btn"), Data: "ikm:pg:0"}})
		}
		r.ReplyEdit(text, buttons...)
		return nil
	case args[0] == "pg" && len(args) == 2 && len(units) > 0:
		page, err := strconv.Atoi(args[1])
		if err == nil && page >= 0 {
			r.ReplyEdit(r.T("svy.ikm_choose_unit"), b.ikmPicker(r, units, page)...)
			return nil
		}
	}
	r.Answer(r.T("core.stale_button"))
	return nil
}

// unitReport renders a unit's IKM for this month and the previous three,
// with the per-unsur breakdown and the weakest unsur of the latest month
// that has responses.
func (b *Bot) unitReport(r *Request, u *kinerja.Unit, backToList bool) (string, [][]Button, error) {
	var sb strings.Builder
	sb.WriteString(r.T("svy.ikm_head", u.Name, u.Code))
	p := kinerja.MonthOf(r.Now, r.Loc())
	var latest *UnitIKM
	for range ikmMonths {
		ui, err := b.unitIKM(r.Ctx, r.Tx, u, p)
		if err != nil {
			return "", nil, err
		}
		sb.WriteString("\n")
		if ui.Result.Respondents == 0 {
			sb.WriteString(r.T("svy.ikm_month_none", monthLabel(r.Lang, p)))
		} else {
			sb.WriteString(r.T("svy.ikm_month", monthLabel(r.Lang, p), decimal(r.Lang, ikmString(ui.Result)),
				string(ui.Result.Mutu), kinerjaLabel(r.Lang, ui.Result.Mutu), ui.Result.Respondents))
			if ui.Provisional {
				sb.WriteString(r.T("svy.ikm_provisional", ui.SampleNeeded))
			}
			if latest == nil {
				latest = &ui
			}
		}
		p = p.Prev()
	}
	if latest == nil {
		sb.WriteString("\n" + r.T("svy.ikm_no_data"))
	} else {
		res := latest.Result
		sb.WriteString("\n" + r.T("svy.ikm_breakdown", monthLabel(r.Lang, latest.Period)))
		for i := range scoring.NumUnsur {
			if v := nrrString(res, i, 2); v != "" {
				sb.WriteString("\n" + r.T("svy.ikm_unsur", scoring.Unsur[i].Code, unsurName(r.Lang, i), decimal(r.Lang, v)))
			}
		}
		if w := res.Weakest(); w >= 0 && !allEqual(res) {
			sb.WriteString("\n" + r.T("svy.ikm_weakest", scoring.Unsur[w].Code, unsurName(r.Lang, w), decimal(r.Lang, nrrString(res, w, 2))))
		}
	}
	var buttons [][]Button
	if r.IsAssessor() {
		buttons = append(buttons, []Button{{Text: r.T("svy.ikm_officers_btn"), Data: "ikm:o"}})
	}
	if backToList {
		buttons = append(buttons, []Button{{Text: r.T("svy.ikm_units_btn"), Data: "ikm:pg:0"}})
	}
	return sb.String(), buttons, nil
}

// officerReport lists the sender's staff with their aggregate survey
// result for this month and the last, only where the threshold is met.
func (b *Bot) officerReport(r *Request) (string, [][]Button, error) {
	subs, err := r.Tx.ListStaff(r.Ctx, kinerja.StaffFilter{SuperiorNIP: r.Staff.NIP})
	if err != nil {
		return "", nil, err
	}
	if len(subs) == 0 {
		return r.T("svy.ikm_no_officers"), nil, nil
	}
	var sb strings.Builder
	sb.WriteString(r.T("svy.ikm_officers_head", b.cfg.Survey.OfficerMinResponses))
	cur := kinerja.MonthOf(r.Now, r.Loc())
	for _, s := range subs {
		for _, p := range []kinerja.Period{cur, cur.Prev()} {
			res, ok, err := b.OfficerSurvey(r.Ctx, r.Tx, s.NIP, p)
			if err != nil {
				return "", nil, err
			}
			line := r.T("svy.ikm_officer_few", s.Name, monthLabel(r.Lang, p))
			if ok {
				line = r.T("svy.ikm_officer_line", s.Name, monthLabel(r.Lang, p), decimal(r.Lang, ikmString(res)),
					string(res.Mutu), kinerjaLabel(r.Lang, res.Mutu), res.Respondents)
			}
			// Stay under Telegram's 4,096 characters with many staff.
			if sb.Len()+len(line) > 3900 {
				sb.WriteString("\n…")
				return sb.String(), nil, nil
			}
			sb.WriteString("\n" + line)
		}
	}
	return sb.String(), nil, nil
}

// unitButtons lists units as buttons "<prefix>:u:<code>", two per row,
// twenty per page, with page buttons "<prefix>:pg:<n>".
func unitButtons(r *Request, units []*kinerja.Unit, prefix string, page int) [][]Button {
	const perPage = 20
	if page*perPage >= len(units) {
		page = 0
	}
	end := min(len(units), (page+1)*perPage)
	var rows [][]Button
	for i := page * perPage; i < end; i += 2 {
		row := []Button{{Text: units[i].Name, Data: prefix + ":u:" + units[i].Code}}
		if i+1 < end {
			row = append(row, Button{Text: units[i+1].Name, Data: prefix + ":u:" + units[i+1].Code})
		}
		rows = append(rows, row)
	}
	var nav []Button
	if page > 0 {
		nav = append(nav, Button{Text: r.T("svy.page_prev"), Data: prefix + ":pg:" + strconv.Itoa(page-1)})
	}
	if end < len(units) {
		nav = append(nav, Button{Text: r.T("svy.page_next"), Data: prefix + ":pg:" + strconv.Itoa(page+1)})
	}
	if len(nav) > 0 {
		rows = append(rows, nav)
	}
	return rows
}

// allEqual reports whether every answered unsur has the same NRR, when no
// unsur is weakest and naming one would mislead.
func allEqual(res scoring.IKMResult) bool {
	first := -1
	for i := range scoring.NumUnsur {
		if res.Answered[i] <= 0 {
			continue
		}
		if first < 0 {
			first = i
		} else if int64(res.Sums[i])*int64(res.Answered[first]) != int64(res.Sums[first])*int64(res.Answered[i]) {
			return false
		}
	}
	return true
}

// ikmString formats an IKM with its two decimals.
func ikmString(res scoring.IKMResult) string { return strconv.FormatFloat(res.IKM, 'f', 2, 64) }

// decimal writes a decimal number the way the reader expects: a comma in
// Indonesian (as the regulation prints "88,31"), a point in English.
func decimal(lang kinerja.Lang, s string) string {
	if lang == kinerja.LangEN {
		return s
	}
	return strings.Replace(s, ".", ",", 1)
}

// kinerjaLabel names a grade's unit performance in lang.
func kinerjaLabel(lang kinerja.Lang, m scoring.Mutu) string {
	if lang == kinerja.LangEN {
		return m.KinerjaEN()
	}
	return m.Kinerja()
}

// unsurName names unsur i in lang.
func unsurName(lang kinerja.Lang, i int) string {
	if lang == kinerja.LangEN {
		return scoring.Unsur[i].NameEN
	}
	return scoring.Unsur[i].Name
}
