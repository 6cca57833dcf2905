package bot

import (
	"context"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// ExpireSessions ends every dialogue idle longer than the configured limit
// and tells the user, in their language. A flow may register its own note.
// It is run periodically from cmd.
func (b *Bot) ExpireSessions(ctx context.Context) error {
	idle, err := b.store.IdleSessions(ctx, b.now().Add(-b.cfg.SessionIdle))
	if err != nil {
		return err
	}
	for _, s := range idle {
		// Delete only if still idle: the user may have answered meanwhile.
		expired := false
		err := b.store.InTx(ctx, func(tx kinerja.Tx) error {
			cur, err := tx.Session(ctx, s.ChatID)
			if err != nil || !cur.UpdatedAt.Equal(s.UpdatedAt) {
				return nil
			}
			expired = true
			return tx.DeleteSession(ctx, s.ChatID)
		})
		if err != nil {
			return err
		}
		if !expired {
			continue
		}
		key := "core.session_expired"
		if f := b.flows[s.Flow]; f != nil && f.Expired != "" {
			key = f.Expired
		}
		msg := OutMessage{ChatID: s.ChatID, Text: T(b.langOf(ctx, b.store, s.ChatID), key)}
		if _, err := b.msg.Send(ctx, msg); err != nil {
			b.sendFailed(ctx, s.ChatID, err)
		}
	}
	return nil
}
