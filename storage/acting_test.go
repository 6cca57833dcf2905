package storage_test

import (
	"context"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/storage"
)

func init() {
	contract["acting/overlap refused, outsiders refused, listing by day, ending"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedRoster(t, db)
		a := &kinerja.Acting{ForNIP: nipHead, ByNIP: nipOther, Kind: kinerja.ActingPlh, From: "2026-11-02", To: "2026-11-06", CreatedAt: t0}
		if err := db.CreateActing(ctx, a); err != nil || a.ID == 0 {
			t.Fatalf("create: %v (id %d)", err, a.ID)
		}
		over := &kinerja.Acting{ForNIP: nipHead, ByNIP: nipStaff, Kind: kinerja.ActingPlt, From: "2026-11-06", To: "2026-11-30", CreatedAt: t0}
		if err := db.CreateActing(ctx, over); kinerja.ErrorCode(err) != kinerja.EConflict {
			t.Fatalf("overlap: %v, want a conflict", err)
		}
		out := &kinerja.Acting{ForNIP: nipHead, ByNIP: "199999999999999999", Kind: kinerja.ActingPlt, From: "2026-12-01", To: "2026-12-02", CreatedAt: t0}
		if err := db.CreateActing(ctx, out); kinerja.ErrorCode(err) != kinerja.ENotFound {
			t.Fatalf("outsider: %v, want not found", err)
		}
		got, err := kinerja.ActingFor(ctx, db, nipHead, t0, jakarta)
		if err != nil || got == nil || got.ByNIP != nipOther {
			t.Fatalf("acting on %v: %+v %v", t0, got, err)
		}
		if got, _ := kinerja.ActingFor(ctx, db, nipHead, t0.AddDate(0, 0, 5), jakarta); got != nil {
			t.Fatalf("acting after the end: %+v", got)
		}
		if ok, _ := kinerja.Acts(ctx, db, nipOther, nipHead, t0, jakarta); !ok {
			t.Fatal("Acts is false while the assignment holds")
		}
		if _, err := db.EndActing(ctx, a.ID, t0.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if got, _ := kinerja.ActingFor(ctx, db, nipHead, t0, jakarta); got != nil {
			t.Fatalf("an ended assignment still holds: %+v", got)
		}
		if err := db.CreateActing(ctx, over); err != nil {
			t.Fatalf("after ending, a new assignment: %v", err)
		}
	}
	contract["followups/open once, fill, list open"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedRoster(t, db)
		f := &kinerja.FollowUp{NIP: nipStaff, Period: "2026-10", Predikat: kinerja.PredikatKurang, UnitCode: "PKM-01",
			HeadNIP: nipHead, CreatedAt: t0, UpdatedAt: t0}
		if ok, err := db.OpenFollowUp(ctx, f); !ok || err != nil {
			t.Fatalf("open: %v %v", ok, err)
		}
		if ok, err := db.OpenFollowUp(ctx, &kinerja.FollowUp{NIP: nipStaff, Period: "2026-10", Predikat: kinerja.PredikatKurang,
			UnitCode: "PKM-01", CreatedAt: t0, UpdatedAt: t0}); ok || err != nil {
			t.Fatalf("second open: %v %v, want false", ok, err)
		}
		f.Plan, f.Responsible, f.ReviewDay, f.UpdatedAt = "Pendampingan mingguan", "Kepala TU", "2026-12-01", t0
		if err := db.UpdateFollowUp(ctx, f); err != nil {
			t.Fatal(err)
		}
		open, err := db.ListFollowUps(ctx, kinerja.FollowUpFilter{HeadNIP: nipHead, OpenOnly: true})
		if err != nil || len(open) != 1 || !open[0].Filled() || open[0].ReviewDay != "2026-12-01" {
			t.Fatalf("open follow-ups: %+v %v", open, err)
		}
	}
}
