package report

import (
	"context"
	"strconv"
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

// IndicatorResult is one indicator's realisation and achievement in a
// month, from approved reports only.
type IndicatorResult struct {
	Target    *kinerja.Target
	Realised  float64 // sum of approved quantities (year to date for a yearly target)
	Pending   float64 // sum of quantities still awaiting a decision
	Approved  int     // number of approved reports
	Capaian   float64 // percent (DOMAIN.md §2)
	HasResult bool    // false when nothing counts yet for a lower-is-better indicator
}

// Achievement computes a person's realisation and capaian per indicator for
// a month, and the weighted capaian over the indicators that have a result
// (ok false when none has). Only approved reports count; a yearly target is
// compared with its approved total from the start of the year.
func Achievement(ctx context.Context, r AchievementStore, nip string, month kinerja.Period) ([]IndicatorResult, float64, bool, error) {
	targets, err := r.TargetsFor(ctx, nip, month)
	if err != nil {
		return nil, 0, false, err
	}
	var out []IndicatorResult
	var scores []scoring.IndicatorScore
	for _, t := range targets {
		span := month
		if t.Yearly() {
			span = kinerja.Period{Kind: kinerja.Yearly, Year: month.Year}
		}
		reps, err := r.ListReports(ctx, kinerja.ReportFilter{NIP: nip, TargetID: t.ID, Period: span,
			Statuses: []kinerja.ReportStatus{kinerja.ReportApproved, kinerja.ReportPending}})
		if err != nil {
			return nil, 0, false, err
		}
		res := IndicatorResult{Target: t}
		for _, rep := range reps {
			if rep.Period() > month.String() {
				continue // a yearly target counts the year up to the month shown
			}
			if rep.Status == kinerja.ReportApproved {
				res.Realised += rep.Quantity
				res.Approved++
			} else {
				res.Pending += rep.Quantity
			}
		}
		// A lower-is-better indicator with nothing approved has no result:
		// realisation 0 would read as 200%.
		if res.Approved > 0 || t.Direction == kinerja.HigherIsBetter {
			c, err := scoring.Capaian(res.Realised, t.Target, t.Direction)
			if err == nil {
				res.Capaian, res.HasResult = c, true
				scores = append(scores, scoring.IndicatorScore{Capaian: c, Weight: t.Weight})
			}
		}
		out = append(out, res)
	}
	if len(scores) == 0 {
		return out, 0, false, nil
	}
	w, err := scoring.WeightedCapaian(scores)
	if err != nil {
		return out, 0, false, nil
	}
	return out, w, true, nil
}

// cmdCapaian shows the sender's realisation against target for each
// indicator of the open month (or the month given as YYYY-MM).
func (f *Feature) cmdCapaian(r *bot.Request) error {
	month := kinerja.MonthOf(r.Now, r.Loc())
	if arg := strings.TrimSpace(r.Text); arg != "" {
		p, err := kinerja.ParsePeriod(arg)
		if err != nil || p.Kind != kinerja.Monthly {
			r.Reply(r.T("rpt.capaian_bad_month", arg))
			return nil
		}
		month = p
	}
	results, weighted, ok, err := Achievement(r.Ctx, r.Tx, r.Staff.NIP, month)
	if err != nil {
		return err
	}
	if len(results) == 0 {
		r.Reply(r.T("rpt.no_targets", bot.MonthLabel(r.Lang, month)))
		return nil
	}
	var sb strings.Builder
	sb.WriteString(r.T("rpt.capaian_head", bot.MonthLabel(r.Lang, month), r.Staff.Name))
	for i, res := range results {
		t := res.Target
		dir := r.T("rpt.dir_" + string(t.Direction))
		if t.Yearly() {
			dir += ", " + r.T("rpt.yearly")
		}
		sb.WriteString("\n\n" + strconv.Itoa(i+1) + ". " + r.T("rpt.capaian_ind", t.Code, t.Name, dir))
		sb.WriteString("\n   " + r.T("rpt.capaian_real", reportNum(r.Lang, res.Realised), reportNum(r.Lang, t.Target), t.Unit))
		if res.HasResult {
			sb.WriteString(" → " + r.T("rpt.capaian_pct", reportPercent(r.Lang, res.Capaian)))
		} else {
			sb.WriteString(" → " + r.T("rpt.capaian_none"))
		}
		if res.Pending > 0 {
			sb.WriteString("\n   " + r.T("rpt.capaian_pending", reportNum(r.Lang, res.Pending), t.Unit))
		}
	}
	if ok {
		sb.WriteString("\n\n" + r.T("rpt.capaian_weighted", reportPercent(r.Lang, weighted)))
	}
	sb.WriteString("\n\n" + r.T("rpt.capaian_note"))
	r.Reply(sb.String())
	return nil
}
