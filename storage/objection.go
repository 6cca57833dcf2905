package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

const objectionColumns = `id, nip, period, assessor_nip, reviewer_nip, reason, status, created_at,
	decided_at, decision_reason, old_predikat, new_hasil, new_perilaku, new_predikat, version`

func scanObjection(row interface{ Scan(...any) error }) (*kinerja.Objection, error) {
	var o kinerja.Objection
	var status, oldP, newP string
	var created int64
	var decided sql.NullInt64
	var nh, np int
	if err := row.Scan(&o.ID, &o.NIP, &o.Period, &o.AssessorNIP, &o.ReviewerNIP, &o.Reason, &status, &created,
		&decided, &o.DecisionReason, &oldP, &nh, &np, &newP, &o.Version); err != nil {
		return nil, err
	}
	o.Status, o.OldPredikat, o.NewPredikat = kinerja.ObjectionStatus(status), kinerja.Predikat(oldP), kinerja.Predikat(newP)
	o.NewHasil, o.NewPerilaku = kinerja.Rating(nh), kinerja.Rating(np)
	o.CreatedAt, o.DecidedAt = time.UnixMilli(created).UTC(), fromMS(decided)
	return &o, nil
}

// CreateObjection inserts an objection. ON CONFLICT DO NOTHING turns a
// second objection for the same person and period into an EConflict
// without spoiling a PostgreSQL transaction.
func (c *conn) CreateObjection(ctx context.Context, o *kinerja.Objection) error {
	o.Version = 1
	err := c.queryRow(ctx, `INSERT INTO objections (nip, period, assessor_nip, reviewer_nip, reason, status, created_at,
		decided_at, decision_reason, old_predikat, new_hasil, new_perilaku, new_predikat, version)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (nip, period) DO NOTHING RETURNING id`,
		o.NIP, o.Period, o.AssessorNIP, o.ReviewerNIP, o.Reason, string(o.Status), o.CreatedAt.UnixMilli(),
		ms(o.DecidedAt), o.DecisionReason, string(o.OldPredikat), int(o.NewHasil), int(o.NewPerilaku),
		string(o.NewPredikat), o.Version).Scan(&o.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return kinerja.Errorf(kinerja.EConflict, "err.objection_exists", o.Period)
	}
	if err != nil {
		return fmt.Errorf("insert objection %s/%s: %w", o.NIP, o.Period, err)
	}
	return nil
}

// Objection returns one objection with its messages.
func (c *conn) Objection(ctx context.Context, id int64) (*kinerja.Objection, error) {
	o, err := scanObjection(c.queryRow(ctx, `SELECT `+objectionColumns+` FROM objections WHERE id = ?`, id))
	if err != nil {
		return nil, notFound(err, "err.objection_not_found")
	}
	return o, c.loadMessages(ctx, []*kinerja.Objection{o})
}

// ObjectionFor returns a person's objection for a period.
func (c *conn) ObjectionFor(ctx context.Context, nip, period string) (*kinerja.Objection, error) {
	o, err := scanObjection(c.queryRow(ctx, `SELECT `+objectionColumns+` FROM objections
		WHERE nip = ? AND period = ?`, nip, period))
	if err != nil {
		return nil, notFound(err, "err.objection_not_found")
	}
	return o, c.loadMessages(ctx, []*kinerja.Objection{o})
}

// UpdateObjection writes an objection's fields if its version is unchanged.
func (c *conn) UpdateObjection(ctx context.Context, o *kinerja.Objection) error {
	res, err := c.exec(ctx, `UPDATE objections SET reviewer_nip = ?, status = ?, decided_at = ?, decision_reason = ?,
		old_predikat = ?, new_hasil = ?, new_perilaku = ?, new_predikat = ?, version = version + 1
		WHERE id = ? AND version = ?`,
		o.ReviewerNIP, string(o.Status), ms(o.DecidedAt), o.DecisionReason, string(o.OldPredikat),
		int(o.NewHasil), int(o.NewPerilaku), string(o.NewPredikat), o.ID, o.Version)
	if err != nil {
		return fmt.Errorf("update objection %d: %w", o.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		if _, err := c.Objection(ctx, o.ID); err != nil {
			return err
		}
		return kinerja.Errorf(kinerja.EConflict, "err.objection_changed")
	}
	o.Version++
	return nil
}

// AddObjectionMessage appends a question or an answer.
func (c *conn) AddObjectionMessage(ctx context.Context, m *kinerja.ObjectionMessage) error {
	err := c.queryRow(ctx, `INSERT INTO objection_messages (objection_id, at, from_party, to_party, body)
		VALUES (?, ?, ?, ?, ?) RETURNING id`, m.ObjectionID, m.At.UnixMilli(), m.From, m.To, m.Text).Scan(&m.ID)
	if err != nil {
		return fmt.Errorf("insert objection message: %w", err)
	}
	return nil
}

// ListObjections returns the matching objections with their messages.
func (c *conn) ListObjections(ctx context.Context, f kinerja.ObjectionFilter) ([]*kinerja.Objection, error) {
	var where []string
	var args []any
	if f.Period != "" {
		where, args = append(where, "period = ?"), append(args, f.Period)
	}
	if f.NIP != "" {
		where, args = append(where, "nip = ?"), append(args, f.NIP)
	}
	if f.ReviewerNIP != "" {
		where, args = append(where, "reviewer_nip = ?"), append(args, f.ReviewerNIP)
	}
	if f.OpenOnly {
		where, args = append(where, "status IN (?, ?)"), append(args, string(kinerja.ObjectionOpen), string(kinerja.ObjectionExplaining))
	}
	q := `SELECT ` + objectionColumns + ` FROM objections`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	rows, err := c.query(ctx, q+` ORDER BY created_at, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list objections: %w", err)
	}
	defer rows.Close()
	var out []*kinerja.Objection
	for rows.Next() {
		o, err := scanObjection(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, c.loadMessages(ctx, out)
}

// loadMessages fills the exchanges of objections, oldest first.
func (c *conn) loadMessages(ctx context.Context, objs []*kinerja.Objection) error {
	for _, o := range objs {
		o.Messages = nil
		rows, err := c.query(ctx, `SELECT id, objection_id, at, from_party, to_party, body FROM objection_messages
			WHERE objection_id = ? ORDER BY id`, o.ID)
		if err != nil {
			return fmt.Errorf("load objection messages: %w", err)
		}
		for rows.Next() {
			var m kinerja.ObjectionMessage
			var at int64
			if err := rows.Scan(&m.ID, &m.ObjectionID, &at, &m.From, &m.To, &m.Text); err != nil {
				rows.Close()
				return err
			}
			m.At = time.UnixMilli(at).UTC()
			o.Messages = append(o.Messages, m)
		}
		if err := rows.Close(); err != nil {
			return err
		}
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}
