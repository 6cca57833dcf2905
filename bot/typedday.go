package bot

import (
	"strconv"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// A day typed in chat, read the one way every dialogue reads it (/cuti,
// /plt and the like).

// months maps the first three letters of Indonesian and English month
// names to months.
var months = map[string]time.Month{
	"jan": 1, "feb": 2, "peb": 2, "mar": 3, "apr": 4, "mei": 5, "may": 5, "jun": 6, "jul": 7,
	"agu": 8, "agt": 8, "aug": 8, "sep": 9, "okt": 10, "oct": 10, "nov": 11, "nop": 11, "des": 12, "dec": 12,
}

// ParseDay reads a day as people type it: "5-12-2026", "5/12/2026",
// "5.12.2026", "2026-12-05", "5 Desember 2026", "5 des", "5-12" (this
// year), "hari ini", "besok". It returns local midnight.
func ParseDay(s string, today time.Time) (time.Time, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	loc := today.Location()
	switch s {
	case "hari ini", "today", "hariini":
		return today, true
	case "besok", "tomorrow":
		return today.AddDate(0, 0, 1), true
	}
	if t, err := time.ParseInLocation(kinerja.DayLayout, s, loc); err == nil {
		// The same years as the other forms ("0001-01-01" is no leave day).
		if t.Year() < 2000 || t.Year() > 2100 {
			return time.Time{}, false
		}
		return t, true
	}
	var parts []string
	if f := strings.Fields(s); len(f) >= 2 {
		m, ok := months[f[1][:min(3, len(f[1]))]]
		if !ok {
			return time.Time{}, false
		}
		parts = []string{f[0], strconv.Itoa(int(m))}
		if len(f) == 3 {
			parts = append(parts, f[2])
		} else if len(f) > 3 {
			return time.Time{}, false
		}
	} else {
		parts = strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '/' || r == '.' })
	}
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
		if year < 100 {
			year += 2000
		}
	}
	d, m := nums[0], nums[1]
	if m < 1 || m > 12 || d < 1 || d > 31 || year < 2000 || year > 2100 {
		return time.Time{}, false
	}
	t := kinerja.Date(year, time.Month(m), d, loc)
	if t.Day() != d { // 31 November and the like
		return time.Time{}, false
	}
	return t, true
}
