package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

const actingColumns = `id, for_nip, by_nip, kind, from_day, to_day, created_at, created_by, ended_at`

func scanActing(row interface{ Scan(...any) error }) (*kinerja.Acting, error) {
	var a kinerja.Acting
	var kind string
	var created int64
	var ended sql.NullInt64
	if err := row.Scan(&a.ID, &a.ForNIP, &a.ByNIP, &kind, &a.From, &a.To, &created, &a.CreatedBy, &ended); err != nil {
		return nil, err
	}
	a.Kind, a.CreatedAt, a.EndedAt = kinerja.ActingKind(kind), time.UnixMilli(created).UTC(), fromMS(ended)
	return &a, nil
}

// CreateActing records an acting assignment after checking that both
// people are on the roster and that no assignment in force for the same
// post overlaps it. The caller's transaction makes check and insert one.
func (c *conn) CreateActing(ctx context.Context, a *kinerja.Acting) error {
	for _, nip := range []string{a.ForNIP, a.ByNIP} {
		if _, err := c.Staff(ctx, nip); err != nil {
			return err
		}
	}
	same, err := c.ListActing(ctx, kinerja.ActingFilter{ForNIP: a.ForNIP})
	if err != nil {
		return err
	}
	for _, o := range same {
		if o.Overlaps(a) {
			return kinerja.Errorf(kinerja.EConflict, "err.acting_overlap", a.ForNIP, o.ByNIP, o.From, o.To)
		}
	}
	err = c.queryRow(ctx, `INSERT INTO acting (for_nip, by_nip, kind, from_day, to_day, created_at, created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		a.ForNIP, a.ByNIP, string(a.Kind), a.From, a.To, a.CreatedAt.UnixMilli(), a.CreatedBy).Scan(&a.ID)
	if err != nil {
		return fmt.Errorf("insert acting %s: %w", a.ForNIP, err)
	}
	return nil
}

// ListActing returns the assignments matching f, by start day.
func (c *conn) ListActing(ctx context.Context, f kinerja.ActingFilter) ([]*kinerja.Acting, error) {
	var where []string
	var args []any
	if f.ForNIP != "" {
		where, args = append(where, "for_nip = ?"), append(args, f.ForNIP)
	}
	if f.ByNIP != "" {
		where, args = append(where, "by_nip = ?"), append(args, f.ByNIP)
	}
	if f.Day != "" {
		where, args = append(where, "from_day <= ? AND to_day >= ?"), append(args, f.Day, f.Day)
	}
	if !f.WithEnded {
		where = append(where, "ended_at IS NULL")
	}
	q := `SELECT ` + actingColumns + ` FROM acting`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	rows, err := c.query(ctx, q+" ORDER BY from_day, id", args...)
	if err != nil {
		return nil, fmt.Errorf("list acting: %w", err)
	}
	return collect(rows, scanActing)
}

// EndActing ends an assignment in force at instant at.
func (c *conn) EndActing(ctx context.Context, id int64, at time.Time) (*kinerja.Acting, error) {
	a, err := scanActing(c.queryRow(ctx, `SELECT `+actingColumns+` FROM acting WHERE id = ?`, id))
	if err != nil {
		return nil, notFound(err, "err.acting_not_found", id)
	}
	if !a.EndedAt.IsZero() {
		return nil, kinerja.Errorf(kinerja.EConflict, "err.acting_ended", id)
	}
	if _, err := c.exec(ctx, `UPDATE acting SET ended_at = ? WHERE id = ?`, at.UnixMilli(), id); err != nil {
		return nil, fmt.Errorf("end acting %d: %w", id, err)
	}
	a.EndedAt = at.UTC()
	return a, nil
}
