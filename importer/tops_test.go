package importer_test

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/importer"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
	"github.com/bkpsdm-solok/kinerjabot/storage/storagetest"
)

// pilotRows is a pilot roster: three offices and BKPSDM, whose four heads
// report to a Regional Secretary who is not in the file.
func pilotRows() [][]string {
	return [][]string{
		{"197208201998032004", "dr. Yulia Rahmi", "Kepala Puskesmas", "PKM-TGR", "Puskesmas Tanah Garam", "", ""},
		{"199003032015032003", "Siti Aminah", "Bidan", "PKM-TGR", "Puskesmas Tanah Garam", "197208201998032004", ""},
		{"197511052000121001", "Ir. Afrizal", "Kepala Dinas", "DUKCAPIL", dukcapil, "", ""},
		{"198202142006042002", "Desi Marlina", "Kepala Bidang", "DUKCAPIL", dukcapil, "197511052000121001", ""},
		{"197306111999031003", "Syafrizal", "Kepala Dinas", "DPMPTSP", "DPMPTSP", "", ""},
		{"199206152017121002", "Rizky Pratama", "Analis Perizinan", "DPMPTSP", "DPMPTSP", "197306111999031003", ""},
		{"197307071998031005", "Zulkifli", "Kepala BKPSDM", "BKPSDM", "BKPSDM", "", ""},
		{"198103102006041001", "Andi Pratama", "Analis SDM", "BKPSDM", "BKPSDM", "197307071998031005", "admin"},
	}
}

// TestSeveralTopsImportAndListBackUnchanged is the check: eight
// people in four units, four heads without a superior, imported; the
// listing imported back says "no change".
func TestSeveralTopsImportAndListBackUnchanged(t *testing.T) {
	ctx := context.Background()
	for _, format := range formats {
		t.Run(format, func(t *testing.T) {
			db := storagetest.MustOpenDB(t)
			sum := importFile(t, db, readTable(t, writeTable(t, format, header, pilotRows())), first)
			if sum.StaffAdded != 8 || sum.UnitsAdded != 4 || sum.Skipped != 0 {
				t.Fatalf("first import: %+v", sum)
			}
			if txt := sum.Text(kinerja.LangEN); !strings.Contains(txt, "4 people have no superior NIP") {
				t.Errorf("the tops are not named:\n%s", txt)
			}
			for _, code := range []string{"PKM-TGR", "DUKCAPIL", "DPMPTSP", "BKPSDM"} {
				if u := unit(t, db, code); u.HeadNIP == "" {
					t.Errorf("unit %s has no head", code)
				}
			}
			staff, _ := db.ListStaff(ctx, kinerja.StaffFilter{})
			units, _ := db.ListUnits(ctx)
			h, rows := importer.RosterTable(staff, units)
			var buf bytes.Buffer
			if err := sheet.WriteCSV(&buf, h, rows); err != nil {
				t.Fatal(err)
			}
			tab, err := sheet.ReadFrom(&buf, sheet.FormatCSV)
			if err != nil {
				t.Fatal(err)
			}
			again := importFile(t, db, tab, later)
			if again.Changed() || again.Skipped != 0 || again.StaffUnchanged != 8 || again.UnitsUnchanged != 4 {
				t.Errorf("re-import of the listing: %+v", again)
			}
			if txt := again.Text(kinerja.LangID); !strings.HasSuffix(txt, "Tidak ada perubahan.") {
				t.Errorf("re-import does not say no change:\n%s", txt)
			}
		})
	}
}

// TestCycleStillRefusedWithSeveralTops keeps the loop check: tops are
// allowed, loops are not.
func TestCycleStillRefusedWithSeveralTops(t *testing.T) {
	rows := pilotRows()
	rows[0][5] = "199003032015032003" // Yulia under Siti, Siti under Yulia
	r, probs := importer.ParseRoster(readTable(t, writeTable(t, sheet.FormatCSV, header, rows)), nil)
	if len(probs) != 2 || probs[0].Key != "roster.superior_cycle" || probs[1].Key != "roster.superior_cycle" {
		t.Fatalf("problems %v, want the two rows of the loop", probs)
	}
	if len(r.Staff) != 6 {
		t.Errorf("%d good rows, want 6", len(r.Staff))
	}
}

// TestSkipInvalidNamesEverySkippedRow: each row left out has its own
// problem, including rows left out only because their superior was.
func TestSkipInvalidNamesEverySkippedRow(t *testing.T) {
	rows := pilotRows()
	rows[2][2] = "" // Afrizal has no Jabatan: Desi depends on him
	rows[4][0] = "123"
	db := storagetest.MustOpenDB(t)
	sum, probs, err := importer.ImportRoster(context.Background(), db,
		readTable(t, writeTable(t, sheet.FormatCSV, header, rows)), first, true)
	if err != nil {
		t.Fatal(err)
	}
	explained := map[int]bool{}
	for _, p := range probs {
		explained[p.Row] = true
	}
	if len(sum.SkippedRows) == 0 {
		t.Fatal("nothing skipped")
	}
	for _, row := range sum.SkippedRows {
		if !explained[row] {
			t.Errorf("row %d skipped without a reason; problems %v", row, probs)
		}
	}
	// Afrizal (row 4), Desi (5), the bad NIP (6) and Rizky under it (7).
	if got := rowsOf(sum.SkippedRows); got != "4 5 6 7" {
		t.Errorf("skipped rows %s, want 4 5 6 7", got)
	}
	if txt := sum.Text(kinerja.LangEN); !strings.Contains(txt, "Rows skipped: 4, 5, 6, 7") {
		t.Errorf("summary does not list the skipped rows:\n%s", txt)
	}
}

func rowsOf(rows []int) string {
	var s []string
	for _, r := range rows {
		s = append(s, strconv.Itoa(r))
	}
	return strings.Join(s, " ")
}

// TestHygiene removes bidi overrides and zero-width characters with a note.
func TestHygiene(t *testing.T) {
	rows := pilotRows()
	rows[1][1] = "Siti\u200b Ami\u202enah"
	rows[3][4] = "Dinas\u2066 Kependudukan dan Pencatatan Sipil\u2069"
	r, probs := importer.ParseRoster(readTable(t, writeTable(t, sheet.FormatXLSX, header, rows)), nil)
	if len(probs) != 0 {
		t.Fatalf("problems %v", probs)
	}
	if got := r.Staff[1].Name; got != "Siti Aminah" {
		t.Errorf("name %q, want %q", got, "Siti Aminah")
	}
	var noted []string
	for _, n := range r.Notes {
		if n.Key == "roster.invisible_removed" {
			noted = append(noted, n.Text(kinerja.LangEN))
		}
	}
	want := []string{
		"Row 3, column Nama: invisible characters (text direction overrides or zero-width characters) were removed from this cell.",
		"Row 5, column Nama Unit: invisible characters (text direction overrides or zero-width characters) were removed from this cell.",
	}
	if strings.Join(noted, "\n") != strings.Join(want, "\n") {
		t.Errorf("notes:\n%s\nwant\n%s", strings.Join(noted, "\n"), strings.Join(want, "\n"))
	}
}
