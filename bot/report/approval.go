package report

import (
	"strconv"
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// /persetujuan: an assessor's pending reports a page at a time, each with
// its decision buttons, and "approve all on this page" with a confirmation.
// An admin may open an assessor's list and decide as delegate.

// registerApprovals adds /persetujuan's buttons and the confirmation of
// approve-all, which holds exactly the reports that were on the page.
func (f *Feature) registerApprovals(b *bot.Bot) {
	staff := []kinerja.Role{kinerja.RoleStaff}
	b.Button(bot.ButtonSpec{Buttons: apvButtons, Action: "p", Args: 1, MinArgs: true, Roles: staff, Handle: f.cbPage})
	b.Button(bot.ButtonSpec{Buttons: apvButtons, Action: "all", Args: 1, MinArgs: true, Roles: staff, Handle: f.cbAskApproveAll})
	b.Button(bot.ButtonSpec{Buttons: apvButtons, Action: "y", Roles: staff, Handle: f.cbApproveAll})
	b.Button(bot.ButtonSpec{Buttons: apvButtons, Action: "n", Roles: staff, Handle: func(r *bot.Request) error {
		if r.Session == nil || r.Session.Flow != flowApproveAll {
			return r.Stale()
		}
		if err := r.EndFlow(); err != nil {
			return err
		}
		r.ReplyEdit(r.T("rpt.apv_all_kept"))
		return nil
	}})
	b.Flow(bot.FlowSpec{Name: flowApproveAll, Handle: func(r *bot.Request) error {
		r.Reply(r.T("rpt.use_buttons"))
		return nil
	}})
}

// cmdPersetujuan lists the pending reports of the sender's subordinates, a
// page at a time. An admin may give an assessor's NIP to act as delegate.
func (f *Feature) cmdPersetujuan(r *bot.Request) error {
	assessor := r.Staff.NIP
	if arg := strings.TrimSpace(r.Text); arg != "" {
		if !kinerja.ValidNIP(arg) && !r.IsAdmin() {
			r.Reply(r.T("rpt.delegate_admin_only"))
			return nil
		}
		if ok, err := mayDecideFor(r, arg); err != nil {
			return err
		} else if !ok {
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
	} else if done, err := f.actingPosts(r); err != nil || done {
		return err
	}
	return f.approvalPage(r, assessor, 0)
}

// actingPosts offers the lists of the assessors the sender acts for today
// (Plt/Plh), one button each, before the sender's own list; with nothing
// of their own waiting and one post, that post's list is the answer
// (done).
func (f *Feature) actingPosts(r *bot.Request) (done bool, err error) {
	acts, err := r.Tx.ListActing(r.Ctx, kinerja.ActingFilter{ByNIP: r.Staff.NIP, Day: kinerja.DayOf(r.Now, r.Loc())})
	if err != nil || len(acts) == 0 {
		return false, err
	}
	own, err := r.Tx.CountReports(r.Ctx, pendingOf(r.Staff.NIP))
	if err != nil {
		return false, err
	}
	if own == 0 && len(acts) == 1 {
		return true, f.approvalPage(r, acts[0].ForNIP, 0)
	}
	var rows [][]bot.Button
	for _, a := range acts {
		rows = append(rows, []bot.Button{apvButtons.Button(r.T("rpt.btn_acting_list", nameOf(r, a.ForNIP), strings.ToUpper(string(a.Kind))), "p", 0, a.ForNIP)})
	}
	r.Reply(r.T("rpt.apv_acting_posts"), rows...)
	return false, nil
}

// pendingOf is the filter of an assessor's pending reports.
func pendingOf(assessor string) kinerja.ReportFilter {
	return kinerja.ReportFilter{AssessorNIP: assessor, Statuses: []kinerja.ReportStatus{kinerja.ReportPending}}
}

// pageArgs returns the page and the assessor of a page button
// ("<page>[:<nip>]"); ok is false for a press that is stale or not the
// sender's to make (answered).
func pageArgs(r *bot.Request) (page int, assessor string, ok bool) {
	n, valid := r.ArgInt(0)
	if !valid || n < 0 || len(r.Args) > 2 {
		_ = r.Stale()
		return 0, "", false
	}
	assessor = r.Staff.NIP
	if len(r.Args) == 2 {
		assessor = r.Args[1]
	}
	if ok, err := mayDecideFor(r, assessor); err != nil || !ok {
		refuseWith(r, "rpt.apv_not_yours")
		return 0, "", false
	}
	return int(n), assessor, true
}

// cbPage turns to a page.
func (f *Feature) cbPage(r *bot.Request) error {
	page, assessor, ok := pageArgs(r)
	if !ok {
		return nil
	}
	return f.approvalPage(r, assessor, page)
}

// approvalPage shows one page of pending reports with their decision
// buttons, page navigation and "approve all on this page".
func (f *Feature) approvalPage(r *bot.Request, assessor string, page int) error {
	filter := pendingOf(assessor)
	total, err := r.Tx.CountReports(r.Ctx, filter)
	if err != nil {
		return err
	}
	size := f.cfg.PageSize
	pages := max((total+size-1)/size, 1)
	page = min(max(page, 0), pages-1)
	filter.Limit, filter.Offset = size, page*size
	reps, err := r.Tx.ListReports(r.Ctx, filter)
	if err != nil {
		return err
	}
	// Buttons name another assessor's list; the sender's own goes unnamed.
	var who []any
	if assessor != r.Staff.NIP {
		who = []any{assessor}
	}
	if len(reps) == 0 {
		sayPage(r, r.T("rpt.apv_none"))
		return nil
	}
	var sb strings.Builder
	sb.WriteString(r.T("rpt.apv_head", page+1, pages, total))
	if assessor != r.Staff.NIP {
		if a, err := actingFor(r, assessor); err != nil {
			return err
		} else if a != nil {
			sb.WriteString("\n" + r.T("rpt.apv_acting", nameOf(r, assessor), strings.ToUpper(string(a.Kind))))
		} else {
			sb.WriteString("\n" + r.T("rpt.apv_delegate", assessor))
		}
	}
	var rows [][]bot.Button
	targets, people := map[int64]*kinerja.Target{}, map[string]*kinerja.Staff{}
	for _, rep := range reps {
		line, err := reportLine(r, rep, targets, people)
		if err != nil {
			return err
		}
		sb.WriteString("\n\n" + line)
		row := []bot.Button{
			rptButtons.Button("✅ #"+strconv.FormatInt(rep.ID, 10), "a", rep.ID, rep.Version),
			rptButtons.Button("❌", "r", rep.ID, rep.Version),
			rptButtons.Button("↩️", "k", rep.ID, rep.Version),
			rptButtons.Button("🔎", "v", rep.ID, rep.Version),
		}
		if len(rep.Evidence) > 0 {
			row = append(row, rptButtons.Button("📎", "f", rep.ID, rep.Version))
		}
		rows = append(rows, row)
	}
	var nav []bot.Button
	if page > 0 {
		nav = append(nav, apvButtons.Button(r.T("rpt.btn_prev"), "p", append([]any{page - 1}, who...)...))
	}
	if page < pages-1 {
		nav = append(nav, apvButtons.Button(r.T("rpt.btn_next"), "p", append([]any{page + 1}, who...)...))
	}
	if len(nav) > 0 {
		rows = append(rows, nav)
	}
	rows = append(rows, []bot.Button{apvButtons.Button(r.T("rpt.btn_approve_page", len(reps)), "all", append([]any{page}, who...)...)})
	sayPage(r, sb.String(), rows...)
	return nil
}

// pageDescription is how much of a description a page shows; 🔎 shows all.
const pageDescription = 200

// reportLine is a report in a few lines for a page of /persetujuan, short
// enough that a page of ten fits one Telegram message.
func reportLine(r *bot.Request, rep *kinerja.Report, targets map[int64]*kinerja.Target, people map[string]*kinerja.Staff) (string, error) {
	t, err := cachedTarget(r.Ctx, r.Tx, targets, rep.TargetID)
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

// sayPage edits the page in place when a page button was pressed.
func sayPage(r *bot.Request, text string, buttons ...[]bot.Button) {
	if r.Callback != nil && strings.HasPrefix(r.Callback.Data, apvButtons.Data("p")+":") {
		r.ReplyEdit(text, buttons...)
		return
	}
	r.Reply(text, buttons...)
}

// cbAskApproveAll asks to confirm approving the reports on a page, and
// remembers them with their versions.
func (f *Feature) cbAskApproveAll(r *bot.Request) error {
	page, assessor, ok := pageArgs(r)
	if !ok {
		return nil
	}
	filter := pendingOf(assessor)
	filter.Limit, filter.Offset = f.cfg.PageSize, page*f.cfg.PageSize
	reps, err := r.Tx.ListReports(r.Ctx, filter)
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
	r.Reply(r.T("rpt.apv_all_ask", len(reps), strings.Join(ids, ", ")), []bot.Button{
		apvButtons.Button(r.T("rpt.btn_apv_all_yes", len(reps)), "y"),
		apvButtons.Button(r.T("rpt.btn_cancel"), "n"),
	})
	return nil
}

// cbApproveAll approves the reports that were on the confirmed page and
// are still pending at the same version; the others are left and counted.
func (f *Feature) cbApproveAll(r *bot.Request) error {
	if r.Session == nil || r.Session.Flow != flowApproveAll {
		return r.Stale()
	}
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
		if rep.NIP == r.Staff.NIP || !mayDecide(r, rep) ||
			rep.Status != kinerja.ReportPending || strconv.Itoa(rep.Version) != ver {
			skipped++
			continue
		}
		before := rep.AuditJSON()
		acting, err := actingFor(r, rep.AssessorNIP)
		if err != nil {
			return err
		}
		delegate := rep.AssessorNIP != r.Staff.NIP && acting == nil
		rep.Status, rep.DecidedBy, rep.DecidedAt, rep.DecidedAsDelegate, rep.UpdatedAt =
			kinerja.ReportApproved, r.Staff.NIP, r.Now, delegate, r.Now
		if err := r.Tx.UpdateReport(r.Ctx, rep); err != nil {
			return err
		}
		if err := auditReport(r, auditReportApprove, before, rep); err != nil {
			return err
		}
		if acting != nil {
			if err := auditActing(r, rep, acting); err != nil {
				return err
			}
		}
		if err := f.tellStaff(r, rep); err != nil {
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
