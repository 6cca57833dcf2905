package bot

import (
	"strconv"
	"time"
	"unicode/utf8"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// Audit actions on reports. The evaluation feature appends its own.
const (
	auditReportCreate   = "report.create"
	auditReportEdit     = "report.edit"
	auditReportResubmit = "report.resubmit"
	auditReportWithdraw = "report.withdraw"
	auditReportApprove  = "report.approve"
	auditReportReject   = "report.reject"
	auditReportReturn   = "report.return"
	auditEvidenceHash   = "evidence.hash"
)

// auditReport appends an audit entry for a report change, in the request's
// transaction: the change and its record commit or roll back together.
func (r *Request) auditReport(action, before string, rep *kinerja.Report) error {
	actor := ""
	if r.Staff != nil {
		actor = r.Staff.NIP
	}
	return r.Tx.AppendAudit(r.Ctx, &kinerja.AuditEntry{At: r.Now, ActorNIP: actor, Action: action,
		Entity: "report", EntityID: strconv.FormatInt(rep.ID, 10), Before: before, After: rep.AuditJSON()})
}

// lpSubmit saves the report (new, edited or corrected) after checking every
// answer again on the server, and queues the assessor's notification.
func (b *Bot) lpSubmit(r *Request) error {
	d := r.Session.Data
	t, err := b.lpCurrentTarget(r)
	if err != nil {
		return err
	}
	q, qkey := parseQuantity(d["qty"])
	day, dok := parseWorkDate(d["date"], r.Today())
	desc := d["desc"]
	if t == nil || qkey != "" || q > b.quantityBound(t) || !dok || desc == "" ||
		utf8.RuneCountInString(desc) > maxDescription {
		return b.lpNext(r) // asks for whatever is no longer valid
	}
	if key, _ := b.dayProblem(t, day, r.Now); key != "" {
		return b.lpNext(r)
	}
	assessor, err := r.Tx.SuperiorAt(r.Ctx, r.Staff.NIP, r.Now)
	if err != nil {
		return err
	}
	if assessor == "" {
		r.Answer(r.T("rpt.no_assessor_short"))
		r.Reply(r.T("rpt.no_assessor"))
		return nil
	}
	ev := lpEvidence(d)
	var rep *kinerja.Report
	action, before := auditReportCreate, ""
	if d["rid"] == "" {
		rep = &kinerja.Report{NIP: r.Staff.NIP, Status: kinerja.ReportPending, CreatedAt: r.Now, Evidence: ev}
	} else {
		id, _ := strconv.ParseInt(d["rid"], 10, 64)
		if rep, err = b.editableReport(r, id); err != nil || rep == nil {
			return errOr(err, r.EndFlow())
		}
		if strconv.Itoa(rep.Version) != d["ver"] {
			r.Reply(r.T("rpt.changed_meanwhile", rep.ID))
			return r.EndFlow()
		}
		before, action = rep.AuditJSON(), auditReportEdit
		if rep.Status == kinerja.ReportReturned {
			action = auditReportResubmit
		}
	}
	rep.TargetID, rep.WorkDate, rep.Quantity, rep.Description = t.ID, day.Format(time.DateOnly), q, desc
	rep.Status, rep.AssessorNIP, rep.UpdatedAt = kinerja.ReportPending, assessor, r.Now
	rep.DecidedBy, rep.DecidedAt, rep.DecidedAsDelegate, rep.Reason = "", time.Time{}, false, ""
	if rep.ID == 0 {
		err = r.Tx.CreateReport(r.Ctx, rep)
	} else {
		err = r.Tx.UpdateReport(r.Ctx, rep)
		if err == nil {
			err = r.Tx.SetEvidence(r.Ctx, rep.ID, ev)
			rep.Evidence = ev
		}
	}
	if err != nil {
		return err
	}
	if err := r.auditReport(action, before, rep); err != nil {
		return err
	}
	if err := r.EndFlow(); err != nil {
		return err
	}
	boss, err := r.Tx.Staff(r.Ctx, assessor)
	if err != nil {
		return err
	}
	text := r.T("rpt.sent", rep.ID, boss.Name)
	if !boss.Linked() {
		text += "\n" + r.T("rpt.assessor_unlinked")
	}
	lpSay(r, text)
	r.Answer(r.T("rpt.sent_short"))
	r.After(b.afterSubmit(rep.ID, action))
	return nil
}

// editableReport loads a report the sender may still change: their own,
// pending or returned, in a month that is not locked. Otherwise it tells
// the user why and returns nil.
func (b *Bot) editableReport(r *Request, id int64) (*kinerja.Report, error) {
	rep, err := r.Tx.Report(r.Ctx, id)
	switch {
	case kinerja.ErrorCode(err) == kinerja.ENotFound:
		b.refuseWith(r, "rpt.report_not_found")
		return nil, nil
	case err != nil:
		return nil, err
	case rep.NIP != r.Staff.NIP:
		b.refuseWith(r, "rpt.not_your_report")
		return nil, nil
	case rep.Status != kinerja.ReportPending && rep.Status != kinerja.ReportReturned:
		b.refuseWith(r, "rpt.not_editable", rep.ID, r.T("rpt.status_"+string(rep.Status)))
		return nil, nil
	}
	if p, err := kinerja.ParsePeriod(rep.Period()); err == nil && b.monthLocked(p, r.Now) {
		b.refuseWith(r, "rpt.date_locked", p.String())
		return nil, nil
	}
	return rep, nil
}

// refuseWith answers a refused press (or message) with a toast and a message.
func (b *Bot) refuseWith(r *Request, key string, args ...any) {
	text := r.T(key, args...)
	if r.Callback != nil {
		r.Answer(text)
	}
	r.Reply(text)
}
