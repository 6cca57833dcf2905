package scoring

import kinerja "github.com/bkpsdm-solok/kinerjabot"

// predikatMatrix is the table of PermenPANRB 6/2022 (DOMAIN.md §4), indexed
// [hasil−1][perilaku−1] with Di Bawah = 0, Sesuai = 1, Di Atas = 2. Note
// Sesuai hasil with Di Atas perilaku is Baik, not Sangat Baik: only both
// ratings above expectations earn Sangat Baik.
var predikatMatrix = [3][3]kinerja.Predikat{
	// hasil Di Bawah: perilaku Di Bawah, Sesuai, Di Atas
	{kinerja.PredikatSangatKurang, kinerja.PredikatButuhPerbaikan, kinerja.PredikatButuhPerbaikan},
	// hasil Sesuai
	{kinerja.PredikatKurang, kinerja.PredikatBaik, kinerja.PredikatBaik},
	// hasil Di Atas
	{kinerja.PredikatKurang, kinerja.PredikatBaik, kinerja.PredikatSangatBaik},
}

// Predicate returns the performance predicate for a rating of work results
// (hasil) and a rating of work behaviour (perilaku), by the matrix of
// PermenPANRB 6/2022. Either rating unset or out of range is an EInvalid error.
func Predicate(hasil, perilaku kinerja.Rating) (kinerja.Predikat, error) {
	if !hasil.Valid() || !perilaku.Valid() {
		return "", kinerja.Errorf(kinerja.EInvalid, "err.predikat_rating", int(hasil), int(perilaku))
	}
	return predikatMatrix[hasil-1][perilaku-1], nil
}

// UnitHeadHasil returns the rating of work results of a unit head: the unit's
// own achievement is the head's (SE MenPANRB 3/2023), rated with the same
// thresholds as anyone's capaian.
func UnitHeadHasil(unitCapaian float64, th Thresholds) kinerja.Rating {
	return th.Rate(unitCapaian)
}
