package scoring

import (
	"reflect"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// same returns a response with answer a to all nine unsur.
func same(a int) Response {
	r := Response{Answers: make([]int, 9)}
	for i := range r.Answers {
		r.Answers[i] = a
	}
	return r
}

// crowd returns n[a] respondents answering a to every unsur, for a = 1..4.
func crowd(n map[int]int) []Response {
	var out []Response
	for a := 1; a <= 4; a++ {
		for range n[a] {
			out = append(out, same(a))
		}
	}
	return out
}

func TestComputeIKM(t *testing.T) {
	tests := []struct {
		name        string
		responses   []Response
		respondents int
		ikm         float64
		mutu        Mutu
		kinerja     string
		complete    bool
	}{
		{"all fours is 100.00 A", crowd(map[int]int{4: 10}), 10, 100, MutuA, "Sangat Baik", true},
		// "All good" is not category B.
		{"all threes is 75.00 C", crowd(map[int]int{3: 10}), 10, 75, MutuC, "Kurang Baik", true},
		{"all twos is 50.00 D", crowd(map[int]int{2: 3}), 3, 50, MutuD, "Tidak Baik", true},
		{"all ones is 25.00 D", crowd(map[int]int{1: 1}), 1, 25, MutuD, "Tidak Baik", true},
		// By hand: sums per unsur 9,10,11,8,9,10,11,10,9 over 3 respondents;
		// Σ NRR = 87/3 = 29; IKM = 29 × 25/9 = 80.5555… → 80.56 (B).
		{"three respondents by hand is 80.56 B", []Response{
			same(4), same(3),
			{Answers: []int{2, 3, 4, 1, 2, 3, 4, 3, 2}},
		}, 3, 80.56, MutuB, "Baik", true},
		// U1: (4+2)/2 = 3, U2–U9: 4 (one answer each); Σ NRR = 35;
		// IKM = 35 × 25/9 = 97.222… → 97.22.
		{"skipped answers average over those who answered", []Response{
			same(4),
			{Answers: []int{2}},
		}, 2, 97.22, MutuA, "Sangat Baik", true},
		{"empty response is not a respondent", []Response{same(4), {}}, 1, 100, MutuA, "Sangat Baik", true},
		{"out-of-scale answer counts as unanswered", []Response{
			same(3),
			{Answers: []int{5, 4, 4, 4, 4, 4, 4, 4, 4}},
		}, 2, 86.11, MutuB, "Baik", true}, // U1 3 (one answer), U2–U9 3.5: Σ 31 → 775/9 = 86.11
		{"unsur nobody answered is left out", []Response{
			{Answers: []int{3, 3, 3, 3, 3, 3, 3, 0, 3}},
		}, 1, 75, MutuC, "Kurang Baik", false},
		{"zero respondents has no grade", nil, 0, 0, "", "", false},
		// Exact 88.305 (Σ NRR = 9 × 3.5322): half up to 88.31, an A. In float64
		// the literal (Σ NRR × (1/9)) × 25 is 88.304999999999978: a B.
		{"exact half at the A boundary rounds up", crowd(map[int]int{4: 2661, 3: 2339}), 5000, 88.31, MutuA, "Sangat Baik", true},
		// Exact 76.605 (NRR 3.0642): 76.61, a B.
		{"exact half at the B boundary rounds up", crowd(map[int]int{4: 321, 3: 4679}), 5000, 76.61, MutuB, "Baik", true},
		// Exact 64.995 (NRR 2.5998): 65.00, a C.
		{"exact half at the C boundary rounds up", crowd(map[int]int{3: 2999, 2: 2001}), 5000, 65, MutuC, "Kurang Baik", true},
		// 2660 fours: NRR 3.532, IKM 88.30 exactly: a B.
		{"one hundredth below A is B", crowd(map[int]int{4: 2660, 3: 2340}), 5000, 88.30, MutuB, "Baik", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ComputeIKM(9, tt.responses)
			if got, want := got.Respondents, tt.respondents; got != want {
				t.Errorf("Respondents = %d, want %d", got, want)
			}
			if got, want := got.IKM, tt.ikm; got != want {
				t.Errorf("IKM = %v, want %v", got, want)
			}
			if got, want := got.Mutu, tt.mutu; got != want {
				t.Errorf("Mutu = %q, want %q", got, want)
			}
			if got, want := got.Kinerja, tt.kinerja; got != want {
				t.Errorf("Kinerja = %q, want %q", got, want)
			}
			if got, want := got.Complete, tt.complete; got != want {
				t.Errorf("Complete = %v, want %v", got, want)
			}
		})
	}
}

func TestComputeIKMTotals(t *testing.T) {
	got := ComputeIKM(9, []Response{same(4), {Answers: []int{2, 0, 0, 0, 0, 0, 0, 0, 1}}})
	if got, want := got.Answered, []int{2, 1, 1, 1, 1, 1, 1, 1, 2}; !reflect.DeepEqual(got, want) {
		t.Errorf("Answered = %v, want %v", got, want)
	}
	if got, want := got.Sums, []int{6, 4, 4, 4, 4, 4, 4, 4, 5}; !reflect.DeepEqual(got, want) {
		t.Errorf("Sums = %v, want %v", got, want)
	}
	if got, want := got.NRR, []float64{3, 4, 4, 4, 4, 4, 4, 4, 2.5}; !reflect.DeepEqual(got, want) {
		t.Errorf("NRR = %v, want %v", got, want)
	}
}

func TestIKMFromTotalsMatchesComputeIKM(t *testing.T) {
	responses := []Response{same(4), same(2), {Answers: []int{1, 2, 3, 4, 0, 4, 3, 2, 1}}}
	viaResponses := ComputeIKM(9, responses)
	got := IKMFromTotals(viaResponses.Respondents, viaResponses.Answered, viaResponses.Sums)
	if !reflect.DeepEqual(got, viaResponses) {
		t.Errorf("IKMFromTotals = %+v, want %+v", got, viaResponses)
	}
}

func TestWeakest(t *testing.T) {
	tests := []struct {
		name      string
		responses []Response
		want      int
	}{
		{"lowest mean wins", []Response{{Answers: []int{4, 4, 4, 2, 4, 4, 4, 4, 4}}}, 3},
		{"tie goes to the lowest index", []Response{{Answers: []int{4, 4, 2, 4, 2, 4, 4, 4, 4}}}, 2},
		{"all equal is the first", []Response{same(3)}, 0},
		// U1 mean 2.5 (two answers), U9 mean 3 (one answer).
		{"means, not sums, are compared", []Response{
			{Answers: []int{2, 4, 4, 4, 4, 4, 4, 4, 3}},
			{Answers: []int{3, 4, 4, 4, 4, 4, 4, 4, 0}},
		}, 0},
		{"unanswered unsur is skipped", []Response{{Answers: []int{0, 4, 4, 4, 4, 4, 4, 4, 3}}}, 8},
		{"nothing answered is -1", nil, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, want := ComputeIKM(9, tt.responses).Weakest(), tt.want
			if got != want {
				t.Errorf("Weakest() = %d, want %d", got, want)
			}
		})
	}
}

func TestProvisional(t *testing.T) {
	tests := []struct {
		name        string
		respondents int
		population  int
		want        bool
	}{
		{"fewer than the sample is provisional", 79, 100, true},
		{"exactly the sample is final", 80, 100, false},
		{"more than the sample is final", 81, 100, false},
		{"unknown population is final", 1, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ComputeIKM(9, crowd(map[int]int{3: tt.respondents}))
			got, want := r.Provisional(tt.population), tt.want
			if got != want {
				t.Errorf("Provisional(%d) with %d respondents = %v, want %v", tt.population, tt.respondents, got, want)
			}
		})
	}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		name string
		ikm  float64
		want Mutu
	}{
		{"100.00 is A", 100, MutuA},
		{"88.31 is A", 88.31, MutuA},
		{"88.30 is B", 88.30, MutuB},
		{"88.305 rounds up to A", 88.305, MutuA},
		{"88.3049 rounds down to B", 88.3049, MutuB},
		{"76.61 is B", 76.61, MutuB},
		{"76.60 is C", 76.60, MutuC},
		{"76.605 rounds up to B", 76.605, MutuB},
		{"65.00 is C", 65.00, MutuC},
		{"64.99 is D", 64.99, MutuD},
		{"64.995 rounds up to C", 64.995, MutuC},
		{"25.00 is D", 25, MutuD},
		{"below the scale is D", 0, MutuD},
		{"NaN has no grade", nan(), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, want := Classify(tt.ikm), tt.want
			if got != want {
				t.Errorf("Classify(%v) = %q, want %q", tt.ikm, got, want)
			}
		})
	}
}

func TestMutuLabels(t *testing.T) {
	tests := []struct {
		mutu   Mutu
		id, en string
	}{
		{MutuA, "Sangat Baik", "Very good"},
		{MutuB, "Baik", "Good"},
		{MutuC, "Kurang Baik", "Less than good"},
		{MutuD, "Tidak Baik", "Not good"},
		{"", "", ""},
	}
	for _, tt := range tests {
		t.Run("grade "+string(tt.mutu), func(t *testing.T) {
			if got, want := tt.mutu.Kinerja(), tt.id; got != want {
				t.Errorf("Kinerja() = %q, want %q", got, want)
			}
			if got, want := tt.mutu.KinerjaEN(), tt.en; got != want {
				t.Errorf("KinerjaEN() = %q, want %q", got, want)
			}
		})
	}
}

func TestResponseValidate(t *testing.T) {
	tests := []struct {
		name    string
		answers []int
		wantErr bool
	}{
		{"answers 1 to 4 are valid", []int{1, 2, 3, 4, 1, 2, 3, 4, 1}, false},
		{"skipped answers are valid", make([]int, 9), false},
		{"5 is invalid", []int{4, 4, 4, 4, 5, 4, 4, 4, 4}, true},
		{"negative is invalid", []int{-1}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Response{Answers: tt.answers}.Validate(nil)
			if got, want := err != nil, tt.wantErr; got != want {
				t.Fatalf("Validate() = %v, want error %v", err, want)
			}
			if err != nil {
				if got, want := kinerja.ErrorCode(err), kinerja.EInvalid; got != want {
					t.Errorf("ErrorCode = %q, want %q", got, want)
				}
			}
		})
	}
}

// TestEveryUnsurWeighsOneNth checks the weight comes from the number of
// unsur, not from the regulation's nine: with ten unsur, one of them at 1
// and nine at 4, Σ NRR = 37 and IKM = 37 × 25/10 = 92.50.
func TestEveryUnsurWeighsOneNth(t *testing.T) {
	got := ComputeIKM(10, []Response{{Answers: []int{4, 4, 4, 4, 4, 4, 4, 4, 4, 1}}})
	if got.IKM != 92.5 || got.Mutu != MutuA || !got.Complete || len(got.NRR) != 10 {
		t.Errorf("ten unsur: %+v, want IKM 92.50 A complete", got)
	}
	// The same answers to nine unsur leave the tenth unanswered.
	if got := ComputeIKM(10, []Response{same(4)}); got.Complete || got.IKM != 100 {
		t.Errorf("tenth unanswered: %+v, want IKM 100 incomplete", got)
	}
	if err := (Response{Answers: []int{4, 5}}).Validate([]string{"A", "B"}); kinerja.ErrorCode(err) != kinerja.EInvalid {
		t.Errorf("Validate = %v, want EInvalid", err)
	}
}
