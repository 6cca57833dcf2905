package jobs

import (
	"fmt"
	"math"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/chart"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

// summaryWeek returns local midnight of the Monday that starts the week a
// weekly summary run at instant at is about: the week before at's.
func (s *Service) summaryWeek(at time.Time) time.Time {
	day := kinerja.Day(at, s.loc())
	back := (int(day.Weekday()) + 6) % 7 // days since Monday
	return day.AddDate(0, 0, -back-7)
}

// groupOf returns a unit's group chat: the configuration's, else the roster's.
func (s *Service) groupOf(u *kinerja.Unit) int64 {
	if id, ok := s.cfg.UnitGroups[u.Code]; ok {
		return id
	}
	return u.GroupChatID
}

// unitIKM computes per-unit IKM for [from, to), or nil without a survey source.
func (s *Service) unitIKM(r *jobRun, from, to time.Time) (map[string]scoring.IKMResult, error) {
	if s.cfg.Sources.Survey == nil {
		return nil, nil
	}
	return s.cfg.Sources.Survey.UnitIKM(r.ctx, r.tx, from, to)
}

// ikmText writes an IKM with its grade, and the provisional mark when the
// unit has fewer respondents than the sample its population needs for
// period p (the survey feature's rule, so /ikm and the summaries agree).
func (s *Service) ikmText(lang kinerja.Lang, u *kinerja.Unit, p kinerja.Period, res scoring.IKMResult) string {
	text := bot.T(lang, "jobs.ikm_value", decimal(lang, res.IKM), string(res.Mutu), mutuName(lang, res.Mutu), res.Respondents)
	if n := s.cfg.Sources.Survey.SampleNeeded(u.Code, p); res.Respondents < n {
		text += " " + bot.T(lang, "jobs.provisional", res.Respondents, n)
	}
	return text
}

// mutuName is the regulation's name of a grade in lang.
func mutuName(lang kinerja.Lang, m scoring.Mutu) string {
	if lang == kinerja.LangEN {
		return m.KinerjaEN()
	}
	return m.Kinerja()
}

// summaryWeekly posts to each unit's group the previous week's reports
// (sent, approved, pending) and survey (respondents, the month's IKM so far).
func (s *Service) summaryWeekly(r *jobRun) ([]*kinerja.OutboxMessage, error) {
	src := s.cfg.Sources
	if src.Activity == nil && src.Survey == nil {
		return r.skip("no data source yet: neither work reports nor the survey are in this build")
	}
	from := s.summaryWeek(r.at)
	to := from.AddDate(0, 0, 7)
	monthStart := kinerja.Date(to.AddDate(0, 0, -1).Year(), to.AddDate(0, 0, -1).Month(), 1, s.loc())
	var activity map[string]UnitActivity
	if src.Activity != nil {
		var err error
		if activity, err = src.Activity.UnitActivity(r.ctx, r.tx, from, to); err != nil {
			return nil, err
		}
	}
	week, err := s.unitIKM(r, from, to)
	if err != nil {
		return nil, err
	}
	month, err := s.unitIKM(r, monthStart, to)
	if err != nil {
		return nil, err
	}
	units, err := r.tx.ListUnits(r.ctx)
	if err != nil {
		return nil, err
	}
	lang := s.deps.DefaultLang // groups read the deployment's language
	var out []*kinerja.OutboxMessage
	for _, u := range units {
		chat := s.groupOf(u)
		if chat == 0 {
			r.leave("no group chat configured", u.Name+" ("+u.Code+")")
			continue
		}
		var sb strings.Builder
		sb.WriteString(bot.T(lang, "jobs.weekly_head", u.Name, daySpan(lang, from, to.AddDate(0, 0, -1))))
		if activity != nil {
			a := activity[u.Code]
			sb.WriteString("\n\n" + bot.T(lang, "jobs.weekly_reports", a.Sent, a.Approved, a.Pending))
		}
		if src.Survey != nil {
			sb.WriteString("\n\n" + bot.T(lang, "jobs.weekly_survey", week[u.Code].Respondents))
			if res, ok := month[u.Code]; ok && res.Respondents > 0 {
				sb.WriteString("\n" + bot.T(lang, "jobs.weekly_ikm", bot.MonthLabel(lang, kinerja.MonthOf(monthStart, s.loc())), bot.Raw(s.ikmText(lang, u, kinerja.MonthOf(monthStart, s.loc()), res))))
			} else {
				sb.WriteString("\n" + bot.T(lang, "jobs.weekly_no_ikm", bot.MonthLabel(lang, kinerja.MonthOf(monthStart, s.loc()))))
			}
		}
		out = append(out, &kinerja.OutboxMessage{ChatID: chat, Label: bot.T(lang, "jobs.group_label", u.Name), Text: sb.String()})
	}
	return out, nil
}

// summaryMonthly posts the previous month's IKM and mutu of every unit, the
// predikat counts (never names), and a bar chart of IKM by unit, to each
// unit's group and the public channel. The text goes first and the chart
// after it, so a chart that cannot be drawn or sent never holds back the text.
func (s *Service) summaryMonthly(r *jobRun) ([]*kinerja.OutboxMessage, error) {
	src := s.cfg.Sources
	if src.Survey == nil && src.Evaluation == nil {
		return r.skip("no data source yet: neither the survey nor evaluations are in this build")
	}
	loc := s.loc()
	period := kinerja.MonthOf(r.at, loc).Prev()
	ikm, err := s.unitIKM(r, period.Start(loc), period.End(loc))
	if err != nil {
		return nil, err
	}
	var pred map[string]map[kinerja.Predikat]int
	evalPeriod := s.evaluatedMonth(r.at)
	if src.Evaluation != nil {
		if pred, err = src.Evaluation.PredikatCounts(r.ctx, r.tx, evalPeriod); err != nil {
			return nil, err
		}
		if pred == nil {
			pred = map[string]map[kinerja.Predikat]int{}
		}
	}
	units, err := r.tx.ListUnits(r.ctx)
	if err != nil {
		return nil, err
	}
	ranked := rankByIKM(units, ikm)
	lang := s.deps.DefaultLang
	speeds, err := s.unitSpeeds(r, units, period)
	if err != nil {
		return nil, err
	}

	// Chats: each unit's group (units sharing a group are marked together)
	// and the public channel.
	type target struct {
		chat  int64
		label string
		own   map[string]bool
	}
	var targets []*target
	byChat := map[int64]*target{}
	for _, u := range units {
		chat := s.groupOf(u)
		if chat == 0 {
			r.leave("no group chat configured", u.Name+" ("+u.Code+")")
			continue
		}
		t := byChat[chat]
		if t == nil {
			t = &target{chat: chat, label: bot.T(lang, "jobs.group_label", u.Name), own: map[string]bool{}}
			byChat[chat] = t
			targets = append(targets, t)
		}
		t.own[u.Code] = true
	}
	if ch := s.cfg.PublicChannel; ch != 0 && byChat[ch] == nil {
		targets = append(targets, &target{chat: ch, label: bot.T(lang, "jobs.channel_label"), own: map[string]bool{}})
	}
	var picture []byte
	if src.Survey != nil && len(ranked) > 0 {
		if picture, err = s.ikmChart(lang, period, ranked, ikm); err != nil {
			s.deps.Log.Warn("monthly summary: chart not drawn; the text goes alone", "err", err)
			picture = nil
		}
	}
	// The audit log's head, read in the run's transaction: published where
	// outsiders keep a copy, it shows later whether the log was cut back.
	seq, head, err := r.tx.AuditHead(r.ctx)
	if err != nil {
		return nil, err
	}
	var out []*kinerja.OutboxMessage
	for _, t := range targets {
		text := s.monthlyText(lang, period, evalPeriod, units, ranked, ikm, pred, t.own)
		text += speedText(lang, units, speeds, t.own)
		text += s.siteText(lang, period, units, t.own)
		if seq > 0 {
			text += "\n\n" + auditHeadLine(lang, seq, head)
		}
		out = append(out, &kinerja.OutboxMessage{ChatID: t.chat, Label: t.label, Text: text})
		if picture != nil {
			out = append(out, &kinerja.OutboxMessage{ChatID: t.chat, Label: t.label, Photo: picture,
				FileName: "ikm-" + period.String() + ".png", Text: bot.T(lang, "jobs.chart_caption", bot.MonthLabel(lang, period))})
		}
	}
	return out, nil
}

// auditHeadLine is the monthly summary's line that anchors the audit log:
// the entry count and the head hash as audit verify --head takes it.
func auditHeadLine(lang kinerja.Lang, seq int64, head string) string {
	short := kinerja.ShortHead(head)
	return bot.T(lang, "jobs.monthly_audit", seq, short, short)
}

// rankByIKM returns the units with survey responses, best IKM first.
func rankByIKM(units []*kinerja.Unit, ikm map[string]scoring.IKMResult) []*kinerja.Unit {
	var out []*kinerja.Unit
	for _, u := range units {
		if res, ok := ikm[u.Code]; ok && res.Respondents > 0 {
			out = append(out, u)
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return ikm[out[a].Code].IKM > ikm[out[b].Code].IKM })
	return out
}

// monthlyText writes the monthly summary; own marks the chat's own units.
func (s *Service) monthlyText(lang kinerja.Lang, p, evalPeriod kinerja.Period, units, ranked []*kinerja.Unit,
	ikm map[string]scoring.IKMResult, pred map[string]map[kinerja.Predikat]int, own map[string]bool) string {
	var sb strings.Builder
	sb.WriteString(bot.T(lang, "jobs.monthly_head", bot.MonthLabel(lang, p)))
	if ikm != nil {
		sb.WriteString("\n\n" + bot.T(lang, "jobs.monthly_ikm"))
		if len(ranked) == 0 {
			sb.WriteString("\n" + bot.T(lang, "jobs.monthly_no_ikm"))
		}
		for i, u := range ranked {
			mark := ""
			if own[u.Code] {
				mark = "▶ "
			}
			fmt.Fprintf(&sb, "\n%d. %s%s: %s", i+1, mark, bot.Esc(u.Name), s.ikmText(lang, u, p, ikm[u.Code]))
		}
		var silent []string
		for _, u := range units {
			if res, ok := ikm[u.Code]; (!ok || res.Respondents == 0) && own[u.Code] {
				silent = append(silent, u.Name)
			}
		}
		if len(silent) > 0 {
			sb.WriteString("\n" + bot.T(lang, "jobs.monthly_unit_no_ikm", strings.Join(silent, ", ")))
		}
	}
	if pred != nil {
		sb.WriteString("\n\n" + bot.T(lang, "jobs.monthly_predikat", bot.PeriodLabel(lang, evalPeriod)))
		total := map[kinerja.Predikat]int{}
		for _, u := range units {
			for k, n := range pred[u.Code] {
				total[k] += n
			}
			if own[u.Code] {
				sb.WriteString("\n" + bot.Esc(u.Name) + ": " + predikatCounts(lang, pred[u.Code]))
			}
		}
		sb.WriteString("\n" + bot.T(lang, "jobs.monthly_all_units") + ": " + predikatCounts(lang, total))
	}
	return sb.String()
}

// evaluatedMonth is the latest evaluation period (a month, or a quarter
// when evaluations are quarterly) whose evaluations are due by the instant
// at: on the 1st (the default schedule) the period just ended is still
// being evaluated until the deadline, so the one before it.
func (s *Service) evaluatedMonth(at time.Time) kinerja.Period {
	p := kinerja.LastEnded(s.cfg.EvaluationPeriod, at, s.loc())
	if _, due := kinerja.JustEnded(s.cfg.EvaluationPeriod, at, s.loc()); due && at.In(s.loc()).Day() <= s.cfg.EvaluationDeadline {
		p = p.Prev()
	}
	return p
}

// predikatCounts writes the five predicates with their counts, best first,
// or says that none is confirmed yet.
func predikatCounts(lang kinerja.Lang, c map[kinerja.Predikat]int) string {
	n := 0
	for _, k := range c {
		n += k
	}
	if n == 0 {
		return bot.T(lang, "jobs.monthly_no_predikat")
	}
	parts := make([]string, 0, len(kinerja.Predikats))
	for _, p := range kinerja.Predikats {
		parts = append(parts, fmt.Sprintf("%s %d", p, c[p]))
	}
	return strings.Join(parts, " · ")
}

// ikmChart draws the IKM of the ranked units.
func (s *Service) ikmChart(lang kinerja.Lang, p kinerja.Period, ranked []*kinerja.Unit, ikm map[string]scoring.IKMResult) ([]byte, error) {
	c := chart.Chart{
		Title:    bot.T(lang, "jobs.chart_title", bot.MonthLabel(lang, p)),
		Subtitle: bot.T(lang, "jobs.chart_subtitle"),
		Bounds:   [3]float64{88.31, 76.61, 65},
	}
	for i, g := range []scoring.Mutu{scoring.MutuA, scoring.MutuB, scoring.MutuC, scoring.MutuD} {
		c.Legend[i] = bot.T(lang, "jobs.chart_legend_"+strings.ToLower(string(g)), mutuName(lang, g))
	}
	for _, u := range ranked {
		res := ikm[u.Code]
		c.Bars = append(c.Bars, chart.Bar{Label: u.Name, Value: res.IKM, Grade: string(res.Mutu), Provisional: res.Respondents < s.cfg.Sources.Survey.SampleNeeded(u.Code, p),
			ValueText: fmt.Sprintf("%s (%s)", decimal(lang, res.IKM), res.Mutu)})
	}
	return chart.PNG(c)
}

// unitSpeeds returns the measured speed of service of the units with
// durations in p, by unit code; nil when the survey source measures none.
func (s *Service) unitSpeeds(r *jobRun, units []*kinerja.Unit, p kinerja.Period) (map[string]kinerja.ServiceSpeed, error) {
	src, ok := s.cfg.Sources.Survey.(ServiceSpeedSource)
	if !ok {
		return nil, nil
	}
	out := map[string]kinerja.ServiceSpeed{}
	for _, u := range units {
		sp, ok, err := src.ServiceSpeed(r.ctx, r.tx, u.Code, p)
		if err != nil {
			return nil, err
		}
		if ok && sp.Count > 0 {
			out[u.Code] = sp
		}
	}
	return out, nil
}

// speedText is the monthly summary's lines on the measured service times:
// of the chat's own units, or of every unit in the public channel; "" when
// none was measured.
func speedText(lang kinerja.Lang, units []*kinerja.Unit, speeds map[string]kinerja.ServiceSpeed, own map[string]bool) string {
	var sb strings.Builder
	for _, u := range units {
		sp, ok := speeds[u.Code]
		if !ok || (len(own) > 0 && !own[u.Code]) {
			continue
		}
		median := minutes(lang, sp.MedianMinutes)
		if sp.StandardMinutes > 0 {
			std := minutes(lang, sp.StandardMinutes)
			sb.WriteString("\n" + bot.T(lang, "jobs.monthly_speed", bot.Esc(u.Name), median, sp.Count,
				int(math.Round(sp.WithinStandard*100)), std))
		} else {
			sb.WriteString("\n" + bot.T(lang, "jobs.monthly_speed_nostd", bot.Esc(u.Name), median, sp.Count))
		}
	}
	if sb.Len() == 0 {
		return ""
	}
	return "\n\n" + bot.T(lang, "jobs.monthly_speed_head") + sb.String()
}

// siteText links the month's figures on the public site: each own unit's
// page, or the list of units for the public channel (own empty); "" when
// no site address is configured.
func (s *Service) siteText(lang kinerja.Lang, p kinerja.Period, units []*kinerja.Unit, own map[string]bool) string {
	if s.cfg.SiteURL == "" {
		return ""
	}
	month := "?period=" + p.String()
	if len(own) == 0 {
		return "\n\n" + bot.T(lang, "jobs.monthly_site_all", bot.Esc(s.cfg.SiteURL+"/"+month))
	}
	var sb strings.Builder
	for _, u := range units {
		if own[u.Code] {
			link := s.cfg.SiteURL + "/unit/" + url.PathEscape(u.Code) + month
			sb.WriteString("\n" + bot.T(lang, "jobs.monthly_site_unit", bot.Esc(u.Name), bot.Esc(link)))
		}
	}
	return "\n\n" + bot.T(lang, "jobs.monthly_site_head") + sb.String()
}

// minutes writes minutes with at most one decimal: "20", "12,5".
func minutes(lang kinerja.Lang, m float64) string {
	s := strconv.FormatFloat(math.Round(m*10)/10, 'f', -1, 64)
	if lang != kinerja.LangEN {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}
