package survey

import (
	"context"
	"math/big"
	"strconv"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

// The satisfaction index (IKM): the one place it is computed from the
// stored totals, for /ikm, the export, the evaluation's evidence and the
// jobs' summaries. Every unsur of the questionnaire weighs 1/n.

// UnitResult returns the IKM of the responses about unit in period p,
// with Respondents 0 when there are none: a unit head's work result where
// the unit's satisfaction is the measure.
func (f *Feature) UnitResult(ctx context.Context, store TotalsStore, unit string, p kinerja.Period) (scoring.IKMResult, error) {
	loc := f.deps.Location
	tot, err := store.SurveyTotals(ctx, kinerja.SurveyFilter{UnitCode: unit, From: p.Start(loc), To: p.End(loc)})
	if err != nil || len(tot) == 0 {
		return scoring.IKMResult{}, err
	}
	return f.q.Result(tot[0]), nil
}

// UnitIndex is a unit's satisfaction index for one period, with what the
// regulation asks to report beside it.
type UnitIndex struct {
	Unit   *kinerja.Unit
	Period kinerja.Period
	Result scoring.IKMResult
	// SampleNeeded is the Krejcie–Morgan sample for the unit's configured
	// population (384 when none is configured).
	SampleNeeded int
	// Provisional is true while respondents are fewer than SampleNeeded.
	Provisional bool
}

// UnitIKM returns the IKM of every unit with responses given on days in
// [from, to), by unit code. store may be a transaction or the store itself.
// It is the jobs' survey source (bot.SurveySource).
func (f *Feature) UnitIKM(ctx context.Context, store TotalsStore, from, to time.Time) (map[string]scoring.IKMResult, error) {
	tots, err := store.SurveyTotals(ctx, kinerja.SurveyFilter{From: from, To: to})
	if err != nil {
		return nil, err
	}
	out := make(map[string]scoring.IKMResult, len(tots))
	for _, t := range tots {
		out[t.UnitCode] = f.q.Result(t)
	}
	return out, nil
}

// UnitIndex computes one unit's IKM for period p, with its sample.
func (f *Feature) UnitIndex(ctx context.Context, store TotalsStore, u *kinerja.Unit, p kinerja.Period) (UnitIndex, error) {
	loc := f.deps.Location
	tot, err := store.SurveyTotals(ctx, kinerja.SurveyFilter{UnitCode: u.Code, From: p.Start(loc), To: p.End(loc)})
	if err != nil {
		return UnitIndex{}, err
	}
	res := f.q.Result(kinerja.SurveyTotals{})
	if len(tot) > 0 {
		res = f.q.Result(tot[0])
	}
	return f.WithSample(u, p, res), nil
}

// WithSample adds the sample size and provisional mark to a result. The
// configured population is per month, so a quarter or a year has that many
// times more service users.
func (f *Feature) WithSample(u *kinerja.Unit, p kinerja.Period, res scoring.IKMResult) UnitIndex {
	n := f.SampleNeeded(u.Code, p)
	return UnitIndex{Unit: u, Period: p, Result: res, SampleNeeded: n, Provisional: res.Respondents < n}
}

// SampleNeeded is the number of respondents a unit's IKM of period p needs
// (Krejcie–Morgan over the unit's service users in p) before it stops being
// provisional. The configured population is per month, so a quarter or a
// year has that many times more service users.
func (f *Feature) SampleNeeded(unit string, p kinerja.Period) int {
	pop := f.cfg.population(unit)
	if pop != unknownPopulation {
		pop *= len(p.Months())
	}
	return scoring.SampleSize(pop)
}

// UnitIndexes returns the IKM of every unit with responses in period p.
func (f *Feature) UnitIndexes(ctx context.Context, store TotalsStore, p kinerja.Period) ([]UnitIndex, error) {
	loc := f.deps.Location
	tots, err := store.SurveyTotals(ctx, kinerja.SurveyFilter{From: p.Start(loc), To: p.End(loc)})
	if err != nil {
		return nil, err
	}
	out := make([]UnitIndex, 0, len(tots))
	for _, t := range tots {
		u, err := store.Unit(ctx, t.UnitCode)
		if err != nil {
			return nil, err
		}
		out = append(out, f.WithSample(u, p, f.q.Result(t)))
	}
	return out, nil
}

// OfficerSurvey returns the aggregate survey result of the responses that
// named officer nip in period p, and false while there are fewer than the
// anonymity threshold (5 by default): below it, one rating could be traced
// to one citizen, so the result must not be shown. The evaluation uses it
// as evidence for "Berorientasi Pelayanan".
//
// While p is open, the result is over the first multiple of the threshold
// of its responses (5, 10, 15 … by default): it changes only once that
// many new responses arrived, so comparing it before and after one
// citizen's response reveals nothing.
func (f *Feature) OfficerSurvey(ctx context.Context, store TotalsStore, nip string, p kinerja.Period) (scoring.IKMResult, bool, error) {
	loc := f.deps.Location
	filter := kinerja.SurveyFilter{OfficerNIP: nip, From: p.Start(loc), To: p.End(loc)}
	tots, err := store.SurveyTotals(ctx, filter)
	if err != nil {
		return scoring.IKMResult{}, false, err
	}
	if k := f.cfg.OfficerMinResponses; f.deps.Now().Before(p.End(loc)) {
		n := 0
		for _, t := range tots {
			n += t.Respondents
		}
		if n >= k && n%k != 0 {
			filter.FirstN = n - n%k
			if tots, err = store.SurveyTotals(ctx, filter); err != nil {
				return scoring.IKMResult{}, false, err
			}
		}
	}
	// An officer who moved unit may have responses under two units: they
	// are one officer's ratings, so add them up.
	all := kinerja.SurveyTotals{Answered: map[string]int{}, Sums: map[string]int{}}
	for _, t := range tots {
		all.Respondents += t.Respondents
		for code, n := range t.Answered {
			all.Answered[code] += n
		}
		for code, n := range t.Sums {
			all.Sums[code] += n
		}
	}
	if all.Respondents < f.cfg.OfficerMinResponses {
		return scoring.IKMResult{}, false, nil
	}
	return f.q.Result(all), true, nil
}

// IKMHeader is the header row of the IKM export: one NRR column per unsur,
// named from its code ("nrr_u1" … for the regulation's nine), then the
// service of a service's row ("" on the unit's own row) and the unit's
// flags not yet reviewed.
func (f *Feature) IKMHeader() []string {
	h := []string{"unit_code", "unit_name", "period", "respondents"}
	for _, u := range f.q.Unsur {
		h = append(h, "nrr_"+strings.ToLower(u.Code))
	}
	return append(h, "ikm", "mutu", "kinerja", "sample_needed", "provisional", "service_code", "service_name", "open_flags")
}

// IKMTable returns the IKM export for period p: IKMHeader, then for each
// unit with responses its row (the IKM over all its responses) followed by
// one row per service with responses. NRR have four decimals and the IKM
// two, both rounded half up from the exact values; mutu and kinerja are
// the regulation's words; provisional is "true" or "false".
func (f *Feature) IKMTable(ctx context.Context, p kinerja.Period) ([][]string, error) {
	rows := [][]string{f.IKMHeader()}
	store := f.deps.Store
	// The flags beside the IKM are those of the aggregates as they are now.
	if err := store.InTx(ctx, func(tx kinerja.Tx) error { return f.CheckFlags(ctx, tx, p) }); err != nil {
		return nil, err
	}
	list, err := f.UnitIndexes(ctx, store, p)
	if err != nil {
		return nil, err
	}
	bySvc, err := f.ServiceResults(ctx, store, "", p)
	if err != nil {
		return nil, err
	}
	services, err := f.Services(ctx, store, "")
	if err != nil {
		return nil, err
	}
	open, err := f.openFlags(ctx, store, "", p)
	if err != nil {
		return nil, err
	}
	row := func(u UnitIndex, res scoring.IKMResult, sample, provisional, svc, svcName string) []string {
		r := []string{u.Unit.Code, u.Unit.Name, p.String(), strconv.Itoa(res.Respondents)}
		for i := range f.q.Unsur {
			r = append(r, nrrString(res, i, 4))
		}
		return append(r, IKMString(res), string(res.Mutu), res.Kinerja, sample, provisional, svc, svcName,
			strconv.Itoa(open[u.Unit.Code]))
	}
	for _, u := range list {
		rows = append(rows, row(u, u.Result, strconv.Itoa(u.SampleNeeded), strconv.FormatBool(u.Provisional), "", ""))
		for _, sr := range bySvc {
			if sr.UnitCode == u.Unit.Code && sr.ServiceCode != "" {
				rows = append(rows, row(u, sr.Result, "", "", sr.ServiceCode, serviceName(services, sr.UnitCode, sr.ServiceCode)))
			}
		}
	}
	return rows, nil
}

// ServiceResult is the IKM of one service of a unit ("" for the responses
// through links that named no service).
type ServiceResult struct {
	UnitCode, ServiceCode string
	Result                scoring.IKMResult
}

// ServiceResults returns the IKM of each service of a unit ("" for every
// unit) with responses in period p, by unit then service. The unit's own
// IKM is over all its responses (UnitIndex), not a mean of these.
func (f *Feature) ServiceResults(ctx context.Context, store TotalsStore, unit string, p kinerja.Period) ([]ServiceResult, error) {
	loc := f.deps.Location
	tots, err := store.SurveyTotals(ctx, kinerja.SurveyFilter{UnitCode: unit, From: p.Start(loc), To: p.End(loc), ByService: true})
	if err != nil {
		return nil, err
	}
	out := make([]ServiceResult, len(tots))
	for i, t := range tots {
		out[i] = ServiceResult{UnitCode: t.UnitCode, ServiceCode: t.ServiceCode, Result: f.q.Result(t)}
	}
	return out, nil
}

// nrrString formats NRR of unsur i exactly (Sums/Answered), rounded half up
// to the given decimals; "" when nobody answered it. Formatting the float
// would round 3.15625 down to 3.1562.
func nrrString(res scoring.IKMResult, i, decimals int) string {
	if i >= len(res.Answered) || res.Answered[i] <= 0 {
		return ""
	}
	return big.NewRat(int64(res.Sums[i]), int64(res.Answered[i])).FloatString(decimals)
}

// IKMString formats an IKM with its two decimals.
func IKMString(res scoring.IKMResult) string { return strconv.FormatFloat(res.IKM, 'f', 2, 64) }

// Decimal writes a decimal number the way the reader expects: a comma in
// Indonesian (as the regulation prints "88,31"), a point in English.
func Decimal(lang kinerja.Lang, s string) string {
	if lang == kinerja.LangEN {
		return s
	}
	return strings.Replace(s, ".", ",", 1)
}

// KinerjaLabel names a grade's unit performance in lang.
func KinerjaLabel(lang kinerja.Lang, m scoring.Mutu) string {
	if lang == kinerja.LangEN {
		return m.KinerjaEN()
	}
	return m.Kinerja()
}
