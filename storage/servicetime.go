package storage

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// The measured speed of service (issue 14): the pending start marks and
// the anonymous durations.

// MarkServiceStart stores a pending mark unless its key is taken.
func (c *conn) MarkServiceStart(ctx context.Context, s *kinerja.ServiceStart) (bool, error) {
	res, err := c.exec(ctx, `INSERT INTO service_starts (start_key, unit_code, service_code, day, started_at, used)
		VALUES (?, ?, ?, ?, ?, 0) ON CONFLICT (start_key) DO NOTHING`,
		s.Key, s.UnitCode, s.ServiceCode, s.Day.UnixMilli(), s.StartedAt.UnixMilli())
	if err != nil {
		return false, fmt.Errorf("mark service start: %w", err)
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// TakeServiceStart returns a pending mark and marks it used.
func (c *conn) TakeServiceStart(ctx context.Context, key string) (*kinerja.ServiceStart, error) {
	s := kinerja.ServiceStart{Key: key}
	var day int64
	var started sql.NullInt64
	err := c.queryRow(ctx, `SELECT unit_code, service_code, day, started_at FROM service_starts WHERE start_key = ? AND used = 0`,
		key).Scan(&s.UnitCode, &s.ServiceCode, &day, &started)
	if err != nil {
		return nil, notFound(err, "err.service_start_not_found")
	}
	// The condition on used makes two racing takes give one duration.
	res, err := c.exec(ctx, `UPDATE service_starts SET used = 1, started_at = NULL WHERE start_key = ? AND used = 0`, key)
	if err != nil {
		return nil, fmt.Errorf("take service start: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil, kinerja.Errorf(kinerja.ENotFound, "err.service_start_not_found")
	}
	s.Day, s.StartedAt = time.UnixMilli(day).UTC(), fromMS(started)
	return &s, nil
}

// ForgetServiceStarts deletes the marks of days before before.
func (c *conn) ForgetServiceStarts(ctx context.Context, before time.Time) (int64, error) {
	res, err := c.exec(ctx, `DELETE FROM service_starts WHERE day < ?`, before.UnixMilli())
	if err != nil {
		return 0, fmt.Errorf("forget service starts: %w", err)
	}
	return res.RowsAffected()
}

// AddServiceDuration stores a measured duration.
func (c *conn) AddServiceDuration(ctx context.Context, d *kinerja.ServiceDuration) error {
	_, err := c.exec(ctx, `INSERT INTO service_durations (unit_code, service_code, month, minutes) VALUES (?, ?, ?, ?)`,
		d.UnitCode, d.ServiceCode, d.Month, d.Minutes)
	if err != nil {
		return fmt.Errorf("add service duration: %w", err)
	}
	return nil
}

// ServiceDurations returns the durations matching f.
func (c *conn) ServiceDurations(ctx context.Context, f kinerja.ServiceDurationFilter) ([]kinerja.ServiceDuration, error) {
	q, args := `SELECT unit_code, service_code, month, minutes FROM service_durations WHERE 1 = 1`, []any{}
	if f.UnitCode != "" {
		q += ` AND unit_code = ?`
		args = append(args, f.UnitCode)
	}
	if f.FromMonth != "" {
		q += ` AND month >= ?`
		args = append(args, f.FromMonth)
	}
	if f.ToMonth != "" {
		q += ` AND month < ?`
		args = append(args, f.ToMonth)
	}
	rows, err := c.query(ctx, q+` ORDER BY unit_code, service_code, minutes`, args...)
	if err != nil {
		return nil, fmt.Errorf("service durations: %w", err)
	}
	return collect(rows, func(row interface{ Scan(...any) error }) (kinerja.ServiceDuration, error) {
		var d kinerja.ServiceDuration
		return d, row.Scan(&d.UnitCode, &d.ServiceCode, &d.Month, &d.Minutes)
	})
}

// PublishSurveySuggestion publishes a suggestion with its public wording.
func (c *conn) PublishSurveySuggestion(ctx context.Context, id int64, publicText, by string, at time.Time) error {
	res, err := c.exec(ctx, `UPDATE survey_suggestions SET public_text = ?, published_by = ?, published_at = ? WHERE id = ?`,
		publicText, by, at.UnixMilli(), id)
	if err != nil {
		return fmt.Errorf("publish suggestion: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return kinerja.Errorf(kinerja.ENotFound, "err.survey_suggestion_not_found")
	}
	return nil
}

// UnpublishSurveySuggestion takes a suggestion off the public site.
func (c *conn) UnpublishSurveySuggestion(ctx context.Context, id int64) error {
	res, err := c.exec(ctx, `UPDATE survey_suggestions SET public_text = '', published_by = '', published_at = NULL WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("unpublish suggestion: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return kinerja.Errorf(kinerja.ENotFound, "err.survey_suggestion_not_found")
	}
	return nil
}
