package storage

import (
	"context"
	"fmt"
	"strconv"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

const targetColumns = `id, nip, period, code, name, unit, target, direction, weight,
	aggregation, target_min, target_max, tw1, tw2, tw3, tw4, cumulative`

func scanTarget(row interface{ Scan(...any) error }) (*kinerja.Target, error) {
	var t kinerja.Target
	var dir, agg string
	var cumulative int
	q := &t.Quarterly
	if err := row.Scan(&t.ID, &t.NIP, &t.Period, &t.Code, &t.Name, &t.Unit, &t.Target, &dir, &t.Weight,
		&agg, &t.TargetMin, &t.TargetMax, &q[0], &q[1], &q[2], &q[3], &cumulative); err != nil {
		return nil, err
	}
	t.Direction, t.Aggregation, t.Cumulative = kinerja.Direction(dir), kinerja.Aggregation(agg), cumulative != 0
	return &t, nil
}

// targetValues are the stored values of t after its key (nip, period,
// code), in the order of targetColumns.
func targetValues(t *kinerja.Target) []any {
	cumulative := 0
	if t.Cumulative {
		cumulative = 1
	}
	q := t.Quarterly
	return []any{t.Name, t.Unit, t.Target, string(t.Direction), t.Weight, string(t.Aggregation),
		t.TargetMin, t.TargetMax, q[0], q[1], q[2], q[3], cumulative}
}

// PutTarget inserts or updates the target with the same NIP, period and code.
func (c *conn) PutTarget(ctx context.Context, t *kinerja.Target) (bool, error) {
	old, err := scanTarget(c.queryRow(ctx, `SELECT `+targetColumns+` FROM targets
		WHERE nip = ? AND period = ? AND code = ?`, t.NIP, t.Period, t.Code))
	if err == nil {
		t.ID = old.ID
		if *old == *t {
			return false, nil
		}
		_, err = c.exec(ctx, `UPDATE targets SET name = ?, unit = ?, target = ?, direction = ?, weight = ?,
			aggregation = ?, target_min = ?, target_max = ?, tw1 = ?, tw2 = ?, tw3 = ?, tw4 = ?, cumulative = ?
			WHERE id = ?`, append(targetValues(t), t.ID)...)
		if err != nil {
			return false, fmt.Errorf("update target %s: %w", t, err)
		}
		return true, nil
	}
	if err := notFound(err, "err.target_not_found"); kinerja.ErrorCode(err) != kinerja.ENotFound {
		return false, err
	}
	err = c.queryRow(ctx, `INSERT INTO targets (nip, period, code, name, unit, target, direction, weight,
		aggregation, target_min, target_max, tw1, tw2, tw3, tw4, cumulative)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		append([]any{t.NIP, t.Period, t.Code}, targetValues(t)...)...).Scan(&t.ID)
	if err != nil {
		return false, fmt.Errorf("insert target %s: %w", t, err)
	}
	return true, nil
}

// Target returns the target with that id.
func (c *conn) Target(ctx context.Context, id int64) (*kinerja.Target, error) {
	t, err := scanTarget(c.queryRow(ctx, `SELECT `+targetColumns+` FROM targets WHERE id = ?`, id))
	if err != nil {
		return nil, notFound(err, "err.target_not_found")
	}
	return t, nil
}

// TargetsFor returns the person's targets of a month, of its quarter and of
// its year.
func (c *conn) TargetsFor(ctx context.Context, nip string, month kinerja.Period) ([]*kinerja.Target, error) {
	quarter := kinerja.Period{Kind: kinerja.Quarterly, Year: month.Year, Index: (month.Index-1)/3 + 1}
	rows, err := c.query(ctx, `SELECT `+targetColumns+` FROM targets
		WHERE nip = ? AND (period = ? OR period = ? OR period = ?) ORDER BY code, period, id`,
		nip, month.String(), quarter.String(), strconv.Itoa(month.Year))
	if err != nil {
		return nil, fmt.Errorf("targets of %s: %w", nip, err)
	}
	return collect(rows, scanTarget)
}
