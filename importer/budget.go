package importer

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
)

// Keys of the budget columns, as used in BudgetColumns.
const (
	ColBudgetUnit = "unit_code"
	ColMonth      = "month"
	ColPagu       = "pagu"
	ColRealisasi  = "realisasi"
)

// BudgetColumns are the columns of a budget file: one row per unit and
// month, the ceiling in force (Pagu) and what was spent in that month
// (Realisasi), in rupiah.
var BudgetColumns = []sheet.ColumnSpec{
	{Key: ColBudgetUnit, Names: []string{"Kode Unit", "Unit Code"}, Required: true},
	{Key: ColMonth, Names: []string{"Periode", "Period", "Bulan", "Month"}, Required: true},
	{Key: ColPagu, Names: []string{"Pagu", "Ceiling"}, Required: true},
	{Key: ColRealisasi, Names: []string{"Realisasi", "Realisation", "Spent"}, Required: true},
}

// Budgets is the outcome of checking a budget file.
type Budgets struct {
	Budgets  []kinerja.Budget // valid rows, in file order
	Rows     int
	BadRows  []int
	Warnings []Problem
}

// BudgetSummary counts what a budget import did, with the warnings about
// rows written all the same.
type BudgetSummary struct {
	Added, Updated, Unchanged, Skipped int
	Warnings                           []Problem
}

// Text renders the warnings, one a line, then the summary in lang.
func (s BudgetSummary) Text(lang kinerja.Lang) string {
	var sb strings.Builder
	for _, w := range s.Warnings {
		sb.WriteString(Message(lang, "targets.warning", w.Text(lang)) + "\n")
	}
	return sb.String() + Message(lang, "budget.summary", s.Added, s.Updated, s.Unchanged, s.Skipped)
}

// ParseRupiah reads an amount of rupiah (kinerja.ParseRupiah).
func ParseRupiah(s string) (float64, bool) { return kinerja.ParseRupiah(s) }

// ParseBudgets checks a whole budget file: Kode Unit a unit on the roster
// (known reports whether it is), Periode a month YYYY-MM, each unit and
// month once, Pagu rupiah above zero and Realisasi rupiah of zero or
// more. A month that spends more than its pagu is a warning. It writes
// nothing.
func ParseBudgets(t *sheet.Table, known func(unit string) bool) (*Budgets, []Problem) {
	r := &Budgets{Rows: len(t.Rows)}
	cols, layout := t.Columns(BudgetColumns)
	if len(layout) > 0 {
		for _, row := range t.Rows {
			r.BadRows = append(r.BadRows, row.Num)
		}
		return r, fromSheet(layout)
	}
	if len(t.Rows) == 0 {
		return r, []Problem{{Key: "budget.no_rows"}}
	}
	var probs []Problem
	seen := map[string]int{}
	for _, row := range t.Rows {
		cell := func(key string) string { return strings.TrimSpace(row.Cell(cols[key])) }
		bad := false
		fail := func(key, text string, args ...any) {
			bad = true
			probs = append(probs, Problem{Row: row.Num, Column: t.Header[cols[key]], Key: text, Args: args})
		}
		b := kinerja.Budget{UnitCode: strings.ToUpper(cell(ColBudgetUnit)), Month: cell(ColMonth), Source: kinerja.BudgetImported}
		switch {
		case b.UnitCode == "":
			fail(ColBudgetUnit, "roster.required")
		case !known(b.UnitCode):
			fail(ColBudgetUnit, "budget.unit_unknown", b.UnitCode)
		}
		if b.Month == "" {
			fail(ColMonth, "roster.required")
		} else if p, err := kinerja.ParsePeriod(b.Month); err != nil || p.Kind != kinerja.Monthly || p.String() != b.Month {
			fail(ColMonth, "budget.month_invalid", b.Month)
		}
		amount := func(key string, positive bool) float64 {
			v := cell(key)
			if v == "" {
				fail(key, "roster.required")
				return 0
			}
			n, ok := ParseRupiah(v)
			switch {
			case scientific.MatchString(v):
				fail(key, "budget.scientific", v)
			case !ok:
				fail(key, "budget.amount_invalid", v)
			case positive && n <= 0:
				fail(key, "budget.pagu_zero", v)
			}
			return n
		}
		b.Pagu, b.Realisasi = amount(ColPagu, true), amount(ColRealisasi, false)
		if !bad {
			k := b.UnitCode + "|" + b.Month
			if first, dup := seen[k]; dup {
				fail(ColMonth, "budget.duplicate", b.UnitCode, b.Month, first)
			} else {
				seen[k] = row.Num
			}
		}
		if bad {
			r.BadRows = append(r.BadRows, row.Num)
			continue
		}
		if b.Realisasi > b.Pagu {
			r.Warnings = append(r.Warnings, Problem{Row: row.Num, Column: t.Header[cols[ColRealisasi]], Key: "budget.over_pagu"})
		}
		r.Budgets = append(r.Budgets, b)
	}
	return r, probs
}

// BudgetStore is what writing budgets needs; a kinerja.Tx is one. Every
// change is recorded in the audit log, since budgets decide a unit head's
// achievement.
type BudgetStore interface {
	kinerja.BudgetStore
	kinerja.AuditStore
}

// ApplyBudgets writes the months of r, as of instant at, and counts what
// changed; importing the same file twice changes nothing the second time.
func ApplyBudgets(ctx context.Context, tx BudgetStore, r *Budgets, at time.Time) (BudgetSummary, error) {
	sum := BudgetSummary{Skipped: len(r.BadRows), Warnings: r.Warnings}
	existing := map[string]*kinerja.Budget{}
	loaded := map[string]bool{}
	for _, b := range r.Budgets {
		year := b.MonthPeriod().Year
		if k := b.UnitCode + "|" + strconv.Itoa(year); !loaded[k] {
			loaded[k] = true
			list, err := tx.Budgets(ctx, kinerja.BudgetFilter{UnitCode: b.UnitCode, Year: year})
			if err != nil {
				return sum, fmt.Errorf("read budgets of %s: %w", b.UnitCode, err)
			}
			for _, old := range list {
				existing[old.UnitCode+"|"+old.Month] = old
			}
		}
		old := existing[b.UnitCode+"|"+b.Month]
		b.UpdatedAt = at
		changed, err := tx.PutBudget(ctx, &b)
		if err != nil {
			return sum, fmt.Errorf("write budget %s: %w", &b, err)
		}
		count(&sum.Added, &sum.Updated, &sum.Unchanged, old == nil, changed)
		if !changed {
			continue
		}
		if err := AuditBudget(ctx, tx, old, &b, ""); err != nil {
			return sum, err
		}
	}
	return sum, nil
}

// AuditBudget records a changed budget month (old is nil for a new one),
// by actor ("" for the command line).
func AuditBudget(ctx context.Context, tx kinerja.AuditStore, old, b *kinerja.Budget, actor string) error {
	action, before := "budget.create", ""
	if old != nil {
		action, before = "budget.update", old.AuditJSON()
	}
	return tx.AppendAudit(ctx, &kinerja.AuditEntry{At: b.UpdatedAt, ActorNIP: actor, Action: action, Entity: "budget",
		EntityID: b.String(), Before: before, After: b.AuditJSON()})
}

// ImportBudgets checks a budget file against the units and writes it in
// one transaction. When the file has problems nothing is written unless
// skipInvalid is set, in which case the rows that passed are written.
func ImportBudgets(ctx context.Context, db kinerja.Store, t *sheet.Table, at time.Time, skipInvalid bool) (BudgetSummary, []Problem, error) {
	return checkThenApply(ctx, db, skipInvalid, func(tx kinerja.Tx) (*Budgets, []Problem, error) {
		units, err := tx.ListUnits(ctx)
		if err != nil {
			return nil, nil, fmt.Errorf("load units: %w", err)
		}
		codes := map[string]bool{}
		for _, u := range units {
			codes[strings.ToUpper(u.Code)] = true
		}
		r, probs := ParseBudgets(t, func(code string) bool { return codes[code] })
		return r, probs, nil
	}, func(r *Budgets) BudgetSummary { return BudgetSummary{Skipped: r.Rows} },
		func(tx kinerja.Tx, r *Budgets) (BudgetSummary, error) { return ApplyBudgets(ctx, tx, r, at) })
}

// The texts of the budget import, merged into the package catalogue.
func init() {
	for lang, texts := range map[kinerja.Lang]map[string]string{
		kinerja.LangID: {
			"budget.no_rows":         "Berkas tidak berisi satu pun baris anggaran.",
			"budget.unit_unknown":    "Tidak ada unit dengan kode %s di data pegawai. Impor data pegawai terlebih dahulu, atau periksa kodenya.",
			"budget.month_invalid":   "Periode anggaran harus berupa bulan YYYY-MM, misalnya 2026-03 (tertulis %q). Jika Excel mengubahnya menjadi tanggal, format kolom ini sebagai Teks.",
			"budget.amount_invalid":  "Jumlah harus berupa angka rupiah nol atau lebih, misalnya 1250000000 atau 1.250.000.000 (tertulis %q).",
			"budget.scientific":      "Jumlah tersimpan dalam notasi ilmiah sehingga digitnya hilang (tertulis %q). Format kolom ini sebagai Angka tanpa desimal, lalu ketik ulang.",
			"budget.pagu_zero":       "Pagu harus lebih dari nol (tertulis %q).",
			"budget.duplicate":       "Unit %s bulan %s sudah ada di baris %d. Setiap unit dan bulan hanya boleh muncul satu kali.",
			"budget.over_pagu":       "realisasi bulan ini melebihi pagu. Baris tetap disimpan; periksa kembali angkanya.",
			"budget.nothing_written": "Ada %d masalah pada berkas; tidak ada data anggaran yang disimpan. Perbaiki baris di atas lalu impor ulang, atau gunakan --skip-invalid untuk menyimpan baris yang benar saja.",
			"budget.summary":         "Anggaran: %[1]d bulan baru, %[2]d diubah, %[3]d tetap. Baris dilewati: %[4]d.",
		},
		kinerja.LangEN: {
			"budget.no_rows":         "The file has no budget rows.",
			"budget.unit_unknown":    "No unit with code %s is on the roster. Import the roster first, or check the code.",
			"budget.month_invalid":   "A budget period must be a month YYYY-MM, for example 2026-03 (found %q). If Excel turned it into a date, format this column as Text.",
			"budget.amount_invalid":  "An amount must be rupiah of zero or more, for example 1250000000 or 1,250,000,000 (found %q).",
			"budget.scientific":      "The amount was stored in scientific notation, so digits were lost (found %q). Format this column as a Number without decimals and type it again.",
			"budget.pagu_zero":       "Pagu (the ceiling) must be above zero (found %q).",
			"budget.duplicate":       "Unit %s, month %s is already in row %d. Each unit and month may appear only once.",
			"budget.over_pagu":       "this month's realisation exceeds the pagu. The row is saved; check the figures.",
			"budget.nothing_written": "The file has %d problems; no budget was saved. Fix the rows above and import again, or use --skip-invalid to save only the good rows.",
			"budget.summary":         "Budget: %[1]d months added, %[2]d updated, %[3]d unchanged. Rows skipped: %[4]d.",
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
