package evaluation

import (
	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/report"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

// Config is the deployment's local policy for period evaluations
// (DOMAIN.md §2–§5). The zero value is the documented default.
type Config struct {
	// Thresholds turn a weighted capaian into the proposed rating of work
	// results (default ≥ 110% above, ≥ 90% meets).
	Thresholds scoring.Thresholds
	// Behaviour combines the seven BerAKHLAK ratings into the proposed
	// behaviour rating (default median).
	Behaviour scoring.BehaviourPolicy
	// ObjectionDays is how many calendar days after the notification a
	// person may object (default 14). The evaluation locks when it closes.
	ObjectionDays int
	// DeadlineDay is the day of the month after a period by which assessors
	// should have evaluated it (default 5); shown to them, not enforced.
	DeadlineDay int
	// Period is what evaluations are run by: kinerja.Monthly (the default),
	// Quarterly or Semester. /nilai and /predikatunit open the last one
	// ended; the reminders follow it (jobs.Config.EvaluationPeriod).
	Period kinerja.PeriodKind
	// ObjectionReviewDays is how many calendar days after an objection is
	// filed its reviewer has to decide it (default 14). The reviewer is
	// reminded ObjectionReminderDays before; the admins are told once it
	// has passed (the remind-objections job).
	ObjectionReviewDays int

	// Targets is how an indicator's target is derived for the period and
	// its capaian capped (the same policy as /capaian's).
	Targets report.TargetPolicy
	// Annual says what the annual (Akhir) proposal builds on: AnnualFromPeriods
	// (the default: the decided periodic results) or AnnualFromCapaian (the
	// year's capaian recomputed from reports).
	Annual string

	// TransferSplit evaluates a period in parts when the person's assessor
	// changed within it: each part's capaian from its own reports, the
	// proposal from their working-day-weighted mean (split.go); each
	// earlier assessor rates their part, and once all have, the proposal
	// combines the ratings (partrating.go).
	TransferSplit bool

	// TopReviewer evaluates the people with no superior on the roster and
	// reviews objections to their evaluations; zero: none (a top is not
	// evaluated in the bot and their subordinates cannot object).
	TopReviewer TopReviewer

	// Reports gives the work reports' rule of when a month closes (bot/report's
	// Feature, as configured); nil takes the reports' default rule.
	Reports ReportPolicy
	// Survey gives the citizen survey's results (bot/survey's Feature, as
	// configured); nil takes the survey with its default configuration.
	Survey SurveyResults

	// Budget is a unit's planned budget absorption and the band around it
	// (default 20/45/70/95% at the quarters' ends, ± 5 points).
	Budget scoring.BudgetPlan
	// Speed gives a unit's measured speed of service (bot/survey's
	// Feature); nil: nothing is measured, and a head's KECEPATAN indicator
	// is taken from their reports.
	Speed ServiceSpeedSource
}

// What the annual proposal builds on (Config.Annual).
const (
	AnnualFromPeriods = "periods" // the decided periodic results of the year
	AnnualFromCapaian = "capaian" // the year's capaian from approved reports
)

// Reasons for a departure from a proposal, an objection or a decision on
// one must be long enough to say something and short enough to read.
const (
	reasonMin = 10
	reasonMax = 1000
)

// withDefaults fills the zero fields.
func (c Config) withDefaults() Config {
	if c.Thresholds == (scoring.Thresholds{}) {
		c.Thresholds = scoring.DefaultThresholds()
	}
	if c.Behaviour == "" {
		c.Behaviour = scoring.BehaviourMedian
	}
	if c.ObjectionDays <= 0 {
		c.ObjectionDays = 14
	}
	if c.ObjectionReviewDays <= 0 {
		c.ObjectionReviewDays = 14
	}
	if c.DeadlineDay <= 0 || c.DeadlineDay > 28 {
		c.DeadlineDay = 5
	}
	c.Budget = c.Budget.WithDefaults()
	if c.Period == "" {
		c.Period = kinerja.Monthly
	}
	if c.Annual == "" {
		c.Annual = AnnualFromPeriods
	}
	return c
}

// Validate reports a configuration the evaluation cannot work with.
func (c Config) Validate() error {
	c = c.withDefaults()
	if err := c.Thresholds.Validate(); err != nil {
		return err
	}
	if err := c.Budget.Validate(); err != nil {
		return err
	}
	return c.Behaviour.Validate()
}
