package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
	"gopkg.in/yaml.v3"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/jobs"
)

// JobsSettings is the configuration of the scheduled jobs, inline in the
// top level of the YAML file.
type JobsSettings struct {
	// Schedules maps job names to five-field cron specs in the configured
	// time zone ("minute hour day-of-month month day-of-week"), or "off".
	Schedules map[string]string `yaml:"schedules"`
	// HolidaysFile names the holidays file, or a pattern such as
	// holidays-*.yaml for one file per year; a relative path is taken from
	// the configuration file's folder. Env: KINERJA_HOLIDAYS.
	HolidaysFile string `yaml:"holidays_file"`
	// Reminders: the deadline of remind-evaluation is evaluation.deadline_day.
	Reminders struct {
		ReportingWorkingDays int `yaml:"reporting_working_days"`
	} `yaml:"reminders"`
	// PublicChannelID, when not 0, also gets the monthly summary.
	PublicChannelID int64 `yaml:"public_channel_id"`

	holidays []kinerja.Holiday
}

// check validates the schedules and reads the holidays file.
func (s *JobsSettings) check(loc *time.Location) error {
	// The names are checked against the job registry when it is built
	// (app.registry): the features decide which jobs exist.
	for name, spec := range s.Schedules {
		if spec = strings.TrimSpace(spec); spec == jobs.Off {
			continue
		}
		if err := checkSpec(spec); err != nil {
			return &ConfigError{Key: "schedules." + name, Msg: err.Error()}
		}
	}
	r := &s.Reminders
	if r.ReportingWorkingDays == 0 {
		r.ReportingWorkingDays = 5
	}
	if r.ReportingWorkingDays < 1 || r.ReportingWorkingDays > 20 {
		return &ConfigError{Key: "reminders.reporting_working_days", Msg: "must be between 1 and 20 working days"}
	}
	if s.PublicChannelID > 0 {
		return &ConfigError{Key: "public_channel_id", Msg: "a channel id is negative (such as -1001234567890); 0 means none"}
	}
	if s.HolidaysFile != "" {
		pattern := s.HolidaysFile
		var err error
		if s.holidays, err = loadHolidays(pattern, loc); err != nil {
			return &ConfigError{Key: "holidays_file (KINERJA_HOLIDAYS)", Msg: err.Error()}
		}
	}
	return nil
}

// checkSpec accepts exactly five cron fields and says what is wrong
// otherwise, in the words an operator needs.
func checkSpec(spec string) error {
	const form = `use five fields, "minute hour day-of-month month day-of-week", such as "0 8 * * 1-5" (08:00 on weekdays), or "off"`
	switch fields := strings.Fields(spec); {
	case strings.HasPrefix(spec, "TZ=") || strings.HasPrefix(spec, "CRON_TZ="):
		return fmt.Errorf("%q: a schedule cannot name its own time zone; every schedule runs in the configured timezone", spec)
	case strings.HasPrefix(spec, "@"):
		return fmt.Errorf("%q: descriptors such as @daily are not accepted here; %s", spec, form)
	case len(fields) != 5:
		return fmt.Errorf("%q has %d fields; %s (a seconds field is not supported)", spec, len(fields), form)
	}
	if _, err := cron.ParseStandard(spec); err != nil {
		return fmt.Errorf("%q: %v; %s", spec, err, form)
	}
	return nil
}

// holidaysFile is the YAML shape of a holidays file.
type holidaysFile struct {
	Holidays []struct {
		Date        string `yaml:"date"`
		Name        string `yaml:"name"`
		CutiBersama bool   `yaml:"cuti_bersama"`
	} `yaml:"holidays"`
}

// loadHolidays reads every file matching pattern (a plain path must exist).
func loadHolidays(pattern string, loc *time.Location) ([]kinerja.Holiday, error) {
	paths, err := filepath.Glob(pattern)
	if err != nil {
		return nil, fmt.Errorf("%q is not a valid file pattern: %v", pattern, err)
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("no file matches %q", pattern)
	}
	sort.Strings(paths)
	seen := map[string]string{}
	var out []kinerja.Holiday
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %v", p, err)
		}
		var f holidaysFile
		dec := yaml.NewDecoder(bytes.NewReader(data))
		dec.KnownFields(true)
		if err := dec.Decode(&f); err != nil {
			return nil, fmt.Errorf("%s is not a holidays file: %v", p, err)
		}
		for i, h := range f.Holidays {
			where := fmt.Sprintf("%s, entry %d", p, i+1)
			if _, err := time.ParseInLocation(kinerja.DayLayout, h.Date, loc); err != nil {
				return nil, fmt.Errorf("%s: date %q is not YYYY-MM-DD", where, h.Date)
			}
			if strings.TrimSpace(h.Name) == "" {
				return nil, fmt.Errorf("%s (%s): the holiday needs a name", where, h.Date)
			}
			if prev, dup := seen[h.Date]; dup {
				return nil, fmt.Errorf("%s: %s is listed twice (also as %q)", where, h.Date, prev)
			}
			seen[h.Date] = h.Name
			out = append(out, kinerja.Holiday{Day: h.Date, Name: h.Name, CutiBersama: h.CutiBersama})
		}
	}
	return out, nil
}

// jobsConfig turns the settings into the jobs' configuration.
func (a *app) jobsConfig() jobs.Config {
	c := a.cfg
	groups := map[string]int64{}
	pop := map[string]int{}
	for code, u := range c.Units {
		if u.GroupChatID != 0 {
			groups[code] = u.GroupChatID
		}
		if u.Population > 0 {
			pop[code] = u.Population
		}
	}
	return jobs.Config{
		Calendar:           kinerja.NewCalendar(c.Location(), c.holidays),
		EvaluationDeadline: c.Evaluation.DeadlineDay,
		EvaluationPeriod:   evalPeriodKinds[c.Evaluation.Period],
		ReportingDays:      c.Reminders.ReportingWorkingDays,
		UnitGroups:         groups,
		PublicChannel:      c.PublicChannelID,
		SiteURL:            c.HTTP.PublicURL,
	}
}
