// Package budget is a unit's budget efficiency (issue "Targets", part 3):
// the unit's finance officer reports the month's pagu and realisasi with
// /anggaran (buttons and typed amounts, /cancel to stop), and the budget
// export lists each unit's absorption to date against the planned curve.
// The same figures come from `kinerjabot budget import` (package importer);
// the evaluation scores them for the unit head (bot/evaluation).
package budget

import (
	"context"
	"slices"
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

// Config is the budget's local policy.
type Config struct {
	// FinanceNIPs maps a unit code to the NIP of its finance officer
	// (bendahara or PPK keuangan; units.<CODE>.finance_nip), who may report
	// the unit's budget in the chat.
	FinanceNIPs map[string]string
	// Plan is the planned absorption curve and its band (the evaluation's).
	Plan scoring.BudgetPlan
}

// Feature is /anggaran and the budget export.
type Feature struct {
	deps bot.Deps
	cfg  Config
}

// New returns the budget feature over deps with cfg.
func New(deps bot.Deps, cfg Config) *Feature {
	cfg.Plan = cfg.Plan.WithDefaults()
	fin := map[string]string{}
	for code, nip := range cfg.FinanceNIPs {
		fin[strings.ToUpper(code)] = nip
	}
	cfg.FinanceNIPs = fin
	return &Feature{deps: deps.WithDefaults(), cfg: cfg}
}

// flow is the dialogue of one month's report.
const flow = "anggaran"

// buttons are /anggaran's: "ang:u:<unit>", "ang:m:<unit>:<month>",
// "ang:same" (the pagu as before), "ang:ok" and "ang:no".
var buttons = bot.Buttons{Prefix: "ang"}

// Register adds /anggaran, its buttons and its dialogue.
func (f *Feature) Register(b *bot.Bot) {
	staff := []kinerja.Role{kinerja.RoleStaff}
	b.Command(bot.CommandSpec{Name: "anggaran", Aliases: []string{"budget"}, Roles: staff,
		Help: "ang.cmd", Handle: f.cmdBudget})
	b.Button(bot.ButtonSpec{Buttons: buttons, Action: "u", Args: 1, Roles: staff, Handle: f.pressUnit})
	b.Button(bot.ButtonSpec{Buttons: buttons, Action: "m", Args: 2, Roles: staff, Handle: f.pressMonth})
	b.Button(bot.ButtonSpec{Buttons: buttons, Action: "same", Roles: staff, Handle: f.pressSame})
	b.Button(bot.ButtonSpec{Buttons: buttons, Action: "ok", Roles: staff, Handle: f.pressSave})
	b.Button(bot.ButtonSpec{Buttons: buttons, Action: "no", Roles: staff, Handle: f.pressCancel})
	b.Flow(bot.FlowSpec{Name: flow, Handle: f.typed})
}

// unitsOf returns the codes of the units nip is the finance officer of,
// sorted.
func (f *Feature) unitsOf(nip string) []string {
	var out []string
	for code, fin := range f.cfg.FinanceNIPs {
		if fin == nip {
			out = append(out, code)
		}
	}
	slices.Sort(out)
	return out
}

// isFinance reports whether nip is the finance officer of unit.
func (f *Feature) isFinance(nip, unit string) bool {
	return nip != "" && f.cfg.FinanceNIPs[strings.ToUpper(unit)] == nip
}

// store is what the budget reads and writes.
type store interface {
	kinerja.BudgetStore
	kinerja.AuditStore
	Unit(ctx context.Context, code string) (*kinerja.Unit, error)
}

// Absorption is a unit's absorption to the end of month (1–12) of year
// from rows, with the plan and band there and the capaian; ok is false
// without a pagu.
type Absorption struct {
	Month             int
	Pct, Plan, Lo, Hi float64
	Capaian           float64
	Cumulative, Pagu  float64
}

// absorption computes the unit's Absorption to month from its rows of
// the year.
func (f *Feature) absorption(rows []*kinerja.Budget, month int) (Absorption, bool) {
	var figures []scoring.BudgetMonth
	a := Absorption{Month: month, Plan: f.cfg.Plan.PlanAt(month)}
	latest := 0
	for _, b := range rows {
		m := b.MonthPeriod().Index
		figures = append(figures, scoring.BudgetMonth{Month: m, Pagu: b.Pagu, Realisasi: b.Realisasi})
		if m <= month {
			a.Cumulative += b.Realisasi
			if b.Pagu > 0 && m >= latest {
				a.Pagu, latest = b.Pagu, m
			}
		}
	}
	pct, ok := scoring.Absorption(figures, month)
	if !ok {
		return a, false
	}
	a.Pct = pct
	a.Lo, a.Hi = f.cfg.Plan.BandAt(month)
	a.Capaian, _ = f.cfg.Plan.BudgetCapaian(pct, month)
	return a, true
}
