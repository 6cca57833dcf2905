package scoring

import (
	"reflect"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// With ProrateMonths (the default) the SKP year is planned in equal
// monthly shares; only a month counted in part goes by its working days.
// 2026, weekends only: January 22 working days, February 20, April 22.
func TestDeriveTargetByMonths(t *testing.T) {
	yearly := &kinerja.Target{Period: "2026", Target: 120, Direction: kinerja.HigherIsBetter}
	withTW := &kinerja.Target{Period: "2026", Target: 120, Direction: kinerja.HigherIsBetter, Quarterly: [4]float64{40, 30, 30, 20}}
	quarter := &kinerja.Target{Period: "2026-Q2", Target: 30, Direction: kinerja.HigherIsBetter}
	monthTarget := &kinerja.Target{Period: "2026-02", Target: 10, Direction: kinerja.HigherIsBetter}
	cumulative := &kinerja.Target{Period: "2026", Target: 120, Direction: kinerja.HigherIsBetter, Cumulative: true}
	cumulativeTW := &kinerja.Target{Period: "2026", Target: 120, Direction: kinerja.HigherIsBetter, Quarterly: [4]float64{40, 30, 30, 20}, Cumulative: true}
	level := &kinerja.Target{Period: "2026", Target: 2, Direction: kinerja.LowerIsBetter, Aggregation: kinerja.AggMean}
	threeDays := []string{"2026-02-02", "2026-02-03", "2026-02-04"} // 17 of February's 20 left
	maternity := workdays("2026-04-01", "2026-06-30")
	tests := []struct {
		name      string
		t         *kinerja.Target
		p         string
		leave     []string
		min       int
		want      float64
		basis     string
		months    [2]int
		parts     []DayShare
		leaveDays int
	}{
		{"a whole month of a yearly target is 1/12 of it", yearly, "2026-01", nil, 1, 10, BasisMonthly, [2]int{1, 12}, nil, 0},
		{"a whole quarter of a yearly target is 3/12 of it", yearly, "2026-Q2", nil, 1, 30, BasisMonthly, [2]int{3, 12}, nil, 0},
		{"a month of a quarter with TW1 40 is 1/3 of it", withTW, "2026-03", nil, 1, 40.0 / 3, BasisQuarterlyMonthly, [2]int{1, 3}, nil, 0},
		{"a quarter with its TW target uses it whole", withTW, "2026-Q1", nil, 1, 40, BasisQuarterly, [2]int{0, 0}, nil, 0},
		{"a semester adds its quarters' TW targets", withTW, "2026-S1", nil, 1, 70, BasisQuarterly, [2]int{0, 0}, nil, 0},
		{"a month of a quarterly target is 1/3 of it", quarter, "2026-04", nil, 1, 10, BasisMonthly, [2]int{1, 3}, nil, 0},
		{"three days of leave take their share of the month", yearly, "2026-02", threeDays, 1, 10 * 17.0 / 20, BasisMonthly, [2]int{0, 12}, []DayShare{{17, 20}}, 3},
		{"leave in a quarter with TW reduces only its month", withTW, "2026-Q1", threeDays, 1, 40 * (2 + 17.0/20) / 3, BasisQuarterlyMonthly, [2]int{2, 3}, []DayShare{{17, 20}}, 3},
		{"the year with TW and leave: only February's share is reduced", withTW, "2026", threeDays, 1, 40*(2+17.0/20)/3 + 80, BasisQuarterlyMonthly, [2]int{11, 12}, []DayShare{{17, 20}}, 3},
		{"a monthly target with leave goes by its working days", monthTarget, "2026-02", threeDays, 1, 10 * 17.0 / 20, BasisMonthly, [2]int{0, 1}, []DayShare{{17, 20}}, 3},
		{"leave below the minimum does not count", yearly, "2026-02", threeDays, 5, 10, BasisMonthly, [2]int{1, 12}, nil, 0},
		{"maternity leave over the whole quarter leaves nothing expected", yearly, "2026-Q2", maternity, 1, 0, BasisMonthly, [2]int{0, 12}, []DayShare{{0, 22}, {0, 21}, {0, 22}}, 65},
		{"a cumulative target to March is 3/12", cumulative, "2026-03", nil, 1, 30, BasisMonthly, [2]int{3, 12}, nil, 0},
		{"a cumulative target with TW to February is 2/3 of TW1", cumulativeTW, "2026-02", nil, 1, 40 * 2.0 / 3, BasisQuarterlyMonthly, [2]int{2, 3}, nil, 0},
		{"the year of a yearly target is the target", yearly, "2026", nil, 1, 120, BasisSet, [2]int{0, 0}, nil, 0},
		{"a level target is not pro-rated", level, "2026-01", threeDays, 1, 2, BasisLevel, [2]int{0, 0}, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := span(tt.leave...)
			s.MinLeaveDays = tt.min
			got := DeriveTarget(tt.t, period(tt.p), s)
			if !near(got.Value, tt.want) || got.Basis != tt.basis || got.Months != tt.months[0] || got.OfMonths != tt.months[1] ||
				!reflect.DeepEqual(got.Parts, tt.parts) || got.LeaveDays != tt.leaveDays || got.Days != 0 || got.OfDays != 0 {
				t.Errorf("DeriveTarget = %v %q (%+v), want %v %s %d/%d %v leave %d", got.Value, got.String(), got,
					tt.want, tt.basis, tt.months[0], tt.months[1], tt.parts, tt.leaveDays)
			}
			back := ParseBasis(got.String())
			if back.Basis != got.Basis || back.Months != got.Months || back.OfMonths != got.OfMonths || !reflect.DeepEqual(back.Parts, got.Parts) ||
				back.LeaveDays != got.LeaveDays || back.Cumulative != got.Cumulative || back.Days != 0 || back.OfDays != 0 {
				t.Errorf("ParseBasis(%q) = %+v", got.String(), back)
			}
		})
	}
}

// The check: 10 approved against a yearly 120 in a month is 100%,
// Sesuai Ekspektasi.
func TestAMonthOnTrackMeetsExpectations(t *testing.T) {
	yearly := &kinerja.Target{Period: "2026", Target: 120, Direction: kinerja.HigherIsBetter}
	pt := DeriveTarget(yearly, period("2026-01"), span())
	m, err := Measure(yearly, pt, []Value{{Day: "2026-01-12", Quantity: 4}, {Day: "2026-01-20", Quantity: 6}}, DefaultCap)
	if err != nil {
		t.Fatal(err)
	}
	if got := DefaultThresholds().Rate(m.Capaian); m.Capaian != 100 || got != kinerja.RatingMeets {
		t.Errorf("10 of a yearly 120 in January: capaian %v rated %v, want 100 and Sesuai", m.Capaian, got)
	}
}

// A span that starts or ends inside a month counts that month by its
// working days (no caller builds one today: target and evaluation periods
// are whole months).
func TestDeriveMonthsPartMonth(t *testing.T) {
	yearly := &kinerja.Target{Period: "2026", Target: 120, Direction: kinerja.HigherIsBetter}
	at := func(s string) time.Time {
		d, _ := time.ParseInLocation(time.DateOnly, s, wib)
		return d
	}
	// 16–31 January 2026: 11 of its 22 working days.
	tests := []struct {
		name     string
		from, to string
		want     float64
		months   int
		parts    []DayShare
	}{
		{"starting mid-January", "2026-01-16", "2026-02-01", 120.0 / 12 * 11 / 22, 0, []DayShare{{11, 22}}},
		{"starting mid-January to the end of February", "2026-01-16", "2026-03-01", 120.0 / 12 * (1 + 11.0/22), 1, []DayShare{{11, 22}}},
		{"ending mid-January", "2026-01-01", "2026-01-16", 120.0 / 12 * 11 / 22, 0, []DayShare{{11, 22}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := deriveMonths(yearly, period("2026"), false, span(), PeriodTarget{From: at(tt.from), To: at(tt.to)})
			if !near(got.Value, tt.want) || got.Basis != BasisMonthly || got.Months != tt.months || got.OfMonths != 12 || !reflect.DeepEqual(got.Parts, tt.parts) {
				t.Errorf("deriveMonths = %v %q, want %v months %d parts %v", got.Value, got.String(), tt.want, tt.months, tt.parts)
			}
		})
	}
}

// Strings stored in past evaluations' snapshots read as they always did.
func TestParseBasisReadsOldStrings(t *testing.T) {
	got := ParseBasis("prorated 22/261 leave 3 cumulative")
	if got.Basis != BasisProrated || got.Days != 22 || got.OfDays != 261 || got.LeaveDays != 3 || !got.Cumulative || got.Months != 0 || got.Parts != nil {
		t.Errorf("ParseBasis(old) = %+v", got)
	}
	if got := ParseBasis("quarterly_prorated 61/64 leave 3"); got.Basis != BasisQuarterlyProrated || got.Days != 61 || got.OfDays != 64 {
		t.Errorf("ParseBasis(old quarterly) = %+v", got)
	}
}
