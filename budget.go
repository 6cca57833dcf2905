package kinerja

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// Budget is one month of a unit's budget (anggaran): the ceiling in force
// (pagu, the year's allocation as revised by that month) and the money
// spent in that month (realisasi). Absorption (penyerapan) to a month is
// the year's realisations up to it over the latest pagu (scoring.Absorption).
// It is the unit's budget-efficiency indicator, one of the three Solok
// measures of a unit (issue "Targets", part 3).
type Budget struct {
	UnitCode  string
	Month     string  // "YYYY-MM"
	Pagu      float64 // rupiah; the ceiling as of this month
	Realisasi float64 // rupiah spent in this month (not cumulative)
	// Source says who wrote it: BudgetImported or BudgetReported.
	Source     string
	ReportedBy string // NIP of the finance officer, "" for an import
	UpdatedAt  time.Time
}

// Where a budget month came from (Budget.Source).
const (
	BudgetImported = "import" // `budget import`
	BudgetReported = "chat"   // the unit's finance officer in the bot
)

// MonthPeriod is the budget's month (the zero Period when unreadable).
func (b *Budget) MonthPeriod() Period {
	p, _ := ParsePeriod(b.Month)
	return p
}

// SameFigures reports whether b and o hold the same unit, month and money:
// re-importing a file changes nothing.
func (b *Budget) SameFigures(o *Budget) bool {
	return b.UnitCode == o.UnitCode && b.Month == o.Month && b.Pagu == o.Pagu && b.Realisasi == o.Realisasi
}

// AuditJSON returns the budget month as canonical JSON for the audit log.
func (b *Budget) AuditJSON() string {
	out, _ := json.Marshal(struct {
		Unit       string  `json:"unit_code"`
		Month      string  `json:"month"`
		Pagu       float64 `json:"pagu"`
		Realisasi  float64 `json:"realisasi"`
		Source     string  `json:"source"`
		ReportedBy string  `json:"reported_by,omitempty"`
	}{b.UnitCode, b.Month, b.Pagu, b.Realisasi, b.Source, b.ReportedBy})
	return string(out)
}

// String names the budget month for logs.
func (b *Budget) String() string { return fmt.Sprintf("%s/%s", b.UnitCode, b.Month) }

// BudgetFilter narrows Budgets. Empty fields do not filter.
type BudgetFilter struct {
	UnitCode string
	Year     int // 0: every year
}

// BudgetStore keeps the units' monthly budgets.
type BudgetStore interface {
	// PutBudget inserts or replaces the unit's month and reports whether
	// its figures changed.
	PutBudget(ctx context.Context, b *Budget) (changed bool, err error)
	// Budgets returns the months that match f, by unit then month.
	Budgets(ctx context.Context, f BudgetFilter) ([]*Budget, error)
}
