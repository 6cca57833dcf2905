package storage

import (
	"context"
	"database/sql"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// UnitAt returns the person's unit at instant t. Before the first recorded
// span (work done before the person was first imported) the first known
// unit is used, as SuperiorAt does for assessors.
func (c *conn) UnitAt(ctx context.Context, nip string, t time.Time) (string, error) {
	var code string
	err := c.queryRow(ctx, `SELECT unit_code FROM unit_spans
		WHERE nip = ? AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)
		ORDER BY valid_from DESC, id DESC LIMIT 1`, nip, t.UnixMilli(), t.UnixMilli()).Scan(&code)
	if err == sql.ErrNoRows {
		err = c.queryRow(ctx, `SELECT unit_code FROM unit_spans WHERE nip = ?
			ORDER BY valid_from, id LIMIT 1`, nip).Scan(&code)
	}
	if err == sql.ErrNoRows {
		// No history at all: the roster's own column is all there is.
		err = c.queryRow(ctx, `SELECT unit_code FROM staff WHERE nip = ?`, nip).Scan(&code)
	}
	if err != nil {
		return "", notFound(err, "err.staff_not_found", nip)
	}
	return code, nil
}

// UnitHistory returns the spans of a person's units, oldest first.
func (c *conn) UnitHistory(ctx context.Context, nip string) ([]kinerja.UnitSpan, error) {
	rows, err := c.query(ctx, `SELECT nip, unit_code, valid_from, valid_to FROM unit_spans
		WHERE nip = ? ORDER BY valid_from, id`, nip)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []kinerja.UnitSpan
	for rows.Next() {
		var sp kinerja.UnitSpan
		var from int64
		var to sql.NullInt64
		if err := rows.Scan(&sp.NIP, &sp.UnitCode, &from, &to); err != nil {
			return nil, err
		}
		sp.From, sp.To = time.UnixMilli(from).UTC(), fromMS(to)
		out = append(out, sp)
	}
	return out, rows.Err()
}
