package scoring

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// How a period's target was derived from the target as set
// (PeriodTarget.Basis). The bot names each in the reader's language.
const (
	// BasisSet is a target set for exactly the evaluated period (or a
	// shorter one wholly inside it).
	BasisSet = "set"
	// BasisQuarterly is the official quarterly targets of a yearly target,
	// whole quarters of them.
	BasisQuarterly = "quarterly"
	// BasisQuarterlyProrated is a quarterly target pro-rated by working
	// days to a month of it.
	BasisQuarterlyProrated = "quarterly_prorated"
	// BasisProrated is a yearly or quarterly target pro-rated by working
	// days to the evaluated period.
	BasisProrated = "prorated"
	// BasisMonthly is a yearly or quarterly target in equal monthly shares
	// (ProrateMonths): 1/12 (or 1/3) of it per whole month, and a month
	// counted in part pro-rated by its working days.
	BasisMonthly = "monthly"
	// BasisQuarterlyMonthly is the quarterly targets of a yearly target in
	// monthly shares (ProrateMonths): 1/3 of a quarter's target per whole
	// month of it.
	BasisQuarterlyMonthly = "quarterly_monthly"
	// BasisLevel is a value target (a mean, a last value, a band): it holds
	// for any part of its period and is not pro-rated.
	BasisLevel = "level"
)

// How a count target of a longer period is pro-rated to the evaluated one
// (TargetSpan.Prorate), a local policy.
const (
	// ProrateMonths (the default): the SKP year is planned in equal monthly
	// shares; only a month covered in part is pro-rated by working days.
	ProrateMonths = "months"
	// ProrateWorkingDays: by the working days of the whole target period
	// (January 2026 is 22 of the year's 261).
	ProrateWorkingDays = "working_days"
)

// DayCounter counts working days, the calendar the reminders use.
type DayCounter interface {
	// WorkingDays is the number of working days in [from, to).
	WorkingDays(from, to time.Time) int
}

// TargetSpan is what deriving a period's target needs besides the target.
type TargetSpan struct {
	Loc  *time.Location
	Days DayCounter
	// Leave is the number of working days in [from, to) the person was on
	// leave; nil when leave does not adjust targets.
	Leave func(from, to time.Time) int
	// MinLeaveDays is the least leave, in working days within the span,
	// that adjusts a target; less counts as no leave.
	MinLeaveDays int
	// Prorate is ProrateMonths ("" too) or ProrateWorkingDays.
	Prorate string
}

// PeriodTarget is the target an evaluated period's realisation is compared
// with, and how it was derived from the target as set.
type PeriodTarget struct {
	Value    float64 // the target used; the band's bounds are Min and Max
	Min, Max float64
	Basis    string // BasisSet, BasisQuarterly, …
	// Days of OfDays working days of the target's own period (or quarter)
	// are counted, after leave; both 0 when nothing was pro-rated.
	Days, OfDays int
	LeaveDays    int // working days of leave taken off Days
	// Months of OfMonths whole months of the target's period (or of its
	// quarters) are counted under BasisMonthly and BasisQuarterlyMonthly;
	// Parts are the months counted in part, by their working days.
	Months, OfMonths int
	Parts            []DayShare
	Cumulative       bool
	// From and To bound the work dates whose reports count, [From, To).
	From, To time.Time
}

// DayShare is a month counted in part: Days of its OfDays working days.
type DayShare struct{ Days, OfDays int }

// monthly reports whether basis counts months (Months, OfMonths, Parts).
func monthly(basis string) bool { return basis == BasisMonthly || basis == BasisQuarterlyMonthly }

// String is the compact stored form of the derivation, read back by
// ParseBasis: "prorated 22/261 leave 3 cumulative", or by months
// "monthly 2/12 +17/20 leave 3".
func (pt PeriodTarget) String() string {
	s := pt.Basis
	if monthly(pt.Basis) {
		s += " " + strconv.Itoa(pt.Months) + "/" + strconv.Itoa(pt.OfMonths)
		for _, p := range pt.Parts {
			s += " +" + strconv.Itoa(p.Days) + "/" + strconv.Itoa(p.OfDays)
		}
	} else if pt.OfDays > 0 {
		s += " " + strconv.Itoa(pt.Days) + "/" + strconv.Itoa(pt.OfDays)
	}
	if pt.LeaveDays > 0 {
		s += " leave " + strconv.Itoa(pt.LeaveDays)
	}
	if pt.Cumulative {
		s += " cumulative"
	}
	return s
}

// ParseBasis reads PeriodTarget.String's form back into a PeriodTarget
// (only Basis, Days, OfDays, Months, OfMonths, Parts, LeaveDays and
// Cumulative). Strings stored before ProrateMonths read as they always did.
func ParseBasis(s string) PeriodTarget {
	f := strings.Fields(s)
	var pt PeriodTarget
	for i := 0; i < len(f); i++ {
		switch {
		case i == 0:
			pt.Basis = f[0]
		case f[i] == "cumulative":
			pt.Cumulative = true
		case f[i] == "leave" && i+1 < len(f):
			pt.LeaveDays, _ = strconv.Atoi(f[i+1])
			i++
		case strings.HasPrefix(f[i], "+"):
			a, b, _ := strings.Cut(f[i][1:], "/")
			var p DayShare
			p.Days, _ = strconv.Atoi(a)
			p.OfDays, _ = strconv.Atoi(b)
			pt.Parts = append(pt.Parts, p)
		case strings.Contains(f[i], "/"):
			a, b, _ := strings.Cut(f[i], "/")
			x, _ := strconv.Atoi(a)
			y, _ := strconv.Atoi(b)
			if monthly(pt.Basis) {
				pt.Months, pt.OfMonths = x, y
			} else {
				pt.Days, pt.OfDays = x, y
			}
		}
	}
	return pt
}

// DeriveTarget returns the target of t for evaluated period p (DOMAIN.md
// §2 and §5):
//
//   - a value target (mean or last value, or a band) holds as set; a yearly
//     one uses the quarter's own target where one is given;
//   - a count target set for p, or for a period inside p, is used whole;
//   - a count target of a longer period is pro-rated: by default
//     (ProrateMonths) in equal monthly shares, 1/12 of a yearly target (or
//     1/3 of a quarter's) per whole month, a month counted in part by its
//     working days (see deriveMonths); with ProrateWorkingDays by working
//     days: a yearly target with quarterly targets uses each quarter's
//     target for the working days of p in it, else the yearly target for
//     p's share of the year's working days;
//   - a cumulative target compares from the start of its own period to the
//     end of p, and is pro-rated to that span;
//   - leave (at least MinLeaveDays working days in the span) takes its days
//     out of the pro-rated share of a count target.
func DeriveTarget(t *kinerja.Target, p kinerja.Period, c TargetSpan) PeriodTarget {
	own := t.OwnPeriod()
	from, to := later(p.Start(c.Loc), own.Start(c.Loc)), earlier(p.End(c.Loc), own.End(c.Loc))
	if t.Cumulative {
		from = own.Start(c.Loc)
	}
	pt := PeriodTarget{Value: t.Target, Min: t.TargetMin, Max: t.TargetMax, Basis: BasisSet,
		Cumulative: t.Cumulative, From: from, To: to}
	if t.Direction == kinerja.InRange || t.Aggregation.Or() != kinerja.AggSum {
		pt.Basis = BasisLevel
		if own.Kind == kinerja.Yearly && t.HasQuarterly() && p.Kind != kinerja.Yearly {
			// The quarter that holds the end of p sets the level.
			if q := t.Quarterly[quarterOf(to.Add(-time.Hour), c.Loc)-1]; q > 0 && t.Direction != kinerja.InRange {
				pt.Value = q
			}
		}
		return pt
	}
	whole := !from.After(own.Start(c.Loc)) && !to.Before(own.End(c.Loc))
	leave := 0
	if c.Leave != nil {
		if n := c.Leave(from, to); n >= max(c.MinLeaveDays, 1) {
			leave = n
		}
	}
	if whole && leave == 0 {
		return pt
	}
	if c.Prorate != ProrateWorkingDays {
		return deriveMonths(t, own, leave > 0, c, pt)
	}
	if own.Kind == kinerja.Yearly && t.HasQuarterly() {
		pt.Value, pt.Days, pt.OfDays, pt.LeaveDays = 0, 0, 0, 0
		prorated := false
		for q := 1; q <= 4; q++ {
			qp := kinerja.Period{Kind: kinerja.Quarterly, Year: own.Year, Index: q}
			qf, qt := later(from, qp.Start(c.Loc)), earlier(to, qp.End(c.Loc))
			if !qf.Before(qt) {
				continue
			}
			all := c.Days.WorkingDays(qp.Start(c.Loc), qp.End(c.Loc))
			in := c.Days.WorkingDays(qf, qt)
			off := 0
			if leave > 0 {
				off = min(c.Leave(qf, qt), in)
			}
			if in-off == all || all == 0 {
				pt.Value += t.Quarterly[q-1]
			} else {
				prorated = true
				pt.Value += t.Quarterly[q-1] * float64(in-off) / float64(all)
			}
			pt.Days, pt.OfDays, pt.LeaveDays = pt.Days+in-off, pt.OfDays+all, pt.LeaveDays+off
		}
		pt.Basis = BasisQuarterly
		if prorated {
			pt.Basis = BasisQuarterlyProrated
		} else {
			pt.Days, pt.OfDays = 0, 0
		}
		return pt
	}
	all := c.Days.WorkingDays(own.Start(c.Loc), own.End(c.Loc))
	in := c.Days.WorkingDays(from, to)
	off := min(leave, in)
	if all > 0 {
		pt.Value = t.Target * float64(in-off) / float64(all)
	}
	pt.Basis, pt.Days, pt.OfDays, pt.LeaveDays = BasisProrated, in-off, all, off
	return pt
}

// quarterOf is the quarter (1–4) of instant t in loc.
func quarterOf(t time.Time, loc *time.Location) int { return (int(t.In(loc).Month())-1)/3 + 1 }

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// Value is one approved report's quantity on its work date ("YYYY-MM-DD").
type Value struct {
	Day      string
	Seq      int64 // orders reports of the same day (the report id)
	Quantity float64
}

// Realise turns a period's approved values into the realisation by the
// indicator's aggregation: the sum, the mean, or the last value by work
// date. ok is false when there is no value, for every aggregation: a sum of
// nothing is 0, but the caller decides whether 0 counts (see Measure).
func Realise(agg kinerja.Aggregation, values []Value) (float64, bool) {
	if len(values) == 0 {
		return 0, false
	}
	switch agg.Or() {
	case kinerja.AggMean:
		var sum float64
		for _, v := range values {
			sum += v.Quantity
		}
		return sum / float64(len(values)), true
	case kinerja.AggLast:
		last := slicesMaxBy(values)
		return last.Quantity, true
	}
	var sum float64
	for _, v := range values {
		sum += v.Quantity
	}
	return sum, true
}

// slicesMaxBy returns the value with the latest day, then highest Seq.
func slicesMaxBy(values []Value) Value {
	vs := append([]Value(nil), values...)
	sort.Slice(vs, func(i, j int) bool {
		if vs[i].Day != vs[j].Day {
			return vs[i].Day < vs[j].Day
		}
		return vs[i].Seq < vs[j].Seq
	})
	return vs[len(vs)-1]
}

// DefaultCap is the default cap on one indicator's capaian before
// weighting (percent): one over-achieved indicator cannot hide another.
const DefaultCap = 120

// Measured is one indicator's outcome in a period.
type Measured struct {
	Target    PeriodTarget
	Realisasi float64
	Reports   int     // approved reports that counted
	Raw       float64 // capaian before the cap
	Capaian   float64 // after the cap
	HasResult bool    // false when nothing counts (see Measure)
}

// Measure computes an indicator's realisation and capaian in period p from
// its approved values (already limited to [pt.From, pt.To)). A count
// indicator where higher is better has a result of 0 with no reports; any
// other indicator has no result until something is reported, because a
// realisation of 0 would read as 200% for lower-is-better. cap ≤ 0 means no
// cap.
func Measure(t *kinerja.Target, pt PeriodTarget, values []Value, cap float64) (Measured, error) {
	m := Measured{Target: pt, Reports: len(values)}
	real, ok := Realise(t.Aggregation, values)
	if !ok && !(t.Direction == kinerja.HigherIsBetter && t.Aggregation.Or() == kinerja.AggSum) {
		return m, nil
	}
	m.Realisasi = real
	var err error
	if t.Direction == kinerja.InRange {
		m.Raw, err = CapaianRange(real, pt.Min, pt.Max, kinerja.InRange)
	} else {
		if pt.Value <= 0 {
			// Leave took the whole span: nothing was expected.
			return m, nil
		}
		m.Raw, err = Capaian(real, pt.Value, t.Direction)
	}
	if err != nil {
		return m, err
	}
	m.Capaian, m.HasResult = Capped(m.Raw, cap), true
	return m, nil
}

// Capped limits capaian c to cap (percent); cap ≤ 0 is no cap.
func Capped(c, cap float64) float64 {
	if cap > 0 {
		return math.Min(c, cap)
	}
	return c
}

// FormatBasis is a plain English rendering of a derivation, for logs.
func FormatBasis(pt PeriodTarget) string { return fmt.Sprintf("%s (%v)", pt.String(), pt.Value) }

// CalendarDays counts working days with a kinerja.Calendar (weekends and
// the configured holidays), day by day in the calendar's zone.
type CalendarDays struct{ Cal *kinerja.Calendar }

// WorkingDays is the number of working days in [from, to).
func (c CalendarDays) WorkingDays(from, to time.Time) int {
	loc := c.Cal.Location()
	n := 0
	for d := kinerja.Day(from, loc); d.Before(to); d = kinerja.Date(d.Year(), d.Month(), d.Day()+1, loc) {
		if c.Cal.WorkingDay(d) {
			n++
		}
	}
	return n
}
