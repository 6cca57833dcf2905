package evaluation

import (
	"context"
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/survey"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

// The numbers an evaluation is decided on: approved reports, each
// indicator's realisation against its target, the weighted capaian and,
// for a unit head, the unit's own achievement (SE MenPANRB 3/2023).

// ikmCode is the indicator code whose realisation, for a unit head, is the
// unit's citizen satisfaction index rather than a sum of reports: a unit's
// IKM is an indicator of the unit and of its head (DOMAIN.md §7).
const ikmCode = "IKM"

// Sources of an indicator's realisation (IndicatorResult.Source).
const (
	sourceReports    = "reports"     // the sum of approved work reports
	sourceIKM        = "ikm"         // the unit's IKM for the period
	sourceIKMMissing = "ikm_missing" // an IKM indicator of a head whose unit has no survey yet
	// sourceIKMProvisional is the unit's IKM from fewer respondents than the
	// sample needs: shown, but it does not decide.
	sourceIKMProvisional = "ikm_provisional"
	sourceNoResult       = "none" // nothing approved for a lower-is-better indicator: not counted
)

// counted reports whether an indicator counts in the weighted capaian.
func counted(in kinerja.IndicatorResult) bool {
	return in.Source != sourceIKMMissing && in.Source != sourceNoResult && in.Source != sourceIKMProvisional &&
		in.Source != sourceBudgetMissing && in.Source != sourceUnitPredicate
}

// evidence is what the proposals of one evaluation are computed from.
type evidence struct {
	approved   int
	indicators []kinerja.IndicatorResult
	basis      kinerja.HasilBasis
	capaian    float64
	unitIKM    *scoring.IKMResult // the unit's IKM when it was used for a unit head
	proposed   kinerja.Rating     // the proposal of BasisPeriods, from the periodic ratings
	parts      []kinerja.EvalPart // the assessors' parts, when the period is split
	// fromParts is set when every earlier part is rated: proposed is then
	// the parts' ratings combined (partrating.go), not the capaian's.
	fromParts bool
}

// gatherEvidence computes the evidence of st for period p from the approved
// reports, the targets and, for a unit head, the unit's IKM.
func (f *Feature) gatherEvidence(ctx context.Context, tx evidenceStore, st *kinerja.Staff, p kinerja.Period) (*evidence, error) {
	if p.Kind == kinerja.Yearly && f.cfg.Annual == AnnualFromPeriods {
		if ev, ok, err := f.annualEvidence(ctx, tx, st.NIP, p); err != nil || ok {
			if err == nil {
				err = f.annualUnitPredicate(ctx, tx, st, p, ev)
			}
			return ev, err
		}
	}
	approved, inds, err := f.reportIndicators(ctx, tx, st.NIP, p)
	if err != nil {
		return nil, err
	}
	ev := &evidence{approved: approved, indicators: inds}
	unit, err := tx.Unit(ctx, st.UnitCode)
	if err != nil && kinerja.ErrorCode(err) != kinerja.ENotFound {
		return nil, err
	}
	head := unit != nil && unit.HeadNIP == st.NIP
	var unitScores []scoring.IndicatorScore
	if head {
		ui, err := f.unitIKM(ctx, tx, unit.Code, p)
		if err != nil {
			return nil, err
		}
		for i := range ev.indicators {
			in := &ev.indicators[i]
			if !strings.EqualFold(in.Code, ikmCode) {
				continue
			}
			if ui.Respondents == 0 {
				// No survey yet: the reports say nothing about an index.
				in.Source = sourceIKMMissing
				continue
			}
			c, err := scoring.Capaian(ui.IKM, in.Target, in.Direction)
			if err != nil {
				continue // a target the catalogue should have refused; the indicator stays as reported
			}
			in.Realisasi, in.CapaianRaw, in.Cap = ui.IKM, c, f.cfg.Targets.CapPct()
			in.Capaian = scoring.Capped(c, in.Cap)
			if ui.Respondents < f.cfg.Survey.SampleNeeded(unit.Code, p) {
				// Too few respondents for the sample: shown, does not decide.
				in.Source = sourceIKMProvisional
				continue
			}
			in.Source = sourceIKM
			unitScores = append(unitScores, scoring.IndicatorScore{Capaian: in.Capaian, Weight: in.Weight})
			ev.unitIKM = &ui
		}
		more, err := f.unitIndicators(ctx, tx, unit, p, ev)
		if err != nil {
			return nil, err
		}
		unitScores = append(unitScores, more...)
	}
	if len(unitScores) > 0 {
		c, err := scoring.WeightedCapaian(unitWeights(unitScores))
		if err != nil {
			return nil, err
		}
		ev.basis, ev.capaian = kinerja.BasisUnit, c
	}
	if head {
		if ok, err := f.unitPredicateDecides(ctx, tx, unit, p, ev); err != nil || ok {
			return ev, err
		}
	}
	if len(unitScores) > 0 {
		return ev, nil
	}
	var own []scoring.IndicatorScore
	for _, in := range ev.indicators {
		if !counted(in) {
			continue
		}
		own = append(own, scoring.IndicatorScore{Capaian: in.Capaian, Weight: in.Weight})
	}
	if len(own) == 0 {
		ev.basis = kinerja.BasisNone
		return ev, nil
	}
	c, err := scoring.WeightedCapaian(own)
	if err != nil {
		return nil, err
	}
	ev.basis, ev.capaian = kinerja.BasisOwn, c
	if head {
		ev.basis = kinerja.BasisUnitFallback
	}
	return ev, f.splitEvidence(ctx, tx, st.NIP, p, ev) // split.go
}

// proposedHasil is the bot's proposal for the rating of work results, or
// RatingNone when there is nothing to propose from.
func (f *Feature) proposedHasil(basis kinerja.HasilBasis, capaian float64) kinerja.Rating {
	switch basis {
	case kinerja.BasisNone, "":
		return kinerja.RatingNone
	case kinerja.BasisUnit:
		return scoring.UnitHeadHasil(capaian, f.cfg.Thresholds)
	}
	return f.cfg.Thresholds.Rate(capaian)
}

// applyEvidence writes evidence and the proposal into an undecided
// evaluation. Once the assessor has decided the work-result rating the
// numbers are frozen: the decision was made on them.
func (f *Feature) applyEvidence(e *kinerja.Evaluation, ev *evidence) {
	e.ApprovedReports, e.Indicators = ev.approved, ev.indicators
	e.HasilBasis, e.CapaianPct, e.Parts = ev.basis, ev.capaian, ev.parts
	e.ProposedHasil = f.proposedHasil(ev.basis, ev.capaian)
	if ev.basis == kinerja.BasisPeriods || ev.basis == kinerja.BasisUnitPredicate || ev.fromParts {
		e.ProposedHasil = ev.proposed
	}
}

// SurveyResults is what the evaluation reads of the citizen survey: the
// one IKM path of package bot/survey (its Feature).
type SurveyResults interface {
	// UnitResult is the IKM of the responses about unit in p.
	UnitResult(ctx context.Context, store survey.TotalsStore, unit string, p kinerja.Period) (scoring.IKMResult, error)
	// OfficerSurvey is the aggregate result of the responses naming the
	// officer in p, and false below the anonymity threshold.
	OfficerSurvey(ctx context.Context, store survey.TotalsStore, nip string, p kinerja.Period) (scoring.IKMResult, bool, error)
	// OfficerMinResponses is that threshold.
	OfficerMinResponses() int
	// SampleNeeded is the respondents a unit's IKM of p needs before it
	// stops being provisional.
	SampleNeeded(unit string, p kinerja.Period) int
}

func init() {
	bot.RegisterTexts(map[string][2]string{
		"eval.indicator_ikm_provisional": {
			"• %s: realisasi %s dari target %s → capaian %s%% — IKM sementara (responden belum mencapai sampel yang dibutuhkan), ditampilkan tetapi tidak menentukan",
			"• %s: realised %s of a target of %s → achievement %s%% — provisional IKM (fewer respondents than the sample needs), shown but not deciding",
		},
	})
}

// unitIKM returns the IKM of the responses about unit in period p, with
// Respondents 0 when there are none.
func (f *Feature) unitIKM(ctx context.Context, tx evidenceStore, unit string, p kinerja.Period) (scoring.IKMResult, error) {
	return f.cfg.Survey.UnitResult(ctx, tx, unit, p)
}

// officerSurvey returns the survey result of officer nip in p, and false
// while there are fewer responses than the anonymity threshold: below it,
// one rating could be traced to one citizen, so the result must not be
// shown. It is evidence for "Berorientasi Pelayanan".
func (f *Feature) officerSurvey(ctx context.Context, tx evidenceStore, nip string, p kinerja.Period) (scoring.IKMResult, bool, error) {
	return f.cfg.Survey.OfficerSurvey(ctx, tx, nip, p)
}
