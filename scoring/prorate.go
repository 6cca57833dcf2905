package scoring

import (
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// deriveMonths pro-rates count target t (own period own) to pt's span
// [From, To) in equal monthly shares (ProrateMonths): an SKP year is
// planned month by month, so a whole month is 1/N of a target of N months
// (1/12 of a yearly one), or 1/3 of its quarter's target where quarterly
// targets are given. A month covered in part (leave, or a span starting or
// ending inside it) counts by its working days:
//
//	share_m = (1/N) · (in_m − leave_m) / all_m
//
// withLeave says whether the span's leave reached the minimum that counts.
func deriveMonths(t *kinerja.Target, own kinerja.Period, withLeave bool, c TargetSpan, pt PeriodTarget) PeriodTarget {
	pt.Value, pt.Days, pt.OfDays, pt.LeaveDays = 0, 0, 0, 0
	byQuarter := own.Kind == kinerja.Yearly && t.HasQuarterly()
	n := len(own.Months())
	// count is the months counted, whole and in part, of the target or (by
	// quarter) of each quarter's target.
	var count [5]float64
	var months [5]int
	quarters := 0
	partial := false
	for _, m := range own.Months() {
		mf, mt := later(pt.From, m.Start(c.Loc)), earlier(pt.To, m.End(c.Loc))
		if !mf.Before(mt) {
			continue
		}
		k := 0
		if byQuarter {
			k = (m.Index-1)/3 + 1
		}
		if months[k] == 0 && byQuarter {
			quarters++
		}
		months[k]++
		share, part, off := monthShare(m, mf, mt, withLeave, c)
		count[k] += share
		pt.LeaveDays += off
		if part != nil {
			partial = true
			pt.Parts = append(pt.Parts, *part)
		} else {
			pt.Months++
		}
	}
	if !byQuarter {
		if n > 0 {
			pt.Value = t.Target * count[0] / float64(n)
		}
		pt.Basis, pt.OfMonths = BasisMonthly, n
		return pt
	}
	for q := 1; q <= 4; q++ {
		pt.Value += t.Quarterly[q-1] * count[q] / 3
		if months[q] > 0 && months[q] < 3 {
			partial = true // a month of a quarter: its share of the quarter's target
		}
	}
	if !partial {
		// Whole quarters: their own targets, as set.
		pt.Basis, pt.Months = BasisQuarterly, 0
		return pt
	}
	pt.Basis, pt.OfMonths = BasisQuarterlyMonthly, 3*quarters
	return pt
}

// monthShare is the share of month m counted for [from, to) within it, in
// months (1 for the whole month): its working days in the span less leave
// over all its working days. part is nil when the whole month counts; off
// is the leave taken out.
func monthShare(m kinerja.Period, from, to time.Time, withLeave bool, c TargetSpan) (share float64, part *DayShare, off int) {
	all := c.Days.WorkingDays(m.Start(c.Loc), m.End(c.Loc))
	in := c.Days.WorkingDays(from, to)
	if withLeave && c.Leave != nil {
		off = min(c.Leave(from, to), in)
	}
	if all == 0 || in-off == all {
		return 1, nil, off
	}
	return float64(in-off) / float64(all), &DayShare{Days: in - off, OfDays: all}, off
}
