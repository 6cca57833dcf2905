package bot

import (
	"context"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// audit records one step of an evaluation, objection or correction in the
// audit log, inside the request's transaction: who did what to which
// thing, with the thing before and after (canonical JSON).
func (b *Bot) audit(r *Request, action, entity, id, before, after string) error {
	actor := ""
	if r.Staff != nil {
		actor = r.Staff.NIP
	}
	return b.auditTx(r.Ctx, r.Tx, r.Now, actor, action, entity, id, before, after)
}

// auditTx is audit outside a chat (the command line); actor "" is the system.
//
// SEAM: the hash-chained audit log (issue 3, branch h-reports) is not merged
// yet; until it is, this records nothing.
func (b *Bot) auditTx(ctx context.Context, tx kinerja.Tx, at time.Time, actor, action, entity, id, before, after string) error {
	return nil
}
