package leave

import (
	"context"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// leaveStore is what /cuti reads and writes: the roster and the leave
// records. A kinerja.Tx satisfies it.
type leaveStore interface {
	Staff(ctx context.Context, nip string) (*kinerja.Staff, error)
	Leaves(ctx context.Context, nip, fromDay string) ([]*kinerja.Leave, error)
	AddLeave(ctx context.Context, l *kinerja.Leave) error
	DeleteLeave(ctx context.Context, id int64) error
}
