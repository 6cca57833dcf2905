package report

import (
	"context"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/jobs"
)

// PendingApprovals implements jobs.ApprovalSource for the daily approvals
// reminder: each assessor with pending reports, how many, since when the
// oldest waits, and the list of them in the one digest form (PendingLines),
// in the reminder's language.
func (f *Feature) PendingApprovals(ctx context.Context, tx kinerja.Tx) ([]jobs.PendingApprovals, error) {
	reps, err := tx.ListReports(ctx, kinerja.ReportFilter{Statuses: []kinerja.ReportStatus{kinerja.ReportPending}})
	if err != nil {
		return nil, err
	}
	by := map[string]int{}
	var out []jobs.PendingApprovals
	var lists [][]Pending
	for _, rep := range reps {
		line, err := pendingLine(ctx, tx, rep)
		if err != nil {
			return nil, err
		}
		to, err := recipient(ctx, tx, rep.AssessorNIP, f.deps.Now(), f.deps.Location)
		if err != nil {
			return nil, err
		}
		i, ok := by[to]
		if !ok {
			i = len(out)
			by[to] = i
			out = append(out, jobs.PendingApprovals{AssessorNIP: to, Oldest: rep.CreatedAt})
			lists = append(lists, nil)
		}
		out[i].Count++
		if rep.CreatedAt.Before(out[i].Oldest) {
			out[i].Oldest = rep.CreatedAt
		}
		lists[i] = append(lists[i], line)
	}
	for i := range out {
		list := lists[i]
		out[i].Lines = func(lang kinerja.Lang) string { return PendingLines(lang, list...) }
	}
	return out, nil
}

var _ jobs.ApprovalSource = (*Feature)(nil)
