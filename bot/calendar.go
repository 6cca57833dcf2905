package bot

import (
	"strconv"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// calMonthNames are the months in each language, January first.
var calMonthNames = map[kinerja.Lang][12]string{
	kinerja.LangID: {"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"},
	kinerja.LangEN: {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

// weekdayNames are the days of the week in each language, Sunday first.
var weekdayNames = map[kinerja.Lang][7]string{
	kinerja.LangID: {"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"},
	kinerja.LangEN: {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
}

// MonthName returns the name of month m in lang: "November".
func MonthName(lang kinerja.Lang, m time.Month) string {
	names, ok := calMonthNames[lang]
	if !ok {
		names = calMonthNames[kinerja.LangID]
	}
	if m < 1 || m > 12 {
		return strconv.Itoa(int(m))
	}
	return names[m-1]
}

// WeekdayName returns the name of day d in lang: "Senin".
func WeekdayName(lang kinerja.Lang, d time.Weekday) string {
	names, ok := weekdayNames[lang]
	if !ok {
		names = weekdayNames[kinerja.LangID]
	}
	return names[d%7]
}

// MonthLabel writes a monthly period as "November 2026"; any other period
// as its code.
func MonthLabel(lang kinerja.Lang, p kinerja.Period) string {
	if p.Kind != kinerja.Monthly || p.Index < 1 || p.Index > 12 {
		return p.String()
	}
	return MonthName(lang, time.Month(p.Index)) + " " + strconv.Itoa(p.Year)
}

// PeriodLabel writes any period in words: "November 2026", "Triwulan II
// 2026", "Semester I 2026", "Tahun 2026".
func PeriodLabel(lang kinerja.Lang, p kinerja.Period) string {
	roman := []string{"", "I", "II", "III", "IV"}
	switch p.Kind {
	case kinerja.Monthly:
		return MonthLabel(lang, p)
	case kinerja.Quarterly:
		if p.Index >= 1 && p.Index <= 4 {
			return T(lang, "period.quarter", roman[p.Index], p.Year)
		}
	case kinerja.Semester:
		if p.Index >= 1 && p.Index <= 2 {
			return T(lang, "period.semester", roman[p.Index], p.Year)
		}
	case kinerja.Yearly:
		return T(lang, "period.year", p.Year)
	}
	return p.String()
}

// DateLabel writes a calendar day: "17 November 2026".
func DateLabel(lang kinerja.Lang, t time.Time) string {
	return strconv.Itoa(t.Day()) + " " + MonthName(lang, t.Month()) + " " + strconv.Itoa(t.Year())
}
