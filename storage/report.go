package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

const reportColumns = `id, nip, target_id, work_date, quantity, description, status, assessor_nip,
	decided_by, decided_at, delegate, reason, created_at, updated_at, version`

func scanReport(row interface{ Scan(...any) error }) (*kinerja.Report, error) {
	var r kinerja.Report
	var status string
	var delegate int
	var decided sql.NullInt64
	var created, updated int64
	if err := row.Scan(&r.ID, &r.NIP, &r.TargetID, &r.WorkDate, &r.Quantity, &r.Description, &status,
		&r.AssessorNIP, &r.DecidedBy, &decided, &delegate, &r.Reason, &created, &updated, &r.Version); err != nil {
		return nil, err
	}
	r.Status, r.DecidedAsDelegate = kinerja.ReportStatus(status), delegate != 0
	r.DecidedAt = fromMS(decided)
	r.CreatedAt, r.UpdatedAt = time.UnixMilli(created).UTC(), time.UnixMilli(updated).UTC()
	return &r, nil
}

// CreateReport inserts a report and its evidence.
func (c *conn) CreateReport(ctx context.Context, r *kinerja.Report) error {
	r.Version = 1
	err := c.queryRow(ctx, `INSERT INTO reports (nip, target_id, period, work_date, quantity, description, status,
		assessor_nip, decided_by, decided_at, delegate, reason, created_at, updated_at, version)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		r.NIP, r.TargetID, r.Period(), r.WorkDate, r.Quantity, r.Description, string(r.Status),
		r.AssessorNIP, r.DecidedBy, ms(r.DecidedAt), boolInt(r.DecidedAsDelegate), r.Reason,
		r.CreatedAt.UnixMilli(), r.UpdatedAt.UnixMilli(), r.Version).Scan(&r.ID)
	if err != nil {
		return fmt.Errorf("insert report: %w", err)
	}
	for i := range r.Evidence {
		r.Evidence[i].ReportID = r.ID
	}
	return c.insertEvidence(ctx, r.ID, r.Evidence)
}

func (c *conn) insertEvidence(ctx context.Context, reportID int64, ev []kinerja.Evidence) error {
	for i, e := range ev {
		_, err := c.exec(ctx, `INSERT INTO evidence (report_id, pos, file_id, file_unique_id, kind, name, size, sha256, duplicate_of)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			reportID, i, e.FileID, e.FileUniqueID, e.Kind, e.Name, e.Size, e.SHA256, e.DuplicateOf)
		if err != nil {
			return fmt.Errorf("insert evidence of report %d: %w", reportID, err)
		}
	}
	return nil
}

// Report returns one report with its evidence.
func (c *conn) Report(ctx context.Context, id int64) (*kinerja.Report, error) {
	r, err := scanReport(c.queryRow(ctx, `SELECT `+reportColumns+` FROM reports WHERE id = ?`, id))
	if err != nil {
		return nil, notFound(err, "err.report_not_found")
	}
	if err := c.loadEvidence(ctx, []*kinerja.Report{r}); err != nil {
		return nil, err
	}
	return r, nil
}

// UpdateReport writes a report's fields if nobody changed it since it was
// read: the version check makes a second decision (or a decision racing an
// edit) fail instead of silently overwriting the first.
func (c *conn) UpdateReport(ctx context.Context, r *kinerja.Report) error {
	res, err := c.exec(ctx, `UPDATE reports SET target_id = ?, period = ?, work_date = ?, quantity = ?, description = ?,
		status = ?, assessor_nip = ?, decided_by = ?, decided_at = ?, delegate = ?, reason = ?,
		updated_at = ?, version = version + 1
		WHERE id = ? AND version = ?`,
		r.TargetID, r.Period(), r.WorkDate, r.Quantity, r.Description, string(r.Status), r.AssessorNIP,
		r.DecidedBy, ms(r.DecidedAt), boolInt(r.DecidedAsDelegate), r.Reason,
		r.UpdatedAt.UnixMilli(), r.ID, r.Version)
	if err != nil {
		return fmt.Errorf("update report %d: %w", r.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		if _, err := c.Report(ctx, r.ID); err != nil {
			return err
		}
		return kinerja.Errorf(kinerja.EConflict, "err.report_changed")
	}
	r.Version++
	return nil
}

// SetEvidence replaces a report's evidence. Files that stay keep their
// hash and duplicate flag, so an edit does not download them again.
func (c *conn) SetEvidence(ctx context.Context, reportID int64, ev []kinerja.Evidence) error {
	old := &kinerja.Report{ID: reportID}
	if err := c.loadEvidence(ctx, []*kinerja.Report{old}); err != nil {
		return err
	}
	known := map[string]kinerja.Evidence{}
	for _, e := range old.Evidence {
		known[e.FileUniqueID] = e
	}
	if _, err := c.exec(ctx, `DELETE FROM evidence WHERE report_id = ?`, reportID); err != nil {
		return err
	}
	fresh := make([]kinerja.Evidence, len(ev))
	for i, e := range ev {
		if k, ok := known[e.FileUniqueID]; ok && e.SHA256 == "" {
			e.SHA256, e.DuplicateOf = k.SHA256, k.DuplicateOf
		}
		e.ReportID = reportID
		fresh[i] = e
	}
	return c.insertEvidence(ctx, reportID, fresh)
}

// SetEvidenceHash records a file's SHA-256 and flags it when the same file
// is evidence on another report that still stands (not withdrawn).
func (c *conn) SetEvidenceHash(ctx context.Context, reportID int64, fileUniqueID, sha string) (int64, error) {
	var dup sql.NullInt64
	err := c.queryRow(ctx, `SELECT MIN(e.report_id) FROM evidence e JOIN reports r ON r.id = e.report_id
		WHERE e.sha256 = ? AND e.report_id <> ? AND r.status <> ?`,
		sha, reportID, string(kinerja.ReportWithdrawn)).Scan(&dup)
	if err != nil {
		return 0, fmt.Errorf("duplicate evidence: %w", err)
	}
	_, err = c.exec(ctx, `UPDATE evidence SET sha256 = ?, duplicate_of = ? WHERE report_id = ? AND file_unique_id = ?`,
		sha, dup.Int64, reportID, fileUniqueID)
	return dup.Int64, err
}

// reportWhere builds the WHERE clause of a filter.
func reportWhere(f kinerja.ReportFilter) (string, []any) {
	var where []string
	var args []any
	add := func(cond string, a ...any) { where = append(where, cond); args = append(args, a...) }
	if f.NIP != "" {
		add("nip = ?", f.NIP)
	}
	if f.AssessorNIP != "" {
		add("assessor_nip = ?", f.AssessorNIP)
	}
	if f.TargetID != 0 {
		add("target_id = ?", f.TargetID)
	}
	if !f.Period.IsZero() {
		months := f.Period.Months()
		add("period >= ? AND period <= ?", months[0].String(), months[len(months)-1].String())
	}
	if len(f.Statuses) > 0 {
		marks := strings.TrimSuffix(strings.Repeat("?, ", len(f.Statuses)), ", ")
		var a []any
		for _, s := range f.Statuses {
			a = append(a, string(s))
		}
		add("status IN ("+marks+")", a...)
	}
	if !f.ChangedSince.IsZero() {
		add("updated_at >= ?", f.ChangedSince.UnixMilli())
	}
	if len(where) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(where, " AND "), args
}

// ListReports returns the matching reports, oldest first.
func (c *conn) ListReports(ctx context.Context, f kinerja.ReportFilter) ([]*kinerja.Report, error) {
	where, args := reportWhere(f)
	q := `SELECT ` + reportColumns + ` FROM reports` + where + ` ORDER BY id`
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d OFFSET %d", f.Limit, max(f.Offset, 0))
	}
	rows, err := c.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list reports: %w", err)
	}
	var out []*kinerja.Report
	for rows.Next() {
		r, err := scanReport(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, c.loadEvidence(ctx, out)
}

// CountReports counts the matching reports.
func (c *conn) CountReports(ctx context.Context, f kinerja.ReportFilter) (int, error) {
	where, args := reportWhere(f)
	var n int
	err := c.queryRow(ctx, `SELECT COUNT(*) FROM reports`+where, args...).Scan(&n)
	return n, err
}

// loadEvidence fills in the evidence of the reports, in chunks so that the
// IN list stays within both engines' parameter limits.
func (c *conn) loadEvidence(ctx context.Context, reps []*kinerja.Report) error {
	byID := map[int64]*kinerja.Report{}
	for _, r := range reps {
		r.Evidence = nil
		byID[r.ID] = r
	}
	for start := 0; start < len(reps); start += 500 {
		chunk := reps[start:min(start+500, len(reps))]
		args := make([]any, len(chunk))
		for i, r := range chunk {
			args[i] = r.ID
		}
		marks := strings.TrimSuffix(strings.Repeat("?, ", len(chunk)), ", ")
		rows, err := c.query(ctx, `SELECT report_id, file_id, file_unique_id, kind, name, size, sha256, duplicate_of
			FROM evidence WHERE report_id IN (`+marks+`) ORDER BY report_id, pos`, args...)
		if err != nil {
			return fmt.Errorf("load evidence: %w", err)
		}
		for rows.Next() {
			var e kinerja.Evidence
			if err := rows.Scan(&e.ReportID, &e.FileID, &e.FileUniqueID, &e.Kind, &e.Name, &e.Size, &e.SHA256, &e.DuplicateOf); err != nil {
				rows.Close()
				return err
			}
			r := byID[e.ReportID]
			r.Evidence = append(r.Evidence, e)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}
