package report

import (
	"math"
	"strconv"

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
