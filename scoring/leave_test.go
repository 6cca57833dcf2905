package scoring

import (
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// workdays lists the working days (weekends only) of [from, to].
func workdays(from, to string) []string {
	a, _ := time.ParseInLocation(time.DateOnly, from, wib)
	b, _ := time.ParseInLocation(time.DateOnly, to, wib)
	var out []string
	for d := a; !d.After(b); d = d.AddDate(0, 0, 1) {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			out = append(out, d.Format(time.DateOnly))
		}
	}
	return out
}

// Leave takes its working days out of quarterly and annual targets, not
// only monthly ones (issue "Targets", part 7).
func TestDeriveTargetLeaveInQuartersAndYears(t *testing.T) {
	yearly := &kinerja.Target{Period: "2026", Target: 120, Direction: kinerja.HigherIsBetter}
	withTW := &kinerja.Target{Period: "2026", Target: 120, Direction: kinerja.HigherIsBetter, Quarterly: [4]float64{40, 30, 30, 20}}
	quarter := &kinerja.Target{Period: "2026-Q2", Target: 30, Direction: kinerja.HigherIsBetter}
	level := &kinerja.Target{Period: "2026", Target: 2, Direction: kinerja.LowerIsBetter, Aggregation: kinerja.AggMean}
	threeDays := []string{"2026-02-02", "2026-02-03", "2026-02-04"}
	maternity := workdays("2026-04-01", "2026-06-30") // the whole second quarter: 65 working days
	tests := []struct {
		name      string
		t         *kinerja.Target
		p         string
		leave     []string
		min       int
		want      float64
		basis     string
		days, of  int
		leaveDays int
	}{
		{"a quarter's TW target less three days of leave", withTW, "2026-Q1", threeDays, 1, 40 * 61.0 / 64, BasisQuarterlyProrated, 61, 64, 3},
		{"a year's target less three days of leave", yearly, "2026", threeDays, 1, 120 * 258.0 / 261, BasisProrated, 258, 261, 3},
		{"the year with TW targets: only Q1 is reduced", withTW, "2026", threeDays, 1, 40*61.0/64 + 30 + 30 + 20, BasisQuarterlyProrated, 258, 261, 3},
		{"a quarterly target less its leave", quarter, "2026-Q2", maternity[:10], 1, 30 * 55.0 / 65, BasisProrated, 55, 65, 10},
		{"maternity leave over the whole quarter leaves nothing expected", yearly, "2026-Q2", maternity, 1, 0, BasisProrated, 0, 261, 65},
		{"leave below the minimum does not count", yearly, "2026", threeDays, 5, 120, BasisSet, 0, 0, 0},
		{"a level target is not reduced by leave", level, "2026-Q1", threeDays, 1, 2, BasisLevel, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := span(tt.leave...)
			s.Prorate = ProrateWorkingDays
			s.MinLeaveDays = tt.min
			got := DeriveTarget(tt.t, period(tt.p), s)
			if !near(got.Value, tt.want) || got.Basis != tt.basis || got.Days != tt.days || got.OfDays != tt.of || got.LeaveDays != tt.leaveDays {
				t.Errorf("DeriveTarget = %v %s %d/%d leave %d, want %v %s %d/%d leave %d", got.Value, got.Basis,
					got.Days, got.OfDays, got.LeaveDays, tt.want, tt.basis, tt.days, tt.of, tt.leaveDays)
			}
		})
	}
	// Nothing expected is no result, not Di Bawah.
	m, err := Measure(yearly, DeriveTarget(yearly, period("2026-Q2"), func() TargetSpan {
		s := span(maternity...)
		s.MinLeaveDays = 1
		s.Prorate = ProrateWorkingDays
		return s
	}()), nil, DefaultCap)
	if err != nil || m.HasResult {
		t.Fatalf("a quarter all on leave: %+v %v", m, err)
	}
}
