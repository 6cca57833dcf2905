package acting

import (
	"strconv"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// The calendar of buttons: a fortnight from a given day, seven days a row
// (each labelled with its weekday and date), and buttons to the fortnights
// before and after. Days travel as "YYYYMMDD", which holds no ':'.

// calendarDays is how many days one page of the calendar shows.
const calendarDays = 14

// calendar returns the rows of the fortnight from first, then paging and
// cancel.
func calendar(r *bot.Request, first time.Time) [][]bot.Button {
	var rows [][]bot.Button
	var row []bot.Button
	for i := range calendarDays {
		d := first.AddDate(0, 0, i)
		label := shortWeekday(r.Lang, d) + " " + strconv.Itoa(d.Day()) + "/" + strconv.Itoa(int(d.Month()))
		row = append(row, buttons.Button(label, "d", d.Format("20060102")))
		if len(row) == 7 {
			rows, row = append(rows, row), nil
		}
	}
	prev, next := first.AddDate(0, 0, -calendarDays), first.AddDate(0, 0, calendarDays)
	rows = append(rows, []bot.Button{
		buttons.Button("◀ "+bot.DateLabel(r.Lang, prev), "cal", prev.Format("20060102")),
		buttons.Button(bot.DateLabel(r.Lang, next)+" ▶", "cal", next.Format("20060102")),
	})
	return append(rows, cancelRow(r))
}

// shortWeekday is the first three letters of the weekday: "Sen", "Mon".
func shortWeekday(lang kinerja.Lang, t time.Time) string {
	name := bot.WeekdayName(lang, t.Weekday())
	if len(name) > 3 {
		return name[:3]
	}
	return name
}

// buttonDay reads a day from a button ("YYYYMMDD") as local midnight.
func buttonDay(s string, loc *time.Location) (time.Time, bool) {
	t, err := time.ParseInLocation("20060102", s, loc)
	if err != nil || t.Year() < 2000 || t.Year() > 2100 {
		return time.Time{}, false
	}
	return t, true
}

// parseDay reads a typed day: "2026-11-09", "9-11-2026", "9/11/2026",
// "9/11" (this year), "hari ini", "besok". It returns local midnight.
func parseDay(s string, today time.Time) (time.Time, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	loc := today.Location()
	switch s {
	case "hari ini", "today":
		return today, true
	case "besok", "tomorrow":
		return today.AddDate(0, 0, 1), true
	}
	if t, err := time.ParseInLocation(time.DateOnly, s, loc); err == nil && t.Year() >= 2000 && t.Year() <= 2100 {
		return t, true
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '/' || r == '.' })
	if len(parts) < 2 || len(parts) > 3 {
		return time.Time{}, false
	}
	nums := make([]int, len(parts))
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil {
			return time.Time{}, false
		}
		nums[i] = n
	}
	year := today.Year()
	if len(nums) == 3 {
		year = nums[2]
	}
	d, m := nums[0], nums[1]
	if m < 1 || m > 12 || d < 1 || d > 31 || year < 2000 || year > 2100 {
		return time.Time{}, false
	}
	t := kinerja.Date(year, time.Month(m), d, loc)
	if t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}
