package acting

import (
	"strconv"
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
