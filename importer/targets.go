package importer

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
)

// Keys of the targets columns, as used in TargetColumns.
const (
	ColTargetNIP = "nip"
	ColPeriod    = "period"
	ColCode      = "code"
	ColIndicator = "indicator"
	ColUnit      = "unit"
	ColTarget    = "target"
	ColDirection = "direction"
	ColWeight    = "weight"
)

// TargetColumns are the columns of an indicators-and-targets file; Bobot
// (weight) is optional, and equal weights apply when it is absent or empty.
var TargetColumns = []sheet.ColumnSpec{
	{Key: ColTargetNIP, Names: []string{"NIP"}, Required: true},
	{Key: ColPeriod, Names: []string{"Periode", "Period"}, Required: true},
	{Key: ColCode, Names: []string{"Kode Indikator", "Indicator Code"}, Required: true},
	{Key: ColIndicator, Names: []string{"Indikator", "Indicator"}, Required: true},
	{Key: ColUnit, Names: []string{"Satuan", "Unit"}, Required: true},
	{Key: ColTarget, Names: []string{"Target"}, Required: true},
	{Key: ColDirection, Names: []string{"Arah", "Direction"}, Required: true},
	{Key: ColWeight, Names: []string{"Bobot", "Weight"}},
}

// Targets is the outcome of checking a targets file.
type Targets struct {
	Targets []kinerja.Target // valid rows, in file order
	Rows    int
	BadRows []int
}

// TargetSummary counts what a targets import did.
type TargetSummary struct {
	Added, Updated, Unchanged, Skipped int
}

// Text renders the summary in lang.
func (s TargetSummary) Text(lang kinerja.Lang) string {
	return Message(lang, "targets.summary", s.Added, s.Updated, s.Unchanged, s.Skipped)
}

// ambiguousNumber matches "1.000" or "1,000": a thousands group or a
// decimal fraction depending on who typed it.
var ambiguousNumber = regexp.MustCompile(`^[1-9][0-9]{0,2}[.,][0-9]{3}$`)

// plainNumber is digits with at most one decimal separator.
var plainNumber = regexp.MustCompile(`^[0-9]+([.,][0-9]+)?$`)

// parseNumber reads "2,5" or "2.5"; ok is false for anything else,
// including an ambiguous "1.000".
func parseNumber(s string) (float64, bool) {
	if ambiguousNumber.MatchString(s) || !plainNumber.MatchString(s) {
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	return v, err == nil && !math.IsInf(v, 0)
}

// ParseTargets checks a whole targets file: every NIP must be on the roster
// (known reports whether it is), Periode a month YYYY-MM or a year YYYY,
// the code unique per person and period, Target a number above zero, Arah
// naik or turun, and Bobot empty or a number of zero or more. It writes
// nothing and returns the rows that passed with every problem found.
func ParseTargets(t *sheet.Table, known func(nip string) bool) (*Targets, []Problem) {
	r := &Targets{Rows: len(t.Rows)}
	cols, layout := t.Columns(TargetColumns)
	if len(layout) > 0 {
		for _, row := range t.Rows {
			r.BadRows = append(r.BadRows, row.Num)
		}
		return r, fromSheet(layout)
	}
	if len(t.Rows) == 0 {
		return r, []Problem{{Key: "targets.no_rows"}}
	}
	title := func(key string) string { return t.Header[cols[key]] }
	var probs []Problem
	seen := map[string]int{} // NIP|period|code -> first row
	for _, row := range t.Rows {
		cell := func(key string) string {
			if i, ok := cols[key]; ok {
				return strings.TrimSpace(row.Cell(i))
			}
			return ""
		}
		bad := false
		fail := func(key, text string, args ...any) {
			bad = true
			probs = append(probs, Problem{Row: row.Num, Column: title(key), Key: text, Args: args})
		}
		tg := kinerja.Target{NIP: normNIP(cell(ColTargetNIP)), Period: cell(ColPeriod), Code: cell(ColCode),
			Name: squeeze(cell(ColIndicator)), Unit: squeeze(cell(ColUnit))}
		switch {
		case tg.NIP == "":
			fail(ColTargetNIP, "roster.required")
		case scientific.MatchString(tg.NIP):
			fail(ColTargetNIP, "roster.nip_scientific", cell(ColTargetNIP))
		case !kinerja.ValidNIP(tg.NIP):
			fail(ColTargetNIP, "roster.nip_invalid", cell(ColTargetNIP))
		case !known(tg.NIP):
			fail(ColTargetNIP, "targets.nip_unknown", tg.NIP)
		}
		if tg.Period == "" {
			fail(ColPeriod, "roster.required")
		} else if p, err := kinerja.ValidTargetPeriod(tg.Period); err != nil || p.String() != strings.ToUpper(tg.Period) {
			fail(ColPeriod, "targets.period_invalid", tg.Period)
		} else {
			tg.Period = p.String()
		}
		for _, c := range []struct{ key, v string }{{ColCode, tg.Code}, {ColIndicator, tg.Name}, {ColUnit, tg.Unit}} {
			if c.v == "" {
				fail(c.key, "roster.required")
			}
		}
		if v := cell(ColTarget); v == "" {
			fail(ColTarget, "roster.required")
		} else if n, ok := parseNumber(v); !ok || n <= 0 {
			fail(ColTarget, "targets.target_invalid", v)
		} else {
			tg.Target = n
		}
		switch d := strings.ToLower(cell(ColDirection)); d {
		case "naik", "higher", "up":
			tg.Direction = kinerja.HigherIsBetter
		case "turun", "lower", "down":
			tg.Direction = kinerja.LowerIsBetter
		case "":
			fail(ColDirection, "roster.required")
		default:
			fail(ColDirection, "targets.direction_invalid", cell(ColDirection))
		}
		if v := cell(ColWeight); v != "" {
			if n, ok := parseNumber(v); !ok {
				fail(ColWeight, "targets.weight_invalid", v)
			} else {
				tg.Weight = n
			}
		}
		if tg.NIP != "" && tg.Code != "" && tg.Period != "" {
			k := tg.NIP + "|" + tg.Period + "|" + strings.ToUpper(tg.Code)
			if first, dup := seen[k]; dup {
				fail(ColCode, "targets.duplicate", tg.Code, first)
			} else {
				seen[k] = row.Num
			}
		}
		if bad {
			r.BadRows = append(r.BadRows, row.Num)
		} else {
			r.Targets = append(r.Targets, tg)
		}
	}
	return r, probs
}

// TargetStore is what writing targets needs; a kinerja.Tx is one. Every
// change is recorded in the audit log, since targets decide achievement.
type TargetStore interface {
	kinerja.TargetStore
	kinerja.AuditStore
}

// ApplyTargets writes the targets, as of instant at, and counts what
// changed; importing the same file twice changes nothing the second time.
func ApplyTargets(ctx context.Context, tx TargetStore, r *Targets, at time.Time) (TargetSummary, error) {
	sum := TargetSummary{Skipped: len(r.BadRows)}
	existing := map[string]*kinerja.Target{} // NIP|period|code
	loaded := map[string]bool{}              // NIP|year
	for _, tg := range r.Targets {
		p, _ := kinerja.ParsePeriod(tg.Period)
		if key := tg.NIP + "|" + strconv.Itoa(p.Year); !loaded[key] {
			loaded[key] = true
			for _, m := range (kinerja.Period{Kind: kinerja.Yearly, Year: p.Year}).Months() {
				list, err := tx.TargetsFor(ctx, tg.NIP, m)
				if err != nil {
					return sum, fmt.Errorf("read targets of %s: %w", tg.NIP, err)
				}
				for _, old := range list {
					existing[old.NIP+"|"+old.Period+"|"+old.Code] = old
				}
			}
		}
		old := existing[tg.NIP+"|"+tg.Period+"|"+tg.Code]
		changed, err := tx.PutTarget(ctx, &tg)
		if err != nil {
			return sum, fmt.Errorf("write target %s: %w", &tg, err)
		}
		count(&sum.Added, &sum.Updated, &sum.Unchanged, old == nil, changed)
		if !changed {
			continue
		}
		action, before := "target.create", ""
		if old != nil {
			action, before = "target.update", old.AuditJSON()
		}
		if err := tx.AppendAudit(ctx, &kinerja.AuditEntry{At: at, Action: action, Entity: "target",
			EntityID: strconv.FormatInt(tg.ID, 10), Before: before, After: tg.AuditJSON()}); err != nil {
			return sum, err
		}
	}
	return sum, nil
}

// ImportTargets checks a targets file against the roster and writes it in
// one transaction. When the file has problems nothing is written unless
// skipInvalid is set, in which case the rows that passed are written.
func ImportTargets(ctx context.Context, db kinerja.Store, t *sheet.Table, at time.Time, skipInvalid bool) (TargetSummary, []Problem, error) {
	var (
		sum   TargetSummary
		probs []Problem
	)
	err := db.InTx(ctx, func(tx kinerja.Tx) error {
		idx, err := LoadStaffIndex(ctx, tx)
		if err != nil {
			return err
		}
		var r *Targets
		r, probs = ParseTargets(t, func(nip string) bool { _, ok := idx[nip]; return ok })
		if len(probs) > 0 && !skipInvalid {
			sum = TargetSummary{Skipped: r.Rows}
			return nil
		}
		sum, err = ApplyTargets(ctx, tx, r, at)
		return err
	})
	if err != nil {
		return TargetSummary{}, probs, err
	}
	return sum, probs, nil
}

// The texts of the targets import, merged into the package catalogue.
func init() {
	for lang, texts := range map[kinerja.Lang]map[string]string{
		kinerja.LangID: {
			"targets.no_rows":           "Berkas tidak berisi satu pun baris target.",
			"targets.nip_unknown":       "Tidak ada pegawai dengan NIP %s di data pegawai. Impor data pegawai terlebih dahulu.",
			"targets.period_invalid":    "Periode harus berupa bulan YYYY-MM (misalnya 2026-11) atau tahun YYYY (tertulis %q). Jika Excel mengubahnya menjadi tanggal, format kolom ini sebagai Teks.",
			"targets.target_invalid":    "Target harus berupa angka lebih dari nol, tanpa pemisah ribuan, misalnya 200 atau 2,5 (tertulis %q).",
			"targets.direction_invalid": "Arah hanya boleh \"naik\" (makin tinggi makin baik) atau \"turun\" (makin rendah makin baik) (tertulis %q).",
			"targets.weight_invalid":    "Bobot harus berupa angka nol atau lebih, atau dikosongkan untuk bobot sama rata (tertulis %q).",
			"targets.duplicate":         "Kode indikator %s untuk pegawai dan periode yang sama sudah ada di baris %d.",
			"targets.nothing_written":   "Ada %d masalah pada berkas; tidak ada target yang disimpan. Perbaiki baris di atas lalu impor ulang, atau gunakan --skip-invalid untuk menyimpan baris yang benar saja.",
			"targets.summary":           "Target: %[1]d baru, %[2]d diubah, %[3]d tetap. Baris dilewati: %[4]d.",
		},
		kinerja.LangEN: {
			"targets.no_rows":           "The file has no target rows.",
			"targets.nip_unknown":       "Nobody with NIP %s is on the roster. Import the roster first.",
			"targets.period_invalid":    "Period must be a month YYYY-MM (for example 2026-11) or a year YYYY (found %q). If Excel turned it into a date, format this column as Text.",
			"targets.target_invalid":    "Target must be a number above zero, without a thousands separator, for example 200 or 2.5 (found %q).",
			"targets.direction_invalid": "Direction must be \"naik\" (higher is better) or \"turun\" (lower is better) (found %q).",
			"targets.weight_invalid":    "Weight must be a number of zero or more, or empty for equal weights (found %q).",
			"targets.duplicate":         "Indicator code %s for the same person and period is already in row %d.",
			"targets.nothing_written":   "The file has %d problems; no targets were saved. Fix the rows above and import again, or use --skip-invalid to save only the good rows.",
			"targets.summary":           "Targets: %[1]d added, %[2]d updated, %[3]d unchanged. Rows skipped: %[4]d.",
		},
	} {
		for k, v := range texts {
			if _, dup := catalogue[lang][k]; dup {
				panic("importer: text key registered twice: " + k)
			}
			catalogue[lang][k] = v
		}
	}
}
