package web

import (
	"context"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/survey"
)

// A unit's page also shows its measured service times against the
// published standard, and "Anda berkata, kami lakukan": the suggestions
// its head published with what was done about them.

// speedRow is one line of a unit's measured service times: the whole
// unit (Code "") or one service. A duration is anonymous and says nothing
// of the answers, but it comes from a respondent: the figures show when
// the unit's month is shown (at least the anonymity threshold of
// respondents) or the durations alone reach the threshold; otherwise the
// row keeps its count hidden and shows no figure.
type speedRow struct {
	Code, Name                    string
	Count                         int
	Shown                         bool
	Median, P90, Standard, Within string
}

// followUpRow is one published suggestion with its follow-up.
type followUpRow struct {
	Said, Done, Date string
}

// maxFollowUps is how many published suggestions a unit's page lists.
const maxFollowUps = 20

// serviceTimes returns the unit's measured service times in p; unitShown
// says whether the unit's figures for p are shown.
func (s *Site) serviceTimes(ctx context.Context, lang kinerja.Lang, unit string, p kinerja.Period, unitShown bool) ([]speedRow, error) {
	list, err := s.f.ServiceSpeeds(ctx, s.store, unit, p)
	if err != nil || len(list) == 0 {
		return nil, err
	}
	services, err := s.f.Services(ctx, s.store, unit)
	if err != nil {
		return nil, err
	}
	rows := make([]speedRow, 0, len(list))
	for _, sp := range list {
		row := speedRow{Code: sp.ServiceCode, Count: sp.Count}
		for _, svc := range services {
			if svc.Code == sp.ServiceCode {
				row.Name = svc.Name
			}
		}
		if sp.ServiceCode != "" && row.Name == "" {
			row.Name = sp.ServiceCode
		}
		if unitShown || sp.Count >= s.cfg.MinRespondents {
			row.Shown = true
			row.Median, row.P90 = survey.MinutesString(lang, sp.MedianMinutes), survey.MinutesString(lang, sp.P90Minutes)
			if sp.StandardMinutes > 0 {
				row.Standard = survey.MinutesString(lang, sp.StandardMinutes)
			}
			if sp.StandardMinutes > 0 || sp.WithinStandard > 0 {
				row.Within = survey.PercentString(sp.WithinStandard)
			}
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// tvSpeed returns the whole unit's row of its measured service times in
// p for the counter board, under the unit page's rule; nil when there is
// none to show. Durations keep only their month, never their day, so the
// board has no "today" for them.
func (s *Site) tvSpeed(ctx context.Context, lang kinerja.Lang, unit string, p kinerja.Period, unitShown bool) (*speedRow, error) {
	rows, err := s.serviceTimes(ctx, lang, unit, p, unitShown)
	if err != nil {
		return nil, err
	}
	for i := range rows {
		if rows[i].Code == "" && rows[i].Shown {
			return &rows[i], nil
		}
	}
	return nil, nil
}

// followUps returns the suggestions the unit's head published, newest
// first, in their published wording: never the text as typed.
func (s *Site) followUps(ctx context.Context, lang kinerja.Lang, unit string) ([]followUpRow, error) {
	list, _, err := s.store.SurveySuggestions(ctx, kinerja.SuggestionFilter{UnitCode: unit, PublishedOnly: true, Limit: maxFollowUps})
	if err != nil {
		return nil, err
	}
	rows := make([]followUpRow, 0, len(list))
	for _, sg := range list {
		if sg.PublicText == "" || sg.Action == "" {
			continue
		}
		at := sg.ActionAt
		if at.IsZero() {
			at = sg.PublishedAt
		}
		rows = append(rows, followUpRow{Said: sg.PublicText, Done: sg.Action, Date: bot.DateLabel(lang, at.In(s.cfg.Location))})
	}
	return rows, nil
}
