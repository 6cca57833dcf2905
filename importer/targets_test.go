package importer_test

import (
	"context"
	"strings"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/importer"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
	"github.com/bkpsdm-solok/kinerjabot/storage"
	"github.com/bkpsdm-solok/kinerjabot/storage/storagetest"
)

func csvTable(t *testing.T, body string) *sheet.Table {
	t.Helper()
	tab, err := sheet.ReadFrom(strings.NewReader(body), ".csv")
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

func TestTargetsExampleImportsTwiceWithAudit(t *testing.T) {
	db := openWithRoster(t)
	ctx := context.Background()
	tab := readTable(t, "../configs/targets.example.csv")
	sum, probs, err := importer.ImportTargets(ctx, db, tab, first, false)
	if err != nil || len(probs) > 0 {
		t.Fatalf("example: %v %v", probs, err)
	}
	if want := (importer.TargetSummary{Added: 11}); sum.Counts() != want.Counts() {
		t.Fatalf("first import %+v, want %+v", sum, want)
	}
	list, err := db.TargetsFor(ctx, "199206152017121002", kinerja.Period{Kind: kinerja.Monthly, Year: 2026, Index: 11})
	if err != nil || len(list) != 2 {
		t.Fatalf("targets of Rizky = %v %v", list, err)
	}
	if list[0].Code != "PTSP-01" || list[0].Target != 60 || list[0].Weight != 62.5 || list[0].Direction != kinerja.HigherIsBetter ||
		list[1].Period != "2026" || list[1].Direction != kinerja.LowerIsBetter {
		t.Fatalf("stored targets = %+v %+v", list[0], list[1])
	}
	sum, _, _ = importer.ImportTargets(ctx, db, tab, later, false)
	if want := (importer.TargetSummary{Unchanged: 11}); sum.Counts() != want.Counts() {
		t.Fatalf("second import %+v, want %+v", sum, want)
	}
	changed := csvTable(t, "NIP,Periode,Kode Indikator,Indikator,Satuan,Target,Arah\n"+
		"199206152017121002,2026-11,PTSP-01,Permohonan izin usaha yang diverifikasi,berkas,80,naik\n")
	sum, _, _ = importer.ImportTargets(ctx, db, changed, later, false)
	if want := (importer.TargetSummary{Updated: 1}); sum.Counts() != want.Counts() {
		t.Fatalf("changed import %+v, want %+v", sum, want)
	}
	entries, _ := db.AuditEntries(ctx, 0, 100)
	if len(entries) != 12 || entries[11].Action != "target.update" || !strings.Contains(entries[11].Before, `"target":60`) ||
		!strings.Contains(entries[11].After, `"target":80`) {
		t.Fatalf("audit of target changes: %d entries, last %+v", len(entries), entries[len(entries)-1])
	}
	if v, err := kinerja.VerifyAudit(ctx, db); err != nil || !v.OK() {
		t.Fatalf("audit chain: %+v %v", v, err)
	}
}

func TestTargetsBadRowsAreAllListedAndNothingWritten(t *testing.T) {
	db := openWithRoster(t)
	ctx := context.Background()
	tab := csvTable(t, "NIP;Periode;Kode Indikator;Indikator;Satuan;Target;Arah;Bobot\n"+
		"198807192011012003;2026-11;A;Pasien;pasien;250;naik;\n"+ // row 2: good
		"123;2026-11;B;X;x;1;naik;\n"+ // 3: bad NIP
		"199999999999999999;2026-11;C;X;x;1;naik;\n"+ // 4: not on the roster
		"198807192011012003;2026-Q5;D;X;x;1;naik;\n"+ // 5: a quarter that does not exist
		"198807192011012003;01/11/2026;E;X;x;1;naik;\n"+ // 6: a date
		"198807192011012003;2026-11;F;X;x;-5;naik;\n"+ // 7: negative target
		"198807192011012003;2026-11;G;X;x;1.000;naik;\n"+ // 8: ambiguous
		"198807192011012003;2026-11;H;X;x;1;naik-turun;\n"+ // 9: direction
		"198807192011012003;2026-11;I;X;x;1;turun;berat\n"+ // 10: weight
		"198807192011012003;2026-11;a;X;x;1;naik;\n"+ // 11: duplicate of row 2 (case-insensitive)
		"198807192011012003;2026-11;J;;x;1;naik;\n"+ // 12: no indicator name
		"198807192011012003;2026;K;Keluhan;kasus;2,5;TURUN;0\n") // 13: good, comma decimal
	_, probs, err := importer.ImportTargets(ctx, db, tab, first, false)
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]string{3: "targets", 4: "targets.nip_unknown", 5: "targets.period_invalid", 6: "targets.period_invalid",
		7: "targets.target_invalid", 8: "targets.target_invalid", 9: "targets.direction_invalid",
		10: "targets.weight_invalid", 11: "targets.duplicate", 12: "roster.required"}
	got := map[int]string{}
	for _, p := range probs {
		got[p.Row] = p.Key
		if p.Text(kinerja.LangID) == p.Key {
			t.Errorf("row %d: no text for %s", p.Row, p.Key)
		}
	}
	want[3] = "roster.nip_invalid"
	for row, key := range want {
		if got[row] != key {
			t.Errorf("row %d: problem %q, want %q", row, got[row], key)
		}
	}
	if len(got) != len(want) {
		t.Errorf("problems in rows %v, want exactly %v", got, want)
	}
	if list, _ := db.TargetsFor(ctx, "198807192011012003", kinerja.Period{Kind: kinerja.Monthly, Year: 2026, Index: 11}); len(list) != 0 {
		t.Fatalf("targets written despite problems: %v", list)
	}
	sum, _, err := importer.ImportTargets(ctx, db, tab, first, true)
	if err != nil || sum.Counts() != (importer.TargetSummary{Added: 2, Skipped: 10}).Counts() {
		t.Fatalf("--skip-invalid: %+v %v", sum, err)
	}
	list, _ := db.TargetsFor(ctx, "198807192011012003", kinerja.Period{Kind: kinerja.Monthly, Year: 2026, Index: 11})
	if len(list) != 2 || list[1].Target != 2.5 || list[1].Direction != kinerja.LowerIsBetter {
		t.Fatalf("good rows = %+v", list)
	}
	t.Run("missing columns are reported before any row", func(t *testing.T) {
		_, probs, _ := importer.ImportTargets(ctx, db, csvTable(t, "NIP,Periode,Indikator\n1,2,3\n"), first, false)
		if len(probs) != 4 {
			t.Fatalf("problems = %v", probs)
		}
		for _, p := range probs {
			if p.Key != "sheet.missing_column" {
				t.Fatalf("problem %v, want only missing columns", p)
			}
		}
	})
}

// openWithRoster opens a database holding the example roster.
func openWithRoster(t *testing.T) *storage.DB {
	t.Helper()
	db := storagetest.MustOpenDB(t)
	importFile(t, db, readTable(t, "../configs/roster.example.csv"), first)
	return db
}
