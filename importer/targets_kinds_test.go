package importer_test

import (
	"context"
	"strings"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/importer"
)

// TestTargetKindsAreReadWithTheirDefaults imports quarters, quarterly
// targets, aggregations, a band and the cumulative flag, and an old-style
// row that gets the defaults.
func TestTargetKindsAreReadWithTheirDefaults(t *testing.T) {
	db := openWithRoster(t)
	ctx := context.Background()
	nip := "198807192011012003"
	tab := csvTable(t, "NIP;Periode;Kode Indikator;Indikator;Satuan;Target;Arah;Agregasi;Target Min;Target Maks;Target TW1;Target TW2;Target TW3;Target TW4;Kumulatif\n"+
		nip+";2026;PAS;Pasien;pasien;120;naik;;;;40;30;30;20;\n"+
		nip+";2026;RUJ;Waktu rujukan;hari;2;turun;rata-rata;;;;;;;\n"+
		nip+";2026-q1;ANG;Serapan;persen;;rentang;terakhir;90;100;;;;;ya\n"+
		nip+";2026-03;OLD;Lama;x;5;naik;;;;;;;;\n")
	sum, probs, err := importer.ImportTargets(ctx, db, tab, first, false)
	if err != nil || len(probs) > 0 || sum.Added != 4 || len(sum.Warnings) != 0 {
		t.Fatalf("import: %+v %v %v", sum, probs, err)
	}
	list, err := db.TargetsFor(ctx, nip, kinerja.Period{Kind: kinerja.Monthly, Year: 2026, Index: 3})
	if err != nil || len(list) != 4 {
		t.Fatalf("TargetsFor(2026-03) = %v %v", list, err)
	}
	by := map[string]*kinerja.Target{}
	for _, tg := range list {
		by[tg.Code] = tg
	}
	if g := by["PAS"]; g.Quarterly != [4]float64{40, 30, 30, 20} || g.Aggregation.Or() != kinerja.AggSum {
		t.Errorf("PAS = %+v", g)
	}
	if g := by["RUJ"]; g.Aggregation != kinerja.AggMean || g.Direction != kinerja.LowerIsBetter {
		t.Errorf("RUJ = %+v", g)
	}
	if g := by["ANG"]; g.Period != "2026-Q1" || g.Direction != kinerja.InRange || g.Aggregation != kinerja.AggLast ||
		g.TargetMin != 90 || g.TargetMax != 100 || g.Target != 100 || !g.Cumulative {
		t.Errorf("ANG = %+v", g)
	}
	if g := by["OLD"]; g.Aggregation != "" || g.HasQuarterly() || g.Cumulative || g.TargetMin != 0 {
		t.Errorf("OLD = %+v, want the defaults", g)
	}
}

// TestTargetKindProblemsAreRowLevelAndInIndonesian checks every new kind of
// bad input: each is a row-level problem with an Indonesian text, nothing
// is written, and a count's quarters that do not add up only warn.
func TestTargetKindProblemsAreRowLevelAndInIndonesian(t *testing.T) {
	db := openWithRoster(t)
	ctx := context.Background()
	nip := "198807192011012003"
	tab := csvTable(t, "NIP;Periode;Kode Indikator;Indikator;Satuan;Target;Arah;Agregasi;Target Min;Target Maks;Target TW1;Target TW2;Target TW3;Target TW4;Kumulatif\n"+
		nip+";2026;A;X;x;120;naik;;;;40;40;40;40;\n"+ // 2: TW add up to 160: a warning only
		nip+";2026;B;X;x;1;naik;median;;;;;;;\n"+ // 3: unknown aggregation
		nip+";2026;C;X;x;1;miring;;;;;;;;\n"+ // 4: unknown direction
		nip+";2026;D;X;%;;rentang;terakhir;100;90;;;;;\n"+ // 5: min above max
		nip+";2026-Q5;E;X;x;1;naik;;;;;;;;\n"+ // 6: a quarter that does not exist
		nip+";2026-11;F;X;x;1;naik;;;;1;1;1;1;\n"+ // 7: TW on a month
		nip+";2026;G;X;x;4;naik;;;;1;1;;;\n"+ // 8: two of four TW
		nip+";2026;H;X;%;;rentang;;;;;;;;\n"+ // 9: band without bounds
		nip+";2026;I;X;x;3;naik;;1;5;;;;;\n"+ // 10: band on naik
		nip+";2026;J;X;x;3;naik;;;;;;;;mungkin\n") // 11: cumulative neither ya nor tidak
	sum, probs, err := importer.ImportTargets(ctx, db, tab, first, false)
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]string{3: "targets.aggregation_invalid", 4: "targets.direction_invalid", 5: "targets.range_reversed",
		6: "targets.period_invalid", 7: "targets.tw_not_yearly", 8: "targets.tw_incomplete", 9: "targets.range_missing",
		10: "targets.range_not_rentang", 11: "targets.cumulative_invalid"}
	got := map[int]string{}
	for _, p := range probs {
		got[p.Row] = p.Key
		if txt := p.Text(kinerja.LangID); !strings.HasPrefix(txt, "Baris ") || txt == p.Key {
			t.Errorf("row %d: %q is not a located Indonesian message", p.Row, txt)
		}
	}
	for row, key := range want {
		if got[row] != key {
			t.Errorf("row %d: problem %q, want %q", row, got[row], key)
		}
	}
	if len(got) != len(want) {
		t.Errorf("problems in rows %v, want exactly %v", got, want)
	}
	if sum.Added != 0 {
		t.Errorf("written despite problems: %+v", sum)
	}
	if txt := probs[0].Text(kinerja.LangID); !strings.Contains(txt, "Agregasi") {
		t.Errorf("aggregation problem reads %q", txt)
	}
	sum, _, err = importer.ImportTargets(ctx, db, tab, first, true)
	if err != nil || sum.Added != 1 || sum.Skipped != 9 || len(sum.Warnings) != 1 || sum.Warnings[0].Row != 2 {
		t.Fatalf("--skip-invalid: %+v %v", sum, err)
	}
	txt := sum.Text(kinerja.LangID)
	if !strings.Contains(txt, "Peringatan: Baris 2") || !strings.Contains(txt, "160") || !strings.Contains(txt, "120") {
		t.Errorf("summary with warning: %q", txt)
	}
}
