package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

const surveyLinkColumns = `payload, unit_code, officer_nip, created_at, revoked_at`

func scanSurveyLink(row interface{ Scan(...any) error }) (*kinerja.SurveyLink, error) {
	var l kinerja.SurveyLink
	var created int64
	var revoked sql.NullInt64
	if err := row.Scan(&l.Payload, &l.UnitCode, &l.OfficerNIP, &created, &revoked); err != nil {
		return nil, err
	}
	l.CreatedAt, l.RevokedAt = time.UnixMilli(created).UTC(), fromMS(revoked)
	return &l, nil
}

// CreateSurveyLink stores a new survey link.
func (c *conn) CreateSurveyLink(ctx context.Context, l *kinerja.SurveyLink) error {
	_, err := c.exec(ctx, `INSERT INTO survey_links (payload, unit_code, officer_nip, created_at, revoked_at)
		VALUES (?, ?, ?, ?, ?)`, l.Payload, l.UnitCode, l.OfficerNIP, l.CreatedAt.UnixMilli(), ms(l.RevokedAt))
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

// AddSurveyResponse stores a response. ON CONFLICT DO NOTHING (rather than
// catching the unique violation) keeps a PostgreSQL transaction usable after
// a repeat, so the handler can still end the dialogue and record the update.
func (c *conn) AddSurveyResponse(ctx context.Context, r *kinerja.SurveyResponse) error {
	var dup any
	if r.DupKey != "" {
		dup = r.DupKey
	}
	a := r.Answers
	res, err := c.exec(ctx, `INSERT INTO survey_responses (unit_code, officer_nip, day,
		u1, u2, u3, u4, u5, u6, u7, u8, u9,
		suggestion, gender, age_band, education, occupation, dup_key)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (dup_key) DO NOTHING`,
		r.UnitCode, r.OfficerNIP, r.Day.UnixMilli(),
		a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8],
		r.Suggestion, r.Profile.Gender, r.Profile.AgeBand, r.Profile.Education, r.Profile.Occupation, dup)
	if err != nil {
		return fmt.Errorf("add survey response: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return kinerja.Errorf(kinerja.EConflict, "err.survey_already_counted")
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

// surveyTotalsSelect aggregates in SQL: for each unsur the number of
// respondents who answered it and the sum of their answers, which is all
// the IKM needs, so no response is loaded into memory.
var surveyTotalsSelect = func() string {
	var b strings.Builder
	b.WriteString(`COUNT(*)`)
	for i := 1; i <= kinerja.NumSurveyQuestions; i++ {
		fmt.Fprintf(&b, `, SUM(CASE WHEN u%d > 0 THEN 1 ELSE 0 END), SUM(u%d)`, i, i)
	}
	return b.String()
}()

// SurveyTotals returns per-unsur counts and sums of the matching responses,
// grouped by unit (and officer). A response with no answer at all is not a
// respondent and is left out.
func (c *conn) SurveyTotals(ctx context.Context, f kinerja.SurveyFilter) ([]kinerja.SurveyTotals, error) {
	where := []string{`(u1 + u2 + u3 + u4 + u5 + u6 + u7 + u8 + u9) > 0`}
	var args []any
	if f.UnitCode != "" {
		where = append(where, `unit_code = ?`)
		args = append(args, f.UnitCode)
	}
	if f.OfficerNIP != "" {
		where = append(where, `officer_nip = ?`)
		args = append(args, f.OfficerNIP)
	}
	if !f.From.IsZero() {
		where = append(where, `day >= ?`)
		args = append(args, f.From.UnixMilli())
	}
	if !f.To.IsZero() {
		where = append(where, `day < ?`)
		args = append(args, f.To.UnixMilli())
	}
	group := `unit_code`
	officer := `''`
	if f.ByOfficer {
		group, officer = `unit_code, officer_nip`, `officer_nip`
	}
	q := `SELECT unit_code, ` + officer + `, ` + surveyTotalsSelect + ` FROM survey_responses WHERE ` +
		strings.Join(where, ` AND `) + ` GROUP BY ` + group + ` ORDER BY ` + group
	rows, err := c.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("survey totals: %w", err)
	}
	defer rows.Close()
	var out []kinerja.SurveyTotals
	for rows.Next() {
		var t kinerja.SurveyTotals
		dest := []any{&t.UnitCode, &t.OfficerNIP, &t.Respondents}
		for i := range kinerja.NumSurveyQuestions {
			dest = append(dest, &t.Answered[i], &t.Sums[i])
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("survey totals: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
