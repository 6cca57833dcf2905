package storage

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// This file is what several bot processes ("replicas") on one PostgreSQL
// database need from it: outbox claims with leases, the sender's
// leadership, the replicas' heartbeats, River's leader and River's pool.

// ClaimQueue is the outbox as seen by one sender among several. Its
// NextBatch claims the heads it returns for Owner until now+Lease, with
// FOR UPDATE SKIP LOCKED, so two senders never take the same message; a
// message stays claimed while its sender fetches it again (every loop
// renews the lease of the sends in flight), and a dead sender's claims
// lapse after Lease. On SQLite, with one process, it is the plain outbox.
type ClaimQueue struct {
	*DB
	Owner string
	Lease time.Duration
}

// NextBatch returns and claims the due head message of each chat that no
// other sender holds (see conn.NextBatch for what a head is).
func (q *ClaimQueue) NextBatch(ctx context.Context, now time.Time, limit int) ([]*kinerja.OutboxMessage, error) {
	if q.engine != postgresEngine {
		return q.DB.NextBatch(ctx, now, limit)
	}
	at := now.UnixMilli()
	pending := string(kinerja.OutboxPending)
	rows, err := q.query(ctx, `UPDATE outbox SET claimed_by = ?, lease_until = ?
		WHERE id IN (SELECT o.id FROM outbox o
			WHERE o.status = ? AND o.next_attempt_at <= ? AND o.not_before <= ?
			AND (o.lease_until <= ? OR o.claimed_by = ?)
			AND o.id = (SELECT p.id FROM outbox p WHERE p.chat_id = o.chat_id AND p.status = ? AND p.not_before <= ?
				ORDER BY p.not_before, p.id LIMIT 1)
			ORDER BY o.not_before, o.id LIMIT ? FOR UPDATE OF o SKIP LOCKED)
		RETURNING `+outboxColumns,
		q.Owner, now.Add(q.Lease).UnixMilli(), pending, at, at, at, q.Owner, pending, at, limit)
	if err != nil {
		return nil, fmt.Errorf("outbox claim: %w", err)
	}
	out, err := scanOutboxRows(rows)
	// RETURNING keeps no order; the sender hands out the oldest first.
	sort.Slice(out, func(i, j int) bool {
		if !out[i].NotBefore.Equal(out[j].NotBefore) {
			return out[i].NotBefore.Before(out[j].NotBefore)
		}
		return out[i].ID < out[j].ID
	})
	return out, err
}

// Leadership is a PostgreSQL session advisory lock held on a connection of
// its own: the lock lives exactly as long as that session, so a process
// that dies (kill -9, a lost machine once the server notices) gives it up
// without anyone's help.
type Leadership struct {
	conn *sql.Conn
	key  int32
}

// TryLead takes the advisory lock key if no other session holds it. The
// lock is (key, the schema's hash): deployments in two schemas of one
// database do not share it. It
// returns nil and no error when another holds it, and refuses SQLite,
// where one process is all there is.
func (db *DB) TryLead(ctx context.Context, key int32) (*Leadership, error) {
	if db.engine != postgresEngine {
		return nil, errors.New("storage: leadership needs PostgreSQL")
	}
	c, err := db.sql.Conn(ctx)
	if err != nil {
		return nil, err
	}
	// The server notices a vanished client within about half a minute
	// instead of the system's two hours (ignored on a Unix socket).
	for _, set := range []string{"SET tcp_keepalives_idle = 10", "SET tcp_keepalives_interval = 5", "SET tcp_keepalives_count = 3"} {
		if _, err := c.ExecContext(ctx, set); err != nil {
			drop(c)
			return nil, fmt.Errorf("storage: leadership session: %w", err)
		}
	}
	var got bool
	if err := c.QueryRowContext(ctx, `SELECT pg_try_advisory_lock($1, hashtext(current_schema()))`, key).Scan(&got); err != nil {
		drop(c)
		return nil, fmt.Errorf("storage: leadership: %w", err)
	}
	if !got {
		c.Close()
		return nil, nil
	}
	return &Leadership{conn: c, key: key}, nil
}

// Check reports whether the lock is still held: the session is alive.
func (l *Leadership) Check(ctx context.Context) error {
	var held bool
	err := l.conn.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory'
		AND pid = pg_backend_pid() AND granted AND objsubid = 2 AND classid::bigint = $1
		AND objid::bigint = (hashtext(current_schema())::bigint & 4294967295))`, l.key).Scan(&held)
	if err == nil && !held {
		err = errors.New("storage: the leadership lock is gone")
	}
	return err
}

// Release gives the lock up for another process to take at once.
func (l *Leadership) Release() error {
	_, err := l.conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1, hashtext(current_schema()))`, l.key)
	if err != nil {
		drop(l.conn) // closing the session releases it all the same
		return nil
	}
	return l.conn.Close()
}

// Abandon closes the session without unlocking, as a killed process does;
// the server releases the lock. Tests use it to stage a crash.
func (l *Leadership) Abandon() { drop(l.conn) }

// drop closes a connection for good instead of returning it to the pool,
// so its session (and any advisory lock in it) ends.
func drop(c *sql.Conn) {
	_ = c.Raw(func(any) error { return driver.ErrBadConn })
	_ = c.Close()
}

// Replica is one running bot process as its heartbeat records it.
type Replica struct {
	ID        string // host and pid
	Role      string // "sender" while it drains the outbox, else ""
	StartedAt time.Time
	SeenAt    time.Time
}

// Heartbeat records that the replica is alive, with its current role.
func (db *DB) Heartbeat(ctx context.Context, r Replica) error {
	_, err := db.exec(ctx, `INSERT INTO replicas (id, started_at, seen_at, role) VALUES (?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET seen_at = excluded.seen_at, role = excluded.role`,
		r.ID, r.StartedAt.UnixMilli(), r.SeenAt.UnixMilli(), r.Role)
	if err != nil {
		return fmt.Errorf("replica heartbeat: %w", err)
	}
	return nil
}

// LeaveReplicas forgets the replica (at a graceful stop) and every one not
// seen since the instant.
func (db *DB) LeaveReplicas(ctx context.Context, id string, staleBefore time.Time) error {
	_, err := db.exec(ctx, `DELETE FROM replicas WHERE id = ? OR seen_at < ?`, id, staleBefore.UnixMilli())
	return err
}

// Replicas returns the replicas seen since the instant, by id.
func (db *DB) Replicas(ctx context.Context, since time.Time) ([]Replica, error) {
	rows, err := db.query(ctx, `SELECT id, role, started_at, seen_at FROM replicas WHERE seen_at >= ? ORDER BY id`, since.UnixMilli())
	if err != nil {
		return nil, fmt.Errorf("replicas: %w", err)
	}
	defer rows.Close()
	var out []Replica
	for rows.Next() {
		var r Replica
		var started, seen int64
		if err := rows.Scan(&r.ID, &r.Role, &started, &seen); err != nil {
			return nil, err
		}
		r.StartedAt, r.SeenAt = time.UnixMilli(started).UTC(), time.UnixMilli(seen).UTC()
		out = append(out, r)
	}
	return out, rows.Err()
}

// RiverLeader returns the id of the process River elected to run the
// periodic jobs and when its term ends; ok is false when there is none
// (SQLite, River not set up yet, or between two terms).
func (db *DB) RiverLeader(ctx context.Context) (id string, until time.Time, ok bool, err error) {
	if db.engine != postgresEngine {
		return "", time.Time{}, false, nil
	}
	err = db.queryRow(ctx, `SELECT leader_id, expires_at FROM river_leader ORDER BY expires_at DESC LIMIT 1`).Scan(&id, &until)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return "", time.Time{}, false, nil
	case err != nil && strings.Contains(err.Error(), "SQLSTATE 42P01"):
		return "", time.Time{}, false, nil // River's tables are not there yet
	case err != nil:
		return "", time.Time{}, false, fmt.Errorf("river leader: %w", err)
	}
	return id, until, true, nil
}

// PgxPool opens a pgx pool on the same PostgreSQL database and schema, for
// River's driver; the caller closes it.
func (db *DB) PgxPool(ctx context.Context) (*pgxpool.Pool, error) {
	if db.engine != postgresEngine {
		return nil, errors.New("storage: River needs PostgreSQL")
	}
	cfg, err := pgxpool.ParseConfig(db.dsn)
	if err != nil {
		return nil, fmt.Errorf("storage: pool: %w", err)
	}
	cfg.MaxConns = 8
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("storage: pool: %w", err)
	}
	return pool, nil
}

// Serialized runs fn while holding the PostgreSQL advisory lock key, waiting
// for it (scoped to the schema like TryLead): replicas starting together set up River's schema one at a time.
// On SQLite it just runs fn.
func (db *DB) Serialized(ctx context.Context, key int32, fn func() error) error {
	if db.engine != postgresEngine {
		return fn()
	}
	c, err := db.sql.Conn(ctx)
	if err != nil {
		return err
	}
	if _, err := c.ExecContext(ctx, `SELECT pg_advisory_lock($1, hashtext(current_schema()))`, key); err != nil {
		drop(c)
		return fmt.Errorf("storage: lock %d: %w", key, err)
	}
	l := &Leadership{conn: c, key: key}
	defer l.Release()
	return fn()
}

// ReleaseOutboxClaims ends at once the claims on pending messages held by
// the senders for which gone reports true (the earlier runs of a replica
// started again under its name: they are dead), so that the sender takes
// those messages now instead of when their lease ends. It returns how
// many messages it released. A message such a run had sent but not
// marked is sent again, as it would be after the lease.
func (db *DB) ReleaseOutboxClaims(ctx context.Context, gone func(owner string) bool) (int, error) {
	if db.engine != postgresEngine {
		return 0, nil // one process: nobody else's claims
	}
	pending := string(kinerja.OutboxPending)
	rows, err := db.query(ctx, `SELECT DISTINCT claimed_by FROM outbox WHERE status = ? AND claimed_by <> '' AND lease_until > 0`, pending)
	if err != nil {
		return 0, fmt.Errorf("outbox claims: %w", err)
	}
	owners, err := collect(rows, func(r interface{ Scan(...any) error }) (string, error) {
		var s string
		return s, r.Scan(&s)
	})
	if err != nil {
		return 0, fmt.Errorf("outbox claims: %w", err)
	}
	n := 0
	for _, o := range owners {
		if !gone(o) {
			continue
		}
		res, err := db.exec(ctx, `UPDATE outbox SET lease_until = 0 WHERE claimed_by = ? AND status = ?`, o, pending)
		if err != nil {
			return n, fmt.Errorf("outbox claims of %s: %w", o, err)
		}
		k, _ := res.RowsAffected()
		n += int(k)
	}
	return n, nil
}
