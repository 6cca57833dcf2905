package evaluation

import (
	"context"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// approvedOnly is the filter of reports that count: DOMAIN.md §2, rejected
// and pending reports count for nothing.
var approvedOnly = []kinerja.ReportStatus{kinerja.ReportApproved}

// reportIndicators returns how many of nip's reports in period p were
// approved and, per indicator, the target used, the realisation from
// approved reports and the capped capaian, the way /capaian shows them to
// staff (report.TargetPolicy.Measure, one computation for both):
//
//   - the target of p is derived from the target as set: explicit
//     quarterly targets where given, else pro-rated by working days, or
//     cumulative to date where the indicator says so, less leave when so
//     configured; the snapshot records which and how;
//   - monthly targets over a longer period add up (counts) or average
//     (levels);
//   - an indicator with nothing to measure (nothing approved for a
//     lower-is-better one, a mean or a last value) has no result and is
//     not counted.
func (f *Feature) reportIndicators(ctx context.Context, tx evidenceStore, nip string, p kinerja.Period) (int, []kinerja.IndicatorResult, error) {
	approved, err := tx.CountReports(ctx, kinerja.ReportFilter{NIP: nip, Period: p, Statuses: approvedOnly})
	if err != nil {
		return 0, nil, err
	}
	ms, err := f.cfg.Targets.Measure(ctx, tx, f.deps.Location, nip, p)
	if err != nil {
		return 0, nil, err
	}
	out := make([]kinerja.IndicatorResult, 0, len(ms))
	for _, m := range ms {
		in := m.IndicatorResult
		in.Source = sourceReports
		if !m.HasResult {
			in.Source, in.Capaian, in.CapaianRaw = sourceNoResult, 0, 0
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
