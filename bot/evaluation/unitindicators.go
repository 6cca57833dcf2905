package evaluation

import (
	"context"
	"fmt"
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/survey"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

// A unit head's work result is the unit's achievement (SE MenPANRB
// 3/2023). Besides the unit's IKM (evidence.go) the unit has two more
// first-class indicators, the ones Solok measures its units by: budget
// efficiency (absorption to date against the planned curve) and speed of
// service (the measured median against the published standard, else the
// head's reported values). The unit's own predicate, when the admin has
// set one for the period (/predikatunit), decides instead of the numbers.

// Codes of the unit indicators. A head's target with one of these codes
// (any case) lends the indicator its name and weight; without one, the
// indicator is added by itself whenever the unit has the data.
const (
	budgetCode = "ANGGARAN"
	speedCode  = "KECEPATAN"
	// unitPredicateCode marks the evidence line of the unit's predicate.
	unitPredicateCode = "PREDIKAT-UNIT"
)

// Sources of the unit indicators (IndicatorResult.Source).
const (
	sourceBudget = "budget" // the unit's budget absorption to date
	// sourceBudgetMissing is a head's ANGGARAN target while the unit has
	// no pagu for the year: shown, not counted.
	sourceBudgetMissing = "budget_missing"
	sourceSpeedMeasured = "speed_measured" // the unit's measured service times
	sourceSpeedReported = "speed_reported" // the head's reported values (no measured times)
	// sourceUnitPredicate is the unit's own predicate for the period: it
	// decides the head's proposal, and counts in no capaian.
	sourceUnitPredicate = "unit_predicate"
)

// ServiceSpeedSource gives a unit's measured speed of service in a period
// (bot/survey's Feature); ok is false when nothing was measured.
type ServiceSpeedSource interface {
	ServiceSpeed(ctx context.Context, store survey.TotalsStore, unit string, p kinerja.Period) (kinerja.ServiceSpeed, bool, error)
}

// unitIndicators adds the budget and speed indicators of a head's unit to
// ev.indicators (taking the place of the head's own target of that code)
// and returns their scores for the unit's achievement.
func (f *Feature) unitIndicators(ctx context.Context, tx evidenceStore, unit *kinerja.Unit, p kinerja.Period, ev *evidence) ([]scoring.IndicatorScore, error) {
	var scores []scoring.IndicatorScore
	budget, ok, err := f.budgetIndicator(ctx, tx, unit, p)
	if err != nil {
		return nil, err
	}
	if in := place(ev, budgetCode, budget, ok); in != nil && in.Source == sourceBudget {
		scores = append(scores, scoring.IndicatorScore{Capaian: in.Capaian, Weight: in.Weight})
	} else if in != nil && !ok {
		in.Source = sourceBudgetMissing
	}
	speed, ok, err := f.speedIndicator(ctx, tx, unit, p)
	if err != nil {
		return nil, err
	}
	in := place(ev, speedCode, speed, ok)
	switch {
	case in == nil:
	case in.Source == sourceSpeedMeasured:
		scores = append(scores, scoring.IndicatorScore{Capaian: in.Capaian, Weight: in.Weight})
	case in.Source == sourceReports:
		// Nothing measured: the head's reported values stand for the unit.
		in.Source = sourceSpeedReported
		scores = append(scores, scoring.IndicatorScore{Capaian: in.Capaian, Weight: in.Weight})
	}
	return scores, nil
}

// place puts a unit indicator among ev's indicators: over the head's own
// target of that code (keeping its name and weight) when there is one,
// else appended when ok. It returns the indicator in place, or nil.
func place(ev *evidence, code string, in kinerja.IndicatorResult, ok bool) *kinerja.IndicatorResult {
	for i := range ev.indicators {
		own := &ev.indicators[i]
		if !strings.EqualFold(own.Code, code) {
			continue
		}
		if ok {
			in.Code, in.Name, in.Weight = own.Code, own.Name, own.Weight
			*own = in
		}
		return own
	}
	if !ok {
		return nil
	}
	ev.indicators = append(ev.indicators, in)
	return &ev.indicators[len(ev.indicators)-1]
}

// budgetIndicator is the unit's budget absorption to the end of p against
// the plan's band; ok is false when no pagu is known for the year.
func (f *Feature) budgetIndicator(ctx context.Context, tx evidenceStore, unit *kinerja.Unit, p kinerja.Period) (kinerja.IndicatorResult, bool, error) {
	months := p.Months()
	last := months[len(months)-1]
	rows, err := tx.Budgets(ctx, kinerja.BudgetFilter{UnitCode: unit.Code, Year: last.Year})
	if err != nil {
		return kinerja.IndicatorResult{}, false, err
	}
	var figures []scoring.BudgetMonth
	for _, b := range rows {
		figures = append(figures, scoring.BudgetMonth{Month: b.MonthPeriod().Index, Pagu: b.Pagu, Realisasi: b.Realisasi})
	}
	abs, ok := scoring.Absorption(figures, last.Index)
	if !ok {
		return kinerja.IndicatorResult{}, false, nil
	}
	plan := f.cfg.Budget
	raw, err := plan.BudgetCapaian(abs, last.Index)
	if err != nil {
		return kinerja.IndicatorResult{}, false, err
	}
	lo, hi := plan.BandAt(last.Index)
	c := f.cfg.Targets.CapPct()
	return kinerja.IndicatorResult{Code: budgetCode, Name: "Efisiensi anggaran (penyerapan)", Unit: "%",
		Direction: kinerja.InRange, Target: plan.PlanAt(last.Index), TargetMin: lo, TargetMax: hi, Realisasi: abs,
		CapaianRaw: raw, Cap: c, Capaian: scoring.Capped(raw, c), Source: sourceBudget,
		TargetPeriod: last.String(), Aggregation: kinerja.AggLast, TargetBasis: "budget_plan"}, true, nil
}

// speedIndicator is the unit's measured median service time against its
// published standard (lower is better); ok is false when there is no
// source, nothing was measured or no standard is published.
func (f *Feature) speedIndicator(ctx context.Context, tx evidenceStore, unit *kinerja.Unit, p kinerja.Period) (kinerja.IndicatorResult, bool, error) {
	if f.cfg.Speed == nil {
		return kinerja.IndicatorResult{}, false, nil
	}
	sp, ok, err := f.cfg.Speed.ServiceSpeed(ctx, tx, unit.Code, p)
	if err != nil || !ok || sp.Count == 0 || sp.StandardMinutes <= 0 {
		return kinerja.IndicatorResult{}, false, err
	}
	raw, err := scoring.Capaian(sp.MedianMinutes, sp.StandardMinutes, kinerja.LowerIsBetter)
	if err != nil {
		return kinerja.IndicatorResult{}, false, nil // a median the source should not give: not measured
	}
	c := f.cfg.Targets.CapPct()
	return kinerja.IndicatorResult{Code: speedCode, Name: "Kecepatan pelayanan (median)", Unit: "menit",
		Direction: kinerja.LowerIsBetter, Target: sp.StandardMinutes, Realisasi: sp.MedianMinutes,
		CapaianRaw: raw, Cap: c, Capaian: scoring.Capped(raw, c), Source: sourceSpeedMeasured,
		TargetPeriod: p.String(), Aggregation: kinerja.AggMean, TargetBasis: fmt.Sprintf("measured n=%d", sp.Count)}, true, nil
}

// measuredCount reads the number of measured services back from a speed
// indicator's basis.
func measuredCount(in kinerja.IndicatorResult) int {
	var n int
	fmt.Sscanf(in.TargetBasis, "measured n=%d", &n)
	return n
}

// unitPredicateDecides looks up the unit's own predicate for p. When the
// admin has set one, it becomes an evidence line and the proposal (see
// scoring.OrgHasil); ok is false when none is set.
func (f *Feature) unitPredicateDecides(ctx context.Context, tx evidenceStore, unit *kinerja.Unit, p kinerja.Period, ev *evidence) (bool, error) {
	up, err := tx.UnitPredicate(ctx, unit.Code, p.String())
	switch {
	case kinerja.ErrorCode(err) == kinerja.ENotFound:
		return false, nil
	case err != nil:
		return false, err
	}
	rt := scoring.OrgHasil(up.Predikat)
	if !rt.Valid() {
		return false, nil
	}
	// The predicate travels in the snapshot: Name is the unit, Unit the
	// predicate, Target the rating it gives.
	ev.indicators = append(ev.indicators, kinerja.IndicatorResult{Code: unitPredicateCode, Name: unit.Name,
		Unit: string(up.Predikat), Target: float64(rt), Source: sourceUnitPredicate, TargetPeriod: p.String()})
	ev.basis, ev.proposed = kinerja.BasisUnitPredicate, rt
	return true, nil
}

// annualUnitPredicate lets the unit's own predicate for the year decide
// a head's annual proposal built on the periods (the periods stay shown).
func (f *Feature) annualUnitPredicate(ctx context.Context, tx evidenceStore, st *kinerja.Staff, p kinerja.Period, ev *evidence) error {
	unit, err := tx.Unit(ctx, st.UnitCode)
	if kinerja.ErrorCode(err) == kinerja.ENotFound || err == nil && unit.HeadNIP != st.NIP {
		return nil
	} else if err != nil {
		return err
	}
	_, err = f.unitPredicateDecides(ctx, tx, unit, p, ev)
	return err
}

// unitWeights makes the unit's indicators count equally unless every one
// of them has a weight from the head's targets: an indicator added by
// itself has none, and weight 0 beside weighted ones would count for
// nothing.
func unitWeights(scores []scoring.IndicatorScore) []scoring.IndicatorScore {
	for _, s := range scores {
		if s.Weight == 0 {
			out := make([]scoring.IndicatorScore, len(scores))
			for i, s := range scores {
				out[i] = scoring.IndicatorScore{Capaian: s.Capaian}
			}
			return out
		}
	}
	return scores
}
