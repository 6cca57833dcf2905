package acting

import (
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// The dialogue of a new assignment: the absent assessor and the acting one
// are found by typing a name or NIP and picking a button; the days are
// picked on a calendar of buttons (or typed); then the kind, and a summary
// to save or cancel. Nothing is stored before the last press.

// maxMatches is how many people a search offers as buttons.
const maxMatches = 8

// pressNew starts the dialogue.
func (f *Feature) pressNew(r *bot.Request) error {
	r.StartFlow(flow, "for", nil)
	r.Session.MessageID = r.Callback.MessageID
	r.ReplyEdit(r.T("plt.ask_for"), cancelRow(r))
	return r.SaveSession()
}

// pressCancel abandons the dialogue and shows the list.
func (f *Feature) pressCancel(r *bot.Request) error {
	if err := r.EndFlowIf(flow); err != nil {
		return err
	}
	r.Answer(r.T("plt.cancelled"))
	return f.showList(r, true)
}

// inStep reports whether the chat's dialogue is this one at one of steps.
func inStep(r *bot.Request, steps ...string) bool {
	if r.Session == nil || r.Session.Flow != flow {
		return false
	}
	for _, s := range steps {
		if r.Session.Step == s {
			return true
		}
	}
	return false
}

// typed takes a typed name or NIP (steps for, by) or date (from, to).
func (f *Feature) typed(r *bot.Request) error {
	if !r.IsAdmin() {
		return r.EndFlow()
	}
	text := strings.TrimSpace(r.Text)
	switch step := r.Session.Step; step {
	case "for", "by":
		if r.Kind != bot.KindText || text == "" {
			r.Reply(r.T("plt.type_name"))
			return nil
		}
		return f.search(r, step, text)
	case "from", "to":
		day, ok := bot.ParseDay(text, r.Today())
		if r.Kind != bot.KindText || !ok {
			r.Reply(r.T("plt.bad_date", text))
			return nil
		}
		return f.takeDay(r, day)
	}
	r.Reply(r.T("plt.use_buttons"))
	return nil
}

// search offers the people whose NIP starts with, or whose name contains
// every word of, what was typed.
func (f *Feature) search(r *bot.Request, step, text string) error {
	var s actingStore = r.Tx
	all, err := s.ListStaff(r.Ctx, kinerja.StaffFilter{})
	if err != nil {
		return err
	}
	words := strings.Fields(strings.ToLower(text))
	nip := strings.Join(words, "")
	var found []*kinerja.Staff
	for _, st := range all {
		if matches(st, words, nip) {
			found = append(found, st)
		}
	}
	switch {
	case len(found) == 0:
		r.Reply(r.T("plt.no_match", text), cancelRow(r))
		return nil
	case len(found) > maxMatches:
		r.Reply(r.T("plt.too_many", len(found), text), cancelRow(r))
		return nil
	}
	var rows [][]bot.Button
	for _, st := range found {
		rows = append(rows, []bot.Button{buttons.Button(st.Name+" — "+st.Position+" ("+st.UnitCode+")", "p", step, st.NIP)})
	}
	rows = append(rows, cancelRow(r))
	r.Reply(r.T("plt.pick_"+step, len(found)), rows...)
	return nil
}

// matches reports whether st is what words (lower case) or nip (the words
// joined, for a NIP typed with spaces) describe.
func matches(st *kinerja.Staff, words []string, nip string) bool {
	if len(nip) >= 4 && strings.HasPrefix(st.NIP, nip) {
		return true
	}
	name := strings.ToLower(st.Name)
	for _, w := range words {
		if !strings.Contains(name, w) {
			return false
		}
	}
	return len(words) > 0
}

// pressPerson takes the person picked for step ("p:STEP:NIP").
func (f *Feature) pressPerson(r *bot.Request) error {
	step, nip := r.Args[0], r.Args[1]
	if !inStep(r, step) || (step != "for" && step != "by") {
		return r.Stale()
	}
	st, err := r.Tx.Staff(r.Ctx, nip)
	if err != nil {
		return r.ReplyError(err)
	}
	d := r.Session.Data
	if step == "by" && nip == d["for"] {
		r.Answer(r.T("err.acting_self"))
		return nil
	}
	d[step] = nip
	if step == "for" {
		r.Session.Step = "by"
		r.ReplyEdit(r.T("plt.ask_by", st.Name), cancelRow(r))
		return r.SaveSession()
	}
	r.Session.Step = "from"
	r.ReplyEdit(r.T("plt.ask_from", f.who(r)), calendar(r, r.Today())...)
	return r.SaveSession()
}

// who is the summary of the people picked so far, for the prompts.
func (f *Feature) who(r *bot.Request) bot.Raw {
	d := r.Session.Data
	return bot.Raw(r.T("plt.who", personLabel(r, r.Tx, d["by"]), personLabel(r, r.Tx, d["for"])))
}

// pressCalendar shows the fortnight from another day ("cal:YYYYMMDD").
func (f *Feature) pressCalendar(r *bot.Request) error {
	day, ok := buttonDay(r.Args[0], r.Loc())
	if !inStep(r, "from", "to") || !ok {
		return r.Stale()
	}
	text := r.T("plt.ask_from", f.who(r))
	if r.Session.Step == "to" {
		text = r.T("plt.ask_to", f.who(r), bot.Raw(dayLabel(r.Lang, dayOf(r.Session.Data["from"], r.Loc()))))
	}
	r.ReplyEdit(text, calendar(r, day)...)
	return nil
}

// pressDay takes a day picked on the calendar ("d:YYYYMMDD").
func (f *Feature) pressDay(r *bot.Request) error {
	day, ok := buttonDay(r.Args[0], r.Loc())
	if !inStep(r, "from", "to") || !ok {
		return r.Stale()
	}
	return f.takeDay(r, day)
}

// reply asks the next question: in place of the pressed button's message,
// or after a typed answer as a new message, so the question and its
// buttons are the newest in the chat.
func reply(r *bot.Request, text string, rows ...[]bot.Button) {
	if r.Callback == nil {
		r.Reply(text, rows...)
		return
	}
	r.ReplyEdit(text, rows...)
}

// takeDay records the first or the last day and asks the next question.
func (f *Feature) takeDay(r *bot.Request, day time.Time) error {
	d := r.Session.Data
	if r.Session.Step == "from" {
		d["from"] = kinerja.DayOf(day, r.Loc())
		r.Session.Step = "to"
		reply(r, r.T("plt.ask_to", f.who(r), bot.Raw(dayLabel(r.Lang, day))), calendar(r, day)...)
		return r.SaveSession()
	}
	if kinerja.DayOf(day, r.Loc()) < d["from"] {
		r.Reply(r.T("err.acting_dates"))
		return nil
	}
	d["to"] = kinerja.DayOf(day, r.Loc())
	r.Session.Step = "kind"
	reply(r, r.T("plt.ask_kind", f.who(r), bot.Raw(spanLabel(r.Lang, d["from"], d["to"], r.Loc()))),
		[]bot.Button{buttons.Button(r.T("plt.btn_plt"), "k", "plt"), buttons.Button(r.T("plt.btn_plh"), "k", "plh")},
		cancelRow(r))
	return r.SaveSession()
}

// pressKind takes the kind and shows the summary to confirm.
func (f *Feature) pressKind(r *bot.Request) error {
	k := kinerja.ActingKind(r.Args[0])
	if !inStep(r, "kind") || !k.Valid() {
		return r.Stale()
	}
	r.Session.Data["kind"] = string(k)
	r.Session.Step = "confirm"
	a := draft(r)
	r.ReplyEdit(r.T("plt.confirm", bot.Raw(describeDraft(r, a))),
		[]bot.Button{buttons.Button(r.T("plt.btn_save"), "ok"), buttons.Button(r.T("plt.btn_cancel"), "no")})
	return r.SaveSession()
}

// draft is the assignment the dialogue describes.
func draft(r *bot.Request) *kinerja.Acting {
	d := r.Session.Data
	return &kinerja.Acting{ForNIP: d["for"], ByNIP: d["by"], Kind: kinerja.ActingKind(d["kind"]), From: d["from"], To: d["to"],
		CreatedAt: r.Now, CreatedBy: r.Staff.NIP}
}

// describeDraft writes an assignment not yet saved.
func describeDraft(r *bot.Request, a *kinerja.Acting) string {
	return r.T("plt.draft", strings.ToUpper(string(a.Kind)), personLabel(r, r.Tx, a.ByNIP), personLabel(r, r.Tx, a.ForNIP),
		bot.Raw(spanLabel(r.Lang, a.From, a.To, r.Loc())))
}

// pressSave checks and records the assignment (the same checks as the
// command line), writes the audit log and tells both people. A refusal
// (an overlap, someone no longer on the roster) is explained and the days
// are asked again, keeping the people.
func (f *Feature) pressSave(r *bot.Request) error {
	if !inStep(r, "confirm") {
		return r.Stale()
	}
	var s actingStore = r.Tx
	a := draft(r)
	err := Create(r.Ctx, s, a, r.Staff.NIP)
	if err != nil {
		key, args := kinerja.ErrorKey(err)
		if key == "" || kinerja.ErrorCode(err) == kinerja.EInternal {
			return err
		}
		r.Session.Step = "from"
		r.ReplyEdit(r.T(key, args...)+"\n\n"+r.T("plt.ask_from", f.who(r)), calendar(r, r.Today())...)
		return r.SaveSession()
	}
	if err := r.EndFlow(); err != nil {
		return err
	}
	r.Answer(r.T("plt.saved_short"))
	r.ReplyEdit(r.T("plt.saved", bot.Raw(describe(r, s, a))), []bot.Button{buttons.Button(r.T("plt.btn_list"), "list")})
	f.notify(r, s, a, "plt.notify_new")
	return nil
}

// cancelRow is the row with the cancel button.
func cancelRow(r *bot.Request) []bot.Button {
	return []bot.Button{buttons.Button(r.T("plt.btn_cancel"), "no")}
}
