package scoring

import (
	"math"
	"testing"
)

func TestBudgetPlanAt(t *testing.T) {
	bp := DefaultBudgetPlan()
	tests := []struct {
		month int
		want  float64
	}{
		{1, 20.0 / 3}, {2, 40.0 / 3}, {3, 20}, {4, 20 + 25.0/3}, {5, 20 + 50.0/3}, {6, 45},
		{7, 45 + 25.0/3}, {9, 70}, {10, 70 + 25.0/3}, {12, 95}, {0, 20.0 / 3}, {13, 95},
	}
	for _, tt := range tests {
		if got := bp.PlanAt(tt.month); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("PlanAt(%d) = %v, want %v", tt.month, got, tt.want)
		}
	}
	if lo, hi := bp.BandAt(12); lo != 90 || hi != 100 {
		t.Errorf("BandAt(12) = %v–%v, want 90–100", lo, hi)
	}
	// January: plan 6.67 is below the band; the floor is half the plan.
	if lo, hi := bp.BandAt(1); math.Abs(lo-10.0/3) > 1e-9 || math.Abs(hi-(20.0/3+5)) > 1e-9 {
		t.Errorf("BandAt(1) = %v–%v", lo, hi)
	}
}

func TestBudgetCapaian(t *testing.T) {
	bp := DefaultBudgetPlan()
	tests := []struct {
		name       string
		absorption float64
		month      int
		want       float64
	}{
		{"93% at the end of the year is inside 90–100", 93, 12, 100},
		{"the band's lower edge is inside", 90, 12, 100},
		{"the band's upper edge is inside", 100, 12, 100},
		{"70% at the end of the year falls off as 70/90", 70, 12, 100 * 70.0 / 90},
		{"105% overspends: 2 − 105/100", 105, 12, 95},
		{"nothing spent is 0", 0, 12, 0},
		{"end of Q1 at 20% is on plan", 20, 3, 100},
		{"end of Q2 at 30% is below 40–50", 30, 6, 75},
		{"end of Q3 at 80% is above 65–75", 80, 9, 100 * (2 - 80.0/75)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := bp.BudgetCapaian(tt.absorption, tt.month)
			if err != nil || math.Abs(got-tt.want) > 1e-9 {
				t.Fatalf("BudgetCapaian(%v, %d) = %v, %v; want %v", tt.absorption, tt.month, got, err, tt.want)
			}
		})
	}
}

func TestAbsorption(t *testing.T) {
	months := []BudgetMonth{
		{Month: 1, Pagu: 1000, Realisasi: 50},
		{Month: 2, Pagu: 1000, Realisasi: 100},
		{Month: 3, Realisasi: 50}, // no pagu given this month: the latest holds
		{Month: 8, Pagu: 1250, Realisasi: 300},
	}
	tests := []struct {
		name  string
		month int
		want  float64
		ok    bool
	}{
		{"to January", 1, 5, true},
		{"to March, pagu carried", 3, 20, true},
		{"to July, nothing since March", 7, 20, true},
		{"to December, the revised pagu replaces the first", 12, 100 * 500.0 / 1250, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Absorption(months, tt.month)
			if ok != tt.ok || math.Abs(got-tt.want) > 1e-9 {
				t.Fatalf("Absorption(to %d) = %v, %v; want %v, %v", tt.month, got, ok, tt.want, tt.ok)
			}
		})
	}
	if _, ok := Absorption([]BudgetMonth{{Month: 1, Realisasi: 5}}, 12); ok {
		t.Error("no pagu: ok")
	}
	if _, ok := Absorption(nil, 12); ok {
		t.Error("nothing: ok")
	}
}

func TestBudgetPlanValidate(t *testing.T) {
	tests := []struct {
		name string
		bp   BudgetPlan
		ok   bool
	}{
		{"default", BudgetPlan{}, true},
		{"custom rising", BudgetPlan{Curve: [4]float64{10, 40, 75, 100}, Band: 10}, true},
		{"falling", BudgetPlan{Curve: [4]float64{50, 40, 75, 100}}, false},
		{"above 100", BudgetPlan{Curve: [4]float64{20, 45, 70, 101}}, false},
		{"zero quarter", BudgetPlan{Curve: [4]float64{0, 45, 70, 95}}, false},
		{"band too wide", BudgetPlan{Band: 50}, false},
	}
	for _, tt := range tests {
		if err := tt.bp.Validate(); (err == nil) != tt.ok {
			t.Errorf("%s: Validate() = %v", tt.name, err)
		}
	}
}
