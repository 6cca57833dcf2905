package importer_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/importer"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
)

func TestParseRupiah(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"1250000000", 1250000000, true},
		{"1.250.000.000", 1250000000, true},
		{"1,250,000,000", 1250000000, true},
		{"1.250.000,50", 1250000.5, true},
		{"1,250,000.50", 1250000.5, true},
		{"1.000", 1000, true},
		{"1,000", 1000, true},
		{"12,5", 12.5, true},
		{"0", 0, true},
		{"Rp 1.000.000", 1000000, true},
		{"Rp. 2.500", 2500, true},
		{"1.000.5", 0, false},
		{"1.000,000", 0, false},
		{"12.34.567", 0, false},
		{"-5", 0, false},
		{"satu juta", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		got, ok := importer.ParseRupiah(tt.in)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("ParseRupiah(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestBudgetExampleImportsTwiceWithAudit(t *testing.T) {
	db := openWithRoster(t)
	ctx := context.Background()
	tab := readTable(t, "../configs/budget.example.csv")
	sum, probs, err := importer.ImportBudgets(ctx, db, tab, first, false)
	if err != nil || len(probs) > 0 {
		t.Fatalf("example: %v %v", probs, err)
	}
	if sum.Added != 3 || sum.Updated+sum.Unchanged+sum.Skipped != 0 {
		t.Fatalf("first import %+v", sum)
	}
	got, err := db.Budgets(ctx, kinerja.BudgetFilter{UnitCode: "PKM-TGR", Year: 2026})
	if err != nil || len(got) != 3 || got[1].Realisasi != 85_500_000 || got[0].Pagu != 1_200_000_000 ||
		got[0].Source != kinerja.BudgetImported || !got[0].UpdatedAt.Equal(first) {
		t.Fatalf("stored = %v, %v", got, err)
	}
	again, probs, err := importer.ImportBudgets(ctx, db, tab, later, false)
	if err != nil || len(probs) > 0 || again.Unchanged != 3 || again.Added+again.Updated != 0 {
		t.Fatalf("second import %+v %v %v", again, probs, err)
	}
	entries, err := db.AuditEntries(ctx, 0, 100)
	var budgetEntries int
	for _, e := range entries {
		if e.Entity == "budget" && e.Action == "budget.create" {
			budgetEntries++
		}
	}
	if err != nil || budgetEntries != 3 {
		t.Fatalf("audit: %d budget entries, %v", budgetEntries, err)
	}
	if v, err := kinerja.VerifyAudit(ctx, db); err != nil || !v.OK() {
		t.Fatalf("audit chain: %+v %v", v, err)
	}
	if !strings.Contains(sum.Text(kinerja.LangID), "3 bulan baru") {
		t.Errorf("summary: %s", sum.Text(kinerja.LangID))
	}
}

func TestBudgetBadRowsAreAllListedAndNothingWritten(t *testing.T) {
	db := openWithRoster(t)
	ctx := context.Background()
	tab := csvTable(t, "Kode Unit,Periode,Pagu,Realisasi\n"+
		"PKM-TGR,2026-01,1000000,50000\n"+ // row 2: good
		"NOPE,2026-01,1000000,50000\n"+ // 3: unknown unit
		"PKM-TGR,2026-13,1000000,50000\n"+ // 4: no such month
		"PKM-TGR,2026,1000000,50000\n"+ // 5: a year is not a month
		"PKM-TGR,2026-02,0,50000\n"+ // 6: pagu zero
		"PKM-TGR,2026-03,1000000,-5\n"+ // 7: negative
		"PKM-TGR,2026-04,1.2E+09,5\n"+ // 8: scientific
		"PKM-TGR,2026-01,1000000,1\n"+ // 9: duplicate of row 2
		"PKM-TGR,2026-05,,1\n"+ // 10: empty pagu
		"pkm-tgr,2026-06,1000,2000\n") // 11: good (code case folded), with a warning
	sum, probs, err := importer.ImportBudgets(ctx, db, tab, first, false)
	if err != nil {
		t.Fatal(err)
	}
	wantKeys := map[int]string{3: "budget.unit_unknown", 4: "budget.month_invalid", 5: "budget.month_invalid",
		6: "budget.pagu_zero", 7: "budget.amount_invalid", 8: "budget.scientific", 9: "budget.duplicate", 10: "roster.required"}
	if len(probs) != len(wantKeys) {
		t.Fatalf("problems = %v", probs)
	}
	for _, p := range probs {
		if wantKeys[p.Row] != p.Key {
			t.Errorf("row %d: %s, want %s", p.Row, p.Key, wantKeys[p.Row])
		}
		if txt := p.Text(kinerja.LangID); !strings.HasPrefix(txt, "Baris ") {
			t.Errorf("row %d text %q", p.Row, txt)
		}
	}
	if got, _ := db.Budgets(ctx, kinerja.BudgetFilter{}); len(got) != 0 || sum.Skipped != 10 {
		t.Fatalf("written without --skip-invalid: %v (summary %+v)", got, sum)
	}
	sum, _, err = importer.ImportBudgets(ctx, db, tab, first, true)
	if err != nil || sum.Added != 2 || sum.Skipped != 8 || len(sum.Warnings) != 1 || sum.Warnings[0].Row != 11 {
		t.Fatalf("--skip-invalid: %+v %v", sum, err)
	}
	if !strings.Contains(sum.Text(kinerja.LangEN), "exceeds the pagu") {
		t.Errorf("warning not shown: %s", sum.Text(kinerja.LangEN))
	}
}

// TestBudgetFromXLSX: amounts stored as Excel numbers (as a finance office
// keeps them) import as they read.
func TestBudgetFromXLSX(t *testing.T) {
	db := openWithRoster(t)
	var buf bytes.Buffer
	if err := sheet.WriteXLSX(&buf, []sheet.Sheet{{Name: "Anggaran", Header: []string{"Kode Unit", "Periode", "Pagu", "Realisasi"},
		Rows: [][]string{{"PKM-TGR", "2026-01", "1200000000", "60000000.5"}, {"DUKCAPIL", "2026-01", "850000000", "0"}}}}); err != nil {
		t.Fatal(err)
	}
	tab, err := sheet.ReadFrom(&buf, ".xlsx")
	if err != nil {
		t.Fatal(err)
	}
	sum, probs, err := importer.ImportBudgets(context.Background(), db, tab, first, false)
	if err != nil || len(probs) > 0 || sum.Added != 2 {
		t.Fatalf("xlsx: %+v %v %v (cells %v)", sum, probs, err, tab.Rows)
	}
	got, _ := db.Budgets(context.Background(), kinerja.BudgetFilter{UnitCode: "PKM-TGR"})
	if len(got) != 1 || got[0].Pagu != 1.2e9 || got[0].Realisasi != 60000000.5 {
		t.Fatalf("stored %+v", got)
	}
}
