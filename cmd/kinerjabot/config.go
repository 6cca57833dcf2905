package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/telegram"
)

// DefaultEndpoint is the public Bot API in telegram-bot-api's template form.
const DefaultEndpoint = "https://api.telegram.org/bot%s/%s"

// Config is the whole configuration: the YAML file (--config), then the
// KINERJA_* environment variables on top. configs/kinerjabot.example.yaml
// documents every key.
type Config struct {
	Telegram struct {
		Token    string `yaml:"token"`
		Endpoint string `yaml:"endpoint"`
		Username string `yaml:"username"`
		// PaceReplies is when replies wait for a slot under Telegram's
		// flood limits: auto (after a 429) or always (telegram.PaceAuto).
		PaceReplies string `yaml:"pace_replies"`
		// Webhook switches from polling to a webhook (webhook.go).
		Webhook WebhookSettings `yaml:"webhook"`
	} `yaml:"telegram"`
	Database       string `yaml:"database"`
	Timezone       string `yaml:"timezone"`
	Language       string `yaml:"language"`
	LogLevel       string `yaml:"log_level"`
	InviteTTLDays  int    `yaml:"invite_ttl_days"`
	SessionIdleMin int    `yaml:"session_idle_minutes"`
	// Units holds per-unit settings keyed by unit code.
	Units   map[string]UnitConfig `yaml:"units"`
	Survey  SurveySettings        `yaml:"survey"`  // the citizen satisfaction survey (survey.go)
	Reports ReportSettings        `yaml:"reports"` // work reports and their approval (reports.go)
	// JobsSettings: schedules, holidays and reminders (jobs_config.go).
	JobsSettings `yaml:",inline"`

	// Evaluation is the local policy of period evaluations (evaluation.go).
	Evaluation EvaluationSettings `yaml:"evaluation"`

	// HTTP is the public results site and the metrics (http.go).
	HTTP HTTPSettings `yaml:"http"`

	loc  *time.Location
	lang kinerja.Lang
}

// UnitConfig is the configuration of one unit.
type UnitConfig struct {
	Population  int   `yaml:"population"`    // service users per period, for the IKM sample size
	GroupChatID int64 `yaml:"group_chat_id"` // the unit's Telegram group for summaries
	// Services and OpeningHours belong to the survey (survey.go).
	Services     []UnitService `yaml:"services"`
	OpeningHours string        `yaml:"opening_hours"`
	// FinanceNIP is the unit's finance officer, who reports its budget
	// with /anggaran (budget.go).
	FinanceNIP string `yaml:"finance_nip"`
	// ServiceStandardMinutes is the unit's published service standard,
	// against which its measured service times are shown.
	ServiceStandardMinutes float64 `yaml:"service_standard_minutes"`
}

// ConfigError is a bad configuration value: it names the key and what is
// allowed, and makes the program exit with status 2.
type ConfigError struct {
	Key, Msg string
}

func (e *ConfigError) Error() string { return fmt.Sprintf("configuration %s: %s", e.Key, e.Msg) }

// defaults returns the configuration with every default filled in.
func defaults() *Config {
	c := &Config{Database: "kinerjabot.db", Timezone: "Asia/Jakarta", Language: "id", LogLevel: "info",
		InviteTTLDays: 14, SessionIdleMin: 30}
	c.Telegram.Endpoint = DefaultEndpoint
	c.HTTP.Listen = defaultHTTPAddr
	return c
}

// LoadConfig reads the YAML file at path (none when path is ""), applies
// the environment from getenv, and checks every value.
func LoadConfig(path string, getenv func(string) string) (*Config, error) {
	c := defaults()
	if path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, &ConfigError{Key: "--config", Msg: fmt.Sprintf("cannot read %s: %v", path, err)}
		}
		dec := yaml.NewDecoder(strings.NewReader(string(data)))
		dec.KnownFields(true)
		if err := dec.Decode(c); err != nil && err.Error() != "EOF" {
			return nil, &ConfigError{Key: path, Msg: fmt.Sprintf("not valid configuration YAML: %v", err)}
		}
		// A relative path written in the file means the file's folder, so
		// the same file works from any working directory; a path given in
		// an environment variable keeps meaning the working directory.
		// Only the paths the file itself sets: a default stays relative to
		// the working directory.
		var written Config
		_ = yaml.Unmarshal(data, &written) // already decoded strictly above
		dir, set := filepath.Dir(path), written.filePaths()
		for i, p := range c.filePaths() {
			if *set[i] != "" && !filepath.IsAbs(*p) && !strings.Contains(*p, "://") {
				*p = filepath.Join(dir, *p)
			}
		}
	}
	for env, dst := range map[string]*string{
		"KINERJA_TELEGRAM_TOKEN":    &c.Telegram.Token,
		"KINERJA_TELEGRAM_ENDPOINT": &c.Telegram.Endpoint,
		"KINERJA_TELEGRAM_USERNAME": &c.Telegram.Username,
		"KINERJA_TELEGRAM_PACE":     &c.Telegram.PaceReplies,
		"KINERJA_DB":                &c.Database,
		"KINERJA_TIMEZONE":          &c.Timezone,
		"KINERJA_LANG":              &c.Language,
		"KINERJA_LOG_LEVEL":         &c.LogLevel,
		"KINERJA_HOLIDAYS":          &c.HolidaysFile,
		"KINERJA_HTTP_ADDR":         &c.HTTP.Listen,
		"KINERJA_SURVEY_KEY_DIR":    &c.Survey.KeyDir,
	} {
		if v := getenv(env); v != "" {
			*dst = v
		}
	}
	if err := c.Telegram.Webhook.fromEnv(getenv); err != nil {
		return nil, err
	}
	return c, c.check()
}

// filePaths are the settings that name files, for resolving relative ones.
func (c *Config) filePaths() []*string {
	return []*string{&c.Database, &c.HolidaysFile, &c.Telegram.Webhook.CertFile, &c.Telegram.Webhook.KeyFile}
}

// check validates every value and fills the derived fields.
func (c *Config) check() error {
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil || c.Timezone == "" {
		return &ConfigError{Key: "timezone (KINERJA_TIMEZONE)", Msg: fmt.Sprintf("%q is not a time zone name; use an IANA name such as Asia/Jakarta, Asia/Makassar or Asia/Jayapura", c.Timezone)}
	}
	c.loc = loc
	lang, ok := kinerja.ParseLang(c.Language)
	if !ok || string(lang) != c.Language {
		return &ConfigError{Key: "language (KINERJA_LANG)", Msg: fmt.Sprintf("%q is not supported; allowed: id, en", c.Language)}
	}
	c.lang = lang
	if strings.Count(c.Telegram.Endpoint, "%s") != 2 || !(strings.HasPrefix(c.Telegram.Endpoint, "http://") || strings.HasPrefix(c.Telegram.Endpoint, "https://")) {
		return &ConfigError{Key: "telegram.endpoint (KINERJA_TELEGRAM_ENDPOINT)", Msg: "must be an http(s) URL template with two %s (token, method), such as https://api.telegram.org/bot%s/%s"}
	}
	if err := telegram.CheckPaceReplies(c.Telegram.PaceReplies); err != nil {
		return &ConfigError{Key: "telegram.pace_replies (KINERJA_TELEGRAM_PACE)", Msg: err.Error()}
	}
	if strings.TrimSpace(c.Database) == "" {
		return &ConfigError{Key: "database (KINERJA_DB)", Msg: "must name a SQLite file or a postgres:// URL"}
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		return &ConfigError{Key: "log_level (KINERJA_LOG_LEVEL)", Msg: fmt.Sprintf("%q is not allowed; use debug, info, warn or error", c.LogLevel)}
	}
	if c.InviteTTLDays < 1 || c.InviteTTLDays > 365 {
		return &ConfigError{Key: "invite_ttl_days", Msg: "must be between 1 and 365"}
	}
	if c.SessionIdleMin < 1 || c.SessionIdleMin > 24*60 {
		return &ConfigError{Key: "session_idle_minutes", Msg: "must be between 1 and 1440"}
	}
	if err := c.Telegram.Webhook.check(c.HTTP.Listen); err != nil {
		return err
	}
	if err := c.HTTP.check(); err != nil {
		return err
	}
	if err := c.Survey.check(); err != nil {
		return err
	}
	if err := c.Reports.check(); err != nil {
		return err
	}
	if err := c.Evaluation.check(); err != nil {
		return err
	}
	for code, u := range c.Units {
		if u.Population < 0 {
			return &ConfigError{Key: "units." + code + ".population", Msg: "must be zero or more"}
		}
		if err := u.checkSurvey(code); err != nil {
			return err
		}
		if u.FinanceNIP != "" && !kinerja.ValidNIP(u.FinanceNIP) {
			return &ConfigError{Key: "units." + code + ".finance_nip", Msg: fmt.Sprintf("%q is not a NIP (18 digits)", u.FinanceNIP)}
		}
	}
	return c.JobsSettings.check(c.loc)
}

// Location returns the configured time zone.
func (c *Config) Location() *time.Location { return c.loc }
