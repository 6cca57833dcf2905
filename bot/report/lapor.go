package report

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// The /lapor dialogue: indicator → quantity → day → description → evidence
// → preview (Kirim / Ubah / Batal). Answers live in the session data under
// "tid", "qty", "date", "desc", "ev" and "evdone"; "rid" and "ver" are set
// when an existing report is edited, "reason" when it was returned.
// Whatever is typed or pressed, lpNext asks for the first answer missing
// or no longer valid, so every path through the dialogue checks the same.
const (
	stepTarget  = "target"
	stepQty     = "qty"
	stepDate    = "date"
	stepDesc    = "desc"
	stepEv      = "ev"
	stepPreview = "preview"
	stepEdit    = "edit"
)

// registerLapor adds the dialogue's buttons and typed answers. Every press
// is checked against the open dialogue and its step: a button from an old
// message, or a forged one, changes nothing.
func (f *Feature) registerLapor(b *bot.Bot) {
	staff := []kinerja.Role{kinerja.RoleStaff}
	on := func(action string, args int, step string, h bot.Handler) {
		b.Button(bot.ButtonSpec{Buttons: lpButtons, Action: action, Args: args, Roles: staff, Handle: func(r *bot.Request) error {
			if r.Session == nil || r.Session.Flow != flowLapor || step != "" && r.Session.Step != step {
				return r.Stale()
			}
			return h(r)
		}})
	}
	on("x", 0, "", f.lpCancel)
	on("t", 1, stepTarget, f.lpPressTarget)
	on("d", 1, stepDate, f.lpPressDate)
	on("ev", 0, stepEv, func(r *bot.Request) error {
		r.Session.Data["evdone"] = "1"
		return f.lpNext(r)
	})
	on("evc", 0, stepEv, func(r *bot.Request) error {
		delete(r.Session.Data, "ev")
		return f.lpAskEvidence(r, r.T("rpt.ev_cleared"))
	})
	on("ok", 0, stepPreview, f.lpSubmit)
	on("ed", 0, stepPreview, f.lpAskField)
	on("f", 1, stepEdit, f.lpPressField)
	b.Flow(bot.FlowSpec{Name: flowLapor, Expired: "rpt.expired", Handle: f.flowLapor})
}

// cmdLapor starts a new report.
func (f *Feature) cmdLapor(r *bot.Request) error {
	targets, err := f.openTargets(r)
	if err != nil {
		return err
	}
	if len(targets) == 0 {
		r.Reply(r.T("rpt.no_targets", bot.MonthLabel(r.Lang, kinerja.MonthOf(r.Now, r.Loc()))))
		return nil
	}
	r.StartFlow(flowLapor, stepTarget, nil)
	return f.lpNext(r)
}

// lpSay shows a step: editing the pressed message for a button of the
// dialogue, a new message for typed input or a button elsewhere (the
// /laporan list stays in place when a report is opened for editing).
func lpSay(r *bot.Request, text string, buttons ...[]bot.Button) {
	if r.Callback != nil && strings.HasPrefix(r.Callback.Data, lpButtons.Prefix+":") {
		r.ReplyEdit(text, buttons...)
		return
	}
	r.Reply(text, buttons...)
}

// lpNext asks for the first answer that is missing or no longer valid (time
// passes; a changed indicator changes the bounds), or shows the preview.
func (f *Feature) lpNext(r *bot.Request) error {
	d := r.Session.Data
	t, err := f.lpCurrentTarget(r)
	if err != nil {
		return err
	}
	if t == nil {
		delete(d, "tid")
		return f.lpAskTarget(r, "")
	}
	if q, key := parseQuantityFor(d["qty"], t); key != "" || q > f.quantityBound(t) {
		delete(d, "qty")
		return f.lpAskQty(r, t, "")
	}
	if day, ok := parseWorkDate(d["date"], r.Today()); !ok {
		delete(d, "date")
		return f.lpAskDate(r, t, "")
	} else if key, args := f.dayProblem(t, day, r.Now); key != "" {
		delete(d, "date")
		return f.lpAskDate(r, t, r.T(key, args...))
	}
	if d["desc"] == "" {
		return f.lpAskDesc(r, "")
	}
	if d["evdone"] != "1" {
		return f.lpAskEvidence(r, "")
	}
	return f.lpPreview(r, t)
}

// lpStep saves the session at a new step.
func lpStep(r *bot.Request, step string) error {
	r.Session.Step = step
	return r.SaveSession()
}

// withNote puts a refusal above a prompt.
func withNote(note, prompt string) string {
	if note == "" {
		return prompt
	}
	return note + "\n\n" + prompt
}

// cancelRow is the dialogue's Batal button.
func cancelRow(r *bot.Request) []bot.Button {
	return []bot.Button{lpButtons.Button(r.T("rpt.btn_cancel"), "x")}
}

func (f *Feature) lpAskTarget(r *bot.Request, note string) error {
	targets, err := f.openTargets(r)
	if err != nil {
		return err
	}
	if len(targets) == 0 {
		if err := r.EndFlow(); err != nil {
			return err
		}
		lpSay(r, r.T("rpt.no_targets", bot.MonthLabel(r.Lang, kinerja.MonthOf(r.Now, r.Loc()))))
		return nil
	}
	cur := kinerja.MonthOf(r.Now, r.Loc()).String()
	var rows [][]bot.Button
	for _, t := range targets {
		label := t.Code + " · " + t.Name
		if !t.Yearly() && t.Period != cur {
			label += " (" + t.Period + ")"
		}
		rows = append(rows, []bot.Button{lpButtons.Button(reportTrunc(label, 60), "t", t.ID)})
	}
	rows = append(rows, cancelRow(r))
	lpSay(r, withNote(note, r.T("rpt.ask_target")), rows...)
	return lpStep(r, stepTarget)
}

func (f *Feature) lpAskQty(r *bot.Request, t *kinerja.Target, note string) error {
	lpSay(r, withNote(note, r.T("rpt.ask_qty", t.Code, t.Name, t.Unit, reportNum(r.Lang, f.quantityBound(t)))), cancelRow(r))
	return lpStep(r, stepQty)
}

func (f *Feature) lpAskDate(r *bot.Request, t *kinerja.Target, note string) error {
	today := r.Today()
	var row []bot.Button
	for _, c := range []struct {
		key  string
		days int
	}{{"rpt.btn_today", 0}, {"rpt.btn_yesterday", 1}} {
		day := today.AddDate(0, 0, -c.days)
		if k, _ := f.dayProblem(t, day, r.Now); k == "" {
			row = append(row, lpButtons.Button(r.T(c.key, day.Format("2/1")), "d", c.days))
		}
	}
	rows := [][]bot.Button{}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	rows = append(rows, cancelRow(r))
	lpSay(r, withNote(note, r.T("rpt.ask_date")), rows...)
	return lpStep(r, stepDate)
}

func (f *Feature) lpAskDesc(r *bot.Request, note string) error {
	lpSay(r, withNote(note, r.T("rpt.ask_desc", maxDescription)), cancelRow(r))
	return lpStep(r, stepDesc)
}

// lpPreview shows the whole report with Kirim / Ubah / Batal.
func (f *Feature) lpPreview(r *bot.Request, t *kinerja.Target) error {
	d := r.Session.Data
	q, _ := parseQuantity(d["qty"])
	var sb strings.Builder
	if d["rid"] != "" {
		sb.WriteString(r.T("rpt.preview_head_edit", d["rid"]))
	} else {
		sb.WriteString(r.T("rpt.preview_head"))
	}
	sb.WriteString("\n\n" + r.T("rpt.preview_body", t.Code, t.Name, reportNum(r.Lang, q), t.Unit,
		reportDay(r.Lang, d["date"]), d["desc"], len(lpEvidence(d))))
	if d["reason"] != "" {
		sb.WriteString("\n\n" + r.T("rpt.preview_returned", d["reason"]))
	}
	lpSay(r, sb.String(), []bot.Button{
		lpButtons.Button(r.T("rpt.btn_send"), "ok"),
		lpButtons.Button(r.T("rpt.btn_change"), "ed"),
		lpButtons.Button(r.T("rpt.btn_cancel"), "x"),
	})
	return lpStep(r, stepPreview)
}

// lpAskField offers the answers that can be changed from the preview.
func (f *Feature) lpAskField(r *bot.Request) error {
	field := func(key, code string) bot.Button { return lpButtons.Button(r.T(key), "f", code) }
	lpSay(r, r.T("rpt.ask_field"),
		[]bot.Button{field("rpt.field_target", "t"), field("rpt.field_qty", "q")},
		[]bot.Button{field("rpt.field_date", "d"), field("rpt.field_desc", "s")},
		[]bot.Button{field("rpt.field_ev", "e"), field("rpt.btn_back", "p")},
	)
	return lpStep(r, stepEdit)
}

// fieldAnswers maps the buttons of lpAskField to the answer each forgets
// ("" for Kembali, which forgets nothing).
var fieldAnswers = map[string]string{"t": "tid", "q": "qty", "d": "date", "s": "desc", "e": "evdone", "p": ""}

// lpPressField forgets the chosen answer so that lpNext asks it again.
func (f *Feature) lpPressField(r *bot.Request) error {
	key, ok := fieldAnswers[r.Args[0]]
	if !ok {
		return r.Stale()
	}
	if key != "" {
		delete(r.Session.Data, key)
	}
	return f.lpNext(r)
}

// lpPressTarget takes a chosen indicator, checked again.
func (f *Feature) lpPressTarget(r *bot.Request) error {
	id, _ := r.ArgInt(0) // not a number: no such target, refused below
	t, err := f.openTarget(r, id)
	if err != nil {
		return err
	}
	if t == nil {
		r.Answer(r.T("rpt.target_not_yours"))
		return f.lpAskTarget(r, r.T("rpt.target_not_yours"))
	}
	r.Session.Data["tid"] = strconv.FormatInt(t.ID, 10)
	return f.lpNext(r)
}

// lpPressDate takes Hari ini (0) or Kemarin (1).
func (f *Feature) lpPressDate(r *bot.Request) error {
	if a := r.Args[0]; a != "0" && a != "1" {
		return r.Stale()
	}
	n, _ := r.ArgInt(0)
	return f.lpSetDate(r, r.Today().AddDate(0, 0, -int(n)))
}

// lpCancel ends the dialogue without saving anything.
func (f *Feature) lpCancel(r *bot.Request) error {
	rid := r.Session.Data["rid"]
	if err := r.EndFlow(); err != nil {
		return err
	}
	if rid != "" {
		lpSay(r, r.T("rpt.edit_cancelled", rid))
	} else {
		lpSay(r, r.T("rpt.cancelled"))
	}
	r.Answer(r.T("rpt.cancelled_short"))
	return nil
}

// lpSetDate stores a chosen day after checking it.
func (f *Feature) lpSetDate(r *bot.Request, day time.Time) error {
	t, err := f.lpCurrentTarget(r)
	if err != nil || t == nil {
		return errOr(err, f.lpNext(r))
	}
	if key, args := f.dayProblem(t, day, r.Now); key != "" {
		return f.lpAskDate(r, t, r.T(key, args...))
	}
	r.Session.Data["date"] = day.Format(time.DateOnly)
	return f.lpNext(r)
}

// flowLapor handles what the user types or sends inside the dialogue.
func (f *Feature) flowLapor(r *bot.Request) error {
	if r.Staff == nil { // unlinked meanwhile
		if err := r.EndFlow(); err != nil {
			return err
		}
		r.Reply(r.T("core.need_link"))
		return nil
	}
	d := r.Session.Data
	if r.Session.Step == stepEv {
		return f.lpAddEvidence(r)
	}
	if r.Kind != bot.KindText {
		return f.lpRepeat(r, r.T("rpt.need_text"))
	}
	text := strings.TrimSpace(r.Text)
	switch r.Session.Step {
	case stepTarget:
		targets, err := f.openTargets(r)
		if err != nil {
			return err
		}
		for _, t := range targets {
			if strings.EqualFold(t.Code, text) {
				d["tid"] = strconv.FormatInt(t.ID, 10)
				return f.lpNext(r)
			}
		}
		return f.lpAskTarget(r, r.T("rpt.target_unknown", text))
	case stepQty:
		t, err := f.lpCurrentTarget(r)
		if err != nil || t == nil {
			return errOr(err, f.lpNext(r))
		}
		q, key := parseQuantityFor(text, t)
		if key == "" && q > f.quantityBound(t) {
			key = "rpt.qty_too_big"
		}
		switch key {
		case "":
		case "rpt.qty_too_big":
			return f.lpAskQty(r, t, r.T(key, reportNum(r.Lang, f.quantityBound(t)), t.Unit))
		default:
			return f.lpAskQty(r, t, r.T(key, text))
		}
		d["qty"] = strconv.FormatFloat(q, 'f', -1, 64)
		return f.lpNext(r)
	case stepDate:
		day, ok := parseWorkDate(text, r.Today())
		if !ok {
			t, err := f.lpCurrentTarget(r)
			if err != nil || t == nil {
				return errOr(err, f.lpNext(r))
			}
			return f.lpAskDate(r, t, r.T("rpt.date_invalid", text))
		}
		return f.lpSetDate(r, day)
	case stepDesc:
		if text == "" {
			return f.lpAskDesc(r, r.T("rpt.desc_empty"))
		}
		if n := utf8.RuneCountInString(text); n > maxDescription {
			return f.lpAskDesc(r, r.T("rpt.desc_too_long", n, maxDescription))
		}
		d["desc"] = text
		return f.lpNext(r)
	case stepPreview:
		switch strings.ToLower(text) {
		case "kirim", "send":
			return f.lpSubmit(r)
		case "ubah", "change", "edit":
			return f.lpAskField(r)
		case "batal", "cancel":
			return f.lpCancel(r)
		}
	}
	return f.lpRepeat(r, r.T("rpt.use_buttons"))
}

// lpRepeat shows the current step again under a note.
func (f *Feature) lpRepeat(r *bot.Request, note string) error {
	switch r.Session.Step {
	case stepDesc:
		return f.lpAskDesc(r, note)
	case stepTarget:
		return f.lpAskTarget(r, note)
	case stepEdit:
		r.Reply(note)
		return f.lpAskField(r)
	}
	t, err := f.lpCurrentTarget(r)
	if err != nil || t == nil {
		return errOr(err, f.lpNext(r))
	}
	switch r.Session.Step {
	case stepQty:
		return f.lpAskQty(r, t, note)
	case stepDate:
		return f.lpAskDate(r, t, note)
	}
	r.Reply(note)
	return f.lpPreview(r, t)
}

// lpSubmit saves the report (new, edited or corrected) after checking every
// answer again on the server, and queues the assessor's notification.
func (f *Feature) lpSubmit(r *bot.Request) error {
	d := r.Session.Data
	t, err := f.lpCurrentTarget(r)
	if err != nil {
		return err
	}
	q, qkey := parseQuantityFor(d["qty"], t)
	day, dok := parseWorkDate(d["date"], r.Today())
	desc := d["desc"]
	if t == nil || qkey != "" || q > f.quantityBound(t) || !dok || desc == "" ||
		utf8.RuneCountInString(desc) > maxDescription {
		return f.lpNext(r) // asks for whatever is no longer valid
	}
	if key, _ := f.dayProblem(t, day, r.Now); key != "" {
		return f.lpNext(r)
	}
	var tx submitStore = r.Tx
	assessor, err := tx.SuperiorAt(r.Ctx, r.Staff.NIP, r.Now)
	if err == nil && assessor != "" {
		assessor, err = assessorFor(r, assessor, day) // transfer.go
	}
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
		if rep, err = f.editableReport(r, id); err != nil || rep == nil {
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
		err = tx.CreateReport(r.Ctx, rep)
	} else {
		err = tx.UpdateReport(r.Ctx, rep)
		if err == nil {
			err = tx.SetEvidence(r.Ctx, rep.ID, ev)
			rep.Evidence = ev
		}
	}
	if err != nil {
		return err
	}
	if err := auditReport(r, action, before, rep); err != nil {
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
	// While someone acts for the assessor (Plt/Plh), the report goes to them.
	if a, err := kinerja.ActingFor(r.Ctx, r.Tx, assessor, r.Now, r.Loc()); err != nil {
		return err
	} else if a != nil {
		by, err := r.Tx.Staff(r.Ctx, a.ByNIP)
		if err != nil {
			return err
		}
		text, boss = r.T("rpt.sent_acting", rep.ID, by.Name, strings.ToUpper(string(a.Kind)), boss.Name), by
	}
	if !boss.Linked() {
		text += "\n" + r.T("rpt.assessor_unlinked")
	}
	lpSay(r, text)
	r.Answer(r.T("rpt.sent_short"))
	r.After(f.afterSubmit(r.Bot(), rep.ID, action))
	return nil
}
