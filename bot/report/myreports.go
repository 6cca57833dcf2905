package report

import (
	"strconv"
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// /laporan: a staff member's reports in the months still open, with
// buttons to edit or withdraw a pending one and to correct a returned one.
// The report's owner, status and version are checked on every press.

// registerMyReports adds the buttons of /laporan.
func (f *Feature) registerMyReports(b *bot.Bot) {
	staff := []kinerja.Role{kinerja.RoleStaff}
	b.Button(bot.ButtonSpec{Buttons: myButtons, Action: "e", Args: 1, Roles: staff, Handle: f.cbEditReport})
	b.Button(bot.ButtonSpec{Buttons: myButtons, Action: "w", Args: 1, Roles: staff, Handle: f.cbAskWithdraw})
	b.Button(bot.ButtonSpec{Buttons: myButtons, Action: "y", Args: 2, Roles: staff, Handle: f.cbWithdraw})
	b.Button(bot.ButtonSpec{Buttons: myButtons, Action: "n", Roles: staff, Handle: func(r *bot.Request) error {
		r.ReplyEdit(r.T("rpt.withdraw_kept"))
		return nil
	}})
}

// reportStatusIcon marks a status in lists.
var reportStatusIcon = map[kinerja.ReportStatus]string{
	kinerja.ReportPending: "⏳", kinerja.ReportApproved: "✅", kinerja.ReportRejected: "❌",
	kinerja.ReportReturned: "↩️", kinerja.ReportWithdrawn: "🚫",
}

// myReportsLimit keeps /laporan within one Telegram message.
const myReportsLimit = 25

// cmdLaporan lists the sender's reports in the months still open, newest
// last.
func (f *Feature) cmdLaporan(r *bot.Request) error {
	months := f.openMonths(r.Now)
	var reps []*kinerja.Report
	for _, m := range months {
		list, err := r.Tx.ListReports(r.Ctx, kinerja.ReportFilter{NIP: r.Staff.NIP, Period: m})
		if err != nil {
			return err
		}
		reps = append(reps, list...)
	}
	if len(reps) == 0 {
		r.Reply(r.T("rpt.my_none", bot.MonthLabel(r.Lang, months[len(months)-1])))
		return nil
	}
	skipped := 0
	if len(reps) > myReportsLimit {
		skipped, reps = len(reps)-myReportsLimit, reps[len(reps)-myReportsLimit:]
	}
	targets := map[int64]*kinerja.Target{}
	var sb strings.Builder
	sb.WriteString(r.T("rpt.my_head", bot.MonthLabel(r.Lang, months[len(months)-1])))
	if skipped > 0 {
		sb.WriteString("\n" + r.T("rpt.my_skipped", skipped))
	}
	var rows [][]bot.Button
	for _, rep := range reps {
		t, err := cachedTarget(r.Ctx, r.Tx, targets, rep.TargetID)
		if err != nil {
			return err
		}
		sb.WriteString("\n\n" + r.T("rpt.my_line", reportStatusIcon[rep.Status], rep.ID, reportShortDay(rep.WorkDate),
			t.Code, reportNum(r.Lang, rep.Quantity), t.Unit, r.T("rpt.status_"+string(rep.Status))))
		if rep.Reason != "" && (rep.Status == kinerja.ReportRejected || rep.Status == kinerja.ReportReturned) {
			sb.WriteString("\n   " + r.T("rpt.my_reason", reportTrunc(rep.Reason, 200)))
		}
		switch rep.Status {
		case kinerja.ReportPending:
			rows = append(rows, []bot.Button{
				myButtons.Button(r.T("rpt.btn_edit_n", rep.ID), "e", rep.ID),
				myButtons.Button(r.T("rpt.btn_withdraw_n", rep.ID), "w", rep.ID),
			})
		case kinerja.ReportReturned:
			rows = append(rows, []bot.Button{myButtons.Button(r.T("rpt.btn_fix_n", rep.ID), "e", rep.ID)})
		}
	}
	r.Reply(sb.String(), rows...)
	return nil
}

// pressedReport loads the report a /laporan button names, if the sender
// may still change it; nil when the press is stale or refused (answered).
func (f *Feature) pressedReport(r *bot.Request) (*kinerja.Report, error) {
	id, ok := r.ArgInt(0)
	if !ok {
		return nil, r.Stale()
	}
	return f.editableReport(r, id)
}

// cbEditReport opens the /lapor dialogue on a pending or returned report.
func (f *Feature) cbEditReport(r *bot.Request) error {
	rep, err := f.pressedReport(r)
	if err != nil || rep == nil {
		return err
	}
	return f.startEdit(r, rep)
}

// cbAskWithdraw asks to confirm a withdrawal; the confirmation carries
// the version, so a report changed meanwhile is not withdrawn blindly.
func (f *Feature) cbAskWithdraw(r *bot.Request) error {
	rep, err := f.pressedReport(r)
	if err != nil || rep == nil {
		return err
	}
	r.Reply(r.T("rpt.withdraw_ask", rep.ID), []bot.Button{
		myButtons.Button(r.T("rpt.btn_withdraw_yes"), "y", rep.ID, rep.Version),
		myButtons.Button(r.T("rpt.btn_withdraw_no"), "n"),
	})
	return nil
}

// cbWithdraw withdraws the report at the confirmed version.
func (f *Feature) cbWithdraw(r *bot.Request) error {
	rep, err := f.pressedReport(r)
	if err != nil || rep == nil {
		return err
	}
	if r.Args[1] != strconv.Itoa(rep.Version) {
		refuseWith(r, "rpt.changed_meanwhile", rep.ID)
		return nil
	}
	return f.withdraw(r, rep)
}

// editableReport loads a report the sender may still change: their own,
// pending or returned, in a month that is not locked. Otherwise it tells
// the user why and returns nil.
func (f *Feature) editableReport(r *bot.Request, id int64) (*kinerja.Report, error) {
	rep, err := r.Tx.Report(r.Ctx, id)
	switch {
	case kinerja.ErrorCode(err) == kinerja.ENotFound:
		refuseWith(r, "rpt.report_not_found")
		return nil, nil
	case err != nil:
		return nil, err
	case rep.NIP != r.Staff.NIP:
		refuseWith(r, "rpt.not_your_report")
		return nil, nil
	case rep.Status != kinerja.ReportPending && rep.Status != kinerja.ReportReturned:
		refuseWith(r, "rpt.not_editable", rep.ID, r.T("rpt.status_"+string(rep.Status)))
		return nil, nil
	}
	if p, err := kinerja.ParsePeriod(rep.Period()); err == nil && f.MonthLocked(p, r.Now) {
		refuseWith(r, "rpt.date_locked", p.String())
		return nil, nil
	}
	return rep, nil
}

// startEdit opens the /lapor dialogue on an existing report, at its preview.
func (f *Feature) startEdit(r *bot.Request, rep *kinerja.Report) error {
	d := map[string]string{
		"rid": strconv.FormatInt(rep.ID, 10), "ver": strconv.Itoa(rep.Version),
		"tid": strconv.FormatInt(rep.TargetID, 10), "qty": strconv.FormatFloat(rep.Quantity, 'f', -1, 64),
		"date": rep.WorkDate, "desc": rep.Description, "evdone": "1",
	}
	if rep.Status == kinerja.ReportReturned {
		d["reason"] = rep.Reason
	}
	lpSetEvidence(d, rep.Evidence)
	r.StartFlow(flowLapor, stepPreview, d)
	return f.lpNext(r)
}

// withdraw marks a report withdrawn and tells the assessor.
func (f *Feature) withdraw(r *bot.Request, rep *kinerja.Report) error {
	before := rep.AuditJSON()
	rep.Status, rep.UpdatedAt = kinerja.ReportWithdrawn, r.Now
	if err := r.Tx.UpdateReport(r.Ctx, rep); err != nil {
		return err
	}
	if err := auditReport(r, auditReportWithdraw, before, rep); err != nil {
		return err
	}
	r.ReplyEdit(r.T("rpt.withdrawn", rep.ID))
	r.Answer(r.T("rpt.withdrawn_short"))
	if boss, err := r.Tx.Staff(r.Ctx, rep.AssessorNIP); err == nil && boss.Linked() {
		lang := f.langOf(r.Ctx, r.Tx, boss.TelegramID)
		r.Send(bot.OutMessage{ChatID: boss.TelegramID, Text: bot.T(lang, "rpt.withdrawn_notice", rep.ID, r.Staff.Name)})
	}
	return nil
}
