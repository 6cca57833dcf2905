package storage

import (
	"context"
	"fmt"
	"slices"
)

// LockChats serialises the work on the given chats across every process
// sharing the database, until the transaction ends. On PostgreSQL it takes
// a transaction-scoped advisory lock per chat (pg_advisory_xact_lock), so
// two replicas handling updates of one chat run one after the other, and
// the second sees the first's "handled" mark and session once it holds the
// lock (READ COMMITTED takes a fresh snapshot per statement). The chats are
// locked in ascending order, whatever order they are given in, so two
// transactions holding several chats (group commit) cannot deadlock. On
// SQLite, where one process owns the file and writes are serialised
// already, it does nothing. Outside a transaction it is an error.
func (c *conn) LockChats(ctx context.Context, chats []int64) error {
	if c.tx == nil {
		return fmt.Errorf("storage: LockChats outside a transaction")
	}
	if c.engine != postgresEngine || len(chats) == 0 {
		return nil
	}
	ids := slices.Clone(chats)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	// One round trip for the batch; the sorted subquery fixes the order
	// in which the locks are taken. The key space is shared with nothing
	// else in this database; a collision would only serialise two chats.
	var n int
	err := c.queryRow(ctx, `SELECT COUNT(pg_advisory_xact_lock(k)) FROM
		(SELECT k FROM unnest(?::bigint[]) AS k ORDER BY k) AS sorted`, ids).Scan(&n)
	if err != nil {
		return fmt.Errorf("storage: locking chats %v: %w", ids, err)
	}
	return nil
}

// Ping checks that the database answers, for readiness probes.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.sql.PingContext(ctx); err != nil {
		return fmt.Errorf("storage: ping: %w", err)
	}
	return nil
}
