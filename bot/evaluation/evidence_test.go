package evaluation

import (
	"context"
	"strings"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
	"github.com/bkpsdm-solok/kinerjabot/bot/survey"
)

// target stores an indicator with its target and returns its id.
func (h *evalHarness) target(nip, period, code, name, unit string, target float64, dir kinerja.Direction, weight float64) int64 {
	h.T.Helper()
	t := &kinerja.Target{NIP: nip, Period: period, Code: code, Name: name, Unit: unit, Target: target, Direction: dir, Weight: weight}
	if _, err := h.DB.PutTarget(context.Background(), t); err != nil {
		h.T.Fatal(err)
	}
	return t.ID
}

// report stores a report of quantity done on day with a status.
func (h *evalHarness) report(nip string, target int64, day string, qty float64, st kinerja.ReportStatus) {
	h.T.Helper()
	r := &kinerja.Report{NIP: nip, TargetID: target, WorkDate: day, Quantity: qty, Description: "kegiatan",
		Status: st, AssessorNIP: nipHead, CreatedAt: h.Now, UpdatedAt: h.Now}
	if err := h.DB.CreateReport(context.Background(), r); err != nil {
		h.T.Fatal(err)
	}
}

// surveys stores n survey responses of a unit (and officer) on a day.
func (h *evalHarness) surveys(unit, officer string, day time.Time, n, answer int) {
	h.T.Helper()
	for range n {
		resp := &kinerja.SurveyResponse{UnitCode: unit, OfficerNIP: officer, Day: day,
			Answers: bottest.NineAnswers(answer)}
		if err := h.DB.AddSurveyResponse(context.Background(), resp); err != nil {
			h.T.Fatal(err)
		}
	}
}

func TestNilaiProposalFromApprovedReportsOnly(t *testing.T) {
	h := newEvalHarness(t)
	k1 := h.target(nipBudi, october, "K1", "Pasien dilayani", "pasien", 100, kinerja.HigherIsBetter, 2)
	k2 := h.target(nipBudi, october, "K2", "Waktu penyelesaian rujukan", "hari", 2, kinerja.LowerIsBetter, 1)
	h.report(nipBudi, k1, "2026-10-03", 60, kinerja.ReportApproved)
	h.report(nipBudi, k1, "2026-10-20", 35, kinerja.ReportApproved)
	h.report(nipBudi, k1, "2026-10-21", 50, kinerja.ReportRejected)
	h.report(nipBudi, k1, "2026-10-22", 20, kinerja.ReportPending)
	h.report(nipBudi, k2, "2026-10-05", 2, kinerja.ReportApproved)

	card := h.press(etHead, 1, "nil:s:"+evKey(nipBudi))
	// (95% × 2 + 100% × 1) / 3 = 96.67%: meets expectations.
	mustSay(t, card, "Laporan kerja disetujui: <b>3</b>",
		"Pasien dilayani: realisasi 95 dari target 100 pasien → capaian <b>95,00%</b>",
		"Waktu penyelesaian rujukan: realisasi 2 terhadap target 2 hari (makin kecil makin baik) → capaian <b>100,00%</b>",
		"Capaian tertimbang: <b>96,67%</b>", "Usulan hasil kerja: <b>Sesuai Ekspektasi</b>", "≥ 110% Di Atas")
	card = h.tap(etHead, card, "nil:ha:"+evKey(nipBudi))
	mustSay(t, card, "Hasil kerja: <b>Sesuai Ekspektasi</b> (sesuai usulan)", "nilai <b>1 dari 7</b>")
	e := h.evaluation(nipBudi)
	if e.DecidedHasil != kinerja.RatingMeets || e.HasilReason != "" || e.HasilBasis != kinerja.BasisOwn || len(e.Indicators) != 2 {
		t.Fatalf("stored %+v", e)
	}
	// A report approved after the decision does not move the numbers the
	// assessor decided on.
	h.report(nipBudi, k1, "2026-10-25", 30, kinerja.ReportApproved)
	h.press(etHead, 1, "nil:s:"+evKey(nipBudi))
	if got := h.evaluation(nipBudi).Indicators[0].Realisasi; got != 95 {
		t.Fatalf("realisation after the decision moved to %v", got)
	}
}

func TestNilaiYearlyTargetAndLowerIsBetterWithoutReports(t *testing.T) {
	h := newEvalHarness(t)
	y := h.target(nipSari, "2026", "P1", "Persalinan ditolong", "persalinan", 120, kinerja.HigherIsBetter, 0)
	h.target(nipSari, october, "W1", "Waktu tunggu", "menit", 30, kinerja.LowerIsBetter, 0)
	h.report(nipSari, y, "2026-09-14", 10, kinerja.ReportApproved)
	h.report(nipSari, y, "2026-10-02", 5, kinerja.ReportApproved)
	// Reported later in the year: not part of October's year-to-date.
	h.report(nipSari, y, "2026-11-02", 7, kinerja.ReportApproved)
	// October is compared with its share of the year: 1/12 of it, 10
	// births; only October's 5 count (not the year to date).
	card := h.press(etHead, 1, "nil:s:"+evKey(nipSari))
	mustSay(t, card, "Persalinan ditolong: realisasi 5 dari target 10 persalinan → capaian <b>50,00%</b>",
		"Target dipakai: target tahunan 120 (2026) × 1/12 bulan; realisasi = jumlah laporan",
		"Waktu tunggu: target 30 menit — belum ada laporan yang disetujui, tidak dihitung",
		"Capaian tertimbang: <b>50,00%</b>", "Usulan hasil kerja: <b>Di Bawah Ekspektasi</b>")
}

func TestNilaiUnitHeadIsRatedOnTheUnitsAchievement(t *testing.T) {
	h := newEvalHarness(t)
	h.target(nipHead, october, "IKM", "Indeks Kepuasan Masyarakat", "indeks", 85, kinerja.HigherIsBetter, 0)
	own := h.target(nipHead, october, "M1", "Rapat koordinasi", "kali", 10, kinerja.HigherIsBetter, 0)
	h.report(nipHead, own, "2026-10-07", 5, kinerja.ReportApproved)

	t.Run("no survey yet: own indicators, said so", func(t *testing.T) {
		card := h.press(etKadis, 1, "nil:s:"+evKey(nipHead))
		mustSay(t, card, "Indeks Kepuasan Masyarakat: target 85 — belum ada data survei unit",
			"Capaian tertimbang: <b>50,00%</b>", "data capaian unit (IKM, anggaran, kecepatan pelayanan) periode ini belum ada", "Usulan hasil kerja: <b>Di Bawah Ekspektasi</b>")
		if b := h.evaluation(nipHead).HasilBasis; b != kinerja.BasisUnitFallback {
			t.Fatalf("basis %q", b)
		}
	})
	t.Run("a provisional IKM is shown but does not decide", func(t *testing.T) {
		// Twenty citizens answer 4 to everything in October: IKM 100, but
		// with no population configured the sample is 384.
		h.surveys("PKM-TGR", "", time.Date(2026, 10, 15, 0, 0, 0, 0, bottest.WIB), 20, 4)
		card := h.press(etKadis, 1, "nil:s:"+evKey(nipHead))
		mustSay(t, card, "Indeks Kepuasan Masyarakat: realisasi 100 dari target 85 → capaian 117,65% — IKM sementara",
			"Capaian tertimbang: <b>50,00%</b>", "Usulan hasil kerja: <b>Di Bawah Ekspektasi</b>")
		if b := h.evaluation(nipHead).HasilBasis; b != kinerja.BasisUnitFallback {
			t.Fatalf("basis %q", b)
		}
	})
	t.Run("the unit's IKM is the head's work result", func(t *testing.T) {
		// A unit of 20 service users a month needs 19 respondents.
		h.f.cfg.Survey = survey.New(testDeps(h.Harness), survey.Config{Population: map[string]int{"PKM-TGR": 20}})
		card := h.press(etKadis, 1, "nil:s:"+evKey(nipHead))
		mustSay(t, card, "Indeks Kepuasan Masyarakat: realisasi 100 dari target 85 indeks → capaian <b>117,65%</b>",
			"IKM unit dari survei masyarakat", "Capaian unit (kepala unit, SE MenPANRB 3/2023): <b>117,65%</b>",
			"Usulan hasil kerja: <b>Di Atas Ekspektasi</b>")
		if e := h.evaluation(nipHead); e.HasilBasis != kinerja.BasisUnit || e.ProposedHasil != kinerja.RatingAbove {
			t.Fatalf("stored %+v", e)
		}
	})
}

func TestNilaiShowsTheOfficersSurveyFromFiveResponses(t *testing.T) {
	h := newEvalHarness(t)
	oct := time.Date(2026, 10, 9, 0, 0, 0, 0, bottest.WIB)
	h.surveys("PKM-TGR", nipBudi, oct, 4, 3)
	mustSay(t, h.press(etHead, 1, "nil:s:"+evKey(nipBudi)), "belum ditampilkan (kurang dari 5 responden")
	h.surveys("PKM-TGR", nipBudi, oct, 1, 4)
	// Four answer 3 and one answers 4: NRR 3.2 everywhere, IKM 80.00, grade B.
	mustSay(t, h.press(etHead, 1, "nil:s:"+evKey(nipBudi)), "IKM <b>80,00</b> (mutu B, Baik) dari 5 responden")
}

func TestNilaiSaysWhenReportsMayStillGrow(t *testing.T) {
	h := newEvalHarness(t)
	h.Now = time.Date(2026, 11, 3, 9, 0, 0, 0, bottest.WIB)
	mustSay(t, h.press(etHead, 1, "nil:s:"+evKey(nipBudi)), "masih dapat dikirim sampai 5 November 2026")
	h.Now = time.Date(2026, 11, 6, 9, 0, 0, 0, bottest.WIB)
	if got := h.press(etHead, 1, "nil:s:"+evKey(nipBudi)); strings.Contains(got[0].Text, "masih dapat dikirim") {
		t.Fatalf("reporting closed on the 5th, but: %q", got[0].Text)
	}
}
