package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

const surveyLinkColumns = `payload, unit_code, officer_nip, service_code, created_at, revoked_at`

func scanSurveyLink(row interface{ Scan(...any) error }) (*kinerja.SurveyLink, error) {
	var l kinerja.SurveyLink
	var created int64
	var revoked sql.NullInt64
	if err := row.Scan(&l.Payload, &l.UnitCode, &l.OfficerNIP, &l.ServiceCode, &created, &revoked); err != nil {
		return nil, err
	}
	l.CreatedAt, l.RevokedAt = time.UnixMilli(created).UTC(), fromMS(revoked)
	return &l, nil
}

// CreateSurveyLink stores a new survey link.
func (c *conn) CreateSurveyLink(ctx context.Context, l *kinerja.SurveyLink) error {
	_, err := c.exec(ctx, `INSERT INTO survey_links (payload, unit_code, officer_nip, service_code, created_at, revoked_at)
		VALUES (?, ?, ?, ?, ?, ?)`, l.Payload, l.UnitCode, l.OfficerNIP, l.ServiceCode, l.CreatedAt.UnixMilli(), ms(l.RevokedAt))
	if isUniqueViolation(err) {
		return kinerja.Errorf(kinerja.EConflict, "err.survey_link_exists")
	}
	if err != nil {
		return fmt.Errorf("create survey link: %w", err)
	}
	return nil
}

// SurveyLink returns the link with that payload.
func (c *conn) SurveyLink(ctx context.Context, payload string) (*kinerja.SurveyLink, error) {
	l, err := scanSurveyLink(c.queryRow(ctx, `SELECT `+surveyLinkColumns+` FROM survey_links WHERE payload = ?`, payload))
	if err != nil {
		return nil, notFound(err, "err.survey_link_not_found")
	}
	return l, nil
}

// RevokeSurveyLink marks a link revoked; the first revocation instant stays.
func (c *conn) RevokeSurveyLink(ctx context.Context, payload string, at time.Time) error {
	res, err := c.exec(ctx, `UPDATE survey_links SET revoked_at = COALESCE(revoked_at, ?) WHERE payload = ?`,
		at.UnixMilli(), payload)
	if err != nil {
		return fmt.Errorf("revoke survey link: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return kinerja.Errorf(kinerja.ENotFound, "err.survey_link_not_found")
	}
	return nil
}

// ListSurveyLinks returns a unit's links ("" for all), oldest first.
func (c *conn) ListSurveyLinks(ctx context.Context, unitCode string) ([]*kinerja.SurveyLink, error) {
	q := `SELECT ` + surveyLinkColumns + ` FROM survey_links`
	var args []any
	if unitCode != "" {
		q += ` WHERE unit_code = ?`
		args = append(args, unitCode)
	}
	rows, err := c.query(ctx, q+` ORDER BY created_at, payload`, args...)
	if err != nil {
		return nil, fmt.Errorf("list survey links: %w", err)
	}
	return collect(rows, scanSurveyLink)
}

// AddSurveyResponse stores a response, one answer row per unsur, and its
// suggestion apart (unit, service and day only, so the text is not linked
// to the answers). ON CONFLICT DO NOTHING (rather than catching the unique
// violation) keeps a PostgreSQL transaction usable after a repeat, so the
// handler can still end the dialogue and record the update.
func (c *conn) AddSurveyResponse(ctx context.Context, r *kinerja.SurveyResponse) error {
	var dup any
	if r.DupKey != "" {
		dup = r.DupKey
	}
	codes := make([]string, 0, len(r.Answers))
	for code, v := range r.Answers {
		if code == "" || v < 0 || v > 4 {
			return kinerja.Errorf(kinerja.EInvalid, "err.ikm_answer", code, v)
		}
		codes = append(codes, code)
	}
	sort.Strings(codes)
	// The pattern of answers in code order: identical ones are counted by
	// the database (SurveyPatterns).
	pattern := make([]byte, len(codes))
	for i, code := range codes {
		pattern[i] = byte('0' + r.Answers[code])
	}
	var id int64
	err := c.queryRow(ctx, `INSERT INTO survey_responses (unit_code, officer_nip, service_code, day,
		gender, age_band, education, occupation, dup_key, pattern)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (dup_key) DO NOTHING RETURNING id`,
		r.UnitCode, r.OfficerNIP, r.ServiceCode, r.Day.UnixMilli(),
		r.Profile.Gender, r.Profile.AgeBand, r.Profile.Education, r.Profile.Occupation, dup, string(pattern)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return kinerja.Errorf(kinerja.EConflict, "err.survey_already_counted")
	} else if err != nil {
		return fmt.Errorf("add survey response: %w", err)
	}
	for _, code := range codes {
		if _, err := c.exec(ctx, `INSERT INTO survey_answers (response_id, unsur_code, value) VALUES (?, ?, ?)`,
			id, code, r.Answers[code]); err != nil {
			return fmt.Errorf("add survey answer: %w", err)
		}
	}
	if r.Suggestion != "" {
		if _, err := c.exec(ctx, `INSERT INTO survey_suggestions (unit_code, service_code, day, text) VALUES (?, ?, ?, ?)`,
			r.UnitCode, r.ServiceCode, r.Day.UnixMilli(), r.Suggestion); err != nil {
			return fmt.Errorf("add survey suggestion: %w", err)
		}
	}
	return nil
}

// SurveyCounted reports whether a response with that duplicate key exists.
func (c *conn) SurveyCounted(ctx context.Context, dupKey string) (bool, error) {
	if dupKey == "" {
		return false, nil
	}
	var n int
	err := c.queryRow(ctx, `SELECT COUNT(*) FROM survey_responses WHERE dup_key = ?`, dupKey).Scan(&n)
	return n > 0, err
}

// surveyWhere is the condition and arguments selecting the responses of f
// that are respondents (at least one answer), for the aggregates.
func (c *conn) surveyWhere(ctx context.Context, f kinerja.SurveyFilter) (string, []any, error) {
	where := []string{`EXISTS (SELECT 1 FROM survey_answers x WHERE x.response_id = r.id AND x.value > 0)`}
	var args []any
	if f.UnitCode != "" {
		where = append(where, `r.unit_code = ?`)
		args = append(args, f.UnitCode)
	}
	if f.OfficerNIP != "" {
		where = append(where, `r.officer_nip = ?`)
		args = append(args, f.OfficerNIP)
	}
	if f.ServiceCode != "" {
		where = append(where, `r.service_code = ?`)
		args = append(args, f.ServiceCode)
	}
	if !f.From.IsZero() {
		where = append(where, `r.day >= ?`)
		args = append(args, f.From.UnixMilli())
	}
	if !f.To.IsZero() {
		where = append(where, `r.day < ?`)
		args = append(args, f.To.UnixMilli())
	}
	if f.FirstN > 0 {
		// The id of the FirstN-th response: the ones after it are left out.
		var last int64
		err := c.queryRow(ctx, `SELECT r.id FROM survey_responses r WHERE `+strings.Join(where, ` AND `)+
			` ORDER BY r.id LIMIT 1 OFFSET ?`, append(args, f.FirstN-1)...).Scan(&last)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return "", nil, fmt.Errorf("survey totals: %w", err)
		}
		if err == nil {
			where = append(where, `r.id <= ?`)
			args = append(args, last)
		}
	}
	return strings.Join(where, ` AND `), args, nil
}

// SurveyTotals returns per-unsur counts and sums of the matching responses,
// grouped by unit (and officer, and service), aggregated in SQL so no
// response is loaded into memory. A response with no answer at all is not
// a respondent and is left out. Two queries: the respondents per group,
// then the answers per group and unsur code.
func (c *conn) SurveyTotals(ctx context.Context, f kinerja.SurveyFilter) ([]kinerja.SurveyTotals, error) {
	cond, args, err := c.surveyWhere(ctx, f)
	if err != nil {
		return nil, err
	}
	group, officer, service := `r.unit_code`, `''`, `''`
	if f.ByOfficer {
		group, officer = group+`, r.officer_nip`, `r.officer_nip`
	}
	if f.ByService {
		group, service = group+`, r.service_code`, `r.service_code`
	}
	rows, err := c.query(ctx, `SELECT r.unit_code, `+officer+`, `+service+`, COUNT(*) FROM survey_responses r WHERE `+cond+
		` GROUP BY `+group+` ORDER BY `+group, args...)
	if err != nil {
		return nil, fmt.Errorf("survey totals: %w", err)
	}
	var out []kinerja.SurveyTotals
	index := map[[3]string]int{}
	for rows.Next() {
		t := kinerja.SurveyTotals{Answered: map[string]int{}, Sums: map[string]int{}}
		if err := rows.Scan(&t.UnitCode, &t.OfficerNIP, &t.ServiceCode, &t.Respondents); err != nil {
			rows.Close()
			return nil, fmt.Errorf("survey totals: %w", err)
		}
		index[[3]string{t.UnitCode, t.OfficerNIP, t.ServiceCode}] = len(out)
		out = append(out, t)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, fmt.Errorf("survey totals: %w", err)
	}
	if len(out) == 0 {
		return nil, nil
	}
	rows, err = c.query(ctx, `SELECT r.unit_code, `+officer+`, `+service+`, a.unsur_code,
		SUM(CASE WHEN a.value > 0 THEN 1 ELSE 0 END), SUM(a.value)
		FROM survey_responses r JOIN survey_answers a ON a.response_id = r.id
		WHERE `+cond+` GROUP BY `+group+`, a.unsur_code`, args...)
	if err != nil {
		return nil, fmt.Errorf("survey totals: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var unit, off, svc, code string
		var answered, sum int
		if err := rows.Scan(&unit, &off, &svc, &code, &answered, &sum); err != nil {
			return nil, fmt.Errorf("survey totals: %w", err)
		}
		if i, ok := index[[3]string{unit, off, svc}]; ok {
			out[i].Answered[code], out[i].Sums[code] = answered, sum
		}
	}
	return out, rows.Err()
}

// ForgetSurveyDupKeys clears the duplicate keys of the responses of days
// before the local midnight before, and returns how many it cleared.
func (c *conn) ForgetSurveyDupKeys(ctx context.Context, before time.Time) (int64, error) {
	res, err := c.exec(ctx, `UPDATE survey_responses SET dup_key = NULL WHERE dup_key IS NOT NULL AND day < ?`,
		before.UnixMilli())
	if err != nil {
		return 0, fmt.Errorf("forget survey duplicate keys: %w", err)
	}
	return res.RowsAffected()
}

// settingVacuumPending is set by migration 0007: the file may still hold,
// in pages freed before secure_delete was on, rows deleted by an earlier
// release (survey sessions, the old HMAC secret), so it is rewritten once.
const settingVacuumPending = "storage.vacuum_pending"

// ScrubDeleted removes what deleted rows leave behind in a SQLite file:
// once after the upgrade that turned secure_delete on, a VACUUM rewrites
// the file without free pages; then a TRUNCATE checkpoint moves the
// write-ahead log into the file (where secure_delete has zeroed deleted
// rows) and empties it, so the log holds no earlier versions of rows
// since deleted, such as a finished survey's session. It cannot run in a
// transaction. PostgreSQL: nothing to do (its dead rows are vacuumed by
// the server and its files are not the backup).
func (db *DB) ScrubDeleted(ctx context.Context) error {
	if db.engine == sqliteEngine {
		db.writeMu.Lock()
		defer db.writeMu.Unlock()
	}
	_, pending, err := db.Setting(ctx, settingVacuumPending)
	if err != nil {
		return fmt.Errorf("scrub: %w", err)
	}
	if pending && db.engine == sqliteEngine {
		if _, err := db.sql.ExecContext(ctx, `VACUUM`); err != nil {
			return fmt.Errorf("scrub: vacuum: %w", err)
		}
	}
	if pending {
		if _, err := db.sql.ExecContext(ctx, db.rebind(`DELETE FROM settings WHERE key = ?`), settingVacuumPending); err != nil {
			return fmt.Errorf("scrub: %w", err)
		}
	}
	if db.engine != sqliteEngine {
		return nil
	}
	var busy, logFrames, moved int
	if err := db.sql.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logFrames, &moved); err != nil {
		return fmt.Errorf("scrub: checkpoint: %w", err)
	}
	if busy != 0 {
		return fmt.Errorf("scrub: checkpoint: the write-ahead log is in use by a reader; tried again at the next run")
	}
	return nil
}
