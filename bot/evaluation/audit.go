package evaluation

import (
	"context"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// audit records one step of an evaluation, objection or correction in the
// audit log, inside the request's transaction: who did what to which
// thing, with the thing before and after (canonical JSON).
func audit(r *bot.Request, action, entity, id, before, after string) error {
	actor := ""
	if r.Staff != nil {
		actor = r.Staff.NIP
	}
	return auditTx(r.Ctx, r.Tx, r.Now, actor, action, entity, id, before, after)
}

// auditTx appends to the hash-chained audit log in transaction tx; it is
// also used outside a chat (the command line), where actor "" is the system.
func auditTx(ctx context.Context, tx auditStore, at time.Time, actor, action, entity, id, before, after string) error {
	return tx.AppendAudit(ctx, &kinerja.AuditEntry{At: at, ActorNIP: actor, Action: action, Entity: entity,
		EntityID: id, Before: before, After: after})
}
