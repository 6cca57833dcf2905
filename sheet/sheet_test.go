package sheet_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
	"github.com/xuri/excelize/v2"
)

const nip = "197001012000011001"

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func mustRead(t *testing.T, path string) *sheet.Table {
	t.Helper()
	tab, err := sheet.Read(path)
	if err != nil {
		t.Fatalf("Read(%s): %v", filepath.Base(path), err)
	}
	return tab
}

func TestReadCSV(t *testing.T) {
	want := &sheet.Table{
		HeaderRow: 1,
		Header:    []string{"NIP", "Nama", "Jabatan"},
		Rows: []sheet.Row{
			{Num: 2, Cells: []string{nip, "Dr. Andi, M.Kes.", "Kepala"}},
			{Num: 4, Cells: []string{"198001012005012002", "Sari;Dewi", "Staf\nPelaksana"}},
			{Num: 5, Cells: []string{"199001012015031003", "Budi"}},
		},
	}
	tests := []struct {
		name, content string
	}{
		{"comma", "NIP,Nama,Jabatan\n" + nip + `,"Dr. Andi, M.Kes.", Kepala ` + "\n\n" +
			`198001012005012002,Sari;Dewi,"Staf` + "\n" + `Pelaksana"` + "\n199001012015031003,Budi,\n\n\n"},
		{"semicolon", "NIP;Nama;Jabatan\r\n" + nip + `;Dr. Andi, M.Kes.;Kepala` + "\r\n;;\r\n" +
			`198001012005012002;"Sari;Dewi";"Staf` + "\r\n" + `Pelaksana"` + "\r\n199001012015031003;Budi;;\r\n;;\r\n"},
		{"bom and semicolon", "\xef\xbb\xbfNIP;Nama;Jabatan\n" + nip + `;"Dr. Andi, M.Kes.";Kepala` + "\n\n" +
			`198001012005012002;"Sari;Dewi";"Staf` + "\n" + `Pelaksana"` + "\n199001012015031003;Budi\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mustRead(t, writeFile(t, "roster.CSV", tt.content))
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got %#v\nwant %#v", got, want)
			}
		})
	}
}

func TestReadCSVWindows1252(t *testing.T) {
	// Excel's plain "CSV" export is Windows-1252; 0x92 is its curly apostrophe.
	got := mustRead(t, writeFile(t, "r.csv", "Nama;Jabatan\nNur\x92aini;Bidan\n"))
	if c := got.Rows[0].Cell(0); c != "Nur\u2019aini" {
		t.Errorf("got %q, want Nur\u2019aini", c)
	}
}

func TestReadCSVSyntaxError(t *testing.T) {
	_, err := sheet.Read(writeFile(t, "r.csv", "NIP,Nama\n1,\"unterminated\n"))
	if key, _ := kinerja.ErrorKey(err); key != "sheet.csv_syntax" {
		t.Errorf("got %v, want sheet.csv_syntax", err)
	}
}

func TestReadUnsupportedFormat(t *testing.T) {
	_, err := sheet.Read(writeFile(t, "roster.xls", "whatever"))
	if key, _ := kinerja.ErrorKey(err); key != "sheet.unsupported_format" {
		t.Errorf("got %v, want sheet.unsupported_format", err)
	}
	_, err = sheet.ReadFrom(strings.NewReader("a,b\n"), "CSV")
	if err != nil {
		t.Errorf("format without dot: %v", err)
	}
}

func TestReadXLSXCorrupt(t *testing.T) {
	_, err := sheet.Read(writeFile(t, "roster.xlsx", "not a zip"))
	if code := kinerja.ErrorCode(err); code != kinerja.EInvalid {
		t.Errorf("got %v, want an EInvalid error", err)
	}
}

// TestReadXLSXNumbers covers how NIPs arrive from Excel: as text (fine), as
// an exact integer written by a tool (kept digit for digit), and as a
// spreadsheet number that has lost its last digits (reported in scientific
// notation, never "repaired").
func TestReadXLSXNumbers(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	// The first sheet is read even when it is not the active one.
	first := f.GetSheetName(0)
	if _, err := f.NewSheet("Other"); err != nil {
		t.Fatal(err)
	}
	f.SetActiveSheet(1)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetRow(first, "A1", &[]any{" NIP ", "Kind"}))
	must(f.SetCellStr(first, "A2", nip))
	must(f.SetCellStr(first, "B2", "text"))
	must(f.SetCellInt(first, "A3", 197001012000011001))
	must(f.SetCellStr(first, "B3", "exact integer"))
	must(f.SetCellFloat(first, "A4", 197001012000011001, -1, 64))
	must(f.SetCellStr(first, "B4", "float"))
	// Row 5 is left blank: it is dropped, and later rows keep their numbers.
	must(f.SetCellFloat(first, "A6", 197001012000011001, -1, 64))
	whole, err := f.NewStyle(&excelize.Style{NumFmt: 1}) // "0": looks whole, digits already gone
	must(err)
	must(f.SetCellStyle(first, "A6", "A6", whole))
	must(f.SetCellStr(first, "B6", "float shown as 0"))
	must(f.SetCellInt(first, "A7", 42))
	must(f.SetCellStr(first, "B7", "small number"))
	must(f.SetCellStr(first, "A8", "197001012000011000"))
	must(f.SetCellStr(first, "B8", "text ending in zeros"))
	must(f.SetCellStr(first, "A9", "")) // an empty trailing row
	path := filepath.Join(t.TempDir(), "roster.xlsx")
	must(f.SaveAs(path))

	got := mustRead(t, path)
	want := &sheet.Table{
		HeaderRow: 1,
		Header:    []string{"NIP", "Kind"},
		Rows: []sheet.Row{
			{Num: 2, Cells: []string{nip, "text"}},
			{Num: 3, Cells: []string{nip, "exact integer"}},
			{Num: 4, Cells: []string{"1.97001012000011E+17", "float"}},
			{Num: 6, Cells: []string{"1.97001012000011E+17", "float shown as 0"}},
			{Num: 7, Cells: []string{"42", "small number"}},
			{Num: 8, Cells: []string{"197001012000011000", "text ending in zeros"}},
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v\nwant %#v", got, want)
	}
}

func TestColumns(t *testing.T) {
	spec := []sheet.ColumnSpec{
		{Key: "nip", Names: []string{"NIP", "nip"}, Required: true},
		{Key: "superior", Names: []string{"NIP Atasan", "superior_nip"}, Required: true},
		{Key: "role", Names: []string{"Peran", "role"}},
	}
	tests := []struct {
		name   string
		header []string
		cols   map[string]int
		probs  []sheet.Problem
	}{
		{"indonesian", []string{"NIP", "Nama", "NIP Atasan"},
			map[string]int{"nip": 0, "superior": 2}, nil},
		{"english, any case and spacing", []string{"Name", "Superior NIP", " nip ", "ROLE"},
			map[string]int{"nip": 2, "superior": 1, "role": 3}, nil},
		{"underscores and no spaces", []string{"nip_atasan", "NIP"},
			map[string]int{"nip": 1, "superior": 0}, nil},
		{"missing required", []string{"Nama", "nip"},
			map[string]int{"nip": 1},
			[]sheet.Problem{{Row: 1, Column: "NIP Atasan", Key: sheet.KeyMissingColumn, Args: []any{"NIP Atasan, superior_nip"}}}},
		{"duplicate", []string{"NIP", "superior_nip", "NIP Atasan"},
			map[string]int{"nip": 0, "superior": 1},
			[]sheet.Problem{{Row: 1, Column: "NIP Atasan", Key: sheet.KeyDuplicateColumn, Args: []any{"superior_nip", "B"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab := &sheet.Table{HeaderRow: 1, Header: tt.header}
			cols, probs := tab.Columns(spec)
			if !reflect.DeepEqual(cols, tt.cols) {
				t.Errorf("cols = %v, want %v", cols, tt.cols)
			}
			if !reflect.DeepEqual(probs, tt.probs) {
				t.Errorf("problems = %#v, want %#v", probs, tt.probs)
			}
		})
	}
	t.Run("empty file", func(t *testing.T) {
		_, probs := (&sheet.Table{}).Columns(spec)
		if len(probs) != 1 || probs[0].Key != sheet.KeyNoHeader {
			t.Errorf("problems = %v, want one %s", probs, sheet.KeyNoHeader)
		}
	})
}

func TestColumnName(t *testing.T) {
	for i, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 27: "AB", 701: "ZZ", 702: "AAA"} {
		if got := sheet.ColumnName(i); got != want {
			t.Errorf("ColumnName(%d) = %q, want %q", i, got, want)
		}
	}
}
