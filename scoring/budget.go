package scoring

import (
	"math"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// Budget efficiency of a unit (issue "Targets", part 3): absorption of the
// year's budget to date, compared with the planned absorption curve. The
// curve and the band around it are local policy.

// BudgetPlan is the planned absorption curve and the band around it.
type BudgetPlan struct {
	// Curve is the planned cumulative absorption, in percent of the pagu,
	// at the end of Q1, Q2, Q3 and Q4 (default 20, 45, 70, 95).
	Curve [4]float64
	// Band is the tolerance either side of the plan, in percentage points
	// (default 5): absorption within plan ± Band is 100%.
	Band float64
}

// DefaultBudgetPlan is 20/45/70/95% at the end of the quarters, ± 5 points.
func DefaultBudgetPlan() BudgetPlan { return BudgetPlan{Curve: [4]float64{20, 45, 70, 95}, Band: 5} }

// WithDefaults fills a zero curve or band.
func (bp BudgetPlan) WithDefaults() BudgetPlan {
	d := DefaultBudgetPlan()
	if bp.Curve == ([4]float64{}) {
		bp.Curve = d.Curve
	}
	if bp.Band <= 0 {
		bp.Band = d.Band
	}
	return bp
}

// Validate returns an EInvalid error unless the curve rises (never falls)
// from above 0 to at most 100 and the band is below 50 points.
func (bp BudgetPlan) Validate() error {
	bp = bp.WithDefaults()
	prev := 0.0
	for _, c := range bp.Curve {
		if !finite(c) || c <= 0 || c > 100 || c < prev {
			return kinerja.Errorf(kinerja.EInvalid, "err.budget_curve", bp.Curve[0], bp.Curve[1], bp.Curve[2], bp.Curve[3])
		}
		prev = c
	}
	if !finite(bp.Band) || bp.Band >= 50 {
		return kinerja.Errorf(kinerja.EInvalid, "err.budget_band", bp.Band)
	}
	return nil
}

// PlanAt is the planned cumulative absorption at the end of month (1–12):
// the curve's value at a quarter's end, pro-rated by months within the
// quarter from the previous quarter's end (0 before Q1). February of the
// default curve is 20 × 2/3 = 13.33%; May is 20 + 25 × 2/3 = 36.67%.
func (bp BudgetPlan) PlanAt(month int) float64 {
	bp = bp.WithDefaults()
	month = min(max(month, 1), 12)
	q, k := (month-1)/3, (month-1)%3+1
	prev := 0.0
	if q > 0 {
		prev = bp.Curve[q-1]
	}
	return prev + (bp.Curve[q]-prev)*float64(k)/3
}

// BandAt is the band around the plan at the end of month: plan − Band to
// plan + Band, the lower bound never below half the plan (early in the
// year the plan is smaller than the band, and a band from 0 would make
// spending nothing 100%).
func (bp BudgetPlan) BandAt(month int) (lo, hi float64) {
	bp = bp.WithDefaults()
	plan := bp.PlanAt(month)
	return math.Max(plan-bp.Band, plan/2), plan + bp.Band
}

// BudgetMonth is one month's figures: Month 1–12 of the year.
type BudgetMonth struct {
	Month           int
	Pagu, Realisasi float64
}

// Absorption is the cumulative absorption (percent) to the end of month:
// the realisations of months 1..month over the latest pagu given up to it
// (a revised budget, APBD-P, replaces the first). ok is false when no
// pagu above zero is known by then.
func Absorption(months []BudgetMonth, month int) (pct float64, ok bool) {
	var spent, pagu float64
	latest := 0
	for _, m := range months {
		if m.Month < 1 || m.Month > month {
			continue
		}
		spent += m.Realisasi
		if m.Pagu > 0 && m.Month >= latest {
			pagu, latest = m.Pagu, m.Month
		}
	}
	if pagu <= 0 {
		return 0, false
	}
	return 100 * spent / pagu, true
}

// BudgetCapaian is the capaian of an absorption (percent) at the end of
// month against the plan's band, by the range formula (CapaianRange with
// kinerja.InRange): inside the band 100%, below it absorption / lower
// bound, above it 2 − absorption / upper bound. At the end of the year
// (band 90–100) 93% gives 100% and 70% gives 77.78%.
func (bp BudgetPlan) BudgetCapaian(absorption float64, month int) (float64, error) {
	lo, hi := bp.BandAt(month)
	return CapaianRange(absorption, lo, hi, kinerja.InRange)
}
