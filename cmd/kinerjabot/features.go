package main

import (
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/evaluation"
	"github.com/bkpsdm-solok/kinerjabot/bot/export"
	"github.com/bkpsdm-solok/kinerjabot/bot/jobs"
	"github.com/bkpsdm-solok/kinerjabot/bot/leave"
	"github.com/bkpsdm-solok/kinerjabot/bot/report"
)

// features returns the bot's features wired to deps and the configuration,
// in menu order, and the registry of their exports. The same values serve
// the chat (bot.New), the exports and the scheduled jobs, so a command
// that needs no chat builds no bot.
func (a *app) features(deps bot.Deps) ([]bot.Feature, *export.Registry, error) {
	var fs []bot.Feature
	fs = append(fs, report.New(deps, a.reportsConfig())) // work reports, approvals, achievement

	// survey: the citizen satisfaction survey (SKM)

	fs = append(fs, evaluation.New(deps, a.evaluationConfig()))

	fs = append(fs, leave.New(deps)) // leave: /cuti

	fs = append(fs, jobs.New(deps, a.jobsConfig())) // scheduled jobs and the reminders' buttons

	// export: /ekspor, over the kinds of the features above (so it comes last)
	reg, err := export.NewRegistry(anySlice(fs)...)
	if err != nil {
		return nil, nil, err
	}
	fs = append(fs, export.NewFeature(reg, deps))
	return fs, reg, nil
}

// anySlice returns the features as values for export.NewRegistry, which
// takes any value and keeps the sources among them.
func anySlice(fs []bot.Feature) []any {
	out := make([]any, len(fs))
	for i, f := range fs {
		out[i] = f
	}
	return out
}
