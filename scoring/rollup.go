package scoring

import kinerja "github.com/bkpsdm-solok/kinerjabot"

// MonthlyIndicator is one count indicator's realisation and target for one
// month. Evaluation is monthly by default; quarters, semesters and the year
// (Akhir) are built from months (DOMAIN.md §5).
type MonthlyIndicator struct {
	Month     kinerja.Period // a Monthly period
	Realisasi float64        // sum of approved report quantities that month
	Target    float64
}

// RollUpIndicator sums realisation and target over months of a count
// indicator: 30 patients a month for three months is 90 against 90.
//
// Only count indicators add up. A time, cost or percentage indicator (days to
// finish, IKM) must be recomputed from its own data over the longer period,
// not summed.
func RollUpIndicator(months []MonthlyIndicator) (realisasi, target float64) {
	for _, m := range months {
		realisasi += m.Realisasi
		target += m.Target
	}
	return realisasi, target
}

// MonthsOf returns the monthly values that fall in period p, in calendar
// order (p.Months()); months with no entry are skipped. Each result's Month is
// set from its map key, which is authoritative.
func MonthsOf(p kinerja.Period, monthly map[kinerja.Period]MonthlyIndicator) []MonthlyIndicator {
	var out []MonthlyIndicator
	for _, m := range p.Months() {
		if v, ok := monthly[m]; ok {
			v.Month = m
			out = append(out, v)
		}
	}
	return out
}

// RollUp returns realisation and target of a count indicator for period p.
// Realisation is always the sum over p's months. The target is the sum of the
// monthly targets, unless periodTargets holds a target for p itself (a yearly
// target given for "YYYY", or a quarterly one): a target set for the period
// is used as is, because annual targets are usually set per year and split
// into months only approximately. periodTargets may be nil.
func RollUp(p kinerja.Period, monthly map[kinerja.Period]MonthlyIndicator, periodTargets map[kinerja.Period]float64) (realisasi, target float64) {
	realisasi, target = RollUpIndicator(MonthsOf(p, monthly))
	if t, ok := periodTargets[p]; ok {
		target = t
	}
	return realisasi, target
}
