package scoring

import (
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

func TestPredicate(t *testing.T) {
	// Every cell of the PermenPANRB 6/2022 matrix (DOMAIN.md §4).
	tests := []struct {
		name            string
		hasil, perilaku kinerja.Rating
		want            kinerja.Predikat
	}{
		{"above and above is Sangat Baik", above, above, kinerja.PredikatSangatBaik},
		{"above and meets is Baik", above, meets, kinerja.PredikatBaik},
		{"above and below is Kurang", above, below, kinerja.PredikatKurang},
		{"meets and above is Baik, not Sangat Baik", meets, above, kinerja.PredikatBaik},
		{"meets and meets is Baik", meets, meets, kinerja.PredikatBaik},
		{"meets and below is Kurang", meets, below, kinerja.PredikatKurang},
		{"below and above is Butuh Perbaikan", below, above, kinerja.PredikatButuhPerbaikan},
		{"below and meets is Butuh Perbaikan", below, meets, kinerja.PredikatButuhPerbaikan},
		{"below and below is Sangat Kurang", below, below, kinerja.PredikatSangatKurang},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Predicate(tt.hasil, tt.perilaku)
			if err != nil {
				t.Fatalf("Predicate error %v", err)
			}
			if want := tt.want; got != want {
				t.Errorf("Predicate(%v, %v) = %q, want %q", tt.hasil, tt.perilaku, got, want)
			}
		})
	}
}

func TestPredicateInvalid(t *testing.T) {
	tests := []struct {
		name            string
		hasil, perilaku kinerja.Rating
	}{
		{"unrated hasil is invalid", kinerja.RatingNone, meets},
		{"unrated perilaku is invalid", meets, kinerja.RatingNone},
		{"both unrated is invalid", kinerja.RatingNone, kinerja.RatingNone},
		{"hasil 4 is invalid", 4, meets},
		{"negative perilaku is invalid", meets, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Predicate(tt.hasil, tt.perilaku)
			assertInvalid(t, err, "err.predikat_rating")
		})
	}
}

func TestUnitHeadHasil(t *testing.T) {
	tests := []struct {
		name    string
		capaian float64
		want    kinerja.Rating
	}{
		{"unit at 110 makes the head above", 110, above},
		{"unit at 100 makes the head meet", 100, meets},
		{"unit at 89 makes the head below", 89, below},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, want := UnitHeadHasil(tt.capaian, DefaultThresholds()), tt.want
			if got != want {
				t.Errorf("UnitHeadHasil(%v) = %v, want %v", tt.capaian, got, want)
			}
		})
	}
}
