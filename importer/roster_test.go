package importer_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/importer"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
)

// People of a small DUKCAPIL tree under the Sekretaris Daerah.
const (
	sekda = "196904151995031002"
	kadis = "197511052000121001"
	kabid = "198202142006042002"
	staf  = "199508302020121005"
	other = "199206152017121002" // not in any file unless a test adds them
)

var header = []string{"NIP", "Nama", "Jabatan", "Kode Unit", "Nama Unit", "NIP Atasan", "Peran"}

const dukcapil = "Dinas Kependudukan dan Pencatatan Sipil"

// baseRows is a valid roster: rows 2 to 5.
func baseRows() [][]string {
	return [][]string{
		{sekda, "Drs. H. Rusdi Hamdani, M.Si.", "Sekretaris Daerah", "SETDA", "Sekretariat Daerah", "", ""},
		{kadis, "Ir. Afrizal", "Kepala Dinas", "DUKCAPIL", dukcapil, sekda, ""},
		{kabid, "Desi Marlina, S.E.", "Kepala Bidang", "DUKCAPIL", dukcapil, kadis, ""},
		{staf, "Fajar Ramadhan", "Pengadministrasi Kependudukan", "DUKCAPIL", dukcapil, kabid, ""},
	}
}

// edit returns baseRows with cell (row r, column c) set, both 0-based
// within the data rows.
func edit(changes ...func(rows [][]string) [][]string) [][]string {
	rows := baseRows()
	for _, ch := range changes {
		rows = ch(rows)
	}
	return rows
}

func set(r, c int, v string) func([][]string) [][]string {
	return func(rows [][]string) [][]string { rows[r][c] = v; return rows }
}

func add(row ...string) func([][]string) [][]string {
	return func(rows [][]string) [][]string { return append(rows, row) }
}

// formats are the file formats every table test runs in.
var formats = []string{sheet.FormatCSV, sheet.FormatXLSX}

// writeTable writes a roster file of the given format to a temporary folder.
func writeTable(t *testing.T, format string, header []string, rows [][]string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "roster"+format)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if format == sheet.FormatCSV {
		err = sheet.WriteCSV(f, header, rows)
	} else {
		err = sheet.WriteXLSX(f, []sheet.Sheet{{Name: "Pegawai", Header: header, Rows: rows}})
	}
	if err != nil {
		t.Fatal(err)
	}
	return path
}

func readTable(t *testing.T, path string) *sheet.Table {
	t.Helper()
	tab, err := sheet.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

func p(row int, col, key string, args ...any) importer.Problem {
	return importer.Problem{Row: row, Column: col, Key: key, Args: args}
}

func TestParseRoster(t *testing.T) {
	tests := []struct {
		name  string
		rows  [][]string
		db    importer.StaffIndex
		probs []importer.Problem
		bad   []int
	}{
		{name: "valid", rows: baseRows()},
		{name: "short NIP", rows: edit(set(3, 0, "123")),
			// The row below is not affected: nobody reports to row 5.
			probs: []importer.Problem{p(5, "NIP", "roster.nip_invalid", "123")}, bad: []int{5}},
		{name: "NIP in printed form with spaces is accepted",
			rows: edit(set(3, 0, "19950830 202012 1 005"))},
		{name: "NIP cut short by Excel",
			rows:  edit(set(3, 0, "1.99508302020121E+17")),
			probs: []importer.Problem{p(5, "NIP", "roster.nip_scientific", "1.99508302020121E+17")}, bad: []int{5}},
		{name: "NIP twice names both rows",
			rows: edit(add(staf, "Fajar R.", "Operator", "DUKCAPIL", dukcapil, kabid, "")),
			probs: []importer.Problem{
				p(5, "NIP", "roster.nip_duplicate", "6"),
				p(6, "NIP", "roster.nip_duplicate", "5"),
			}, bad: []int{5, 6}},
		{name: "required cells",
			rows: edit(set(3, 1, ""), set(3, 2, " "), set(3, 3, ""), set(3, 4, "")),
			probs: []importer.Problem{
				p(5, "Nama", "roster.required"), p(5, "Jabatan", "roster.required"),
				p(5, "Kode Unit", "roster.required"), p(5, "Nama Unit", "roster.required"),
			}, bad: []int{5}},
		{name: "empty NIP", rows: edit(set(3, 0, "")),
			probs: []importer.Problem{p(5, "NIP", "roster.required")}, bad: []int{5}},
		{name: "bad superior NIP", rows: edit(set(3, 5, "12345")),
			probs: []importer.Problem{p(5, "NIP Atasan", "roster.nip_invalid", "12345")}, bad: []int{5}},
		{name: "unknown superior", rows: edit(set(3, 5, other)),
			probs: []importer.Problem{p(5, "NIP Atasan", "roster.superior_unknown", other)}, bad: []int{5}},
		{name: "superior found in the database", rows: edit(set(3, 5, other)),
			db: importer.StaffIndex{other: sekda}},
		{name: "own superior", rows: edit(set(3, 5, staf)),
			probs: []importer.Problem{p(5, "NIP Atasan", "roster.superior_self")}, bad: []int{5}},
		{name: "cycle in the file",
			rows: edit(set(1, 5, staf)), // kadis -> staf -> kabid -> kadis
			probs: []importer.Problem{
				p(3, "NIP Atasan", "roster.superior_cycle", kadis+" → "+staf+" → "+kabid+" → "+kadis),
				p(4, "NIP Atasan", "roster.superior_cycle", kabid+" → "+kadis+" → "+staf+" → "+kabid),
				p(5, "NIP Atasan", "roster.superior_cycle", staf+" → "+kabid+" → "+kadis+" → "+staf),
			}, bad: []int{3, 4, 5}},
		{name: "cycle through the database",
			// other is on record reporting to staf; the file makes kadis report to other.
			rows: edit(set(1, 5, other)),
			db:   importer.StaffIndex{other: staf},
			probs: []importer.Problem{
				p(3, "NIP Atasan", "roster.superior_cycle", kadis+" → "+other+" → "+staf+" → "+kabid+" → "+kadis),
				p(4, "NIP Atasan", "roster.superior_cycle", kabid+" → "+kadis+" → "+other+" → "+staf+" → "+kabid),
				p(5, "NIP Atasan", "roster.superior_cycle", staf+" → "+kabid+" → "+kadis+" → "+other+" → "+staf),
			}, bad: []int{3, 4, 5}},
		{name: "a bad row strands the rows below it",
			rows: edit(set(1, 2, "")), // kadis has no Jabatan
			probs: []importer.Problem{
				p(3, "Jabatan", "roster.required"),
				p(4, "NIP Atasan", "roster.superior_rejected", kadis, 3),
				p(5, "NIP Atasan", "roster.superior_rejected", kabid, 4),
			}, bad: []int{3, 4, 5}},
		{name: "a bad row already on record strands nobody",
			rows:  edit(set(1, 2, "")),
			db:    importer.StaffIndex{kadis: sekda},
			probs: []importer.Problem{p(3, "Jabatan", "roster.required")},
			bad:   []int{3}},
		{name: "one unit code, two names",
			rows: edit(set(2, 4, "Disdukcapil")),
			probs: []importer.Problem{
				p(4, "Nama Unit", "roster.unit_name_conflict", "DUKCAPIL", dukcapil, 3),
				p(5, "NIP Atasan", "roster.superior_rejected", kabid, 4),
			}, bad: []int{4, 5}},
		{name: "role admin in any case", rows: edit(set(3, 6, "ADMIN"))},
		{name: "unknown role", rows: edit(set(3, 6, "operator")),
			probs: []importer.Problem{p(5, "Peran", "roster.role_invalid", "operator")}, bad: []int{5}},
		{name: "a second top is allowed",
			rows: edit(set(3, 5, ""))},
		{name: "a name over the cap",
			rows:  edit(set(3, 1, strings.Repeat("a", 201))),
			probs: []importer.Problem{p(5, "Nama", "roster.too_long", 200, 201)}, bad: []int{5}},
	}
	for _, tt := range tests {
		for _, format := range formats {
			t.Run(tt.name+format, func(t *testing.T) {
				tab := readTable(t, writeTable(t, format, header, tt.rows))
				r, probs := importer.ParseRoster(tab, tt.db)
				if !reflect.DeepEqual(probs, tt.probs) {
					t.Errorf("problems:\n got %v\nwant %v", probs, tt.probs)
				}
				if !reflect.DeepEqual(r.BadRows, tt.bad) {
					t.Errorf("bad rows = %v, want %v", r.BadRows, tt.bad)
				}
				if got, want := len(r.Staff), len(tt.rows)-len(tt.bad); got != want {
					t.Errorf("%d good staff, want %d", got, want)
				}
			})
		}
	}
}

func TestParseRosterColumns(t *testing.T) {
	t.Run("NIP Atasan is optional: without it everyone is a top", func(t *testing.T) {
		rows := edit()
		for i := range rows {
			rows[i] = append(rows[i][:5:5], rows[i][6])
		}
		h := []string{"NIP", "Nama", "Jabatan", "Kode Unit", "Nama Unit", "Peran"}
		r, probs := importer.ParseRoster(readTable(t, writeTable(t, sheet.FormatCSV, h, rows)), nil)
		if len(probs) != 0 || len(r.Staff) != 4 {
			t.Fatalf("problems %v, staff %d; want none and 4", probs, len(r.Staff))
		}
		want := []importer.Problem{{Key: "roster.tops", Args: []any{4, strings.Join([]string{sekda, kadis, kabid, staf}, ", ")}}}
		if !reflect.DeepEqual(r.Notes, want) {
			t.Errorf("notes = %v, want %v", r.Notes, want)
		}
	})
	t.Run("missing column is the only problem", func(t *testing.T) {
		rows := edit(set(3, 0, "123")) // would be a problem if rows were checked
		for i := range rows {
			rows[i] = rows[i][1:]
		}
		h := []string{"Nama", "Jabatan", "Kode Unit", "Nama Unit", "NIP Atasan", "Peran"}
		r, probs := importer.ParseRoster(readTable(t, writeTable(t, sheet.FormatCSV, h, rows)), nil)
		want := []importer.Problem{p(1, "NIP", sheet.KeyMissingColumn, "NIP")}
		if !reflect.DeepEqual(probs, want) {
			t.Errorf("problems = %v, want %v", probs, want)
		}
		if len(r.Staff) != 0 || len(r.BadRows) != 4 {
			t.Errorf("staff %d, bad rows %v; want none and all", len(r.Staff), r.BadRows)
		}
	})
	t.Run("English headers, any order, optional role absent", func(t *testing.T) {
		h := []string{"superior_nip", "nip", "name", "position", "unit_code", "unit_name"}
		var rows [][]string
		for _, r := range baseRows() {
			rows = append(rows, []string{r[5], r[0], r[1], r[2], r[3], r[4]})
		}
		for _, format := range formats {
			r, probs := importer.ParseRoster(readTable(t, writeTable(t, format, h, rows)), nil)
			if len(probs) != 0 || len(r.Staff) != 4 || r.Staff[3].SuperiorNIP != kabid {
				t.Errorf("%s: problems %v, staff %+v", format, probs, r.Staff)
			}
		}
	})
	t.Run("no data rows", func(t *testing.T) {
		_, probs := importer.ParseRoster(readTable(t, writeTable(t, sheet.FormatCSV, header, nil)), nil)
		if want := []importer.Problem{p(0, "", "roster.no_rows")}; !reflect.DeepEqual(probs, want) {
			t.Errorf("problems = %v, want %v", probs, want)
		}
	})
}

// TestParseRosterCSVVariants reads files as Excel with an Indonesian locale
// writes them: semicolons, a byte order mark, CRLF, quoted names.
func TestParseRosterCSVVariants(t *testing.T) {
	body := "NIP;Nama;Jabatan;Kode Unit;Nama Unit;NIP Atasan;Peran\r\n" +
		sekda + ";\"Drs. H. Rusdi Hamdani; M.Si.\";Sekretaris Daerah;SETDA;Sekretariat Daerah;;\r\n" +
		kadis + ";Ir. Afrizal, M.T.;Kepala Dinas;DUKCAPIL;" + dukcapil + ";" + sekda + ";Admin\r\n" +
		";;;;;;\r\n"
	for name, content := range map[string]string{"semicolon": body, "BOM": "\xef\xbb\xbf" + body} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "roster.csv")
			if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
			r, probs := importer.ParseRoster(readTable(t, path), nil)
			want := []kinerja.Staff{
				{NIP: sekda, Name: "Drs. H. Rusdi Hamdani; M.Si.", Position: "Sekretaris Daerah", UnitCode: "SETDA"},
				{NIP: kadis, Name: "Ir. Afrizal, M.T.", Position: "Kepala Dinas", UnitCode: "DUKCAPIL", SuperiorNIP: sekda, Admin: true},
			}
			if len(probs) != 0 || !reflect.DeepEqual(r.Staff, want) {
				t.Errorf("problems %v\nstaff %+v\nwant  %+v", probs, r.Staff, want)
			}
		})
	}
}

func TestExampleRoster(t *testing.T) {
	r, probs := importer.ParseRoster(readTable(t, "../configs/roster.example.csv"), nil)
	for _, p := range probs {
		t.Error(p.Text(kinerja.LangEN))
	}
	if len(r.Staff) != 12 || len(r.Units) != 5 {
		t.Errorf("%d staff in %d units, want 12 in 5", len(r.Staff), len(r.Units))
	}
	admins := 0
	for _, s := range r.Staff {
		if s.Admin {
			admins++
		}
	}
	if admins != 1 {
		t.Errorf("%d admins, want 1", admins)
	}
}
