package storage

import (
	"context"
	"fmt"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// AddLeave stores a leave span and sets its ID. Days are "YYYY-MM-DD"
// strings, which compare like the days they name.
func (c *conn) AddLeave(ctx context.Context, l *kinerja.Leave) error {
	if _, err := time.Parse(kinerja.DayLayout, l.From); err != nil {
		return kinerja.Errorf(kinerja.EInvalid, "err.leave_day", l.From)
	}
	if _, err := time.Parse(kinerja.DayLayout, l.To); err != nil {
		return kinerja.Errorf(kinerja.EInvalid, "err.leave_day", l.To)
	}
	if l.To < l.From {
		return kinerja.Errorf(kinerja.EInvalid, "err.leave_order", l.From, l.To)
	}
	err := c.queryRow(ctx, `INSERT INTO leaves (nip, from_day, to_day, note, set_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
		l.NIP, l.From, l.To, l.Note, l.SetBy, l.CreatedAt.UnixMilli()).Scan(&l.ID)
	if err != nil {
		return fmt.Errorf("add leave: %w", err)
	}
	return nil
}

// DeleteLeave removes a leave span.
func (c *conn) DeleteLeave(ctx context.Context, id int64) error {
	res, err := c.exec(ctx, `DELETE FROM leaves WHERE id = ?`, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return kinerja.Errorf(kinerja.ENotFound, "err.leave_not_found")
	}
	return nil
}

// Leaves returns the spans of nip ("" for everyone) ending on or after fromDay.
func (c *conn) Leaves(ctx context.Context, nip, fromDay string) ([]*kinerja.Leave, error) {
	q := `SELECT id, nip, from_day, to_day, note, set_by, created_at FROM leaves WHERE to_day >= ?`
	args := []any{fromDay}
	if nip != "" {
		q += ` AND nip = ?`
		args = append(args, nip)
	}
	rows, err := c.query(ctx, q+` ORDER BY from_day, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list leaves: %w", err)
	}
	defer rows.Close()
	var out []*kinerja.Leave
	for rows.Next() {
		var l kinerja.Leave
		var created int64
		if err := rows.Scan(&l.ID, &l.NIP, &l.From, &l.To, &l.Note, &l.SetBy, &created); err != nil {
			return nil, err
		}
		l.CreatedAt = time.UnixMilli(created).UTC()
		out = append(out, &l)
	}
	return out, rows.Err()
}
