package report

import (
	"context"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

// Measuring a part of a period: when a person moved mid-period and each
// assessor's part is evaluated on its own (evaluation.transfer_split),
// the part counts the approved reports with work dates inside it, and a
// count target is pro-rated to it by working days (the same calendar as
// the reminders and the targets). A level target (mean, last value, band)
// is not pro-rated: it is a level in any part of the period.

// window restricts a measurement to the days [from, to); zero is the whole
// period.
type window struct {
	from, to time.Time
	fromDay  string // DayString of from, for comparing work dates
	toDay    string
}

// clip narrows the work-date range [from, to) to the window.
func (w window) clip(from, to string) (string, string) {
	if w.from.IsZero() {
		return from, to
	}
	if w.fromDay > from {
		from = w.fromDay
	}
	if w.toDay < to {
		to = w.toDay
	}
	return from, to
}

// prorate scales a count target of period to the window's share of the
// period's working days.
func (w window) prorate(pt *scoring.PeriodTarget, span scoring.TargetSpan, period kinerja.Period) {
	if w.from.IsZero() {
		return
	}
	all := span.Days.WorkingDays(period.Start(span.Loc), period.End(span.Loc))
	if all == 0 {
		return
	}
	pt.Value *= float64(span.Days.WorkingDays(w.from, w.to)) / float64(all)
}

// MeasureSpan is Measure restricted to the days [from, to) of period:
// only the approved reports with work dates in it count, and count
// targets are its working days' share of the period's target.
func (p TargetPolicy) MeasureSpan(ctx context.Context, s MeasureStore, loc *time.Location, nip string, period kinerja.Period, from, to time.Time) ([]Measurement, error) {
	w := window{from: from, to: to, fromDay: kinerja.DayString(from, loc), toDay: kinerja.DayString(to, loc)}
	return p.measure(ctx, s, loc, nip, period, w)
}

// WorkingDays is the number of working days in [from, to) by the calendar
// targets are pro-rated by.
func (p TargetPolicy) WorkingDays(loc *time.Location, from, to time.Time) int {
	return scoring.CalendarDays{Cal: p.calendar(loc)}.WorkingDays(from, to)
}
