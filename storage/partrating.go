package storage

import (
	"context"
	"fmt"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

const partRatingColumns = `nip, period, assessor_nip, from_day, to_day, working_days, proposed_hasil, hasil, reason,
	rated_by, on_behalf_of, created_at, updated_at`

func scanPartRating(row interface{ Scan(...any) error }) (*kinerja.PartRating, error) {
	var r kinerja.PartRating
	var proposed, hasil int
	var created, updated int64
	if err := row.Scan(&r.NIP, &r.Period, &r.AssessorNIP, &r.From, &r.To, &r.WorkingDays, &proposed, &hasil, &r.Reason,
		&r.RatedBy, &r.OnBehalfOf, &created, &updated); err != nil {
		return nil, err
	}
	r.Proposed, r.Hasil = kinerja.Rating(proposed), kinerja.Rating(hasil)
	r.CreatedAt, r.UpdatedAt = time.UnixMilli(created).UTC(), time.UnixMilli(updated).UTC()
	return &r, nil
}

// PutPartRating inserts or replaces the rating of one part. ON CONFLICT
// DO UPDATE is an upsert in both engines and keeps the first created_at.
func (c *conn) PutPartRating(ctx context.Context, r *kinerja.PartRating) error {
	_, err := c.exec(ctx, `INSERT INTO evaluation_part_ratings (`+partRatingColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (nip, period, assessor_nip, from_day) DO UPDATE SET to_day = excluded.to_day,
			working_days = excluded.working_days, proposed_hasil = excluded.proposed_hasil, hasil = excluded.hasil,
			reason = excluded.reason, rated_by = excluded.rated_by, on_behalf_of = excluded.on_behalf_of,
			updated_at = excluded.updated_at`,
		r.NIP, r.Period, r.AssessorNIP, r.From, r.To, r.WorkingDays, int(r.Proposed), int(r.Hasil), r.Reason,
		r.RatedBy, r.OnBehalfOf, r.CreatedAt.UnixMilli(), r.UpdatedAt.UnixMilli())
	if err != nil {
		return fmt.Errorf("put part rating %s/%s/%s/%s: %w", r.NIP, r.Period, r.AssessorNIP, r.From, err)
	}
	return nil
}

// ListPartRatings returns the matching ratings by period, person and day.
func (c *conn) ListPartRatings(ctx context.Context, f kinerja.PartRatingFilter) ([]*kinerja.PartRating, error) {
	var where []string
	var args []any
	for _, w := range []struct{ col, v string }{{"nip", f.NIP}, {"period", f.Period}, {"assessor_nip", f.AssessorNIP}} {
		if w.v != "" {
			where, args = append(where, w.col+" = ?"), append(args, w.v)
		}
	}
	q := `SELECT ` + partRatingColumns + ` FROM evaluation_part_ratings`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	rows, err := c.query(ctx, q+" ORDER BY period, nip, from_day, assessor_nip", args...)
	if err != nil {
		return nil, fmt.Errorf("list part ratings: %w", err)
	}
	return collect(rows, scanPartRating)
}
