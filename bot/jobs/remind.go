package jobs

import (
	"sort"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// remindApprovals sends each assessor with pending reports one digest:
// how many, how long the oldest has waited, and a button to open them.
// Assessors with nothing pending get nothing.
func (s *Service) remindApprovals(r *jobRun) ([]*kinerja.OutboxMessage, error) {
	if !s.cfg.Calendar.WorkingDay(r.at) {
		return r.skip("%s", s.notWorking(r.at))
	}
	src := s.cfg.Sources.Approvals
	if src == nil {
		return r.skip("no data source yet: work reports (pending approvals) are not in this build")
	}
	pend, err := src.PendingApprovals(r.ctx, r.tx)
	if err != nil {
		return nil, err
	}
	sort.Slice(pend, func(a, b int) bool { return pend[a].AssessorNIP < pend[b].AssessorNIP })
	var out []*kinerja.OutboxMessage
	for _, p := range pend {
		if p.Count <= 0 {
			continue
		}
		st, lang, reason, err := s.recipient(r, p.AssessorNIP)
		if err != nil {
			return nil, err
		}
		if reason != "" {
			continue
		}
		text := bot.T(lang, "jobs.approvals", p.Count, bot.Raw(s.age(lang, p.Oldest, r.at)))
		if p.Lines != nil {
			text += "\n\n" + p.Lines(lang)
		}
		out = append(out, message(st, text, openRow(lang, "persetujuan", "jobs.open_approvals"), snoozeRow(lang)))
	}
	return out, nil
}

// age says how long ago (in calendar days) since was, and since when.
func (s *Service) age(lang kinerja.Lang, since, now time.Time) string {
	since = since.In(s.loc())
	switch n := calendarDays(since, now, s.loc()); {
	case n <= 0:
		return bot.T(lang, "jobs.age_today")
	case n == 1:
		return bot.T(lang, "jobs.age_one_day", longDate(lang, since))
	default:
		return bot.T(lang, "jobs.age_days", n, longDate(lang, since))
	}
}

// remindEvaluation reminds assessors whose evaluations of the period just
// ended (the previous month, or the previous quarter in the month after
// it when evaluations are quarterly) are unfinished, on each working day
// from the 1st to the deadline. On the last working day up to the
// deadline the admins get the list.
func (s *Service) remindEvaluation(r *jobRun) ([]*kinerja.OutboxMessage, error) {
	loc, at := s.loc(), r.at
	deadline := kinerja.Date(at.Year(), at.Month(), s.cfg.EvaluationDeadline, loc)
	if at.Day() > s.cfg.EvaluationDeadline {
		return r.skip("%s is after the evaluation deadline (day %d of the month): no reminders",
			kinerja.DayString(at, loc), s.cfg.EvaluationDeadline)
	}
	if !s.cfg.Calendar.WorkingDay(at) {
		return r.skip("%s", s.notWorking(at))
	}
	src := s.cfg.Sources.Evaluation
	if src == nil {
		return r.skip("no data source yet: evaluations are not in this build")
	}
	period, ok := kinerja.JustEnded(s.cfg.EvaluationPeriod, at, loc)
	if !ok {
		return r.skip("no %s ended at the start of %s: no evaluations are due", s.cfg.EvaluationPeriod, kinerja.MonthOf(at, loc))
	}
	list, err := src.Unfinished(r.ctx, r.tx, period)
	if err != nil {
		return nil, err
	}
	sort.Slice(list, func(a, b int) bool { return list[a].AssessorNIP < list[b].AssessorNIP })
	last, _ := s.cfg.Calendar.LastWorkingDayUpTo(kinerja.Date(at.Year(), at.Month(), 1, loc), deadline)
	lastDay := kinerja.Day(at, loc).Equal(last)
	var out []*kinerja.OutboxMessage
	type line struct {
		who          string
		count, parts int
		reason       string // why the assessor got no reminder, "" if they did
	}
	var lines []line
	for _, u := range list {
		if u.Count <= 0 && u.Parts <= 0 {
			continue
		}
		st, lang, reason, err := s.recipient(r, u.AssessorNIP)
		if err != nil {
			return nil, err
		}
		who := u.AssessorNIP
		if st != nil {
			who = st.Name + " (" + st.NIP + ")"
		}
		lines = append(lines, line{who, u.Count, u.Parts, reason})
		if reason != "" {
			continue
		}
		var text string
		open := openRow(lang, "nilai", "jobs.open_evaluation")
		switch {
		case u.Count > 0:
			text = bot.T(lang, "jobs.evaluation", bot.PeriodLabel(lang, period), u.Count, longDate(lang, deadline))
			if u.Parts > 0 {
				text += "\n\n" + bot.T(lang, "jobs.evaluation_parts_too", u.Parts)
			}
		default:
			// Only parts of people who moved away to rate (evaluation.transfer_split).
			text = bot.T(lang, "jobs.evaluation_parts", bot.PeriodLabel(lang, period), u.Parts, longDate(lang, deadline))
			if u.OpenParts != "" {
				open = []kinerja.OutboxButton{{Text: bot.T(lang, "jobs.open_parts"), Data: u.OpenParts}}
			}
		}
		if lastDay {
			text += "\n\n" + bot.T(lang, "jobs.evaluation_last_day")
		}
		out = append(out, message(st, text, open, snoozeRow(lang)))
	}
	if !lastDay || len(lines) == 0 {
		return out, nil
	}
	admins, langs, err := s.admins(r)
	if err != nil {
		return nil, err
	}
	for i, a := range admins {
		lang := langs[i]
		var sb strings.Builder
		sb.WriteString(bot.T(lang, "jobs.evaluation_admin", bot.PeriodLabel(lang, period), longDate(lang, deadline), len(lines)))
		for _, l := range lines {
			sb.WriteString("\n• " + bot.T(lang, "jobs.evaluation_admin_line", l.who, l.count))
			if l.parts > 0 {
				sb.WriteString(" " + bot.T(lang, "jobs.evaluation_admin_parts", l.parts))
			}
			if l.reason != "" {
				sb.WriteString(" " + bot.T(lang, "jobs.not_reminded", bot.T(lang, "jobs.left."+leftKey(l.reason))))
			}
		}
		out = append(out, message(a, sb.String()))
	}
	return out, nil
}

// leftKey turns a reason constant into the tail of its text key.
func leftKey(reason string) string {
	switch reason {
	case leftNotLinked:
		return "not_linked"
	case leftOnLeave:
		return "on_leave"
	case leftUnreachable:
		return "unreachable"
	}
	return "not_on_roster"
}

// remindReporting reminds the linked staff who sent no report in their last
// N working days (today included, their own leave days skipped), and only
// them. Nobody is reminded on a day off or while on leave.
func (s *Service) remindReporting(r *jobRun) ([]*kinerja.OutboxMessage, error) {
	loc, at := s.loc(), r.at
	if !s.cfg.Calendar.WorkingDay(at) {
		return r.skip("%s", s.notWorking(at))
	}
	src := s.cfg.Sources.Reporting
	if src == nil {
		return r.skip("no data source yet: work reports are not in this build")
	}
	staff, err := r.tx.ListStaff(r.ctx, kinerja.StaffFilter{LinkedOnly: true})
	if err != nil {
		return nil, err
	}
	n := s.cfg.ReportingDays
	starts := map[string]time.Time{}
	earliest := kinerja.Day(at, loc)
	for _, st := range staff {
		away := func(d time.Time) bool { return s.onLeave(r, st.NIP, d) }
		days := s.cfg.Calendar.WorkingDaysBefore(at, n-1, away)
		if len(days) < n-1 {
			continue // away for most of a year: nothing to remind about
		}
		start := kinerja.Day(at, loc)
		if len(days) > 0 {
			start = days[len(days)-1]
		}
		starts[st.NIP] = start
		if start.Before(earliest) {
			earliest = start
		}
	}
	last, err := src.LastReports(r.ctx, r.tx, earliest)
	if err != nil {
		return nil, err
	}
	var out []*kinerja.OutboxMessage
	for _, st := range staff {
		start, ok := starts[st.NIP]
		if !ok {
			continue
		}
		if t, sent := last[st.NIP]; sent && !t.Before(start) {
			continue
		}
		lang, reason, err := s.reachable(r, st)
		if err != nil {
			return nil, err
		}
		if reason != "" {
			continue
		}
		text := bot.T(lang, "jobs.reporting", n, longDate(lang, start))
		out = append(out, message(st, text, openRow(lang, "lapor", "jobs.open_report"), snoozeRow(lang)))
	}
	return out, nil
}
