package jobs

import (
	"context"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// runStore is what a run reads about the people and units it addresses:
// the roster, their accounts (language, blocked), their leave. A
// kinerja.Tx satisfies it; the data sources take the Tx itself, since they
// answer for other features.
type runStore interface {
	Staff(ctx context.Context, nip string) (*kinerja.Staff, error)
	ListStaff(ctx context.Context, f kinerja.StaffFilter) ([]*kinerja.Staff, error)
	ListUnits(ctx context.Context) ([]*kinerja.Unit, error)
	Account(ctx context.Context, telegramID int64) (*kinerja.Account, error)
	Leaves(ctx context.Context, nip, from string) ([]*kinerja.Leave, error)
}

// outboxStore is what queues a run's messages with the record of its slot,
// and what the outbox's housekeeping changes.
type outboxStore interface {
	JobRun(ctx context.Context, job, slot string) (*kinerja.JobRun, error)
	EnqueueRun(ctx context.Context, run *kinerja.JobRun, msgs []*kinerja.OutboxMessage) (bool, error)
	UnreportedFailures(ctx context.Context, limit int) ([]*kinerja.OutboxMessage, error)
	MarkReported(ctx context.Context, ids []int64) error
	PruneOutbox(ctx context.Context, before time.Time) (int64, error)
}

// Both interfaces are satisfied by every transaction.
var (
	_ runStore    = kinerja.Tx(nil)
	_ outboxStore = kinerja.Tx(nil)
)
