package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/atomicfile"
	"github.com/bkpsdm-solok/kinerjabot/bot/survey"
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
	// Questionnaire names a JSON or YAML file with the survey's questions
	// (the shape of bot/survey/questionnaire.json); empty means the nine
	// unsur of PermenPANRB 14/2017.
	Questionnaire string `yaml:"questionnaire"`

	// KeyDir is the directory of the day keys of the duplicate control,
	// outside the database; empty means the database file's path plus
	// ".keys" (SQLite) or "kinerjabot.keys" in the working directory
	// (PostgreSQL). Processes sharing a PostgreSQL database must share it.
	KeyDir string `yaml:"key_dir"`

	// ServiceMaxMinutes is the longest measured service time kept (480,
	// eight hours); a longer one, or one under a minute, is not a service.
	ServiceMaxMinutes float64 `yaml:"service_max_minutes"`

	// Flags tunes the flags on suspicious ratings (survey_flags.go).
	Flags FlagSettings `yaml:"flags"`

	questionnaire survey.Questionnaire // read from Questionnaire by check
}

// FlagSettings is survey.flags: when ratings are flagged as suspicious.
// Every key is optional.
type FlagSettings struct {
	BurstCount       int     `yaml:"burst_count"`        // responses within burst_minutes (20)
	BurstMinutes     int     `yaml:"burst_minutes"`      // (5)
	OfficerMinSample int     `yaml:"officer_min_sample"` // respondents each side before an officer is compared (30)
	OfficerZ         float64 `yaml:"officer_z"`          // z beyond which an officer is flagged (3.29)
	PatternMin       int     `yaml:"pattern_min"`        // repeats of one answer pattern (10)
	PatternShare     float64 `yaml:"pattern_share"`      // and its share of the unit's responses (0.5)
}

// config turns the settings into the survey's.
func (s FlagSettings) config() survey.FlagConfig {
	return survey.FlagConfig{BurstCount: s.BurstCount, BurstMinutes: s.BurstMinutes, OfficerMinSample: s.OfficerMinSample,
		OfficerZ: s.OfficerZ, PatternMin: s.PatternMin, PatternShare: s.PatternShare}
}

// check validates the survey settings and reads the questionnaire file.
func (s *SurveySettings) check() error {
	switch s.OncePer {
	case "", survey.OncePerDay, survey.OncePerNone:
	default:
		return &ConfigError{Key: "survey.once_per", Msg: fmt.Sprintf("%q is not allowed; use day or none", s.OncePer)}
	}
	if s.SuggestionMax < 0 || s.SuggestionMax > 3500 {
		return &ConfigError{Key: "survey.suggestion_max", Msg: "must be between 1 and 3500 characters (0 = the default, 1000)"}
	}
	if s.ServiceMaxMinutes < 0 || (s.ServiceMaxMinutes > 0 && s.ServiceMaxMinutes < 1) || s.ServiceMaxMinutes > 24*60 {
		return &ConfigError{Key: "survey.service_max_minutes", Msg: "must be between 1 and 1440 minutes (0 = the default, 480)"}
	}
	if s.OfficerMinResponses < 0 {
		return &ConfigError{Key: "survey.officer_min_responses", Msg: "must be zero (the default, 5) or more"}
	}
	if f := s.Flags; f.BurstCount < 0 || f.BurstMinutes < 0 || f.BurstMinutes > 24*60 || f.OfficerMinSample < 0 ||
		f.OfficerZ < 0 || f.PatternMin < 0 || f.PatternShare < 0 || f.PatternShare > 1 {
		return &ConfigError{Key: "survey.flags", Msg: "counts, minutes and z must be zero (the default) or more; pattern_share between 0 and 1"}
	}
	if s.Questionnaire != "" {
		q, err := readQuestionnaire(s.Questionnaire)
		if err != nil {
			return &ConfigError{Key: "survey.questionnaire", Msg: err.Error()}
		}
		s.questionnaire = q
	}
	return nil
}

// readQuestionnaire reads a questionnaire file: YAML (.yaml, .yml) or JSON.
func readQuestionnaire(path string) (survey.Questionnaire, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return survey.Questionnaire{}, err
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml":
		var q survey.Questionnaire
		dec := yaml.NewDecoder(strings.NewReader(string(data)))
		dec.KnownFields(true)
		if err := dec.Decode(&q); err != nil {
			return survey.Questionnaire{}, fmt.Errorf("%s: %w", path, err)
		}
		// One parser checks both spellings: YAML is re-read as JSON.
		if data, err = json.Marshal(q); err != nil {
			return survey.Questionnaire{}, err
		}
	}
	q, err := survey.ParseQuestionnaire(data)
	if err != nil {
		return survey.Questionnaire{}, fmt.Errorf("%s: %w", path, err)
	}
	return q, nil
}

// UnitService is one service (jenis layanan) of a unit in the
// configuration (units.<CODE>.services).
type UnitService struct {
	Code            string `yaml:"code"`
	Name            string `yaml:"name"`
	StandardMinutes int    `yaml:"standard_minutes"`
}

// checkSurvey checks a unit's services and opening hours.
func (u UnitConfig) checkSurvey(code string) error {
	seen := map[string]bool{}
	for i, s := range u.Services {
		key := fmt.Sprintf("units.%s.services[%d]", code, i)
		if err := survey.CheckService(s.Code, s.Name, s.StandardMinutes); err != "" {
			return &ConfigError{Key: key, Msg: err}
		}
		if seen[s.Code] {
			return &ConfigError{Key: key, Msg: fmt.Sprintf("service %s is given twice", s.Code)}
		}
		seen[s.Code] = true
	}
	if u.ServiceStandardMinutes < 0 || u.ServiceStandardMinutes > 24*60 {
		return &ConfigError{Key: "units." + code + ".service_standard_minutes", Msg: "must be between 0 (none) and 1440 minutes"}
	}
	if u.OpeningHours != "" {
		if _, err := survey.ParseOpeningHours(u.OpeningHours); err != nil {
			return &ConfigError{Key: "units." + code + ".opening_hours", Msg: err.Error()}
		}
	}
	return nil
}

// surveyConfig turns the configuration into the survey's settings, with
// each unit's population, services and opening hours from units.<CODE>.
func (a *app) surveyConfig() survey.Config {
	s := a.cfg.Survey
	pop, services, hours := map[string]int{}, map[string][]kinerja.SurveyService{}, map[string]survey.OpeningHours{}
	standards := map[string]float64{}
	for code, u := range a.cfg.Units {
		if u.ServiceStandardMinutes > 0 {
			standards[code] = u.ServiceStandardMinutes
		}
		if u.Population > 0 {
			pop[code] = u.Population
		}
		for _, svc := range u.Services {
			services[code] = append(services[code], kinerja.SurveyService{UnitCode: code, Code: svc.Code, Name: svc.Name,
				StandardMinutes: svc.StandardMinutes})
		}
		if oh, err := survey.ParseOpeningHours(u.OpeningHours); err == nil && u.OpeningHours != "" {
			hours[code] = oh
		}
	}
	return survey.Config{
		OncePer: s.OncePer, SuggestionMax: s.SuggestionMax, Profile: s.ProfileQuestions,
		NoAlerts: s.Alerts != nil && !*s.Alerts, OfficerMinResponses: s.OfficerMinResponses, Population: pop,
		Questionnaire: s.questionnaire, KeyDir: a.surveyKeyDir(), Services: services, OpeningHours: hours,
		Flags: s.Flags.config(), ServiceStandard: standards, ServiceMaxMinutes: s.ServiceMaxMinutes,
	}
}

// surveyKeyDir is survey.key_dir, or its default: next to a SQLite file,
// in the working directory for PostgreSQL.
func (a *app) surveyKeyDir() string {
	if dir := a.cfg.Survey.KeyDir; dir != "" {
		return dir
	}
	db := a.cfg.Database
	if strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://") {
		return "kinerjabot.keys"
	}
	path, _, _ := strings.Cut(strings.TrimPrefix(db, "sqlite:"), "?")
	return path + ".keys"
}

// surveyFeature is the survey over db, without a chat: links printed with
// the bot's username when withUsername (from the configuration or the
// bot's last run).
func (a *app) surveyFeature(ctx context.Context, db *storage.DB, withUsername bool) (*survey.Feature, error) {
	deps := a.deps(db)
	if withUsername {
		name, err := a.username(ctx, db)
		if err != nil {
			return nil, err
		}
		deps.Username = name
	}
	return survey.New(deps, a.surveyConfig()), nil
}

func init() {
	commands["survey-link"] = subcommand{"print (or revoke) the QR deep link of a unit's satisfaction survey, optionally as a printable PNG", runSurveyLink}
}

// runSurveyLink creates a survey link and prints it, writes its QR card,
// revokes a link, or lists a unit's links.
func runSurveyLink(ctx context.Context, a *app, args []string) int {
	fs := newFlags(a, "survey-link", "--unit CODE [--officer NIP] [--service CODE] [--qr FILE.png] | --start --unit CODE [--service CODE] [--qr FILE.png] | --revoke LINK | --list [--unit CODE]",
		"Creates a link to the citizen satisfaction survey of a unit and prints it:\n"+
			"https://t.me/<bot>?start=<code>. The code is random and can be revoked; print it as a QR\n"+
			"code at the service counter. With --officer, the responses also count for that officer;\n"+
			"with --service, they count for that service of the unit (units.<CODE>.services or services import).\n"+
			"With --start, prints the \"Mulai layanan\" code of the unit's (or service's) active link instead.")
	unit := fs.String("unit", "", "the unit `CODE`")
	officer := fs.String("officer", "", "the `NIP` of the officer serving at the counter")
	service := fs.String("service", "", "the `CODE` of the unit's service (jenis layanan) offered at the counter")
	qrFile := fs.String("qr", "", "also write a printable QR code with the unit's name to `FILE.png`")
	revoke := fs.String("revoke", "", "revoke the survey link (or its code) `LINK`; its QR codes stop working")
	list := fs.Bool("list", false, "list the survey links (of --unit, or all)")
	start := fs.Bool("start", false, "print the \"Mulai layanan\" (start of service) code of the unit's survey link instead: "+
		"put at the queue ticket machine or entrance, it times the service until the citizen opens the survey")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if (*revoke == "" && !*list && *unit == "") || fs.NArg() > 0 {
		fs.Usage()
		return exitUsage
	}
	db, err := a.openExisting(ctx)
	if err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", err)
		return exitFailed
	}
	defer db.Close()
	f, err := a.surveyFeature(ctx, db, *revoke == "")
	if err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", err)
		return exitFailed
	}
	switch {
	case *revoke != "":
		if err := f.RevokeSurveyLink(ctx, *revoke); err != nil {
			fmt.Fprintln(a.stderr, "kinerjabot:", a.userMessage(err))
			return exitFailed
		}
		fmt.Fprintln(a.stdout, "revoked")
		return exitOK
	case *list:
		return a.listSurveyLinks(ctx, f, *unit)
	case *start:
		return a.startLink(ctx, f, survey.LinkTarget{Unit: *unit, Service: *service}, *qrFile)
	}
	target := survey.LinkTarget{Unit: *unit, Officer: *officer, Service: *service}
	if *qrFile == "" {
		_, link, err := f.CreateLink(ctx, target)
		if err != nil {
			fmt.Fprintln(a.stderr, "kinerjabot:", a.userMessage(err))
			return exitFailed
		}
		fmt.Fprintln(a.stdout, link)
		return exitOK
	}
	return a.surveyLinkWithQR(ctx, f, target, *qrFile)
}

// surveyLinkWithQR creates a link and writes its QR card to path so that a
// failure leaves no link behind: the file is opened first (a missing or
// read-only folder stops everything before the link exists), the card is
// written and synced inside the link's transaction (a full disk rolls the
// link back), and the file is renamed into place once the link is stored;
// the one step left, a failing rename, revokes the new link. The link is
// printed only when its card is in place.
func (a *app) surveyLinkWithQR(ctx context.Context, f *survey.Feature, target survey.LinkTarget, path string) int {
	out, err := atomicfile.Create(path, 0o644)
	if err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot: QR code:", err, "(no link was created)")
		return exitFailed
	}
	defer out.Abort()
	var fileErr error
	l, link, err := f.CreateLinkCard(ctx, target, func(card []byte) error {
		if _, fileErr = out.Write(card); fileErr == nil {
			fileErr = out.Prepare()
		}
		return fileErr
	})
	switch {
	case fileErr != nil:
		fmt.Fprintln(a.stderr, "kinerjabot: QR code:", fileErr, "(no link was created)")
		return exitFailed
	case err != nil:
		fmt.Fprintln(a.stderr, "kinerjabot:", a.userMessage(err))
		return exitFailed
	}
	if err := out.Commit(); err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot: QR code:", err)
		if rerr := f.RevokeSurveyLink(ctx, l.Payload); rerr != nil {
			fmt.Fprintf(a.stderr, "kinerjabot: the new link %s could not be revoked either (%v): revoke it with --revoke\n", link, rerr)
		} else {
			fmt.Fprintln(a.stderr, "kinerjabot: the new link was revoked")
		}
		return exitFailed
	}
	fmt.Fprintln(a.stdout, link)
	fmt.Fprintf(a.stderr, "QR code written to %s\n", path)
	return exitOK
}

// listSurveyLinks prints "link<TAB>unit<TAB>officer<TAB>created<TAB>status".
func (a *app) listSurveyLinks(ctx context.Context, f *survey.Feature, unit string) int {
	links, deep, err := f.SurveyLinks(ctx, unit)
	if err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", err)
		return exitFailed
	}
	for i, l := range links {
		status := "active"
		if l.Revoked() {
			status = "revoked " + l.RevokedAt.In(a.cfg.Location()).Format("2006-01-02 15:04")
		}
		fmt.Fprintf(a.stdout, "%s\t%s\t%s\t%s\t%s\n", deep[i], l.UnitCode, l.OfficerNIP,
			l.CreatedAt.In(a.cfg.Location()).Format("2006-01-02 15:04"), status)
	}
	return exitOK
}

// startLink prints the "Mulai layanan" link of the unit's (or service's)
// active survey link, and writes its card to path when given.
func (a *app) startLink(ctx context.Context, f *survey.Feature, target survey.LinkTarget, path string) int {
	l, link, err := f.ActiveStartLink(ctx, target)
	if err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", a.userMessage(err))
		return exitFailed
	}
	if path != "" {
		card, err := f.StartQR(ctx, l)
		if err == nil {
			err = atomicfile.WriteFile(path, card, 0o644)
		}
		if err != nil {
			fmt.Fprintln(a.stderr, "kinerjabot: QR code:", err)
			return exitFailed
		}
		defer fmt.Fprintf(a.stderr, "QR code written to %s\n", path)
	}
	fmt.Fprintln(a.stdout, link)
	return exitOK
}
