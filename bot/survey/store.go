package survey

import (
	"context"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// TotalsStore is what the IKM and speed-of-service services read: the
// totals the database aggregates, the units they belong to, the measured
// service durations and the units' services (their standards). A
// kinerja.Tx or kinerja.Store satisfies it.
type TotalsStore interface {
	SurveyTotals(ctx context.Context, f kinerja.SurveyFilter) ([]kinerja.SurveyTotals, error)
	Unit(ctx context.Context, code string) (*kinerja.Unit, error)
	ServiceDurations(ctx context.Context, f kinerja.ServiceDurationFilter) ([]kinerja.ServiceDuration, error)
	SurveyServices(ctx context.Context, unitCode string) ([]*kinerja.SurveyService, error)
}

// linkStore is what creating, listing and rendering survey links use.
type linkStore interface {
	Unit(ctx context.Context, code string) (*kinerja.Unit, error)
	Staff(ctx context.Context, nip string) (*kinerja.Staff, error)
	CreateSurveyLink(ctx context.Context, l *kinerja.SurveyLink) error
	ListSurveyLinks(ctx context.Context, unitCode string) ([]*kinerja.SurveyLink, error)
	SurveyServices(ctx context.Context, unitCode string) ([]*kinerja.SurveyService, error)
}

// revokeStore is what revoking a link uses.
type revokeStore interface {
	RevokeSurveyLink(ctx context.Context, payload string, at time.Time) error
}
