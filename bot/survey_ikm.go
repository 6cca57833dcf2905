package bot

import (
	"context"
	"math/big"
	"strconv"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

// UnitIKM is a unit's satisfaction index for one period, with what the
// regulation asks to report beside it.
type UnitIKM struct {
	Unit   *kinerja.Unit
	Period kinerja.Period
	Result scoring.IKMResult
	// SampleNeeded is the Krejcie–Morgan sample for the unit's configured
	// population (384 when none is configured).
	SampleNeeded int
	// Provisional is true while respondents are fewer than SampleNeeded.
	Provisional bool
}

// resultOf turns stored totals into the exact IKM.
func resultOf(t kinerja.SurveyTotals) scoring.IKMResult {
	return scoring.IKMFromTotals(t.Respondents, t.Answered, t.Sums)
}

// unitIKM computes one unit's IKM for period p from totals aggregated in SQL.
func (b *Bot) unitIKM(ctx context.Context, tx kinerja.Tx, u *kinerja.Unit, p kinerja.Period) (UnitIKM, error) {
	loc := b.cfg.Location
	tot, err := tx.SurveyTotals(ctx, kinerja.SurveyFilter{UnitCode: u.Code, From: p.Start(loc), To: p.End(loc)})
	if err != nil {
		return UnitIKM{}, err
	}
	var res scoring.IKMResult
	if len(tot) > 0 {
		res = resultOf(tot[0])
	}
	return b.withSample(u, p, res), nil
}

// withSample adds the sample size and provisional mark to a result. The
// configured population is per month, so a quarter or a year has that many
// times more service users.
func (b *Bot) withSample(u *kinerja.Unit, p kinerja.Period, res scoring.IKMResult) UnitIKM {
	pop := b.cfg.Survey.population(u.Code)
	if pop != unknownPopulation {
		pop *= len(p.Months())
	}
	n := scoring.SampleSize(pop)
	return UnitIKM{Unit: u, Period: p, Result: res, SampleNeeded: n, Provisional: res.Respondents < n}
}

// UnitIKMs returns the IKM of every unit with responses in period p, by unit
// code. tx may be the store itself outside a transaction.
func (b *Bot) UnitIKMs(ctx context.Context, tx kinerja.Tx, p kinerja.Period) ([]UnitIKM, error) {
	loc := b.cfg.Location
	tots, err := tx.SurveyTotals(ctx, kinerja.SurveyFilter{From: p.Start(loc), To: p.End(loc)})
	if err != nil {
		return nil, err
	}
	out := make([]UnitIKM, 0, len(tots))
	for _, t := range tots {
		u, err := tx.Unit(ctx, t.UnitCode)
		if err != nil {
			return nil, err
		}
		out = append(out, b.withSample(u, p, resultOf(t)))
	}
	return out, nil
}

// OfficerSurvey returns the aggregate survey result of the responses that
// named officer nip in period p, and false while there are fewer than the
// anonymity threshold (5 by default): below it, one rating could be traced
// to one citizen, so the result must not be shown. The evaluation feature
// reuses it as evidence for "Berorientasi Pelayanan".
func (b *Bot) OfficerSurvey(ctx context.Context, tx kinerja.Tx, nip string, p kinerja.Period) (scoring.IKMResult, bool, error) {
	loc := b.cfg.Location
	tots, err := tx.SurveyTotals(ctx, kinerja.SurveyFilter{OfficerNIP: nip, From: p.Start(loc), To: p.End(loc)})
	if err != nil {
		return scoring.IKMResult{}, false, err
	}
	// An officer who moved unit may have responses under two units: they
	// are one officer's ratings, so add them up.
	var all kinerja.SurveyTotals
	for _, t := range tots {
		all.Respondents += t.Respondents
		for i := range kinerja.NumSurveyQuestions {
			all.Answered[i] += t.Answered[i]
			all.Sums[i] += t.Sums[i]
		}
	}
	if all.Respondents < b.cfg.Survey.OfficerMinResponses {
		return scoring.IKMResult{}, false, nil
	}
	return resultOf(all), true, nil
}

// IKMHeader is the header row of the IKM export.
var IKMHeader = []string{
	"unit_code", "unit_name", "period", "respondents",
	"nrr_u1", "nrr_u2", "nrr_u3", "nrr_u4", "nrr_u5", "nrr_u6", "nrr_u7", "nrr_u8", "nrr_u9",
	"ikm", "mutu", "kinerja", "sample_needed", "provisional",
}

// IKMTable returns the IKM export for period p: IKMHeader, then one row per
// unit with responses. NRR have four decimals and the IKM two, both
// rounded half up from the exact values; mutu and kinerja are the
// regulation's words; provisional is "true" or "false".
func (b *Bot) IKMTable(ctx context.Context, p kinerja.Period) ([][]string, error) {
	rows := [][]string{IKMHeader}
	list, err := b.UnitIKMs(ctx, b.store, p)
	if err != nil {
		return nil, err
	}
	for _, u := range list {
		row := []string{u.Unit.Code, u.Unit.Name, p.String(), strconv.Itoa(u.Result.Respondents)}
		for i := range scoring.NumUnsur {
			row = append(row, nrrString(u.Result, i, 4))
		}
		row = append(row, strconv.FormatFloat(u.Result.IKM, 'f', 2, 64), string(u.Result.Mutu), u.Result.Kinerja,
			strconv.Itoa(u.SampleNeeded), strconv.FormatBool(u.Provisional))
		rows = append(rows, row)
	}
	return rows, nil
}

// nrrString formats NRR of unsur i exactly (Sums/Answered), rounded half up
// to the given decimals; "" when nobody answered it. Formatting the float
// would round 3.15625 down to 3.1562.
func nrrString(res scoring.IKMResult, i, decimals int) string {
	if res.Answered[i] <= 0 {
		return ""
	}
	return big.NewRat(int64(res.Sums[i]), int64(res.Answered[i])).FloatString(decimals)
}
