package report

import (
	"context"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// The few store methods this feature uses, declared here where they are
// consumed so that its services can be given anything that has them (a
// transaction, the store, a fake). A kinerja.Tx has them all.

// targetReader reads indicators and their targets.
type targetReader interface {
	Target(ctx context.Context, id int64) (*kinerja.Target, error)
	TargetsFor(ctx context.Context, nip string, month kinerja.Period) ([]*kinerja.Target, error)
}

// reportReader reads reports.
type reportReader interface {
	Report(ctx context.Context, id int64) (*kinerja.Report, error)
	ListReports(ctx context.Context, f kinerja.ReportFilter) ([]*kinerja.Report, error)
}

// staffReader reads the roster.
type staffReader interface {
	Staff(ctx context.Context, nip string) (*kinerja.Staff, error)
}

// summaryStore is what describing a report to its assessor reads.
type summaryStore interface {
	staffReader
	targetReader
}

// rowStore is what the export rows read.
type rowStore interface {
	staffReader
	unitReader
	targetReader
	reportReader
	ListActing(ctx context.Context, f kinerja.ActingFilter) ([]*kinerja.Acting, error)
}

// digestStore is what a digest run reads and writes: the pending reports,
// their authors and indicators, the assessors' languages and when the last
// digest went out.
type digestStore interface {
	rowStore
	kinerja.AccountStore
	Setting(ctx context.Context, key string) (string, bool, error)
	PutSetting(ctx context.Context, key, value string) error
	actingLister
}

// evidenceStore is what recording an evidence file's hash writes.
type evidenceStore interface {
	SetEvidenceHash(ctx context.Context, reportID int64, fileUniqueID, sha256 string) (duplicateOf int64, err error)
	AppendAudit(ctx context.Context, e *kinerja.AuditEntry) error
}

// notifyStore is what telling an assessor about a report reads.
type notifyStore interface {
	summaryStore
	reportReader
	kinerja.AccountStore
}

// submitStore is what sending a report through the dialogue needs beyond
// the transaction's other readers.
type submitStore interface {
	SuperiorAt(ctx context.Context, nip string, t time.Time) (string, error)
	CreateReport(ctx context.Context, r *kinerja.Report) error
	UpdateReport(ctx context.Context, r *kinerja.Report) error
	SetEvidence(ctx context.Context, reportID int64, ev []kinerja.Evidence) error
}

// AchievementStore is what Achievement reads: a transaction or the store.
type AchievementStore = MeasureStore

// Compile-time checks that a transaction serves every use.
var (
	_ digestStore      = kinerja.Tx(nil)
	_ evidenceStore    = kinerja.Tx(nil)
	_ notifyStore      = kinerja.Tx(nil)
	_ submitStore      = kinerja.Tx(nil)
	_ AchievementStore = kinerja.Tx(nil)
)
