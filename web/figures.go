package web

import (
	"context"
	"fmt"
	"math/big"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/survey"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

// trendMonths is how many months a trend shows, the current one last.
const trendMonths = 12

// month returns the IKM of every unit with responses in month p, by unit
// code, from the survey's one computation (cached).
func (s *Site) month(ctx context.Context, p kinerja.Period) (map[string]survey.UnitIndex, error) {
	v, err := s.cache.get(s.cfg.Now(), s.cfg.CacheTTL, "month:"+p.String(), func() (any, error) {
		list, err := s.f.UnitIndexes(ctx, s.store, p)
		if err != nil {
			return nil, err
		}
		m := make(map[string]survey.UnitIndex, len(list))
		for _, u := range list {
			m[u.Unit.Code] = u
		}
		return m, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(map[string]survey.UnitIndex), nil
}

// today returns the IKM of every unit over today's responses.
func (s *Site) today(ctx context.Context) (map[string]scoring.IKMResult, error) {
	now := s.cfg.Now().In(s.cfg.Location)
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, s.cfg.Location)
	v, err := s.cache.get(s.cfg.Now(), s.cfg.CacheTTL, "day:"+day.Format(time.DateOnly), func() (any, error) {
		return s.f.UnitIKM(ctx, s.store, day, day.AddDate(0, 0, 1))
	})
	if err != nil {
		return nil, err
	}
	return v.(map[string]scoring.IKMResult), nil
}

// trend returns the last trendMonths months ending with p, oldest first.
func trendPeriods(p kinerja.Period) []kinerja.Period {
	out := make([]kinerja.Period, trendMonths)
	for i := trendMonths - 1; i >= 0; i-- {
		out[i] = p
		p = p.Prev()
	}
	return out
}

// figure is a result as a page shows it: nothing at all under the
// anonymity threshold.
type figure struct {
	Respondents int
	Shown       bool // respondents reach the anonymity threshold
	Few         bool // some responses, but fewer than the threshold
	IKM         string
	Value       float64
	Mutu        string
	Kinerja     string
	Provisional bool
	Sample      int
}

// figureOf formats a unit's index in lang, hiding it under the threshold.
func (s *Site) figureOf(lang kinerja.Lang, u survey.UnitIndex, ok bool) figure {
	if !ok {
		return figure{}
	}
	return s.resultFigure(lang, u.Result, u.Provisional, u.SampleNeeded)
}

func (s *Site) resultFigure(lang kinerja.Lang, res scoring.IKMResult, provisional bool, sample int) figure {
	f := figure{Respondents: res.Respondents}
	if res.Respondents < s.cfg.MinRespondents {
		f.Few = res.Respondents > 0
		return f
	}
	f.Shown = true
	f.IKM = survey.Decimal(lang, survey.IKMString(res))
	f.Value = res.IKM
	f.Mutu = string(res.Mutu)
	f.Kinerja = survey.KinerjaLabel(lang, res.Mutu)
	f.Provisional = provisional
	f.Sample = sample
	return f
}

// nrr formats unsur i's NRR exactly, rounded half up to two decimals.
func nrr(lang kinerja.Lang, res scoring.IKMResult, i int) string {
	if i >= len(res.Answered) || res.Answered[i] <= 0 {
		return ""
	}
	return survey.Decimal(lang, big.NewRat(int64(res.Sums[i]), int64(res.Answered[i])).FloatString(2))
}

// chart is a trend as inline SVG: the line's segments (a month without a
// figure breaks the line) and its dots, on a W×H canvas whose vertical
// axis runs from 50 (bottom) to 100 (top).
type chart struct {
	W, H     int
	Segments []string // polyline points
	Dots     []dot
	Label    string // the accessible description
	Axis     bool   // with month labels and grid lines
	Grid     []gridLine
}

type dot struct {
	X, Y  float64
	Title string
	Text  string // month label under the axis (Axis only)
}

type gridLine struct {
	Y     float64
	Label string
}

// chartOf draws points (one per month, "" months without a figure).
func chartOf(lang kinerja.Lang, periods []kinerja.Period, figs []figure, w, h int, axis bool) chart {
	c := chart{W: w, H: h, Axis: axis}
	top, bottom, left, right := 2.0, float64(h)-2, 2.0, float64(w)-2
	if axis {
		top, bottom, left, right = 10, float64(h)-22, 30, float64(w)-10
		for _, v := range []float64{50, 75, 100} {
			c.Grid = append(c.Grid, gridLine{Y: yOf(v, top, bottom), Label: fmt.Sprint(v)})
		}
	}
	step := (right - left) / float64(len(periods)-1)
	var seg []string
	var desc []string
	flush := func() {
		if len(seg) > 1 {
			c.Segments = append(c.Segments, strings.Join(seg, " "))
		}
		seg = nil
	}
	for i, p := range periods {
		x := left + step*float64(i)
		if !figs[i].Shown {
			flush()
			if axis {
				c.Dots = append(c.Dots, dot{X: x, Y: -100, Text: shortMonth(lang, p)})
			}
			continue
		}
		y := yOf(figs[i].Value, top, bottom)
		seg = append(seg, fmt.Sprintf("%.1f,%.1f", x, y))
		title := monthName(lang, p) + ": " + figs[i].IKM
		c.Dots = append(c.Dots, dot{X: x, Y: y, Title: title, Text: shortMonth(lang, p)})
		desc = append(desc, title)
	}
	flush()
	c.Label = text(lang, "trend") + ": " + strings.Join(desc, "; ")
	if len(desc) == 0 {
		c.Label = text(lang, "trend") + ": " + text(lang, "no_figure")
	}
	return c
}

func yOf(v, top, bottom float64) float64 {
	v = min(max(v, 50), 100)
	return bottom - (v-50)/50*(bottom-top)
}

var monthsID = []string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"}

// monthName names a month period: "November 2026".
func monthName(lang kinerja.Lang, p kinerja.Period) string {
	if p.Kind != kinerja.Monthly || p.Index < 1 || p.Index > 12 {
		return p.String()
	}
	if lang == kinerja.LangEN {
		return fmt.Sprintf("%s %d", time.Month(p.Index), p.Year)
	}
	return fmt.Sprintf("%s %d", monthsID[p.Index-1], p.Year)
}

// shortMonth is a month's axis label: "Nov".
func shortMonth(lang kinerja.Lang, p kinerja.Period) string {
	n := monthName(lang, p)
	return n[:3]
}
