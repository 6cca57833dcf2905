package storage_test

import (
	"context"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/storage"
)

func init() {
	contract["followups/once per person and period, filled, filtered, closed"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedRoster(t, db)
		f := &kinerja.FollowUp{NIP: nipStaff, Period: "2026-10", Predikat: kinerja.PredikatKurang, UnitCode: "PKM-01",
			HeadNIP: nipHead, CreatedAt: t0, UpdatedAt: t0}
		if ok, err := db.OpenFollowUp(ctx, f); !ok || err != nil || f.ID == 0 {
			t.Fatalf("open: %v %v (id %d)", ok, err, f.ID)
		}
		again := *f
		again.ID = 0
		if ok, err := db.OpenFollowUp(ctx, &again); ok || err != nil {
			t.Fatalf("second open of the same period: %v %v", ok, err)
		}
		f.Plan, f.Responsible, f.ReviewDay, f.UpdatedAt = "Pendampingan mingguan", "dr. Rina", "2026-11-24", t0.Add(time.Hour)
		if err := db.UpdateFollowUp(ctx, f); err != nil {
			t.Fatal(err)
		}
		got, err := db.FollowUp(ctx, f.ID)
		if err != nil || !got.Filled() || got.Predikat != kinerja.PredikatKurang || got.Closed || !got.UpdatedAt.Equal(t0.Add(time.Hour)) {
			t.Fatalf("read back %+v %v", got, err)
		}
		if list, err := db.ListFollowUps(ctx, kinerja.FollowUpFilter{HeadNIP: nipOther}); err != nil || len(list) != 0 {
			t.Fatalf("other head: %+v %v", list, err)
		}
		f.Closed = true
		if err := db.UpdateFollowUp(ctx, f); err != nil {
			t.Fatal(err)
		}
		if list, err := db.ListFollowUps(ctx, kinerja.FollowUpFilter{HeadNIP: nipHead, OpenOnly: true}); err != nil || len(list) != 0 {
			t.Fatalf("open after closing: %+v %v", list, err)
		}
		if list, err := db.ListFollowUps(ctx, kinerja.FollowUpFilter{HeadNIP: nipHead}); err != nil || len(list) != 1 || !list[0].Closed {
			t.Fatalf("all: %+v %v", list, err)
		}
		if _, err := db.FollowUp(ctx, f.ID+100); kinerja.ErrorCode(err) != kinerja.ENotFound {
			t.Fatalf("missing: %v", err)
		}
	}
}
