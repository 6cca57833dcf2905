package scoring

import (
	"math"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

func TestCombineParts(t *testing.T) {
	const (
		below = kinerja.RatingBelow
		meets = kinerja.RatingMeets
		above = kinerja.RatingAbove
	)
	for _, tc := range []struct {
		name  string
		parts []PartScore
		want  kinerja.Rating
		mean  float64
		ok    bool
	}{
		{"one part is its own rating", []PartScore{{above, 10}}, above, 3, true},
		{"exactly 1,5 rounds up to Sesuai", []PartScore{{below, 11}, {meets, 11}}, meets, 1.5, true},
		{"just under 1,5 stays Di Bawah", []PartScore{{below, 12}, {meets, 11}}, below, 34.0 / 23, true},
		{"exactly 2,5 rounds up to Di Atas", []PartScore{{meets, 5}, {above, 5}}, above, 2.5, true},
		{"just under 2,5 stays Sesuai", []PartScore{{meets, 12}, {above, 10}}, meets, 54.0 / 22, true},
		{"Di Atas for 10 days and Di Bawah for 12 is Sesuai", []PartScore{{above, 10}, {below, 12}}, meets, 42.0 / 22, true},
		{"Sesuai for 10 days and Di Bawah for 12 is Di Bawah", []PartScore{{meets, 10}, {below, 12}}, below, 32.0 / 22, true},
		{"an unrated part and a part of no days are left out", []PartScore{{kinerja.RatingNone, 20}, {above, 0}, {below, 3}}, below, 1, true},
		{"nothing to combine", []PartScore{{kinerja.RatingNone, 5}}, kinerja.RatingNone, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, mean, ok := CombineParts(tc.parts)
			if got != tc.want || ok != tc.ok || math.Abs(mean-tc.mean) > 1e-9 {
				t.Errorf("got %v (mean %v, %v), want %v (mean %v, %v)", got, mean, ok, tc.want, tc.mean, tc.ok)
			}
		})
	}
}
