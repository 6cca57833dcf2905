package bot

import (
	"context"
	"math/big"
	"sort"
	"strconv"
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

// The survey is its own package (bot/survey), which imports this one, so
// the evaluation and the jobs code that still live in package bot cannot
// call it. Until they move to their own packages (and call bot/survey's
// Feature.OfficerSurvey, UnitIndex, WithSample, UnitIKM and Exports), they
// read survey results through these few functions, which compute exactly
// what bot/survey does, over the unsur codes of the configured
// questionnaire. This file goes when they have moved.

// SurveyPolicy is the part of the survey's configuration the evaluation
// and the jobs read; the survey feature sets it when it registers.
type SurveyPolicy struct {
	// OfficerMinResponses is the anonymity threshold of per-officer
	// results; 0 means the default, 5.
	OfficerMinResponses int
	// Population is each unit's service users per month, for the sample.
	Population map[string]int
	// Codes are the questionnaire's unsur codes in order; empty means the
	// codes present in the totals, in natural order (U1, U2, …, U10).
	Codes []string
}

// SetSurveyPolicy records the survey's configuration for the features
// still in this package. Called by the survey feature's Register.
func (b *Bot) SetSurveyPolicy(p SurveyPolicy) { b.surveyPolicy = p }

func init() {
	// Scoring and storage refuse an answer outside the scale with this
	// error, whatever feature stored it, so its text is the core's.
	register(map[string][2]string{
		"err.ikm_answer": {
			"Jawaban %s bernilai %d; skala survei adalah 1–4.",
			"Answer %s is %d; the survey scale is 1–4.",
		},
	})
}

func (p SurveyPolicy) officerMin() int {
	if p.OfficerMinResponses <= 0 {
		return 5
	}
	return p.OfficerMinResponses
}

// UnitIKM is a unit's satisfaction index for one period, with what the
// regulation asks to report beside it (bot/survey.UnitIndex).
type UnitIKM struct {
	Unit         *kinerja.Unit
	Period       kinerja.Period
	Result       scoring.IKMResult
	SampleNeeded int
	Provisional  bool
}

// resultOf turns stored totals into the exact IKM over the codes present.
func resultOf(t kinerja.SurveyTotals) scoring.IKMResult { return resultOver(nil, t) }

// resultOver turns stored totals into the IKM over codes, or over the
// codes present when codes is empty.
func resultOver(codes []string, t kinerja.SurveyTotals) scoring.IKMResult {
	if len(codes) == 0 {
		for c := range t.Answered {
			codes = append(codes, c)
		}
		sort.Slice(codes, func(i, j int) bool {
			if len(codes[i]) != len(codes[j]) {
				return len(codes[i]) < len(codes[j])
			}
			return codes[i] < codes[j]
		})
	}
	answered, sums := make([]int, len(codes)), make([]int, len(codes))
	for i, c := range codes {
		answered[i], sums[i] = t.Answered[c], t.Sums[c]
	}
	return scoring.IKMFromTotals(t.Respondents, answered, sums)
}

// unitIKM computes one unit's IKM for period p.
func (b *Bot) unitIKM(ctx context.Context, tx kinerja.Tx, u *kinerja.Unit, p kinerja.Period) (UnitIKM, error) {
	loc := b.cfg.Location
	tot, err := tx.SurveyTotals(ctx, kinerja.SurveyFilter{UnitCode: u.Code, From: p.Start(loc), To: p.End(loc)})
	if err != nil {
		return UnitIKM{}, err
	}
	var res scoring.IKMResult
	if len(tot) > 0 {
		res = resultOver(b.surveyPolicy.Codes, tot[0])
	}
	return b.withSample(u, p, res), nil
}

// withSample adds the sample size and provisional mark to a result; the
// configured population is per month.
func (b *Bot) withSample(u *kinerja.Unit, p kinerja.Period, res scoring.IKMResult) UnitIKM {
	pop := 1_000_000 // unknown: the table's largest N, whose sample is 384
	if n := b.surveyPolicy.Population[u.Code]; n > 0 {
		pop = n * len(p.Months())
	}
	n := scoring.SampleSize(pop)
	return UnitIKM{Unit: u, Period: p, Result: res, SampleNeeded: n, Provisional: res.Respondents < n}
}

// OfficerSurvey returns the aggregate survey result of the responses that
// named officer nip in period p, and false below the anonymity threshold.
func (b *Bot) OfficerSurvey(ctx context.Context, tx kinerja.Tx, nip string, p kinerja.Period) (scoring.IKMResult, bool, error) {
	loc := b.cfg.Location
	tots, err := tx.SurveyTotals(ctx, kinerja.SurveyFilter{OfficerNIP: nip, From: p.Start(loc), To: p.End(loc)})
	if err != nil {
		return scoring.IKMResult{}, false, err
	}
	all := kinerja.SurveyTotals{Answered: map[string]int{}, Sums: map[string]int{}}
	for _, t := range tots {
		all.Respondents += t.Respondents
		for c, n := range t.Answered {
			all.Answered[c] += n
		}
		for c, n := range t.Sums {
			all.Sums[c] += n
		}
	}
	if all.Respondents < b.surveyPolicy.officerMin() {
		return scoring.IKMResult{}, false, nil
	}
	return resultOver(b.surveyPolicy.Codes, all), true, nil
}

// IKMTable is the IKM export (bot/survey.Feature.IKMTable) for /ekspor.
func (b *Bot) IKMTable(ctx context.Context, p kinerja.Period) ([][]string, error) {
	loc := b.cfg.Location
	tots, err := b.store.SurveyTotals(ctx, kinerja.SurveyFilter{From: p.Start(loc), To: p.End(loc)})
	if err != nil {
		return nil, err
	}
	codes := b.surveyPolicy.Codes
	if len(codes) == 0 {
		codes = []string{"U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9"}
	}
	header := []string{"unit_code", "unit_name", "period", "respondents"}
	for _, c := range codes {
		header = append(header, "nrr_"+strings.ToLower(c))
	}
	rows := [][]string{append(header, "ikm", "mutu", "kinerja", "sample_needed", "provisional")}
	for _, t := range tots {
		u, err := b.store.Unit(ctx, t.UnitCode)
		if err != nil {
			return nil, err
		}
		ui := b.withSample(u, p, resultOver(codes, t))
		row := []string{u.Code, u.Name, p.String(), strconv.Itoa(ui.Result.Respondents)}
		for i := range codes {
			v := ""
			if ui.Result.Answered[i] > 0 {
				v = big.NewRat(int64(ui.Result.Sums[i]), int64(ui.Result.Answered[i])).FloatString(4)
			}
			row = append(row, v)
		}
		row = append(row, ikmString(ui.Result), string(ui.Result.Mutu), ui.Result.Kinerja,
			strconv.Itoa(ui.SampleNeeded), strconv.FormatBool(ui.Provisional))
		rows = append(rows, row)
	}
	return rows, nil
}

// ikmString formats an IKM with its two decimals.
func ikmString(res scoring.IKMResult) string { return strconv.FormatFloat(res.IKM, 'f', 2, 64) }

// decimal writes a decimal number with a comma in Indonesian, a point in
// English.
func decimal(lang kinerja.Lang, s string) string {
	if lang == kinerja.LangEN {
		return s
	}
	return strings.Replace(s, ".", ",", 1)
}

// kinerjaLabel names a grade's unit performance in lang.
func kinerjaLabel(lang kinerja.Lang, m scoring.Mutu) string {
	if lang == kinerja.LangEN {
		return m.KinerjaEN()
	}
	return m.Kinerja()
}

// monthLabel names a month period in lang, e.g. "November 2026".
func monthLabel(lang kinerja.Lang, p kinerja.Period) string { return MonthLabel(lang, p) }
