package scoring

import kinerja "github.com/bkpsdm-solok/kinerjabot"

// OrgHasil is the rating of work results of a unit head whose unit has
// its own predicate for the period (SE MenPANRB 3/2023: the organisation's
// achievement is its head's): Istimewa is Di Atas Ekspektasi, Baik is
// Sesuai Ekspektasi, and Butuh Perbaikan, Kurang and Sangat Kurang are Di
// Bawah Ekspektasi. An unknown predicate is RatingNone.
func OrgHasil(op kinerja.OrgPredikat) kinerja.Rating {
	switch op {
	case kinerja.OrgIstimewa:
		return kinerja.RatingAbove
	case kinerja.OrgBaik:
		return kinerja.RatingMeets
	case kinerja.OrgButuhPerbaikan, kinerja.OrgKurang, kinerja.OrgSangatKurang:
		return kinerja.RatingBelow
	}
	return kinerja.RatingNone
}
