package bot

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// The /lapor dialogue: indicator → quantity → day → description → evidence
// → preview (Kirim / Ubah / Batal). Answers live in the session data under
// these keys; "rid" and "ver" are set when an existing report is edited.
const (
	flowLapor = "lapor"

	stepTarget  = "target"
	stepQty     = "qty"
	stepDate    = "date"
	stepDesc    = "desc"
	stepEv      = "ev"
	stepPreview = "preview"
	stepEdit    = "edit"
)

// registerReports adds work reports, approvals and achievement.
func (b *Bot) registerReports() {
	b.cfg.Reports = b.cfg.Reports.withDefaults()
	staff := []kinerja.Role{kinerja.RoleStaff}
	b.Command(CommandSpec{Name: "lapor", Roles: staff, Help: "rpt.cmd_lapor", Example: "rpt.ex_lapor", Handle: b.cmdLapor})
	b.Command(CommandSpec{Name: "laporan", Roles: staff, Help: "rpt.cmd_laporan", Handle: b.cmdLaporan})
	b.Command(CommandSpec{Name: "capaian", Roles: staff, Help: "rpt.cmd_capaian", Example: "rpt.ex_capaian", Handle: b.cmdCapaian})
	b.Command(CommandSpec{Name: "persetujuan", Roles: []kinerja.Role{kinerja.RoleAssessor, kinerja.RoleAdmin},
		Help: "rpt.cmd_persetujuan", Handle: b.cmdPersetujuan})
	b.onCallback("lp", b.cbLapor)
	b.onFlow(flowLapor, b.flowLapor)
	b.flowExpiry[flowLapor] = "rpt.expired"
	b.registerMyReports()
	b.registerDecisions()
}

// cmdLapor starts a new report.
func (b *Bot) cmdLapor(r *Request) error {
	targets, err := b.openTargets(r)
	if err != nil {
		return err
	}
	if len(targets) == 0 {
		r.Reply(r.T("rpt.no_targets", reportMonthName(r.Lang, kinerja.MonthOf(r.Now, r.Loc()))))
		return nil
	}
	r.StartFlow(flowLapor, stepTarget, nil)
	return b.lpNext(r)
}

// openTargets returns the sender's targets that apply to a month still open
// for reports, each once.
func (b *Bot) openTargets(r *Request) ([]*kinerja.Target, error) {
	var out []*kinerja.Target
	seen := map[int64]bool{}
	for _, m := range b.openMonths(r.Now) {
		ts, err := r.Tx.TargetsFor(r.Ctx, r.Staff.NIP, m)
		if err != nil {
			return nil, err
		}
		for _, t := range ts {
			if !seen[t.ID] {
				seen[t.ID] = true
				out = append(out, t)
			}
		}
	}
	return out, nil
}

// openTarget returns the target with that id if it is the sender's and
// applies to an open month. Callback data is never trusted: a forged id for
// someone else's indicator ends here.
func (b *Bot) openTarget(r *Request, id int64) (*kinerja.Target, error) {
	t, err := r.Tx.Target(r.Ctx, id)
	if kinerja.ErrorCode(err) == kinerja.ENotFound {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	if t.NIP != r.Staff.NIP {
		return nil, nil
	}
	for _, m := range b.openMonths(r.Now) {
		if t.AppliesTo(m) {
			return t, nil
		}
	}
	return nil, nil
}

// lpSay shows a step: editing the pressed message for a button of the
// dialogue, a new message for typed input or a button elsewhere (the
// /laporan list stays in place when a report is opened for editing).
func lpSay(r *Request, text string, buttons ...[]Button) {
	if r.Callback != nil && strings.HasPrefix(r.Callback.Data, "lp:") {
		r.ReplyEdit(text, buttons...)
		return
	}
	r.Reply(text, buttons...)
}

// lpNext asks for the first answer that is missing or no longer valid (time
// passes; a changed indicator changes the bounds), or shows the preview.
func (b *Bot) lpNext(r *Request) error {
	d := r.Session.Data
	id, _ := strconv.ParseInt(d["tid"], 10, 64)
	t, err := b.openTarget(r, id)
	if err != nil {
		return err
	}
	if t == nil {
		delete(d, "tid")
		return b.lpAskTarget(r, "")
	}
	if q, key := parseQuantity(d["qty"]); key != "" || q > b.quantityBound(t) {
		delete(d, "qty")
		return b.lpAskQty(r, t, "")
	}
	if day, ok := parseWorkDate(d["date"], r.Today()); !ok {
		delete(d, "date")
		return b.lpAskDate(r, t, "")
	} else if key, args := b.dayProblem(t, day, r.Now); key != "" {
		delete(d, "date")
		return b.lpAskDate(r, t, r.T(key, args...))
	}
	if d["desc"] == "" {
		return b.lpAskDesc(r, "")
	}
	if d["evdone"] != "1" {
		return b.lpAskEvidence(r, "")
	}
	return b.lpPreview(r, t)
}

// lpStep saves the session at a new step.
func lpStep(r *Request, step string) error {
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

func (b *Bot) lpAskTarget(r *Request, note string) error {
	targets, err := b.openTargets(r)
	if err != nil {
		return err
	}
	if len(targets) == 0 {
		if err := r.EndFlow(); err != nil {
			return err
		}
		lpSay(r, r.T("rpt.no_targets", reportMonthName(r.Lang, kinerja.MonthOf(r.Now, r.Loc()))))
		return nil
	}
	cur := kinerja.MonthOf(r.Now, r.Loc()).String()
	var rows [][]Button
	for _, t := range targets {
		label := t.Code + " · " + t.Name
		if !t.Yearly() && t.Period != cur {
			label += " (" + t.Period + ")"
		}
		rows = append(rows, []Button{{Text: reportTrunc(label, 60), Data: "lp:t:" + strconv.FormatInt(t.ID, 10)}})
	}
	rows = append(rows, []Button{{Text: r.T("rpt.btn_cancel"), Data: "lp:x"}})
	lpSay(r, withNote(note, r.T("rpt.ask_target")), rows...)
	return lpStep(r, stepTarget)
}

func (b *Bot) lpAskQty(r *Request, t *kinerja.Target, note string) error {
	lpSay(r, withNote(note, r.T("rpt.ask_qty", t.Code, t.Name, t.Unit, reportNum(r.Lang, b.quantityBound(t)))),
		[]Button{{Text: r.T("rpt.btn_cancel"), Data: "lp:x"}})
	return lpStep(r, stepQty)
}

func (b *Bot) lpAskDate(r *Request, t *kinerja.Target, note string) error {
	today := r.Today()
	var row []Button
	for _, c := range []struct {
		key, data string
		days      int
	}{{"rpt.btn_today", "lp:d:0", 0}, {"rpt.btn_yesterday", "lp:d:1", 1}} {
		day := today.AddDate(0, 0, -c.days)
		if k, _ := b.dayProblem(t, day, r.Now); k == "" {
			row = append(row, Button{Text: r.T(c.key, day.Format("2/1")), Data: c.data})
		}
	}
	rows := [][]Button{}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	rows = append(rows, []Button{{Text: r.T("rpt.btn_cancel"), Data: "lp:x"}})
	lpSay(r, withNote(note, r.T("rpt.ask_date")), rows...)
	return lpStep(r, stepDate)
}

func (b *Bot) lpAskDesc(r *Request, note string) error {
	lpSay(r, withNote(note, r.T("rpt.ask_desc", maxDescription)), []Button{{Text: r.T("rpt.btn_cancel"), Data: "lp:x"}})
	return lpStep(r, stepDesc)
}

func (b *Bot) lpAskEvidence(r *Request, note string) error {
	ev := lpEvidence(r.Session.Data)
	done := r.T("rpt.btn_ev_skip")
	if len(ev) > 0 {
		done = r.T("rpt.btn_ev_done", len(ev))
	}
	rows := [][]Button{{{Text: done, Data: "lp:ev"}}}
	if len(ev) > 0 {
		rows = append(rows, []Button{{Text: r.T("rpt.btn_ev_clear"), Data: "lp:evc"}})
	}
	rows = append(rows, []Button{{Text: r.T("rpt.btn_cancel"), Data: "lp:x"}})
	lpSay(r, withNote(note, r.T("rpt.ask_ev", b.cfg.Reports.MaxEvidence)), rows...)
	return lpStep(r, stepEv)
}

// lpEvidence decodes the evidence gathered so far.
func lpEvidence(d map[string]string) []kinerja.Evidence {
	var ev []kinerja.Evidence
	if s := d["ev"]; s != "" {
		_ = json.Unmarshal([]byte(s), &ev) // written only by lpSetEvidence
	}
	return ev
}

// lpSetEvidence stores the evidence list in the session.
func lpSetEvidence(d map[string]string, ev []kinerja.Evidence) {
	if len(ev) == 0 {
		delete(d, "ev")
		return
	}
	b, _ := json.Marshal(ev)
	d["ev"] = string(b)
}

// lpPreview shows the whole report with Kirim / Ubah / Batal.
func (b *Bot) lpPreview(r *Request, t *kinerja.Target) error {
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
	lpSay(r, sb.String(), []Button{
		{Text: r.T("rpt.btn_send"), Data: "lp:ok"},
		{Text: r.T("rpt.btn_change"), Data: "lp:ed"},
		{Text: r.T("rpt.btn_cancel"), Data: "lp:x"},
	})
	return lpStep(r, stepPreview)
}

// lpAskField offers the answers that can be changed from the preview.
func (b *Bot) lpAskField(r *Request) error {
	lpSay(r, r.T("rpt.ask_field"),
		[]Button{{Text: r.T("rpt.field_target"), Data: "lp:f:t"}, {Text: r.T("rpt.field_qty"), Data: "lp:f:q"}},
		[]Button{{Text: r.T("rpt.field_date"), Data: "lp:f:d"}, {Text: r.T("rpt.field_desc"), Data: "lp:f:s"}},
		[]Button{{Text: r.T("rpt.field_ev"), Data: "lp:f:e"}, {Text: r.T("rpt.btn_back"), Data: "lp:f:p"}},
	)
	return lpStep(r, stepEdit)
}

// cbLapor handles the buttons of the /lapor dialogue. Every press is checked
// against the open dialogue and its step: a button from an old message, or
// a forged one, changes nothing.
func (b *Bot) cbLapor(r *Request) error {
	args := callbackArgs(r.Callback.Data)
	if r.Staff == nil {
		r.Answer(r.T("core.need_link"))
		r.Reply(r.T("core.need_link"))
		return nil
	}
	if len(args) == 0 || r.Session == nil || r.Session.Flow != flowLapor {
		r.Answer(r.T("core.stale_button"))
		return nil
	}
	step, d := r.Session.Step, r.Session.Data
	stale := func() error { r.Answer(r.T("core.stale_button")); return nil }
	switch {
	case args[0] == "x":
		return b.lpCancel(r)
	case args[0] == "t" && step == stepTarget && len(args) == 2:
		id, _ := strconv.ParseInt(args[1], 10, 64)
		t, err := b.openTarget(r, id)
		if err != nil {
			return err
		}
		if t == nil {
			r.Answer(r.T("rpt.target_not_yours"))
			return b.lpAskTarget(r, r.T("rpt.target_not_yours"))
		}
		d["tid"] = args[1]
		return b.lpNext(r)
	case args[0] == "d" && step == stepDate && len(args) == 2 && (args[1] == "0" || args[1] == "1"):
		n, _ := strconv.Atoi(args[1])
		return b.lpSetDate(r, r.Today().AddDate(0, 0, -n))
	case args[0] == "ev" && step == stepEv:
		d["evdone"] = "1"
		return b.lpNext(r)
	case args[0] == "evc" && step == stepEv:
		delete(d, "ev")
		return b.lpAskEvidence(r, r.T("rpt.ev_cleared"))
	case args[0] == "ok" && step == stepPreview:
		return b.lpSubmit(r)
	case args[0] == "ed" && step == stepPreview:
		return b.lpAskField(r)
	case args[0] == "f" && step == stepEdit && len(args) == 2:
		switch args[1] {
		case "t":
			delete(d, "tid")
		case "q":
			delete(d, "qty")
		case "d":
			delete(d, "date")
		case "s":
			delete(d, "desc")
		case "e":
			delete(d, "evdone")
		case "p":
		default:
			return stale()
		}
		return b.lpNext(r)
	}
	return stale()
}

// lpCancel ends the dialogue without saving anything.
func (b *Bot) lpCancel(r *Request) error {
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
func (b *Bot) lpSetDate(r *Request, day time.Time) error {
	id, _ := strconv.ParseInt(r.Session.Data["tid"], 10, 64)
	t, err := b.openTarget(r, id)
	if err != nil || t == nil {
		return errOr(err, b.lpNext(r))
	}
	if key, args := b.dayProblem(t, day, r.Now); key != "" {
		return b.lpAskDate(r, t, r.T(key, args...))
	}
	r.Session.Data["date"] = day.Format(time.DateOnly)
	return b.lpNext(r)
}

// errOr returns err when set, otherwise other.
func errOr(err, other error) error {
	if err != nil {
		return err
	}
	return other
}
