package scoring

import (
	"math"
	"slices"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// Thresholds turn a weighted capaian (percent) into the proposed rating of
// work results. No national numeric rule exists under PermenPANRB 6/2022, so
// this is local policy, read from configuration (DOMAIN.md §2): capaian ≥
// Above is Di Atas Ekspektasi, ≥ Meets is Sesuai, anything lower Di Bawah.
type Thresholds struct {
	Above float64
	Meets float64
}

// DefaultThresholds returns the configured default of DOMAIN.md §2:
// ≥ 110% above expectations, ≥ 90% meets them.
func DefaultThresholds() Thresholds { return Thresholds{Above: 110, Meets: 90} }

// Validate returns an EInvalid error unless 0 < Meets < Above (both finite):
// otherwise one of the three ratings could never be proposed.
func (th Thresholds) Validate() error {
	if !finite(th.Above) || !finite(th.Meets) || th.Meets <= 0 || th.Meets >= th.Above {
		return kinerja.Errorf(kinerja.EInvalid, "err.thresholds", th.Meets, th.Above)
	}
	return nil
}

// capaianTolerance absorbs float noise in a ratio (a capaian that is exactly
// 110 on paper may arrive as 109.99999999999999). It is far below any
// precision a report shows.
const capaianTolerance = 1e-9

// Rate returns the proposed rating of work results for a weighted capaian.
// The bot proposes; the assessor decides. NaN rates Di Bawah.
func (th Thresholds) Rate(capaian float64) kinerja.Rating {
	switch {
	case capaian >= th.Above-capaianTolerance:
		return kinerja.RatingAbove
	case capaian >= th.Meets-capaianTolerance:
		return kinerja.RatingMeets
	}
	return kinerja.RatingBelow
}

// BehaviourPolicy is how the seven BerAKHLAK ratings are combined into the
// proposed rating of work behaviour. It is local policy (DOMAIN.md §3), so it
// comes from configuration; the zero value means the default, median.
type BehaviourPolicy string

// Behaviour policies.
const (
	// BehaviourMedian takes the median (the 4th of the seven, sorted): one
	// outlying value cannot move it. The default.
	BehaviourMedian BehaviourPolicy = "median"
	// BehaviourMeanRounded takes the mean rounded to the nearest level. With
	// seven integer ratings the mean is never exactly halfway, so no tie rule
	// is needed.
	BehaviourMeanRounded BehaviourPolicy = "mean"
)

// Validate returns an EInvalid error for an unknown policy name.
func (p BehaviourPolicy) Validate() error {
	switch p {
	case "", BehaviourMedian, BehaviourMeanRounded:
		return nil
	}
	return kinerja.Errorf(kinerja.EInvalid, "err.behaviour_policy", string(p))
}

// Rate combines the seven BerAKHLAK ratings (in kinerja.CoreValues order)
// into the proposed behaviour rating. Fewer or more than seven ratings, or an
// unrated value, is an EInvalid error: the assessor must rate all seven
// (PermenPANRB 6/2022).
func (p BehaviourPolicy) Rate(ratings []kinerja.Rating) (kinerja.Rating, error) {
	if err := p.Validate(); err != nil {
		return kinerja.RatingNone, err
	}
	if len(ratings) != len(kinerja.CoreValues) {
		return kinerja.RatingNone, kinerja.Errorf(kinerja.EInvalid, "err.behaviour_count", len(ratings), len(kinerja.CoreValues))
	}
	sum := 0
	for i, r := range ratings {
		if !r.Valid() {
			return kinerja.RatingNone, kinerja.Errorf(kinerja.EInvalid, "err.behaviour_rating", string(kinerja.CoreValues[i]))
		}
		sum += int(r)
	}
	if p == BehaviourMeanRounded {
		return kinerja.Rating(math.Round(float64(sum) / float64(len(ratings)))), nil
	}
	sorted := slices.Clone(ratings)
	slices.Sort(sorted)
	return sorted[len(sorted)/2], nil
}

// MedianRating is the default behaviour rule: the median of the seven
// BerAKHLAK ratings (SE MenPANRB 20/2021 values; median is local policy).
func MedianRating(ratings []kinerja.Rating) (kinerja.Rating, error) {
	return BehaviourMedian.Rate(ratings)
}

// BehaviourRating is Rate for ratings keyed by core value, as the bot stores
// them; a missing value is an EInvalid error naming it.
func BehaviourRating(p BehaviourPolicy, byValue map[kinerja.CoreValue]kinerja.Rating) (kinerja.Rating, error) {
	ratings := make([]kinerja.Rating, len(kinerja.CoreValues))
	for i, v := range kinerja.CoreValues {
		r, ok := byValue[v]
		if !ok {
			return kinerja.RatingNone, kinerja.Errorf(kinerja.EInvalid, "err.behaviour_missing", string(v))
		}
		ratings[i] = r
	}
	return p.Rate(ratings)
}
