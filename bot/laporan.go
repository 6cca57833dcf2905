package bot

import (
	"strconv"
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// registerMyReports adds the buttons of /laporan.
func (b *Bot) registerMyReports() {
	b.onCallback("lpn", b.cbMyReport)
}

// reportStatusIcon marks a status in lists.
var reportStatusIcon = map[kinerja.ReportStatus]string{
	kinerja.ReportPending: "⏳", kinerja.ReportApproved: "✅", kinerja.ReportRejected: "❌",
	kinerja.ReportReturned: "↩️", kinerja.ReportWithdrawn: "🚫",
}

// myReportsLimit keeps /laporan within one Telegram message.
const myReportsLimit = 25

// cmdLaporan lists the sender's reports in the months still open, newest
// last, with buttons to edit or withdraw a pending one and to correct a
// returned one.
func (b *Bot) cmdLaporan(r *Request) error {
	months := b.openMonths(r.Now)
	var reps []*kinerja.Report
	for _, m := range months {
		list, err := r.Tx.ListReports(r.Ctx, kinerja.ReportFilter{NIP: r.Staff.NIP, Period: m})
		if err != nil {
			return err
		}
		reps = append(reps, list...)
	}
	if len(reps) == 0 {
		r.Reply(r.T("rpt.my_none", reportMonthName(r.Lang, months[len(months)-1])))
		return nil
	}
	skipped := 0
	if len(reps) > myReportsLimit {
		skipped, reps = len(reps)-myReportsLimit, reps[len(reps)-myReportsLimit:]
	}
	targets := map[int64]*kinerja.Target{}
	var sb strings.Builder
	sb.WriteString(r.T("rpt.my_head", reportMonthName(r.Lang, months[len(months)-1])))
	if skipped > 0 {
		sb.WriteString("\n" + r.T("rpt.my_skipped", skipped))
	}
	var rows [][]Button
	for _, rep := range reps {
		t, err := cachedTarget(r, targets, rep.TargetID)
		if err != nil {
			return err
		}
		sb.WriteString("\n\n" + r.T("rpt.my_line", reportStatusIcon[rep.Status], rep.ID, reportShortDay(rep.WorkDate),
			t.Code, reportNum(r.Lang, rep.Quantity), t.Unit, r.T("rpt.status_"+string(rep.Status))))
		if rep.Reason != "" && (rep.Status == kinerja.ReportRejected || rep.Status == kinerja.ReportReturned) {
			sb.WriteString("\n   " + r.T("rpt.my_reason", reportTrunc(rep.Reason, 200)))
		}
		id := strconv.FormatInt(rep.ID, 10)
		switch rep.Status {
		case kinerja.ReportPending:
			rows = append(rows, []Button{
				{Text: r.T("rpt.btn_edit_n", rep.ID), Data: "lpn:e:" + id},
				{Text: r.T("rpt.btn_withdraw_n", rep.ID), Data: "lpn:w:" + id},
			})
		case kinerja.ReportReturned:
			rows = append(rows, []Button{{Text: r.T("rpt.btn_fix_n", rep.ID), Data: "lpn:e:" + id}})
		}
	}
	r.Reply(sb.String(), rows...)
	return nil
}

// cachedTarget reads a target once per request.
func cachedTarget(r *Request, cache map[int64]*kinerja.Target, id int64) (*kinerja.Target, error) {
	if t, ok := cache[id]; ok {
		return t, nil
	}
	t, err := r.Tx.Target(r.Ctx, id)
	if err != nil {
		return nil, err
	}
	cache[id] = t
	return t, nil
}

// cbMyReport handles "lpn:e:<id>" (edit or correct), "lpn:w:<id>" (ask to
// withdraw), "lpn:y:<id>:<version>" (withdraw) and "lpn:n" (keep). The
// report's owner, status and version are checked on every press.
func (b *Bot) cbMyReport(r *Request) error {
	args := callbackArgs(r.Callback.Data)
	if r.Staff == nil {
		b.refuseWith(r, "core.need_link")
		return nil
	}
	if len(args) == 1 && args[0] == "n" {
		r.ReplyEdit(r.T("rpt.withdraw_kept"))
		return nil
	}
	if len(args) < 2 {
		r.Answer(r.T("core.stale_button"))
		return nil
	}
	id, err := strconv.ParseInt(args[1], 10, 64)
	if err != nil {
		r.Answer(r.T("core.stale_button"))
		return nil
	}
	rep, err := b.editableReport(r, id)
	if err != nil || rep == nil {
		return err
	}
	switch {
	case args[0] == "e" && len(args) == 2:
		return b.startEdit(r, rep)
	case args[0] == "w" && len(args) == 2:
		r.Reply(r.T("rpt.withdraw_ask", rep.ID), []Button{
			{Text: r.T("rpt.btn_withdraw_yes"), Data: "lpn:y:" + args[1] + ":" + strconv.Itoa(rep.Version)},
			{Text: r.T("rpt.btn_withdraw_no"), Data: "lpn:n"},
		})
		return nil
	case args[0] == "y" && len(args) == 3:
		if args[2] != strconv.Itoa(rep.Version) {
			b.refuseWith(r, "rpt.changed_meanwhile", rep.ID)
			return nil
		}
		return b.withdraw(r, rep)
	}
	r.Answer(r.T("core.stale_button"))
	return nil
}

// startEdit opens the /lapor dialogue on an existing report, at its preview.
func (b *Bot) startEdit(r *Request, rep *kinerja.Report) error {
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
	return b.lpNext(r)
}

// withdraw marks a report withdrawn and tells the assessor.
func (b *Bot) withdraw(r *Request, rep *kinerja.Report) error {
	before := rep.AuditJSON()
	rep.Status, rep.UpdatedAt = kinerja.ReportWithdrawn, r.Now
	if err := r.Tx.UpdateReport(r.Ctx, rep); err != nil {
		return err
	}
	if err := r.auditReport(auditReportWithdraw, before, rep); err != nil {
		return err
	}
	r.ReplyEdit(r.T("rpt.withdrawn", rep.ID))
	r.Answer(r.T("rpt.withdrawn_short"))
	if boss, err := r.Tx.Staff(r.Ctx, rep.AssessorNIP); err == nil && boss.Linked() {
		lang := b.langOf(r.Ctx, r.Tx, boss.TelegramID)
		r.Send(OutMessage{ChatID: boss.TelegramID, Text: T(lang, "rpt.withdrawn_notice", rep.ID, r.Staff.Name)})
	}
	return nil
}
