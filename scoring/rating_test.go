package scoring

import (
	"math"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

const (
	below = kinerja.RatingBelow
	meets = kinerja.RatingMeets
	above = kinerja.RatingAbove
)

func TestThresholdsRate(t *testing.T) {
	tests := []struct {
		name    string
		capaian float64
		want    kinerja.Rating
	}{
		{"far above is above", 250, above},
		{"exactly 110 is above", 110, above},
		{"110 with float noise is above", 109.99999999999999, above},
		{"just under 110 meets", 109.99, meets},
		{"100 meets", 100, meets},
		{"exactly 90 meets", 90, meets},
		{"90 with float noise meets", 89.99999999999999, meets},
		{"just under 90 is below", 89.99, below},
		{"zero is below", 0, below},
		{"NaN is below", math.NaN(), below},
	}
	th := DefaultThresholds()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, want := th.Rate(tt.capaian), tt.want
			if got != want {
				t.Errorf("Rate(%v) = %v, want %v", tt.capaian, got, want)
			}
		})
	}
}

func TestThresholdsFromCapaian(t *testing.T) {
	// 3.3 of 3 is 110% on paper; it must be proposed as above expectations.
	c, err := Capaian(3.3, 3, naik)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := DefaultThresholds().Rate(c), above; got != want {
		t.Errorf("Rate(Capaian(3.3, 3)) = %v, want %v", got, want)
	}
}

func TestThresholdsCustom(t *testing.T) {
	th := Thresholds{Above: 120, Meets: 80}
	tests := []struct {
		name    string
		capaian float64
		want    kinerja.Rating
	}{
		{"120 is above", 120, above},
		{"119 meets", 119, meets},
		{"80 meets", 80, meets},
		{"79 is below", 79, below},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := th.Rate(tt.capaian), tt.want; got != want {
				t.Errorf("Rate(%v) = %v, want %v", tt.capaian, got, want)
			}
		})
	}
}

func TestThresholdsValidate(t *testing.T) {
	tests := []struct {
		name    string
		th      Thresholds
		wantErr bool
	}{
		{"default is valid", DefaultThresholds(), false},
		{"custom ordered is valid", Thresholds{Above: 105, Meets: 95}, false},
		{"equal bounds are invalid", Thresholds{Above: 100, Meets: 100}, true},
		{"reversed bounds are invalid", Thresholds{Above: 90, Meets: 110}, true},
		{"zero meets is invalid", Thresholds{Above: 110, Meets: 0}, true},
		{"negative meets is invalid", Thresholds{Above: 110, Meets: -5}, true},
		{"zero value is invalid", Thresholds{}, true},
		{"NaN is invalid", Thresholds{Above: math.NaN(), Meets: 90}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.th.Validate()
			if !tt.wantErr {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			assertInvalid(t, err, "err.thresholds")
		})
	}
}

func TestMedianRating(t *testing.T) {
	tests := []struct {
		name    string
		ratings []kinerja.Rating
		want    kinerja.Rating
	}{
		{"all meets is meets", []kinerja.Rating{meets, meets, meets, meets, meets, meets, meets}, meets},
		{"all above is above", []kinerja.Rating{above, above, above, above, above, above, above}, above},
		{"all below is below", []kinerja.Rating{below, below, below, below, below, below, below}, below},
		{"four above of seven is above", []kinerja.Rating{above, meets, above, below, above, meets, above}, above},
		{"three above of seven is not above", []kinerja.Rating{above, meets, above, meets, above, meets, meets}, meets},
		{"four below of seven is below", []kinerja.Rating{below, above, below, above, below, above, below}, below},
		{"one outlier does not move it", []kinerja.Rating{meets, meets, below, meets, meets, meets, meets}, meets},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := MedianRating(tt.ratings)
			if err != nil {
				t.Fatalf("MedianRating error %v", err)
			}
			if want := tt.want; got != want {
				t.Errorf("MedianRating(%v) = %v, want %v", tt.ratings, got, want)
			}
		})
	}
}

func TestMedianRatingDoesNotReorderInput(t *testing.T) {
	in := []kinerja.Rating{above, below, meets, above, below, meets, above}
	want := append([]kinerja.Rating(nil), in...)
	if _, err := MedianRating(in); err != nil {
		t.Fatal(err)
	}
	for i := range in {
		if got := in[i]; got != want[i] {
			t.Fatalf("input changed at %d: got %v, want %v", i, got, want[i])
		}
	}
}

func TestBehaviourInvalid(t *testing.T) {
	tests := []struct {
		name    string
		policy  BehaviourPolicy
		ratings []kinerja.Rating
		key     string
	}{
		{"six ratings are invalid", BehaviourMedian, []kinerja.Rating{meets, meets, meets, meets, meets, meets}, "err.behaviour_count"},
		{"eight ratings are invalid", BehaviourMedian, []kinerja.Rating{meets, meets, meets, meets, meets, meets, meets, meets}, "err.behaviour_count"},
		{"no ratings are invalid", BehaviourMedian, nil, "err.behaviour_count"},
		{"an unrated value is invalid", BehaviourMedian, []kinerja.Rating{meets, meets, meets, kinerja.RatingNone, meets, meets, meets}, "err.behaviour_rating"},
		{"an out-of-range value is invalid", BehaviourMeanRounded, []kinerja.Rating{meets, meets, meets, meets, meets, meets, 4}, "err.behaviour_rating"},
		{"an unknown policy is invalid", "mode", []kinerja.Rating{meets, meets, meets, meets, meets, meets, meets}, "err.behaviour_policy"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.policy.Rate(tt.ratings)
			assertInvalid(t, err, tt.key)
		})
	}
}

func TestBehaviourPolicies(t *testing.T) {
	tests := []struct {
		name    string
		policy  BehaviourPolicy
		ratings []kinerja.Rating
		want    kinerja.Rating
	}{
		// Sum 15, mean 2.14: the median (3) and the mean (2) differ.
		{"median of a split is above", BehaviourMedian, []kinerja.Rating{below, below, below, above, above, above, above}, above},
		{"mean of the same split is meets", BehaviourMeanRounded, []kinerja.Rating{below, below, below, above, above, above, above}, meets},
		{"empty policy is the median", "", []kinerja.Rating{below, below, below, above, above, above, above}, above},
		// Sum 18, mean 2.57: rounds to 3.
		{"mean 2.57 rounds up", BehaviourMeanRounded, []kinerja.Rating{above, above, above, above, meets, meets, meets}, above},
		// Sum 17, mean 2.43: rounds to 2.
		{"mean 2.43 rounds down", BehaviourMeanRounded, []kinerja.Rating{above, above, above, meets, meets, meets, meets}, meets},
		// Sum 11, mean 1.57: rounds to 2.
		{"mean 1.57 rounds up to meets", BehaviourMeanRounded, []kinerja.Rating{below, below, below, meets, meets, meets, meets}, meets},
		// Sum 10, mean 1.43: rounds to 1.
		{"mean 1.43 rounds down to below", BehaviourMeanRounded, []kinerja.Rating{below, below, below, below, meets, meets, meets}, below},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.policy.Rate(tt.ratings)
			if err != nil {
				t.Fatalf("Rate error %v", err)
			}
			if want := tt.want; got != want {
				t.Errorf("%q.Rate(%v) = %v, want %v", tt.policy, tt.ratings, got, want)
			}
		})
	}
}

func TestBehaviourRating(t *testing.T) {
	all := map[kinerja.CoreValue]kinerja.Rating{}
	for _, v := range kinerja.CoreValues {
		all[v] = meets
	}
	all[kinerja.ValueBerorientasiPelayanan] = above
	t.Run("all seven values give the median", func(t *testing.T) {
		got, err := BehaviourRating(BehaviourMedian, all)
		if err != nil {
			t.Fatal(err)
		}
		if want := meets; got != want {
			t.Errorf("BehaviourRating = %v, want %v", got, want)
		}
	})
	t.Run("a missing value is invalid", func(t *testing.T) {
		missing := map[kinerja.CoreValue]kinerja.Rating{}
		for v, r := range all {
			missing[v] = r
		}
		delete(missing, kinerja.ValueLoyal)
		_, err := BehaviourRating(BehaviourMedian, missing)
		assertInvalid(t, err, "err.behaviour_missing")
	})
}
