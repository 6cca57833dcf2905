package jobs

import (
	"context"
	"fmt"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// leavesOn returns the leave spans that cover or follow the day of at, by NIP.
func (s *Service) leavesOn(ctx context.Context, tx runStore, at time.Time) (map[string][]*kinerja.Leave, error) {
	// A year back, so a reporting window that skips leave days can see them.
	list, err := tx.Leaves(ctx, "", kinerja.DayString(at.AddDate(-1, 0, 0), s.loc()))
	if err != nil {
		return nil, err
	}
	out := map[string][]*kinerja.Leave{}
	for _, l := range list {
		out[l.NIP] = append(out[l.NIP], l)
	}
	return out, nil
}

// onLeave reports whether nip is on leave on the day of t.
func (s *Service) onLeave(r *jobRun, nip string, t time.Time) bool {
	day := kinerja.DayString(t, s.loc())
	for _, l := range r.leaves[nip] {
		if l.Covers(day) {
			return true
		}
	}
	return false
}

// unreachableRetry is how long a person who blocked the bot gets no
// reminders before the bot tries again.
const unreachableRetry = 7 * 24 * time.Hour

// Reasons a person gets no reminder, as shown to operators.
const (
	leftNotLinked   = "not linked to Telegram"
	leftOnLeave     = "on leave"
	leftUnreachable = "unreachable (blocked the bot)"
	leftNotOnRoster = "not on the roster"
)

// recipient returns a person who may get a reminder today and their
// language; when they may not (not on the roster, not linked, on leave,
// unreachable) it records and returns the reason instead.
func (s *Service) recipient(r *jobRun, nip string) (st *kinerja.Staff, lang kinerja.Lang, reason string, err error) {
	st, err = r.tx.Staff(r.ctx, nip)
	if kinerja.ErrorCode(err) == kinerja.ENotFound {
		r.leave(leftNotOnRoster, nip)
		return nil, "", leftNotOnRoster, nil
	} else if err != nil {
		return nil, "", "", err
	}
	lang, reason, err = s.reachable(r, st)
	return st, lang, reason, err
}

// reachable checks a roster entry as recipient (see recipient).
func (s *Service) reachable(r *jobRun, st *kinerja.Staff) (kinerja.Lang, string, error) {
	left := func(reason string) (kinerja.Lang, string, error) {
		r.leave(reason, st.Name+" ("+st.NIP+")")
		return "", reason, nil
	}
	if !st.Linked() {
		return left(leftNotLinked)
	}
	if s.onLeave(r, st.NIP, r.at) {
		return left(leftOnLeave)
	}
	lang := s.deps.DefaultLang
	a, err := r.tx.Account(r.ctx, st.TelegramID)
	switch {
	case err == nil:
		// A person who blocked the bot is skipped for a week, then tried
		// again: nothing tells the bot when they unblock it, and one refused
		// message a week (the admins hear of it) beats silence for ever.
		if a.Unreachable && r.at.Sub(a.UpdatedAt) < unreachableRetry {
			return left(leftUnreachable)
		}
		if a.Lang != "" {
			lang = a.Lang
		}
	case kinerja.ErrorCode(err) != kinerja.ENotFound:
		return "", "", err
	}
	return lang, "", nil
}

// message builds a message to a person.
func message(st *kinerja.Staff, text string, buttons ...[]kinerja.OutboxButton) *kinerja.OutboxMessage {
	return &kinerja.OutboxMessage{ChatID: st.TelegramID, NIP: st.NIP, Label: st.Name, Text: text, Buttons: buttonRows(buttons)}
}

// buttonRows drops empty button rows.
func buttonRows(rows [][]kinerja.OutboxButton) [][]kinerja.OutboxButton {
	var out [][]kinerja.OutboxButton
	for _, r := range rows {
		if len(r) > 0 {
			out = append(out, r)
		}
	}
	return out
}

// admins returns the linked admins who may get a copy today, with their
// languages.
func (s *Service) admins(r *jobRun) ([]*kinerja.Staff, []kinerja.Lang, error) {
	all, err := r.tx.ListStaff(r.ctx, kinerja.StaffFilter{LinkedOnly: true})
	if err != nil {
		return nil, nil, err
	}
	var out []*kinerja.Staff
	var langs []kinerja.Lang
	for _, st := range all {
		if !st.Admin {
			continue
		}
		lang, reason, err := s.reachable(r, st)
		if err != nil {
			return nil, nil, err
		}
		if reason == "" {
			out = append(out, st)
			langs = append(langs, lang)
		}
	}
	return out, langs, nil
}

// notWorking explains, for operators, why the day of at is no working day.
func (s *Service) notWorking(at time.Time) string {
	if h, ok := s.cfg.Calendar.Holiday(at); ok {
		return fmt.Sprintf("%s is a holiday (%s): no reminders", kinerja.DayString(at, s.loc()), h.Name)
	}
	return fmt.Sprintf("%s is a %s: no reminders", kinerja.DayString(at, s.loc()), at.In(s.loc()).Weekday())
}
