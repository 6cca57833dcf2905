package main

import (
	"context"
	"fmt"
	"math"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/evaluation"
	"github.com/bkpsdm-solok/kinerjabot/bot/report"
	"github.com/bkpsdm-solok/kinerjabot/bot/survey"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

// EvaluationSettings is the evaluation: block of the configuration, the
// local policy of period evaluations (DOMAIN.md §2–§5). Every key is
// optional; the defaults are those of the domain rules.
type EvaluationSettings struct {
	// Thresholds turn a weighted capaian (percent) into the proposed
	// work-result rating: ≥ above is Di Atas, ≥ meets Sesuai (110 and 90).
	Thresholds struct {
		Above float64 `yaml:"above"`
		Meets float64 `yaml:"meets"`
	} `yaml:"thresholds"`
	// BehaviourPolicy combines the seven BerAKHLAK ratings: median (the
	// default) or mean (rounded).
	BehaviourPolicy string `yaml:"behaviour_policy"`
	// ObjectionDays is how many days after the notification a person may
	// object (14); the evaluation locks when it closes.
	ObjectionDays int `yaml:"objection_days"`
	// ObjectionReviewDays is how many days after an objection is filed its
	// reviewer has to decide it (14); the remind-objections job reminds the
	// reviewer before and tells the admins once it has passed.
	ObjectionReviewDays int `yaml:"objection_review_days"`
	// DeadlineDay is the day of the following month by which assessors
	// should have evaluated a period (5); shown to them, not enforced.
	DeadlineDay int `yaml:"deadline_day"`
	// Period is what evaluations are run by: monthly (the default),
	// quarterly or semester. /nilai opens the last one ended, and the
	// evaluation reminders run in the month after it, up to deadline_day.
	Period string `yaml:"period"`
	// CapaianCap caps one indicator's capaian before weighting, in percent
	// (0 = the default, 120; -1 = no cap), so that one over-achieved
	// indicator cannot hide another.
	CapaianCap float64 `yaml:"capaian_cap"`
	// LeaveAdjustsTargets takes approved leave days out of a count target's
	// pro-rated share once a period holds at least LeaveMinDays working days
	// of leave (default 1).
	LeaveAdjustsTargets bool `yaml:"leave_adjusts_targets"`
	LeaveMinDays        int  `yaml:"leave_min_days"`
	// Prorate is how a count target of a longer period is pro-rated to the
	// evaluated one: months (the default: equal monthly shares, 1/12 of a
	// yearly target per month, a month counted in part by its working
	// days) or working_days (the period's share of the target period's
	// working days).
	Prorate string `yaml:"prorate"`
	// AnnualBasis is what the annual (Akhir) proposal builds on: periods
	// (the decided periodic results, the default) or capaian (the year's
	// capaian from approved reports).
	AnnualBasis string `yaml:"annual_basis"`
	// TransferSplit evaluates a period in parts when a person's assessor
	// changed within it: each part's capaian from its own reports, the
	// proposal from their mean weighted by working days, or from the
	// earlier assessors' ratings of their parts once all are given
	// (default false: the whole period's reports, as one).
	TransferSplit bool `yaml:"transfer_split"`
	// BudgetPlan is the planned cumulative absorption of a unit's budget
	// at the end of Q1..Q4 (percent; default 20, 45, 70, 95), pro-rated by
	// month within a quarter, and the band either side of it in points
	// (default 5): a unit head's budget-efficiency indicator.
	BudgetPlan struct {
		Quarters []float64 `yaml:"quarters"`
		Band     float64   `yaml:"band"`
	} `yaml:"budget_plan"`
	// TopReviewer evaluates the people with no NIP Atasan (tops) and
	// reviews the objections of their subordinates: an admin on the roster
	// (nip), or an assessor outside the bot named by name and position,
	// whose decisions the admins record on their behalf.
	TopReviewer struct {
		NIP      string `yaml:"nip"`
		Name     string `yaml:"name"`
		Position string `yaml:"position"`
	} `yaml:"top_reviewer"`
}

// targetPolicy is how targets are compared, the same for /capaian and the
// evaluations: the cap, leave, and the working-day calendar of the
// reminders.
func (a *app) targetPolicy() report.TargetPolicy {
	s := a.cfg.Evaluation
	return report.TargetPolicy{Cap: s.CapaianCap, Calendar: kinerja.NewCalendar(a.cfg.Location(), a.cfg.holidays),
		LeaveAdjusts: s.LeaveAdjustsTargets, MinLeaveDays: s.LeaveMinDays, Prorate: s.Prorate}
}

// check validates the evaluation settings.
func (s EvaluationSettings) check() error {
	th := s.Thresholds
	if th.Above != 0 || th.Meets != 0 {
		if err := (scoring.Thresholds{Above: th.Above, Meets: th.Meets}).Validate(); err != nil || math.IsNaN(th.Above) {
			return &ConfigError{Key: "evaluation.thresholds", Msg: fmt.Sprintf("meets (%v) and above (%v) must be set together, with 0 < meets < above", th.Meets, th.Above)}
		}
	}
	if err := scoring.BehaviourPolicy(s.BehaviourPolicy).Validate(); err != nil {
		return &ConfigError{Key: "evaluation.behaviour_policy", Msg: fmt.Sprintf("%q is not allowed; use median or mean", s.BehaviourPolicy)}
	}
	if s.ObjectionDays < 0 || s.ObjectionDays > 90 {
		return &ConfigError{Key: "evaluation.objection_days", Msg: "must be between 1 and 90 (0 = the default, 14)"}
	}
	if s.ObjectionReviewDays < 0 || s.ObjectionReviewDays > 90 {
		return &ConfigError{Key: "evaluation.objection_review_days", Msg: "must be between 1 and 90 (0 = the default, 14)"}
	}
	if tr := s.TopReviewer; tr.NIP != "" && !kinerja.ValidNIP(tr.NIP) {
		return &ConfigError{Key: "evaluation.top_reviewer.nip", Msg: fmt.Sprintf("%q is not a NIP (18 digits)", tr.NIP)}
	}
	if s.DeadlineDay < 0 || s.DeadlineDay > 28 {
		return &ConfigError{Key: "evaluation.deadline_day", Msg: "must be between 1 and 28 (0 = the default, 5)"}
	}
	if math.IsNaN(s.CapaianCap) || s.CapaianCap != -1 && (s.CapaianCap < 0 || s.CapaianCap > 0 && s.CapaianCap < 100 || s.CapaianCap > 1000) {
		return &ConfigError{Key: "evaluation.capaian_cap", Msg: "must be between 100 and 1000 percent, 0 for the default (120), or -1 for no cap"}
	}
	if s.LeaveMinDays < 0 || s.LeaveMinDays > 60 {
		return &ConfigError{Key: "evaluation.leave_min_days", Msg: "must be between 1 and 60 working days (0 = the default, 1)"}
	}
	switch s.Prorate {
	case "", scoring.ProrateMonths, scoring.ProrateWorkingDays:
	default:
		return &ConfigError{Key: "evaluation.prorate", Msg: fmt.Sprintf("%q is not allowed; use months or working_days", s.Prorate)}
	}
	if _, ok := evalPeriodKinds[s.Period]; !ok {
		return &ConfigError{Key: "evaluation.period", Msg: fmt.Sprintf("%q is not allowed; use monthly, quarterly or semester", s.Period)}
	}
	if _, err := s.budgetPlan(); err != nil {
		return err
	}
	switch s.AnnualBasis {
	case "", evaluation.AnnualFromPeriods, evaluation.AnnualFromCapaian:
	default:
		return &ConfigError{Key: "evaluation.annual_basis", Msg: fmt.Sprintf("%q is not allowed; use periods or capaian", s.AnnualBasis)}
	}
	return nil
}

// evaluationConfig turns the settings into the feature's; zero fields take
// its defaults. The evaluation also reads two settings of other blocks:
// when reports lock, and the survey's anonymity threshold.
func (a *app) evaluationConfig() evaluation.Config {
	s := a.cfg.Evaluation
	return evaluation.Config{
		Thresholds:          scoring.Thresholds{Above: s.Thresholds.Above, Meets: s.Thresholds.Meets},
		Behaviour:           scoring.BehaviourPolicy(s.BehaviourPolicy),
		ObjectionDays:       s.ObjectionDays,
		ObjectionReviewDays: s.ObjectionReviewDays,
		DeadlineDay:         s.DeadlineDay,
		Targets:             a.targetPolicy(),
		Annual:              s.AnnualBasis,
		TransferSplit:       s.TransferSplit,
		Budget:              a.budgetPlan(),
		Period:              evalPeriodKinds[s.Period],
		TopReviewer:         evaluation.TopReviewer{NIP: s.TopReviewer.NIP, Name: s.TopReviewer.Name, Position: s.TopReviewer.Position},
	}
}

// evaluationFeature returns the evaluation over db, for the commands that
// run without a chat.
func (a *app) evaluationFeature(db kinerja.Store) *evaluation.Feature {
	deps := a.deps(db)
	cfg := a.evaluationConfig()
	surveys := survey.New(deps, a.surveyConfig())
	cfg.Survey, cfg.Reports, cfg.Speed = surveys, report.New(deps, a.reportsConfig()), surveys
	return evaluation.New(deps, cfg)
}

func init() {
	commands["unit-predicate"] = subcommand{"set a unit's own predicate for a period (SE MenPANRB 3/2023 distribution limits)", runUnitPredicate}
}

// runUnitPredicate sets a unit's predicate and prints the limits it brings
// and how the unit's confirmed results stand against them.
func runUnitPredicate(ctx context.Context, a *app, args []string) int {
	fs := newFlags(a, "unit-predicate", "--unit CODE --period PERIOD --predicate PREDIKAT",
		"Sets the unit's own predicate for a period, as decided by its superior. PREDIKAT is one of\n"+
			"Istimewa, Baik, \"Butuh Perbaikan\", Kurang, \"Sangat Kurang\" (case and spaces do not matter).\n"+
			"The bot then warns assessors and admins when the staff predicates break its limits; it never\n"+
			"changes a predicate. The same can be done in the chat with /predikatunit.")
	unit := fs.String("unit", "", "the unit `CODE`")
	period := fs.String("period", "", "the `PERIOD`: YYYY-MM, YYYY-Qn, YYYY-Sn or YYYY")
	predikat := fs.String("predicate", "", "the unit's `PREDIKAT`")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *unit == "" || *period == "" || *predikat == "" || fs.NArg() > 0 {
		fs.Usage()
		return exitUsage
	}
	db, err := a.openExisting(ctx)
	if err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", err)
		return exitFailed
	}
	defer db.Close()
	text, err := a.evaluationFeature(db).SetUnitPredicate(ctx, *unit, *period, *predikat)
	if err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", plain(a.userMessage(err)))
		return exitFailed
	}
	fmt.Fprintln(a.stdout, plain(text))
	return exitOK
}
