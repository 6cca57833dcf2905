package jobs

import (
	"context"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

// Sources provide the data of the jobs that belong to other features
// (work reports, the survey, evaluations). A nil source makes its job say
// "no data source yet" and queue nothing, rather than guess.
type Sources struct {
	Approvals  ApprovalSource
	Reporting  ReportingSource
	Activity   ActivitySource
	Survey     SurveySource
	Evaluation EvaluationSource
}

// PendingApprovals is one assessor's queue of reports awaiting a decision.
type PendingApprovals struct {
	AssessorNIP string
	Count       int
	Oldest      time.Time // when the oldest pending report was sent
	// Lines, when set, lists the pending reports in a language, in the
	// work reports' one digest form; the reminder shows it under its text.
	Lines func(lang kinerja.Lang) string
}

// ApprovalSource tells which assessors have reports waiting.
type ApprovalSource interface {
	// PendingApprovals returns the assessors with at least one pending
	// report, by NIP.
	PendingApprovals(ctx context.Context, tx kinerja.Tx) ([]PendingApprovals, error)
}

// ReportingSource tells when people last reported.
type ReportingSource interface {
	// LastReports returns, by NIP, when each person last sent a report at
	// or after since; people with none are absent.
	LastReports(ctx context.Context, tx kinerja.Tx, since time.Time) (map[string]time.Time, error)
}

// UnitActivity counts a unit's work reports sent in a span, and how many
// of them are approved or still pending now.
type UnitActivity struct {
	Sent, Approved, Pending int
}

// ActivitySource counts work reports by unit.
type ActivitySource interface {
	// UnitActivity returns the counts of reports sent in [from, to), by unit code.
	UnitActivity(ctx context.Context, tx kinerja.Tx, from, to time.Time) (map[string]UnitActivity, error)
}

// SurveySource computes satisfaction indexes by unit.
type SurveySource interface {
	// UnitIKM returns the IKM of the responses given on days in [from, to),
	// by unit code; units without responses are absent.
	UnitIKM(ctx context.Context, tx kinerja.Tx, from, to time.Time) (map[string]scoring.IKMResult, error)
	// SampleNeeded is the number of respondents a unit's IKM of p needs
	// before it stops being provisional.
	SampleNeeded(unit string, p kinerja.Period) int
}

// ServiceSpeedSource is the measured speed of service of a unit; a
// survey source that also implements it adds the units' service times to
// the monthly summary.
type ServiceSpeedSource interface {
	// ServiceSpeed is the unit's measured speed of service in p; false
	// when no service was measured.
	ServiceSpeed(ctx context.Context, tx kinerja.Tx, unit string, p kinerja.Period) (kinerja.ServiceSpeed, bool, error)
}

// UnfinishedEvaluations is one assessor's evaluations still to do: Count
// people to evaluate, and Parts earlier parts of people who moved away
// from them to rate (evaluation.transfer_split).
type UnfinishedEvaluations struct {
	AssessorNIP string
	Count       int
	Parts       int
	// OpenParts is the data of the source's own button that opens the
	// parts to rate, for an assessor with only parts: someone left with
	// no staff is no assessor to the /nilai command. "" takes the command.
	OpenParts string
}

// EvaluationSource tells how the period's evaluations stand.
type EvaluationSource interface {
	// Unfinished returns the assessors with evaluations of p not finished.
	Unfinished(ctx context.Context, tx kinerja.Tx, p kinerja.Period) ([]UnfinishedEvaluations, error)
	// PredikatCounts returns, by unit code, how many staff got each predikat
	// in p. Counts only: the summaries never name anyone.
	PredikatCounts(ctx context.Context, tx kinerja.Tx, p kinerja.Period) (map[string]map[kinerja.Predikat]int, error)
}

// ReportSources returns the sources that read work reports straight from
// the store for the reporting reminder and the weekly activity. The other
// sources are the features' own services (wired in cmd): pending approvals
// from bot/report (its one digest), the IKM from bot/survey (its one IKM
// path), the evaluations' progress from bot/evaluation.
func ReportSources() Sources {
	return Sources{Reporting: storeReports{}, Activity: storeReports{}}
}

// storeReports answers the jobs' questions about work reports from the
// report store.
type storeReports struct{}

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
