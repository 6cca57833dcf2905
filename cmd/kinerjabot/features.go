package main

import (
	"context"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/acting"
	"github.com/bkpsdm-solok/kinerjabot/bot/budget"
	"github.com/bkpsdm-solok/kinerjabot/bot/evaluation"
	"github.com/bkpsdm-solok/kinerjabot/bot/export"
	"github.com/bkpsdm-solok/kinerjabot/bot/jobs"
	"github.com/bkpsdm-solok/kinerjabot/bot/leave"
	"github.com/bkpsdm-solok/kinerjabot/bot/practice"
	"github.com/bkpsdm-solok/kinerjabot/bot/report"
	"github.com/bkpsdm-solok/kinerjabot/bot/survey"
	"github.com/bkpsdm-solok/kinerjabot/bot/tour"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

// features returns the bot's features wired to deps and the configuration,
// in menu order, and the registry of their exports. The same values serve
// the chat (bot.New), the exports and the scheduled jobs, so a command
// that needs no chat builds no bot.
func (a *app) features(deps bot.Deps) ([]bot.Feature, *export.Registry, error) {
	reports := report.New(deps, a.reportsConfig()) // work reports, approvals, achievement
	surveys := survey.New(deps, a.surveyConfig())  // the citizen satisfaction survey (SKM)
	evCfg := a.evaluationConfig()
	// A unit head's result and an officer's service read the one IKM path;
	// whether reports may still come in is the reports' rule; a unit
	// head's speed of service is the survey's measured one.
	evCfg.Survey, evCfg.Reports, evCfg.Speed = surveys, reports, surveys
	evaluations := evaluation.New(deps, evCfg) // period evaluations, objections, corrections
	jobsCfg := a.jobsConfig()
	jobsCfg.Sources = jobSources(featureSources(reports, surveys, evaluations))
	// The exports' order is the /ekspor buttons': reports, IKM, evaluations, onboarding, budgets.
	tours := tour.New(deps)                       // the guided tour after linking, /panduan, the onboarding export
	budgets := budget.New(deps, a.budgetConfig()) // /anggaran by the finance officers, the budget export
	reg, err := export.NewRegistry(reports, surveys, evaluations, tours, budgets)
	if err != nil {
		return nil, nil, err
	}
	// Menu and help order: /panduan, reports, /cuti, /ekspor, the survey, evaluations.
	fs := []bot.Feature{tours, reports,
		leave.New(deps),         // /cuti
		acting.New(deps),        // /plt: acting assessors (Plt/Plh) for admins
		jobs.New(deps, jobsCfg), // reminders, summaries and their buttons
		export.NewFeature(reg, deps),
		surveys, evaluations, budgets,
		practice.New(deps, a.practiceConfig(deps)), // /latihan: practice mode on a sandbox database (practice.go)
	}
	return fs, reg, nil
}

// featureSources are the scheduled jobs' data from the features: the
// pending approvals with the reports' one digest, the survey's one IKM
// path, the evaluations' progress; reporting and activity read the store.
func featureSources(r *report.Feature, s *survey.Feature, e *evaluation.Feature) jobs.Sources {
	src := jobs.ReportSources()
	src.Approvals, src.Survey, src.Evaluation = r, surveySource{s}, e
	return src
}

// jobSources lets tests replace the features' data with stubs.
var jobSources = func(s jobs.Sources) jobs.Sources { return s }

// surveySource serves the jobs the survey's IKM: its methods take the
// transaction the jobs read in.
type surveySource struct{ f *survey.Feature }

// UnitIKM implements jobs.SurveySource.
func (s surveySource) UnitIKM(ctx context.Context, tx kinerja.Tx, from, to time.Time) (map[string]scoring.IKMResult, error) {
	return s.f.UnitIKM(ctx, tx, from, to)
}

// ServiceSpeed implements jobs.ServiceSpeedSource: the monthly summary's
// measured service times.
func (s surveySource) ServiceSpeed(ctx context.Context, tx kinerja.Tx, unit string, p kinerja.Period) (kinerja.ServiceSpeed, bool, error) {
	return s.f.ServiceSpeed(ctx, tx, unit, p)
}

// SampleNeeded implements jobs.SurveySource.
func (s surveySource) SampleNeeded(unit string, p kinerja.Period) int {
	return s.f.SampleNeeded(unit, p)
}

// anySlice returns the features as values for the registries of exports
// and jobs, which take any value and keep the sources among them.
func anySlice(fs []bot.Feature) []any {
	out := make([]any, len(fs))
	for i, f := range fs {
		out[i] = f
	}
	return out
}
