package storage_test

import (
	"context"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/storage"
)

// putTarget stores a target or fails the test.
func putTarget(t *testing.T, db *storage.DB, tg *kinerja.Target) *kinerja.Target {
	t.Helper()
	if _, err := db.PutTarget(context.Background(), tg); err != nil {
		t.Fatal(err)
	}
	return tg
}

func init() {
	contract["targets/upsert by person, period and code; a year applies to its months"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedRoster(t, db)
		month := &kinerja.Target{NIP: nipStaff, Period: "2026-11", Code: "IKI-1", Name: "Pasien dilayani",
			Unit: "pasien", Target: 200, Direction: kinerja.HigherIsBetter}
		if changed, err := db.PutTarget(ctx, month); err != nil || !changed || month.ID == 0 {
			t.Fatalf("insert: changed=%v id=%d err=%v", changed, month.ID, err)
		}
		same := *month
		same.ID = 0
		if changed, err := db.PutTarget(ctx, &same); err != nil || changed || same.ID != month.ID {
			t.Fatalf("re-put unchanged: changed=%v id=%d err=%v", changed, same.ID, err)
		}
		same.Target, same.Weight = 250, 2
		if changed, err := db.PutTarget(ctx, &same); err != nil || !changed {
			t.Fatalf("update: changed=%v err=%v", changed, err)
		}
		got, err := db.Target(ctx, month.ID)
		if err != nil || got.Target != 250 || got.Weight != 2 || got.Direction != kinerja.HigherIsBetter || got.Unit != "pasien" {
			t.Fatalf("Target = %+v, %v", got, err)
		}
		putTarget(t, db, &kinerja.Target{NIP: nipStaff, Period: "2026", Code: "IKI-0", Name: "Waktu layanan",
			Unit: "hari", Target: 3, Direction: kinerja.LowerIsBetter})
		putTarget(t, db, &kinerja.Target{NIP: nipStaff, Period: "2026-10", Code: "IKI-9", Name: "Bulan lalu",
			Unit: "x", Target: 1, Direction: kinerja.HigherIsBetter})
		putTarget(t, db, &kinerja.Target{NIP: nipOther, Period: "2026-11", Code: "IKI-1", Name: "Lain",
			Unit: "x", Target: 1, Direction: kinerja.HigherIsBetter})
		list, err := db.TargetsFor(ctx, nipStaff, kinerja.Period{Kind: kinerja.Monthly, Year: 2026, Index: 11})
		if err != nil {
			t.Fatal(err)
		}
		var codes []string
		for _, tg := range list {
			codes = append(codes, tg.Code+"@"+tg.Period)
		}
		if got, want := len(codes), 2; got != want || codes[0] != "IKI-0@2026" || codes[1] != "IKI-1@2026-11" {
			t.Fatalf("TargetsFor(2026-11) = %v, want IKI-0@2026 and IKI-1@2026-11", codes)
		}
		if _, err := db.Target(ctx, 99999); kinerja.ErrorCode(err) != kinerja.ENotFound {
			t.Fatalf("missing target: %v", err)
		}
	}
}

func init() {
	contract["targets/kinds, quarterly targets and quarter periods round-trip"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedRoster(t, db)
		year := putTarget(t, db, &kinerja.Target{NIP: nipStaff, Period: "2026", Code: "PAS", Name: "Pasien",
			Unit: "pasien", Target: 120, Direction: kinerja.HigherIsBetter, Quarterly: [4]float64{40, 30, 30, 20}})
		band := putTarget(t, db, &kinerja.Target{NIP: nipStaff, Period: "2026-Q1", Code: "ANG", Name: "Serapan",
			Unit: "%", Direction: kinerja.InRange, Aggregation: kinerja.AggLast, TargetMin: 90, TargetMax: 100,
			Cumulative: true})
		for _, want := range []*kinerja.Target{year, band} {
			got, err := db.Target(ctx, want.ID)
			if err != nil || *got != *want {
				t.Fatalf("Target(%d) = %+v, %v; want %+v", want.ID, got, err, want)
			}
		}
		same := *band
		if changed, err := db.PutTarget(ctx, &same); err != nil || changed {
			t.Fatalf("re-put unchanged: changed=%v err=%v", changed, err)
		}
		same.TargetMax = 95
		if changed, err := db.PutTarget(ctx, &same); err != nil || !changed {
			t.Fatalf("band update: changed=%v err=%v", changed, err)
		}
		codes := func(m int) []string {
			list, err := db.TargetsFor(ctx, nipStaff, kinerja.Period{Kind: kinerja.Monthly, Year: 2026, Index: m})
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, tg := range list {
				out = append(out, tg.Code+"@"+tg.Period)
			}
			return out
		}
		if got := codes(3); len(got) != 2 || got[0] != "ANG@2026-Q1" || got[1] != "PAS@2026" {
			t.Errorf("TargetsFor(2026-03) = %v, want the quarter's ANG and the year's PAS", got)
		}
		if got := codes(4); len(got) != 1 || got[0] != "PAS@2026" {
			t.Errorf("TargetsFor(2026-04) = %v, want only the year's PAS", got)
		}
	}
}
