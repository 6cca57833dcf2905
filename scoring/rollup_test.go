package scoring

import (
	"slices"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// month returns the Monthly period of 2025 for m.
func month(m int) kinerja.Period { return kinerja.Period{Kind: kinerja.Monthly, Year: 2025, Index: m} }

// year2025 has realisation 10·m and target 30 in every month m of 2025, and a
// stray entry for January 2024 that no 2025 period may pick up.
func year2025() map[kinerja.Period]MonthlyIndicator {
	out := map[kinerja.Period]MonthlyIndicator{
		{Kind: kinerja.Monthly, Year: 2024, Index: 1}: {Realisasi: 1000, Target: 1000},
	}
	for m := 1; m <= 12; m++ {
		out[month(m)] = MonthlyIndicator{Realisasi: float64(10 * m), Target: 30}
	}
	return out
}

func TestRollUpIndicator(t *testing.T) {
	tests := []struct {
		name              string
		months            []MonthlyIndicator
		realisasi, target float64
	}{
		{"three months add up", []MonthlyIndicator{{Realisasi: 30, Target: 30}, {Realisasi: 25, Target: 30}, {Realisasi: 40, Target: 30}}, 95, 90},
		{"one month is itself", []MonthlyIndicator{{Realisasi: 7, Target: 5}}, 7, 5},
		{"no months are zero", nil, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			realisasi, target := RollUpIndicator(tt.months)
			if realisasi != tt.realisasi || target != tt.target {
				t.Errorf("RollUpIndicator = (%v, %v), want (%v, %v)", realisasi, target, tt.realisasi, tt.target)
			}
		})
	}
}

func TestMonthsOf(t *testing.T) {
	data := year2025()
	delete(data, month(5)) // a month with no data is skipped
	tests := []struct {
		name string
		p    kinerja.Period
		want []int
	}{
		{"a month is itself", month(3), []int{3}},
		{"a month without data is empty", month(5), nil},
		{"Q2 skips the missing May", kinerja.Period{Kind: kinerja.Quarterly, Year: 2025, Index: 2}, []int{4, 6}},
		{"S2 is July to December", kinerja.Period{Kind: kinerja.Semester, Year: 2025, Index: 2}, []int{7, 8, 9, 10, 11, 12}},
		{"the year is its own eleven months", kinerja.Period{Kind: kinerja.Yearly, Year: 2025}, []int{1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12}},
		{"another year is empty", kinerja.Period{Kind: kinerja.Yearly, Year: 2026}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []int
			for _, m := range MonthsOf(tt.p, data) {
				if m.Month.Year != 2025 || m.Month.Kind != kinerja.Monthly {
					t.Errorf("month %v is outside 2025", m.Month)
				}
				got = append(got, m.Month.Index)
			}
			if want := tt.want; !slices.Equal(got, want) {
				t.Errorf("MonthsOf(%v) months = %v, want %v", tt.p, got, want)
			}
		})
	}
}

func TestRollUp(t *testing.T) {
	q1 := kinerja.Period{Kind: kinerja.Quarterly, Year: 2025, Index: 1}
	y := kinerja.Period{Kind: kinerja.Yearly, Year: 2025}
	tests := []struct {
		name              string
		p                 kinerja.Period
		targets           map[kinerja.Period]float64
		realisasi, target float64
	}{
		// Realisation 10+20+30; targets 3 × 30.
		{"quarter sums months", q1, nil, 60, 90},
		// Realisation 10+…+120 = 780; targets 12 × 30.
		{"year sums months without a yearly target", y, nil, 780, 360},
		{"a yearly target is used as is", y, map[kinerja.Period]float64{y: 400}, 780, 400},
		{"a quarterly target is used as is", q1, map[kinerja.Period]float64{q1: 100, y: 400}, 60, 100},
		{"another period's target is ignored", q1, map[kinerja.Period]float64{y: 400}, 60, 90},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			realisasi, target := RollUp(tt.p, year2025(), tt.targets)
			if realisasi != tt.realisasi || target != tt.target {
				t.Errorf("RollUp(%v) = (%v, %v), want (%v, %v)", tt.p, realisasi, target, tt.realisasi, tt.target)
			}
		})
	}
}
