package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// AppendAudit appends an entry to the hash chain. Inside a transaction it
// locks the chain head first (SELECT … FOR UPDATE on PostgreSQL; SQLite
// transactions here already hold the single write lock from BEGIN), so
// concurrent appends queue and each links to the one before. Called on the
// DB outside InTx, it runs in a transaction of its own.
func (c *conn) AppendAudit(ctx context.Context, e *kinerja.AuditEntry) error {
	if db, ok := c.q.(*sql.DB); ok {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		if err := (&conn{q: tx, engine: c.engine}).AppendAudit(ctx, e); err != nil {
			return err
		}
		return tx.Commit()
	}
	lock := ""
	if c.engine == postgresEngine {
		lock = " FOR UPDATE"
	}
	var seq int64
	var prev string
	if err := c.queryRow(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`+lock).Scan(&seq, &prev); err != nil {
		return fmt.Errorf("audit head: %w", err)
	}
	// The hash covers the instant at millisecond precision, as stored.
	e.At = time.UnixMilli(e.At.UnixMilli()).UTC()
	e.Seq, e.PrevHash = seq+1, prev
	e.Hash = kinerja.AuditHash(e)
	if _, err := c.exec(ctx, `INSERT INTO audit_log (seq, at, actor_nip, action, entity, entity_id,
		before_json, after_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.Seq, e.At.UnixMilli(), e.ActorNIP, e.Action, e.Entity, e.EntityID, e.Before, e.After, e.PrevHash, e.Hash); err != nil {
		return fmt.Errorf("append audit %s: %w", e.Action, err)
	}
	if _, err := c.exec(ctx, `UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1`, e.Seq, e.Hash); err != nil {
		return fmt.Errorf("move audit head: %w", err)
	}
	return nil
}

// AuditEntries returns up to limit entries after seq, in order.
func (c *conn) AuditEntries(ctx context.Context, after int64, limit int) ([]*kinerja.AuditEntry, error) {
	rows, err := c.query(ctx, `SELECT seq, at, actor_nip, action, entity, entity_id, before_json, after_json,
		prev_hash, hash FROM audit_log WHERE seq > ? ORDER BY seq LIMIT `+strconv.Itoa(max(limit, 1)), after)
	if err != nil {
		return nil, fmt.Errorf("audit entries: %w", err)
	}
	defer rows.Close()
	var out []*kinerja.AuditEntry
	for rows.Next() {
		var e kinerja.AuditEntry
		var at int64
		if err := rows.Scan(&e.Seq, &at, &e.ActorNIP, &e.Action, &e.Entity, &e.EntityID, &e.Before, &e.After,
			&e.PrevHash, &e.Hash); err != nil {
			return nil, err
		}
		e.At = time.UnixMilli(at).UTC()
		out = append(out, &e)
	}
	return out, rows.Err()
}

// AuditHead returns the recorded head of the chain.
func (c *conn) AuditHead(ctx context.Context) (int64, string, error) {
	var seq int64
	var hash string
	err := c.queryRow(ctx, `SELECT seq, hash FROM audit_head WHERE id = 1`).Scan(&seq, &hash)
	return seq, hash, err
}

// auditedTables names, per audited entity, its table and the expression
// that gives a row's AuditEntry.EntityID.
var auditedTables = map[string]struct{ table, id string }{
	"report":     {"reports", "CAST(id AS TEXT)"},
	"evaluation": {"evaluations", "nip || '/' || period"},
	"objection":  {"objections", "CAST(id AS TEXT)"},
}

// AuditCoverage counts the rows of the rule's entity in its statuses, and
// those of them with no audit entry of its actions. The NOT IN subquery is
// not correlated: both engines build it once (an ephemeral index in
// SQLite, a hash in PostgreSQL), so this is one pass over each table.
func (c *conn) AuditCoverage(ctx context.Context, rule kinerja.AuditRule) (int64, int64, error) {
	t, ok := auditedTables[rule.Entity]
	if !ok || len(rule.Statuses) == 0 || len(rule.Actions) == 0 {
		return 0, 0, fmt.Errorf("audit coverage: rule %q: unknown entity or nothing to check", rule.Kind)
	}
	var args []any
	for _, s := range rule.Statuses {
		args = append(args, s)
	}
	statuses := placeholders(len(rule.Statuses))
	var records int64
	if err := c.queryRow(ctx, `SELECT COUNT(*) FROM `+t.table+` WHERE status IN (`+statuses+`)`, args...).Scan(&records); err != nil {
		return 0, 0, fmt.Errorf("audit coverage %s: %w", rule.Kind, err)
	}
	args = append(args, rule.Entity)
	for _, a := range rule.Actions {
		args = append(args, a)
	}
	var uncovered int64
	if err := c.queryRow(ctx, `SELECT COUNT(*) FROM `+t.table+` WHERE status IN (`+statuses+`) AND `+t.id+
		` NOT IN (SELECT entity_id FROM audit_log WHERE entity = ? AND action IN (`+placeholders(len(rule.Actions))+`))`,
		args...).Scan(&uncovered); err != nil {
		return 0, 0, fmt.Errorf("audit coverage %s: %w", rule.Kind, err)
	}
	return records, uncovered, nil
}

// placeholders returns n comma-separated question marks.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}
