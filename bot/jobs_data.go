package bot

import (
	"context"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

// StoreSources returns the jobs' data sources that read the database
// directly, for the features in this build: work reports and the survey.
// Evaluations are not in it yet, so remind-evaluation reports "no data
// source yet" and the monthly summary leaves out the predikat counts.
func StoreSources() Sources {
	return Sources{Approvals: storeReports{}, Reporting: storeReports{}, Activity: storeReports{}, Survey: storeSurvey{}}
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
