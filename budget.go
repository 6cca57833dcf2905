package kinerja

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
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

// Rupiah as HR and finance officers type it: plain digits, or groups of
// three separated by dots (Indonesian) or commas (English), with at most
// two decimals after the other separator. A separator followed by exactly
// three digits is a thousands separator; rupiah never have three decimals,
// so "1.000" is a thousand whichever way it was typed.
var (
	rupiahPlain   = regexp.MustCompile(`^[0-9]+([.,][0-9]{1,2})?$`)
	rupiahGrouped = regexp.MustCompile(`^[0-9]{1,3}(([.,])[0-9]{3})(([.,])[0-9]{3})*([.,][0-9]{1,2})?$`)
)

// ParseRupiah reads an amount of rupiah (see rupiahGrouped); ok is false
// for anything else, including a negative amount, mixed separators or
// more than maxRupiah.
func ParseRupiah(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if rest, ok := strings.CutPrefix(s, "Rp"); ok {
		s = strings.TrimPrefix(rest, ".") // "Rp. 2.500"
	}
	s = strings.ReplaceAll(s, " ", "")
	if rupiahPlain.MatchString(s) {
		return rupiahValue(strings.Replace(s, ",", ".", 1))
	}
	if !rupiahGrouped.MatchString(s) {
		return 0, false
	}
	group := s[strings.IndexAny(s, ".,")]
	intPart, frac := s, ""
	if i := strings.LastIndexAny(s, ".,"); len(s)-i-1 <= 2 {
		if s[i] == group {
			return 0, false // "1.000.5": a decimal with the group separator
		}
		intPart, frac = s[:i], s[i+1:]
	}
	if strings.ContainsRune(strings.ReplaceAll(intPart, string(group), ""), ',') ||
		strings.ContainsRune(strings.ReplaceAll(intPart, string(group), ""), '.') {
		return 0, false // mixed group separators
	}
	num := strings.ReplaceAll(intPart, string(group), "")
	if frac != "" {
		num += "." + frac
	}
	return rupiahValue(num)
}

// maxRupiah bounds an amount: a thousand trillion rupiah is far above any
// regional budget, and a longer number is a typing slip.
const maxRupiah = 1e15

// rupiahValue reads a plain decimal amount within maxRupiah.
func rupiahValue(num string) (float64, bool) {
	v, err := strconv.ParseFloat(num, 64)
	return v, err == nil && v <= maxRupiah
}

// FormatRupiah writes an amount the Indonesian way, "Rp 1.250.000.000"
// (two decimals only when there are cents: "Rp 1.250,50").
func FormatRupiah(v float64) string {
	whole := math.Floor(v)
	cents := int64((v-whole)*100 + 0.5)
	if cents == 100 {
		whole, cents = whole+1, 0
	}
	digits := strconv.FormatFloat(whole, 'f', 0, 64)
	var sb strings.Builder
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			sb.WriteByte('.')
		}
		sb.WriteRune(d)
	}
	if cents > 0 {
		sb.WriteString(fmt.Sprintf(",%02d", cents))
	}
	return "Rp " + sb.String()
}
