package cluster

import (
	"context"
	"time"

	"github.com/bkpsdm-solok/kinerjabot/storage"
)

// roleSender is the role the replicas table shows for the outbox sender.
const roleSender = "sender"

// senderLoop keeps this replica's heartbeat and, whenever no other replica
// is the sender, becomes it, until ctx ends.
func (n *Node) senderLoop(ctx context.Context) {
	defer close(n.done)
	for {
		n.heartbeat(ctx)
		lead, err := n.cfg.DB.TryLead(ctx, senderLockKey)
		if err != nil && ctx.Err() == nil {
			n.cfg.Log.Warn("cluster: trying to become the outbox sender failed", "err", err)
		}
		if lead != nil {
			n.send(ctx, lead)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(n.cfg.Poll):
		}
	}
}

// send runs the outbox sender while this replica holds lead, checking every
// Poll that it still does: a replica cut off from the database stops
// sending before another one can have taken over (the server ends its
// session, and so the lock, only after noticing it is gone).
func (n *Node) send(ctx context.Context, lead *storage.Leadership) {
	n.setSending(true)
	n.cfg.Log.Info("cluster: this replica now sends the outbox", "replica", n.cfg.ID)
	n.heartbeat(ctx)
	sctx, stop := context.WithCancel(ctx)
	sent := make(chan struct{})
	go func() {
		defer close(sent)
		n.cfg.Send(sctx, &storage.ClaimQueue{DB: n.cfg.DB, Owner: n.cfg.ID, Lease: n.cfg.Lease})
	}()
	tick := time.NewTicker(n.cfg.Poll)
	defer tick.Stop()
held:
	for {
		select {
		case <-sent:
			break held
		case <-ctx.Done():
			break held
		case <-tick.C:
			check, cancel := context.WithTimeout(ctx, n.cfg.Poll)
			err := lead.Check(check)
			cancel()
			if err != nil && ctx.Err() == nil {
				n.cfg.Log.Error("cluster: lost the outbox sender's lock; stopping sending", "err", err)
				break held
			}
			n.heartbeat(ctx)
		}
	}
	stop()
	<-sent // the sends in flight settle and are marked
	n.setSending(false)
	if n.crashed() {
		lead.Abandon()
		return
	}
	if err := lead.Release(); err != nil {
		n.cfg.Log.Warn("cluster: releasing the outbox sender's lock", "err", err)
	}
	n.cfg.Log.Info("cluster: this replica no longer sends the outbox", "replica", n.cfg.ID)
}

func (n *Node) setSending(on bool) {
	n.mu.Lock()
	n.sending = on
	n.mu.Unlock()
}

// heartbeat records this replica as alive, with its role.
func (n *Node) heartbeat(ctx context.Context) {
	if n.crashed() {
		return
	}
	role := ""
	if n.Sending() {
		role = roleSender
	}
	r := storage.Replica{ID: n.cfg.ID, Role: role, StartedAt: n.start, SeenAt: n.cfg.Now()}
	if err := n.cfg.DB.Heartbeat(context.WithoutCancel(ctx), r); err != nil && ctx.Err() == nil {
		n.cfg.Log.Warn("cluster: heartbeat failed", "err", err)
	}
}
