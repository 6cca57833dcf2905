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
	ColTargetNIP  = "nip"
	ColPeriod     = "period"
	ColCode       = "code"
	ColIndicator  = "indicator"
	ColUnit       = "unit"
	ColTarget     = "target"
	ColDirection  = "direction"
	ColWeight     = "weight"
	ColAggregate  = "aggregation"
	ColTargetMin  = "target_min"
	ColTargetMax  = "target_max"
	ColCumulative = "cumulative"
	ColTW         = "tw" // ColTW + "1" … "4"
)

// TargetColumns are the columns of an indicators-and-targets file. Bobot
// (weight) is optional, and equal weights apply when it is absent or empty;
// the indicator-kind columns are optional too and default to what older
// files meant: a sum (jumlah), no band, no quarterly targets.
var TargetColumns = []sheet.ColumnSpec{
	{Key: ColTargetNIP, Names: []string{"NIP"}, Required: true},
	{Key: ColPeriod, Names: []string{"Periode", "Period"}, Required: true},
	{Key: ColCode, Names: []string{"Kode Indikator", "Indicator Code"}, Required: true},
	{Key: ColIndicator, Names: []string{"Indikator", "Indicator"}, Required: true},
	{Key: ColUnit, Names: []string{"Satuan", "Unit"}, Required: true},
	{Key: ColTarget, Names: []string{"Target"}, Required: true},
	{Key: ColDirection, Names: []string{"Arah", "Direction"}, Required: true},
	{Key: ColWeight, Names: []string{"Bobot", "Weight"}},
	{Key: ColAggregate, Names: []string{"Agregasi", "Aggregation"}},
	{Key: ColTargetMin, Names: []string{"Target Min", "Target Minimum"}},
	{Key: ColTargetMax, Names: []string{"Target Maks", "Target Max", "Target Maksimum", "Target Maximum"}},
	{Key: ColCumulative, Names: []string{"Kumulatif", "Cumulative"}},
	{Key: ColTW + "1", Names: []string{"Target TW1", "Target Q1"}},
	{Key: ColTW + "2", Names: []string{"Target TW2", "Target Q2"}},
	{Key: ColTW + "3", Names: []string{"Target TW3", "Target Q3"}},
	{Key: ColTW + "4", Names: []string{"Target TW4", "Target Q4"}},
}

// Targets is the outcome of checking a targets file.
type Targets struct {
	Targets []kinerja.Target // valid rows, in file order
	Rows    int
	BadRows []int
	// Warnings are doubts that do not stop a row, such as quarterly
	// targets of a count that do not add up to the yearly one.
	Warnings []Problem
}

// TargetSummary counts what a targets import did, with the warnings about
// rows that were written all the same.
type TargetSummary struct {
	Added, Updated, Unchanged, Skipped int
	Warnings                           []Problem
}

// Counts is the summary without its warnings, for comparing.
func (s TargetSummary) Counts() [4]int { return [4]int{s.Added, s.Updated, s.Unchanged, s.Skipped} }

// Text renders the warnings, one a line, then the summary in lang.
func (s TargetSummary) Text(lang kinerja.Lang) string {
	var sb strings.Builder
	for _, w := range s.Warnings {
		sb.WriteString(Message(lang, "targets.warning", w.Text(lang)) + "\n")
	}
	return sb.String() + Message(lang, "targets.summary", s.Added, s.Updated, s.Unchanged, s.Skipped)
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
// (known reports whether it is), Periode a month YYYY-MM, a quarter YYYY-Qn
// or a year YYYY, the code unique per person and period, Target a number
// above zero (or empty for a band), Arah naik, turun or rentang, Bobot
// empty or a number of zero or more, and the indicator-kind columns as
// parseKind says. It writes nothing and returns the rows that passed with
// every problem found; doubts go to Warnings.
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
	title := func(key string) string {
		if i, ok := cols[key]; ok {
			return t.Header[i]
		}
		return ""
	}
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
		warn := func(key, text string, args ...any) {
			r.Warnings = append(r.Warnings, Problem{Row: row.Num, Column: title(key), Key: text, Args: args})
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
			tg.Period = ""
		} else {
			tg.Period = p.String()
		}
		for _, c := range []struct{ key, v string }{{ColCode, tg.Code}, {ColIndicator, tg.Name}, {ColUnit, tg.Unit}} {
			if c.v == "" {
				fail(c.key, "roster.required")
			}
		}
		switch d := strings.ToLower(cell(ColDirection)); d {
		case "naik", "higher", "up":
			tg.Direction = kinerja.HigherIsBetter
		case "turun", "lower", "down":
			tg.Direction = kinerja.LowerIsBetter
		case "rentang", "range":
			tg.Direction = kinerja.InRange
		case "":
			fail(ColDirection, "roster.required")
		default:
			fail(ColDirection, "targets.direction_invalid", cell(ColDirection))
		}
		if v := cell(ColTarget); v == "" {
			if tg.Direction != kinerja.InRange {
				fail(ColTarget, "roster.required")
			}
		} else if n, ok := parseNumber(v); !ok || n <= 0 {
			fail(ColTarget, "targets.target_invalid", v)
		} else {
			tg.Target = n
		}
		if v := cell(ColWeight); v != "" {
			if n, ok := parseNumber(v); !ok {
				fail(ColWeight, "targets.weight_invalid", v)
			} else {
				tg.Weight = n
			}
		}
		parseKind(&tg, cell, fail, warn)
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

// parseKind reads the indicator-kind columns of a row into tg: Agregasi
// jumlah, rata-rata or terakhir (default jumlah); for Arah rentang a band
// Target Min ≤ Target Maks, both above zero (Target, when empty, becomes the
// upper bound); Target TW1–TW4 only on a yearly row, all four or none,
// with a warning when a count's quarters do not add up to the year; and
// Kumulatif ya or tidak.
func parseKind(tg *kinerja.Target, cell func(string) string, fail, warn func(key, text string, args ...any)) {
	switch a := strings.ToLower(cell(ColAggregate)); a {
	case "", "jumlah", "sum", "total":
	case "rata-rata", "ratarata", "rata rata", "rerata", "mean", "average":
		tg.Aggregation = kinerja.AggMean
	case "terakhir", "last", "latest":
		tg.Aggregation = kinerja.AggLast
	default:
		fail(ColAggregate, "targets.aggregation_invalid", cell(ColAggregate))
	}
	number := func(key string) (float64, bool) {
		v := cell(key)
		if v == "" {
			return 0, true
		}
		n, ok := parseNumber(v)
		if !ok || n <= 0 {
			fail(key, "targets.target_invalid", v)
			return 0, false
		}
		return n, true
	}
	lo, okLo := number(ColTargetMin)
	hi, okHi := number(ColTargetMax)
	if tg.Direction == kinerja.InRange {
		switch {
		case !okLo || !okHi:
		case lo == 0 || hi == 0:
			fail(ColTargetMin, "targets.range_missing")
		case lo > hi:
			fail(ColTargetMin, "targets.range_reversed", cell(ColTargetMin), cell(ColTargetMax))
		default:
			tg.TargetMin, tg.TargetMax = lo, hi
			if tg.Target == 0 {
				tg.Target = hi
			}
		}
	} else if lo != 0 || hi != 0 {
		fail(ColTargetMin, "targets.range_not_rentang")
	}
	given := 0
	for q := range 4 {
		key := ColTW + strconv.Itoa(q+1)
		if cell(key) == "" {
			continue
		}
		given++
		if n, ok := number(key); ok {
			tg.Quarterly[q] = n
		}
	}
	if given > 0 {
		switch {
		case len(tg.Period) != 4:
			fail(ColTW+"1", "targets.tw_not_yearly", tg.Period)
		case given < 4:
			fail(ColTW+"1", "targets.tw_incomplete")
		case tg.Direction == kinerja.InRange:
			fail(ColTW+"1", "targets.tw_range")
		case tg.Aggregation.Or() == kinerja.AggSum && tg.Target > 0:
			sum := tg.Quarterly[0] + tg.Quarterly[1] + tg.Quarterly[2] + tg.Quarterly[3]
			if math.Abs(sum-tg.Target) > 1e-9*math.Max(1, tg.Target) {
				warn(ColTW+"1", "targets.tw_sum", formatNum(sum), formatNum(tg.Target))
			}
		}
	}
	switch c := strings.ToLower(cell(ColCumulative)); c {
	case "", "tidak", "no", "n", "0", "false":
	case "ya", "yes", "y", "1", "true":
		tg.Cumulative = true
	default:
		fail(ColCumulative, "targets.cumulative_invalid", cell(ColCumulative))
	}
}

// formatNum writes a number the Indonesian way, without trailing zeros.
func formatNum(v float64) string {
	return strings.Replace(strconv.FormatFloat(v, 'f', -1, 64), ".", ",", 1)
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
	return checkThenApply(ctx, db, skipInvalid, func(tx kinerja.Tx) (*Targets, []Problem, error) {
		idx, err := LoadStaffIndex(ctx, tx)
		if err != nil {
			return nil, nil, err
		}
		r, probs := ParseTargets(t, func(nip string) bool { _, ok := idx[nip]; return ok })
		return r, probs, nil
	}, func(r *Targets) TargetSummary { return TargetSummary{Skipped: r.Rows} },
		func(tx kinerja.Tx, r *Targets) (TargetSummary, error) {
			sum, err := ApplyTargets(ctx, tx, r, at)
			sum.Warnings = r.Warnings
			return sum, err
		})
}

// The texts of the targets import, merged into the package catalogue.
func init() {
	for lang, texts := range map[kinerja.Lang]map[string]string{
		kinerja.LangID: {
			"targets.no_rows":             "Berkas tidak berisi satu pun baris target.",
			"targets.nip_unknown":         "Tidak ada pegawai dengan NIP %s di data pegawai. Impor data pegawai terlebih dahulu.",
			"targets.period_invalid":      "Periode harus berupa bulan YYYY-MM (misalnya 2026-11), triwulan YYYY-Q1 sampai YYYY-Q4, atau tahun YYYY (tertulis %q). Jika Excel mengubahnya menjadi tanggal, format kolom ini sebagai Teks.",
			"targets.target_invalid":      "Target harus berupa angka lebih dari nol, tanpa pemisah ribuan, misalnya 200 atau 2,5 (tertulis %q).",
			"targets.direction_invalid":   "Arah hanya boleh \"naik\" (makin tinggi makin baik), \"turun\" (makin rendah makin baik) atau \"rentang\" (di antara Target Min dan Target Maks) (tertulis %q).",
			"targets.aggregation_invalid": "Agregasi hanya boleh \"jumlah\" (laporan dijumlahkan), \"rata-rata\" (rata-rata nilai yang dilaporkan) atau \"terakhir\" (nilai yang terakhir dilaporkan) (tertulis %q).",
			"targets.range_missing":       "Arah \"rentang\" memerlukan Target Min dan Target Maks, keduanya angka lebih dari nol.",
			"targets.range_reversed":      "Nilai Target Min (%s) lebih besar dari Target Maks (%s); tukar keduanya.",
			"targets.range_not_rentang":   "Target Min dan Target Maks hanya dipakai untuk Arah \"rentang\"; kosongkan, atau ubah Arah menjadi rentang.",
			"targets.tw_not_yearly":       "Target TW1–TW4 hanya boleh diisi pada target tahunan (Periode YYYY), bukan pada periode %s.",
			"targets.tw_incomplete":       "Isi keempat Target TW1, TW2, TW3 dan TW4, atau kosongkan semuanya.",
			"targets.tw_range":            "Target TW1–TW4 tidak dipakai untuk Arah \"rentang\"; kosongkan.",
			"targets.tw_sum":              "jumlah Target TW1–TW4 (%s) tidak sama dengan target tahunan (%s). Baris tetap disimpan; setiap triwulan dinilai dengan target triwulannya.",
			"targets.cumulative_invalid":  "Kumulatif hanya boleh \"ya\" atau \"tidak\" (tertulis %q).",
			"targets.warning":             "Peringatan: %s",
			"targets.weight_invalid":      "Bobot harus berupa angka nol atau lebih, atau dikosongkan untuk bobot sama rata (tertulis %q).",
			"targets.duplicate":           "Kode indikator %s untuk pegawai dan periode yang sama sudah ada di baris %d.",
			"targets.nothing_written":     "Ada %d masalah pada berkas; tidak ada target yang disimpan. Perbaiki baris di atas lalu impor ulang, atau gunakan --skip-invalid untuk menyimpan baris yang benar saja.",
			"targets.summary":             "Target: %[1]d baru, %[2]d diubah, %[3]d tetap. Baris dilewati: %[4]d.",
		},
		kinerja.LangEN: {
			"targets.no_rows":             "The file has no target rows.",
			"targets.nip_unknown":         "Nobody with NIP %s is on the roster. Import the roster first.",
			"targets.period_invalid":      "Period must be a month YYYY-MM (for example 2026-11), a quarter YYYY-Q1 to YYYY-Q4, or a year YYYY (found %q). If Excel turned it into a date, format this column as Text.",
			"targets.target_invalid":      "Target must be a number above zero, without a thousands separator, for example 200 or 2.5 (found %q).",
			"targets.direction_invalid":   "Direction must be \"naik\" (higher is better), \"turun\" (lower is better) or \"rentang\" (between Target Min and Target Maks) (found %q).",
			"targets.aggregation_invalid": "Aggregation must be \"jumlah\" (reports add up), \"rata-rata\" (the mean of reported values) or \"terakhir\" (the last reported value) (found %q).",
			"targets.range_missing":       "Direction \"rentang\" needs Target Min and Target Maks, both numbers above zero.",
			"targets.range_reversed":      "The Target Min (%s) is greater than the Target Maks (%s); swap them.",
			"targets.range_not_rentang":   "Target Min and Target Maks are only used with Direction \"rentang\"; leave them empty, or make the direction rentang.",
			"targets.tw_not_yearly":       "Target TW1–TW4 may only be given on a yearly target (Period YYYY), not on period %s.",
			"targets.tw_incomplete":       "Give all four of Target TW1, TW2, TW3 and TW4, or none.",
			"targets.tw_range":            "Target TW1–TW4 are not used with Direction \"rentang\"; leave them empty.",
			"targets.tw_sum":              "Target TW1–TW4 add up to %s, not the yearly target %s. The row is saved; each quarter is rated against its own target.",
			"targets.cumulative_invalid":  "Cumulative must be \"ya\" (yes) or \"tidak\" (no) (found %q).",
			"targets.warning":             "Warning: %s",
			"targets.weight_invalid":      "Weight must be a number of zero or more, or empty for equal weights (found %q).",
			"targets.duplicate":           "Indicator code %s for the same person and period is already in row %d.",
			"targets.nothing_written":     "The file has %d problems; no targets were saved. Fix the rows above and import again, or use --skip-invalid to save only the good rows.",
			"targets.summary":             "Targets: %[1]d added, %[2]d updated, %[3]d unchanged. Rows skipped: %[4]d.",
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
