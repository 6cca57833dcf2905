package scoring

import (
	"math/big"
	"strconv"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// The unsur (survey elements) and their questions are data: package
// bot/survey holds the questionnaire (by default the nine unsur of
// PermenPANRB 14/2017, DOMAIN.md §6). Here an unsur is a position in the
// questionnaire's order, and every unsur weighs the same, 1/n.

// Response is one citizen's answers, in questionnaire order. Answers[i] is
// 1–4, or 0 when the citizen skipped unsur i (the survey lets them); a
// response shorter than the questionnaire skipped the rest.
type Response struct {
	Answers []int
}

// Validate returns an EInvalid *Error when an answer is outside 0–4: the
// regulation's scale is 1–4 (a 1–5 star scale does not follow it). codes
// name the unsur in the error; a position without a code is named by its
// number.
func (r Response) Validate(codes []string) error {
	for i, a := range r.Answers {
		if a < 0 || a > 4 {
			name := strconv.Itoa(i + 1)
			if i < len(codes) {
				name = codes[i]
			}
			return kinerja.Errorf(kinerja.EInvalid, "err.ikm_answer", name, a)
		}
	}
	return nil
}

// Mutu is the quality grade of a service unit (mutu pelayanan) derived from
// its IKM (PermenPANRB 14/2017).
type Mutu string

// The four grades, best first. The zero value means "no data".
const (
	MutuA Mutu = "A"
	MutuB Mutu = "B"
	MutuC Mutu = "C"
	MutuD Mutu = "D"
)

// Kinerja returns the regulation's name for the unit's performance at grade m
// (kinerja unit pelayanan), or "" for the zero Mutu.
func (m Mutu) Kinerja() string {
	switch m {
	case MutuA:
		return "Sangat Baik"
	case MutuB:
		return "Baik"
	case MutuC:
		return "Kurang Baik"
	case MutuD:
		return "Tidak Baik"
	}
	return ""
}

// KinerjaEN is the English translation of Kinerja, for the English UI.
func (m Mutu) KinerjaEN() string {
	switch m {
	case MutuA:
		return "Very good"
	case MutuB:
		return "Good"
	case MutuC:
		return "Less than good"
	case MutuD:
		return "Not good"
	}
	return ""
}

// IKMResult is the satisfaction index of a unit over a set of responses.
type IKMResult struct {
	// Respondents counts responses with at least one valid answer.
	Respondents int
	// Answered[i] and Sums[i] are how many respondents answered unsur i and
	// the sum of their answers; they keep NRR exact (NRR = Sums/Answered).
	// All three slices have one entry per unsur of the questionnaire.
	Answered []int
	Sums     []int
	// NRR[i] is the mean answer to unsur i (nilai rata-rata), 0 when nobody
	// answered it. For display; the IKM is computed from Sums and Answered.
	NRR []float64
	// IKM is on the 25–100 scale, rounded once to two decimals, half up;
	// 0 when nothing was answered.
	IKM float64
	// Mutu and Kinerja classify the rounded IKM; both "" when nothing was
	// answered.
	Mutu    Mutu
	Kinerja string
	// Complete reports whether every unsur has at least one answer. When it
	// is false, IKM is the mean over the answered unsur only (see IKMFromTotals).
	Complete bool
}

// ComputeIKM computes the IKM of a unit from its respondents' answers to a
// questionnaire of n unsur (PermenPANRB 14/2017, DOMAIN.md §6). Answers
// outside 1–4 count as unanswered; the bot rejects them at input with
// Response.Validate.
func ComputeIKM(n int, responses []Response) IKMResult {
	answered, sums := make([]int, n), make([]int, n)
	respondents := 0
	for _, r := range responses {
		answeredAny := false
		for i, a := range r.Answers {
			if i < n && a >= 1 && a <= 4 {
				answered[i]++
				sums[i] += a
				answeredAny = true
			}
		}
		if answeredAny {
			respondents++
		}
	}
	return IKMFromTotals(respondents, answered, sums)
}

// IKMFromTotals computes the IKM from per-unsur answer counts and sums, so
// storage can aggregate in SQL (COUNT and SUM per unsur) without loading
// every response.
//
// answered[i] and sums[i] are those of unsur i; n = len(answered) is the
// number of unsur, each weighing 1/n (1/9 for the regulation's nine).
//
// IKM = (Σ NRR_i × 1/n) × 25. It is computed with exact rationals
// (math/big.Rat): NRR_i are ratios of integers, so the sum and the weight 1/n
// are exact and the one rounding at the end (two decimals, half up) is never
// pushed across a boundary by float error. In float64 the literal
// (Σ NRR × (1/9)) × 25 gives 88.304999999999978 for an exact 88.305 and would
// turn an A into a B.
//
// The regulation assumes every unsur answered. If some unsur has no answer at
// all, the weight 1/n is shared among the answered unsur instead (the mean of
// their NRR × 25), so a skipped question does not drag the index below the
// 25–100 scale; Complete is then false so reports can say so.
func IKMFromTotals(respondents int, answered, sums []int) IKMResult {
	n := len(answered)
	res := IKMResult{Respondents: respondents, Answered: answered, Sums: sums, NRR: make([]float64, n)}
	total := new(big.Rat)
	k := 0
	for i := range n {
		if answered[i] <= 0 || i >= len(sums) {
			continue
		}
		nrr := big.NewRat(int64(sums[i]), int64(answered[i]))
		res.NRR[i], _ = nrr.Float64()
		total.Add(total, nrr)
		k++
	}
	res.Complete = k == n
	if k == 0 {
		return res
	}
	// (Σ NRR / k) × 25, with k = n when complete: exactly the regulation's
	// (Σ NRR × 1/n) × 25.
	total.Mul(total, big.NewRat(25, int64(k)))
	h := roundHundredths(total)
	res.IKM = float64(h) / 100
	res.Mutu = classifyHundredths(h)
	res.Kinerja = res.Mutu.Kinerja()
	return res
}

// Weakest returns the index (0 to n-1) of the unsur with the lowest NRR, the first
// thing a unit should improve; ties go to the lowest index. Unsur nobody
// answered are skipped; -1 when none was answered. Comparison is exact
// (cross-multiplied integers), so equal means equal.
func (r IKMResult) Weakest() int {
	best := -1
	for i := range r.Answered {
		if r.Answered[i] <= 0 {
			continue
		}
		// sums[i]/answered[i] < sums[best]/answered[best], without division.
		if best < 0 || int64(r.Sums[i])*int64(r.Answered[best]) < int64(r.Sums[best])*int64(r.Answered[i]) {
			best = i
		}
	}
	return best
}

// Provisional reports whether the result has fewer respondents than the
// Krejcie–Morgan sample size for population service users; such an IKM is
// still reported, marked provisional (DOMAIN.md §6).
func (r IKMResult) Provisional(population int) bool {
	return r.Respondents < SampleSize(population)
}

// Classify returns the grade of an IKM value by the lower bounds of
// PermenPANRB 14/2017: ≥ 88.31 A, ≥ 76.61 B, ≥ 65.00 C, else D (the lower
// bounds close the gaps between the official table's rows).
//
// The value is first rounded to two decimals, half up, on its shortest
// decimal form (strconv 'f', -1), so a typed 88.305 is 88.31 (A) and the float
// 88.31, which is really 88.3099999…, is not demoted. An IKMResult.IKM is
// already rounded and classifies unchanged. NaN and ±Inf give "".
func Classify(ikm float64) Mutu {
	r, ok := new(big.Rat).SetString(strconv.FormatFloat(ikm, 'f', -1, 64))
	if !ok {
		return ""
	}
	return classifyHundredths(roundHundredths(r))
}

// classifyHundredths grades an IKM given in hundredths (8831 = 88.31), so
// the boundaries are compared as integers.
func classifyHundredths(h int64) Mutu {
	switch {
	case h >= 8831:
		return MutuA
	case h >= 7661:
		return MutuB
	case h >= 6500:
		return MutuC
	}
	return MutuD
}

// roundHundredths returns x×100 rounded half up: floor(x×100 + 1/2), i.e.
// floor((200·num + den) / (2·den)). big.Int.Div is Euclidean, which is floor
// for the positive denominator a Rat always has.
func roundHundredths(x *big.Rat) int64 {
	num := new(big.Int).Mul(x.Num(), big.NewInt(200))
	num.Add(num, x.Denom())
	den := new(big.Int).Mul(x.Denom(), big.NewInt(2))
	return num.Div(num, den).Int64()
}
