package evaluation

import (
	"context"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

// approvedOnly is the filter of reports that count: DOMAIN.md §2, rejected
// and pending reports count for nothing.
var approvedOnly = []kinerja.ReportStatus{kinerja.ReportApproved}

// indicatorSum gathers one indicator of a person over the months of a period.
type indicatorSum struct {
	res        kinerja.IndicatorResult
	months     int     // months the indicator has a target in
	withResult int     // months that have a result (see reportIndicators)
	target     float64 // sum of the monthly targets
	realised   float64 // sum of approved quantities over the months with a result
}

// reportIndicators returns how many of nip's reports in period p were
// approved and, per indicator, the target, the realisation from approved
// reports and the capaian, the way /capaian shows them to staff:
//
//   - a monthly target counts the approved reports of its month; over a
//     quarter, semester or year the months add up (scoring.RollUp) for a
//     higher-is-better indicator, and a lower-is-better one (time, cost) is
//     the mean over the months that have a result, because days or rupiah
//     per case do not add up;
//   - a yearly target is compared with the approved total from the start
//     of the year to the end of p;
//   - a lower-is-better indicator with nothing approved has no result
//     (realisation 0 would read as 200%) and is not counted.
func (f *Feature) reportIndicators(ctx context.Context, tx evidenceStore, nip string, p kinerja.Period) (int, []kinerja.IndicatorResult, error) {
	approved, err := tx.CountReports(ctx, kinerja.ReportFilter{NIP: nip, Period: p, Statuses: approvedOnly})
	if err != nil {
		return 0, nil, err
	}
	after := p.End(f.deps.Location).Format(time.DateOnly) // the first day after p, as a work date
	sums := map[string]*indicatorSum{}
	var order []string
	seen := map[int64]bool{}
	for _, m := range p.Months() {
		targets, err := tx.TargetsFor(ctx, nip, m)
		if err != nil {
			return 0, nil, err
		}
		for _, t := range targets {
			if seen[t.ID] {
				continue // a yearly target applies to every month; count it once
			}
			seen[t.ID] = true
			span := m
			k := t.Code
			if t.Yearly() {
				span, k = kinerja.Period{Kind: kinerja.Yearly, Year: m.Year}, t.Code+"/"+t.Period
			}
			reps, err := tx.ListReports(ctx, kinerja.ReportFilter{NIP: nip, TargetID: t.ID, Period: span, Statuses: approvedOnly})
			if err != nil {
				return 0, nil, err
			}
			var sum float64
			n := 0
			for _, rep := range reps {
				if rep.WorkDate >= after {
					continue // a yearly target's reports after p do not count for p
				}
				sum += rep.Quantity
				n++
			}
			s := sums[k]
			if s == nil {
				s = &indicatorSum{res: kinerja.IndicatorResult{Code: t.Code, Name: t.Name, Unit: t.Unit,
					Direction: t.Direction, Weight: t.Weight, Source: sourceReports}}
				sums[k] = s
				order = append(order, k)
			}
			s.months++
			s.target += t.Target
			if n > 0 || t.Direction == kinerja.HigherIsBetter {
				s.withResult++
				s.realised += sum
			}
		}
	}
	var out []kinerja.IndicatorResult
	for _, k := range order {
		s := sums[k]
		in := s.res
		in.Target, in.Realisasi = s.target, s.realised
		if in.Direction == kinerja.LowerIsBetter {
			in.Target = s.target / float64(s.months)
			if s.withResult > 0 {
				in.Realisasi = s.realised / float64(s.withResult)
			}
		}
		c, err := scoring.Capaian(in.Realisasi, in.Target, in.Direction)
		if s.withResult == 0 || err != nil {
			in.Source, in.Capaian = sourceNoResult, 0
		} else {
			in.Capaian = c
		}
		out = append(out, in)
	}
	return approved, out, nil
}

// ReportPolicy is the work reports' rule of when a month closes to
// reports (bot/report's Feature, as configured).
type ReportPolicy interface {
	// MonthLocked reports whether reports for month may no longer be sent
	// or changed at instant now.
	MonthLocked(month kinerja.Period, now time.Time) bool
	// LastOpenDay is the last day work of month may still be reported.
	LastOpenDay(month kinerja.Period) time.Time
}
