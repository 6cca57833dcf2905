package evaluation

import (
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// TestNilaiAMonthOnTrackOfAYearlyTarget: the check. A yearly
// target of 120 with 10 approved in October is October's 1/12 met: 100%,
// proposed Sesuai Ekspektasi (by working days it was 10,11 and 98,9%).
func TestNilaiAMonthOnTrackOfAYearlyTarget(t *testing.T) {
	h := newEvalHarness(t)
	y := h.target(nipSari, "2026", "P1", "Persalinan ditolong", "persalinan", 120, kinerja.HigherIsBetter, 0)
	h.report(nipSari, y, "2026-10-02", 4, kinerja.ReportApproved)
	h.report(nipSari, y, "2026-10-19", 6, kinerja.ReportApproved)
	card := h.press(etHead, 1, "nil:s:"+evKey(nipSari))
	mustSay(t, card, "Persalinan ditolong: realisasi 10 dari target 10 persalinan → capaian <b>100,00%</b>",
		"Target dipakai: target tahunan 120 (2026) × 1/12 bulan; realisasi = jumlah laporan",
		"Capaian tertimbang: <b>100,00%</b>", "Usulan hasil kerja: <b>Sesuai Ekspektasi</b>")
	card = h.tap(etHead, card, "nil:ha:"+evKey(nipSari))
	mustSay(t, card, "Hasil kerja: <b>Sesuai Ekspektasi</b> (sesuai usulan)")
	if e := h.evaluation(nipSari); len(e.Indicators) != 1 || e.Indicators[0].TargetBasis != "monthly 1/12" || e.Indicators[0].Target != 10 {
		t.Fatalf("snapshot %+v", e.Indicators)
	}
}
