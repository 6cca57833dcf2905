package evaluation

import (
	"context"
	"math"
	"sort"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// The annual (Akhir) evaluation builds on the periodic ones already
// decided and signed (Config.Annual, default AnnualFromPeriods), instead of
// recomputing the year from raw reports: each decided period is one line of
// the evidence, with its rating, capaian and the assessor's reason carried
// forward, and the proposal is the mean of the periods' ratings.

// sourcePeriod marks an evidence line that is a decided periodic evaluation.
const sourcePeriod = "period"

// annualEvidence returns the evidence of nip's year p from the decided
// periodic evaluations of that year, and false when there are none (the
// year is then computed from reports). Quarterly evaluations are used when
// the year has any, else monthly ones, so no month counts twice.
func (f *Feature) annualEvidence(ctx context.Context, tx evidenceStore, nip string, p kinerja.Period) (*evidence, bool, error) {
	evs, err := tx.ListEvaluations(ctx, kinerja.EvaluationFilter{NIP: nip, Status: kinerja.EvalFinal})
	if err != nil {
		return nil, false, err
	}
	byKind := map[kinerja.PeriodKind][]*kinerja.Evaluation{}
	for _, e := range evs {
		ep, err := kinerja.ParsePeriod(e.Period)
		if err != nil || ep.Year != p.Year || ep.Kind == kinerja.Yearly || !e.Hasil().Valid() {
			continue
		}
		byKind[ep.Kind] = append(byKind[ep.Kind], e)
	}
	var basis []*kinerja.Evaluation
	for _, k := range []kinerja.PeriodKind{kinerja.Quarterly, kinerja.Semester, kinerja.Monthly} {
		if len(byKind[k]) > 0 {
			basis = byKind[k]
			break
		}
	}
	if len(basis) == 0 {
		return nil, false, nil
	}
	sort.Slice(basis, func(i, j int) bool { return basis[i].Period < basis[j].Period })
	ev := &evidence{basis: kinerja.BasisPeriods}
	var ratings, capaian float64
	withCapaian := 0
	for _, e := range basis {
		ev.approved += e.ApprovedReports
		reason := e.HasilReason
		if e.RevisedHasil.Valid() {
			reason = e.RevisionReason
		}
		ev.indicators = append(ev.indicators, kinerja.IndicatorResult{Code: e.Period, Name: reason,
			Target: float64(e.Hasil()), Realisasi: e.CapaianPct, Capaian: e.CapaianPct, Source: sourcePeriod,
			TargetPeriod: e.Period})
		ratings += float64(e.Hasil())
		if e.HasilBasis != kinerja.BasisNone {
			capaian += e.CapaianPct
			withCapaian++
		}
	}
	ev.proposed = kinerja.Rating(math.Round(ratings / float64(len(basis))))
	if withCapaian > 0 {
		ev.capaian = capaian / float64(withCapaian)
	}
	return ev, true, nil
}

// periodLine writes one decided period of an annual evaluation: its
// effective work-result rating, its capaian and the reason carried forward.
func periodLine(lang kinerja.Lang, in kinerja.IndicatorResult) string {
	line := bot.T(lang, "eval.period_line", in.Code, ratingLabel(lang, kinerja.Rating(in.Target)), percent(lang, in.Capaian))
	if in.Name != "" {
		line += "\n   " + bot.T(lang, "eval.period_reason", in.Name)
	}
	return line
}

func init() {
	bot.RegisterTexts(map[string][2]string{
		"eval.period_line":   {"• %s: hasil kerja <b>%s</b> (capaian %s%%)", "• %s: work result <b>%s</b> (achievement %s%%)"},
		"eval.period_reason": {"alasan penilai: %s", "assessor's reason: %s"},
		"eval.capaian_periods": {
			"Dasar usulan tahunan: penilaian periodik yang sudah diputuskan; usulan = rata-rata rating hasil kerjanya (capaian rata-rata %s%%).",
			"Basis of the annual proposal: the decided periodic evaluations; proposal = the mean of their work-result ratings (mean achievement %s%%).",
		},
	})
}
