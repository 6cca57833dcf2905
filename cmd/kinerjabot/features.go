package main

import (
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/survey"
)

// features returns the bot's features wired to deps and the configuration,
// in menu order. The same values serve the chat (bot.New), the exports and
// the scheduled jobs, so a command that needs no chat builds no bot.
func (a *app) features(deps bot.Deps) []bot.Feature {
	var fs []bot.Feature
	// report: work reports, approvals, achievement

	fs = append(fs, survey.New(deps, a.surveyConfig()))

	// evaluation: period evaluations, objections

	// leave: /cuti

	// jobs: scheduled jobs

	// export: /ekspor

	return fs
}
