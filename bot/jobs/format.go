package jobs

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// longDate writes a day as a civil servant reads it: "Senin, 3 November 2026".
func longDate(lang kinerja.Lang, t time.Time) string {
	return bot.WeekdayName(lang, t.Weekday()) + ", " + bot.DateLabel(lang, t)
}

// daySpan writes the days from first to last: "17–23 November 2026", or
// "27 Oktober – 2 November 2026" across months.
func daySpan(lang kinerja.Lang, first, last time.Time) string {
	switch {
	case first.Year() != last.Year():
		return bot.DateLabel(lang, first) + " – " + bot.DateLabel(lang, last)
	case first.Month() != last.Month():
		return fmt.Sprintf("%d %s – %s", first.Day(), bot.MonthName(lang, first.Month()), bot.DateLabel(lang, last))
	}
	return fmt.Sprintf("%d–%s", first.Day(), bot.DateLabel(lang, last))
}

// decimal writes x with two decimals, with a decimal comma in Indonesian
// ("84,21") and a point in English.
func decimal(lang kinerja.Lang, x float64) string {
	s := strconv.FormatFloat(x, 'f', 2, 64)
	if lang != kinerja.LangEN {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// calendarDays counts the calendar days from the day of a to the day of b.
func calendarDays(a, b time.Time, loc *time.Location) int {
	da, db := kinerja.Day(a, loc), kinerja.Day(b, loc)
	// Calendar days, not 24-hour spans: count by dates at noon UTC, which
	// no daylight saving shift can move across midnight.
	ua := time.Date(da.Year(), da.Month(), da.Day(), 12, 0, 0, 0, time.UTC)
	ub := time.Date(db.Year(), db.Month(), db.Day(), 12, 0, 0, 0, time.UTC)
	return int(ub.Sub(ua).Hours() / 24)
}
