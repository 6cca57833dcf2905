package report

import (
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// Config is the local policy for work reports. Zero values take the
// defaults noted on each field.
type Config struct {
	// LockAfterDays keeps a month open for reports until that day of the
	// next month, inclusive (default 5: October work may be reported until
	// 5 November). Negative locks a month as soon as it ends.
	LockAfterDays int
	// QuantityFactor bounds one report's quantity at this many times the
	// indicator's target (default 10), but never below 10…
	QuantityFactor float64
	// …nor above MaxQuantity (default 100,000).
	MaxQuantity float64
	// Digest sends each assessor a periodic digest (the report-digest job)
	// instead of one message per new report.
	Digest bool
	// DigestSchedule is the digest job's five-field cron schedule (default
	// DefaultDigestSchedule).
	DigestSchedule string
	// PageSize is how many pending reports /persetujuan shows at once
	// (default 5).
	PageSize int
	// MaxFileSize refuses larger evidence files (default 20 MB, the Bot API's
	// download limit for bots).
	MaxFileSize int64
	// MaxEvidence is the most files one report may carry (default 10).
	MaxEvidence int
	// Targets is how targets are compared in /capaian (measure.go).
	Targets TargetPolicy
}

// DefaultDigestSchedule is 07:00 and 13:00 on working days.
const DefaultDigestSchedule = "0 7,13 * * 1-5"

// withDefaults fills in the zero fields.
func (c Config) withDefaults() Config {
	if c.LockAfterDays == 0 {
		c.LockAfterDays = 5
	}
	if c.QuantityFactor <= 0 {
		c.QuantityFactor = 10
	}
	if c.MaxQuantity <= 0 {
		c.MaxQuantity = 100000
	}
	if c.DigestSchedule == "" {
		c.DigestSchedule = DefaultDigestSchedule
	}
	if c.PageSize <= 0 {
		c.PageSize = 5
	}
	if c.MaxFileSize <= 0 {
		c.MaxFileSize = 20 << 20
	}
	if c.MaxEvidence <= 0 {
		c.MaxEvidence = 10
	}
	return c
}

// Report text limits.
const (
	maxDescription = 1000 // characters in a report's description
	minReason      = 5    // characters in a rejection or return reason
	maxReason      = 1000
)

// MonthLocked reports whether reports for month may no longer be sent or
// changed at instant now: a month is locked once its grace days in the next
// month have passed. The current and future months are never locked.
func (f *Feature) MonthLocked(month kinerja.Period, now time.Time) bool {
	loc := f.deps.Location
	if now.Before(month.End(loc)) {
		return false
	}
	days := f.cfg.LockAfterDays
	if days < 0 {
		return true
	}
	next := month.Next()
	return !now.Before(kinerja.Date(next.Year, time.Month(next.Index), days+1, loc))
}

// LastOpenDay returns local midnight of the last day on which work of
// month may still be reported (the last of its grace days; the month's own
// last day when months lock as they end).
func (f *Feature) LastOpenDay(month kinerja.Period) time.Time {
	loc := f.deps.Location
	if f.cfg.LockAfterDays < 0 {
		return kinerja.Day(month.End(loc).Add(-time.Millisecond), loc)
	}
	next := month.Next()
	return kinerja.Date(next.Year, time.Month(next.Index), f.cfg.LockAfterDays, loc)
}

// openMonths returns the months that accept reports at now: the current
// month, preceded by the previous one while it is still in its grace days.
func (f *Feature) openMonths(now time.Time) []kinerja.Period {
	cur := kinerja.MonthOf(now, f.deps.Location)
	if prev := cur.Prev(); !f.MonthLocked(prev, now) {
		return []kinerja.Period{prev, cur}
	}
	return []kinerja.Period{cur}
}

// quantityBound is the most one report may claim for target t.
func (f *Feature) quantityBound(t *kinerja.Target) float64 {
	c := f.cfg
	return min(max(t.Target*c.QuantityFactor, 10), c.MaxQuantity)
}

// dayProblem says why work done on day (local midnight) cannot be reported
// against target t at now, as a text key and its arguments; "" when it can.
func (f *Feature) dayProblem(t *kinerja.Target, day, now time.Time) (string, []any) {
	loc := f.deps.Location
	month := kinerja.MonthOf(day, loc)
	switch {
	case day.After(kinerja.Day(now, loc)):
		return "rpt.date_future", nil
	case f.MonthLocked(month, now):
		return "rpt.date_locked", []any{month.String()}
	case !t.AppliesTo(month):
		return "rpt.date_outside_target", []any{t.Period}
	}
	return "", nil
}
