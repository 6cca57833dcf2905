package scoring

import (
	"math"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

var wib = time.FixedZone("WIB", 7*3600)

// span is a weekends-only calendar in WIB, with leave on the given days.
func span(leave ...string) TargetSpan {
	cal := kinerja.NewCalendar(wib, nil)
	s := TargetSpan{Loc: wib, Days: CalendarDays{cal}}
	if len(leave) > 0 {
		s.Leave = func(from, to time.Time) int {
			n := 0
			for _, d := range leave {
				t, _ := time.ParseInLocation(time.DateOnly, d, wib)
				if !t.Before(from) && t.Before(to) && cal.WorkingDay(t) {
					n++
				}
			}
			return n
		}
	}
	return s
}

func period(s string) kinerja.Period {
	p, err := kinerja.ParsePeriod(s)
	if err != nil {
		panic(err)
	}
	return p
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestDeriveTarget(t *testing.T) {
	yearly := &kinerja.Target{Period: "2026", Target: 120, Direction: kinerja.HigherIsBetter}
	withTW := &kinerja.Target{Period: "2026", Target: 120, Direction: kinerja.HigherIsBetter, Quarterly: [4]float64{40, 30, 30, 20}}
	quarter := &kinerja.Target{Period: "2026-Q2", Target: 30, Direction: kinerja.HigherIsBetter}
	cumulative := &kinerja.Target{Period: "2026", Target: 120, Direction: kinerja.HigherIsBetter, Cumulative: true}
	mean := &kinerja.Target{Period: "2026", Target: 2, Direction: kinerja.LowerIsBetter, Aggregation: kinerja.AggMean, Quarterly: [4]float64{3, 2, 2, 1}}
	// 2026, weekends only: 261 working days; January 22, Q1 64, March 22, Q2 65, April 22.
	tests := []struct {
		name      string
		t         *kinerja.Target
		p         string
		leave     []string
		want      float64
		basis     string
		days, of  int
		leaveDays int
	}{
		{"a month of a yearly target is its share of the year's working days", yearly, "2026-01", nil, 120 * 22.0 / 261, BasisProrated, 22, 261, 0},
		{"the year of a yearly target is the target", yearly, "2026", nil, 120, BasisSet, 0, 0, 0},
		{"a quarter with its own TW target uses it whole", withTW, "2026-Q1", nil, 40, BasisQuarterly, 0, 0, 0},
		{"a semester adds its quarters' TW targets", withTW, "2026-S1", nil, 70, BasisQuarterly, 0, 0, 0},
		{"a month of a quarter with a TW target is its share of the quarter", withTW, "2026-03", nil, 40 * 22.0 / 64, BasisQuarterlyProrated, 22, 64, 0},
		{"a quarterly target is pro-rated to its months", quarter, "2026-04", nil, 30 * 22.0 / 65, BasisProrated, 22, 65, 0},
		{"a cumulative target counts from the start of its year", cumulative, "2026-03", nil, 120 * 64.0 / 261, BasisProrated, 64, 261, 0},
		{"leave takes its working days out of the share", yearly, "2026-01", []string{"2026-01-05", "2026-01-06", "2026-01-10"}, 120 * 20.0 / 261, BasisProrated, 20, 261, 2},
		{"leave on a whole-period target pro-rates it", quarter, "2026-Q2", []string{"2026-04-01"}, 30 * 64.0 / 65, BasisProrated, 64, 65, 1},
		{"a mean target is a level: the quarter's value, not pro-rated", mean, "2026-05", nil, 2, BasisLevel, 0, 0, 0},
		{"a mean target's first quarter value", mean, "2026-02", nil, 3, BasisLevel, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := span(tt.leave...)
			s.Prorate = ProrateWorkingDays
			if len(tt.leave) > 0 {
				s.MinLeaveDays = 1
			}
			got := DeriveTarget(tt.t, period(tt.p), s)
			if !near(got.Value, tt.want) || got.Basis != tt.basis || got.Days != tt.days || got.OfDays != tt.of || got.LeaveDays != tt.leaveDays {
				t.Errorf("DeriveTarget = %v %s %d/%d leave %d, want %v %s %d/%d leave %d", got.Value, got.Basis,
					got.Days, got.OfDays, got.LeaveDays, tt.want, tt.basis, tt.days, tt.of, tt.leaveDays)
			}
			if back := ParseBasis(got.String()); back.Basis != got.Basis || back.Days != got.Days ||
				back.OfDays != got.OfDays || back.LeaveDays != got.LeaveDays || back.Cumulative != got.Cumulative {
				t.Errorf("ParseBasis(%q) = %+v", got.String(), back)
			}
		})
	}
}

func TestDeriveTargetLeaveBelowTheMinimumDoesNotCount(t *testing.T) {
	yearly := &kinerja.Target{Period: "2026", Target: 120, Direction: kinerja.HigherIsBetter}
	s := span("2026-01-05", "2026-01-06")
	s.MinLeaveDays = 3
	s.Prorate = ProrateWorkingDays
	if got := DeriveTarget(yearly, period("2026-01"), s); got.LeaveDays != 0 || got.Days != 22 {
		t.Errorf("two days of leave under a minimum of three: %+v", got)
	}
}

func TestMeasure(t *testing.T) {
	vals := func(q ...float64) []Value {
		var out []Value
		for i, x := range q {
			out = append(out, Value{Day: "2026-03-1" + string(rune('0'+i)), Seq: int64(i), Quantity: x})
		}
		return out
	}
	count := &kinerja.Target{Period: "2026", Target: 120, Direction: kinerja.HigherIsBetter}
	timeMean := &kinerja.Target{Period: "2026", Target: 2, Direction: kinerja.LowerIsBetter, Aggregation: kinerja.AggMean}
	complaints := &kinerja.Target{Period: "2026-03", Target: 5, Direction: kinerja.LowerIsBetter}
	band := &kinerja.Target{Period: "2026", Direction: kinerja.InRange, Aggregation: kinerja.AggLast, TargetMin: 90, TargetMax: 100}
	tests := []struct {
		name        string
		t           *kinerja.Target
		pt          PeriodTarget
		values      []Value
		real, raw   float64
		capped      float64
		hasResult   bool
		wantReports int
	}{
		{"a month's 10 against its pro-rated 10 is 100%", count, PeriodTarget{Value: 10}, vals(4, 6), 10, 100, 100, true, 2},
		{"a count with nothing approved is 0%", count, PeriodTarget{Value: 10}, nil, 0, 0, 0, true, 0},
		{"a mean time of 2 and 2 against 2 days is 100%", timeMean, PeriodTarget{Value: 2}, vals(2, 2), 2, 100, 100, true, 2},
		{"a lower-is-better count reported as 0 is 200%, capped at 120", complaints, PeriodTarget{Value: 5}, vals(0), 0, 200, 120, true, 1},
		{"a lower-is-better indicator with no report has no result", complaints, PeriodTarget{Value: 5}, nil, 0, 0, 0, false, 0},
		{"the last absorption 93% inside a 90–100 band is 100%", band, PeriodTarget{Min: 90, Max: 100}, vals(40, 93), 93, 100, 100, true, 2},
		{"absorption 70% below the band falls off against 90", band, PeriodTarget{Min: 90, Max: 100}, vals(70), 70, 100 * 70.0 / 90, 100 * 70.0 / 90, true, 1},
		{"absorption 105% above the band falls off against 100", band, PeriodTarget{Min: 90, Max: 100}, vals(105), 105, 95, 95, true, 1},
		{"a zero target (all on leave) has no result", count, PeriodTarget{Value: 0}, vals(3), 3, 0, 0, false, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Measure(tt.t, tt.pt, tt.values, DefaultCap)
			if err != nil {
				t.Fatal(err)
			}
			if got.HasResult != tt.hasResult || got.Reports != tt.wantReports {
				t.Fatalf("Measure = %+v, want result %v from %d reports", got, tt.hasResult, tt.wantReports)
			}
			if got.HasResult && (!near(got.Realisasi, tt.real) || !near(got.Raw, tt.raw) || !near(got.Capaian, tt.capped)) {
				t.Errorf("Measure = realisasi %v raw %v capaian %v, want %v %v %v", got.Realisasi, got.Raw, got.Capaian, tt.real, tt.raw, tt.capped)
			}
		})
	}
}

func TestCapKeepsOneIndicatorFromHidingAnother(t *testing.T) {
	scores := []IndicatorScore{{Capaian: Capped(300, DefaultCap), Weight: 1}, {Capaian: Capped(20, DefaultCap), Weight: 1}}
	w, err := WeightedCapaian(scores)
	if err != nil {
		t.Fatal(err)
	}
	if got := DefaultThresholds().Rate(w); w != 70 || got == kinerja.RatingAbove {
		t.Errorf("300%% and 20%% capped: weighted %v rated %v, want 70 and not Di Atas", w, got)
	}
	if Capped(300, 0) != 300 {
		t.Error("cap 0 must mean no cap")
	}
}
