package evaluation

import (
	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/report"
)

// How the unit indicators read in /nilai and /skor: each line says which
// source decided the number and how (the lineage of a head's result).

// unitIndicatorLine writes a unit indicator with its lineage; ok is false
// for any other indicator.
func unitIndicatorLine(lang kinerja.Lang, in kinerja.IndicatorResult) (string, bool) {
	t := func(key string, args ...any) string { return bot.T(lang, key, args...) }
	capText := func() string {
		if c := report.CapText(lang, in); c != "" {
			return " " + c
		}
		return ""
	}
	switch in.Source {
	case sourceBudget:
		return t("eval.indicator_budget", in.Name, percent(lang, in.Realisasi), percent(lang, in.TargetMin),
			percent(lang, in.TargetMax), percent(lang, in.Capaian)) + capText() + "\n   " +
			t("eval.lineage_budget", periodLabelOf(lang, in.TargetPeriod), percent(lang, in.Target)), true
	case sourceBudgetMissing:
		return t("eval.indicator_budget_missing", in.Name), true
	case sourceSpeedMeasured:
		return t("eval.indicator_lower", in.Name, number(lang, in.Realisasi), number(lang, in.Target), in.Unit,
			percent(lang, in.Capaian)) + capText() + "\n   " + t("eval.lineage_speed_measured", measuredCount(in)), true
	case sourceSpeedReported:
		line := t("eval.indicator_lower", in.Name, number(lang, in.Realisasi), report.TargetText(lang, in), in.Unit,
			percent(lang, in.Capaian)) + capText() + "\n   " + t("eval.lineage_speed_reported")
		if in.Direction != kinerja.LowerIsBetter {
			line = t("eval.indicator", in.Name, number(lang, in.Realisasi), report.TargetText(lang, in), in.Unit,
				percent(lang, in.Capaian)) + capText() + "\n   " + t("eval.lineage_speed_reported")
		}
		return line + basisLine(lang, in), true
	case sourceUnitPredicate:
		return t("eval.indicator_unitpred", in.Name, periodLabelOf(lang, in.TargetPeriod), in.Unit,
			ratingLabel(lang, kinerja.Rating(in.Target))), true
	}
	return "", false
}

// unitPredicateCapaian is the unit's achievement shown beside a unit
// predicate that decided: the numbers still explain, they do not decide.
func unitPredicateCapaian(lang kinerja.Lang, e *kinerja.Evaluation) string {
	for _, in := range e.Indicators {
		if in.Source == sourcePeriod {
			return "\n" + bot.T(lang, "eval.capaian_periods", percent(lang, e.CapaianPct))
		}
		if in.Source == sourceIKM || in.Source == sourceBudget || in.Source == sourceSpeedMeasured || in.Source == sourceSpeedReported {
			return "\n" + bot.T(lang, "eval.capaian_unit_shown", percent(lang, e.CapaianPct))
		}
	}
	return ""
}

func init() {
	bot.RegisterTexts(map[string][2]string{
		"eval.indicator_budget": {
			"• %s: penyerapan <b>%s%%</b> terhadap rentang rencana %s–%s%% → capaian <b>%s%%</b>",
			"• %s: absorption <b>%s%%</b> against the planned band %s–%s%% → achievement <b>%s%%</b>",
		},
		"eval.lineage_budget": {
			"<i>Sumber: anggaran unit s.d. %s (realisasi kumulatif ÷ pagu terakhir), rencana penyerapan %s%%; di dalam rentang 100%%, di luar rentang menurun menurut rumus rentang</i>",
			"<i>Source: the unit's budget to %s (cumulative realisation ÷ latest pagu), planned absorption %s%%; inside the band 100%%, outside it falls off by the range formula</i>",
		},
		"eval.indicator_budget_missing": {
			"• %s: belum ada data anggaran unit (pagu) tahun ini, tidak dihitung",
			"• %s: no unit budget (pagu) for this year yet, not counted",
		},
		"eval.lineage_speed_measured": {
			"<i>Sumber: waktu layanan terukur (median %d layanan) terhadap standar pelayanan yang dipublikasikan; capaian = 2 − median ÷ standar</i>",
			"<i>Source: measured service times (median of %d services) against the published service standard; achievement = 2 − median ÷ standard</i>",
		},
		"eval.lineage_speed_reported": {
			"<i>Sumber: nilai yang dilaporkan kepala unit (belum ada waktu layanan terukur dengan standar)</i>",
			"<i>Source: the values the unit head reported (no measured service times with a standard yet)</i>",
		},
		"eval.indicator_unitpred": {
			"• Predikat unit %s untuk %s: <b>%s</b> (ditetapkan admin) → hasil kerja kepala unit <b>%s</b> (SE MenPANRB 3/2023); predikat ini yang menentukan usulan",
			"• Unit predicate of %s for %s: <b>%s</b> (set by the admin) → the unit head's work result <b>%s</b> (SE MenPANRB 3/2023); this predicate decides the proposal",
		},
		"eval.capaian_unit_shown": {
			"Capaian unit (ditampilkan, tidak menentukan karena predikat unit sudah ditetapkan): <b>%s%%</b>",
			"Unit achievement (shown; not deciding, as the unit's predicate is set): <b>%s%%</b>",
		},
		"eval.hasil_proposal_unitpred": {
			"Usulan hasil kerja: <b>%s</b>\n<i>Aturan: predikat unit Istimewa → Di Atas Ekspektasi; Baik → Sesuai Ekspektasi; Butuh Perbaikan, Kurang, Sangat Kurang → Di Bawah Ekspektasi.</i>",
			"Proposed work result: <b>%s</b>\n<i>Rule: unit predicate Istimewa → above expectations; Baik → meets them; Butuh Perbaikan, Kurang, Sangat Kurang → below them.</i>",
		},
		"err.budget_curve": {
			"Kurva rencana penyerapan anggaran %v/%v/%v/%v%% tidak valid: harus naik, di atas 0 dan paling tinggi 100.",
			"The planned budget absorption curve %v/%v/%v/%v%% is not valid: it must rise, above 0 and at most 100.",
		},
		"err.budget_band": {
			"Rentang toleransi penyerapan anggaran %v poin tidak valid (harus di bawah 50).",
			"The budget absorption tolerance of %v points is not valid (it must be below 50).",
		},
	})
}
