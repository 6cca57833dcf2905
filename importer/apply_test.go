package importer_test

import (
	"bytes"
	"context"
	"reflect"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/importer"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
	"github.com/bkpsdm-solok/kinerjabot/storage"
	"github.com/bkpsdm-solok/kinerjabot/storage/storagetest"
)

var (
	wib   = time.FixedZone("WIB", 7*3600)
	first = time.Date(2026, time.January, 5, 9, 0, 0, 0, wib)
	later = time.Date(2026, time.March, 2, 9, 0, 0, 0, wib)
)

// importFile parses and applies a table in one transaction, failing the
// test on any problem.
func importFile(t *testing.T, db *storage.DB, tab *sheet.Table, at time.Time) importer.Summary {
	t.Helper()
	sum, probs, err := importer.ImportRoster(context.Background(), db, tab, at, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range probs {
		t.Error(p.Text(kinerja.LangEN))
	}
	return sum
}

func unit(t *testing.T, db *storage.DB, code string) *kinerja.Unit {
	t.Helper()
	u, err := db.Unit(context.Background(), code)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestApplyExampleTwice(t *testing.T) {
	db := storagetest.MustOpenDB(t)
	tab := readTable(t, "../configs/roster.example.csv")

	got := importFile(t, db, tab, first)
	if want := (importer.Summary{UnitsAdded: 5, StaffAdded: 12, Notes: got.Notes}); !reflect.DeepEqual(got, want) {
		t.Errorf("first import: %+v, want %+v", got, want)
	}
	heads := map[string]string{
		"SETDA": "196904151995031002", "BKPSDM": "197208201998032004", "DUKCAPIL": "197511052000121001",
		"DPMPTSP": "197306111999031003", "PKM-TGR": "197812252006042001",
	}
	for code, head := range heads {
		if u := unit(t, db, code); u.HeadNIP != head {
			t.Errorf("head of %s = %q, want %q", code, u.HeadNIP, head)
		}
	}

	got = importFile(t, db, tab, later)
	if want := (importer.Summary{UnitsUnchanged: 5, StaffUnchanged: 12, Notes: got.Notes}); !reflect.DeepEqual(got, want) || got.Changed() {
		t.Errorf("second import: %+v, want %+v", got, want)
	}
}

func TestApplyKeepsGroupAndHead(t *testing.T) {
	ctx := context.Background()
	db := storagetest.MustOpenDB(t)
	importFile(t, db, readTable(t, writeTable(t, sheet.FormatCSV, header, baseRows())), first)
	u := unit(t, db, "DUKCAPIL")
	u.GroupChatID = -1001234567890
	if _, err := db.PutUnit(ctx, u); err != nil {
		t.Fatal(err)
	}

	// Only two DUKCAPIL members, both reporting outside the unit: the file
	// does not say who heads it, so the head on record stays.
	rows := [][]string{
		{kabid, "Desi Marlina, S.E.", "Kepala Bidang", "DUKCAPIL", dukcapil, sekda, ""},
		{staf, "Fajar Ramadhan", "Pengadministrasi Kependudukan", "DUKCAPIL", dukcapil, sekda, ""},
	}
	got := importFile(t, db, readTable(t, writeTable(t, sheet.FormatXLSX, header, rows)), later)
	if want := (importer.Summary{UnitsUnchanged: 1, StaffUpdated: 2, Notes: got.Notes}); !reflect.DeepEqual(got, want) {
		t.Errorf("summary %+v, want %+v", got, want)
	}
	want := kinerja.Unit{Code: "DUKCAPIL", Name: dukcapil, HeadNIP: kadis, GroupChatID: -1001234567890}
	if u := unit(t, db, "DUKCAPIL"); *u != want {
		t.Errorf("unit = %+v, want %+v", *u, want)
	}
}

func TestApplyChangedSuperiorKeepsHistory(t *testing.T) {
	ctx := context.Background()
	db := storagetest.MustOpenDB(t)
	importFile(t, db, readTable(t, writeTable(t, sheet.FormatCSV, header, baseRows())), first)

	got := importFile(t, db, readTable(t, writeTable(t, sheet.FormatCSV, header, edit(set(3, 5, kadis)))), later)
	if want := (importer.Summary{UnitsUnchanged: 2, StaffUpdated: 1, StaffUnchanged: 3, Notes: got.Notes}); !reflect.DeepEqual(got, want) {
		t.Errorf("summary %+v, want %+v", got, want)
	}
	s, err := db.Staff(ctx, staf)
	if err != nil || s.SuperiorNIP != kadis {
		t.Fatalf("staff = %+v, %v; want superior %s", s, err, kadis)
	}
	hist, err := db.SuperiorHistory(ctx, staf)
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 2 {
		t.Fatalf("history = %+v, want 2 spans", hist)
	}
	// Without a Tanggal Efektif the move holds from the start of the import day.
	day := kinerja.Date(later.Year(), later.Month(), later.Day(), later.Location())
	if hist[0].SuperiorNIP != kabid || !hist[0].To.Equal(day) || hist[1].SuperiorNIP != kadis || !hist[1].To.IsZero() {
		t.Errorf("history = %+v, want %s until %v, then %s", hist, kabid, day, kadis)
	}
}

func TestImportRosterSkipInvalid(t *testing.T) {
	ctx := context.Background()
	// kadis has no Jabatan, which strands kabid and staf; other is fine.
	rows := edit(set(1, 2, ""), add(other, "Budi Santoso", "Analis Kebijakan", "SETDA", "Sekretariat Daerah", sekda, ""))
	nips := func(db *storage.DB) []string {
		all, err := db.ListStaff(ctx, kinerja.StaffFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, s := range all {
			out = append(out, s.NIP)
		}
		return out
	}
	for _, format := range formats {
		tab := readTable(t, writeTable(t, format, header, rows))
		t.Run("without the flag nothing is written"+format, func(t *testing.T) {
			db := storagetest.MustOpenDB(t)
			sum, probs, err := importer.ImportRoster(ctx, db, tab, first, false)
			if err != nil || len(probs) != 3 {
				t.Fatalf("err %v, problems %v; want 3 problems", err, probs)
			}
			if got := nips(db); len(got) != 0 || sum.Skipped != 5 || sum.Changed() {
				t.Errorf("written %v, summary %+v; want nothing, 5 skipped", got, sum)
			}
		})
		t.Run("with the flag exactly the good rows are written"+format, func(t *testing.T) {
			db := storagetest.MustOpenDB(t)
			sum, probs, err := importer.ImportRoster(ctx, db, tab, first, true)
			if err != nil || len(probs) != 3 {
				t.Fatalf("err %v, problems %v; want 3 problems", err, probs)
			}
			want := importer.Summary{UnitsAdded: 1, StaffAdded: 2, Skipped: 3, SkippedRows: []int{3, 4, 5}, Notes: sum.Notes}
			if !reflect.DeepEqual(sum, want) {
				t.Errorf("summary %+v, want %+v", sum, want)
			}
			// ListStaff orders by unit, then name: Budi before Drs. Rusdi.
			if got, want := nips(db), []string{other, sekda}; !reflect.DeepEqual(got, want) {
				t.Errorf("written %v, want %v", got, want)
			}
		})
	}
}

// TestRosterTableRoundTrip lists the roster as a file and imports it back:
// an officer who edits the listing must get exactly what they changed.
func TestRosterTableRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := storagetest.MustOpenDB(t)
	importFile(t, db, readTable(t, "../configs/roster.example.csv"), first)
	staff, err := db.ListStaff(ctx, kinerja.StaffFilter{})
	if err != nil {
		t.Fatal(err)
	}
	units, err := db.ListUnits(ctx)
	if err != nil {
		t.Fatal(err)
	}
	h, rows := importer.RosterTable(staff, units)
	var buf bytes.Buffer
	if err := sheet.WriteXLSX(&buf, []sheet.Sheet{{Name: "Pegawai", Header: h, Rows: rows}}); err != nil {
		t.Fatal(err)
	}
	tab, err := sheet.ReadFrom(&buf, sheet.FormatXLSX)
	if err != nil {
		t.Fatal(err)
	}
	got := importFile(t, db, tab, later)
	if want := (importer.Summary{UnitsUnchanged: 5, StaffUnchanged: 12, Notes: got.Notes}); !reflect.DeepEqual(got, want) || got.Changed() {
		t.Errorf("re-import of the listing: %+v, want %+v", got, want)
	}
}
