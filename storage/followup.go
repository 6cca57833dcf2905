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

const followUpColumns = `id, nip, period, predikat, unit_code, head_nip, plan, responsible, review_day, closed, created_at, updated_at`

func scanFollowUp(row interface{ Scan(...any) error }) (*kinerja.FollowUp, error) {
	var f kinerja.FollowUp
	var pred string
	var closed int
	var created, updated int64
	if err := row.Scan(&f.ID, &f.NIP, &f.Period, &pred, &f.UnitCode, &f.HeadNIP, &f.Plan, &f.Responsible,
		&f.ReviewDay, &closed, &created, &updated); err != nil {
		return nil, err
	}
	f.Predikat, f.Closed = kinerja.Predikat(pred), closed != 0
	f.CreatedAt, f.UpdatedAt = time.UnixMilli(created).UTC(), time.UnixMilli(updated).UTC()
	return &f, nil
}

// OpenFollowUp inserts a follow-up unless the person has one for the
// period; ON CONFLICT keeps a PostgreSQL transaction usable.
func (c *conn) OpenFollowUp(ctx context.Context, f *kinerja.FollowUp) (bool, error) {
	err := c.queryRow(ctx, `INSERT INTO followups (nip, period, predikat, unit_code, head_nip, plan, responsible,
		review_day, closed, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (nip, period) DO NOTHING RETURNING id`,
		f.NIP, f.Period, string(f.Predikat), f.UnitCode, f.HeadNIP, f.Plan, f.Responsible, f.ReviewDay,
		boolInt(f.Closed), f.CreatedAt.UnixMilli(), f.UpdatedAt.UnixMilli()).Scan(&f.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("insert follow-up %s/%s: %w", f.NIP, f.Period, err)
	}
	return true, nil
}

// FollowUp returns one follow-up record.
func (c *conn) FollowUp(ctx context.Context, id int64) (*kinerja.FollowUp, error) {
	f, err := scanFollowUp(c.queryRow(ctx, `SELECT `+followUpColumns+` FROM followups WHERE id = ?`, id))
	if err != nil {
		return nil, notFound(err, "err.followup_not_found")
	}
	return f, nil
}

// UpdateFollowUp writes the fields the head fills in.
func (c *conn) UpdateFollowUp(ctx context.Context, f *kinerja.FollowUp) error {
	res, err := c.exec(ctx, `UPDATE followups SET plan = ?, responsible = ?, review_day = ?, closed = ?, updated_at = ?
		WHERE id = ?`, f.Plan, f.Responsible, f.ReviewDay, boolInt(f.Closed), f.UpdatedAt.UnixMilli(), f.ID)
	if err != nil {
		return fmt.Errorf("update follow-up %d: %w", f.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return kinerja.Errorf(kinerja.ENotFound, "err.followup_not_found")
	}
	return nil
}

// ListFollowUps returns the records matching f, oldest first.
func (c *conn) ListFollowUps(ctx context.Context, f kinerja.FollowUpFilter) ([]*kinerja.FollowUp, error) {
	var where []string
	var args []any
	if f.HeadNIP != "" {
		where, args = append(where, "head_nip = ?"), append(args, f.HeadNIP)
	}
	if f.OpenOnly {
		where = append(where, "closed = 0")
	}
	q := `SELECT ` + followUpColumns + ` FROM followups`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	rows, err := c.query(ctx, q+" ORDER BY created_at, id", args...)
	if err != nil {
		return nil, fmt.Errorf("list follow-ups: %w", err)
	}
	return collect(rows, scanFollowUp)
}
