package importer_test

import (
	"bytes"
	"os"
	"sort"
	"strings"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/importer"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
)

// readFuzzed reads data as a CSV or XLSX file the way the import commands
// do. A file refused as a whole must be refused with a user error whose
// text exists (an HR officer can fix it), never an internal error.
func readFuzzed(t *testing.T, data []byte, xlsx bool) *sheet.Table {
	format := sheet.FormatCSV
	if xlsx {
		format = sheet.FormatXLSX
	}
	tab, err := sheet.ReadFrom(bytes.NewReader(data), format)
	if err != nil {
		key, args := kinerja.ErrorKey(err)
		if key == "" || kinerja.ErrorCode(err) != kinerja.EInvalid {
			t.Fatalf("%s file refused with an internal error: %v", format, err)
		}
		if msg := importer.Message(kinerja.LangID, key, args...); strings.HasPrefix(msg, key) {
			t.Fatalf("refusal %q has no text", key)
		}
		return nil
	}
	return tab
}

// checkOutcome: every problem has a text and points at a row of the file
// (or the file as a whole), and every data row is either kept or left out.
func checkOutcome(t *testing.T, tab *sheet.Table, rows, kept int, bad []int, probs []importer.Problem) {
	nums := map[int]bool{}
	for _, r := range tab.Rows {
		nums[r.Num] = true
	}
	for _, p := range probs {
		if msg := importer.Message(kinerja.LangEN, p.Key, p.Args...); strings.HasPrefix(msg, p.Key) {
			t.Fatalf("problem %+v has no text", p)
		}
		if p.Row != 0 && p.Row != tab.HeaderRow && !nums[p.Row] {
			t.Fatalf("problem %+v points at row %d, not in the file", p, p.Row)
		}
	}
	if rows != len(tab.Rows) {
		t.Fatalf("%d rows counted, the file has %d", rows, len(tab.Rows))
	}
	if !sort.IntsAreSorted(bad) {
		t.Fatalf("bad rows not in order: %v", bad)
	}
	for i, n := range bad {
		if !nums[n] || i > 0 && bad[i-1] == n {
			t.Fatalf("bad rows %v: %d is not a data row or is listed twice", bad, n)
		}
	}
	if kept+len(bad) != rows {
		t.Fatalf("%d rows kept and %d left out of %d", kept, len(bad), rows)
	}
	if len(bad) > 0 && len(probs) == 0 {
		t.Fatalf("rows %v left out without a problem", bad)
	}
}

// seedFiles adds each table as CSV and as XLSX.
func seedFiles(f *testing.F, tables ...[][]string) {
	for _, tab := range tables {
		var csv, xlsx bytes.Buffer
		if err := sheet.WriteCSV(&csv, tab[0], tab[1:]); err != nil {
			f.Fatal(err)
		}
		if err := sheet.WriteXLSX(&xlsx, []sheet.Sheet{{Name: "Sheet1", Header: tab[0], Rows: tab[1:]}}); err != nil {
			f.Fatal(err)
		}
		f.Add(csv.Bytes(), false)
		f.Add(xlsx.Bytes(), true)
	}
}

// FuzzRosterFile feeds any bytes, as CSV or XLSX, to the roster import's
// reader and checker.
func FuzzRosterFile(f *testing.F) {
	seedFiles(f,
		append([][]string{header}, baseRows()...),
		append([][]string{header}, edit(set(3, 0, "1.99508302020121E+17"), set(1, 5, staf), set(3, 6, "operator"))...),
		append([][]string{header}, edit(set(3, 0, "19950830 202012 1 005"), add(staf, "Fajar R.", "Operator", "DUKCAPIL", dukcapil, kabid, ""))...),
		[][]string{{"NIP", "Nama"}, {"1", "x"}},
	)
	if data, err := os.ReadFile("../configs/roster.example.csv"); err == nil {
		f.Add(data, false)
	}
	f.Add([]byte("NIP;Nama;Jabatan\n\"unclosed;x\n"), false)
	f.Add([]byte("\xef\xbb\xbfNIP,Nama\r\n\xe9,\xff\r\n"), false)
	f.Add([]byte("PK\x03\x04"), true)
	f.Fuzz(func(t *testing.T, data []byte, xlsx bool) {
		tab := readFuzzed(t, data, xlsx)
		if tab == nil {
			return
		}
		r, probs := importer.ParseRoster(tab, importer.StaffIndex{other: sekda})
		checkOutcome(t, tab, r.Rows, len(r.Staff), r.BadRows, probs)
		for _, s := range r.Staff {
			if !kinerja.ValidNIP(s.NIP) || s.SuperiorNIP != "" && !kinerja.ValidNIP(s.SuperiorNIP) || s.Name == "" || s.UnitCode == "" || s.SuperiorNIP == s.NIP {
				t.Fatalf("kept a row that is not valid: %+v", s)
			}
		}
	})
}

// FuzzTargetsFile feeds any bytes, as CSV or XLSX, to the targets import's
// reader and checker.
func FuzzTargetsFile(f *testing.F) {
	th := []string{"NIP", "Periode", "Kode Indikator", "Indikator", "Satuan", "Target", "Arah", "Bobot"}
	seedFiles(f,
		[][]string{th,
			{staf, "2026-11", "PTSP-01", "Permohonan diverifikasi", "berkas", "60", "naik", "62,5"},
			{staf, "2026", "PTSP-02", "Keluhan", "kasus", "2,5", "turun", ""},
			{staf, "2026-13", "X", "Y", "Z", "1.000", "naik", "-1"},
			{other, "2026-Q1", "", "", "", "0", "atas", "abc"},
		},
		[][]string{{"NIP", "Periode"}, {staf, "2026-11"}},
	)
	if data, err := os.ReadFile("../configs/targets.example.csv"); err == nil {
		f.Add(data, false)
	}
	f.Fuzz(func(t *testing.T, data []byte, xlsx bool) {
		tab := readFuzzed(t, data, xlsx)
		if tab == nil {
			return
		}
		r, probs := importer.ParseTargets(tab, func(nip string) bool { return nip == staf })
		checkOutcome(t, tab, r.Rows, len(r.Targets), r.BadRows, probs)
		for _, tg := range r.Targets {
			if tg.NIP != staf || !(tg.Target > 0) || tg.Weight < 0 || tg.Code == "" {
				t.Fatalf("kept a target that is not valid: %+v", tg)
			}
			if _, err := kinerja.ParsePeriod(tg.Period); err != nil {
				t.Fatalf("kept a target with period %q: %v", tg.Period, err)
			}
		}
	})
}
