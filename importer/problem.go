// Package importer turns spreadsheets from the regional HR office (BKPSDM)
// into roster changes: it checks a whole file first, reports every problem in
// plain Indonesian or English with the row and column to fix, and writes only
// rows that passed. Files are read by package sheet; rows are written through
// the kinerja store interfaces, inside the caller's transaction.
package importer

import (
	"fmt"
	"strings"
	"unicode"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
)

// Problem is one thing wrong in an imported file, located so that an HR
// officer can find it: Row is the spreadsheet row number (0 for the file as
// a whole) and Column the column title as the file writes it. Key names a
// text in this package's catalogue and Args fill it. It has the same fields
// as sheet.Problem, which converts to it directly.
type Problem struct {
	Row    int
	Column string
	Key    string
	Args   []any
}

// Text renders the problem in lang, e.g. `Baris 4, kolom NIP: NIP harus 18
// digit angka (tertulis "123").` or `Row 4, column NIP: a NIP must be
// exactly 18 digits (found "123").` Indonesian is used for any language the
// catalogue lacks.
func (p Problem) Text(lang kinerja.Lang) string {
	where := ""
	switch {
	case p.Row > 0 && p.Column != "":
		where = Message(lang, "where.row_column", p.Row, p.Column)
	case p.Row > 0:
		where = Message(lang, "where.row", p.Row)
	case p.Column != "":
		where = Message(lang, "where.column", p.Column)
	}
	msg := Message(lang, p.Key, p.Args...)
	if where != "" {
		msg = lowerFirst(msg)
	}
	return where + msg
}

// lowerFirst lowers the first letter of a sentence that follows "Row 4,
// column NIP: ", unless it starts an acronym such as NIP.
func lowerFirst(s string) string {
	r := []rune(s)
	if len(r) > 1 && unicode.IsUpper(r[0]) && !unicode.IsUpper(r[1]) {
		r[0] = unicode.ToLower(r[0])
	}
	return string(r)
}

// String renders the problem in Indonesian, for logs.
func (p Problem) String() string { return p.Text(kinerja.LangID) }

// fromSheet converts layout problems found by package sheet.
func fromSheet(ps []sheet.Problem) []Problem {
	out := make([]Problem, len(ps))
	for i, p := range ps {
		out[i] = Problem(p)
	}
	return out
}

// Message renders a catalogue text in lang. It also knows the keys of the
// *kinerja.Error values returned by package sheet and this package (for
// example "sheet.unsupported_format"), so that a command can show them. An
// unknown key is shown as is, with its arguments, rather than hidden.
func Message(lang kinerja.Lang, key string, args ...any) string {
	texts, ok := catalogue[lang]
	if !ok {
		texts = catalogue[kinerja.LangID]
	}
	format, ok := texts[key]
	if !ok {
		if len(args) == 0 {
			return key
		}
		return fmt.Sprintf("%s %v", key, args)
	}
	return fmt.Sprintf(format, args...)
}

// ErrorText renders err for an HR officer: the catalogue text when err
// carries a *kinerja.Error, and the error itself otherwise (a command-line
// tool run by an administrator may show internal detail).
func ErrorText(lang kinerja.Lang, err error) string {
	if key, args := kinerja.ErrorKey(err); key != "" {
		return Message(lang, key, args...)
	}
	return err.Error()
}

// rowList formats row numbers for a message as "3, 7, 9": unlike a Go
// slice it reads naturally, and it needs no translation.
func rowList(rows []int) string {
	s := make([]string, len(rows))
	for i, r := range rows {
		s[i] = fmt.Sprint(r)
	}
	return strings.Join(s, ", ")
}

// catalogue holds every text of this package. Texts are plain sentences for
// an HR officer: what is wrong, what was found, and what to do.
var catalogue = map[kinerja.Lang]map[string]string{
	kinerja.LangID: {
		"where.row_column": "Baris %d, kolom %s: ",
		"where.row":        "Baris %d: ",
		"where.column":     "Kolom %s: ",

		"sheet.no_header":          "Berkas kosong: tidak ada baris judul maupun data.",
		"sheet.missing_column":     "Kolom wajib ini tidak ditemukan di baris judul (judul yang diterima: %s).",
		"sheet.duplicate_column":   "Kolom ini sama dengan kolom %q (kolom %s). Hapus salah satunya.",
		"sheet.unsupported_format": "Format berkas %q tidak didukung. Simpan berkas sebagai .xlsx atau .csv.",
		"sheet.csv_syntax":         "Berkas CSV rusak di sekitar baris %d (tanda kutip tidak tertutup?). Simpan ulang dari Excel.",
		"sheet.too_large":          "Berkas terlalu besar untuk diimpor.",
		"sheet.xlsx_unreadable":    "Berkas Excel tidak dapat dibaca (rusak atau dilindungi kata sandi). Simpan ulang sebagai .xlsx tanpa kata sandi.",

		"roster.no_rows":            "Berkas tidak berisi satu pun baris pegawai.",
		"roster.required":           "Kolom ini wajib diisi.",
		"roster.nip_invalid":        "NIP harus 18 digit angka (tertulis %q).",
		"roster.nip_scientific":     "NIP tersimpan sebagai angka sehingga digit terakhirnya hilang (tertulis %q). Format kolom ini sebagai Teks di Excel, lalu ketik ulang NIP-nya.",
		"roster.nip_duplicate":      "NIP ini juga tercantum di baris %s. Setiap pegawai hanya boleh muncul satu kali.",
		"roster.role_invalid":       "Peran hanya boleh \"admin\" atau dikosongkan (tertulis %q).",
		"roster.superior_self":      "Pegawai tidak boleh menjadi atasannya sendiri.",
		"roster.superior_unknown":   "Tidak ada pegawai dengan NIP %s, baik di berkas ini maupun di data pegawai.",
		"roster.superior_rejected":  "Atasan dengan NIP %s (baris %d) tidak dapat diimpor karena barisnya bermasalah, sehingga baris ini juga tidak dapat diimpor. Perbaiki baris %[2]d terlebih dahulu.",
		"roster.superior_cycle":     "Rantai atasan berputar kembali ke pegawai ini: %s. Setiap rantai atasan harus berakhir di puncak (misalnya Sekretaris Daerah).",
		"roster.too_long":           "Isi kolom ini paling banyak %d karakter (tertulis %d karakter).",
		"roster.invisible_removed":  "Karakter tak terlihat (pembalik arah teks atau karakter lebar-nol) dihapus dari isi kolom ini.",
		"roster.tops":               "%d pegawai tanpa NIP Atasan (puncak; penilaiannya dan keberatan bawahannya ditangani penilai puncak yang dikonfigurasi): %s.",
		"roster.tops_no_reviewer":   "Penilai puncak belum dikonfigurasi (evaluation.top_reviewer): pegawai puncak belum dapat dinilai di bot, dan bawahan langsungnya belum dapat mengajukan keberatan.",
		"roster.skipped_rows":       "Baris yang dilewati: %s (alasannya tercantum di atas).",
		"roster.no_change":          "Tidak ada perubahan.",
		"roster.unit_name_conflict": "Kode Unit %s bernama %q di baris %d. Satu kode unit harus selalu bernama sama.",

		"roster.nothing_written": "Ada %d masalah pada berkas; tidak ada data yang disimpan. Perbaiki baris di atas lalu impor ulang, atau gunakan --skip-invalid untuk menyimpan baris yang benar saja.",
		"roster.summary":         "Unit: %d baru, %d diubah, %d tetap. Pegawai: %d baru, %d diubah, %d tetap. Baris dilewati: %d.",
	},
	kinerja.LangEN: {
		"where.row_column": "Row %d, column %s: ",
		"where.row":        "Row %d: ",
		"where.column":     "Column %s: ",

		"sheet.no_header":          "The file is empty: it has no header row and no data.",
		"sheet.missing_column":     "This required column is not in the header row (accepted titles: %s).",
		"sheet.duplicate_column":   "This column repeats column %q (column %s). Remove one of them.",
		"sheet.unsupported_format": "The file format %q is not supported. Save the file as .xlsx or .csv.",
		"sheet.csv_syntax":         "The CSV file is broken near line %d (an unclosed quote?). Save it again from Excel.",
		"sheet.too_large":          "The file is too large to import.",
		"sheet.xlsx_unreadable":    "The Excel file cannot be read (damaged or password-protected). Save it again as .xlsx without a password.",

		"roster.no_rows":            "The file has no staff rows.",
		"roster.required":           "This cell must not be empty.",
		"roster.nip_invalid":        "A NIP must be exactly 18 digits (found %q).",
		"roster.nip_scientific":     "The NIP was stored as a number, so its last digits were lost (found %q). Format this column as Text in Excel and type the NIP again.",
		"roster.nip_duplicate":      "This NIP also appears in row %s. Each person may appear only once.",
		"roster.role_invalid":       "Role must be \"admin\" or left empty (found %q).",
		"roster.superior_self":      "A person cannot be their own superior.",
		"roster.superior_unknown":   "Nobody with NIP %s is in this file or on the roster.",
		"roster.superior_rejected":  "The superior with NIP %s (row %d) cannot be imported because that row has problems, so this row cannot be imported either. Fix row %[2]d first.",
		"roster.superior_cycle":     "The chain of superiors loops back to this person: %s. Every chain must end at the top (e.g. the Regional Secretary).",
		"roster.too_long":           "This cell may hold at most %d characters (found %d).",
		"roster.invisible_removed":  "Invisible characters (text direction overrides or zero-width characters) were removed from this cell.",
		"roster.tops":               "%d people have no superior NIP (tops; their evaluation and their subordinates' objections go to the configured top reviewer): %s.",
		"roster.tops_no_reviewer":   "No top reviewer is configured (evaluation.top_reviewer): the tops cannot be evaluated in the bot yet, and their direct subordinates cannot object.",
		"roster.skipped_rows":       "Rows skipped: %s (the reasons are listed above).",
		"roster.no_change":          "No change.",
		"roster.unit_name_conflict": "Unit code %s is named %q in row %d. A unit code must always have the same name.",

		"roster.nothing_written": "The file has %d problems; nothing was saved. Fix the rows above and import again, or use --skip-invalid to save only the good rows.",
		"roster.summary":         "Units: %d added, %d updated, %d unchanged. Staff: %d added, %d updated, %d unchanged. Rows skipped: %d.",
	},
}
