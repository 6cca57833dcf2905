// Package acting is /plt: an admin records, lists and ends acting
// assessors (Plt/Plh) in chat, as the "kinerjabot acting" command does.
// While an assignment holds, reports, reminders, evaluations and
// objections that would go to the absent assessor go to the acting one
// (bot/report, bot/evaluation); this package only keeps the assignments.
// The checks are the command line's: kinerja.Acting.Check for the kind,
// the people and the days, the store for the roster and for overlaps.
package acting

import (
	"context"
	"fmt"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// flow is the dialogue of a new assignment. Its steps: "for" (the absent
// assessor), "by" (the acting one), "from", "to", "kind", "confirm".
const flow = "plt"

// buttons are /plt's inline buttons: "plt:new", "plt:list",
// "plt:end:ID" and "plt:endok:ID", and inside the dialogue "plt:p:STEP:NIP"
// (a person picked), "plt:cal:YYYYMMDD" (another fortnight of the
// calendar), "plt:d:YYYYMMDD" (a day picked), "plt:k:plt|plh", "plt:ok"
// and "plt:no".
var buttons = bot.Buttons{Prefix: "plt"}

// Feature is /plt.
type Feature struct {
	deps bot.Deps
}

// New returns the acting assignments feature.
func New(deps bot.Deps) *Feature { return &Feature{deps: deps.WithDefaults()} }

// Register adds /plt, its buttons and its dialogue to b. Only admins may
// use any of them; every press is checked again.
func (f *Feature) Register(b *bot.Bot) {
	admin := []kinerja.Role{kinerja.RoleAdmin}
	b.Command(bot.CommandSpec{Name: "plt", Aliases: []string{"acting"}, Roles: admin,
		Help: "plt.cmd", Handle: f.cmdList})
	for _, s := range []struct {
		action string
		args   int
		h      bot.Handler
	}{
		{"new", 0, f.pressNew}, {"list", 0, f.pressList}, {"end", 1, f.pressEnd}, {"endok", 1, f.pressEndOK},
		{"p", 2, f.pressPerson}, {"cal", 1, f.pressCalendar}, {"d", 1, f.pressDay}, {"k", 1, f.pressKind},
		{"ok", 0, f.pressSave}, {"no", 0, f.pressCancel},
	} {
		b.Button(bot.ButtonSpec{Buttons: buttons, Action: s.action, Args: s.args, Roles: admin, Handle: s.h})
	}
	b.Flow(bot.FlowSpec{Name: flow, Handle: f.typed})
}

// actingStore is what /plt reads and writes; a kinerja.Tx is one.
type actingStore interface {
	kinerja.ActingStore
	Staff(ctx context.Context, nip string) (*kinerja.Staff, error)
	ListStaff(ctx context.Context, f kinerja.StaffFilter) ([]*kinerja.Staff, error)
	AppendAudit(ctx context.Context, e *kinerja.AuditEntry) error
}

var _ actingStore = kinerja.Tx(nil)

// cmdList shows the assignments in force or to come.
func (f *Feature) cmdList(r *bot.Request) error { return f.showList(r, false) }

// pressList shows the list again in place.
func (f *Feature) pressList(r *bot.Request) error {
	if err := r.EndFlowIf(flow); err != nil {
		return err
	}
	return f.showList(r, true)
}

// showList writes the assignments that have not run out, each with a
// button to end it, and a button to record a new one.
func (f *Feature) showList(r *bot.Request, edit bool) error {
	var s actingStore = r.Tx
	all, err := s.ListActing(r.Ctx, kinerja.ActingFilter{})
	if err != nil {
		return err
	}
	today := kinerja.DayOf(r.Now, r.Loc())
	var sb strings.Builder
	sb.WriteString(r.T("plt.head"))
	rows := [][]bot.Button{{buttons.Button(r.T("plt.btn_new"), "new")}}
	n := 0
	for _, a := range all {
		if a.To < today {
			continue // over: kept for the record, no longer shown
		}
		n++
		sb.WriteString("\n\n" + describe(r, s, a))
		if a.Holds(today) {
			sb.WriteString(" " + r.T("plt.in_force"))
		}
		rows = append(rows, []bot.Button{buttons.Button(r.T("plt.btn_end", a.ID), "end", a.ID)})
	}
	if n == 0 {
		sb.WriteString("\n\n" + r.T("plt.none"))
	}
	sb.WriteString("\n\n" + r.T("plt.explain"))
	if edit {
		r.ReplyEdit(sb.String(), rows...)
	} else {
		r.Reply(sb.String(), rows...)
	}
	return nil
}

// describe writes one assignment: "#3 PLH: Hendra bertindak untuk dr.
// Yulia, Senin, 9 November 2026 – Jumat, 13 November 2026".
func describe(r *bot.Request, s actingStore, a *kinerja.Acting) string {
	return r.T("plt.line", a.ID, strings.ToUpper(string(a.Kind)), personLabel(r, s, a.ByNIP), personLabel(r, s, a.ForNIP),
		bot.Raw(spanLabel(r.Lang, a.From, a.To, r.Loc())))
}

// personLabel is "Name (NIP)", or the NIP of someone no longer on the roster.
func personLabel(r *bot.Request, s actingStore, nip string) string {
	if st, err := s.Staff(r.Ctx, nip); err == nil {
		return st.Name + " (" + nip + ")"
	}
	return nip
}

// pressEnd asks before ending assignment ID.
func (f *Feature) pressEnd(r *bot.Request) error {
	a, err := f.assignment(r)
	if err != nil || a == nil {
		return err
	}
	r.ReplyEdit(r.T("plt.end_ask", bot.Raw(describe(r, r.Tx, a))),
		[]bot.Button{buttons.Button(r.T("plt.btn_end_yes"), "endok", a.ID), buttons.Button(r.T("plt.btn_back"), "list")})
	return nil
}

// pressEndOK ends assignment ID now, records it in the audit log and tells
// the acting one.
func (f *Feature) pressEndOK(r *bot.Request) error {
	a, err := f.assignment(r)
	if err != nil || a == nil {
		return err
	}
	var s actingStore = r.Tx
	ended, err := End(r.Ctx, s, a.ID, r.Now, r.Staff.NIP)
	if ended == nil && err != nil {
		return r.ReplyError(err)
	} else if err != nil {
		return err
	}
	r.Answer(r.T("plt.ended_short"))
	f.notify(r, s, ended, "plt.notify_ended")
	return f.showList(r, true)
}

// assignment reads the assignment a press names, answering a press on one
// that is unknown or already ended as stale: callback data is not trusted.
func (f *Feature) assignment(r *bot.Request) (*kinerja.Acting, error) {
	id, ok := r.ArgInt(0)
	if !ok {
		return nil, r.Stale()
	}
	all, err := r.Tx.ListActing(r.Ctx, kinerja.ActingFilter{})
	if err != nil {
		return nil, err
	}
	for _, a := range all {
		if a.ID == id {
			return a, nil
		}
	}
	return nil, r.Stale()
}

// notify tells the acting and the absent person (when linked) about a,
// with text key (arguments: kind, acting name, absent name, the days).
func (f *Feature) notify(r *bot.Request, s actingStore, a *kinerja.Acting, key string) {
	by, err1 := s.Staff(r.Ctx, a.ByNIP)
	of, err2 := s.Staff(r.Ctx, a.ForNIP)
	if err1 != nil || err2 != nil {
		return
	}
	for _, st := range []*kinerja.Staff{by, of} {
		if !st.Linked() || st.NIP == r.Staff.NIP {
			continue
		}
		lang := r.Bot().LangOf(r.Ctx, r.Tx, st.TelegramID)
		r.Send(bot.OutMessage{ChatID: st.TelegramID, Text: noticeText(lang, key, a, by, of, r.Loc())})
	}
}

// noticeText is the notice key (plt.notify_new, plt.notify_ended) of a
// to the acting one (by) or the absent one (of).
func noticeText(lang kinerja.Lang, key string, a *kinerja.Acting, by, of *kinerja.Staff, loc *time.Location) string {
	return bot.T(lang, key, strings.ToUpper(string(a.Kind)), by.Name, of.Name, bot.Raw(spanLabel(lang, a.From, a.To, loc)))
}

// NoticeStore is what Notices reads.
type NoticeStore interface {
	Staff(ctx context.Context, nip string) (*kinerja.Staff, error)
	Account(ctx context.Context, telegramID int64) (*kinerja.Account, error)
}

// Notices are the outbox messages that tell the acting and the absent
// person (when linked) of an assignment recorded (ended false) or ended
// on the command line, the same as in chat, in each one's language (def
// when they chose none).
func Notices(ctx context.Context, s NoticeStore, a *kinerja.Acting, ended bool, loc *time.Location, def kinerja.Lang, now time.Time) ([]*kinerja.OutboxMessage, error) {
	key := "plt.notify_new"
	if ended {
		key = "plt.notify_ended"
	}
	by, err := s.Staff(ctx, a.ByNIP)
	if err != nil {
		return nil, err
	}
	of, err := s.Staff(ctx, a.ForNIP)
	if err != nil {
		return nil, err
	}
	var out []*kinerja.OutboxMessage
	for _, st := range []*kinerja.Staff{by, of} {
		if !st.Linked() {
			continue
		}
		lang := def
		if acc, err := s.Account(ctx, st.TelegramID); err == nil && acc.Lang != "" {
			lang = acc.Lang
		}
		out = append(out, &kinerja.OutboxMessage{ChatID: st.TelegramID, NIP: st.NIP, Label: st.Name,
			Text: noticeText(lang, key, a, by, of, loc), CreatedAt: now, NotBefore: now})
	}
	return out, nil
}

// JSON is an assignment's audit record, the same as the command line's.
func JSON(a *kinerja.Acting) string {
	return fmt.Sprintf(`{"by":%q,"for":%q,"from":%q,"id":%d,"kind":%q,"to":%q}`, a.ByNIP, a.ForNIP, a.From, a.ID, a.Kind, a.To)
}

// spanLabel writes the days of an assignment with weekdays.
func spanLabel(lang kinerja.Lang, from, to string, loc *time.Location) string {
	f, t := dayOf(from, loc), dayOf(to, loc)
	if from == to {
		return dayLabel(lang, f)
	}
	return dayLabel(lang, f) + " – " + dayLabel(lang, t)
}

// dayOf is local midnight of "YYYY-MM-DD" (the zero time when unreadable).
func dayOf(day string, loc *time.Location) time.Time {
	t, _ := time.ParseInLocation(time.DateOnly, day, loc)
	return t
}

// dayLabel writes "Senin, 9 November 2026".
func dayLabel(lang kinerja.Lang, t time.Time) string {
	return bot.WeekdayName(lang, t.Weekday()) + ", " + bot.DateLabel(lang, t)
}
