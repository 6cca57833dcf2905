package storage_test

import (
	"context"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/storage"
)

func init() {
	contract["budgets/upsert by unit and month; unchanged figures change nothing; filter by unit and year"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedRoster(t, db)
		if _, err := db.PutUnit(ctx, &kinerja.Unit{Code: "DINKES", Name: "Dinas Kesehatan"}); err != nil {
			t.Fatal(err)
		}
		put := func(b kinerja.Budget) bool {
			t.Helper()
			b.UpdatedAt = t0
			changed, err := db.PutBudget(ctx, &b)
			if err != nil {
				t.Fatal(err)
			}
			return changed
		}
		jan := kinerja.Budget{UnitCode: "PKM-01", Month: "2026-01", Pagu: 1_000_000_000, Realisasi: 50_000_000.5, Source: kinerja.BudgetImported}
		if !put(jan) {
			t.Fatal("first put: not changed")
		}
		if put(jan) {
			t.Fatal("same figures again: changed")
		}
		jan.Realisasi, jan.Source, jan.ReportedBy = 60_000_000, kinerja.BudgetReported, nipHead
		if !put(jan) {
			t.Fatal("new realisasi: not changed")
		}
		put(kinerja.Budget{UnitCode: "PKM-01", Month: "2026-02", Pagu: 1_000_000_000, Realisasi: 70_000_000})
		put(kinerja.Budget{UnitCode: "PKM-01", Month: "2025-12", Pagu: 900_000_000, Realisasi: 1})
		put(kinerja.Budget{UnitCode: "DINKES", Month: "2026-01", Pagu: 5, Realisasi: 1})

		got, err := db.Budgets(ctx, kinerja.BudgetFilter{UnitCode: "PKM-01", Year: 2026})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0].Month != "2026-01" || got[1].Month != "2026-02" {
			t.Fatalf("Budgets(PKM-01, 2026) = %v", got)
		}
		if g := got[0]; g.Realisasi != 60_000_000 || g.Pagu != 1_000_000_000 || g.Source != kinerja.BudgetReported ||
			g.ReportedBy != nipHead || !g.UpdatedAt.Equal(t0) {
			t.Fatalf("January = %+v", g)
		}
		all, err := db.Budgets(ctx, kinerja.BudgetFilter{Year: 2026})
		if err != nil || len(all) != 3 || all[0].UnitCode != "DINKES" {
			t.Fatalf("Budgets(2026) = %v, %v", all, err)
		}
		every, err := db.Budgets(ctx, kinerja.BudgetFilter{})
		if err != nil || len(every) != 4 {
			t.Fatalf("Budgets() = %v, %v", every, err)
		}
		// A unit that does not exist is refused by the database.
		if _, err := db.PutBudget(ctx, &kinerja.Budget{UnitCode: "NOPE", Month: "2026-01", Pagu: 1, UpdatedAt: t0}); err == nil {
			t.Fatal("unknown unit accepted")
		}
	}
}
