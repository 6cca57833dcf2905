package survey

import (
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

// /ikm: a unit's IKM for this month and the previous three, for admins
// (every unit) and unit heads (their unit); per-officer aggregates for
// assessors (their staff, only at or above the anonymity threshold).

// registerIKM adds /ikm and its buttons. Permission is checked again on
// every press, by the handlers (a unit head sees only their unit).
func (f *Feature) registerIKM(b *bot.Bot) {
	b.Command(bot.CommandSpec{Name: "ikm", Roles: []kinerja.Role{kinerja.RoleAdmin, kinerja.RoleAssessor},
		Help: "svy.cmd_ikm", Example: "svy.ex_ikm", Handle: f.cmdIKM})
	b.Button(bot.ButtonSpec{Buttons: ikmButtons, Action: "u", Args: 1, Handle: f.pressIKMUnit})
	b.Button(bot.ButtonSpec{Buttons: ikmButtons, Action: "o", Args: 0, Handle: f.pressIKMOfficers})
	b.Button(bot.ButtonSpec{Buttons: ikmButtons, Action: "pg", Args: 1, Handle: f.pressIKMPage})
	b.Button(bot.ButtonSpec{Buttons: ikmButtons, Action: "rv", Args: 1, Roles: []kinerja.Role{kinerja.RoleAdmin},
		Handle: f.pressReviewFlag})
}

// ikmMonths is how many months /ikm shows: this one and the three before.
const ikmMonths = 4

// ikmUnits returns the units whose IKM the sender may see: all for an
// admin, those they head otherwise.
func ikmUnits(r *bot.Request) ([]*kinerja.Unit, error) {
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
func (f *Feature) cmdIKM(r *bot.Request) error {
	units, err := ikmUnits(r)
	if err != nil {
		return err
	}
	switch {
	case len(units) == 0 && !r.IsAssessor():
		r.Reply(r.T("svy.ikm_nothing"))
	case len(units) == 0:
		text, buttons, err := f.officerReport(r)
		if err != nil {
			return err
		}
		r.Reply(text, buttons...)
	case len(units) == 1 && !r.IsAdmin():
		text, buttons, err := f.unitReport(r, units[0], false)
		if err != nil {
			return err
		}
		r.Reply(text, buttons...)
	default:
		r.Reply(r.T("svy.ikm_choose_unit"), ikmPicker(r, units, 0)...)
	}
	return nil
}

// ikmPicker is the unit picker with, for an assessor, the officer button.
func ikmPicker(r *bot.Request, units []*kinerja.Unit, page int) [][]bot.Button {
	rows := unitButtons(r, units, ikmButtons, page)
	if r.IsAssessor() {
		rows = append(rows, []bot.Button{ikmButtons.Button(r.T("svy.ikm_officers_btn"), "o")})
	}
	return rows
}

// pressIKMUnit handles "ikm:u:<code>": a unit the sender may see.
func (f *Feature) pressIKMUnit(r *bot.Request) error {
	units, err := ikmUnits(r)
	if err != nil {
		return err
	}
	for _, u := range units {
		if u.Code == r.Args[0] {
			text, buttons, err := f.unitReport(r, u, len(units) > 1)
			if err != nil {
				return err
			}
			r.ReplyEdit(text, buttons...)
			return nil
		}
	}
	return r.Stale()
}

// pressIKMOfficers handles "ikm:o": an assessor's per-officer results.
func (f *Feature) pressIKMOfficers(r *bot.Request) error {
	if r.Staff == nil || !r.IsAssessor() {
		return r.Stale()
	}
	units, err := ikmUnits(r)
	if err != nil {
		return err
	}
	text, buttons, err := f.officerReport(r)
	if err != nil {
		return err
	}
	if len(units) > 0 {
		buttons = append(buttons, []bot.Button{ikmButtons.Button(r.T("svy.ikm_units_btn"), "pg", 0)})
	}
	r.ReplyEdit(text, buttons...)
	return nil
}

// pressIKMPage handles "ikm:pg:<page>": another page of the unit picker.
func (f *Feature) pressIKMPage(r *bot.Request) error {
	units, err := ikmUnits(r)
	if err != nil {
		return err
	}
	page, ok := r.ArgInt(0)
	if !ok || page < 0 || len(units) == 0 {
		return r.Stale()
	}
	r.ReplyEdit(r.T("svy.ikm_choose_unit"), ikmPicker(r, units, int(page))...)
	return nil
}

// unitReport renders a unit's IKM for this month and the previous three,
// with the per-unsur breakdown and the weakest unsur of the latest month
// that has responses.
func (f *Feature) unitReport(r *bot.Request, u *kinerja.Unit, backToList bool) (string, [][]bot.Button, error) {
	var sb strings.Builder
	sb.WriteString(r.T("svy.ikm_head", u.Name, u.Code))
	p := kinerja.MonthOf(r.Now, r.Loc())
	var latest *UnitIndex
	for range ikmMonths {
		ui, err := f.UnitIndex(r.Ctx, r.Tx, u, p)
		if err != nil {
			return "", nil, err
		}
		sb.WriteString("\n")
		if ui.Result.Respondents == 0 {
			sb.WriteString(r.T("svy.ikm_month_none", bot.MonthLabel(r.Lang, p)))
		} else {
			sb.WriteString(r.T("svy.ikm_month", bot.MonthLabel(r.Lang, p), Decimal(r.Lang, IKMString(ui.Result)),
				string(ui.Result.Mutu), KinerjaLabel(r.Lang, ui.Result.Mutu), ui.Result.Respondents))
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
		sb.WriteString("\n" + r.T("svy.ikm_breakdown", bot.MonthLabel(r.Lang, latest.Period)))
		for i, un := range f.q.Unsur {
			if v := nrrString(res, i, 2); v != "" {
				sb.WriteString("\n" + r.T("svy.ikm_unsur", un.Code, un.Name.In(r.Lang), Decimal(r.Lang, v)))
			}
		}
		if w := res.Weakest(); w >= 0 && !allEqual(res) {
			un := f.q.Unsur[w]
			sb.WriteString("\n" + r.T("svy.ikm_weakest", un.Code, un.Name.In(r.Lang), Decimal(r.Lang, nrrString(res, w, 2))))
		}
		if err := f.serviceLines(r, &sb, u, latest.Period); err != nil {
			return "", nil, err
		}
	}
	buttons, err := f.flagLines(r, &sb, u, p.Next(), kinerja.MonthOf(r.Now, r.Loc()))
	if err != nil {
		return "", nil, err
	}
	if r.IsAssessor() {
		buttons = append(buttons, []bot.Button{ikmButtons.Button(r.T("svy.ikm_officers_btn"), "o")})
	}
	if backToList {
		buttons = append(buttons, []bot.Button{ikmButtons.Button(r.T("svy.ikm_units_btn"), "pg", 0)})
	}
	return sb.String(), buttons, nil
}

// officerReport lists the sender's staff with their aggregate survey
// result for this month and the last, only where the threshold is met.
func (f *Feature) officerReport(r *bot.Request) (string, [][]bot.Button, error) {
	subs, err := r.Tx.ListStaff(r.Ctx, kinerja.StaffFilter{SuperiorNIP: r.Staff.NIP})
	if err != nil {
		return "", nil, err
	}
	if len(subs) == 0 {
		return r.T("svy.ikm_no_officers"), nil, nil
	}
	var sb strings.Builder
	sb.WriteString(r.T("svy.ikm_officers_head", f.cfg.OfficerMinResponses))
	sb.WriteString("\n" + r.T("svy.ikm_officers_step", f.cfg.OfficerMinResponses))
	cur := kinerja.MonthOf(r.Now, r.Loc())
	for _, s := range subs {
		for _, p := range []kinerja.Period{cur, cur.Prev()} {
			res, ok, err := f.OfficerSurvey(r.Ctx, r.Tx, s.NIP, p)
			if err != nil {
				return "", nil, err
			}
			line := r.T("svy.ikm_officer_few", s.Name, bot.MonthLabel(r.Lang, p))
			if ok {
				line = r.T("svy.ikm_officer_line", s.Name, bot.MonthLabel(r.Lang, p), Decimal(r.Lang, IKMString(res)),
					string(res.Mutu), KinerjaLabel(r.Lang, res.Mutu), res.Respondents)
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
func unitButtons(r *bot.Request, units []*kinerja.Unit, k bot.Buttons, page int) [][]bot.Button {
	const perPage = 20
	if page*perPage >= len(units) {
		page = 0
	}
	end := min(len(units), (page+1)*perPage)
	var rows [][]bot.Button
	for i := page * perPage; i < end; i += 2 {
		row := []bot.Button{k.Button(units[i].Name, "u", units[i].Code)}
		if i+1 < end {
			row = append(row, k.Button(units[i+1].Name, "u", units[i+1].Code))
		}
		rows = append(rows, row)
	}
	var nav []bot.Button
	if page > 0 {
		nav = append(nav, k.Button(r.T("svy.page_prev"), "pg", page-1))
	}
	if end < len(units) {
		nav = append(nav, k.Button(r.T("svy.page_next"), "pg", page+1))
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
	for i := range res.Answered {
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

// serviceLines adds, under a unit's IKM, the IKM of each of its services
// in period p, when its responses came through links naming a service.
func (f *Feature) serviceLines(r *bot.Request, sb *strings.Builder, u *kinerja.Unit, p kinerja.Period) error {
	results, err := f.ServiceResults(r.Ctx, r.Tx, u.Code, p)
	if err != nil {
		return err
	}
	services, err := f.Services(r.Ctx, r.Tx, u.Code)
	if err != nil {
		return err
	}
	head := false
	for _, sr := range results {
		if sr.ServiceCode == "" {
			continue
		}
		if !head {
			sb.WriteString("\n" + r.T("svy.ikm_services_head", bot.MonthLabel(r.Lang, p)))
			head = true
		}
		sb.WriteString("\n" + r.T("svy.ikm_service_line", serviceName(services, u.Code, sr.ServiceCode),
			Decimal(r.Lang, IKMString(sr.Result)), string(sr.Result.Mutu), sr.Result.Respondents))
	}
	return nil
}
