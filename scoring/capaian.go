package scoring

import (
	"math"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// Capaian returns the achievement, in percent, of one indicator with a single
// target (PermenPANRB 8/2021, DOMAIN.md §2):
//
//	higher is better: realisasi / target × 100
//	lower is better:  (1 + (1 − realisasi / target)) × 100
//
// The products are computed as 100·r/t and 100·(2t − r)/t: multiplying
// before dividing keeps decimal inputs exact more often (3.3 of 3 is exactly
// 110, not 109.99999999999999).
//
// Clamping: a higher-is-better capaian has no upper cap (the regulation sets
// none). A lower-is-better realisation of more than twice the target would
// give a negative percentage; it is floored at 0, because "achieved nothing"
// is the least an indicator can contribute, and a negative value would cancel
// other indicators in WeightedCapaian.
//
// A target ≤ 0, a negative realisation, a non-finite input or an unknown
// direction is an EInvalid *kinerja.Error.
func Capaian(realisasi, target float64, dir kinerja.Direction) (float64, error) {
	if !finite(target) || target <= 0 {
		return 0, kinerja.Errorf(kinerja.EInvalid, "err.capaian_target", target)
	}
	if !finite(realisasi) || realisasi < 0 {
		return 0, kinerja.Errorf(kinerja.EInvalid, "err.capaian_realisasi", realisasi)
	}
	switch dir {
	case kinerja.HigherIsBetter:
		return 100 * realisasi / target, nil
	case kinerja.LowerIsBetter:
		return math.Max(0, 100*(2*target-realisasi)/target), nil
	}
	return 0, kinerja.Errorf(kinerja.EInvalid, "err.capaian_direction", string(dir))
}

// CapaianRange returns the achievement of an indicator whose target is a range
// [lo, hi] (PermenPANRB 8/2021): a realisation above the range is compared
// with the upper bound, one below it with the lower bound, and one inside it
// has achieved exactly 100%. The direction then says whether leaving the range
// upwards is good (above 100%) or bad. lo ≤ 0 or hi < lo is an EInvalid error.
//
// Direction kinerja.InRange ("rentang": the band itself is the goal) falls
// off on both sides: below the band as higher-is-better against lo, above
// it as lower-is-better against hi. Budget absorption of 70% against a
// 90–100% band is 70/90 = 77.78%; 105% is (2 − 105/100) = 95%.
func CapaianRange(realisasi, lo, hi float64, dir kinerja.Direction) (float64, error) {
	if !finite(lo) || !finite(hi) || lo <= 0 || hi < lo {
		return 0, kinerja.Errorf(kinerja.EInvalid, "err.capaian_range", lo, hi)
	}
	if dir == kinerja.InRange {
		switch {
		case realisasi > hi:
			return Capaian(realisasi, hi, kinerja.LowerIsBetter)
		case realisasi < lo:
			return Capaian(realisasi, lo, kinerja.HigherIsBetter)
		}
		dir = kinerja.HigherIsBetter // validates realisasi below
	}
	switch {
	case realisasi > hi:
		return Capaian(realisasi, hi, dir)
	case realisasi < lo:
		return Capaian(realisasi, lo, dir)
	}
	// Inside the range: still validate realisasi and the direction.
	if _, err := Capaian(realisasi, lo, dir); err != nil {
		return 0, err
	}
	return 100, nil
}

// IndicatorScore is one indicator's achievement and its weight in the
// staff member's plan.
type IndicatorScore struct {
	Capaian float64 // percent, from Capaian or CapaianRange
	Weight  float64 // relative; need not sum to 1 or 100
}

// WeightedCapaian returns the weighted mean achievement over a staff member's
// indicators, the number the proposed rating of work results is taken from
// (DOMAIN.md §2). Weights are relative. When every weight is 0 (no weights
// configured) the indicators count equally; otherwise an indicator of weight
// 0 counts for nothing. No indicators, a negative or non-finite weight, or a
// non-finite capaian is an EInvalid error.
func WeightedCapaian(scores []IndicatorScore) (float64, error) {
	if len(scores) == 0 {
		return 0, kinerja.Errorf(kinerja.EInvalid, "err.capaian_none")
	}
	var sum, weights float64
	for _, s := range scores {
		if !finite(s.Weight) || s.Weight < 0 {
			return 0, kinerja.Errorf(kinerja.EInvalid, "err.capaian_weight", s.Weight)
		}
		if !finite(s.Capaian) {
			return 0, kinerja.Errorf(kinerja.EInvalid, "err.capaian_value", s.Capaian)
		}
		sum += s.Capaian * s.Weight
		weights += s.Weight
	}
	if weights == 0 {
		// No weights set: a plain mean.
		for _, s := range scores {
			sum += s.Capaian
		}
		return sum / float64(len(scores)), nil
	}
	return sum / weights, nil
}

// finite reports whether x is neither NaN nor ±Inf.
func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
