package importer

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

func TestProblemText(t *testing.T) {
	tests := []struct {
		name   string
		p      Problem
		id, en string
	}{
		{"row and column",
			Problem{Row: 4, Column: "NIP", Key: "roster.nip_invalid", Args: []any{"123"}},
			`Baris 4, kolom NIP: NIP harus 18 digit angka (tertulis "123").`,
			`Row 4, column NIP: a NIP must be exactly 18 digits (found "123").`},
		{"stranded row names the row to fix",
			Problem{Row: 6, Column: "NIP Atasan", Key: "roster.superior_rejected", Args: []any{"198202142006042002", 5}},
			"Baris 6, kolom NIP Atasan: atasan dengan NIP 198202142006042002 (baris 5) tidak dapat diimpor karena barisnya bermasalah, sehingga baris ini juga tidak dapat diimpor. Perbaiki baris 5 terlebih dahulu.",
			"Row 6, column NIP Atasan: the superior with NIP 198202142006042002 (row 5) cannot be imported because that row has problems, so this row cannot be imported either. Fix row 5 first."},
		{"whole file",
			Problem{Key: "roster.no_rows"},
			"Berkas tidak berisi satu pun baris pegawai.",
			"The file has no staff rows."},
		{"missing column",
			Problem{Row: 1, Column: "NIP Atasan", Key: "sheet.missing_column", Args: []any{"NIP Atasan, Superior NIP"}},
			"Baris 1, kolom NIP Atasan: kolom wajib ini tidak ditemukan di baris judul (judul yang diterima: NIP Atasan, Superior NIP).",
			"Row 1, column NIP Atasan: this required column is not in the header row (accepted titles: NIP Atasan, Superior NIP)."},
		{"unknown key is shown, not hidden",
			Problem{Row: 2, Key: "roster.something_new", Args: []any{"x"}},
			"Baris 2: roster.something_new [x]",
			"Row 2: roster.something_new [x]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.p.Text(kinerja.LangID); got != tt.id {
				t.Errorf("id:\n got %s\nwant %s", got, tt.id)
			}
			if got := tt.p.Text(kinerja.LangEN); got != tt.en {
				t.Errorf("en:\n got %s\nwant %s", got, tt.en)
			}
			if got := tt.p.Text("fr"); got != tt.id {
				t.Errorf("unsupported language should fall back to Indonesian, got %s", got)
			}
		})
	}
}

// TestCatalogueComplete checks that both languages have the same keys and
// that each text takes the same arguments in both, so no translation shows
// %!d(MISSING) to an officer.
func TestCatalogueComplete(t *testing.T) {
	keys := func(lang kinerja.Lang) []string {
		var out []string
		for k := range catalogue[lang] {
			out = append(out, k)
		}
		sort.Strings(out)
		return out
	}
	id, en := keys(kinerja.LangID), keys(kinerja.LangEN)
	if strings.Join(id, " ") != strings.Join(en, " ") {
		t.Fatalf("keys differ:\nid %v\nen %v", id, en)
	}
	for _, k := range id {
		for _, lang := range []kinerja.Lang{kinerja.LangID, kinerja.LangEN} {
			// Try a few argument shapes; one of them must render cleanly.
			ok := false
			for _, args := range [][]any{nil, {"x"}, {1}, {1, "x"}, {"x", 1}, {"x", "y", 1}, {"x", "y"}, {1, 2}, {1, 2, 3, 4, 5, 6, 7}} {
				if s := Message(lang, k, args...); !strings.Contains(s, "%!") {
					ok = true
					break
				}
			}
			if !ok {
				t.Errorf("%s %s renders with a format error for every argument shape", lang, k)
			}
		}
	}
}

func TestErrorText(t *testing.T) {
	err := fmt.Errorf("read: %w", kinerja.Errorf(kinerja.EInvalid, "sheet.unsupported_format", ".xls"))
	if got, want := ErrorText(kinerja.LangEN, err), `The file format ".xls" is not supported. Save the file as .xlsx or .csv.`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if got := ErrorText(kinerja.LangID, errors.New("disk full")); got != "disk full" {
		t.Errorf("plain error: got %s", got)
	}
}

func TestSummaryText(t *testing.T) {
	s := Summary{UnitsAdded: 1, UnitsUnchanged: 4, StaffAdded: 2, StaffUpdated: 1, StaffUnchanged: 9, Skipped: 3}
	want := "Unit: 1 baru, 0 diubah, 4 tetap. Pegawai: 2 baru, 1 diubah, 9 tetap. Baris dilewati: 3."
	if got := s.Text(kinerja.LangID); got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
