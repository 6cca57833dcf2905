// Package survey is the citizen satisfaction survey (SKM, PermenPANRB
// 14/2017): survey links printed as QR codes at service counters, the
// anonymous dialogue a citizen answers with buttons, alerts to the unit
// head, and the satisfaction index (IKM) in chat (/ikm) and as an export.
// The questions are data (Questionnaire), so a deployment may ask other or
// more unsur without a code or schema change.
package survey

import (
	"context"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/export"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
)

// Feature is the survey. Its services (links, IKM) work over deps without a
// chat; Register adds the dialogue, /ikm and /qr to a bot.
type Feature struct {
	deps bot.Deps
	cfg  Config
	q    Questionnaire
	keys *dayKeys // the day keys of the duplicate control
	// bursts are the instants of recent responses, in memory only.
	bursts *bursts
}

// New returns the survey over deps with the deployment's configuration;
// zero fields of cfg take their defaults.
func New(deps bot.Deps, cfg Config) *Feature {
	cfg = cfg.withDefaults()
	return &Feature{deps: deps.WithDefaults(), cfg: cfg, q: cfg.Questionnaire, keys: newDayKeys(cfg.KeyDir), bursts: &bursts{}}
}

// Questionnaire returns the questions the survey asks.
func (f *Feature) Questionnaire() Questionnaire { return f.q }

// OfficerMinResponses is the anonymity threshold of per-officer results.
func (f *Feature) OfficerMinResponses() int { return f.cfg.OfficerMinResponses }

// The inline buttons of the survey: the dialogue, /ikm and /qr.
var (
	svyButtons = bot.Buttons{Prefix: "svy"}
	ikmButtons = bot.Buttons{Prefix: "ikm"}
	qrButtons  = bot.Buttons{Prefix: "qr"}
)

// Register adds the survey: deep links, the dialogue, /ikm and /qr.
func (f *Feature) Register(b *bot.Bot) {
	// Deep links printed by a bot whose username is learnt at start-up.
	if f.deps.Username == "" {
		f.deps.Username = b.Config().BotUsername
	}
	b.Payload(kinerja.SurveyPayloadPrefix, f.startSurvey)
	b.Payload(kinerja.ServiceStartPayloadPrefix, f.startService)
	b.ButtonsByValue(svyButtons, 3, f.pressSurvey)
	b.Flow(bot.FlowSpec{Name: surveyFlow, Expired: "svy.expired", Handle: f.surveyMessage})
	f.registerIKM(b)
	f.registerQR(b)
	f.registerSaran(b)
}

// Exports offers the IKM table to /ekspor and "kinerjabot export".
func (f *Feature) Exports() []export.Kind {
	return []export.Kind{{
		Name:  "ikm",
		About: "public satisfaction index (IKM, PermenPANRB 14/2017) per unit",
		Label: "ekspor.kind_ikm",
		Build: func(ctx context.Context, p kinerja.Period) ([]sheet.Sheet, error) {
			rows, err := f.IKMTable(ctx, p)
			if err != nil {
				return nil, err
			}
			return []sheet.Sheet{{Name: "IKM " + p.String(), Header: rows[0], Rows: rows[1:]}}, nil
		},
	}, {
		Name:  "suggestions",
		About: "citizens' suggestions (saran) of the survey with their follow-up",
		Label: "ekspor.kind_suggestions",
		Build: func(ctx context.Context, p kinerja.Period) ([]sheet.Sheet, error) {
			s, err := f.suggestionsSheet(ctx, p, "")
			return []sheet.Sheet{s}, err
		},
	}, {
		Name:  "service-times",
		About: "measured speed of service per unit, service and month: count, median and 90th percentile minutes, standard, share within it",
		Label: "ekspor.kind_service_times",
		Build: func(ctx context.Context, p kinerja.Period) ([]sheet.Sheet, error) {
			rows, err := f.ServiceTimesTable(ctx, p)
			if err != nil {
				return nil, err
			}
			return []sheet.Sheet{{Name: "Waktu layanan " + p.String(), Header: rows[0], Rows: rows[1:]}}, nil
		},
	}, {
		Name:  "survey-flags",
		About: "flags on suspicious survey ratings (bursts, outside opening hours, officer far from the unit, repeated patterns)",
		Label: "ekspor.kind_survey_flags",
		Build: func(ctx context.Context, p kinerja.Period) ([]sheet.Sheet, error) {
			rows, err := f.FlagsTable(ctx, p, "")
			if err != nil {
				return nil, err
			}
			return []sheet.Sheet{{Name: "Tanda " + p.String(), Header: rows[0], Rows: rows[1:]}}, nil
		},
	}, {
		Name: "skm-report",
		About: "the SKM report (respondent profile, NRR and IKM per service and unit, suggestions and follow-ups, flags); " +
			"--unit CODE, --format xlsx or pdf",
		Label:   "ekspor.kind_skm_report",
		Build:   func(ctx context.Context, p kinerja.Period) ([]sheet.Sheet, error) { return f.skmSheets(ctx, p, "") },
		ForUnit: f.skmSheets,
		PDF: func(ctx context.Context, p kinerja.Period, unit string) ([]byte, error) {
			rep, err := f.SKMReport(ctx, p, unit)
			if err != nil {
				return nil, err
			}
			return rep.PDF(f.deps.Now())
		},
	}}
}

// deepLink is the t.me link that opens the bot with payload.
func (f *Feature) deepLink(payload string) string { return bot.DeepLink(f.deps.Username, payload) }

// skmSheets is the SKM report as workbook sheets.
func (f *Feature) skmSheets(ctx context.Context, p kinerja.Period, unit string) ([]sheet.Sheet, error) {
	rep, err := f.SKMReport(ctx, p, unit)
	if err != nil {
		return nil, err
	}
	return rep.Sheets(), nil
}
