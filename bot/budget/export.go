package budget

import (
	"context"
	"strconv"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/export"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
)

// Exports offers "budget": each unit's months of the period's year up to
// the period's end, with the absorption to date, the plan, its band and
// the capaian the evaluation gives a unit head.
func (f *Feature) Exports() []export.Kind {
	return []export.Kind{{Name: "budget", Label: "ang.export_label",
		About:   "units' budgets by month: pagu, realisasi, cumulative absorption against the planned band, capaian",
		Build:   func(ctx context.Context, p kinerja.Period) ([]sheet.Sheet, error) { return f.BudgetSheets(ctx, p, "") },
		ForUnit: f.BudgetSheets}}
}

// budgetHeader is the budget export's columns.
var budgetHeader = []string{"Kode Unit", "Nama Unit", "Periode", "Pagu", "Realisasi", "Realisasi Kumulatif",
	"Penyerapan %", "Rencana %", "Rentang Min %", "Rentang Maks %", "Capaian %", "Sumber", "Dilaporkan Oleh", "Diperbarui"}

// BudgetSheets is the budget table of p's year up to p's last month, of
// one unit or (unit "") every unit.
func (f *Feature) BudgetSheets(ctx context.Context, p kinerja.Period, unit string) ([]sheet.Sheet, error) {
	months := p.Months()
	last := months[len(months)-1]
	rows, err := f.deps.Store.Budgets(ctx, kinerja.BudgetFilter{UnitCode: unit, Year: last.Year})
	if err != nil {
		return nil, err
	}
	byUnit := map[string][]*kinerja.Budget{}
	var order []string
	for _, b := range rows {
		if b.MonthPeriod().Index > last.Index {
			continue
		}
		if byUnit[b.UnitCode] == nil {
			order = append(order, b.UnitCode)
		}
		byUnit[b.UnitCode] = append(byUnit[b.UnitCode], b)
	}
	num := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	pct := func(x float64) string { return strconv.FormatFloat(x, 'f', 2, 64) }
	out := sheet.Sheet{Name: "Anggaran", Header: budgetHeader}
	for _, code := range order {
		name := code
		if u, err := f.deps.Store.Unit(ctx, code); err == nil {
			name = u.Name
		}
		list := byUnit[code]
		for i, b := range list {
			row := []string{code, name, b.Month, num(b.Pagu), num(b.Realisasi)}
			if a, ok := f.absorption(list[:i+1], b.MonthPeriod().Index); ok {
				row = append(row, num(a.Cumulative), pct(a.Pct), pct(a.Plan), pct(a.Lo), pct(a.Hi), pct(a.Capaian))
			} else {
				row = append(row, "", "", "", "", "", "")
			}
			at := ""
			if !b.UpdatedAt.IsZero() {
				at = b.UpdatedAt.In(f.deps.Location).Format("2006-01-02 15:04")
			}
			out.Rows = append(out.Rows, append(row, b.Source, b.ReportedBy, at))
		}
	}
	return []sheet.Sheet{out}, nil
}

func init() {
	bot.RegisterTexts(map[string][2]string{
		"ang.export_label": {"💰 Anggaran unit (penyerapan)", "💰 Unit budgets (absorption)"},
	})
}
