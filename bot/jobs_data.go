package bot

import (
	"context"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

// StoreSources returns the jobs' data sources that read the database
// directly, for the features in this build: work reports, the survey and
// evaluations. loc is the zone periods are cut in.
func StoreSources(loc *time.Location) Sources {
	return Sources{Approvals: storeReports{}, Reporting: storeReports{}, Activity: storeReports{},
		Survey: storeSurvey{}, Evaluation: storeEvaluations{loc: loc}}
}

// storeSurvey computes IKM by unit from the totals the store aggregates.
type storeSurvey struct{}

// UnitIKM implements SurveySource.
func (storeSurvey) UnitIKM(ctx context.Context, tx kinerja.Tx, from, to time.Time) (map[string]scoring.IKMResult, error) {
	tots, err := tx.SurveyTotals(ctx, kinerja.SurveyFilter{From: from, To: to})
	if err != nil {
		return nil, err
	}
	out := make(map[string]scoring.IKMResult, len(tots))
	for _, t := range tots {
		out[t.UnitCode] = resultOf(t)
	}
	return out, nil
}

// storeReports answers the jobs' questions about work reports from the
// report store.
type storeReports struct{}

// PendingApprovals implements ApprovalSource: pending reports grouped by
// the assessor who must decide, with the oldest one's sending time.
func (storeReports) PendingApprovals(ctx context.Context, tx kinerja.Tx) ([]PendingApprovals, error) {
	reps, err := tx.ListReports(ctx, kinerja.ReportFilter{Statuses: []kinerja.ReportStatus{kinerja.ReportPending}})
	if err != nil {
		return nil, err
	}
	by := map[string]*PendingApprovals{}
	var out []PendingApprovals
	for _, r := range reps {
		p := by[r.AssessorNIP]
		if p == nil {
			p = &PendingApprovals{AssessorNIP: r.AssessorNIP, Oldest: r.CreatedAt}
			by[r.AssessorNIP] = p
		}
		p.Count++
		if r.CreatedAt.Before(p.Oldest) {
			p.Oldest = r.CreatedAt
		}
	}
	for _, p := range by {
		out = append(out, *p)
	}
	return out, nil
}

// LastReports implements ReportingSource: each person's latest report sent
// since the instant; withdrawn reports do not count.
func (storeReports) LastReports(ctx context.Context, tx kinerja.Tx, since time.Time) (map[string]time.Time, error) {
	reps, err := tx.ListReports(ctx, kinerja.ReportFilter{ChangedSince: since})
	if err != nil {
		return nil, err
	}
	out := map[string]time.Time{}
	for _, r := range reps {
		if r.Status == kinerja.ReportWithdrawn || r.CreatedAt.Before(since) {
			continue
		}
		if r.CreatedAt.After(out[r.NIP]) {
			out[r.NIP] = r.CreatedAt
		}
	}
	return out, nil
}

// UnitActivity implements ActivitySource: reports sent in [from, to) by
// unit of their author, with how many of them stand approved or pending.
func (storeReports) UnitActivity(ctx context.Context, tx kinerja.Tx, from, to time.Time) (map[string]UnitActivity, error) {
	reps, err := tx.ListReports(ctx, kinerja.ReportFilter{ChangedSince: from})
	if err != nil {
		return nil, err
	}
	staff, err := tx.ListStaff(ctx, kinerja.StaffFilter{})
	if err != nil {
		return nil, err
	}
	unit := make(map[string]string, len(staff))
	for _, s := range staff {
		unit[s.NIP] = s.UnitCode
	}
	out := map[string]UnitActivity{}
	for _, r := range reps {
		if r.CreatedAt.Before(from) || !r.CreatedAt.Before(to) || r.Status == kinerja.ReportWithdrawn {
			continue
		}
		a := out[unit[r.NIP]]
		a.Sent++
		switch r.Status {
		case kinerja.ReportApproved:
			a.Approved++
		case kinerja.ReportPending:
			a.Pending++
		}
		out[unit[r.NIP]] = a
	}
	return out, nil
}

// storeEvaluations answers the jobs' questions about period evaluations.
type storeEvaluations struct{ loc *time.Location }

// Unfinished implements EvaluationSource: for each assessor, how many of
// the people they assessed at the end of p have no confirmed evaluation of
// p (a draft is unfinished). People who joined after p are not counted.
func (s storeEvaluations) Unfinished(ctx context.Context, tx kinerja.Tx, p kinerja.Period) ([]UnfinishedEvaluations, error) {
	evs, err := tx.ListEvaluations(ctx, kinerja.EvaluationFilter{Period: p.String(), Status: kinerja.EvalFinal})
	if err != nil {
		return nil, err
	}
	done := make(map[string]bool, len(evs))
	for _, e := range evs {
		done[e.NIP] = true
	}
	staff, err := tx.ListStaff(ctx, kinerja.StaffFilter{})
	if err != nil {
		return nil, err
	}
	end := p.End(s.loc).Add(-time.Millisecond) // who assessed whom is decided at the end of p
	count := map[string]int{}
	var order []string
	for _, st := range staff {
		if done[st.NIP] {
			continue
		}
		sup, err := tx.SuperiorAt(ctx, st.NIP, end)
		if err != nil {
			return nil, err
		}
		if sup == "" {
			continue
		}
		if count[sup] == 0 {
			order = append(order, sup)
		}
		count[sup]++
	}
	out := make([]UnfinishedEvaluations, 0, len(order))
	for _, nip := range order {
		out = append(out, UnfinishedEvaluations{AssessorNIP: nip, Count: count[nip]})
	}
	return out, nil
}

// PredikatCounts implements EvaluationSource: the effective predikat of
// each confirmed evaluation of p, counted by the person's unit at the time.
func (storeEvaluations) PredikatCounts(ctx context.Context, tx kinerja.Tx, p kinerja.Period) (map[string]map[kinerja.Predikat]int, error) {
	evs, err := tx.ListEvaluations(ctx, kinerja.EvaluationFilter{Period: p.String(), Status: kinerja.EvalFinal})
	if err != nil {
		return nil, err
	}
	out := map[string]map[kinerja.Predikat]int{}
	for _, e := range evs {
		if e.Predikat == "" {
			continue
		}
		if out[e.UnitCode] == nil {
			out[e.UnitCode] = map[kinerja.Predikat]int{}
		}
		out[e.UnitCode][e.Predikat]++
	}
	return out, nil
}
