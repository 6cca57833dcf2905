package scoring

// SampleSize returns the minimum number of survey respondents for a unit with
// N service users in the period, by the Krejcie–Morgan formula the regulation
// uses (PermenPANRB 14/2017):
//
//	n = X²·N·P(1−P) / (d²(N−1) + X²·P(1−P)),  X² = 3.841, P = 0.5, d = 0.05
//
// rounded to the nearest whole number, halves up (N = 100 gives 80).
// With these constants the formula is exactly 3841·N / (10·(N−1) + 3841)
// (multiply through by 4000), so it is computed in integers and the rounding
// can never be tipped by float error. N ≤ 0 gives 0.
func SampleSize(n int) int {
	if n <= 0 {
		return 0
	}
	num := int64(3841) * int64(n)
	den := 10*(int64(n)-1) + 3841
	// round(num/den) half up = floor((2·num + den) / (2·den)).
	return int((2*num + den) / (2 * den))
}
