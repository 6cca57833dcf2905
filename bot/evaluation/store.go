package evaluation

import (
	"context"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// The few store methods the evaluation's services use, declared here so
// that a service states what it reads and writes. The dialogues pass the
// request's transaction (a kinerja.Tx has them all); the services without
// a chat pass the store or a transaction of their own.

// auditStore appends to the audit log.
type auditStore interface {
	AppendAudit(ctx context.Context, e *kinerja.AuditEntry) error
}

// evidenceStore is what the numbers of an evaluation are computed from:
// approved reports against targets, the unit and the citizen survey.
type evidenceStore interface {
	CountReports(ctx context.Context, f kinerja.ReportFilter) (int, error)
	ListReports(ctx context.Context, f kinerja.ReportFilter) ([]*kinerja.Report, error)
	TargetsFor(ctx context.Context, nip string, month kinerja.Period) ([]*kinerja.Target, error)
	Unit(ctx context.Context, code string) (*kinerja.Unit, error)
	SurveyTotals(ctx context.Context, f kinerja.SurveyFilter) ([]kinerja.SurveyTotals, error)
	// The measured service times and the services' standards (survey.TotalsStore).
	ServiceDurations(ctx context.Context, f kinerja.ServiceDurationFilter) ([]kinerja.ServiceDuration, error)
	SurveyServices(ctx context.Context, unitCode string) ([]*kinerja.SurveyService, error)
	Leaves(ctx context.Context, nip, fromDay string) ([]*kinerja.Leave, error)
	UnitPredicate(ctx context.Context, unitCode, period string) (*kinerja.UnitPredicate, error)
	ListEvaluations(ctx context.Context, f kinerja.EvaluationFilter) ([]*kinerja.Evaluation, error)
	Budgets(ctx context.Context, f kinerja.BudgetFilter) ([]*kinerja.Budget, error)
	// The assessors' history, for a period evaluated in parts (split.go).
	SuperiorHistory(ctx context.Context, nip string) ([]kinerja.SuperiorSpan, error)
	Staff(ctx context.Context, nip string) (*kinerja.Staff, error)
	// The earlier assessors' ratings of their parts (partrating.go).
	ListPartRatings(ctx context.Context, f kinerja.PartRatingFilter) ([]*kinerja.PartRating, error)
}

// resultStore reads confirmed evaluations and who they are about, for the
// exports.
type resultStore interface {
	ListEvaluations(ctx context.Context, f kinerja.EvaluationFilter) ([]*kinerja.Evaluation, error)
	Staff(ctx context.Context, nip string) (*kinerja.Staff, error)
	ObjectionFor(ctx context.Context, nip, period string) (*kinerja.Objection, error)
}

// unitPredicateStore sets a unit's predicate and checks the unit's results
// against it.
type unitPredicateStore interface {
	auditStore
	Unit(ctx context.Context, code string) (*kinerja.Unit, error)
	UnitPredicate(ctx context.Context, unitCode, period string) (*kinerja.UnitPredicate, error)
	PutUnitPredicate(ctx context.Context, up *kinerja.UnitPredicate) error
	ListEvaluations(ctx context.Context, f kinerja.EvaluationFilter) ([]*kinerja.Evaluation, error)
}

// progressStore tells how a period's evaluations stand, for the jobs.
type progressStore interface {
	ListEvaluations(ctx context.Context, f kinerja.EvaluationFilter) ([]*kinerja.Evaluation, error)
	ListStaff(ctx context.Context, f kinerja.StaffFilter) ([]*kinerja.Staff, error)
	SuperiorAt(ctx context.Context, nip string, t time.Time) (string, error)
}
