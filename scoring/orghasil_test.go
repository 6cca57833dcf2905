package scoring

import (
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

func TestOrgHasil(t *testing.T) {
	tests := []struct {
		op   kinerja.OrgPredikat
		want kinerja.Rating
	}{
		{kinerja.OrgIstimewa, kinerja.RatingAbove},
		{kinerja.OrgBaik, kinerja.RatingMeets},
		{kinerja.OrgButuhPerbaikan, kinerja.RatingBelow},
		{kinerja.OrgKurang, kinerja.RatingBelow},
		{kinerja.OrgSangatKurang, kinerja.RatingBelow},
		{"Luar Biasa", kinerja.RatingNone},
	}
	for _, tt := range tests {
		if got := OrgHasil(tt.op); got != tt.want {
			t.Errorf("OrgHasil(%s) = %v, want %v", tt.op, got, tt.want)
		}
	}
}
