package evaluation

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
)

// Follow-up of poor results (rencana tindak lanjut): a confirmed Kurang or
// Sangat Kurang opens a record and tells the unit head and the admins; the
// head writes the coaching plan, names who carries it out and sets a
// review date in /tindaklanjut; the daily job reminds the head on the
// review date; "export --what followups" lists them.

// flowFollowUp is the dialogue of a plan: its text ("plan"), the
// responsible person ("resp") and the review date ("day").
const flowFollowUp = "tindaklanjut"

var followUpButtons = bot.Buttons{Prefix: "ftl"}

// planMax caps the plan and the responsible person's name.
const planMax = 1000

// registerFollowUp adds /tindaklanjut, its buttons and the dialogue.
func (f *Feature) registerFollowUp(b *bot.Bot) {
	b.Command(bot.CommandSpec{Name: "tindaklanjut", Roles: []kinerja.Role{kinerja.RoleStaff},
		Help: "ftl.cmd", Handle: f.cmdFollowUps})
	b.Flow(bot.FlowSpec{Name: flowFollowUp, Expired: "ftl.flow_expired", Handle: f.flowFollowUp})
	b.Button(bot.ButtonSpec{Buttons: followUpButtons, Action: "f", Args: 1, Handle: f.pressFill})
	b.Button(bot.ButtonSpec{Buttons: followUpButtons, Action: "me", Args: 1, Handle: f.pressResponsibleSelf})
	b.Button(bot.ButtonSpec{Buttons: followUpButtons, Action: "d", Args: 2, Handle: f.pressReviewDay})
	b.Button(bot.ButtonSpec{Buttons: followUpButtons, Action: "c", Args: 1, Handle: f.pressClose})
}

// poor reports whether a predikat calls for a follow-up.
func poor(p kinerja.Predikat) bool {
	return p == kinerja.PredikatKurang || p == kinerja.PredikatSangatKurang
}

// openFollowUp opens the follow-up of a confirmed poor result e (once per
// person and period) and tells the unit head and the admins. The head is
// the head of e's unit, or the assessor when the person heads it or the
// unit has none.
func (f *Feature) openFollowUp(r *bot.Request, e *kinerja.Evaluation) error {
	if !poor(e.Predikat) {
		return nil
	}
	head := e.AssessorNIP
	if u, err := r.Tx.Unit(r.Ctx, e.UnitCode); err == nil && u.HeadNIP != "" && u.HeadNIP != e.NIP {
		head = u.HeadNIP
	}
	fu := &kinerja.FollowUp{NIP: e.NIP, Period: e.Period, Predikat: e.Predikat, UnitCode: e.UnitCode, HeadNIP: head,
		CreatedAt: r.Now, UpdatedAt: r.Now}
	opened, err := r.Tx.OpenFollowUp(r.Ctx, fu)
	if err != nil || !opened {
		return err
	}
	if err := audit(r, "followup.open", "followup", strconv.FormatInt(fu.ID, 10), "", followUpJSON(fu)); err != nil {
		return err
	}
	name, period := nameOf(r, e.NIP), e.Period
	if h, err := r.Tx.Staff(r.Ctx, head); err == nil {
		sendTo(r, reaches(r, h), func(lang kinerja.Lang) (string, [][]bot.Button) {
			return bot.T(lang, "ftl.opened_head", name, string(e.Predikat), periodLabelOf(lang, period)),
				[][]bot.Button{{followUpButtons.Button(bot.T(lang, "ftl.btn_fill"), "f", fu.ID)}}
		})
	}
	list, err := admins(r)
	if err != nil {
		return err
	}
	for _, a := range list {
		if a.NIP != head {
			sendTo(r, a, func(lang kinerja.Lang) (string, [][]bot.Button) {
				return bot.T(lang, "ftl.opened_admin", name, periodLabelOf(lang, period), string(e.Predikat), nameOf(r, head)), nil
			})
		}
	}
	return nil
}

// followUpJSON is the audit record of a follow-up.
func followUpJSON(fu *kinerja.FollowUp) string {
	return `{"id":` + strconv.FormatInt(fu.ID, 10) + `,"nip":` + strconv.Quote(fu.NIP) + `,"period":` + strconv.Quote(fu.Period) +
		`,"predikat":` + strconv.Quote(string(fu.Predikat)) + `,"head":` + strconv.Quote(fu.HeadNIP) +
		`,"plan":` + strconv.Quote(fu.Plan) + `,"responsible":` + strconv.Quote(fu.Responsible) +
		`,"review_day":` + strconv.Quote(fu.ReviewDay) + `,"closed":` + strconv.FormatBool(fu.Closed) + `}`
}

// cmdFollowUps lists the sender's open follow-ups (every open one for an
// admin) with a button to fill in or change each plan.
func (f *Feature) cmdFollowUps(r *bot.Request) error {
	filter := kinerja.FollowUpFilter{HeadNIP: r.Staff.NIP, OpenOnly: true}
	if r.IsAdmin() {
		filter.HeadNIP = ""
	}
	list, err := r.Tx.ListFollowUps(r.Ctx, filter)
	if err != nil {
		return err
	}
	if len(list) == 0 {
		r.Reply(r.T("ftl.none"))
		return nil
	}
	var sb strings.Builder
	sb.WriteString(r.T("ftl.list_head", len(list)))
	var rows [][]bot.Button
	for _, fu := range list {
		sb.WriteString("\n\n" + f.followUpLine(r, fu))
		label := r.T("ftl.btn_fill_for", nameOf(r, fu.NIP))
		rows = append(rows, []bot.Button{followUpButtons.Button(label, "f", fu.ID)})
		if fu.Filled() {
			rows = append(rows, []bot.Button{followUpButtons.Button(r.T("ftl.btn_close", nameOf(r, fu.NIP)), "c", fu.ID)})
		}
	}
	r.Reply(sb.String(), rows...)
	return nil
}

// followUpLine describes one follow-up.
func (f *Feature) followUpLine(r *bot.Request, fu *kinerja.FollowUp) string {
	line := r.T("ftl.line", nameOf(r, fu.NIP), periodLabelOf(r.Lang, fu.Period), string(fu.Predikat), nameOf(r, fu.HeadNIP))
	if !fu.Filled() {
		return line + "\n" + r.T("ftl.line_empty")
	}
	return line + "\n" + r.T("ftl.line_plan", fu.Plan, fu.Responsible, dayLabel(r.Lang, fu.ReviewDay, r.Loc()))
}

// dayLabel names a stored day, or returns it as is.
func dayLabel(lang kinerja.Lang, day string, loc *time.Location) string {
	t, err := time.ParseInLocation(kinerja.DayLayout, day, loc)
	if err != nil {
		return day
	}
	return bot.DateLabel(lang, t)
}

// editable loads follow-up idArg that the sender may fill in: its head, the
// one acting for them, or an admin; never a closed one.
func (f *Feature) editable(r *bot.Request, idArg string) (*kinerja.FollowUp, error) {
	id, err := strconv.ParseInt(idArg, 10, 64)
	if err != nil || r.Staff == nil {
		return nil, kinerja.Errorf(kinerja.EForbidden, "err.followup_not_yours")
	}
	fu, err := r.Tx.FollowUp(r.Ctx, id)
	if err != nil {
		return nil, err
	}
	ok := r.IsAdmin()
	if !ok {
		if ok, err = actsAs(r, fu.HeadNIP); err != nil {
			return nil, err
		}
	}
	if !ok {
		return nil, kinerja.Errorf(kinerja.EForbidden, "err.followup_not_yours")
	}
	if fu.Closed {
		return nil, kinerja.Errorf(kinerja.EConflict, "err.followup_closed")
	}
	return fu, nil
}

// pressFill starts the dialogue of the plan: "ftl:f:<id>".
func (f *Feature) pressFill(r *bot.Request) error {
	if err := r.EndFlowIf(flowFollowUp); err != nil {
		return err
	}
	fu, err := f.editable(r, r.Args[0])
	if err != nil {
		return err
	}
	r.StartFlow(flowFollowUp, "plan", map[string]string{"id": r.Args[0]})
	if err := r.SaveSession(); err != nil {
		return err
	}
	r.Reply(r.T("ftl.ask_plan", nameOf(r, fu.NIP), periodLabelOf(r.Lang, fu.Period), string(fu.Predikat)))
	return nil
}

// flowFollowUp receives the plan, then the responsible person, then a
// typed review date.
func (f *Feature) flowFollowUp(r *bot.Request) error {
	d := r.Session.Data
	fu, err := f.editable(r, d["id"])
	if err != nil {
		return r.EndFlowWith(err)
	}
	if r.Kind != bot.KindText {
		r.Reply(r.T("eval.reason_text_only"))
		return nil
	}
	text := strings.TrimSpace(r.Text)
	switch r.Session.Step {
	case "plan":
		if n := utf8.RuneCountInString(text); n < reasonMin || n > planMax {
			r.Reply(r.T("err.followup_plan_len", n, reasonMin, planMax))
			return nil
		}
		d["plan"], r.Session.Step = text, "resp"
		if err := r.SaveSession(); err != nil {
			return err
		}
		r.Reply(r.T("ftl.ask_responsible"), []bot.Button{followUpButtons.Button(r.T("ftl.btn_me"), "me", fu.ID)})
		return nil
	case "resp":
		if n := utf8.RuneCountInString(text); n < 3 || n > 200 {
			r.Reply(r.T("err.followup_resp_len"))
			return nil
		}
		return f.askReviewDay(r, fu, text)
	case "day":
		t, err := time.ParseInLocation(kinerja.DayLayout, text, r.Loc())
		if err != nil || !t.After(r.Now) {
			r.Reply(r.T("err.followup_day"))
			return nil
		}
		return f.savePlan(r, fu, text)
	}
	return r.EndFlow()
}

// pressResponsibleSelf names the sender as responsible: "ftl:me:<id>".
func (f *Feature) pressResponsibleSelf(r *bot.Request) error {
	fu, err := f.planInProgress(r, "resp")
	if err != nil || fu == nil {
		return err
	}
	return f.askReviewDay(r, fu, r.Staff.Name)
}

// planInProgress loads the follow-up of the open dialogue at step, or
// answers a press that no longer applies (nil).
func (f *Feature) planInProgress(r *bot.Request, step string) (*kinerja.FollowUp, error) {
	s := r.Session
	if s == nil || s.Flow != flowFollowUp || s.Step != step || s.Data["id"] != r.Args[0] {
		return nil, r.Stale()
	}
	fu, err := f.editable(r, r.Args[0])
	if err != nil {
		return nil, r.EndFlowWith(err)
	}
	return fu, nil
}

// askReviewDay keeps the responsible person and offers review dates.
func (f *Feature) askReviewDay(r *bot.Request, fu *kinerja.FollowUp, responsible string) error {
	r.Session.Data["resp"], r.Session.Step = responsible, "day"
	if err := r.SaveSession(); err != nil {
		return err
	}
	var row []bot.Button
	for _, days := range []int{14, 30, 90} {
		row = append(row, followUpButtons.Button(dayLabel(r.Lang, reviewDayIn(r, days), r.Loc()), "d", fu.ID, days))
	}
	r.Reply(r.T("ftl.ask_day", responsible), row)
	return nil
}

// reviewDayIn is the local day days after today.
func reviewDayIn(r *bot.Request, days int) string {
	return kinerja.DayString(r.Now.In(r.Loc()).AddDate(0, 0, days), r.Loc())
}

// pressReviewDay takes a review date offered: "ftl:d:<id>:<days>".
func (f *Feature) pressReviewDay(r *bot.Request) error {
	days, ok := r.ArgInt(1)
	if !ok || days < 1 || days > 366 {
		return r.Stale()
	}
	fu, err := f.planInProgress(r, "day")
	if err != nil || fu == nil {
		return err
	}
	return f.savePlan(r, fu, reviewDayIn(r, int(days)))
}

// savePlan records the plan of the dialogue with review day day.
func (f *Feature) savePlan(r *bot.Request, fu *kinerja.FollowUp, day string) error {
	before := followUpJSON(fu)
	fu.Plan, fu.Responsible, fu.ReviewDay, fu.UpdatedAt = r.Session.Data["plan"], r.Session.Data["resp"], day, r.Now
	if err := r.Tx.UpdateFollowUp(r.Ctx, fu); err != nil {
		return err
	}
	id := strconv.FormatInt(fu.ID, 10)
	if err := audit(r, "followup.plan", "followup", id, before, followUpJSON(fu)); err != nil {
		return err
	}
	if fu.HeadNIP != "" {
		if err := f.auditOnBehalf(r, "followup", id, fu.HeadNIP); err != nil {
			return err
		}
	}
	if err := r.EndFlow(); err != nil {
		return err
	}
	r.Reply(r.T("ftl.saved", nameOf(r, fu.NIP), dayLabel(r.Lang, day, r.Loc())))
	return nil
}

// pressClose closes a filled follow-up after its review: "ftl:c:<id>".
func (f *Feature) pressClose(r *bot.Request) error {
	if err := r.EndFlowIf(flowFollowUp); err != nil {
		return err
	}
	fu, err := f.editable(r, r.Args[0])
	if err != nil {
		return err
	}
	if !fu.Filled() {
		return kinerja.Errorf(kinerja.EInvalid, "err.followup_not_filled")
	}
	before := followUpJSON(fu)
	fu.Closed, fu.UpdatedAt = true, r.Now
	if err := r.Tx.UpdateFollowUp(r.Ctx, fu); err != nil {
		return err
	}
	if err := audit(r, "followup.close", "followup", r.Args[0], before, followUpJSON(fu)); err != nil {
		return err
	}
	r.ReplyEdit(r.T("ftl.closed", nameOf(r, fu.NIP), periodLabelOf(r.Lang, fu.Period)))
	return nil
}

// followUps reminds each head of the open follow-ups whose review day has
// come, once per follow-up and review day.
func (q *clockRun) followUps() error {
	list, err := q.tx.ListFollowUps(q.ctx, kinerja.FollowUpFilter{OpenOnly: true})
	if err != nil {
		return err
	}
	today := kinerja.DayString(q.at, q.loc())
	for _, fu := range list {
		if !fu.Filled() || fu.ReviewDay > today || fu.HeadNIP == "" {
			continue
		}
		to, err := q.reviewers(&kinerja.Objection{ReviewerNIP: fu.HeadNIP})
		if err != nil {
			return err
		}
		slot := "followup-review/" + strconv.FormatInt(fu.ID, 10) + "/" + fu.ReviewDay
		if err := q.send(slot, to, func(lang kinerja.Lang) (string, [][]kinerja.OutboxButton) {
			return bot.T(lang, "ftl.review_reminder", q.name(fu.NIP), periodLabelOf(lang, fu.Period), string(fu.Predikat),
					fu.Plan, fu.Responsible, dayLabel(lang, fu.ReviewDay, q.loc())),
				[][]kinerja.OutboxButton{
					{{Text: bot.T(lang, "ftl.btn_close", q.name(fu.NIP)), Data: followUpButtons.Data("c", fu.ID)}},
					{{Text: bot.T(lang, "ftl.btn_replan"), Data: followUpButtons.Data("f", fu.ID)}},
				}
		}); err != nil {
			return err
		}
	}
	return nil
}

// FollowUpHeader is the header row of the follow-ups export.
var FollowUpHeader = []string{"id", "nip", "name", "unit_code", "period", "predikat", "head_nip", "head_name",
	"plan", "responsible", "review_day", "status", "opened_at", "updated_at"}

// FollowUpTable lists the follow-ups of results in period p (a month, or
// the months of a quarter, semester or year), open and closed.
func (f *Feature) FollowUpTable(ctx context.Context, p kinerja.Period) ([][]string, error) {
	db := f.deps.Store
	list, err := db.ListFollowUps(ctx, kinerja.FollowUpFilter{})
	if err != nil {
		return nil, err
	}
	loc := f.deps.Location
	name := func(nip string) string {
		if st, err := db.Staff(ctx, nip); err == nil {
			return st.Name
		}
		return ""
	}
	rows := [][]string{FollowUpHeader}
	for _, fu := range list {
		fp, err := kinerja.ParsePeriod(fu.Period)
		if err != nil || fp.Start(loc).Before(p.Start(loc)) || fp.End(loc).After(p.End(loc)) {
			continue
		}
		status := "open"
		if fu.Closed {
			status = "closed"
		}
		rows = append(rows, []string{strconv.FormatInt(fu.ID, 10), fu.NIP, name(fu.NIP), fu.UnitCode, fu.Period,
			string(fu.Predikat), fu.HeadNIP, name(fu.HeadNIP), fu.Plan, fu.Responsible, fu.ReviewDay, status,
			fu.CreatedAt.In(loc).Format(time.DateTime), fu.UpdatedAt.In(loc).Format(time.DateTime)})
	}
	return rows, nil
}

// followUpSheets is the follow-ups export as one sheet.
func (f *Feature) followUpSheets(ctx context.Context, p kinerja.Period) ([]sheet.Sheet, error) {
	rows, err := f.FollowUpTable(ctx, p)
	if err != nil {
		return nil, err
	}
	return []sheet.Sheet{{Name: "Tindak lanjut " + p.String(), Header: rows[0], Rows: rows[1:]}}, nil
}
