package report

import (
	"context"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

// The one computation of achievement: /capaian shows it to staff for a
// month, and the evaluation snapshots it for any period. A target is
// compared in the evaluated period with that period's target, derived as
// scoring.DeriveTarget says; reports make the realisation by the
// indicator's aggregation; each capaian is capped before weighting.

// TargetPolicy is the local policy of how targets are compared.
type TargetPolicy struct {
	// Cap limits one indicator's capaian before weighting, in percent
	// (default scoring.DefaultCap, 120); negative means no cap.
	Cap float64
	// Calendar gives the working days targets are pro-rated by, the same
	// as the reminders'; nil knows weekends only.
	Calendar *kinerja.Calendar
	// LeaveAdjusts takes approved leave days out of a count target's
	// pro-rated share, once a period holds at least MinLeaveDays working
	// days of leave (default 1).
	LeaveAdjusts bool
	MinLeaveDays int
	// Prorate is how a count target of a longer period is pro-rated:
	// scoring.ProrateMonths (the default, also "") or
	// scoring.ProrateWorkingDays.
	Prorate string
}

// withDefaults fills the zero fields.
func (p TargetPolicy) withDefaults() TargetPolicy {
	if p.Cap == 0 {
		p.Cap = scoring.DefaultCap
	}
	if p.MinLeaveDays <= 0 {
		p.MinLeaveDays = 1
	}
	return p
}

// CapPct is the cap in percent, 0 when there is none.
func (p TargetPolicy) CapPct() float64 {
	if c := p.withDefaults().Cap; c > 0 {
		return c
	}
	return 0
}

// MeasureStore is what measuring reads: targets, reports and leave.
type MeasureStore interface {
	TargetsFor(ctx context.Context, nip string, month kinerja.Period) ([]*kinerja.Target, error)
	ListReports(ctx context.Context, f kinerja.ReportFilter) ([]*kinerja.Report, error)
	Leaves(ctx context.Context, nip, fromDay string) ([]*kinerja.Leave, error)
}

// Measurement is one indicator of a person in a period: the snapshot the
// evaluation keeps, and what /capaian adds for the person.
type Measurement struct {
	kinerja.IndicatorResult
	Target    *kinerja.Target // the target as set (the last one, when months were combined)
	Derived   scoring.PeriodTarget
	Approved  int     // approved reports that counted
	Pending   float64 // quantities still awaiting a decision in the same span
	HasResult bool    // false when nothing counts yet (see scoring.Measure)
}

// measureGroup is the targets of one indicator code in a period: one
// yearly or quarterly target, or the monthly targets of the months of p.
type measureGroup struct {
	targets []*kinerja.Target
}

// Measure returns nip's indicators in period p, in code order, with their
// derived targets, realisations and capped capaian.
func (p TargetPolicy) Measure(ctx context.Context, s MeasureStore, loc *time.Location, nip string, period kinerja.Period) ([]Measurement, error) {
	return p.measure(ctx, s, loc, nip, period, window{})
}

// measure is Measure, restricted to win when it is set (measurespan.go).
func (p TargetPolicy) measure(ctx context.Context, s MeasureStore, loc *time.Location, nip string, period kinerja.Period, win window) ([]Measurement, error) {
	p = p.withDefaults()
	groups := map[string]*measureGroup{}
	var order []string
	seen := map[int64]bool{}
	for _, m := range period.Months() {
		ts, err := s.TargetsFor(ctx, nip, m)
		if err != nil {
			return nil, err
		}
		for _, t := range ts {
			if seen[t.ID] {
				continue // a yearly or quarterly target applies to several months
			}
			seen[t.ID] = true
			k := t.Code + "/" + string(t.OwnPeriod().Kind)
			if t.OwnPeriod().Kind != kinerja.Monthly {
				k += "/" + t.Period
			}
			g := groups[k]
			if g == nil {
				g = &measureGroup{}
				groups[k] = g
				order = append(order, k)
			}
			g.targets = append(g.targets, t)
		}
	}
	span := scoring.TargetSpan{Loc: loc, Days: scoring.CalendarDays{Cal: p.calendar(loc)}, MinLeaveDays: p.MinLeaveDays, Prorate: p.Prorate}
	if p.LeaveAdjusts {
		leaves, err := s.Leaves(ctx, nip, kinerja.DayString(period.Start(loc).AddDate(-1, 0, 0), loc))
		if err != nil {
			return nil, err
		}
		span.Leave = leaveDays(leaves, span.Days.(scoring.CalendarDays).Cal, loc)
	}
	var out []Measurement
	for _, k := range order {
		m, err := p.measureGroup(ctx, s, span, nip, period, groups[k].targets, win)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

// calendar is the configured calendar, or a weekends-only one in loc.
func (p TargetPolicy) calendar(loc *time.Location) *kinerja.Calendar {
	if p.Calendar != nil {
		return p.Calendar
	}
	return kinerja.NewCalendar(loc, nil)
}

// leaveDays counts the working days in [from, to) covered by any leave.
func leaveDays(leaves []*kinerja.Leave, cal *kinerja.Calendar, loc *time.Location) func(from, to time.Time) int {
	return func(from, to time.Time) int {
		n := 0
		for d := kinerja.Day(from, loc); d.Before(to); d = kinerja.Date(d.Year(), d.Month(), d.Day()+1, loc) {
			if !cal.WorkingDay(d) {
				continue
			}
			day := kinerja.DayString(d, loc)
			for _, l := range leaves {
				if l.Covers(day) {
					n++
					break
				}
			}
		}
		return n
	}
}

// measureGroup measures one indicator: its targets' derived targets are
// combined (counts add up, levels are averaged) and their approved values
// pooled.
func (p TargetPolicy) measureGroup(ctx context.Context, s MeasureStore, span scoring.TargetSpan, nip string, period kinerja.Period, targets []*kinerja.Target, win window) (Measurement, error) {
	last := targets[len(targets)-1]
	var combined scoring.PeriodTarget
	var values []scoring.Value
	var pending float64
	for i, t := range targets {
		pt := scoring.DeriveTarget(t, period, span)
		if i == 0 {
			combined = pt
			combined.Value = 0
		}
		combined.Value += pt.Value
		combined.Min, combined.Max, combined.To = pt.Min, pt.Max, pt.To
		if i > 0 {
			combined.Days, combined.OfDays, combined.LeaveDays = combined.Days+pt.Days, combined.OfDays+pt.OfDays, combined.LeaveDays+pt.LeaveDays
			combined.Months, combined.OfMonths = combined.Months+pt.Months, combined.OfMonths+pt.OfMonths
			combined.Parts = append(combined.Parts, pt.Parts...)
		}
		reps, err := s.ListReports(ctx, kinerja.ReportFilter{NIP: nip, TargetID: t.ID, Period: t.OwnPeriod(),
			Statuses: []kinerja.ReportStatus{kinerja.ReportApproved, kinerja.ReportPending}})
		if err != nil {
			return Measurement{}, err
		}
		from, to := win.clip(kinerja.DayString(pt.From, span.Loc), kinerja.DayString(pt.To, span.Loc))
		for _, rep := range reps {
			if rep.WorkDate < from || rep.WorkDate >= to {
				continue
			}
			if rep.Status == kinerja.ReportApproved {
				values = append(values, scoring.Value{Day: rep.WorkDate, Seq: rep.ID, Quantity: rep.Quantity})
			} else {
				pending += rep.Quantity
			}
		}
	}
	if last.Aggregation.Or() != kinerja.AggSum || last.Direction == kinerja.InRange {
		combined.Value /= float64(len(targets)) // a level: the mean of the months' levels
	} else {
		win.prorate(&combined, span, period) // a count: the window's share of it
	}
	res, err := scoring.Measure(last, combined, values, p.Cap)
	if err != nil {
		res.HasResult = false // a target the import should have refused: shown without a result
	}
	m := Measurement{Target: last, Derived: combined, Approved: res.Reports, Pending: pending, HasResult: res.HasResult,
		IndicatorResult: kinerja.IndicatorResult{Code: last.Code, Name: last.Name, Unit: last.Unit,
			Direction: last.Direction, Weight: last.Weight, Target: combined.Value, Realisasi: res.Realisasi,
			Capaian: res.Capaian, CapaianRaw: res.Raw, Cap: p.CapPct(), TargetPeriod: last.Period,
			Aggregation: last.Aggregation.Or(), TargetMin: combined.Min, TargetMax: combined.Max,
			TargetBasis: combined.String()}}
	if len(targets) > 1 {
		m.TargetPeriod = period.String() // the months' own targets, added up
	}
	return m, nil
}

// Weighted is the weighted capaian over the measurements with a result,
// and false when none has one.
func Weighted(ms []Measurement) (float64, bool) {
	var scores []scoring.IndicatorScore
	for _, m := range ms {
		if m.HasResult {
			scores = append(scores, scoring.IndicatorScore{Capaian: m.Capaian, Weight: m.Weight})
		}
	}
	if len(scores) == 0 {
		return 0, false
	}
	w, err := scoring.WeightedCapaian(scores)
	return w, err == nil
}
