package kinerja

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// PeriodKind is the length of an evaluation period.
type PeriodKind string

// Period kinds. Monthly is the default; the year is the annual ("Akhir")
// evaluation.
const (
	Monthly   PeriodKind = "month"
	Quarterly PeriodKind = "quarter"
	Semester  PeriodKind = "semester"
	Yearly    PeriodKind = "year"
)

// Period is a calendar period in the configured zone: a month, a quarter, a
// half year or a year. Index is 1-based within the year (month 1–12,
// quarter 1–4, semester 1–2) and 0 for a year.
type Period struct {
	Kind  PeriodKind
	Year  int
	Index int
}

// MonthOf returns the month period that contains t in loc. A report belongs
// to the period of the day the work was done.
func MonthOf(t time.Time, loc *time.Location) Period {
	t = t.In(loc)
	return Period{Kind: Monthly, Year: t.Year(), Index: int(t.Month())}
}

// ParsePeriod reads "YYYY-MM" (month), "YYYY-Qn" (quarter), "YYYY-Sn"
// (semester) or "YYYY" (year).
func ParsePeriod(s string) (Period, error) {
	bad := Errorf(EInvalid, "err.period_format", s)
	s = strings.TrimSpace(strings.ToUpper(s))
	yearPart, rest, hasRest := strings.Cut(s, "-")
	if len(yearPart) != 4 {
		return Period{}, bad
	}
	year, err := strconv.Atoi(yearPart)
	if err != nil || year < 2000 || year > 2100 {
		return Period{}, bad
	}
	if !hasRest {
		return Period{Kind: Yearly, Year: year}, nil
	}
	kind, max, digits := Monthly, 12, rest
	switch {
	case strings.HasPrefix(rest, "Q"):
		kind, max, digits = Quarterly, 4, rest[1:]
	case strings.HasPrefix(rest, "S"):
		kind, max, digits = Semester, 2, rest[1:]
	case len(rest) != 2:
		return Period{}, bad
	}
	n, err := strconv.Atoi(digits)
	if err != nil || n < 1 || n > max || strings.HasPrefix(digits, "+") {
		return Period{}, bad
	}
	return Period{Kind: kind, Year: year, Index: n}, nil
}

// String returns the canonical form accepted by ParsePeriod.
func (p Period) String() string {
	switch p.Kind {
	case Monthly:
		return fmt.Sprintf("%04d-%02d", p.Year, p.Index)
	case Quarterly:
		return fmt.Sprintf("%04d-Q%d", p.Year, p.Index)
	case Semester:
		return fmt.Sprintf("%04d-S%d", p.Year, p.Index)
	case Yearly:
		return fmt.Sprintf("%04d", p.Year)
	}
	return ""
}

// IsZero reports whether p is the zero Period.
func (p Period) IsZero() bool { return p == Period{} }

// months returns the first month and the number of months of p.
func (p Period) months() (time.Month, int) {
	switch p.Kind {
	case Monthly:
		return time.Month(p.Index), 1
	case Quarterly:
		return time.Month(3*(p.Index-1) + 1), 3
	case Semester:
		return time.Month(6*(p.Index-1) + 1), 6
	default:
		return time.January, 12
	}
}

// Start returns local midnight of the first day of p in loc.
func (p Period) Start(loc *time.Location) time.Time {
	m, _ := p.months()
	return Date(p.Year, m, 1, loc)
}

// End returns local midnight of the first day after p in loc (exclusive).
func (p Period) End(loc *time.Location) time.Time {
	m, n := p.months()
	return Date(p.Year, m+time.Month(n), 1, loc)
}

// Contains reports whether instant t falls inside p in loc.
func (p Period) Contains(t time.Time, loc *time.Location) bool {
	return !t.Before(p.Start(loc)) && t.Before(p.End(loc))
}

// Months returns the month periods that make up p, in order.
func (p Period) Months() []Period {
	m, n := p.months()
	out := make([]Period, n)
	for i := range n {
		out[i] = Period{Kind: Monthly, Year: p.Year, Index: int(m) + i}
	}
	return out
}

// Prev returns the period of the same kind just before p.
func (p Period) Prev() Period {
	switch p.Kind {
	case Yearly:
		return Period{Kind: Yearly, Year: p.Year - 1}
	}
	_, n := p.months()
	count := 12 / n
	if p.Index == 1 {
		return Period{Kind: p.Kind, Year: p.Year - 1, Index: count}
	}
	return Period{Kind: p.Kind, Year: p.Year, Index: p.Index - 1}
}

// Next returns the period of the same kind just after p.
func (p Period) Next() Period {
	switch p.Kind {
	case Yearly:
		return Period{Kind: Yearly, Year: p.Year + 1}
	}
	_, n := p.months()
	if p.Index == 12/n {
		return Period{Kind: p.Kind, Year: p.Year + 1, Index: 1}
	}
	return Period{Kind: p.Kind, Year: p.Year, Index: p.Index + 1}
}
