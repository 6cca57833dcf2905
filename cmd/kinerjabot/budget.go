package main

import (
	"context"
	"fmt"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/budget"
	"github.com/bkpsdm-solok/kinerjabot/importer"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
)

func init() {
	commands["budget"] = subcommand{"import the units' monthly budgets (budget import FILE)", runBudget}
}

// runBudget dispatches "budget import": the same import path as the roster
// and the targets (runSheetImport).
func runBudget(ctx context.Context, a *app, args []string) int {
	if len(args) == 0 || args[0] != "import" {
		fmt.Fprintln(a.stderr, "Usage:\n  kinerjabot budget import FILE [--skip-invalid]")
		if len(args) > 0 && (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
			return exitOK
		}
		return exitUsage
	}
	return runSheetImport(ctx, a, args[1:], "budget import",
		"Imports the units' budgets from a .csv or .xlsx file with the columns\n"+
			"Kode Unit, Periode (YYYY-MM), Pagu and Realisasi, one row per unit and month:\n"+
			"Pagu is the year's ceiling in force that month, Realisasi what was spent in that\n"+
			"month (not cumulative), both in rupiah (1250000000 or 1.250.000.000).\n"+
			"Absorption to date is the year's realisations over the latest pagu; it is a unit\n"+
			"head's budget-efficiency indicator. The whole file is checked first; by default\n"+
			"nothing is written when any row is bad. See configs/budget.example.csv.",
		"budget.nothing_written",
		func(ctx context.Context, db kinerja.Store, t *sheet.Table, at time.Time, skip bool) (fmt.Stringer, []importer.Problem, error) {
			sum, probs, err := importer.ImportBudgets(ctx, db, t, at, skip)
			return summaryText{a.cfg.lang, sum}, probs, err
		})
}

// budgetPlan reads evaluation.budget_plan: four quarters or none, and a
// band; zero values take the defaults.
func (s EvaluationSettings) budgetPlan() (scoring.BudgetPlan, error) {
	bp := scoring.BudgetPlan{Band: s.BudgetPlan.Band}
	switch len(s.BudgetPlan.Quarters) {
	case 0:
	case 4:
		copy(bp.Curve[:], s.BudgetPlan.Quarters)
	default:
		return bp, &ConfigError{Key: "evaluation.budget_plan.quarters", Msg: "give the planned absorption at the end of all four quarters, e.g. [20, 45, 70, 95]"}
	}
	if s.BudgetPlan.Band < 0 {
		return bp, &ConfigError{Key: "evaluation.budget_plan.band", Msg: "must be above 0 and below 50 points (0 = the default, 5)"}
	}
	if err := bp.Validate(); err != nil {
		return bp, &ConfigError{Key: "evaluation.budget_plan", Msg: "quarters must rise, each above 0 and at most 100; the band must be below 50 points"}
	}
	return bp.WithDefaults(), nil
}

// budgetPlan is the checked plan (the configuration was checked at load).
func (a *app) budgetPlan() scoring.BudgetPlan {
	bp, _ := a.cfg.Evaluation.budgetPlan()
	return bp
}

// budgetConfig is the budget feature's: the finance officers of the units
// and the evaluation's plan.
func (a *app) budgetConfig() budget.Config {
	fin := map[string]string{}
	for code, u := range a.cfg.Units {
		if u.FinanceNIP != "" {
			fin[code] = u.FinanceNIP
		}
	}
	return budget.Config{FinanceNIPs: fin, Plan: a.budgetPlan()}
}

// evalPeriodKinds are the values of evaluation.period ("" is monthly).
var evalPeriodKinds = map[string]kinerja.PeriodKind{"": kinerja.Monthly, "monthly": kinerja.Monthly,
	"quarterly": kinerja.Quarterly, "semester": kinerja.Semester}
