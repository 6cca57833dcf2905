package bot

import (
	"strconv"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// Leave (/cuti): staff record when they are away so that reminders skip
// them; an admin can record it for anyone ("/cuti NIP"). Dates are typed
// in the usual Indonesian ways or picked with buttons.

const (
	leaveFlow   = "cuti"
	leaveMaxLen = 366 // days in one span
)

func (b *Bot) registerLeave() {
	b.Command(CommandSpec{Name: "cuti", Aliases: []string{"leave"}, Roles: []kinerja.Role{kinerja.RoleStaff},
		Help: "cuti.cmd", Example: "cuti.example", Handle: b.cmdLeave})
	b.onCallback("cuti", b.cbLeave)
	b.onFlow(leaveFlow, b.flowLeave)
}

// cmdLeave shows the leave of the sender (or, for an admin, of a NIP), or
// records it at once from "[NIP] FROM [TO]".
func (b *Bot) cmdLeave(r *Request) error {
	args := strings.Fields(r.Text)
	target := r.Staff
	if len(args) > 0 && kinerja.ValidNIP(args[0]) {
		if !r.IsAdmin() && args[0] != r.Staff.NIP {
			r.Reply(r.T("cuti.admin_only"))
			return nil
		}
		st, err := r.Tx.Staff(r.Ctx, args[0])
		if err != nil {
			return err
		}
		target, args = st, args[1:]
	}
	switch len(args) {
	case 0:
		return b.showLeave(r, target, false)
	case 1, 2:
		from, ok := parseLeaveDay(args[0], r.Today())
		if !ok {
			r.Reply(r.T("cuti.bad_date", args[0]))
			return nil
		}
		to := from
		if len(args) == 2 {
			if to, ok = parseLeaveDay(args[1], r.Today()); !ok {
				r.Reply(r.T("cuti.bad_date", args[1]))
				return nil
			}
		}
		return b.saveLeave(r, target, from, to)
	}
	r.Reply(r.T("cuti.usage"))
	return nil
}

// mayManage reports whether the sender may record leave for nip.
func mayManage(r *Request, nip string) bool {
	return r.Staff != nil && (r.Staff.NIP == nip || r.IsAdmin())
}

// showLeave lists the current and coming leave of target with buttons to
// add or remove a span.
func (b *Bot) showLeave(r *Request, target *kinerja.Staff, edit bool) error {
	list, err := r.Tx.Leaves(r.Ctx, target.NIP, kinerja.DayString(r.Now, r.Loc()))
	if err != nil {
		return err
	}
	var sb strings.Builder
	if target.NIP == r.Staff.NIP {
		sb.WriteString(r.T("cuti.head_own"))
	} else {
		sb.WriteString(r.T("cuti.head_other", target.Name, target.NIP))
	}
	var rows [][]Button
	if len(list) == 0 {
		sb.WriteString("\n" + r.T("cuti.none"))
	}
	for _, l := range list {
		from, to := leaveDay(l.From, r.Loc()), leaveDay(l.To, r.Loc())
		sb.WriteString("\n• " + leaveSpan(r.Lang, from, to))
		if l.Note != "" {
			sb.WriteString(" — " + Esc(l.Note))
		}
		rows = append(rows, []Button{{Text: r.T("cuti.delete_button", jobSpan(r.Lang, from, to)),
			Data: "cuti:del:" + strconv.FormatInt(l.ID, 10) + ":" + target.NIP}})
	}
	sb.WriteString("\n\n" + r.T("cuti.explain"))
	rows = append([][]Button{{{Text: r.T("cuti.add_button"), Data: "cuti:add:" + target.NIP}}}, rows...)
	if edit {
		r.ReplyEdit(sb.String(), rows...)
	} else {
		r.Reply(sb.String(), rows...)
	}
	return nil
}

// leaveDay turns a stored "YYYY-MM-DD" into local midnight.
func leaveDay(s string, loc *time.Location) time.Time {
	t, _ := time.ParseInLocation(kinerja.DayLayout, s, loc)
	return t
}

// leaveSpan writes a leave span with weekdays.
func leaveSpan(lang kinerja.Lang, from, to time.Time) string {
	if from.Equal(to) {
		return jobDate(lang, from)
	}
	return jobDate(lang, from) + " – " + jobDate(lang, to)
}

// cbLeave handles the buttons: add (start the dialogue), del (remove a
// span), from/to (quick picks within the dialogue).
func (b *Bot) cbLeave(r *Request) error {
	args := callbackArgs(r.Callback.Data)
	if len(args) < 2 || r.Staff == nil {
		r.Answer(r.T("core.stale_button"))
		return nil
	}
	switch args[0] {
	case "add":
		if !mayManage(r, args[1]) {
			r.Answer(r.T("cuti.admin_only"))
			return nil
		}
		r.StartFlow(leaveFlow, "from", map[string]string{"nip": args[1]})
		r.Session.MessageID = r.Callback.MessageID
		r.ReplyEdit(r.T("cuti.ask_from"), leaveFromButtons(r)...)
		return r.SaveSession()
	case "del":
		if len(args) != 3 || !mayManage(r, args[2]) {
			r.Answer(r.T("cuti.admin_only"))
			return nil
		}
		return b.deleteLeave(r, args[1], args[2])
	case "from", "to":
		if r.Session == nil || r.Session.Flow != leaveFlow || r.Session.Step != args[0] {
			r.Answer(r.T("core.stale_button"))
			return nil
		}
		day := r.Today()
		switch args[1] {
		case "tomorrow":
			day = day.AddDate(0, 0, 1)
		case "same":
			day = leaveDay(r.Session.Data["from"], r.Loc())
		}
		return b.leaveStep(r, day)
	}
	r.Answer(r.T("core.stale_button"))
	return nil
}

// deleteLeave removes one span of nip, checked against the stored list.
func (b *Bot) deleteLeave(r *Request, idText, nip string) error {
	id, _ := strconv.ParseInt(idText, 10, 64)
	list, err := r.Tx.Leaves(r.Ctx, nip, "0000-00-00")
	if err != nil {
		return err
	}
	for _, l := range list {
		if l.ID == id {
			if err := r.Tx.DeleteLeave(r.Ctx, id); err != nil {
				return err
			}
			r.Answer(r.T("cuti.deleted"))
			st, err := r.Tx.Staff(r.Ctx, nip)
			if err != nil {
				return err
			}
			return b.showLeave(r, st, true)
		}
	}
	r.Answer(r.T("core.stale_button"))
	return nil
}

func leaveFromButtons(r *Request) [][]Button {
	return [][]Button{{{Text: r.T("cuti.today"), Data: "cuti:from:today"}, {Text: r.T("cuti.tomorrow"), Data: "cuti:from:tomorrow"}}}
}

// flowLeave takes a typed date at the current step.
func (b *Bot) flowLeave(r *Request) error {
	if r.Kind != KindText {
		r.Reply(r.T("cuti.type_date"))
		return nil
	}
	day, ok := parseLeaveDay(r.Text, r.Today())
	if !ok {
		r.Reply(r.T("cuti.bad_date", strings.TrimSpace(r.Text)))
		return nil
	}
	return b.leaveStep(r, day)
}

// leaveStep records the start day, or the end day and then the span.
func (b *Bot) leaveStep(r *Request, day time.Time) error {
	s := r.Session
	if !mayManage(r, s.Data["nip"]) {
		r.Reply(r.T("cuti.admin_only"))
		return r.EndFlow()
	}
	if s.Step == "from" {
		s.Data["from"] = kinerja.DayString(day, r.Loc())
		s.Step = "to"
		r.ReplyEdit(r.T("cuti.ask_to", jobDate(r.Lang, day)),
			[]Button{{Text: r.T("cuti.one_day"), Data: "cuti:to:same"}})
		return r.SaveSession()
	}
	from := leaveDay(s.Data["from"], r.Loc())
	if day.Before(from) {
		r.Reply(r.T("cuti.end_before_start", jobDate(r.Lang, from)))
		return nil
	}
	st, err := r.Tx.Staff(r.Ctx, s.Data["nip"])
	if err != nil {
		return err
	}
	if err := r.EndFlow(); err != nil {
		return err
	}
	return b.saveLeave(r, st, from, day)
}

// saveLeave stores a span after checking it, and confirms.
func (b *Bot) saveLeave(r *Request, target *kinerja.Staff, from, to time.Time) error {
	today := r.Today()
	switch {
	case to.Before(from):
		r.Reply(r.T("cuti.end_before_start", jobDate(r.Lang, from)))
		return nil
	case jobDays(from, to, r.Loc()) >= leaveMaxLen:
		r.Reply(r.T("cuti.too_long", leaveMaxLen))
		return nil
	case from.Before(today.AddDate(-1, 0, 0)) || from.After(today.AddDate(1, 0, 0)):
		r.Reply(r.T("cuti.out_of_range"))
		return nil
	}
	l := &kinerja.Leave{NIP: target.NIP, From: kinerja.DayString(from, r.Loc()), To: kinerja.DayString(to, r.Loc()),
		SetBy: r.Staff.NIP, CreatedAt: r.Now}
	if err := r.Tx.AddLeave(r.Ctx, l); err != nil {
		return err
	}
	span := leaveSpan(r.Lang, from, to)
	if target.NIP == r.Staff.NIP {
		r.Reply(r.T("cuti.saved_own", Raw(span)))
	} else {
		r.Reply(r.T("cuti.saved_other", target.Name, Raw(span)))
		if target.Linked() {
			lang := b.langOf(r.Ctx, r.Tx, target.TelegramID)
			r.Send(OutMessage{ChatID: target.TelegramID, Text: T(lang, "cuti.saved_by_admin", Raw(leaveSpan(lang, from, to)))})
		}
	}
	return nil
}

// leaveMonths maps the first three letters of Indonesian and English
// month names to months.
var leaveMonths = map[string]time.Month{
	"jan": 1, "feb": 2, "peb": 2, "mar": 3, "apr": 4, "mei": 5, "may": 5, "jun": 6, "jul": 7,
	"agu": 8, "agt": 8, "aug": 8, "sep": 9, "okt": 10, "oct": 10, "nov": 11, "nop": 11, "des": 12, "dec": 12,
}

// parseLeaveDay reads a day as people type it: "5-12-2026", "5/12/2026",
// "5.12.2026", "2026-12-05", "5 Desember 2026", "5 des", "5-12" (this
// year), "hari ini", "besok". It returns local midnight.
func parseLeaveDay(s string, today time.Time) (time.Time, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	loc := today.Location()
	switch s {
	case "hari ini", "today", "hariini":
		return today, true
	case "besok", "tomorrow":
		return today.AddDate(0, 0, 1), true
	}
	if t, err := time.ParseInLocation(kinerja.DayLayout, s, loc); err == nil {
		return t, true
	}
	var parts []string
	if f := strings.Fields(s); len(f) >= 2 {
		m, ok := leaveMonths[f[1][:min(3, len(f[1]))]]
		if !ok {
			return time.Time{}, false
		}
		parts = []string{f[0], strconv.Itoa(int(m))}
		if len(f) == 3 {
			parts = append(parts, f[2])
		} else if len(f) > 3 {
			return time.Time{}, false
		}
	} else {
		parts = strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '/' || r == '.' })
	}
	if len(parts) < 2 || len(parts) > 3 {
		return time.Time{}, false
	}
	nums := make([]int, len(parts))
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil {
			return time.Time{}, false
		}
		nums[i] = n
	}
	year := today.Year()
	if len(nums) == 3 {
		year = nums[2]
		if year < 100 {
			year += 2000
		}
	}
	d, m := nums[0], nums[1]
	if m < 1 || m > 12 || d < 1 || d > 31 || year < 2000 || year > 2100 {
		return time.Time{}, false
	}
	t := kinerja.Date(year, time.Month(m), d, loc)
	if t.Day() != d { // 31 November and the like
		return time.Time{}, false
	}
	return t, true
}
