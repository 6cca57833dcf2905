package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

const evaluationColumns = `nip, period, assessor_nip, unit_code, approved_reports, hasil_basis, capaian_pct,
	proposed_hasil, decided_hasil, hasil_reason, behaviour, proposed_perilaku, decided_perilaku, perilaku_reason,
	predikat, status, revised_hasil, revised_perilaku, revised_by, revision_reason, revised_at,
	created_at, updated_at, decided_at, notified_at, version, parts`

func scanEvaluation(row interface{ Scan(...any) error }) (*kinerja.Evaluation, error) {
	var e kinerja.Evaluation
	var basis, behaviour, predikat, status string
	var ph, dh, pp, dp, rh, rp int
	var revised, decided, notified sql.NullInt64
	var created, updated int64
	var parts string
	if err := row.Scan(&e.NIP, &e.Period, &e.AssessorNIP, &e.UnitCode, &e.ApprovedReports, &basis, &e.CapaianPct,
		&ph, &dh, &e.HasilReason, &behaviour, &pp, &dp, &e.PerilakuReason,
		&predikat, &status, &rh, &rp, &e.RevisedBy, &e.RevisionReason, &revised,
		&created, &updated, &decided, &notified, &e.Version, &parts); err != nil {
		return nil, err
	}
	e.HasilBasis, e.Predikat, e.Status = kinerja.HasilBasis(basis), kinerja.Predikat(predikat), kinerja.EvalStatus(status)
	e.ProposedHasil, e.DecidedHasil = kinerja.Rating(ph), kinerja.Rating(dh)
	e.ProposedPerilaku, e.DecidedPerilaku = kinerja.Rating(pp), kinerja.Rating(dp)
	e.RevisedHasil, e.RevisedPerilaku = kinerja.Rating(rh), kinerja.Rating(rp)
	e.Behaviour = kinerja.DecodeBehaviour(behaviour)
	if parts != "" {
		if err := json.Unmarshal([]byte(parts), &e.Parts); err != nil {
			return nil, fmt.Errorf("evaluation %s/%s parts: %w", e.NIP, e.Period, err)
		}
	}
	e.RevisedAt, e.DecidedAt, e.NotifiedAt = fromMS(revised), fromMS(decided), fromMS(notified)
	e.CreatedAt, e.UpdatedAt = time.UnixMilli(created).UTC(), time.UnixMilli(updated).UTC()
	return &e, nil
}

// Evaluation returns one person's evaluation of a period with its indicators.
func (c *conn) Evaluation(ctx context.Context, nip, period string) (*kinerja.Evaluation, error) {
	e, err := scanEvaluation(c.queryRow(ctx, `SELECT `+evaluationColumns+` FROM evaluations
		WHERE nip = ? AND period = ?`, nip, period))
	if err != nil {
		return nil, notFound(err, "err.eval_not_found", nip, period)
	}
	if err := c.loadIndicators(ctx, []*kinerja.Evaluation{e}); err != nil {
		return nil, err
	}
	return e, nil
}

// PutEvaluation inserts a new evaluation or updates one whose version is
// unchanged since it was read. The insert uses ON CONFLICT DO NOTHING so
// that a lost race is an EConflict without spoiling a PostgreSQL
// transaction.
func (c *conn) PutEvaluation(ctx context.Context, e *kinerja.Evaluation) error {
	args := []any{e.AssessorNIP, e.UnitCode, e.ApprovedReports, string(e.HasilBasis), e.CapaianPct,
		int(e.ProposedHasil), int(e.DecidedHasil), e.HasilReason, kinerja.EncodeBehaviour(e.Behaviour),
		int(e.ProposedPerilaku), int(e.DecidedPerilaku), e.PerilakuReason, string(e.Predikat), string(e.Status),
		int(e.RevisedHasil), int(e.RevisedPerilaku), e.RevisedBy, e.RevisionReason, ms(e.RevisedAt),
		e.UpdatedAt.UnixMilli(), ms(e.DecidedAt), ms(e.NotifiedAt), encodeParts(e.Parts)}
	var res sql.Result
	var err error
	if e.Version == 0 {
		res, err = c.exec(ctx, `INSERT INTO evaluations (assessor_nip, unit_code, approved_reports, hasil_basis, capaian_pct,
			proposed_hasil, decided_hasil, hasil_reason, behaviour, proposed_perilaku, decided_perilaku, perilaku_reason,
			predikat, status, revised_hasil, revised_perilaku, revised_by, revision_reason, revised_at,
			updated_at, decided_at, notified_at, parts, nip, period, created_at, version)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
			ON CONFLICT (nip, period) DO NOTHING`,
			append(args, e.NIP, e.Period, e.CreatedAt.UnixMilli())...)
	} else {
		res, err = c.exec(ctx, `UPDATE evaluations SET assessor_nip = ?, unit_code = ?, approved_reports = ?,
			hasil_basis = ?, capaian_pct = ?, proposed_hasil = ?, decided_hasil = ?, hasil_reason = ?, behaviour = ?,
			proposed_perilaku = ?, decided_perilaku = ?, perilaku_reason = ?, predikat = ?, status = ?,
			revised_hasil = ?, revised_perilaku = ?, revised_by = ?, revision_reason = ?, revised_at = ?,
			updated_at = ?, decided_at = ?, notified_at = ?, parts = ?, version = version + 1
			WHERE nip = ? AND period = ? AND version = ?`,
			append(args, e.NIP, e.Period, e.Version)...)
	}
	if err != nil {
		return fmt.Errorf("put evaluation %s/%s: %w", e.NIP, e.Period, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return kinerja.Errorf(kinerja.EConflict, "err.eval_changed")
	}
	e.Version++
	return c.putIndicators(ctx, e)
}

// encodeParts is the JSON of an evaluation's assessor parts, "" for none.
func encodeParts(parts []kinerja.EvalPart) string {
	if len(parts) == 0 {
		return ""
	}
	b, err := json.Marshal(parts)
	if err != nil {
		return "" // plain values only: cannot fail
	}
	return string(b)
}

// putIndicators replaces an evaluation's indicator snapshot.
func (c *conn) putIndicators(ctx context.Context, e *kinerja.Evaluation) error {
	if _, err := c.exec(ctx, `DELETE FROM evaluation_indicators WHERE nip = ? AND period = ?`, e.NIP, e.Period); err != nil {
		return fmt.Errorf("clear indicators %s/%s: %w", e.NIP, e.Period, err)
	}
	for i, in := range e.Indicators {
		_, err := c.exec(ctx, `INSERT INTO evaluation_indicators (nip, period, pos, code, name, unit, direction,
			weight, target, realisasi, capaian, source, target_period, aggregation, target_min, target_max,
			target_basis, capaian_raw, cap) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			e.NIP, e.Period, i, in.Code, in.Name, in.Unit, string(in.Direction), in.Weight, in.Target,
			in.Realisasi, in.Capaian, in.Source, in.TargetPeriod, string(in.Aggregation), in.TargetMin,
			in.TargetMax, in.TargetBasis, in.CapaianRaw, in.Cap)
		if err != nil {
			return fmt.Errorf("insert indicator %s of %s/%s: %w", in.Code, e.NIP, e.Period, err)
		}
	}
	return nil
}

// ListEvaluations returns the matching evaluations with their indicators.
func (c *conn) ListEvaluations(ctx context.Context, f kinerja.EvaluationFilter) ([]*kinerja.Evaluation, error) {
	var where []string
	var args []any
	for col, v := range map[string]string{"period": f.Period, "nip": f.NIP, "assessor_nip": f.AssessorNIP,
		"unit_code": f.UnitCode, "status": string(f.Status)} {
		if v != "" {
			where = append(where, col+" = ?")
			args = append(args, v)
		}
	}
	q := `SELECT ` + evaluationColumns + ` FROM evaluations`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	rows, err := c.query(ctx, q+` ORDER BY period, unit_code, nip`, args...)
	if err != nil {
		return nil, fmt.Errorf("list evaluations: %w", err)
	}
	defer rows.Close()
	var out []*kinerja.Evaluation
	for rows.Next() {
		e, err := scanEvaluation(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, c.loadIndicators(ctx, out)
}

// loadIndicators fills the indicator snapshots of evaluations, one query
// per evaluation period (evaluations listed together share one).
func (c *conn) loadIndicators(ctx context.Context, evs []*kinerja.Evaluation) error {
	byKey := map[[2]string]*kinerja.Evaluation{}
	periods := map[string]bool{}
	for _, e := range evs {
		byKey[[2]string{e.NIP, e.Period}] = e
		periods[e.Period] = true
		e.Indicators = nil
	}
	for p := range periods {
		rows, err := c.query(ctx, `SELECT nip, code, name, unit, direction, weight, target, realisasi, capaian, source,
			target_period, aggregation, target_min, target_max, target_basis, capaian_raw, cap
			FROM evaluation_indicators WHERE period = ? ORDER BY nip, pos`, p)
		if err != nil {
			return fmt.Errorf("load indicators: %w", err)
		}
		for rows.Next() {
			var nip, dir, agg string
			var in kinerja.IndicatorResult
			if err := rows.Scan(&nip, &in.Code, &in.Name, &in.Unit, &dir, &in.Weight, &in.Target,
				&in.Realisasi, &in.Capaian, &in.Source, &in.TargetPeriod, &agg, &in.TargetMin, &in.TargetMax,
				&in.TargetBasis, &in.CapaianRaw, &in.Cap); err != nil {
				rows.Close()
				return err
			}
			in.Direction, in.Aggregation = kinerja.Direction(dir), kinerja.Aggregation(agg)
			if e := byKey[[2]string{nip, p}]; e != nil {
				e.Indicators = append(e.Indicators, in)
			}
		}
		if err := rows.Close(); err != nil {
			return err
		}
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

// PutUnitPredicate sets a unit's predicate for a period.
func (c *conn) PutUnitPredicate(ctx context.Context, up *kinerja.UnitPredicate) error {
	_, err := c.exec(ctx, `INSERT INTO unit_predicates (unit_code, period, predikat, set_by, set_at)
		VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (unit_code, period) DO UPDATE SET predikat = excluded.predikat,
			set_by = excluded.set_by, set_at = excluded.set_at`,
		up.UnitCode, up.Period, string(up.Predikat), up.SetBy, up.SetAt.UnixMilli())
	if err != nil {
		return fmt.Errorf("put unit predicate %s/%s: %w", up.UnitCode, up.Period, err)
	}
	return nil
}

// UnitPredicate returns a unit's predicate for a period.
func (c *conn) UnitPredicate(ctx context.Context, unitCode, period string) (*kinerja.UnitPredicate, error) {
	var up kinerja.UnitPredicate
	var pred string
	var at int64
	err := c.queryRow(ctx, `SELECT unit_code, period, predikat, set_by, set_at FROM unit_predicates
		WHERE unit_code = ? AND period = ?`, unitCode, period).Scan(&up.UnitCode, &up.Period, &pred, &up.SetBy, &at)
	if err != nil {
		return nil, notFound(err, "err.unit_predicate_not_found", unitCode, period)
	}
	up.Predikat, up.SetAt = kinerja.OrgPredikat(pred), time.UnixMilli(at).UTC()
	return &up, nil
}
