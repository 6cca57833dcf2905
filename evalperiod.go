package kinerja

import "time"

// EvalPeriodKinds are the kinds of period evaluations may be run by
// (DOMAIN.md §5): monthly by default, quarterly and semester also in use.
var EvalPeriodKinds = []PeriodKind{Monthly, Quarterly, Semester}

// Containing returns the period of kind that holds month (a monthly
// period); a kind other than quarter or semester gives month itself.
func Containing(kind PeriodKind, month Period) Period {
	switch kind {
	case Quarterly:
		return Period{Kind: Quarterly, Year: month.Year, Index: (month.Index-1)/3 + 1}
	case Semester:
		return Period{Kind: Semester, Year: month.Year, Index: (month.Index-1)/6 + 1}
	case Yearly:
		return Period{Kind: Yearly, Year: month.Year}
	}
	return month
}

// JustEnded returns the period of kind that ended at the start of t's
// month, and false when none did (a quarter ends only every third month).
// Its evaluations are due in t's month.
func JustEnded(kind PeriodKind, t time.Time, loc *time.Location) (Period, bool) {
	month := MonthOf(t, loc)
	p := Containing(kind, month.Prev())
	return p, p.End(loc).Equal(month.Start(loc))
}

// LastEnded returns the latest period of kind that has ended by t.
func LastEnded(kind PeriodKind, t time.Time, loc *time.Location) Period {
	p := Containing(kind, MonthOf(t, loc).Prev())
	if p.End(loc).After(t) {
		return p.Prev()
	}
	return p
}
