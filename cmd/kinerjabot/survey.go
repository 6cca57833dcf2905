package main

import (
	"context"
	"fmt"
	"os"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
	"github.com/bkpsdm-solok/kinerjabot/storage"
)

// SurveySettings is the survey: block of the configuration (the citizen
// satisfaction survey, SKM). Every key is optional.
type SurveySettings struct {
	// OncePer is "day" (count one response per account per unit per day,
	// the default) or "none" (count every completed survey).
	OncePer string `yaml:"once_per"`
	// SuggestionMax is the longest suggestion accepted, in characters.
	SuggestionMax int `yaml:"suggestion_max"`
	// ProfileQuestions asks gender, age band, education and occupation.
	ProfileQuestions bool `yaml:"profile_questions"`
	// Alerts forwards a response with an answer of 1 or a suggestion to the
	// unit head at once; true when absent.
	Alerts *bool `yaml:"alerts"`
	// OfficerMinResponses is the anonymity threshold of per-officer results.
	OfficerMinResponses int `yaml:"officer_min_responses"`
}

// check validates the survey settings.
func (s SurveySettings) check() error {
	switch s.OncePer {
	case "", bot.OncePerDay, bot.OncePerNone:
	default:
		return &ConfigError{Key: "survey.once_per", Msg: fmt.Sprintf("%q is not allowed; use day or none", s.OncePer)}
	}
	if s.SuggestionMax < 0 || s.SuggestionMax > 3500 {
		return &ConfigError{Key: "survey.suggestion_max", Msg: "must be between 1 and 3500 characters (0 = the default, 1000)"}
	}
	if s.OfficerMinResponses < 0 {
		return &ConfigError{Key: "survey.officer_min_responses", Msg: "must be zero (the default, 5) or more"}
	}
	return nil
}

// surveyConfig turns the configuration into the bot's survey settings,
// with each unit's population from units.<CODE>.population.
func (a *app) surveyConfig() bot.SurveyConfig {
	s := a.cfg.Survey
	pop := map[string]int{}
	for code, u := range a.cfg.Units {
		if u.Population > 0 {
			pop[code] = u.Population
		}
	}
	return bot.SurveyConfig{
		OncePer: s.OncePer, SuggestionMax: s.SuggestionMax, Profile: s.ProfileQuestions,
		NoAlerts: s.Alerts != nil && !*s.Alerts, OfficerMinResponses: s.OfficerMinResponses, Population: pop,
	}
}

func init() {
	commands["survey-link"] = subcommand{"print (or revoke) the QR deep link of a unit's satisfaction survey, optionally as a printable PNG", runSurveyLink}
}

// runSurveyLink creates a survey link and prints it, writes its QR card,
// revokes a link, or lists a unit's links.
func runSurveyLink(ctx context.Context, a *app, args []string) int {
	fs := newFlags(a, "survey-link", "--unit CODE [--officer NIP] [--qr FILE.png] | --revoke LINK | --list [--unit CODE]",
		"Creates a link to the citizen satisfaction survey of a unit and prints it:\n"+
			"https://t.me/<bot>?start=<code>. The code is random and can be revoked; print it as a QR\n"+
			"code at the service counter. With --officer, the responses also count for that officer.")
	unit := fs.String("unit", "", "the unit `CODE`")
	officer := fs.String("officer", "", "the `NIP` of the officer serving at the counter")
	qrFile := fs.String("qr", "", "also write a printable QR code with the unit's name to `FILE.png`")
	revoke := fs.String("revoke", "", "revoke the survey link (or its code) `LINK`; its QR codes stop working")
	list := fs.Bool("list", false, "list the survey links (of --unit, or all)")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if (*revoke == "" && !*list && *unit == "") || fs.NArg() > 0 {
		fs.Usage()
		return exitUsage
	}
	db, b, ok := a.openBot(ctx, *revoke == "")
	if !ok {
		return exitFailed
	}
	defer db.Close()
	switch {
	case *revoke != "":
		if err := b.RevokeSurveyLink(ctx, *revoke); err != nil {
			fmt.Fprintln(a.stderr, "kinerjabot:", a.userMessage(err))
			return exitFailed
		}
		fmt.Fprintln(a.stdout, "revoked")
		return exitOK
	case *list:
		return a.listSurveyLinks(ctx, db, b, *unit)
	}
	l, link, err := b.CreateSurveyLink(ctx, *unit, *officer)
	if err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", a.userMessage(err))
		return exitFailed
	}
	fmt.Fprintln(a.stdout, link)
	if *qrFile != "" {
		png, err := b.SurveyQR(ctx, l)
		if err == nil {
			err = os.WriteFile(*qrFile, png, 0o644)
		}
		if err != nil {
			fmt.Fprintln(a.stderr, "kinerjabot: QR code:", err)
			return exitFailed
		}
		fmt.Fprintf(a.stderr, "QR code written to %s\n", *qrFile)
	}
	return exitOK
}

// listSurveyLinks prints "link<TAB>unit<TAB>officer<TAB>created<TAB>status".
func (a *app) listSurveyLinks(ctx context.Context, db *storage.DB, b *bot.Bot, unit string) int {
	links, err := db.ListSurveyLinks(ctx, unit)
	if err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", err)
		return exitFailed
	}
	for _, l := range links {
		status := "active"
		if l.Revoked() {
			status = "revoked " + l.RevokedAt.In(a.cfg.Location()).Format("2006-01-02 15:04")
		}
		fmt.Fprintf(a.stdout, "%s\t%s\t%s\t%s\t%s\n", b.DeepLink(l.Payload), l.UnitCode, l.OfficerNIP,
			l.CreatedAt.In(a.cfg.Location()).Format("2006-01-02 15:04"), status)
	}
	return exitOK
}

// buildIKMExport is the "ikm" export: one row per unit with responses in
// the period, NRR to four decimals, IKM to two, rounded once, half up.
func buildIKMExport(ctx context.Context, a *app, db *storage.DB, p kinerja.Period) ([]sheet.Sheet, error) {
	b, err := a.offlineBot(ctx, db, false)
	if err != nil {
		return nil, err
	}
	rows, err := b.IKMTable(ctx, p)
	if err != nil {
		return nil, err
	}
	return []sheet.Sheet{{Name: "IKM " + p.String(), Header: rows[0], Rows: rows[1:]}}, nil
}
