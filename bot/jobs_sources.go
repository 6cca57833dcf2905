package bot

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
}

// UnfinishedEvaluations is one assessor's evaluations still to do.
type UnfinishedEvaluations struct {
	AssessorNIP string
	Count       int
}

// EvaluationSource tells how the period's evaluations stand.
type EvaluationSource interface {
	// Unfinished returns the assessors with evaluations of p not finished.
	Unfinished(ctx context.Context, tx kinerja.Tx, p kinerja.Period) ([]UnfinishedEvaluations, error)
	// PredikatCounts returns, by unit code, how many staff got each predikat
	// in p. Counts only: the summaries never name anyone.
	PredikatCounts(ctx context.Context, tx kinerja.Tx, p kinerja.Period) (map[string]map[kinerja.Predikat]int, error)
}
