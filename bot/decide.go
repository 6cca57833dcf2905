package bot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// flowReason is the short dialogue that asks an assessor why a report is
// rejected or returned.
const flowReason = "alasan"

// registerDecisions adds the assessor's buttons and dialogues.
func (b *Bot) registerDecisions() {
	b.onCallback("rpt", b.cbDecide)
	b.onFlow(flowReason, b.flowReason)
	b.flowExpiry[flowReason] = "rpt.reason_expired"
	b.registerApprovals()
}

// evidenceFile is a downloaded evidence file.
type evidenceFile struct {
	ev   kinerja.Evidence
	data []byte
}

// afterSubmit runs after a report is committed: it downloads the evidence
// once, stores each file's SHA-256 (flagging a file already used on another
// report), and then, unless assessors get digests, sends the assessor the
// files and the decision message. Hashing first means the assessor sees the
// duplicate warning in that very message. It runs in the background: if the
// process stops before the assessor is told, the report is still pending and
// the approval reminders (and /persetujuan) bring it up.
func (b *Bot) afterSubmit(id int64, action string) func(ctx context.Context) {
	return func(ctx context.Context) {
		b.goBackground(ctx, func(ctx context.Context) {
			files := b.hashEvidence(ctx, id)
			if !b.cfg.Reports.Digest {
				b.notifyAssessor(ctx, id, action, files)
			}
		})
	}
}

// hashEvidence downloads a report's evidence, records the missing hashes
// (each in a small transaction with its audit entry) and returns the files.
// A failed download is logged; the report stands without that hash.
func (b *Bot) hashEvidence(ctx context.Context, id int64) []evidenceFile {
	rep, err := b.store.Report(ctx, id)
	if err != nil {
		b.log.Error("evidence: load report", "report", id, "err", err)
		return nil
	}
	var files []evidenceFile
	for _, e := range rep.Evidence {
		data, err := b.msg.Download(ctx, e.FileID, b.cfg.Reports.MaxFileSize)
		if err != nil {
			b.log.Warn("evidence: download failed", "report", id, "file", e.FileUniqueID, "err", err)
			continue
		}
		files = append(files, evidenceFile{e, data})
		if e.SHA256 != "" {
			continue
		}
		sum := sha256.Sum256(data)
		sha := hex.EncodeToString(sum[:])
		err = b.store.InTx(ctx, func(tx kinerja.Tx) error {
			dup, err := tx.SetEvidenceHash(ctx, id, e.FileUniqueID, sha)
			if err != nil {
				return err
			}
			after, _ := json.Marshal(struct {
				ReportID     int64  `json:"report_id"`
				FileUniqueID string `json:"file_unique_id"`
				SHA256       string `json:"sha256"`
				DuplicateOf  int64  `json:"duplicate_of"`
			}{id, e.FileUniqueID, sha, dup})
			return tx.AppendAudit(ctx, &kinerja.AuditEntry{At: b.now(), Action: auditEvidenceHash, Entity: "report",
				EntityID: strconv.FormatInt(id, 10), After: string(after)})
		})
		if err != nil {
			b.log.Error("evidence: store hash", "report", id, "err", err)
		}
	}
	return files
}

// notifyAssessor sends the assessor a report's evidence files and then its
// decision message, in the assessor's language.
func (b *Bot) notifyAssessor(ctx context.Context, id int64, action string, files []evidenceFile) {
	var msgs []OutMessage
	err := b.store.InTx(ctx, func(tx kinerja.Tx) error {
		rep, err := tx.Report(ctx, id)
		if err != nil {
			return err
		}
		boss, err := tx.Staff(ctx, rep.AssessorNIP)
		if err != nil || rep.Status != kinerja.ReportPending || !boss.Linked() {
			return err // decided or withdrawn meanwhile, or nobody to tell
		}
		lang := b.langOf(ctx, tx, boss.TelegramID)
		text, buttons, err := b.decisionMessage(ctx, tx, lang, rep, "rpt.head_"+strings.TrimPrefix(action, "report."))
		if err != nil {
			return err
		}
		for i, f := range files {
			m := OutMessage{ChatID: boss.TelegramID, Text: T(lang, "rpt.ev_caption", i+1, len(files), rep.ID), FileName: f.ev.Name}
			if f.ev.Kind == "photo" {
				m.Photo = f.data
			} else {
				m.Document = f.data
				if m.FileName == "" {
					m.FileName = fmt.Sprintf("bukti-%d-%d", rep.ID, i+1)
				}
			}
			msgs = append(msgs, m)
		}
		msgs = append(msgs, OutMessage{ChatID: boss.TelegramID, Text: text, Buttons: buttons})
		return nil
	})
	if err != nil {
		b.log.Error("notify assessor", "report", id, "err", err)
		return
	}
	b.sendAll(ctx, msgs)
}

// sendAll sends messages outside any transaction, recording unreachable
// recipients.
func (b *Bot) sendAll(ctx context.Context, msgs []OutMessage) {
	for _, m := range msgs {
		if _, err := b.msg.Send(ctx, m); err != nil {
			b.sendFailed(ctx, m.ChatID, err)
		}
	}
}

// decisionMessage is what the assessor sees of a pending report, with the
// Setujui / Tolak / Kembalikan buttons. The buttons carry the report's
// version, so a press on a message about an older version is refused.
func (b *Bot) decisionMessage(ctx context.Context, tx kinerja.Tx, lang kinerja.Lang, rep *kinerja.Report, head string) (string, [][]Button, error) {
	body, err := b.reportSummary(ctx, tx, lang, rep)
	if err != nil {
		return "", nil, err
	}
	text := T(lang, head, rep.ID) + "\n\n" + body
	return text, decisionButtons(lang, rep), nil
}

// decisionButtons are the three decisions on a report version.
func decisionButtons(lang kinerja.Lang, rep *kinerja.Report) [][]Button {
	ref := strconv.FormatInt(rep.ID, 10) + ":" + strconv.Itoa(rep.Version)
	rows := [][]Button{{
		{Text: T(lang, "rpt.btn_approve"), Data: "rpt:a:" + ref},
		{Text: T(lang, "rpt.btn_reject"), Data: "rpt:r:" + ref},
		{Text: T(lang, "rpt.btn_return"), Data: "rpt:k:" + ref},
	}}
	if len(rep.Evidence) > 0 {
		rows = append(rows, []Button{{Text: T(lang, "rpt.btn_show_ev", len(rep.Evidence)), Data: "rpt:f:" + ref}})
	}
	return rows
}

// reportSummary describes a report for the assessor: who, what, how much,
// when, the description, and the evidence with its hashes and warnings.
func (b *Bot) reportSummary(ctx context.Context, tx kinerja.Tx, lang kinerja.Lang, rep *kinerja.Report) (string, error) {
	who, err := tx.Staff(ctx, rep.NIP)
	if err != nil {
		return "", err
	}
	t, err := tx.Target(ctx, rep.TargetID)
	if err != nil {
		return "", err
	}
	var sb strings.Builder
	sb.WriteString(T(lang, "rpt.summary", who.Name, who.NIP, t.Code, t.Name, reportNum(lang, rep.Quantity), t.Unit,
		reportNum(lang, t.Target), reportDay(lang, rep.WorkDate), rep.Description))
	if len(rep.Evidence) == 0 {
		sb.WriteString("\n" + T(lang, "rpt.summary_no_ev"))
	}
	for i, e := range rep.Evidence {
		hash := T(lang, "rpt.hash_pending")
		if e.SHA256 != "" {
			hash = "SHA-256 " + e.SHA256[:12] + "…"
		}
		sb.WriteString("\n" + T(lang, "rpt.summary_ev", i+1, T(lang, "rpt.kind_"+e.Kind), hash))
		if e.DuplicateOf != 0 {
			sb.WriteString("\n" + T(lang, "rpt.summary_dup", i+1, e.DuplicateOf))
		}
	}
	return sb.String(), nil
}

// decider checks that the sender may decide on rep now: it is pending, the
// press is about its current version, and the sender is its assessor (or an
// admin, recorded as delegate) and not its author. A refusal is told to the
// user and returns ok false; nothing is written.
func (b *Bot) decider(r *Request, rep *kinerja.Report, version string) (delegate, ok bool) {
	switch {
	case r.Staff == nil:
		b.refuseWith(r, "core.need_link")
	case rep.NIP == r.Staff.NIP:
		b.refuseWith(r, "rpt.decide_own")
	case rep.AssessorNIP != r.Staff.NIP && !r.IsAdmin():
		b.refuseWith(r, "rpt.decide_not_assessor", rep.ID)
	case rep.Status != kinerja.ReportPending:
		b.refuseWith(r, "rpt.decide_done", rep.ID, T(r.Lang, "rpt.status_"+string(rep.Status)))
	case version != strconv.Itoa(rep.Version):
		b.refuseWith(r, "rpt.decide_stale", rep.ID)
	default:
		return rep.AssessorNIP != r.Staff.NIP, true
	}
	return false, false
}

// decisionActions are the actions of "rpt:" buttons.
var decisionActions = map[string]bool{"a": true, "r": true, "k": true, "f": true, "v": true}

// cbDecide handles "rpt:<a|r|k|f|v>:<id>:<version>": approve, reject,
// return, show the evidence files, or show the whole report. Nothing in the data is trusted.
func (b *Bot) cbDecide(r *Request) error {
	args := callbackArgs(r.Callback.Data)
	if len(args) != 3 || !decisionActions[args[0]] {
		r.Answer(r.T("core.stale_button"))
		return nil
	}
	id, err := strconv.ParseInt(args[1], 10, 64)
	if err != nil {
		r.Answer(r.T("core.stale_button"))
		return nil
	}
	rep, err := r.Tx.Report(r.Ctx, id)
	if kinerja.ErrorCode(err) == kinerja.ENotFound {
		b.refuseWith(r, "rpt.report_not_found")
		return nil
	} else if err != nil {
		return err
	}
	switch args[0] {
	case "f":
		return b.showEvidence(r, rep)
	case "v":
		return b.showReport(r, rep)
	}
	delegate, ok := b.decider(r, rep, args[2])
	if !ok {
		return nil
	}
	if args[0] == "a" {
		return b.decide(r, rep, kinerja.ReportApproved, "", delegate, r.Callback.MessageID)
	}
	r.StartFlow(flowReason, "reason", map[string]string{
		"rid": args[1], "ver": args[2], "act": args[0], "msg": strconv.Itoa(r.Callback.MessageID),
	})
	if err := r.SaveSession(); err != nil {
		return err
	}
	key := "rpt.ask_reason_reject"
	if args[0] == "k" {
		key = "rpt.ask_reason_return"
	}
	r.Reply(r.T(key, rep.ID, minReason, maxReason))
	r.Answer(r.T("rpt.ask_reason_short"))
	return nil
}

// flowReason takes the typed reason for a rejection or a return, checks
// everything again and decides.
func (b *Bot) flowReason(r *Request) error {
	d := r.Session.Data
	if r.Kind != KindText {
		r.Reply(r.T("rpt.reason_need_text", minReason, maxReason))
		return r.SaveSession()
	}
	reason := strings.TrimSpace(r.Text)
	if n := utf8.RuneCountInString(reason); n < minReason || n > maxReason {
		r.Reply(r.T("rpt.reason_length", n, minReason, maxReason))
		return r.SaveSession()
	}
	id, _ := strconv.ParseInt(d["rid"], 10, 64)
	msgID, _ := strconv.Atoi(d["msg"])
	status := kinerja.ReportRejected
	if d["act"] == "k" {
		status = kinerja.ReportReturned
	}
	if err := r.EndFlow(); err != nil {
		return err
	}
	rep, err := r.Tx.Report(r.Ctx, id)
	if kinerja.ErrorCode(err) == kinerja.ENotFound {
		r.Reply(r.T("rpt.report_not_found"))
		return nil
	} else if err != nil {
		return err
	}
	delegate, ok := b.decider(r, rep, d["ver"])
	if !ok {
		return nil
	}
	return b.decide(r, rep, status, reason, delegate, msgID)
}

// decide records a decision with its audit entry, updates the assessor's
// message and tells the staff member.
func (b *Bot) decide(r *Request, rep *kinerja.Report, status kinerja.ReportStatus, reason string, delegate bool, msgID int) error {
	before := rep.AuditJSON()
	rep.Status, rep.Reason, rep.DecidedBy, rep.DecidedAt = status, reason, r.Staff.NIP, r.Now
	rep.DecidedAsDelegate, rep.UpdatedAt = delegate, r.Now
	if err := r.Tx.UpdateReport(r.Ctx, rep); err != nil {
		return err
	}
	action := map[kinerja.ReportStatus]string{kinerja.ReportApproved: auditReportApprove,
		kinerja.ReportRejected: auditReportReject, kinerja.ReportReturned: auditReportReturn}[status]
	if err := r.auditReport(action, before, rep); err != nil {
		return err
	}
	body, err := b.reportSummary(r.Ctx, r.Tx, r.Lang, rep)
	if err != nil {
		return err
	}
	outcome := r.T("rpt.outcome_"+string(status), b.reportTime(r.Now))
	if delegate {
		outcome += " " + r.T("rpt.as_delegate")
	}
	if reason != "" {
		outcome += "\n" + r.T("rpt.my_reason", reason)
	}
	text := r.T("rpt.head_decided", rep.ID) + "\n\n" + body + "\n\n" + outcome
	if msgID != 0 {
		r.Send(OutMessage{ChatID: r.ChatID, Text: text, EditID: msgID})
	} else {
		r.Reply(text)
	}
	if r.Callback == nil {
		r.Reply(r.T("rpt.decision_saved", rep.ID))
	}
	r.Answer(r.T("rpt.decision_saved", rep.ID))
	return b.tellStaff(r, rep)
}

// tellStaff queues the decision, with the reason, to the staff member.
func (b *Bot) tellStaff(r *Request, rep *kinerja.Report) error {
	who, err := r.Tx.Staff(r.Ctx, rep.NIP)
	if err != nil || !who.Linked() {
		return err
	}
	t, err := r.Tx.Target(r.Ctx, rep.TargetID)
	if err != nil {
		return err
	}
	lang := b.langOf(r.Ctx, r.Tx, who.TelegramID)
	text := T(lang, "rpt.told_"+string(rep.Status), rep.ID, t.Code, reportNum(lang, rep.Quantity), t.Unit,
		reportDay(lang, rep.WorkDate), r.Staff.Name)
	if rep.Reason != "" {
		text += "\n" + T(lang, "rpt.my_reason", rep.Reason)
	}
	if rep.Status == kinerja.ReportReturned {
		text += "\n" + T(lang, "rpt.told_fix_hint")
	}
	r.Send(OutMessage{ChatID: who.TelegramID, Text: text})
	return nil
}

// showReport sends the whole report to its assessor or an admin: with the
// decision buttons while it is pending, with its status otherwise.
func (b *Bot) showReport(r *Request, rep *kinerja.Report) error {
	if r.Staff == nil || (rep.AssessorNIP != r.Staff.NIP && !r.IsAdmin()) {
		b.refuseWith(r, "rpt.decide_not_assessor", rep.ID)
		return nil
	}
	if rep.Status == kinerja.ReportPending && rep.NIP != r.Staff.NIP {
		text, buttons, err := b.decisionMessage(r.Ctx, r.Tx, r.Lang, rep, "rpt.head_create")
		if err != nil {
			return err
		}
		r.Reply(text, buttons...)
		return nil
	}
	body, err := b.reportSummary(r.Ctx, r.Tx, r.Lang, rep)
	if err != nil {
		return err
	}
	r.Reply(r.T("rpt.head_decided", rep.ID) + "\n\n" + body + "\n\n" + r.T("rpt.status_is", r.T("rpt.status_"+string(rep.Status))))
	return nil
}

// showEvidence sends the evidence files of a report to its assessor, an
// admin or its author, downloading them after the commit.
func (b *Bot) showEvidence(r *Request, rep *kinerja.Report) error {
	if r.Staff == nil || (rep.NIP != r.Staff.NIP && rep.AssessorNIP != r.Staff.NIP && !r.IsAdmin()) {
		b.refuseWith(r, "rpt.decide_not_assessor", rep.ID)
		return nil
	}
	if len(rep.Evidence) == 0 {
		r.Answer(r.T("rpt.summary_no_ev"))
		return nil
	}
	chat, lang, id := r.ChatID, r.Lang, rep.ID
	r.Answer(r.T("rpt.ev_sending"))
	r.After(func(ctx context.Context) {
		var msgs []OutMessage
		ev := rep.Evidence
		for i, e := range ev {
			data, err := b.msg.Download(ctx, e.FileID, b.cfg.Reports.MaxFileSize)
			if err != nil {
				b.log.Warn("evidence: download failed", "report", id, "err", err)
				msgs = append(msgs, OutMessage{ChatID: chat, Text: T(lang, "rpt.ev_unavailable", i+1)})
				continue
			}
			m := OutMessage{ChatID: chat, Text: T(lang, "rpt.ev_caption", i+1, len(ev), id), FileName: e.Name}
			if e.Kind == "photo" {
				m.Photo = data
			} else {
				m.Document = data
			}
			msgs = append(msgs, m)
		}
		b.sendAll(ctx, msgs)
	})
	return nil
}
