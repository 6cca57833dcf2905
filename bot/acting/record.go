package acting

import (
	"context"
	"strconv"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// Recorder is what recording an acting assignment needs: the command line
// and /plt both record through Create and End, so an assignment and its
// audit entry are written the one way.
type Recorder interface {
	kinerja.ActingStore
	AppendAudit(ctx context.Context, e *kinerja.AuditEntry) error
}

// Create checks a (kinerja.Acting.Check), records it and its audit entry;
// actor is the admin's NIP, "" from the command line.
func Create(ctx context.Context, s Recorder, a *kinerja.Acting, actor string) error {
	if err := a.Check(); err != nil {
		return err
	}
	if err := s.CreateActing(ctx, a); err != nil {
		return err
	}
	return s.AppendAudit(ctx, &kinerja.AuditEntry{At: a.CreatedAt, ActorNIP: actor, Action: "acting.create",
		Entity: "acting", EntityID: strconv.FormatInt(a.ID, 10), After: JSON(a)})
}

// End ends assignment id at instant at and records the audit entry.
func End(ctx context.Context, s Recorder, id int64, at time.Time, actor string) (*kinerja.Acting, error) {
	ended, err := s.EndActing(ctx, id, at)
	if err != nil {
		return nil, err
	}
	return ended, s.AppendAudit(ctx, &kinerja.AuditEntry{At: at, ActorNIP: actor, Action: "acting.end",
		Entity: "acting", EntityID: strconv.FormatInt(id, 10), After: JSON(ended)})
}
