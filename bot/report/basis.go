package report

import (
	"math"
	"strconv"
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

// How a target was derived, in the reader's language: /capaian shows it
// for the month, /skor for the evaluated period (from the snapshot).

// TargetBasisText says which target was used for an indicator and how it
// was derived from the target as set, e.g. "target tahunan 120 (2026) ×
// 22/261 hari kerja, dikurangi 3 hari kerja cuti".
func TargetBasisText(lang kinerja.Lang, in kinerja.IndicatorResult) string {
	pt := scoring.ParseBasis(in.TargetBasis)
	t := func(key string, args ...any) string { return bot.T(lang, key, args...) }
	period := in.TargetPeriod
	var s string
	switch pt.Basis {
	case scoring.BasisQuarterly:
		s = t("tgt.basis_quarterly", period)
	case scoring.BasisQuarterlyProrated:
		s = t("tgt.basis_quarterly_prorated", reportNum(lang, setValue(in.Target, pt)), period, pt.Days, pt.OfDays)
	case scoring.BasisProrated:
		s = t("tgt.basis_prorated", reportNum(lang, setValue(in.Target, pt)), period, pt.Days, pt.OfDays)
	case scoring.BasisMonthly:
		s = t("tgt.basis_monthly", t("tgt.kind_"+string(ownKind(period, pt))), reportNum(lang, monthSetValue(in.Target, pt)), period, monthTerms(lang, pt))
	case scoring.BasisQuarterlyMonthly:
		if pt.OfMonths == 3 {
			s = t("tgt.basis_quarterly_monthly", reportNum(lang, monthSetValue(in.Target, pt)), period, monthTerms(lang, pt))
		} else {
			s = t("tgt.basis_quarterly_monthly_multi", period, quarterTerms(lang, pt))
		}
	case scoring.BasisLevel:
		s = t("tgt.basis_level", period)
	case "":
		return "" // a snapshot taken before targets were derived
	default:
		s = t("tgt.basis_set", period)
	}
	if pt.LeaveDays > 0 {
		s += ", " + t("tgt.basis_leave", pt.LeaveDays)
	}
	if pt.Cumulative {
		s += ", " + t("tgt.basis_cumulative")
	}
	return s + "; " + t("tgt.agg_"+string(in.Aggregation.Or()))
}

// setValue recovers the target as set from a pro-rated one: the working
// days counted are Days of OfDays.
func setValue(v float64, pt scoring.PeriodTarget) float64 {
	if pt.Days <= 0 || pt.OfDays <= 0 {
		return v
	}
	return math.Round(v*float64(pt.OfDays)/float64(pt.Days)*1e4) / 1e4
}

// monthSetValue recovers the target as set (or the quarter's) from one
// pro-rated by months: Months whole months and Parts of OfMonths.
func monthSetValue(v float64, pt scoring.PeriodTarget) float64 {
	share := float64(pt.Months)
	for _, p := range pt.Parts {
		if p.OfDays > 0 {
			share += float64(p.Days) / float64(p.OfDays)
		}
	}
	if share <= 0 || pt.OfMonths <= 0 {
		return v
	}
	return math.Round(v*float64(pt.OfMonths)/share*1e4) / 1e4
}

// ownKind is the kind of the target's own period: yearly, quarterly or
// monthly, told by the number of its months when the period is combined.
func ownKind(period string, pt scoring.PeriodTarget) kinerja.PeriodKind {
	if p, err := kinerja.ParsePeriod(period); err == nil && pt.OfMonths == len(p.Months()) {
		return p.Kind
	}
	switch pt.OfMonths {
	case 12:
		return kinerja.Yearly
	case 3:
		return kinerja.Quarterly
	}
	return kinerja.Monthly
}

// monthTerms says the months counted of a target of OfMonths months:
// "1/12 bulan", "2/12 bulan + 1/12 bulan × 17/20 hari kerja".
func monthTerms(lang kinerja.Lang, pt scoring.PeriodTarget) string {
	var terms []string
	if pt.Months > 0 || len(pt.Parts) == 0 {
		terms = append(terms, bot.T(lang, "tgt.months", pt.Months, pt.OfMonths))
	}
	for _, p := range pt.Parts {
		if pt.OfMonths == 1 {
			terms = append(terms, bot.T(lang, "tgt.days", p.Days, p.OfDays))
		} else {
			terms = append(terms, bot.T(lang, "tgt.month_days", pt.OfMonths, p.Days, p.OfDays))
		}
	}
	return strings.Join(terms, " + ")
}

// quarterTerms says the months counted across several quarters' targets:
// "11 bulan penuh + 17/20 hari kerja".
func quarterTerms(lang kinerja.Lang, pt scoring.PeriodTarget) string {
	var terms []string
	if pt.Months > 0 {
		terms = append(terms, bot.T(lang, "tgt.whole_months", pt.Months))
	}
	for _, p := range pt.Parts {
		terms = append(terms, bot.T(lang, "tgt.days", p.Days, p.OfDays))
	}
	return strings.Join(terms, " + ")
}

// TargetText is the target used, rounded for reading: "10,11" or, for a
// band, "90–100".
func TargetText(lang kinerja.Lang, in kinerja.IndicatorResult) string {
	if in.Direction == kinerja.InRange {
		return reportNum(lang, in.TargetMin) + "–" + reportNum(lang, in.TargetMax)
	}
	return reportNum(lang, math.Round(in.Target*100)/100)
}

// CapText says the cap applied to a capaian above it, "" otherwise.
func CapText(lang kinerja.Lang, in kinerja.IndicatorResult) string {
	if in.Cap <= 0 || in.CapaianRaw <= in.Cap {
		return ""
	}
	return bot.T(lang, "tgt.capped", reportPercent(lang, in.CapaianRaw), strconv.FormatFloat(in.Cap, 'f', -1, 64))
}

func init() {
	bot.RegisterTexts(map[string][2]string{
		"tgt.basis_set":       {"target yang ditetapkan untuk %s", "the target set for %s"},
		"tgt.basis_quarterly": {"target triwulan (TW) dari target tahunan %s", "the quarterly (TW) targets of the yearly target %s"},
		"tgt.basis_quarterly_prorated": {
			"target triwulan %s (%s) × %d/%d hari kerja",
			"quarterly target %s (%s) × %d/%d working days",
		},
		"tgt.basis_prorated": {
			"target %s (%s) × %d/%d hari kerja",
			"target %s (%s) × %d/%d working days",
		},
		"tgt.basis_monthly":           {"target %s %s (%s) × %s", "%s target %s (%s) × %s"},
		"tgt.basis_quarterly_monthly": {"target triwulan %s (%s) × %s", "quarterly target %s (%s) × %s"},
		"tgt.basis_quarterly_monthly_multi": {
			"target triwulan (TW) dari target tahunan %s, tiap bulan 1/3 triwulannya: %s",
			"the quarterly (TW) targets of the yearly target %s, each month 1/3 of its quarter's: %s",
		},
		"tgt.kind_year":        {"tahunan", "yearly"},
		"tgt.kind_quarter":     {"triwulan", "quarterly"},
		"tgt.kind_month":       {"bulanan", "monthly"},
		"tgt.months":           {"%d/%d bulan", "%d/%d months"},
		"tgt.month_days":       {"1/%d bulan × %d/%d hari kerja", "1/%d month × %d/%d working days"},
		"tgt.days":             {"%d/%d hari kerja", "%d/%d working days"},
		"tgt.whole_months":     {"%d bulan penuh", "%d whole months"},
		"tgt.basis_level":      {"nilai target %s, berlaku untuk setiap bagian periodenya", "the target value of %s, holding for any part of its period"},
		"tgt.basis_leave":      {"dikurangi %d hari kerja cuti", "less %d working days of leave"},
		"tgt.basis_cumulative": {"kumulatif sejak awal periode target", "cumulative from the start of the target's period"},
		"tgt.agg_jumlah":       {"realisasi = jumlah laporan", "realisation = sum of reports"},
		"tgt.agg_rata-rata":    {"realisasi = rata-rata nilai yang dilaporkan", "realisation = mean of reported values"},
		"tgt.agg_terakhir":     {"realisasi = nilai terakhir yang dilaporkan", "realisation = last reported value"},
		"tgt.capped":           {"(capaian %s dibatasi %s%%)", "(achievement %s capped at %s%%)"},
		"tgt.line":             {"Target dipakai: %s", "Target used: %s"},
		"rpt.dir_rentang":      {"dalam rentang", "within the band"},
	})
}
