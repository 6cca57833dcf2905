package sheet_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/bkpsdm-solok/kinerjabot/sheet"
	"github.com/xuri/excelize/v2"
)

func TestWriteCSV(t *testing.T) {
	var buf bytes.Buffer
	err := sheet.WriteCSV(&buf, []string{"NIP", "Nama", "Nilai"}, [][]string{
		{nip, "Dr. Andi, M.Kes.", "-12.5"},
		{"198001012005012002", "=HYPERLINK(\"x\")", "@SUM"},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "NIP,Nama,Nilai\n" + nip + ",\"Dr. Andi, M.Kes.\",-12.5\n" +
		"198001012005012002,\"'=HYPERLINK(\"\"x\"\")\",'@SUM\n"
	if got := buf.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestWriteXLSX(t *testing.T) {
	sheets := []sheet.Sheet{
		{Name: "Pegawai", Header: []string{"NIP", "Nama", "NIP Atasan", "Skor"},
			Rows: [][]string{
				{nip, "Dr. Andi, M.Kes.", "", "87.5"},
				{"198001012005012002", "Sari", nip, "0012"},
			}},
		{Name: "Unit/Kerja: a name far longer than thirty-one characters", Header: []string{"Kode"},
			Rows: [][]string{{"PKM-TGR"}}},
	}
	var buf bytes.Buffer
	if err := sheet.WriteXLSX(&buf, sheets); err != nil {
		t.Fatal(err)
	}

	t.Run("reads back the same text", func(t *testing.T) {
		tab, err := sheet.ReadFrom(bytes.NewReader(buf.Bytes()), ".xlsx")
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(tab.Header, sheets[0].Header) {
			t.Errorf("header = %q", tab.Header)
		}
		got := [][]string{tab.Rows[0].Cells, tab.Rows[1].Cells}
		want := [][]string{{nip, "Dr. Andi, M.Kes.", "", "87.5"}, {"198001012005012002", "Sari", nip, "0012"}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("rows = %q, want %q", got, want)
		}
	})

	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	t.Run("sheet names are cleaned", func(t *testing.T) {
		got := f.GetSheetList()
		want := []string{"Pegawai", "Unit-Kerja- a name far longer t"}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("sheets = %q, want %q", got, want)
		}
	})
	t.Run("header is bold and frozen", func(t *testing.T) {
		id, _ := f.GetCellStyle("Pegawai", "B1")
		st, err := f.GetStyle(id)
		if err != nil || st.Font == nil || !st.Font.Bold {
			t.Errorf("B1 style = %+v, %v; want bold", st, err)
		}
		p, err := f.GetPanes("Pegawai")
		if err != nil || !p.Freeze || p.YSplit != 1 {
			t.Errorf("panes = %+v, %v; want frozen first row", p, err)
		}
	})
	t.Run("NIPs are text, scores are numbers", func(t *testing.T) {
		for cell, want := range map[string]excelize.CellType{
			"A2": excelize.CellTypeSharedString, "C3": excelize.CellTypeSharedString,
			// A number cell carries no type attribute: "unset" means number.
			"D2": excelize.CellTypeUnset, "D3": excelize.CellTypeSharedString,
		} {
			if got, _ := f.GetCellType("Pegawai", cell); got != want {
				t.Errorf("%s type = %v, want %v", cell, got, want)
			}
		}
		// A NIP typed later into the column must stay text too.
		id, _ := f.GetCellStyle("Pegawai", "A100")
		st, _ := f.GetStyle(id)
		if st == nil || st.NumFmt != 49 {
			t.Errorf("A100 number format = %+v, want 49 (Text)", st)
		}
	})
	t.Run("columns fit their content", func(t *testing.T) {
		w, _ := f.GetColWidth("Pegawai", "A")
		if w < float64(len(nip)) || w > 60 {
			t.Errorf("width of A = %v", w)
		}
		if !strings.HasPrefix(f.GetSheetName(1), "Unit") {
			t.Errorf("second sheet = %q", f.GetSheetName(1))
		}
	})
}
