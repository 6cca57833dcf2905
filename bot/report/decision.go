package report

import (
	"context"
	"strconv"
	"strings"
	"unicode/utf8"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// Decisions on a report: the assessor (or an admin, recorded as delegate)
// approves with one press, or rejects or returns it with a typed reason.
// The buttons carry the report's version, so a press on a message about an
// older version is refused; nothing in the data is trusted.

// registerDecisions adds the decision buttons and the reason dialogue.
func (f *Feature) registerDecisions(b *bot.Bot) {
	staff := []kinerja.Role{kinerja.RoleStaff}
	b.Button(bot.ButtonSpec{Buttons: rptButtons, Action: "a", Args: 2, Roles: staff, Handle: f.cbApprove})
	b.Button(bot.ButtonSpec{Buttons: rptButtons, Action: "r", Args: 2, Roles: staff, Handle: f.cbAskReason("r")})
	b.Button(bot.ButtonSpec{Buttons: rptButtons, Action: "k", Args: 2, Roles: staff, Handle: f.cbAskReason("k")})
	// The evidence and the whole report have checks of their own: the
	// author may see their evidence too.
	b.Button(bot.ButtonSpec{Buttons: rptButtons, Action: "f", Args: 2, Handle: f.cbShow(f.showEvidence)})
	b.Button(bot.ButtonSpec{Buttons: rptButtons, Action: "v", Args: 2, Handle: f.cbShow(f.showReport)})
	b.Flow(bot.FlowSpec{Name: flowReason, Expired: "rpt.reason_expired", Handle: f.flowReason})
}

// decisionMessage is what the assessor sees of a pending report, with the
// Setujui / Tolak / Kembalikan buttons.
func decisionMessage(ctx context.Context, s summaryStore, lang kinerja.Lang, rep *kinerja.Report, head string) (string, [][]bot.Button, error) {
	body, err := reportSummary(ctx, s, lang, rep)
	if err != nil {
		return "", nil, err
	}
	text := bot.T(lang, head, rep.ID) + "\n\n" + body
	return text, decisionRows(lang, rep), nil
}

// decisionRows are the three decisions on a report version, and its
// evidence.
func decisionRows(lang kinerja.Lang, rep *kinerja.Report) [][]bot.Button {
	rows := [][]bot.Button{{
		rptButtons.Button(bot.T(lang, "rpt.btn_approve"), "a", rep.ID, rep.Version),
		rptButtons.Button(bot.T(lang, "rpt.btn_reject"), "r", rep.ID, rep.Version),
		rptButtons.Button(bot.T(lang, "rpt.btn_return"), "k", rep.ID, rep.Version),
	}}
	if len(rep.Evidence) > 0 {
		rows = append(rows, []bot.Button{rptButtons.Button(bot.T(lang, "rpt.btn_show_ev", len(rep.Evidence)), "f", rep.ID, rep.Version)})
	}
	return rows
}

// reportSummary describes a report for the assessor: who, what, how much,
// when, the description, and the evidence with its hashes and warnings.
func reportSummary(ctx context.Context, s summaryStore, lang kinerja.Lang, rep *kinerja.Report) (string, error) {
	who, err := s.Staff(ctx, rep.NIP)
	if err != nil {
		return "", err
	}
	t, err := s.Target(ctx, rep.TargetID)
	if err != nil {
		return "", err
	}
	var sb strings.Builder
	sb.WriteString(bot.T(lang, "rpt.summary", who.Name, who.NIP, t.Code, t.Name, reportNum(lang, rep.Quantity), t.Unit,
		reportNum(lang, t.Target), reportDay(lang, rep.WorkDate), rep.Description))
	if len(rep.Evidence) == 0 {
		sb.WriteString("\n" + bot.T(lang, "rpt.summary_no_ev"))
	}
	for i, e := range rep.Evidence {
		hash := bot.T(lang, "rpt.hash_pending")
		if e.SHA256 != "" {
			hash = "SHA-256 " + e.SHA256[:12] + "…"
		}
		sb.WriteString("\n" + bot.T(lang, "rpt.summary_ev", i+1, bot.T(lang, "rpt.kind_"+e.Kind), hash))
		if e.DuplicateOf != 0 {
			sb.WriteString("\n" + bot.T(lang, "rpt.summary_dup", i+1, e.DuplicateOf))
		}
	}
	return sb.String(), nil
}

// decider checks that the sender may decide on rep now: it is pending, the
// press is about its current version, and the sender is its assessor (or an
// admin, recorded as delegate) and not its author. A refusal is a user
// error saying why; nothing is written.
func decider(r *bot.Request, rep *kinerja.Report, version string) (delegate bool, err error) {
	switch {
	case r.Staff == nil:
		return false, kinerja.Errorf(kinerja.EForbidden, "core.need_link")
	case rep.NIP == r.Staff.NIP:
		return false, kinerja.Errorf(kinerja.EForbidden, "rpt.decide_own")
	case !mayDecide(r, rep):
		return false, kinerja.Errorf(kinerja.EForbidden, "rpt.decide_not_assessor", rep.ID)
	case rep.Status != kinerja.ReportPending:
		return false, kinerja.Errorf(kinerja.EConflict, "rpt.decide_done", rep.ID, r.T("rpt.status_"+string(rep.Status)))
	case version != strconv.Itoa(rep.Version):
		return false, kinerja.Errorf(kinerja.EConflict, "rpt.decide_stale", rep.ID)
	}
	a, err := actingFor(r, rep.AssessorNIP)
	return rep.AssessorNIP != r.Staff.NIP && a == nil, err
}

// mayDecide reports whether the sender may decide on rep (mayDecideFor
// its assessor); a failed lookup of acting assignments refuses.
func mayDecide(r *bot.Request, rep *kinerja.Report) bool {
	ok, err := mayDecideFor(r, rep.AssessorNIP)
	return ok && err == nil
}

// loadReport reads report id; a missing one is a user error.
func loadReport(r *bot.Request, id int64) (*kinerja.Report, error) {
	rep, err := r.Tx.Report(r.Ctx, id)
	if kinerja.ErrorCode(err) == kinerja.ENotFound {
		return nil, kinerja.Errorf(kinerja.ENotFound, "rpt.report_not_found")
	}
	return rep, err
}

// pressedDecision loads the report a decision button names and checks the
// sender may decide on it; rep is nil when the press was stale or refused
// (and answered).
func pressedDecision(r *bot.Request) (rep *kinerja.Report, delegate bool, err error) {
	id, ok := r.ArgInt(0)
	if !ok {
		return nil, false, r.Stale()
	}
	if rep, err = loadReport(r, id); err == nil {
		delegate, err = decider(r, rep, r.Args[1])
	}
	if key, _ := kinerja.ErrorKey(err); key != "" && kinerja.ErrorCode(err) != kinerja.EInternal {
		refuse(r, err)
		return nil, false, nil
	}
	return rep, delegate, err
}

// cbApprove approves with one press, editing the decision message.
func (f *Feature) cbApprove(r *bot.Request) error {
	rep, delegate, err := pressedDecision(r)
	if err != nil || rep == nil {
		return err
	}
	return f.decide(r, rep, kinerja.ReportApproved, "", delegate, r.Callback.MessageID)
}

// cbAskReason opens the reason dialogue of a rejection ("r") or a return
// ("k"); the decision is made when the reason is typed, checked again.
func (f *Feature) cbAskReason(act string) bot.Handler {
	return func(r *bot.Request) error {
		rep, _, err := pressedDecision(r)
		if err != nil || rep == nil {
			return err
		}
		r.StartFlow(flowReason, "reason", map[string]string{
			"rid": strconv.FormatInt(rep.ID, 10), "ver": r.Args[1], "act": act, "msg": strconv.Itoa(r.Callback.MessageID),
		})
		if err := r.SaveSession(); err != nil {
			return err
		}
		key := "rpt.ask_reason_reject"
		if act == "k" {
			key = "rpt.ask_reason_return"
		}
		r.Reply(r.T(key, rep.ID, minReason, maxReason))
		r.Answer(r.T("rpt.ask_reason_short"))
		return nil
	}
}

// cbShow loads the report a button names and shows it with show.
func (f *Feature) cbShow(show func(*bot.Request, *kinerja.Report) error) bot.Handler {
	return func(r *bot.Request) error {
		id, ok := r.ArgInt(0)
		if !ok {
			return r.Stale()
		}
		rep, err := loadReport(r, id)
		if kinerja.ErrorCode(err) == kinerja.ENotFound {
			refuse(r, err)
			return nil
		} else if err != nil {
			return err
		}
		return show(r, rep)
	}
}

// typedReason is the reason typed for a rejection or a return, or a user
// error saying what is wrong with it.
func typedReason(r *bot.Request) (string, error) {
	if r.Kind != bot.KindText {
		return "", kinerja.Errorf(kinerja.EInvalid, "rpt.reason_need_text", minReason, maxReason)
	}
	reason := strings.TrimSpace(r.Text)
	if n := utf8.RuneCountInString(reason); n < minReason || n > maxReason {
		return "", kinerja.Errorf(kinerja.EInvalid, "rpt.reason_length", n, minReason, maxReason)
	}
	return reason, nil
}

// flowReason takes the typed reason for a rejection or a return, checks
// everything again and decides. A reason that does not do keeps the
// dialogue open; a report that can no longer be decided ends it.
func (f *Feature) flowReason(r *bot.Request) error {
	d := r.Session.Data
	reason, err := typedReason(r)
	if err != nil {
		if serr := r.SaveSession(); serr != nil {
			return serr
		}
		return r.ReplyError(err)
	}
	id, _ := strconv.ParseInt(d["rid"], 10, 64)
	msgID, _ := strconv.Atoi(d["msg"])
	status := kinerja.ReportRejected
	if d["act"] == "k" {
		status = kinerja.ReportReturned
	}
	rep, err := loadReport(r, id)
	delegate := false
	if err == nil {
		delegate, err = decider(r, rep, d["ver"])
	}
	if err != nil {
		return r.EndFlowWith(err)
	}
	if err := r.EndFlow(); err != nil {
		return err
	}
	return f.decide(r, rep, status, reason, delegate, msgID)
}

// decide records a decision with its audit entry, updates the assessor's
// message and tells the staff member.
func (f *Feature) decide(r *bot.Request, rep *kinerja.Report, status kinerja.ReportStatus, reason string, delegate bool, msgID int) error {
	before := rep.AuditJSON()
	rep.Status, rep.Reason, rep.DecidedBy, rep.DecidedAt = status, reason, r.Staff.NIP, r.Now
	rep.DecidedAsDelegate, rep.UpdatedAt = delegate, r.Now
	if err := r.Tx.UpdateReport(r.Ctx, rep); err != nil {
		return err
	}
	action := map[kinerja.ReportStatus]string{kinerja.ReportApproved: auditReportApprove,
		kinerja.ReportRejected: auditReportReject, kinerja.ReportReturned: auditReportReturn}[status]
	if err := auditReport(r, action, before, rep); err != nil {
		return err
	}
	acting, err := actingFor(r, rep.AssessorNIP)
	if err != nil {
		return err
	}
	if acting != nil {
		if err := auditActing(r, rep, acting); err != nil {
			return err
		}
	}
	body, err := reportSummary(r.Ctx, r.Tx, r.Lang, rep)
	if err != nil {
		return err
	}
	outcome := r.T("rpt.outcome_"+string(status), reportTime(r.Now, r.Loc()))
	if delegate {
		outcome += " " + r.T("rpt.as_delegate")
	}
	if acting != nil {
		outcome += " " + r.T("rpt.as_acting", strings.ToUpper(string(acting.Kind)), nameOf(r, acting.ForNIP))
	}
	if reason != "" {
		outcome += "\n" + r.T("rpt.my_reason", reason)
	}
	text := r.T("rpt.head_decided", rep.ID) + "\n\n" + body + "\n\n" + outcome
	if msgID != 0 {
		r.Send(bot.OutMessage{ChatID: r.ChatID, Text: text, EditID: msgID})
	} else {
		r.Reply(text)
	}
	if r.Callback == nil {
		r.Reply(r.T("rpt.decision_saved", rep.ID))
	}
	r.Answer(r.T("rpt.decision_saved", rep.ID))
	return f.tellStaff(r, rep)
}

// tellStaff queues the decision, with the reason, to the staff member.
func (f *Feature) tellStaff(r *bot.Request, rep *kinerja.Report) error {
	who, err := r.Tx.Staff(r.Ctx, rep.NIP)
	if err != nil || !who.Linked() {
		return err
	}
	t, err := r.Tx.Target(r.Ctx, rep.TargetID)
	if err != nil {
		return err
	}
	lang := f.langOf(r.Ctx, r.Tx, who.TelegramID)
	by := bot.Raw(bot.Esc(r.Staff.Name))
	if acting, err := actingFor(r, rep.AssessorNIP); err != nil {
		return err
	} else if acting != nil {
		by = bot.Raw(bot.Esc(r.Staff.Name) + " " + bot.T(lang, "rpt.as_acting", strings.ToUpper(string(acting.Kind)), nameOf(r, acting.ForNIP)))
	}
	text := bot.T(lang, "rpt.told_"+string(rep.Status), rep.ID, t.Code, reportNum(lang, rep.Quantity), t.Unit,
		reportDay(lang, rep.WorkDate), by)
	if rep.Reason != "" {
		text += "\n" + bot.T(lang, "rpt.my_reason", rep.Reason)
	}
	if rep.Status == kinerja.ReportReturned {
		text += "\n" + bot.T(lang, "rpt.told_fix_hint")
	}
	r.Send(bot.OutMessage{ChatID: who.TelegramID, Text: text})
	return nil
}

// showReport sends the whole report to its assessor or an admin: with the
// decision buttons while it is pending, with its status otherwise.
func (f *Feature) showReport(r *bot.Request, rep *kinerja.Report) error {
	if r.Staff == nil || !mayDecide(r, rep) {
		refuseWith(r, "rpt.decide_not_assessor", rep.ID)
		return nil
	}
	if rep.Status == kinerja.ReportPending && rep.NIP != r.Staff.NIP {
		text, buttons, err := decisionMessage(r.Ctx, r.Tx, r.Lang, rep, "rpt.head_create")
		if err != nil {
			return err
		}
		r.Reply(text, buttons...)
		return nil
	}
	body, err := reportSummary(r.Ctx, r.Tx, r.Lang, rep)
	if err != nil {
		return err
	}
	r.Reply(r.T("rpt.head_decided", rep.ID) + "\n\n" + body + "\n\n" + r.T("rpt.status_is", r.T("rpt.status_"+string(rep.Status))))
	return nil
}
