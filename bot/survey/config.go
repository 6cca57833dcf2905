package survey

import (
	"fmt"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// Config is the deployment's choice for the citizen satisfaction survey.
// The zero value is the recommended default.
type Config struct {
	// OncePer is how often one Telegram account is counted per unit:
	// "day" (the default) counts one response per local calendar day;
	// "none" counts every completed survey.
	OncePer string
	// SuggestionMax is the longest suggestion accepted, in characters
	// (default 1,000).
	SuggestionMax int
	// Profile turns on the optional respondent profile questions (gender,
	// age band, education, occupation); off by default.
	Profile bool
	// NoAlerts stops forwarding a response with an answer of 1 or a
	// suggestion to the unit head; by default it is forwarded at once.
	NoAlerts bool
	// OfficerMinResponses is how many responses an officer needs before the
	// assessor sees the aggregate (anonymity threshold; default 5).
	OfficerMinResponses int
	// Population is the number of service users per month of each unit, by
	// unit code (units.<CODE>.population), for the Krejcie–Morgan sample.
	Population map[string]int
	// Services are the units' configured services (units.<CODE>.services),
	// by unit code; "kinerjabot services import" adds more in the database.
	Services map[string][]kinerja.SurveyService
	// OpeningHours are the units' opening hours (units.<CODE>.opening_hours):
	// a response outside them is flagged. A unit without is not checked.
	OpeningHours map[string]OpeningHours
	// Flags tunes the flags on suspicious ratings; zero fields take the
	// defaults.
	Flags FlagConfig
	// Questionnaire is the survey's questions; empty means the regulation's
	// nine unsur (DefaultQuestionnaire).
	Questionnaire Questionnaire
	// KeyDir is the directory of the day keys of the duplicate control
	// (OncePer "day"): outside the database, so a copy of the database
	// cannot tell who answered; each day's file is deleted once the day is
	// over. Several processes counting the same surveys must share it.
	// Empty keeps the keys in memory only, so a restart forgets who was
	// counted that day.
	KeyDir string
	// ServiceStandard is each unit's published service standard in minutes
	// (units.<CODE>.service_standard_minutes), by unit code; a service's
	// own standard (SurveyService.StandardMinutes) comes first.
	ServiceStandard map[string]float64
	// ServiceMaxMinutes is the longest measured duration kept as a service
	// (survey.service_max_minutes, default 480: eight hours); durations
	// under one minute are never kept.
	ServiceMaxMinutes float64
}

// Values of Config.OncePer.
const (
	OncePerDay  = "day"
	OncePerNone = "none"
)

// unknownPopulation stands for a unit whose population is not configured:
// the largest N of the Krejcie–Morgan table (1,000,000), whose sample is
// 384, so an IKM is never called final on too few respondents by omission.
const unknownPopulation = 1_000_000

// withDefaults fills the zero fields.
func (c Config) withDefaults() Config {
	if c.OncePer == "" {
		c.OncePer = OncePerDay
	}
	if c.SuggestionMax <= 0 {
		c.SuggestionMax = 1000
	}
	if c.ServiceMaxMinutes <= 0 {
		c.ServiceMaxMinutes = 8 * 60
	}
	if c.OfficerMinResponses <= 0 {
		c.OfficerMinResponses = 5
	}
	c.Flags = c.Flags.withDefaults()
	if len(c.Questionnaire.Unsur) == 0 {
		c.Questionnaire = DefaultQuestionnaire()
	}
	return c
}

// population returns the configured population of a unit, or
// unknownPopulation.
func (c Config) population(unit string) int {
	if n := c.Population[unit]; n > 0 {
		return n
	}
	return unknownPopulation
}

// FlagConfig tunes the flags on suspicious ratings (flags.go).
type FlagConfig struct {
	// BurstCount responses for one unit (or one officer) within
	// BurstMinutes are a burst (defaults 20 within 5 minutes).
	BurstCount, BurstMinutes int
	// OfficerMinSample is how many respondents an officer and the rest of
	// the unit each need before their means are compared (default 30);
	// OfficerZ is the z value beyond which the difference is flagged
	// (default 3.29, two-sided p < 0.001).
	OfficerMinSample int
	OfficerZ         float64
	// PatternMin is how often one answer pattern must repeat, and
	// PatternShare the share of the unit's responses it must make up,
	// before it is flagged (defaults 10 and 0.5).
	PatternMin   int
	PatternShare float64
}

func (c FlagConfig) withDefaults() FlagConfig {
	if c.BurstCount <= 0 {
		c.BurstCount = 20
	}
	if c.BurstMinutes <= 0 {
		c.BurstMinutes = 5
	}
	if c.OfficerMinSample <= 0 {
		c.OfficerMinSample = 30
	}
	if c.OfficerZ <= 0 {
		c.OfficerZ = 3.29
	}
	if c.PatternMin <= 0 {
		c.PatternMin = 10
	}
	if c.PatternShare <= 0 {
		c.PatternShare = 0.5
	}
	return c
}

// OpeningHours is a unit's daily opening time, [From, To) in minutes
// after local midnight.
type OpeningHours struct{ From, To int }

// ParseOpeningHours reads "07:30-16:00".
func ParseOpeningHours(s string) (OpeningHours, error) {
	from, to, ok := strings.Cut(strings.TrimSpace(s), "-")
	if !ok {
		return OpeningHours{}, fmt.Errorf("%q: use HH:MM-HH:MM, e.g. 07:30-16:00", s)
	}
	var oh OpeningHours
	for i, part := range []string{from, to} {
		t, err := time.Parse("15:04", strings.TrimSpace(part))
		if err != nil {
			return OpeningHours{}, fmt.Errorf("%q: use HH:MM-HH:MM, e.g. 07:30-16:00", s)
		}
		m := t.Hour()*60 + t.Minute()
		if i == 0 {
			oh.From = m
		} else {
			oh.To = m
		}
	}
	if oh.To <= oh.From {
		return OpeningHours{}, fmt.Errorf("%q: closing must be after opening", s)
	}
	return oh, nil
}

// Open reports whether the local instant t is within the hours.
func (oh OpeningHours) Open(t time.Time) bool {
	m := t.Hour()*60 + t.Minute()
	return m >= oh.From && m < oh.To
}

// String is "07:30–16:00".
func (oh OpeningHours) String() string {
	return fmt.Sprintf("%02d:%02d–%02d:%02d", oh.From/60, oh.From%60, oh.To/60, oh.To%60)
}
