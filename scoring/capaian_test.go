package scoring

import (
	"math"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

const (
	naik  = kinerja.HigherIsBetter
	turun = kinerja.LowerIsBetter
)

func TestCapaian(t *testing.T) {
	tests := []struct {
		name      string
		realisasi float64
		target    float64
		dir       kinerja.Direction
		want      float64
	}{
		{"higher is better on target is 100", 50, 50, naik, 100},
		{"higher is better above target", 55, 50, naik, 110},
		{"higher is better below target", 45, 50, naik, 90},
		{"higher is better nothing done is 0", 0, 50, naik, 0},
		{"higher is better is not capped", 150, 50, naik, 300},
		{"higher is better decimal input stays exact", 3.3, 3, naik, 110},
		{"lower is better on target is 100", 10, 10, turun, 100},
		{"lower is better faster than target", 9, 10, turun, 110},
		{"lower is better slower than target", 11, 10, turun, 90},
		{"lower is better zero realisation is 200", 0, 10, turun, 200},
		{"lower is better twice the target is 0", 20, 10, turun, 0},
		{"lower is better beyond twice the target is floored at 0", 35, 10, turun, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Capaian(tt.realisasi, tt.target, tt.dir)
			if err != nil {
				t.Fatalf("Capaian(%v, %v, %q) error %v", tt.realisasi, tt.target, tt.dir, err)
			}
			if want := tt.want; got != want {
				t.Errorf("Capaian(%v, %v, %q) = %v, want %v", tt.realisasi, tt.target, tt.dir, got, want)
			}
		})
	}
}

func TestCapaianInvalid(t *testing.T) {
	tests := []struct {
		name      string
		realisasi float64
		target    float64
		dir       kinerja.Direction
		key       string
	}{
		{"zero target is invalid", 5, 0, naik, "err.capaian_target"},
		{"negative target is invalid", 5, -1, turun, "err.capaian_target"},
		{"NaN target is invalid", 5, math.NaN(), naik, "err.capaian_target"},
		{"infinite target is invalid", 5, math.Inf(1), naik, "err.capaian_target"},
		{"negative realisation is invalid", -1, 5, naik, "err.capaian_realisasi"},
		{"NaN realisation is invalid", math.NaN(), 5, naik, "err.capaian_realisasi"},
		{"unknown direction is invalid", 5, 5, "sideways", "err.capaian_direction"},
		{"empty direction is invalid", 5, 5, "", "err.capaian_direction"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Capaian(tt.realisasi, tt.target, tt.dir)
			assertInvalid(t, err, tt.key)
		})
	}
}

// assertInvalid fails unless err is an EInvalid *kinerja.Error with key.
func assertInvalid(t *testing.T, err error, key string) {
	t.Helper()
	if err == nil {
		t.Fatalf("error = nil, want %s", key)
	}
	if got, want := kinerja.ErrorCode(err), kinerja.EInvalid; got != want {
		t.Errorf("ErrorCode = %q, want %q", got, want)
	}
	if got, _ := kinerja.ErrorKey(err); got != key {
		t.Errorf("ErrorKey = %q, want %q", got, key)
	}
}

func TestCapaianRange(t *testing.T) {
	tests := []struct {
		name      string
		realisasi float64
		lo, hi    float64
		dir       kinerja.Direction
		want      float64
	}{
		{"inside the range is 100", 15, 10, 20, naik, 100},
		{"on the lower bound is 100", 10, 10, 20, naik, 100},
		{"on the upper bound is 100", 20, 10, 20, turun, 100},
		{"higher is better above the range uses the upper bound", 22, 10, 20, naik, 110},
		{"higher is better below the range uses the lower bound", 9, 10, 20, naik, 90},
		{"lower is better above the range uses the upper bound", 22, 10, 20, turun, 90},
		{"lower is better below the range uses the lower bound", 9, 10, 20, turun, 110},
		{"a one-point range is a plain target", 11, 10, 10, naik, 110},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CapaianRange(tt.realisasi, tt.lo, tt.hi, tt.dir)
			if err != nil {
				t.Fatalf("CapaianRange error %v", err)
			}
			if want := tt.want; got != want {
				t.Errorf("CapaianRange(%v, %v, %v, %q) = %v, want %v", tt.realisasi, tt.lo, tt.hi, tt.dir, got, want)
			}
		})
	}
}

func TestCapaianRangeInvalid(t *testing.T) {
	tests := []struct {
		name      string
		realisasi float64
		lo, hi    float64
		dir       kinerja.Direction
		key       string
	}{
		{"zero lower bound is invalid", 5, 0, 10, naik, "err.capaian_range"},
		{"reversed range is invalid", 5, 10, 5, naik, "err.capaian_range"},
		{"negative realisation is invalid", -1, 1, 10, naik, "err.capaian_realisasi"},
		{"unknown direction inside the range is invalid", 5, 1, 10, "x", "err.capaian_direction"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := CapaianRange(tt.realisasi, tt.lo, tt.hi, tt.dir)
			assertInvalid(t, err, tt.key)
		})
	}
}

func TestWeightedCapaian(t *testing.T) {
	tests := []struct {
		name   string
		scores []IndicatorScore
		want   float64
	}{
		{"one indicator is itself", []IndicatorScore{{Capaian: 95, Weight: 1}}, 95},
		{"weights are relative", []IndicatorScore{{100, 3}, {80, 1}}, 95},
		{"weights in percent give the same", []IndicatorScore{{100, 75}, {80, 25}}, 95},
		{"all weights zero means equal weights", []IndicatorScore{{100, 0}, {80, 0}}, 90},
		{"a zero weight among others counts for nothing", []IndicatorScore{{100, 1}, {0, 0}}, 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := WeightedCapaian(tt.scores)
			if err != nil {
				t.Fatalf("WeightedCapaian error %v", err)
			}
			if want := tt.want; got != want {
				t.Errorf("WeightedCapaian = %v, want %v", got, want)
			}
		})
	}
}

func TestWeightedCapaianInvalid(t *testing.T) {
	tests := []struct {
		name   string
		scores []IndicatorScore
		key    string
	}{
		{"no indicators is invalid", nil, "err.capaian_none"},
		{"negative weight is invalid", []IndicatorScore{{100, 1}, {80, -1}}, "err.capaian_weight"},
		{"NaN weight is invalid", []IndicatorScore{{100, math.NaN()}}, "err.capaian_weight"},
		{"NaN capaian is invalid", []IndicatorScore{{math.NaN(), 1}}, "err.capaian_value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := WeightedCapaian(tt.scores)
			assertInvalid(t, err, tt.key)
		})
	}
}
