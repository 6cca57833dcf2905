package leave

import (
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// cmdLeave shows the leave of the sender (or, for an admin, of a NIP), or
// records it at once from "[NIP] FROM [TO]".
func cmdLeave(r *bot.Request) error {
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
		return showLeave(r, r.Tx, target, false)
	case 1, 2:
		from, ok := bot.ParseDay(args[0], r.Today())
		if !ok {
			r.Reply(r.T("cuti.bad_date", args[0]))
			return nil
		}
		to := from
		if len(args) == 2 {
			if to, ok = bot.ParseDay(args[1], r.Today()); !ok {
				r.Reply(r.T("cuti.bad_date", args[1]))
				return nil
			}
		}
		return saveLeave(r, r.Tx, target, from, to)
	}
	r.Reply(r.T("cuti.usage"))
	return nil
}

// showLeave lists the current and coming leave of target with buttons to
// add or remove a span.
func showLeave(r *bot.Request, s leaveStore, target *kinerja.Staff, edit bool) error {
	list, err := s.Leaves(r.Ctx, target.NIP, kinerja.DayString(r.Now, r.Loc()))
	if err != nil {
		return err
	}
	var sb strings.Builder
	if target.NIP == r.Staff.NIP {
		sb.WriteString(r.T("cuti.head_own"))
	} else {
		sb.WriteString(r.T("cuti.head_other", target.Name, target.NIP))
	}
	var rows [][]bot.Button
	if len(list) == 0 {
		sb.WriteString("\n" + r.T("cuti.none"))
	}
	for _, l := range list {
		from, to := storedDay(l.From, r.Loc()), storedDay(l.To, r.Loc())
		sb.WriteString("\n• " + spanLabel(r.Lang, from, to))
		if l.Note != "" {
			sb.WriteString(" — " + bot.Esc(l.Note))
		}
		rows = append(rows, []bot.Button{buttons.Button(r.T("cuti.delete_button", shortSpanLabel(r.Lang, from, to)), "del", l.ID, target.NIP)})
	}
	sb.WriteString("\n\n" + r.T("cuti.explain"))
	rows = append([][]bot.Button{{buttons.Button(r.T("cuti.add_button"), "add", target.NIP)}}, rows...)
	if edit {
		r.ReplyEdit(sb.String(), rows...)
	} else {
		r.Reply(sb.String(), rows...)
	}
	return nil
}

// pressAdd starts the dialogue of adding a span for the NIP pressed.
func pressAdd(r *bot.Request) error {
	if !mayManage(r, r.Args[0]) {
		r.Answer(r.T("cuti.admin_only"))
		return nil
	}
	r.StartFlow(flow, "from", map[string]string{"nip": r.Args[0]})
	r.Session.MessageID = r.Callback.MessageID
	r.ReplyEdit(r.T("cuti.ask_from"), fromButtons(r))
	return r.SaveSession()
}

// pressDelete removes one span ("del:ID:NIP").
func pressDelete(r *bot.Request) error {
	if !mayManage(r, r.Args[1]) {
		r.Answer(r.T("cuti.admin_only"))
		return nil
	}
	id, _ := r.ArgInt(0)
	return deleteLeave(r, r.Tx, id, r.Args[1])
}

// pressPick returns the handler of the quick picks of step ("from" or
// "to"): "from:today", "from:tomorrow", "to:same" (the last day is the
// first). A pick left from another step or dialogue is stale.
func pressPick(step string) bot.Handler {
	return func(r *bot.Request) error {
		if r.Session == nil || r.Session.Flow != flow || r.Session.Step != step {
			return r.Stale()
		}
		day := r.Today()
		switch r.Args[0] {
		case "tomorrow":
			day = day.AddDate(0, 0, 1)
		case "same":
			day = storedDay(r.Session.Data["from"], r.Loc())
		}
		return takeDay(r, day)
	}
}

// deleteLeave removes one span of nip, checked against the stored list:
// callback data is not trusted.
func deleteLeave(r *bot.Request, s leaveStore, id int64, nip string) error {
	list, err := s.Leaves(r.Ctx, nip, "0000-00-00")
	if err != nil {
		return err
	}
	for _, l := range list {
		if l.ID == id {
			if err := s.DeleteLeave(r.Ctx, id); err != nil {
				return err
			}
			r.Answer(r.T("cuti.deleted"))
			st, err := s.Staff(r.Ctx, nip)
			if err != nil {
				return err
			}
			return showLeave(r, s, st, true)
		}
	}
	return r.Stale()
}

// fromButtons are the quick picks of the first day.
func fromButtons(r *bot.Request) []bot.Button {
	return []bot.Button{buttons.Button(r.T("cuti.today"), "from", "today"), buttons.Button(r.T("cuti.tomorrow"), "from", "tomorrow")}
}

// typedDay takes a typed date at the current step.
func typedDay(r *bot.Request) error {
	if r.Kind != bot.KindText {
		r.Reply(r.T("cuti.type_date"))
		return nil
	}
	day, ok := bot.ParseDay(r.Text, r.Today())
	if !ok {
		r.Reply(r.T("cuti.bad_date", strings.TrimSpace(r.Text)))
		return nil
	}
	return takeDay(r, day)
}

// takeDay records the first day, or the last day and then the span.
func takeDay(r *bot.Request, day time.Time) error {
	s := r.Session
	if !mayManage(r, s.Data["nip"]) {
		r.Reply(r.T("cuti.admin_only"))
		return r.EndFlow()
	}
	if s.Step == "from" {
		s.Data["from"] = kinerja.DayString(day, r.Loc())
		s.Step = "to"
		r.ReplyEdit(r.T("cuti.ask_to", dayLabel(r.Lang, day)), []bot.Button{buttons.Button(r.T("cuti.one_day"), "to", "same")})
		return r.SaveSession()
	}
	from := storedDay(s.Data["from"], r.Loc())
	if day.Before(from) {
		r.Reply(r.T("cuti.end_before_start", dayLabel(r.Lang, from)))
		return nil
	}
	st, err := r.Tx.Staff(r.Ctx, s.Data["nip"])
	if err != nil {
		return err
	}
	if err := r.EndFlow(); err != nil {
		return err
	}
	return saveLeave(r, r.Tx, st, from, day)
}

// saveLeave stores a span after checking it, confirms, and tells the
// person when an admin recorded it for them.
func saveLeave(r *bot.Request, s leaveStore, target *kinerja.Staff, from, to time.Time) error {
	today := r.Today()
	switch {
	case to.Before(from):
		r.Reply(r.T("cuti.end_before_start", dayLabel(r.Lang, from)))
		return nil
	case daysBetween(from, to, r.Loc()) >= maxDays:
		r.Reply(r.T("cuti.too_long", maxDays))
		return nil
	case from.Before(today.AddDate(-1, 0, 0)) || from.After(today.AddDate(1, 0, 0)):
		r.Reply(r.T("cuti.out_of_range"))
		return nil
	}
	l := &kinerja.Leave{NIP: target.NIP, From: kinerja.DayString(from, r.Loc()), To: kinerja.DayString(to, r.Loc()),
		SetBy: r.Staff.NIP, CreatedAt: r.Now}
	if err := s.AddLeave(r.Ctx, l); err != nil {
		return err
	}
	span := spanLabel(r.Lang, from, to)
	if target.NIP == r.Staff.NIP {
		r.Reply(r.T("cuti.saved_own", bot.Raw(span)))
	} else {
		r.Reply(r.T("cuti.saved_other", target.Name, bot.Raw(span)))
		if target.Linked() {
			lang := r.Bot().LangOf(r.Ctx, r.Tx, target.TelegramID)
			r.Send(bot.OutMessage{ChatID: target.TelegramID, Text: bot.T(lang, "cuti.saved_by_admin", bot.Raw(spanLabel(lang, from, to)))})
		}
	}
	return nil
}
