package evaluation

import (
	"context"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
)

// TestAnnualEvaluationBuildsOnTheDecidedQuarters: /nilai for 2026 with
// four decided quarters shows those four results as its basis, carries
// their reasons forward and proposes the mean of their ratings.
func TestAnnualEvaluationBuildsOnTheDecidedQuarters(t *testing.T) {
	h := newEvalHarness(t)
	ctx := context.Background()
	decided := time.Date(2026, 12, 20, 9, 0, 0, 0, bottest.WIB)
	for i, q := range []struct {
		hasil   kinerja.Rating
		capaian float64
		reason  string
	}{
		{kinerja.RatingMeets, 95, ""},
		{kinerja.RatingAbove, 98, "Menangani wabah DBD di luar target."},
		{kinerja.RatingMeets, 100, ""},
		{kinerja.RatingAbove, 115, ""},
	} {
		e := &kinerja.Evaluation{NIP: nipBudi, Period: "2026-Q" + string(rune('1'+i)), AssessorNIP: nipHead, UnitCode: "PKM-TGR",
			ApprovedReports: 10, HasilBasis: kinerja.BasisOwn, CapaianPct: q.capaian, ProposedHasil: kinerja.RatingMeets,
			DecidedHasil: q.hasil, HasilReason: q.reason, ProposedPerilaku: kinerja.RatingMeets, DecidedPerilaku: kinerja.RatingMeets,
			Predikat: kinerja.PredikatBaik, Status: kinerja.EvalFinal, CreatedAt: decided, UpdatedAt: decided,
			DecidedAt: decided, NotifiedAt: decided}
		if err := h.DB.PutEvaluation(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	h.Now = time.Date(2027, 1, 10, 9, 0, 0, 0, bottest.WIB)
	card := h.press(etHead, 1, "nil:s:"+nipBudi+":2026")
	mustSay(t, card, "2026-Q1: hasil kerja <b>Sesuai Ekspektasi</b> (capaian 95,00%)",
		"2026-Q2: hasil kerja <b>Di Atas Ekspektasi</b> (capaian 98,00%)", "alasan penilai: Menangani wabah DBD di luar target.",
		"2026-Q3", "2026-Q4", "Laporan kerja disetujui: <b>40</b>", "Dasar usulan tahunan: penilaian periodik",
		"Usulan hasil kerja: <b>Di Atas Ekspektasi</b>")
	e, err := h.DB.Evaluation(ctx, nipBudi, "2026")
	if err != nil {
		t.Fatal(err)
	}
	if e.HasilBasis != kinerja.BasisPeriods || len(e.Indicators) != 4 || e.ProposedHasil != kinerja.RatingAbove || e.CapaianPct != 102 {
		t.Fatalf("annual evaluation %+v", e)
	}
}
