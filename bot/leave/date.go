package leave

import (
	"strconv"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// dayLabel writes a day as a civil servant reads it: "Senin, 3 November
// 2026".
func dayLabel(lang kinerja.Lang, t time.Time) string {
	return bot.WeekdayName(lang, t.Weekday()) + ", " + bot.DateLabel(lang, t)
}

// spanLabel writes a leave span with weekdays: "Selasa, 1 Desember 2026 –
// Sabtu, 5 Desember 2026", or one day.
func spanLabel(lang kinerja.Lang, from, to time.Time) string {
	if from.Equal(to) {
		return dayLabel(lang, from)
	}
	return dayLabel(lang, from) + " – " + dayLabel(lang, to)
}

// shortSpanLabel writes the days from first to last compactly, for a
// button: "17–23 November 2026", or "27 Oktober – 2 November 2026" across
// months.
func shortSpanLabel(lang kinerja.Lang, first, last time.Time) string {
	switch {
	case first.Year() != last.Year():
		return bot.DateLabel(lang, first) + " – " + bot.DateLabel(lang, last)
	case first.Month() != last.Month():
		return strconv.Itoa(first.Day()) + " " + bot.MonthName(lang, first.Month()) + " – " + bot.DateLabel(lang, last)
	}
	return strconv.Itoa(first.Day()) + "–" + bot.DateLabel(lang, last)
}

// daysBetween counts the calendar days from the day of a to the day of b.
func daysBetween(a, b time.Time, loc *time.Location) int {
	da, db := kinerja.Day(a, loc), kinerja.Day(b, loc)
	// Calendar days, not 24-hour spans: count by dates at noon UTC, which
	// no daylight saving shift can move across midnight.
	ua := time.Date(da.Year(), da.Month(), da.Day(), 12, 0, 0, 0, time.UTC)
	ub := time.Date(db.Year(), db.Month(), db.Day(), 12, 0, 0, 0, time.UTC)
	return int(ub.Sub(ua).Hours() / 24)
}
