package survey

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
	if c.OfficerMinResponses <= 0 {
		c.OfficerMinResponses = 5
	}
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
