package report

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// ambiguousThousands matches "2.500" or "2,500": a thousands group or a
// decimal fraction, depending on who typed it. We ask rather than guess.
var ambiguousThousands = regexp.MustCompile(`^[1-9][0-9]{0,2}[.,][0-9]{3}$`)

// quantityPattern is a plain decimal number with one optional separator.
var quantityPattern = regexp.MustCompile(`^[0-9]+([.,][0-9]+)?$`)

// parseQuantity reads a quantity typed the Indonesian way ("2,5") or the
// English way ("2.5"), above zero. It returns a text key explaining a
// refusal, or "".
func parseQuantity(s string) (float64, string) { return parseQuantityZero(s, false) }

// parseQuantityFor reads a quantity reported against target t: 0 is
// accepted where it is a meaningful report (kinerja.Target.ZeroAllowed:
// the best value of a lower-is-better indicator, or a measured value of a
// mean or last-value one), and refused for a count to be raised.
func parseQuantityFor(s string, t *kinerja.Target) (float64, string) {
	return parseQuantityZero(s, t != nil && t.ZeroAllowed())
}

// parseQuantityZero is parseQuantity, accepting 0 when zero is set.
func parseQuantityZero(s string, zero bool) (float64, string) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return 0, "rpt.qty_not_number"
	case strings.HasPrefix(s, "-"):
		return 0, "rpt.qty_not_positive"
	case ambiguousThousands.MatchString(s):
		return 0, "rpt.qty_ambiguous"
	case !quantityPattern.MatchString(s):
		return 0, "rpt.qty_not_number"
	}
	v, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, "rpt.qty_not_number"
	}
	if v < 0 || v == 0 && !zero {
		return 0, "rpt.qty_not_positive"
	}
	return v, ""
}

// reportMonths are month names as people type them, in both languages.
var reportMonths = map[string]time.Month{
	"jan": 1, "januari": 1, "january": 1, "feb": 2, "februari": 2, "february": 2, "peb": 2, "pebruari": 2,
	"mar": 3, "maret": 3, "march": 3, "apr": 4, "april": 4, "mei": 5, "may": 5,
	"jun": 6, "juni": 6, "june": 6, "jul": 7, "juli": 7, "july": 7, "agu": 8, "agt": 8, "agustus": 8, "aug": 8, "august": 8,
	"sep": 9, "sept": 9, "september": 9, "okt": 10, "oktober": 10, "oct": 10, "october": 10,
	"nov": 11, "nopember": 11, "november": 11, "des": 12, "desember": 12, "dec": 12, "december": 12,
}

// dateSplit separates the parts of a typed date.
var dateSplit = regexp.MustCompile(`[\s/.\-]+`)

// parseWorkDate reads a typed calendar day relative to today (local
// midnight): "hari ini", "kemarin", "7" (this month), "7/11", "7-11-2026",
// "7 November 2026", or ISO "2026-11-07". ok is false when it is no date.
func parseWorkDate(s string, today time.Time) (time.Time, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "hari ini", "today", "hariini":
		return today, true
	case "kemarin", "yesterday":
		return today.AddDate(0, 0, -1), true
	}
	parts := dateSplit.Split(s, -1)
	if len(parts) == 3 && len(parts[0]) == 4 { // ISO year first
		parts[0], parts[2] = parts[2], parts[0]
	}
	if len(parts) == 0 || len(parts) > 3 {
		return time.Time{}, false
	}
	day, err := strconv.Atoi(parts[0])
	if err != nil {
		return time.Time{}, false
	}
	month, year := today.Month(), today.Year()
	if len(parts) >= 2 {
		if m, ok := reportMonths[parts[1]]; ok {
			month = m
		} else if n, err := strconv.Atoi(parts[1]); err == nil && n >= 1 && n <= 12 {
			month = time.Month(n)
		} else {
			return time.Time{}, false
		}
	}
	if len(parts) == 3 {
		y, err := strconv.Atoi(parts[2])
		switch {
		case err != nil:
			return time.Time{}, false
		case y < 100:
			y += 2000
		}
		year = y
	}
	if day < 1 || day > 31 || year < 2000 || year > 2100 {
		return time.Time{}, false
	}
	d := kinerja.Date(year, month, day, today.Location())
	if d.Day() != day { // 31 June rolled over into July
		return time.Time{}, false
	}
	return d, true
}

// reportNum formats a quantity the way the reader writes numbers: "2,5" in
// Indonesian, "2.5" in English, without trailing zeros.
func reportNum(lang kinerja.Lang, v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if len(s) > 12 {
		s = strconv.FormatFloat(v, 'f', 2, 64)
	}
	if lang != kinerja.LangEN {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// reportPercent formats a capaian with two decimals.
func reportPercent(lang kinerja.Lang, v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	if lang != kinerja.LangEN {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s + "%"
}

// reportDay formats a "YYYY-MM-DD" work date for people: "Selasa,
// 10 November 2026" or "Tuesday, 10 November 2026".
func reportDay(lang kinerja.Lang, date string) string {
	d, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return date
	}
	return bot.WeekdayName(lang, d.Weekday()) + ", " + bot.DateLabel(lang, d)
}

// reportShortDay formats a work date as "10/11".
func reportShortDay(date string) string {
	if d, err := time.Parse(time.DateOnly, date); err == nil {
		return d.Format("2/1")
	}
	return date
}

// reportTime formats an instant in the configured zone.
func reportTime(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format("02/01/2006 15:04")
}

// reportTrunc shortens s to n characters with an ellipsis.
func reportTrunc(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
