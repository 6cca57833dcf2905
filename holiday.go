package kinerja

import (
	"sort"
	"time"
)

// Holiday is a day off for civil servants: a national holiday (libur
// nasional) or a collective leave day (cuti bersama), both set each year by
// a joint decree of three ministers (SKB 3 Menteri).
type Holiday struct {
	Day         string // "YYYY-MM-DD"
	Name        string
	CutiBersama bool
}

// Calendar knows which days are working days: Monday to Friday, except
// holidays. The zero or nil Calendar knows no holidays (weekends only).
type Calendar struct {
	loc   *time.Location
	days  map[string]Holiday
	years map[int]bool
}

// NewCalendar returns a calendar over the holidays, in loc.
func NewCalendar(loc *time.Location, holidays []Holiday) *Calendar {
	c := &Calendar{loc: loc, days: map[string]Holiday{}, years: map[int]bool{}}
	for _, h := range holidays {
		c.days[h.Day] = h
		if t, err := time.ParseInLocation(DayLayout, h.Day, loc); err == nil {
			c.years[t.Year()] = true
		}
	}
	return c
}

// Location returns the calendar's time zone (UTC for a nil calendar).
func (c *Calendar) Location() *time.Location {
	if c == nil || c.loc == nil {
		return time.UTC
	}
	return c.loc
}

// Holiday returns the holiday on the day of t, if any.
func (c *Calendar) Holiday(t time.Time) (Holiday, bool) {
	if c == nil {
		return Holiday{}, false
	}
	h, ok := c.days[DayString(t, c.Location())]
	return h, ok
}

// WorkingDay reports whether the day of t is a working day.
func (c *Calendar) WorkingDay(t time.Time) bool {
	t = t.In(c.Location())
	if wd := t.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	_, holiday := c.Holiday(t)
	return !holiday
}

// Knows reports whether the calendar has holidays for year, so that a
// deployment running into a year nobody configured can be warned.
func (c *Calendar) Knows(year int) bool { return c != nil && c.years[year] }

// Years returns the years the calendar has holidays for, ascending.
func (c *Calendar) Years() []int {
	if c == nil {
		return nil
	}
	var out []int
	for y := range c.years {
		out = append(out, y)
	}
	sort.Ints(out)
	return out
}

// WorkingDaysBefore returns local midnight of the n working days before the
// day of t (not including it), newest first, skipping days for which skip
// returns true (a person's leave); skip may be nil. It looks back at most a
// year, so a person on leave all along yields fewer than n days.
func (c *Calendar) WorkingDaysBefore(t time.Time, n int, skip func(day time.Time) bool) []time.Time {
	loc := c.Location()
	day := Day(t, loc)
	var out []time.Time
	for i := 1; len(out) < n && i <= 366; i++ {
		d := day.AddDate(0, 0, -i)
		if c.WorkingDay(d) && (skip == nil || !skip(d)) {
			out = append(out, d)
		}
	}
	return out
}

// LastWorkingDayUpTo returns the last working day on or before the day of
// t, but not before from (both local days); ok is false when there is none
// in [from, t].
func (c *Calendar) LastWorkingDayUpTo(from, t time.Time) (time.Time, bool) {
	loc := c.Location()
	first := Day(from, loc)
	for d := Day(t, loc); !d.Before(first); d = d.AddDate(0, 0, -1) {
		if c.WorkingDay(d) {
			return d, true
		}
	}
	return time.Time{}, false
}
