package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

const budgetColumns = `unit_code, month, pagu, realisasi, source, reported_by, updated_at`

func scanBudget(row interface{ Scan(...any) error }) (*kinerja.Budget, error) {
	var b kinerja.Budget
	var at sql.NullInt64
	if err := row.Scan(&b.UnitCode, &b.Month, &b.Pagu, &b.Realisasi, &b.Source, &b.ReportedBy, &at); err != nil {
		return nil, err
	}
	b.UpdatedAt = fromMS(at)
	return &b, nil
}

// PutBudget inserts or replaces a unit's month. Figures that did not
// change leave the row (and who wrote it) as it was.
func (c *conn) PutBudget(ctx context.Context, b *kinerja.Budget) (bool, error) {
	old, err := scanBudget(c.queryRow(ctx, `SELECT `+budgetColumns+` FROM budgets WHERE unit_code = ? AND month = ?`,
		b.UnitCode, b.Month))
	switch {
	case err == nil:
		if old.SameFigures(b) {
			return false, nil
		}
		_, err = c.exec(ctx, `UPDATE budgets SET pagu = ?, realisasi = ?, source = ?, reported_by = ?, updated_at = ?
			WHERE unit_code = ? AND month = ?`, b.Pagu, b.Realisasi, b.Source, b.ReportedBy, b.UpdatedAt.UnixMilli(),
			b.UnitCode, b.Month)
		if err != nil {
			return false, fmt.Errorf("update budget %s: %w", b, err)
		}
		return true, nil
	case kinerja.ErrorCode(notFound(err, "err.budget_not_found")) != kinerja.ENotFound:
		return false, fmt.Errorf("read budget %s: %w", b, err)
	}
	if _, err := c.exec(ctx, `INSERT INTO budgets (`+budgetColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		b.UnitCode, b.Month, b.Pagu, b.Realisasi, b.Source, b.ReportedBy, b.UpdatedAt.UnixMilli()); err != nil {
		return false, fmt.Errorf("insert budget %s: %w", b, err)
	}
	return true, nil
}

// Budgets returns the months that match f, by unit then month. A year is
// matched on the month's "YYYY-" prefix, which both engines compare as text.
func (c *conn) Budgets(ctx context.Context, f kinerja.BudgetFilter) ([]*kinerja.Budget, error) {
	q := `SELECT ` + budgetColumns + ` FROM budgets WHERE 1 = 1`
	var args []any
	if f.UnitCode != "" {
		q += ` AND unit_code = ?`
		args = append(args, f.UnitCode)
	}
	if f.Year != 0 {
		y := strconv.Itoa(f.Year)
		q += ` AND month >= ? AND month < ?`
		args = append(args, y+"-", y+"-~")
	}
	rows, err := c.query(ctx, q+` ORDER BY unit_code, month`, args...)
	if err != nil {
		return nil, fmt.Errorf("list budgets: %w", err)
	}
	defer rows.Close()
	var out []*kinerja.Budget
	for rows.Next() {
		b, err := scanBudget(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}
