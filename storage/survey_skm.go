package storage

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// The SKM report's storage (issue 15): the units' services, suggestions
// and their follow-ups, flags on suspicious ratings, and the aggregates the
// report and the flags read.

// PutSurveyService adds or replaces a unit's service.
func (c *conn) PutSurveyService(ctx context.Context, s *kinerja.SurveyService) error {
	var n int
	if err := c.queryRow(ctx, `SELECT COUNT(*) FROM units WHERE code = ?`, s.UnitCode).Scan(&n); err != nil {
		return fmt.Errorf("put survey service: %w", err)
	}
	if n == 0 {
		return kinerja.Errorf(kinerja.ENotFound, "err.unit_not_found", s.UnitCode)
	}
	_, err := c.exec(ctx, `INSERT INTO survey_services (unit_code, code, name, standard_minutes) VALUES (?, ?, ?, ?)
		ON CONFLICT (unit_code, code) DO UPDATE SET name = excluded.name, standard_minutes = excluded.standard_minutes`,
		s.UnitCode, s.Code, s.Name, s.StandardMinutes)
	if err != nil {
		return fmt.Errorf("put survey service: %w", err)
	}
	return nil
}

// SurveyServices returns a unit's services ("" for all), by unit and code.
func (c *conn) SurveyServices(ctx context.Context, unitCode string) ([]*kinerja.SurveyService, error) {
	q := `SELECT unit_code, code, name, standard_minutes FROM survey_services`
	var args []any
	if unitCode != "" {
		q += ` WHERE unit_code = ?`
		args = append(args, unitCode)
	}
	rows, err := c.query(ctx, q+` ORDER BY unit_code, code`, args...)
	if err != nil {
		return nil, fmt.Errorf("survey services: %w", err)
	}
	return collect(rows, func(row interface{ Scan(...any) error }) (*kinerja.SurveyService, error) {
		var s kinerja.SurveyService
		return &s, row.Scan(&s.UnitCode, &s.Code, &s.Name, &s.StandardMinutes)
	})
}

const suggestionColumns = `id, unit_code, service_code, day, text, action, action_by, action_at, public_text, published_by, published_at`

func scanSuggestion(row interface{ Scan(...any) error }) (*kinerja.SurveySuggestion, error) {
	var s kinerja.SurveySuggestion
	var day int64
	var at, published sql.NullInt64
	if err := row.Scan(&s.ID, &s.UnitCode, &s.ServiceCode, &day, &s.Text, &s.Action, &s.ActionBy, &at,
		&s.PublicText, &s.PublishedBy, &published); err != nil {
		return nil, err
	}
	s.Day, s.ActionAt, s.PublishedAt = time.UnixMilli(day).UTC(), fromMS(at), fromMS(published)
	return &s, nil
}

// SurveySuggestions returns the suggestions matching f, newest first, and
// how many match in all.
func (c *conn) SurveySuggestions(ctx context.Context, f kinerja.SuggestionFilter) ([]*kinerja.SurveySuggestion, int, error) {
	where, args := ` WHERE 1 = 1`, []any{}
	if f.UnitCode != "" {
		where += ` AND unit_code = ?`
		args = append(args, f.UnitCode)
	}
	if f.PublishedOnly {
		where += ` AND published_at IS NOT NULL`
	}
	if !f.From.IsZero() {
		where += ` AND day >= ?`
		args = append(args, f.From.UnixMilli())
	}
	if !f.To.IsZero() {
		where += ` AND day < ?`
		args = append(args, f.To.UnixMilli())
	}
	var total int
	if err := c.queryRow(ctx, `SELECT COUNT(*) FROM survey_suggestions`+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("survey suggestions: %w", err)
	}
	q := `SELECT ` + suggestionColumns + ` FROM survey_suggestions` + where + ` ORDER BY day DESC, id DESC`
	if f.Limit > 0 {
		q += ` LIMIT ? OFFSET ?`
		args = append(args, f.Limit, max(f.Offset, 0))
	}
	rows, err := c.query(ctx, q, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("survey suggestions: %w", err)
	}
	list, err := collect(rows, scanSuggestion)
	return list, total, err
}

// SurveySuggestion returns one suggestion.
func (c *conn) SurveySuggestion(ctx context.Context, id int64) (*kinerja.SurveySuggestion, error) {
	s, err := scanSuggestion(c.queryRow(ctx, `SELECT `+suggestionColumns+` FROM survey_suggestions WHERE id = ?`, id))
	if err != nil {
		return nil, notFound(err, "err.survey_suggestion_not_found")
	}
	return s, nil
}

// FollowUpSurveySuggestion records a suggestion's follow-up.
func (c *conn) FollowUpSurveySuggestion(ctx context.Context, id int64, action, by string, at time.Time) error {
	res, err := c.exec(ctx, `UPDATE survey_suggestions SET action = ?, action_by = ?, action_at = ? WHERE id = ?`,
		action, by, at.UnixMilli(), id)
	if err != nil {
		return fmt.Errorf("follow up suggestion: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return kinerja.Errorf(kinerja.ENotFound, "err.survey_suggestion_not_found")
	}
	return nil
}

const flagColumns = `id, kind, unit_code, officer_nip, day, flag_key, detail, responses, created_at, reviewed_by, reviewed_at`

func scanFlag(row interface{ Scan(...any) error }) (*kinerja.SurveyFlag, error) {
	var f kinerja.SurveyFlag
	var day, created int64
	var reviewed sql.NullInt64
	if err := row.Scan(&f.ID, &f.Kind, &f.UnitCode, &f.OfficerNIP, &day, &f.Key, &f.Detail, &f.Responses,
		&created, &f.ReviewedBy, &reviewed); err != nil {
		return nil, err
	}
	f.Day, f.CreatedAt, f.ReviewedAt = time.UnixMilli(day).UTC(), time.UnixMilli(created).UTC(), fromMS(reviewed)
	return &f, nil
}

// RaiseSurveyFlag stores a flag or updates the one it repeats. A reviewed
// flag whose responses grew is open again: what was reviewed is not what
// is seen now.
func (c *conn) RaiseSurveyFlag(ctx context.Context, f *kinerja.SurveyFlag) error {
	err := c.queryRow(ctx, `INSERT INTO survey_flags (kind, unit_code, officer_nip, day, flag_key, detail, responses, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (kind, unit_code, officer_nip, day, flag_key) DO UPDATE SET detail = excluded.detail,
			responses = excluded.responses,
			reviewed_by = CASE WHEN excluded.responses > survey_flags.responses THEN '' ELSE survey_flags.reviewed_by END,
			reviewed_at = CASE WHEN excluded.responses > survey_flags.responses THEN NULL ELSE survey_flags.reviewed_at END
		RETURNING id`,
		f.Kind, f.UnitCode, f.OfficerNIP, f.Day.UnixMilli(), f.Key, f.Detail, f.Responses, f.CreatedAt.UnixMilli()).Scan(&f.ID)
	if err != nil {
		return fmt.Errorf("raise survey flag: %w", err)
	}
	return nil
}

// SurveyFlags returns a unit's flags ("" for all) of days in [from, to).
func (c *conn) SurveyFlags(ctx context.Context, unitCode string, from, to time.Time) ([]*kinerja.SurveyFlag, error) {
	q, args := `SELECT `+flagColumns+` FROM survey_flags WHERE day >= ? AND day < ?`, []any{from.UnixMilli(), to.UnixMilli()}
	if unitCode != "" {
		q += ` AND unit_code = ?`
		args = append(args, unitCode)
	}
	rows, err := c.query(ctx, q+` ORDER BY day, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("survey flags: %w", err)
	}
	return collect(rows, scanFlag)
}

// ReviewSurveyFlag marks a flag reviewed.
func (c *conn) ReviewSurveyFlag(ctx context.Context, id int64, by string, at time.Time) error {
	res, err := c.exec(ctx, `UPDATE survey_flags SET reviewed_by = ?, reviewed_at = ? WHERE id = ?`, by, at.UnixMilli(), id)
	if err != nil {
		return fmt.Errorf("review survey flag: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return kinerja.Errorf(kinerja.ENotFound, "err.survey_flag_not_found")
	}
	return nil
}

// SurveyProfileCounts counts the respondents of f by profile answer: one
// grouped query per question.
func (c *conn) SurveyProfileCounts(ctx context.Context, f kinerja.SurveyFilter) ([]kinerja.SurveyProfileCount, error) {
	cond, args, err := c.surveyWhere(ctx, f)
	if err != nil {
		return nil, err
	}
	var out []kinerja.SurveyProfileCount
	// The column names are constants, never input.
	for _, col := range []string{"gender", "age_band", "education", "occupation"} {
		rows, err := c.query(ctx, `SELECT r.`+col+`, COUNT(*) FROM survey_responses r WHERE `+cond+
			` GROUP BY r.`+col+` ORDER BY r.`+col, args...)
		if err != nil {
			return nil, fmt.Errorf("survey profile: %w", err)
		}
		list, err := collect(rows, func(row interface{ Scan(...any) error }) (kinerja.SurveyProfileCount, error) {
			pc := kinerja.SurveyProfileCount{Question: col}
			return pc, row.Scan(&pc.Option, &pc.N)
		})
		if err != nil {
			return nil, fmt.Errorf("survey profile: %w", err)
		}
		out = append(out, list...)
	}
	return out, nil
}

// SurveyScoreStats returns, by unit and officer, the count, sum and sum of
// squares of each response's mean answer (over its answered unsur).
func (c *conn) SurveyScoreStats(ctx context.Context, f kinerja.SurveyFilter) ([]kinerja.SurveyScoreStats, error) {
	cond, args, err := c.surveyWhere(ctx, f)
	if err != nil {
		return nil, err
	}
	rows, err := c.query(ctx, `SELECT unit_code, officer_nip, COUNT(*), SUM(m), SUM(m * m) FROM (
		SELECT r.unit_code, r.officer_nip, AVG(a.value * 1.0) AS m
		FROM survey_responses r JOIN survey_answers a ON a.response_id = r.id
		WHERE a.value > 0 AND `+cond+` GROUP BY r.id, r.unit_code, r.officer_nip) s
		GROUP BY unit_code, officer_nip ORDER BY unit_code, officer_nip`, args...)
	if err != nil {
		return nil, fmt.Errorf("survey score stats: %w", err)
	}
	return collect(rows, func(row interface{ Scan(...any) error }) (kinerja.SurveyScoreStats, error) {
		var s kinerja.SurveyScoreStats
		return s, row.Scan(&s.UnitCode, &s.OfficerNIP, &s.N, &s.Sum, &s.SumSq)
	})
}

// SurveyPatterns counts the responses of f by unit and answer pattern.
func (c *conn) SurveyPatterns(ctx context.Context, f kinerja.SurveyFilter, min int) ([]kinerja.SurveyPatternCount, error) {
	cond, args, err := c.surveyWhere(ctx, f)
	if err != nil {
		return nil, err
	}
	rows, err := c.query(ctx, `SELECT r.unit_code, r.pattern, COUNT(*) FROM survey_responses r
		WHERE r.pattern <> '' AND `+cond+` GROUP BY r.unit_code, r.pattern HAVING COUNT(*) >= ?
		ORDER BY COUNT(*) DESC, r.unit_code, r.pattern`, append(args, min)...)
	if err != nil {
		return nil, fmt.Errorf("survey patterns: %w", err)
	}
	return collect(rows, func(row interface{ Scan(...any) error }) (kinerja.SurveyPatternCount, error) {
		var p kinerja.SurveyPatternCount
		return p, row.Scan(&p.UnitCode, &p.Pattern, &p.N)
	})
}
