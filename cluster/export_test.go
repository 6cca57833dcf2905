package cluster

import (
	"context"
	"time"
)

// Crash ends the node as a killed process would end: the sender's lock is
// dropped with its session, not released, and no goodbye is written.
func (n *Node) Crash() {
	n.mu.Lock()
	n.crash = true
	n.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	n.Stop(ctx)
}
