package scoring

import (
	"math"
	"testing"
)

func nan() float64 { return math.NaN() }

func TestSampleSize(t *testing.T) {
	// Each value checked by hand against the formula (see the comment) and
	// against the published Krejcie–Morgan table.
	tests := []struct {
		name string
		n    int
		want int
	}{
		{"N=1 is 1", 1, 1},
		{"N=10 is 10", 10, 10},       // 38410/3931 = 9.77
		{"N=50 is 44", 50, 44},       // 192050/4331 = 44.34
		{"N=100 is 80", 100, 80},     // 384100/4831 = 79.51
		{"N=200 is 132", 200, 132},   // 768200/5831 = 131.74
		{"N=500 is 217", 500, 217},   // 1920500/8831 = 217.47
		{"N=1000 is 278", 1000, 278}, // 3841000/13831 = 277.71
		{"N=10000 is 370", 10000, 370},
		{"N=1000000 approaches 384", 1000000, 384},
		{"N=0 is 0", 0, 0},
		{"negative N is 0", -5, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, want := SampleSize(tt.n), tt.want
			if got != want {
				t.Errorf("SampleSize(%d) = %d, want %d", tt.n, got, want)
			}
		})
	}
}

func TestSampleSizeMatchesFloatFormula(t *testing.T) {
	// The integer form must agree with the formula as written in the
	// regulation wherever the float result is not within 1e-9 of a half.
	for n := 1; n <= 20000; n++ {
		x := 3.841 * float64(n) * 0.25 / (0.0025*float64(n-1) + 3.841*0.25)
		if math.Abs(x-math.Floor(x)-0.5) < 1e-9 {
			continue
		}
		if got, want := SampleSize(n), int(math.Round(x)); got != want {
			t.Fatalf("SampleSize(%d) = %d, want %d (float %v)", n, got, want, x)
		}
	}
}
