package bot

import (
	"context"
	"strconv"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// flowApproveAll holds the reports shown on a page while "approve all on
// this page" waits for its confirmation, so that exactly those are approved.
const flowApproveAll = "setujui_semua"

// digestLines keeps a digest within one Telegram message.
const digestLines = 30

// settingDigestAt remembers when the last digest went out.
const settingDigestAt = "reports.digest_at"

// registerApprovals adds /persetujuan's buttons.
func (b *Bot) registerApprovals() {
	b.onCallback("apv", b.cbApprovals)
	b.onFlow(flowApproveAll, func(r *Request) error {
		r.Reply(r.T("rpt.use_buttons"))
		return nil
	})
}

// cmdPersetujuan lists the pending reports of the sender's subordinates, a
// page at a time. An admin may give an assessor's NIP to act as delegate.
func (b *Bot) cmdPersetujuan(r *Request) error {
	assessor := r.Staff.NIP
	if arg := strings.TrimSpace(r.Text); arg != "" {
		if !r.IsAdmin() {
			r.Reply(r.T("rpt.delegate_admin_only"))
			return nil
		}
		if !kinerja.ValidNIP(arg) {
			r.Reply(r.T("rpt.delegate_bad_nip", arg))
			return nil
		}
		if _, err := r.Tx.Staff(r.Ctx, arg); err != nil {
			return err
		}
		assessor = arg
	}
	return b.approvalPage(r, assessor, 0)
}

// pendingOf is the filter of an assessor's pending reports.
func pendingOf(assessor string) kinerja.ReportFilter {
	return kinerja.ReportFilter{AssessorNIP: assessor, Statuses: []kinerja.ReportStatus{kinerja.ReportPending}}
}

// mayActFor reports whether the sender may decide for assessor.
func mayActFor(r *Request, assessor string) bool {
	return r.Staff != nil && (r.Staff.NIP == assessor || r.IsAdmin())
}

// approvalPage shows one page of pending reports with their decision
// buttons, page navigation and "approve all on this page".
func (b *Bot) approvalPage(r *Request, assessor string, page int) error {
	f := pendingOf(assessor)
	total, err := r.Tx.CountReports(r.Ctx, f)
	if err != nil {
		return err
	}
	size := b.cfg.Reports.PageSize
	pages := max((total+size-1)/size, 1)
	page = min(max(page, 0), pages-1)
	f.Limit, f.Offset = size, page*size
	reps, err := r.Tx.ListReports(r.Ctx, f)
	if err != nil {
		return err
	}
	suffix := ""
	if assessor != r.Staff.NIP {
		suffix = ":" + assessor
	}
	if len(reps) == 0 {
		lpSayApv(r, r.T("rpt.apv_none"))
		return nil
	}
	var sb strings.Builder
	sb.WriteString(r.T("rpt.apv_head", page+1, pages, total))
	if assessor != r.Staff.NIP {
		sb.WriteString("\n" + r.T("rpt.apv_delegate", assessor))
	}
	var rows [][]Button
	targets, people := map[int64]*kinerja.Target{}, map[string]*kinerja.Staff{}
	for _, rep := range reps {
		line, err := b.reportLine(r, rep, targets, people)
		if err != nil {
			return err
		}
		sb.WriteString("\n\n" + line)
		ref := strconv.FormatInt(rep.ID, 10) + ":" + strconv.Itoa(rep.Version)
		row := []Button{
			{Text: "✅ #" + strconv.FormatInt(rep.ID, 10), Data: "rpt:a:" + ref},
			{Text: "❌", Data: "rpt:r:" + ref},
			{Text: "↩️", Data: "rpt:k:" + ref},
			{Text: "🔎", Data: "rpt:v:" + ref},
		}
		if len(rep.Evidence) > 0 {
			row = append(row, Button{Text: "📎", Data: "rpt:f:" + ref})
		}
		rows = append(rows, row)
	}
	var nav []Button
	if page > 0 {
		nav = append(nav, Button{Text: r.T("rpt.btn_prev"), Data: "apv:p:" + strconv.Itoa(page-1) + suffix})
	}
	if page < pages-1 {
		nav = append(nav, Button{Text: r.T("rpt.btn_next"), Data: "apv:p:" + strconv.Itoa(page+1) + suffix})
	}
	if len(nav) > 0 {
		rows = append(rows, nav)
	}
	rows = append(rows, []Button{{Text: r.T("rpt.btn_approve_page", len(reps)), Data: "apv:all:" + strconv.Itoa(page) + suffix}})
	lpSayApv(r, sb.String(), rows...)
	return nil
}

// pageDescription is how much of a description a page shows; 🔎 shows all.
const pageDescription = 200

// reportLine is a report in a few lines for a page of /persetujuan, short
// enough that a page of ten fits one Telegram message.
func (b *Bot) reportLine(r *Request, rep *kinerja.Report, targets map[int64]*kinerja.Target, people map[string]*kinerja.Staff) (string, error) {
	t, err := cachedTarget(r, targets, rep.TargetID)
	if err != nil {
		return "", err
	}
	who, ok := people[rep.NIP]
	if !ok {
		if who, err = r.Tx.Staff(r.Ctx, rep.NIP); err != nil {
			return "", err
		}
		people[rep.NIP] = who
	}
	line := r.T("rpt.apv_line", rep.ID, who.Name, t.Code, reportNum(r.Lang, rep.Quantity), t.Unit,
		reportShortDay(rep.WorkDate), len(rep.Evidence), reportTrunc(rep.Description, pageDescription))
	for i, e := range rep.Evidence {
		if e.DuplicateOf != 0 {
			line += "\n" + r.T("rpt.summary_dup", i+1, e.DuplicateOf)
		}
	}
	return line, nil
}

// lpSayApv edits the page in place when a page button was pressed.
func lpSayApv(r *Request, text string, buttons ...[]Button) {
	if r.Callback != nil && strings.HasPrefix(r.Callback.Data, "apv:p:") {
		r.ReplyEdit(text, buttons...)
		return
	}
	r.Reply(text, buttons...)
}

// cbApprovals handles "apv:p:<page>[:<nip>]" (a page), "apv:all:<page>[:<nip>]"
// (ask to approve the page), "apv:y" (approve) and "apv:n" (keep).
func (b *Bot) cbApprovals(r *Request) error {
	args := callbackArgs(r.Callback.Data)
	if r.Staff == nil {
		b.refuseWith(r, "core.need_link")
		return nil
	}
	if len(args) == 1 && (args[0] == "y" || args[0] == "n") {
		if r.Session == nil || r.Session.Flow != flowApproveAll {
			r.Answer(r.T("core.stale_button"))
			return nil
		}
		if args[0] == "n" {
			if err := r.EndFlow(); err != nil {
				return err
			}
			r.ReplyEdit(r.T("rpt.apv_all_kept"))
			return nil
		}
		return b.approveAll(r)
	}
	if len(args) < 2 || len(args) > 3 || (args[0] != "p" && args[0] != "all") {
		r.Answer(r.T("core.stale_button"))
		return nil
	}
	page, err := strconv.Atoi(args[1])
	if err != nil || page < 0 {
		r.Answer(r.T("core.stale_button"))
		return nil
	}
	assessor := r.Staff.NIP
	if len(args) == 3 {
		assessor = args[2]
	}
	if !mayActFor(r, assessor) {
		b.refuseWith(r, "rpt.apv_not_yours")
		return nil
	}
	if args[0] == "p" {
		return b.approvalPage(r, assessor, page)
	}
	f := pendingOf(assessor)
	f.Limit, f.Offset = b.cfg.Reports.PageSize, page*b.cfg.Reports.PageSize
	reps, err := r.Tx.ListReports(r.Ctx, f)
	if err != nil {
		return err
	}
	if len(reps) == 0 {
		r.Answer(r.T("rpt.apv_none"))
		return nil
	}
	var refs, ids []string
	for _, rep := range reps {
		refs = append(refs, strconv.FormatInt(rep.ID, 10)+":"+strconv.Itoa(rep.Version))
		ids = append(ids, "#"+strconv.FormatInt(rep.ID, 10))
	}
	r.StartFlow(flowApproveAll, "confirm", map[string]string{"refs": strings.Join(refs, ",")})
	if err := r.SaveSession(); err != nil {
		return err
	}
	r.Reply(r.T("rpt.apv_all_ask", len(reps), strings.Join(ids, ", ")), []Button{
		{Text: r.T("rpt.btn_apv_all_yes", len(reps)), Data: "apv:y"},
		{Text: r.T("rpt.btn_cancel"), Data: "apv:n"},
	})
	return nil
}

// approveAll approves the reports that were on the confirmed page and are
// still pending at the same version; the others are left and counted.
func (b *Bot) approveAll(r *Request) error {
	refs := strings.Split(r.Session.Data["refs"], ",")
	if err := r.EndFlow(); err != nil {
		return err
	}
	done, skipped := 0, 0
	for _, ref := range refs {
		idStr, ver, _ := strings.Cut(ref, ":")
		id, err := strconv.ParseInt(idStr, 10, 64)
		if err != nil {
			skipped++
			continue
		}
		rep, err := r.Tx.Report(r.Ctx, id)
		if err != nil {
			return err
		}
		if rep.NIP == r.Staff.NIP || (rep.AssessorNIP != r.Staff.NIP && !r.IsAdmin()) ||
			rep.Status != kinerja.ReportPending || strconv.Itoa(rep.Version) != ver {
			skipped++
			continue
		}
		before := rep.AuditJSON()
		delegate := rep.AssessorNIP != r.Staff.NIP
		rep.Status, rep.DecidedBy, rep.DecidedAt, rep.DecidedAsDelegate, rep.UpdatedAt =
			kinerja.ReportApproved, r.Staff.NIP, r.Now, delegate, r.Now
		if err := r.Tx.UpdateReport(r.Ctx, rep); err != nil {
			return err
		}
		if err := r.auditReport(auditReportApprove, before, rep); err != nil {
			return err
		}
		if err := b.tellStaff(r, rep); err != nil {
			return err
		}
		done++
	}
	text := r.T("rpt.apv_all_done", done)
	if skipped > 0 {
		text += "\n" + r.T("rpt.apv_all_skipped", skipped)
	}
	r.ReplyEdit(text)
	r.Answer(r.T("rpt.apv_all_done", done))
	return nil
}

// SendReportDigests sends each assessor one message listing the pending
// reports sent or changed since the last digest, with a button to the
// approval list. It is meant for cron when ReportsConfig.Digest is set.
func (b *Bot) SendReportDigests(ctx context.Context) error {
	now := b.now()
	var msgs []OutMessage
	err := b.store.InTx(ctx, func(tx kinerja.Tx) error {
		f := kinerja.ReportFilter{Statuses: []kinerja.ReportStatus{kinerja.ReportPending}}
		if last, ok, err := tx.Setting(ctx, settingDigestAt); err != nil {
			return err
		} else if ms, perr := strconv.ParseInt(last, 10, 64); ok && perr == nil {
			f.ChangedSince = time.UnixMilli(ms)
		}
		reps, err := tx.ListReports(ctx, f)
		if err != nil {
			return err
		}
		byAssessor := map[string][]*kinerja.Report{}
		var order []string
		for _, rep := range reps {
			if _, ok := byAssessor[rep.AssessorNIP]; !ok {
				order = append(order, rep.AssessorNIP)
			}
			byAssessor[rep.AssessorNIP] = append(byAssessor[rep.AssessorNIP], rep)
		}
		for _, nip := range order {
			boss, err := tx.Staff(ctx, nip)
			if err != nil || !boss.Linked() {
				continue
			}
			lang := b.langOf(ctx, tx, boss.TelegramID)
			var sb strings.Builder
			sb.WriteString(T(lang, "rpt.digest_head", len(byAssessor[nip])))
			list := byAssessor[nip]
			if len(list) > digestLines {
				list = list[:digestLines]
			}
			for _, rep := range list {
				who, err := tx.Staff(ctx, rep.NIP)
				if err != nil {
					return err
				}
				t, err := tx.Target(ctx, rep.TargetID)
				if err != nil {
					return err
				}
				sb.WriteString("\n" + T(lang, "rpt.digest_line", rep.ID, who.Name, t.Code, reportNum(lang, rep.Quantity),
					t.Unit, reportShortDay(rep.WorkDate)))
			}
			if more := len(byAssessor[nip]) - len(list); more > 0 {
				sb.WriteString("\n" + T(lang, "rpt.digest_more", more))
			}
			msgs = append(msgs, OutMessage{ChatID: boss.TelegramID, Text: sb.String(),
				Buttons: [][]Button{{{Text: T(lang, "rpt.btn_open_apv"), Data: "apv:p:0"}}}})
		}
		// The next digest starts just after this one's instant: what was
		// listed now is not listed again.
		return tx.PutSetting(ctx, settingDigestAt, strconv.FormatInt(now.UnixMilli()+1, 10))
	})
	if err != nil {
		return err
	}
	b.sendAll(ctx, msgs)
	return nil
}
