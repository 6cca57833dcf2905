package scoring

import kinerja "github.com/bkpsdm-solok/kinerjabot"

// PartScore is one part of a period evaluated in parts: its rating of
// work results and its working days.
type PartScore struct {
	Rating kinerja.Rating
	Days   int
}

// CombineParts combines the ratings of a period's parts into one
// proposal, weighted by working days. The rule: Di Bawah Ekspektasi
// counts 1, Sesuai 2, Di Atas 3; the working-day-weighted mean is rounded
// half up (1,5 gives Sesuai, 2,5 Di Atas; 1,49 Di Bawah). The rounding is
// done in whole numbers, so a mean of exactly one half is never lost to a
// float. Parts without a rating or without working days are left out;
// false when nothing is left. mean is the unrounded weighted mean, for
// showing the sum.
func CombineParts(parts []PartScore) (r kinerja.Rating, mean float64, ok bool) {
	var sum, days int
	for _, p := range parts {
		if !p.Rating.Valid() || p.Days <= 0 {
			continue
		}
		sum += int(p.Rating) * p.Days
		days += p.Days
	}
	if days == 0 {
		return kinerja.RatingNone, 0, false
	}
	// floor(sum/days + 1/2) = floor((2·sum + days) / (2·days))
	return kinerja.Rating((2*sum + days) / (2 * days)), float64(sum) / float64(days), true
}
