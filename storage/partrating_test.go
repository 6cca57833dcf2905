package storage_test

import (
	"context"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/storage"
)

func init() {
	contract["part ratings/upsert keeps created_at, list filters"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedRoster(t, db)
		r := &kinerja.PartRating{NIP: nipStaff, Period: "2026-10", AssessorNIP: nipHead, From: "2026-10-01", To: "2026-10-15",
			WorkingDays: 10, Proposed: kinerja.RatingAbove, Hasil: kinerja.RatingAbove, RatedBy: nipHead,
			CreatedAt: t0, UpdatedAt: t0}
		if err := db.PutPartRating(ctx, r); err != nil {
			t.Fatal(err)
		}
		changed := *r
		changed.Hasil, changed.Reason, changed.RatedBy, changed.OnBehalfOf = kinerja.RatingMeets, "alasan yang cukup panjang", nipOther, nipHead
		changed.CreatedAt, changed.UpdatedAt = t0.Add(time.Hour), t0.Add(time.Hour)
		if err := db.PutPartRating(ctx, &changed); err != nil {
			t.Fatal(err)
		}
		other := *r
		other.Period = "2026-11"
		if err := db.PutPartRating(ctx, &other); err != nil {
			t.Fatal(err)
		}
		got, err := db.ListPartRatings(ctx, kinerja.PartRatingFilter{NIP: nipStaff, Period: "2026-10"})
		if err != nil || len(got) != 1 {
			t.Fatalf("list: %+v %v", got, err)
		}
		g := got[0]
		if g.Hasil != kinerja.RatingMeets || g.Proposed != kinerja.RatingAbove || g.Reason != changed.Reason ||
			g.RatedBy != nipOther || g.OnBehalfOf != nipHead || g.WorkingDays != 10 || g.To != "2026-10-15" ||
			!g.CreatedAt.Equal(t0) || !g.UpdatedAt.Equal(t0.Add(time.Hour)) {
			t.Fatalf("read back %+v", g)
		}
		if got, err := db.ListPartRatings(ctx, kinerja.PartRatingFilter{AssessorNIP: nipHead}); err != nil || len(got) != 2 ||
			got[0].Period != "2026-10" {
			t.Fatalf("by assessor: %+v %v", got, err)
		}
		if got, err := db.ListPartRatings(ctx, kinerja.PartRatingFilter{AssessorNIP: nipOther}); err != nil || len(got) != 0 {
			t.Fatalf("other assessor: %+v %v", got, err)
		}
	}
	contract["staff/superior spans during a period"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedRoster(t, db) // at t0, both under nipHead
		s, err := db.Staff(ctx, nipStaff)
		if err != nil {
			t.Fatal(err)
		}
		move := t0.Add(10 * 24 * time.Hour)
		s.SuperiorNIP = nipOther
		if _, err := db.MoveStaff(ctx, s, move, move); err != nil {
			t.Fatal(err)
		}
		spans, err := db.SuperiorSpansDuring(ctx, t0.Add(24*time.Hour), t0.Add(20*24*time.Hour), nipHead)
		if err != nil {
			t.Fatal(err)
		}
		if len(spans) != 2 || spans[0].NIP != nipStaff || spans[1].NIP != nipOther || !spans[0].To.Equal(move) {
			t.Fatalf("under the head: %+v", spans)
		}
		after, err := db.SuperiorSpansDuring(ctx, move.Add(time.Hour), move.Add(2*time.Hour), nipHead)
		if err != nil || len(after) != 1 || after[0].NIP != nipOther {
			t.Fatalf("after the move, under the head: %+v %v", after, err)
		}
		all, err := db.SuperiorSpansDuring(ctx, move.Add(-time.Hour), move.Add(time.Hour))
		if err != nil || len(all) != 4 { // head's own, Sari's, Budi's two
			t.Fatalf("anyone's around the move: %+v %v", all, err)
		}
	}
}
