package scoring

import (
	"fmt"
	"maps"
	"slices"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// spread builds a count map in the order Sangat Baik, Baik, Butuh Perbaikan,
// Kurang/Misconduct, Sangat Kurang.
func spread(sb, b, bp, k, sk int) map[kinerja.Predikat]int {
	return map[kinerja.Predikat]int{
		kinerja.PredikatSangatBaik:     sb,
		kinerja.PredikatBaik:           b,
		kinerja.PredikatButuhPerbaikan: bp,
		kinerja.PredikatKurang:         k,
		kinerja.PredikatSangatKurang:   sk,
	}
}

// summary renders breaches as "key count/total allowed n" for comparison.
func summary(bs []Breach) []string {
	var out []string
	for _, b := range bs {
		out = append(out, fmt.Sprintf("%s %d/%d allowed %d", b.Key(), b.Count, b.Total, b.Allowed))
	}
	return out
}

func TestCheckDistribution(t *testing.T) {
	tests := []struct {
		name   string
		org    kinerja.OrgPredikat
		counts map[kinerja.Predikat]int
		want   []string
	}{
		// Istimewa: at most 70% Sangat Baik.
		{"istimewa exactly 70% sangat baik passes", kinerja.OrgIstimewa, spread(7, 3, 0, 0, 0), nil},
		{"istimewa 80% sangat baik breaches", kinerja.OrgIstimewa, spread(8, 2, 0, 0, 0),
			[]string{"dist.max_sangat_baik 8/10 allowed 7"}},
		{"istimewa no sangat baik passes", kinerja.OrgIstimewa, spread(0, 5, 0, 0, 0), nil},
		{"istimewa 2 of 3 sangat baik passes", kinerja.OrgIstimewa, spread(2, 1, 0, 0, 0), nil},
		{"istimewa 3 of 3 sangat baik breaches", kinerja.OrgIstimewa, spread(3, 0, 0, 0, 0),
			[]string{"dist.max_sangat_baik 3/3 allowed 2"}},
		{"istimewa single sangat baik breaches", kinerja.OrgIstimewa, spread(1, 0, 0, 0, 0),
			[]string{"dist.max_sangat_baik 1/1 allowed 0"}},

		// Baik: at most 70% Baik; at least one Butuh Perbaikan or Kurang.
		{"baik exactly 70% baik with one butuh perbaikan passes", kinerja.OrgBaik, spread(2, 7, 1, 0, 0), nil},
		{"baik one kurang also satisfies the minimum", kinerja.OrgBaik, spread(2, 7, 0, 1, 0), nil},
		{"baik 80% baik breaches", kinerja.OrgBaik, spread(1, 8, 0, 1, 0),
			[]string{"dist.max_baik 8/10 allowed 7"}},
		{"baik without butuh perbaikan or kurang breaches", kinerja.OrgBaik, spread(3, 7, 0, 0, 0),
			[]string{"dist.min_butuh_perbaikan_or_kurang 0/10 allowed 1"}},
		{"baik sangat kurang does not satisfy the minimum", kinerja.OrgBaik, spread(3, 6, 0, 0, 1),
			[]string{"dist.min_butuh_perbaikan_or_kurang 0/10 allowed 1"}},
		{"baik both rules broken are both reported in order", kinerja.OrgBaik, spread(2, 8, 0, 0, 0),
			[]string{"dist.max_baik 8/10 allowed 7", "dist.min_butuh_perbaikan_or_kurang 0/10 allowed 1"}},
		{"baik single kurang passes", kinerja.OrgBaik, spread(0, 0, 0, 1, 0), nil},
		{"baik single baik breaches both", kinerja.OrgBaik, spread(0, 1, 0, 0, 0),
			[]string{"dist.max_baik 1/1 allowed 0", "dist.min_butuh_perbaikan_or_kurang 0/1 allowed 1"}},

		// Butuh Perbaikan: at least 60% BP; at most 10% Sangat Baik.
		{"butuh perbaikan exactly 60% and 10% passes", kinerja.OrgButuhPerbaikan, spread(1, 3, 6, 0, 0), nil},
		{"butuh perbaikan 50% breaches", kinerja.OrgButuhPerbaikan, spread(0, 5, 5, 0, 0),
			[]string{"dist.min_butuh_perbaikan 5/10 allowed 6"}},
		{"butuh perbaikan 20% sangat baik breaches", kinerja.OrgButuhPerbaikan, spread(2, 2, 6, 0, 0),
			[]string{"dist.max_sangat_baik 2/10 allowed 1"}},
		{"butuh perbaikan single bp passes", kinerja.OrgButuhPerbaikan, spread(0, 0, 1, 0, 0), nil},
		{"butuh perbaikan 1 of 2 breaches", kinerja.OrgButuhPerbaikan, spread(0, 1, 1, 0, 0),
			[]string{"dist.min_butuh_perbaikan 1/2 allowed 2"}},
		{"butuh perbaikan 2 of 3 passes", kinerja.OrgButuhPerbaikan, spread(0, 1, 2, 0, 0), nil},
		{"butuh perbaikan one sangat baik of 5 breaches", kinerja.OrgButuhPerbaikan, spread(1, 0, 4, 0, 0),
			[]string{"dist.max_sangat_baik 1/5 allowed 0"}},

		// Kurang: at least 60% Kurang; at least 10% BP; at most 10% SB.
		{"kurang exactly at every limit passes", kinerja.OrgKurang, spread(1, 2, 1, 6, 0), nil},
		{"kurang 50% kurang breaches", kinerja.OrgKurang, spread(0, 4, 1, 5, 0),
			[]string{"dist.min_kurang 5/10 allowed 6"}},
		{"kurang without butuh perbaikan breaches", kinerja.OrgKurang, spread(0, 4, 0, 6, 0),
			[]string{"dist.min_butuh_perbaikan 0/10 allowed 1"}},
		{"kurang 20% sangat baik breaches", kinerja.OrgKurang, spread(2, 1, 1, 6, 0),
			[]string{"dist.max_sangat_baik 2/10 allowed 1"}},
		{"kurang all baik breaches both minimums", kinerja.OrgKurang, spread(0, 10, 0, 0, 0),
			[]string{"dist.min_kurang 0/10 allowed 6", "dist.min_butuh_perbaikan 0/10 allowed 1"}},
		{"kurang 2 kurang and 1 bp of 3 passes", kinerja.OrgKurang, spread(0, 0, 1, 2, 0), nil},
		// A one-person unit cannot meet both minimums; reported, not hidden.
		{"kurang single kurang breaches the bp minimum", kinerja.OrgKurang, spread(0, 0, 0, 1, 0),
			[]string{"dist.min_butuh_perbaikan 0/1 allowed 1"}},

		// Sangat Kurang: at least 60% SK; at least 10% Kurang or BP; no SB.
		{"sangat kurang at the limits with kurang passes", kinerja.OrgSangatKurang, spread(0, 3, 0, 1, 6), nil},
		{"sangat kurang at the limits with bp passes", kinerja.OrgSangatKurang, spread(0, 3, 1, 0, 6), nil},
		{"sangat kurang 50% breaches", kinerja.OrgSangatKurang, spread(0, 4, 1, 0, 5),
			[]string{"dist.min_sangat_kurang 5/10 allowed 6"}},
		{"sangat kurang without kurang or bp breaches", kinerja.OrgSangatKurang, spread(0, 4, 0, 0, 6),
			[]string{"dist.min_kurang_or_butuh_perbaikan 0/10 allowed 1"}},
		{"sangat kurang one sangat baik breaches", kinerja.OrgSangatKurang, spread(1, 2, 1, 0, 6),
			[]string{"dist.no_sangat_baik 1/10 allowed 0"}},

		// Inputs that break nothing.
		{"empty unit breaches nothing", kinerja.OrgKurang, spread(0, 0, 0, 0, 0), nil},
		{"nil counts breach nothing", kinerja.OrgBaik, nil, nil},
		{"unknown organisation breaches nothing", "Luar Biasa", spread(10, 0, 0, 0, 0), nil},
		{"negative counts count as zero", kinerja.OrgIstimewa, spread(7, 3, -5, 0, 0), nil},
		{"unknown predicates are ignored", kinerja.OrgIstimewa,
			map[kinerja.Predikat]int{kinerja.PredikatSangatBaik: 7, kinerja.PredikatBaik: 3, "Cukup": 100}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, want := summary(CheckDistribution(tt.org, tt.counts)), tt.want
			if !slices.Equal(got, want) {
				t.Errorf("CheckDistribution(%q, %v) = %q, want %q", tt.org, tt.counts, got, want)
			}
		})
	}
}

func TestCheckDistributionDoesNotChangeCounts(t *testing.T) {
	counts := spread(8, 2, 0, 0, 0)
	CheckDistribution(kinerja.OrgIstimewa, counts)
	if got, want := counts, spread(8, 2, 0, 0, 0); !maps.Equal(got, want) {
		t.Errorf("counts changed to %v, want %v", got, want)
	}
}

func TestBreachArgs(t *testing.T) {
	bs := CheckDistribution(kinerja.OrgIstimewa, spread(8, 2, 0, 0, 0))
	if len(bs) != 1 {
		t.Fatalf("got %d breaches, want 1", len(bs))
	}
	b := bs[0]
	if got, want := b.Org, kinerja.OrgIstimewa; got != want {
		t.Errorf("Org = %q, want %q", got, want)
	}
	if got, want := b.Share, 80.0; got != want {
		t.Errorf("Share = %v, want %v", got, want)
	}
	if got, want := fmt.Sprint(b.Args()), "[70 8 10 7 80]"; got != want {
		t.Errorf("Args() = %s, want %s", got, want)
	}
}

func TestRuleAllowed(t *testing.T) {
	atMost70 := DistributionRule{Bound: AtMost, Percent: 70}
	atLeast10 := DistributionRule{Bound: AtLeast, Percent: 10}
	atLeast60 := DistributionRule{Bound: AtLeast, Percent: 60}
	atLeastOne := DistributionRule{Bound: AtLeast, MinCount: 1}
	tests := []struct {
		name  string
		rule  DistributionRule
		total int
		want  int
	}{
		{"at most 70% of 1 is 0", atMost70, 1, 0},
		{"at most 70% of 2 is 1", atMost70, 2, 1},
		{"at most 70% of 3 is 2", atMost70, 3, 2},
		{"at most 70% of 10 is 7", atMost70, 10, 7},
		{"at most 70% of 11 is 7", atMost70, 11, 7},
		{"at least 10% of 1 is 1", atLeast10, 1, 1},
		{"at least 10% of 5 is 1", atLeast10, 5, 1},
		{"at least 10% of 10 is 1", atLeast10, 10, 1},
		{"at least 10% of 11 is 2", atLeast10, 11, 2},
		{"at least 60% of 2 is 2", atLeast60, 2, 2},
		{"at least 60% of 5 is 3", atLeast60, 5, 3},
		{"at least 60% of 6 is 4", atLeast60, 6, 4},
		{"at least one of 100 is 1", atLeastOne, 100, 1},
		{"nothing of 0 is 0", atLeast60, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, want := tt.rule.Allowed(tt.total), tt.want
			if got != want {
				t.Errorf("Allowed(%d) = %d, want %d", tt.total, got, want)
			}
		})
	}
}

func TestDistributionRules(t *testing.T) {
	tests := []struct {
		org  kinerja.OrgPredikat
		want int
	}{
		{kinerja.OrgIstimewa, 1},
		{kinerja.OrgBaik, 2},
		{kinerja.OrgButuhPerbaikan, 2},
		{kinerja.OrgKurang, 3},
		{kinerja.OrgSangatKurang, 3},
		{"unknown", 0},
	}
	for _, tt := range tests {
		t.Run(string(tt.org)+" has its rules", func(t *testing.T) {
			if got, want := len(DistributionRules(tt.org)), tt.want; got != want {
				t.Errorf("len(DistributionRules(%q)) = %d, want %d", tt.org, got, want)
			}
		})
	}
}
