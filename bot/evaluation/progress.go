package evaluation

import (
	"context"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/jobs"
)

// How a period's evaluations stand, for the scheduled jobs (the reminder
// of assessors and the monthly summary): the methods have the signatures
// of jobs.EvaluationSource, so the jobs can read them from this feature.

// Unfinished returns, for each assessor, how many of the people they
// assessed at the end of p have no confirmed evaluation of p (a draft is
// unfinished), and how many earlier parts of p they have to rate. People
// who joined after p are not counted.
//
// While someone acts for an assessor (Plt/Plh) today, their count goes to
// the acting one, who is the one to evaluate now.
func (f *Feature) Unfinished(ctx context.Context, tx kinerja.Tx, p kinerja.Period) ([]jobs.UnfinishedEvaluations, error) {
	list, tops, err := unfinished(ctx, tx, p, f.deps, f.cfg.TopReviewer.NIP)
	if err != nil {
		return nil, err
	}
	if list, err = f.withPartsToRate(ctx, tx, p, list); err != nil { // partrating.go
		return nil, err
	}
	// The tops not yet evaluated wait for the top reviewer: the one named,
	// or every admin for an outside one (they record the evaluations).
	// Nobody is counted for their own evaluation.
	if tr := f.cfg.TopReviewer; len(tops) > 0 && tr.NIP != "" {
		list = append(list, jobs.UnfinishedEvaluations{AssessorNIP: tr.NIP, Count: len(tops)})
	} else if len(tops) > 0 && tr.outside() {
		admins, err := linkedAdmins(ctx, tx)
		if err != nil {
			return nil, err
		}
		for _, a := range admins {
			if n := len(tops) - btoi(tops[a.NIP]); n > 0 {
				list = append(list, jobs.UnfinishedEvaluations{AssessorNIP: a.NIP, Count: n})
			}
		}
	}
	var out []jobs.UnfinishedEvaluations
	at := map[string]int{} // index in out by assessor
	for _, u := range list {
		a, err := kinerja.ActingFor(ctx, tx, u.AssessorNIP, f.deps.Now(), f.deps.Location)
		if err != nil {
			return nil, err
		}
		if a != nil {
			u.AssessorNIP = a.ByNIP
		}
		if i, seen := at[u.AssessorNIP]; seen {
			out[i].Count += u.Count
			out[i].Parts += u.Parts
			if u.OpenParts != "" {
				out[i].OpenParts = u.OpenParts
			}
			continue
		}
		at[u.AssessorNIP] = len(out)
		out = append(out, u)
	}
	return out, nil
}

// unfinished is Unfinished over the few store methods it reads. It also
// returns the tops (no superior at the period's end) not yet evaluated,
// leaving out reviewer, the top reviewer's own NIP ("" for none).
func unfinished(ctx context.Context, tx progressStore, p kinerja.Period, deps bot.Deps, reviewer string) ([]jobs.UnfinishedEvaluations, map[string]bool, error) {
	evs, err := tx.ListEvaluations(ctx, kinerja.EvaluationFilter{Period: p.String(), Status: kinerja.EvalFinal})
	if err != nil {
		return nil, nil, err
	}
	done := make(map[string]bool, len(evs))
	for _, e := range evs {
		done[e.NIP] = true
	}
	staff, err := tx.ListStaff(ctx, kinerja.StaffFilter{})
	if err != nil {
		return nil, nil, err
	}
	end := lastInstant(p, deps.Location)
	count := map[string]int{}
	var order []string
	tops := map[string]bool{}
	for _, st := range staff {
		if done[st.NIP] {
			continue
		}
		sup, err := tx.SuperiorAt(ctx, st.NIP, end)
		if err != nil {
			return nil, nil, err
		}
		if sup == "" {
			if st.NIP != reviewer {
				tops[st.NIP] = true
			}
			continue
		}
		if count[sup] == 0 {
			order = append(order, sup)
		}
		count[sup]++
	}
	out := make([]jobs.UnfinishedEvaluations, 0, len(order))
	for _, nip := range order {
		out = append(out, jobs.UnfinishedEvaluations{AssessorNIP: nip, Count: count[nip]})
	}
	return out, tops, nil
}

// PredikatCounts returns the effective predikat of each confirmed
// evaluation of p, counted by the person's unit at the time. Counts only:
// the summaries never name anyone.
func (f *Feature) PredikatCounts(ctx context.Context, tx kinerja.Tx, p kinerja.Period) (map[string]map[kinerja.Predikat]int, error) {
	evs, err := progressStore(tx).ListEvaluations(ctx, kinerja.EvaluationFilter{Period: p.String(), Status: kinerja.EvalFinal})
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

// The feature answers the jobs' questions about evaluations.
var _ jobs.EvaluationSource = (*Feature)(nil)

// btoi is 1 for true.
func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
