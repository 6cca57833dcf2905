package bot

// The date helpers of /cuti and /ekspor, until those move to their own
// package (the scheduled jobs have theirs in bot/jobs).

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// Names of months and weekdays; Go's time package knows English only.
var (
	jobMonthNames = [2][12]string{
		{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"},
		{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	}
	jobDayNames = [2][7]string{
		{"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"},
		{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
	}
)

func langIndex(lang kinerja.Lang) int {
	if lang == kinerja.LangEN {
		return 1
	}
	return 0
}

// jobDate writes a day as a civil servant reads it: "Senin, 3 November 2026".
func jobDate(lang kinerja.Lang, t time.Time) string {
	i := langIndex(lang)
	return fmt.Sprintf("%s, %d %s %d", jobDayNames[i][t.Weekday()], t.Day(), jobMonthNames[i][t.Month()-1], t.Year())
}

// jobShortDate writes a day without its weekday: "3 November 2026".
func jobShortDate(lang kinerja.Lang, t time.Time) string {
	return fmt.Sprintf("%d %s %d", t.Day(), jobMonthNames[langIndex(lang)][t.Month()-1], t.Year())
}

// jobMonth writes a month period: "November 2026".
func jobMonth(lang kinerja.Lang, p kinerja.Period) string {
	if p.Kind != kinerja.Monthly {
		return p.String()
	}
	return fmt.Sprintf("%s %d", jobMonthNames[langIndex(lang)][p.Index-1], p.Year)
}

// jobSpan writes the days from first to last: "17–23 November 2026", or
// "27 Oktober – 2 November 2026" across months.
func jobSpan(lang kinerja.Lang, first, last time.Time) string {
	names := jobMonthNames[langIndex(lang)]
	switch {
	case first.Year() != last.Year():
		return jobShortDate(lang, first) + " – " + jobShortDate(lang, last)
	case first.Month() != last.Month():
		return fmt.Sprintf("%d %s – %s", first.Day(), names[first.Month()-1], jobShortDate(lang, last))
	}
	return fmt.Sprintf("%d–%s", first.Day(), jobShortDate(lang, last))
}

// jobDecimal writes x with two decimals, with a decimal comma in
// Indonesian ("84,21") and a point in English.
func jobDecimal(lang kinerja.Lang, x float64) string {
	s := strconv.FormatFloat(x, 'f', 2, 64)
	if lang != kinerja.LangEN {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// jobDays counts the calendar days from the day of a to the day of b.
func jobDays(a, b time.Time, loc *time.Location) int {
	da, db := kinerja.Day(a, loc), kinerja.Day(b, loc)
	// Calendar days, not 24-hour spans: count by dates at noon UTC, which
	// no daylight saving shift can move across midnight.
	ua := time.Date(da.Year(), da.Month(), da.Day(), 12, 0, 0, 0, time.UTC)
	ub := time.Date(db.Year(), db.Month(), db.Day(), 12, 0, 0, 0, time.UTC)
	return int(ub.Sub(ua).Hours() / 24)
}
